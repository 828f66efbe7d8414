# Two commands on a fresh machine: `make site` builds the site, `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: install site serve test check note clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

site: $(STAMP)
	$(MKDOCS) build --strict

# Live preview; rebuilds on every change under docs/ or source_texts/ (SERVE_ADDR=host:port).
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
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

test: $(STAMP)
	CHROMIUM="$$(scripts/find-chromium)" && export CHROMIUM && $(PY) -m pytest

clean:
	rm -rf site dist test-artifacts
