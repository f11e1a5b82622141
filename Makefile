# Figurewatch: `make demo` runs the pipeline on the seeds, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: help demo test test-unit test-integration test-deps native lint format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed ## run the seeds through the embedded broker and print the alerts
	$(BIN)/figurewatch run --exit-when-idle seeds/

test-deps: ## Debian's prometheus (promtool, real scrape) and chromium (page tests); skips what is installed
	bash scripts/install-test-deps.sh

test: $(VENV)/.installed-dev test-deps ## the whole suite, integration tests on the embedded broker included
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-unit: $(VENV)/.installed-dev ## the tests that need no broker
	$(BIN)/python -m pytest -m "not integration" $(PYTEST_ARGS)

test-integration: $(VENV)/.installed-dev test-deps ## the tests against a real broker
	$(BIN)/python -m pytest -m integration $(PYTEST_ARGS)

$(VENV)/.installed-native: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[native]'
	touch $@ $(VENV)/.installed

native: $(VENV)/.installed-native $(VENV)/.installed-dev ## compile the extractor with mypyc (~1.35x faster; needs a C compiler), checked against the interpreted one
	$(BIN)/python -c 'from pipeline.native import build; build()'
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit/core \
		|| { rm -f build/native/pipeline/core/SOURCES.sha256; echo "make native: the core tests fail on the compiled modules; build/native is not used"; exit 1; }

lint: $(VENV)/.installed-dev ## ruff
	$(BIN)/ruff check pipeline tests bench

format: $(VENV)/.installed-dev ## ruff format
	$(BIN)/ruff format pipeline tests bench

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info build
