# The README's two commands: `make run` opens the app on the sample article, `make test`
# runs every test. Both create the virtual environment and install the project first
# when it is missing or pyproject.toml changed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLE ?= sample_articles/seed_lavrov_alanya.txt

.PHONY: run test lint snapshots-update benchmark clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "reader needs Python 3.11 or newer (set PYTHON=python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/reader $(ARTICLE)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/ruff format --check reader tests benchmarks

snapshots-update: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_snapshots.py --snapshot-update -k "not the_readme_shows"
	cp tests/__snapshots__/test_snapshots/test_readme_screenshot.svg docs/screenshot.svg

benchmark: $(STAMP)
	$(BIN)/python -m benchmarks.accuracy

clean:
	rm -rf $(VENV) build dist .pytest_cache
