# Station Ledger developer commands. `make run` and `make test` are the README quick start.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: install run test test-postgresql lint typecheck bench screenshots translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install only when the project's declared dependencies change, so a second run is quick.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python main.py $(ARGS)

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

# The suite on SQLite, then again on a throwaway PostgreSQL server (tests/pg_server.py) where its binaries exist.
test: install
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(ARGS)
	@if $(BIN)/python -c "import sys; from tests.pg_server import find_bin_dir; sys.exit(find_bin_dir() is None)"; \
	then echo "== the suite again on PostgreSQL =="; \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --engine=postgresql $(ARGS); \
	else echo "PostgreSQL server binaries (initdb, pg_ctl) not found: the PostgreSQL run is skipped."; fi

test-postgresql: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --engine=postgresql $(ARGS)

bench: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(ARGS)

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.screenshots docs/screenshots

translations: install
	$(BIN)/python -m tools.i18n_tool

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
