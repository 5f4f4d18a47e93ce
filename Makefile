# pgdocs — two commands: `make demo` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_SYS := $(VENV)/.system-ok
STAMP_PY := $(VENV)/.python-ok
STAMP_NPM := node_modules/.package-lock.json
DEMO_OUT ?= out/demo

.PHONY: setup demo test test-fast lint typecheck bench clean

setup: $(STAMP_SYS) $(STAMP_PY) $(STAMP_NPM)

$(STAMP_SYS): scripts/setup-system.sh
	@bash scripts/setup-system.sh
	@mkdir -p $(VENV) && touch $@

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP_PY): pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

# test-only tools from the npm registry, pinned by package-lock.json (axe-core for the browser tests)
$(STAMP_NPM): package.json package-lock.json $(STAMP_SYS)
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

demo: setup
	@bash scripts/demo.sh $(DEMO_OUT)

test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup
	@mkdir -p out/ci
	$(BIN)/pgdocs lint samples --junit out/ci/lint-junit.xml -j 2

# the edit-test loop: no Tesseract, LibreOffice or browser tests (those are marked); `make test` runs everything
test-fast: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not (slow or tesseract or soffice or browser or render)"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: setup
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
