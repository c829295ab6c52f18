# The two commands of the README, and the chores behind them.
#   make run   — virtual env, install, migrate, demo content, serve at http://127.0.0.1:8000
#                (HOST=0.0.0.0:8080 to serve elsewhere; DEBUG=1 for Django's debug pages)
#   make test  — virtual env, install with test tools, run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The site as visitors get it: its own 404 and 500 pages (static files come through WhiteNoise,
# uploads through the site's own view). DEBUG=1 shows Django's debug pages instead.
DEBUG ?= 0
# The address the links the site writes for the outside (e-mails, feeds, webhooks, the API) use:
# the one `run` serves, unless SITE_URL says otherwise.
SITE_URL ?= http://$(HOST)
PYTEST_ARGS ?=

.PHONY: run test install install-test serve seed lint format lock messages check-deploy worker clean

run: install
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo --address $(HOST)
	SITE_URL=$(SITE_URL) DEBUG=$(DEBUG) $(BIN)/python manage.py runserver $(HOST)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# Installs exactly what the lock files pin (with their hashes); re-runs only when a lock changes.
$(VENV)/.installed-run: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-test: requirements-test.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.lock
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

serve: install
	SITE_URL=$(SITE_URL) DEBUG=$(DEBUG) $(BIN)/python manage.py runserver $(HOST)

seed: install
	$(BIN)/python manage.py seed_demo --address $(HOST)

worker: install
	$(BIN)/python manage.py db_worker

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every dependency after editing pyproject.toml (needs network access to PyPI).
lock: install-test
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -q -o requirements-test.lock

# Extract and compile translations (needs GNU gettext); the compiled .mo files are committed.
messages: install
	$(BIN)/python manage.py makemessages -l fr --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

check-deploy: install
	DJANGO_SETTINGS_MODULE=community.settings.production $(BIN)/python manage.py check --deploy

clean:
	rm -rf $(VENV) var
