# Poortwachter — the two commands a newcomer needs: `make run` and `make test`.
# Both set up everything first: Debian libraries (when root), the .venv, packages, migrations.

SHELL := /bin/bash
PYTHON_312 ?= $(shell command -v python3.12 2>/dev/null || ls $$HOME/.pyenv/versions/3.12*/bin/python 2>/dev/null | tail -n 1)
VENV := .venv
PY := $(VENV)/bin/python
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core chromium poppler-utils

.PHONY: run test setup system-deps venv e2e clean-data bench

run: setup
	$(PY) -m reintegratie.local_stack

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m reintegratie.test_env $(PY) manage.py makemigrations --check --dry-run
	# The Docker image's steps with the production settings: collectstatic (temporary folder),
	# check --deploy, gunicorn against the test database answering the login page and /healthz.
	$(PY) -m reintegratie.test_env $(PY) -m reintegratie.production_check
	$(PY) -m reintegratie.test_env $(PY) -m pytest $(PYTEST_ARGS)

setup: system-deps venv

# Debian's libraries for WeasyPrint and Debian's chromium for the browser tests.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Please install these Debian packages (as root):$$missing"; exit 1; \
		fi; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON_312)" || { echo "Python 3.12 is required (Django 6.1)."; exit 1; }
	test -x $(PY) || $(PYTHON_312) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Benchmarks (not tests): every HR page against a bare view at 100/1,000/10,000 cases, the
# nightly work and the demo seed, printed as one table. Uses (and drops!) the database
# BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/poortwachter_bench).
bench: setup
	$(PY) bench/run_all.py

e2e: setup
	$(PY) -m reintegratie.test_env $(PY) -m pytest tests/e2e

# After adding Dutch UI strings: update locale/en/LC_MESSAGES/django.po and compile django.mo
# (needs GNU gettext). Translate the new empty or fuzzy entries, then run it again; commit both.
.PHONY: messages
messages: venv
	$(PY) -m reintegratie.test_env $(PY) manage.py makemessages -l en --ignore=.venv --ignore=.data --ignore=staticfiles --ignore=node_modules
	$(PY) -m reintegratie.test_env $(PY) manage.py compilemessages --ignore=.venv

clean-data:
	rm -rf .data
