# Two commands on a fresh machine: `make site` builds the site, `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: install site serve test check clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

site: $(STAMP)
	$(MKDOCS) build --strict

serve: $(STAMP)
	$(MKDOCS) serve

test: $(STAMP)
	CHROMIUM="$$(scripts/find-chromium)" && export CHROMIUM && $(PY) -m pytest

# Build synthetic corpora at 1x, 10x and 100x with and without the plugin; print the table.
# The JSON report goes to test-artifacts/bench.json. See docs/benchmarks.md.
bench: $(STAMP)
	$(PY) scripts/bench.py --output test-artifacts/bench.json

clean:
	rm -rf site dist test-artifacts
