# Dry Needling Guide. Prerequisites: Python 3.11+ with venv, make, git.
#   make serve       install the site's requirements and serve it at http://127.0.0.1:8000/
#   make test        install the test requirements (and a browser if none) and run every test
#   make test-fast   the tests that need no browser and build the site only once (a quick loop)
#   make check       the editors' content checker (installs only the site and the checker: no test tools)
#   make check-fast  the checker without the build (so without reading grades)
#   make build       a strict build into site/
#   make bench       benchmarks (not tests): Lighthouse, build speed, transfer sizes, reading length
#   make lock        after editing requirements*.in: re-compile the locks requirements*.txt
#                    (keeps current versions; LOCK_FLAGS=--upgrade or --upgrade-package NAME to move)
#
# Installs come only from the locks: every package pinned and hashed, so pip refuses any
# file whose hash differs, and --no-deps because each lock is complete. Three layers, each a
# full lock holding the one before: requirements.txt (serve, build), requirements-check.txt
# (+ the checker's tools, for make check), requirements-dev.txt (+ tests, browser driver, linters).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
LOCK_VENV := .cache/pip-tools
LOCK_FLAGS ?=
COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_FLAGS)
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test test-fast check check-fast build bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.check-installed: requirements.txt requirements-check.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements-check.txt
	touch $@ $(VENV)/.site-installed  # each lock holds the one before

$(VENV)/.dev-installed: requirements.txt requirements-check.txt requirements-dev.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@ $(VENV)/.check-installed $(VENV)/.site-installed

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

check: $(VENV)/.check-installed
	$(BIN)/python -m macros.check $(CHECK_FLAGS)

check-fast: $(VENV)/.check-installed
	$(BIN)/python -m macros.check --no-build $(CHECK_FLAGS)

test: $(VENV)/.dev-installed
	CHROME_PATH="$$(tests/find-browser.sh)" $(BIN)/python -m pytest

test-fast: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m "not browser and not slow"

bench: $(VENV)/.dev-installed
	CHROME_PATH="$$(tests/find-browser.sh)" $(BIN)/python -m benchmarks

# pip-tools lives in its own venv, outside the locks it writes. In layer order: the check
# lock is compiled against the site's (-c requirements.txt in requirements-check.in), the
# dev lock against the check lock (-c requirements-check.txt in requirements-dev.in).
$(LOCK_VENV)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2

lock: $(LOCK_VENV)/bin/pip-compile
	$(COMPILE) --output-file requirements.txt requirements.in
	$(COMPILE) --output-file requirements-check.txt requirements-check.in
	$(COMPILE) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf site .pytest_cache benchmarks/.work
