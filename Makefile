# Two commands set everything up on a fresh machine:
#   make run    start the whole system with embedded defaults, and print where to go
#   make test   lint (ruff, mypy), then run the test suite (SQLite; PostgreSQL too when ONESTOP_TEST_DATABASE_URL is set)
#   make bench  measure throughput and latency against a bare Temporal baseline

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: run lint test test-postgres bench install bytecode chromium clean

# Our own packages (the editable install leaves them as sources).
SOURCES := onestop services workflows connectors policies portal store documents idp bench tests

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(INSTALLED)

# Temporal's workflow sandbox imports the workflow modules afresh for every workflow run: without
# bytecode on disk (PYTHONDONTWRITEBYTECODE, an editable install) each run compiles them from
# source. compileall writes it whatever the environment says, and skips what is up to date.
bytecode: $(INSTALLED)
	$(BIN)/python -m compileall -q -j 0 $(SOURCES)

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
chromium: $(CHROMIUM)

$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get install -y --no-install-recommends chromium || \
	  { $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; }

run: bytecode
	$(BIN)/onestop up

# ruff and mypy read their settings (rules, strictness, files) from pyproject.toml.
lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/python -m mypy

test: lint bytecode $(CHROMIUM)
	$(BIN)/python -m pytest

# The same suite on the machine's PostgreSQL (each run gets a fresh database).
test-postgres: bytecode $(CHROMIUM)
	ONESTOP_TEST_DATABASE_URL=$${ONESTOP_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres} \
	  $(BIN)/python -m pytest

bench: bytecode
	$(BIN)/python -m bench

clean:
	rm -rf .onestop .pytest_cache .mypy_cache .ruff_cache bench/results
