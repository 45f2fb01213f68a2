# Samverkan: everything a newcomer needs, from a machine with nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup messages migrate run test test-browser lint format bench clean interop

# The virtual environment and the project with its test tools, reinstalled when pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# Compiled catalogues are committed, so a machine without GNU gettext still runs in Swedish;
# with gettext present they are rebuilt from the .po files.
messages: setup
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --ignore=.venv -v0; \
	else \
		echo "msgfmt not found (GNU gettext): using the committed .mo files."; \
	fi

migrate: setup
	$(MANAGE) migrate --noinput -v0

run: messages migrate
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

# ical.js (the parser of Thunderbird and Nextcloud) for the feed interoperability tests,
# reinstalled when its lock file changes. Without node and npm those checks skip.
INTEROP := tests/events/interop
INTEROP_STAMP := $(INTEROP)/node_modules/.installed

$(INTEROP_STAMP): $(INTEROP)/package.json $(INTEROP)/package-lock.json
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		cd $(INTEROP) && npm ci --no-audit --no-fund --loglevel=error >/dev/null && touch node_modules/.installed; \
	else \
		echo "node/npm not found: the ical.js interoperability checks will be skipped."; \
	fi

interop: $(INTEROP_STAMP)
	@:

test: messages interop
	$(BIN)/pytest

# Only the browser tests (Playwright with the system's Chromium: apt-get install chromium).
test-browser: messages
	$(BIN)/pytest -m browser tests/browser

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache $(INTEROP)/node_modules
