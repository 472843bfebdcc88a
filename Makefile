# Dry Needling Guide. Prerequisites: Python 3.11+ with venv, make, git.
#   make serve   install the site's requirements and serve it at http://127.0.0.1:8000/
#   make test    install the test requirements (and a browser if none) and run every test
#   make check   the editors' content checker
#   make build   a strict build into site/
#   make bench   benchmarks (not tests): Lighthouse, build speed, transfer sizes

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test check build bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

check: $(VENV)/.dev-installed
	$(BIN)/python -m macros.check $(CHECK_FLAGS)

test: $(VENV)/.dev-installed
	CHROME_PATH="$$(tests/find-browser.sh)" $(BIN)/python -m pytest

bench: $(VENV)/.dev-installed
	CHROME_PATH="$$(tests/find-browser.sh)" $(BIN)/python -m benchmarks

clean:
	rm -rf site .pytest_cache benchmarks/.work
