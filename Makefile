# The two commands a person needs: `make course` (serve the course) and
# `make test` (the whole suite). Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.safeshare-installed
HOST ?= 127.0.0.1
PORT ?= 8866
LAB_PORT ?= 8888

.PHONY: setup course lab test lint typecheck bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

course: setup
	$(BIN)/safeshare course serve --host $(HOST) --port $(PORT)

# JupyterLab opens on course/; it runs from assignments/ so nbgrader's formgrader
# finds the course's nbgrader_config.py, and the whole project stays browsable.
lab: setup
	cd assignments && ../$(BIN)/jupyter lab --ip=$(HOST) --port=$(LAB_PORT) \
		--ServerApp.root_dir=.. --LabApp.default_url=/lab/tree/course \
		--allow-root --ServerApp.open_browser=False

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: setup
	$(BIN)/ruff check toolkit tests benchmarks
	$(BIN)/ruff format --check toolkit tests benchmarks

typecheck: setup
	$(BIN)/mypy

bench: setup
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info toolkit/*.egg-info
