# Two commands on a fresh machine: `make site` builds the site, `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
# Third-party browser files (web-worker shim, accessibility engine) come from npm at set-up
# time into node_modules/ (ignored), never from the repository or the network at run time.
NODE_STAMP := node_modules/.installed
# The offline bundle is dist/$(EDITION_NAME)-offline.zip.
EDITION_NAME ?= singapore-2018-annotated

export NO_MKDOCS_2_WARNING := 1

.PHONY: install vendor site serve test offline portable check note clean links bench compare-builds lighthouse

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@# pip compiles what it installs, but not an editable install: write the engine's bytecode,
	@# or a shell with PYTHONDONTWRITEBYTECODE compiles it from source on every build.
	$(PY) -m compileall -q plugins
	@# The engine's Jinja templates, compiled likewise (render/template_cache.py).
	$(PY) -m annotated_edition.render.template_cache
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "make: npm is needed: install Node.js 18+ and npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

vendor: $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

# Build dates (the sitemap's) come from the last commit, so one commit always builds the same bytes.
site: $(STAMP) $(NODE_STAMP)
	SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)}" $(MKDOCS) build --strict

# Every internal link and fragment of the built site resolves; nothing links out but citations.
links: site
	$(PY) scripts/check_links.py site

# Live preview; rebuilds on every change under docs/ or source_texts/ (SERVE_ADDR=host:port).
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP) $(NODE_STAMP)
	$(MKDOCS) serve -a $(SERVE_ADDR)

# Check every text, structure file and note without building (PATHS=… narrows the report).
check: $(STAMP)
	@$(PY) -m annotated_edition check $(PATHS)

# Start a note: make note TARGET=document/clause [TITLE="…"] [SLUG=…] [QUOTE="…"] [AUTHOR="…"]
# (values reach the command through the environment, so quotes in a title are safe).
note: $(STAMP)
	@if [[ -z "$${TARGET:-}" ]]; then echo "usage: make note TARGET=document/clause [TITLE=\"…\"] [SLUG=…] [QUOTE=\"…\"] [AUTHOR=\"…\"]" >&2; exit 2; fi
	@$(PY) -m annotated_edition new-note "$$TARGET" $${TITLE:+--title "$$TITLE"} $${SLUG:+--slug "$$SLUG"} \
		$${QUOTE:+--quote "$$QUOTE"} $${AUTHOR:+--author "$$AUTHOR"}

test: $(STAMP) $(NODE_STAMP)
	CHROMIUM="$$(scripts/find-chromium)" && export CHROMIUM && $(PY) -m pytest

# The offline bundle is built apart, without "Edit" links and without "Propose a note" (an offline
# reader cannot edit, and the offline build links out only in citations); its links are checked
# before it is packed.
OFFLINE_SITE := dist/offline-site
offline: $(STAMP) $(NODE_STAMP)
	EDITION_EDIT_URI= EDITION_PROPOSE_REPOSITORY= SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)}" \
		$(MKDOCS) build --strict -d $(OFFLINE_SITE)
	$(PY) scripts/check_links.py --offline $(OFFLINE_SITE)
	$(PY) scripts/make-offline --site $(OFFLINE_SITE) --name $(EDITION_NAME)

# The whole edition as plain files that build with no plugin (MkDocs, ProperDocs or Zensical):
# dist/portable/mkdocs.yml and dist/portable/docs/. Build it with
# `cd dist/portable && zensical build` (or `mkdocs build`). See README, "Other engines".
PORTABLE_DIR := dist/portable
portable: $(STAMP) $(NODE_STAMP)
	SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)}" \
		$(PY) -m annotated_edition.tools.portable --out $(PORTABLE_DIR)

# Build synthetic corpora at 1x, 10x and 100x with and without the plugin; print the table.
# The JSON report goes to test-artifacts/bench.json. See docs/benchmarks.md.
bench: $(STAMP) $(NODE_STAMP)
	$(PY) scripts/bench.py --output test-artifacts/bench.json

# Byte-compare the site built from REF (default: main) with the working tree's.
compare-builds: $(STAMP) $(NODE_STAMP)
	$(PY) scripts/compare-builds $(REF)

# Lighthouse (mobile) on the statement page, a clause page and the home page, beside a bare
# Material site built and served in the same run; the table is printed, the JSON goes to
# test-artifacts/lighthouse/. LIGHTHOUSE_ARGS="--check" fails on a missed target (scores depend
# on the machine, so CI runs it without); "--gzip" serves compressed, as GitHub Pages does.
lighthouse: site
	CHROME_PATH="$${CHROME_PATH:-$$(scripts/find-chromium)}" $(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

clean:
	rm -rf site dist test-artifacts .cache/annotated-edition
