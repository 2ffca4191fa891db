# The two commands a person needs: `make course` (serve the course) and
# `make test` (the whole suite). Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.safeshare-installed
HOST ?= 127.0.0.1
PORT ?= 8866
LAB_PORT ?= 8888

.PHONY: setup course lab test audit lint typecheck bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Says what it does: installing (first time only, a few minutes), preparing module 00's
# cases (a progress bar), then serving at the URL; the other modules' cases are prepared
# in the background while module 00 is already open.
course:
	@test -f $(STAMP) -a $(STAMP) -nt pyproject.toml || \
		echo "safeshare: installing the toolkit and Voila into $(VENV) (first time only: a few minutes)..."
	@$(MAKE) --no-print-directory setup
	@echo "safeshare: starting the course server on http://$(HOST):$(PORT)/"
	$(BIN)/safeshare course serve --host $(HOST) --port $(PORT)

# JupyterLab opens on course/; it runs from assignments/ so nbgrader's formgrader
# finds the course's nbgrader_config.py, and the whole project stays browsable.
# The virtualenv's bin/ goes first on PATH: the Formgrader's gradebook runs `alembic`
# by name (without it the assignment list never loads). assignments/jupyter/ goes first
# on JUPYTER_CONFIG_PATH: its labconfig/page_config.json turns off the Jupyter news
# pop-up (the announcements plugin); news and update checks are off on the server too.
lab: setup exchange
	cd assignments && PATH="$(CURDIR)/$(BIN):$$PATH" \
		JUPYTER_CONFIG_PATH="$(CURDIR)/assignments/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		../$(BIN)/jupyter lab --ip=$(HOST) --port=$(LAB_PORT) \
		--ServerApp.root_dir=.. --LabApp.default_url=/lab/tree/course \
		--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
		--allow-root --ServerApp.open_browser=False

# nbgrader's exchange, where release, fetch, submit and collect meet: the Formgrader
# needs it to exist. World-writable, as nbgrader's release makes it, so learners on
# this machine can submit. $SAFESHARE_EXCHANGE moves it (see nbgrader_config.py).
EXCHANGE := $(or $(SAFESHARE_EXCHANGE),assignments/exchange)

.PHONY: exchange
exchange:
	@test -d "$(EXCHANGE)" || { mkdir -p "$(EXCHANGE)" && chmod 777 "$(EXCHANGE)" && echo "created the nbgrader exchange $(EXCHANGE)"; }

# The widget's JavaScript lives in js/ and is bundled into widgets/static/exercise.js,
# which stays committed (so `make course` needs no Node). `make test` runs its unit
# tests with Node, and checks the bundle and its types with the esbuild and TypeScript
# pinned in js/package-lock.json (installed by npm ci once). Without Node (or npm) those
# tests skip with the reason; CI sets SAFESHARE_REQUIRE_NODE=1 to make that a failure.
test: setup widget-setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup

JS := js
JS_STAMP := $(JS)/node_modules/.safeshare-installed

.PHONY: widget widget-setup

widget-setup:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(JS_STAMP); \
	else echo "npm not found: the widget's bundle and type checks will skip (apt-get install nodejs npm)"; fi

$(JS_STAMP): $(JS)/package.json $(JS)/package-lock.json
	cd $(JS) && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Rebuild the bundle after editing js/src/ (type check first), then commit both.
widget: widget-setup
	cd $(JS) && npm run --silent check && npm run --silent build

lint: setup
	$(BIN)/ruff check toolkit tests benchmarks
	$(BIN)/ruff format --check toolkit tests benchmarks

typecheck: setup
	$(BIN)/mypy

# The independent-reader audit of the bank over more seeds than `make test` uses.
audit: setup
	SAFESHARE_AUDIT_SEEDS=1,2,3,4,5 $(BIN)/python -m pytest tests/audit -n 2 --dist loadgroup

bench: setup
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info toolkit/*.egg-info
