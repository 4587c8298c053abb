# The README's two commands are `bash make.sh run` and `bash make.sh test` (make.sh installs
# make itself if it is missing); everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve test test-browser screenshots test-postgres check lint format install bench bench-import bench-load bench-pages bench-invalidation bench-fuzz clean

# Create the environment once, and again whenever requirements.txt changes.
$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

# Migrate, load the seed record into an empty archive, and serve on http://127.0.0.1:8000.
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed
	$(BIN)/python manage.py runserver $(HOST)

# Django's checks, a missing-migration check, then the whole test suite (Debian's jing,
# which checks TEI, is installed first if it is missing).
test: install check
	bash .ci/debian-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The browser tests alone (Playwright driving Debian's Chromium, installed if missing).
test-browser: install
	bash .ci/debian-packages
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

# Take the README's screenshots again, into docs/screenshots/.
screenshots: install
	bash .ci/debian-packages --screenshots
	SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest -m browser -k screenshots -q

# The same suite on a throw-away PostgreSQL cluster (Debian's postgresql, installed if missing).
test-postgres: install
	bash .ci/debian-packages --postgres
	bash .ci/with-postgres $(MAKE) test

check: install
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Search benchmark (minutes, gigabytes): SQLite and a throw-away PostgreSQL, then the report.
# BENCH_SIZES=1000 10000 for a quicker run.
BENCH_SIZES ?= 1000 10000 100000
BENCH_DB ?= $${TMPDIR:-/tmp}/archive-bench.sqlite3
bench: install
	bash .ci/debian-packages --postgres
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	DATABASE_URL=sqlite:///$(BENCH_DB) $(BIN)/python bench/search.py --sizes $(BENCH_SIZES) \
		--output bench/results/search-sqlite.json
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	bash .ci/with-postgres $(BIN)/python bench/search.py --sizes $(BENCH_SIZES) \
		--output bench/results/search-postgresql.json
	$(BIN)/python bench/report.py

# Import benchmark: 1,000 generated record files into an empty SQLite archive (a minute or
# two), then into one that already holds 100,000 documents (about ten minutes).
bench-import: install
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	DATABASE_URL=sqlite:///$(BENCH_DB) $(BIN)/python bench/import_records.py --count 1000 \
		--output bench/results/import-sqlite.json
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	DATABASE_URL=sqlite:///$(BENCH_DB) $(BIN)/python bench/import_records.py --count 1000 \
		--existing 100000 --output bench/results/import-sqlite-100k.json
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm

# Production under load (bench/serving.py starts gunicorn on loopback ports): SQLite, then
# a throw-away PostgreSQL.
bench-load: install
	bash .ci/debian-packages --bench
	$(BIN)/python bench/load.py
	bash .ci/with-postgres $(BIN)/python bench/load.py

bench-invalidation: install
	$(BIN)/python bench/invalidation.py
	bash .ci/with-postgres $(BIN)/python bench/invalidation.py

bench-pages: install
	bash .ci/debian-packages --bench
	$(BIN)/python bench/pages.py
	bash .ci/with-postgres $(BIN)/python bench/pages.py

bench-fuzz: install
	rm -f $(BENCH_DB)
	DATABASE_URL=sqlite:///$(BENCH_DB) $(BIN)/python bench/fuzz.py --requests 10000
	rm -f $(BENCH_DB)

# Production: DEBUG off, gunicorn, hashed and compressed static files. Needs SECRET_KEY and
# ALLOWED_HOSTS in the environment (see .env.example and the README's "Production").
serve: export DEBUG = false
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn --config config/gunicorn.conf.py config.wsgi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
