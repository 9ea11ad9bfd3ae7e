# The one entry point. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install constraints run test lint format worker bench chromium check migrate demo

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# After a change of pyproject.toml: install without the old pins, then pin what was resolved.
constraints:
	$(PY) -m pip install --quiet -e ".[dev]"
	{ sed -n '1,3p' constraints.txt; $(PY) -m pip freeze --exclude-editable | sort -f; } > constraints.new
	mv constraints.new constraints.txt

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py sync_site

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Устанавливаю chromium (Debian)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Для браузерных тестов нужен Debian-пакет chromium: sudo apt-get install chromium"; exit 1; \
	  fi; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

test: install chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --create-db -n 2

worker: install
	@test -n "$$CELERY_BROKER_URL" || { echo "Задайте CELERY_BROKER_URL, например redis://127.0.0.1:6379/0"; exit 1; }
	@mkdir -p .data
	$(VENV)/bin/celery -A portal worker --beat --schedule .data/celerybeat-schedule --loglevel=info

# Benchmarks on a separate database; BENCH_SCALE=0.05 for a quick run (see bench/README.md).
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)
