# Réseau RECI – every task a developer or CI needs. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
MANAGE := $(BIN)/python manage.py
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
# pytest-xdist workers (the CI machine has two cores); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: backup restore browser mail-server pytest-browser services services-stop help install install-test run migrate demo superuser serve test lint format check pytest pytest-postgres bench-load clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

# Front-end assets from the npm registry (package-lock.json), served from our static files.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the admin's statistics charts are left out (tables still shown)"; \
	fi

install: $(VENV)/.installed node_modules/.installed ## Create .venv and install the application

install-test: $(VENV)/.installed-test node_modules/.installed ## Install the application and what the tests need

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content (safe to run twice)
	$(MANAGE) load_demo_data

superuser: install ## Create the development superuser (DEBUG only)
	$(MANAGE) create_dev_superuser

# Migrations, demo and superuser in one process (`prepare_dev`): as three commands, each
# paying Django's start, they took 8.7 s before the server started.
run: install ## Set everything up and serve on http://127.0.0.1:$(PORT)
	$(MANAGE) prepare_dev
	@echo "Site : http://127.0.0.1:$(PORT)/  Admin : /admin/  API : /api/v2/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install-test ## ruff (lint and format check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-test ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

browser: ## Install Debian's Chromium for the browser tests when missing (needs root then)
	site/browser/browser.sh install

mail-server: ## Install Debian's Dovecot for the IMAP bounce tests when missing (root; else they are skipped)
	@site/mail/dovecot.sh install || echo "Dovecot not installed: the IMAP bounce tests will be skipped"

pytest: install-test browser mail-server ## The test suite on SQLite, then the browser tests in their own run
	env -u DATABASE_URL $(BIN)/pytest -n $(PYTEST_WORKERS) --ignore=tests/browser
	$(MAKE) --no-print-directory pytest-browser

pytest-browser: install-test browser ## The browser tests (Chromium, SQLite), apart from the rest
	env -u DATABASE_URL $(BIN)/pytest -n $(PYTEST_WORKERS) tests/browser

pytest-postgres: install-test mail-server ## The test suite on PostgreSQL (DATABASE_URL, default: local server)
	DATABASE_URL=$${DATABASE_URL:-$(PG_TEST_URL)} $(BIN)/pytest -n $(PYTEST_WORKERS) --ignore=tests/browser

test: lint check pytest ## Lint, checks, tests on SQLite, and on PostgreSQL when DATABASE_URL is set
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory pytest-postgres; fi

services: ## Start PostgreSQL, Redis and OpenSearch on 127.0.0.1 (installs them when missing)
	site/services/services.sh start

services-stop: ## Stop the services `make services` started
	site/services/services.sh stop

bench-load: install ## Load test (bench/load.sh: wrk, gunicorn, PostgreSQL; 60 s per scenario)
	bench/load.sh

backup: ## Back up PostgreSQL (DATABASE_URL) and media into ./backups/<date>/
	site/backup.sh backups

restore: ## Restore a backup: make restore BACKUP=backups/<date>
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=backups/<date>" >&2; exit 2)
	site/restore.sh "$(BACKUP)"

clean: ## Remove the virtualenv, caches and the development database
	rm -rf $(VENV) .pytest_cache .ruff_cache db.sqlite3
