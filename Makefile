# Two commands: `make run` (portal on SQLite with demo data) and `make test` (the whole suite).
# Production: `make serve` (one process) or `make cluster` (PROCS processes behind HAProxy).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
PROCS ?= $(shell nproc 2>/dev/null || echo 2)
STAMP := $(VENV)/.installed

.PHONY: run serve cluster test setup migrate seed lint bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(BIN)/python manage.py migrate

seed: migrate
	$(BIN)/python manage.py seed-demo

run: seed
	$(BIN)/python manage.py send-reminders  # the demo's due reminders (cron does this in production)
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://localhost:$(PORT)} \
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

# One production-style process: no demo data, DATABASE_URL from the environment. Production
# also sets PORTAL_ENV=production, AUTH_COOKIE_KEY, NATIONAL_ID_HASH_KEY and
# STREAMLIT_SERVER_COOKIE_SECRET (README: Running in production). Measured: the file watcher
# walks every loaded module on each run, and the full GC after each run was half the script
# time, so both are off here (deploy/cluster.py's PRODUCTION_FLAGS are the same).
serve: migrate
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://localhost:$(PORT)} \
	exec $(BIN)/streamlit run app.py --server.port $(PORT) \
		--server.headless true --server.fileWatcherType none --runner.postScriptGC false

# PROCS processes (default: one per core) on ports PORT+1…, behind HAProxy on PORT, sticky by
# a cookie; PostgreSQL when PROCS > 1. BACKEND_PORT moves the internal ports.
cluster: setup
	exec $(BIN)/python -m deploy.cluster --procs $(PROCS) --port $(PORT) \
		$(if $(BACKEND_PORT),--backend-port $(BACKEND_PORT))

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var test-artifacts
