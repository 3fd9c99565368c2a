# Two commands set everything up on a fresh machine:
#   make run    start the whole system with embedded defaults, and print where to go
#   make test   run the test suite (SQLite; PostgreSQL too when ONESTOP_TEST_DATABASE_URL is set)
#   make bench  measure throughput and latency against a bare Temporal baseline

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: run test test-postgres bench install chromium clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(INSTALLED)

# Browser tests drive Debian's Chromium; Playwright never downloads a browser.
chromium: $(CHROMIUM)

$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get install -y --no-install-recommends chromium || \
	  { $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; }

run: $(INSTALLED)
	$(BIN)/onestop up

test: $(INSTALLED) $(CHROMIUM)
	$(BIN)/python -m pytest

# The same suite on the machine's PostgreSQL (each run gets a fresh database).
test-postgres: $(INSTALLED) $(CHROMIUM)
	ONESTOP_TEST_DATABASE_URL=$${ONESTOP_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres} \
	  $(BIN)/python -m pytest

bench: $(INSTALLED)
	$(BIN)/python -m bench

clean:
	rm -rf .onestop .pytest_cache bench/results
