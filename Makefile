# sysatlas: `make site` builds everything from content/, `make test` runs every test. Both install what they need.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export PUPPETEER_SKIP_DOWNLOAD := 1

.PHONY: site test check lint bench deps python-deps node-deps chromium clean serve screenshots measure

site: deps  ## build and verify every diagram, then the site into site/
	$(BIN)/sysatlas build

test: deps  ## lint, type-check and run the whole test suite (browser tests included)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -W error -n 2 -q

check: deps  ## fast content checks, no browser
	$(BIN)/sysatlas check

bench: deps  ## generation, validation vs mermaid-cli, rebuild times, site build
	$(BIN)/python bench/run.py

screenshots: deps  ## retake docs/screenshots/*.png from the whole atlas (light and dark)
	SYSATLAS_SCREENSHOTS=1 $(BIN)/pytest -q -p no:xdist tests/test_site.py -k screenshots

measure: deps  ## the reader measurements over the whole atlas: text size on screen, cropping, first diagram, phone viewer
	SYSATLAS_MEASURE=1 $(BIN)/pytest -q -s -p no:xdist tests/test_site.py -k "come_first or pinch_zoom"

serve: site  ## serve the built site on http://127.0.0.1:8000
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

deps: python-deps node-deps chromium

python-deps: $(VENV)/.installed
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

node-deps: node_modules/.installed
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

chromium:
	@if [ -n "$$SYSATLAS_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	else echo "Install Chromium (Debian: sudo apt-get install chromium) or set SYSATLAS_CHROMIUM" >&2; exit 1; fi

clean:
	rm -rf build site .cache
