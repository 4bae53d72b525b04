# The README's two commands: `make run` opens the app on the sample article, `make test`
# runs every test. Both create the virtual environment first when it is missing; `run`
# installs only what reading needs, `test` adds the development tools. Each install is
# done again when pyproject.toml changes, and says what it is doing before it starts.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
ARTICLE ?= sample_articles/seed_lavrov_alanya.txt

.PHONY: run test lint snapshots-update benchmark clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "reader needs Python 3.11 or newer (set PYTHON=python3.11)"; exit 1; }
	@echo "==> Creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo "==> Installing reader and what it needs to run (spaCy, its English model,"
	@echo "    Textual): about 450 MB, a minute or more the first time"
	$(BIN)/python -m pip install --quiet --progress-bar off -e .
	@touch $(RUN_STAMP)

$(DEV_STAMP): $(RUN_STAMP)
	@echo "==> Adding the development tools (pytest and its plugins, Hypothesis, ruff, mypy, …)"
	$(BIN)/python -m pip install --quiet --progress-bar off -e '.[dev]'
	@touch $(DEV_STAMP)

run: $(RUN_STAMP)
	$(BIN)/reader $(ARTICLE)

# The suite runs on every core (pytest-xdist): most of its time is tests that start the
# reader or load spaCy, each independent of the others, so two cores nearly halve it.
test: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -n auto

# Style, types (strict over the package) and the layering contracts in pyproject.toml.
lint: $(DEV_STAMP)
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/ruff format --check reader tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

snapshots-update: $(DEV_STAMP)
	$(BIN)/python -m pytest -q tests/test_snapshots.py --snapshot-update -k "not the_readme_shows"
	cp tests/__snapshots__/test_snapshots/test_readme_screenshot.svg docs/screenshot.svg

benchmark: $(DEV_STAMP)
	$(BIN)/python -m benchmarks.accuracy

clean:
	rm -rf $(VENV) build dist .pytest_cache
