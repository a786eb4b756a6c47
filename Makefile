# Station Ledger developer commands. `make run` and `make test` are the README quick start.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=
# The suite runs on every core (pytest-xdist; CI has 2), each worker with its own temp folders and PostgreSQL server.
# Serially, for debugging or a clean traceback: `make test TEST_WORKERS=0` (or ARGS='-n 0', since ARGS come last).
TEST_WORKERS ?= auto
# load (test by test) measured as fast as loadfile here (482 s against 496 s, within the noise of a shared machine)
# and does not leave one worker finishing the largest file alone.
PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load

.PHONY: install run test test-postgresql lint typecheck bench screenshots translations package clean

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
	$(PYTEST) $(ARGS)
	@if $(BIN)/python -c "import sys; from tests.pg_server import find_bin_dir; sys.exit(find_bin_dir() is None)"; \
	then echo "== the suite again on PostgreSQL =="; \
	  $(PYTEST) --engine=postgresql $(ARGS); \
	else echo "PostgreSQL server binaries (initdb, pg_ctl) not found: the PostgreSQL run is skipped."; fi

test-postgresql: install
	$(PYTEST) --engine=postgresql $(ARGS)

bench: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(ARGS)

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.screenshots docs/screenshots

translations: install
	$(BIN)/python -m tools.i18n_tool

# dist/station-ledger_<version>_amd64.deb: a frozen build (PyInstaller, one folder) packed with dpkg-deb;
# packaging/build_deb.py says what goes in, README.md 安装包 how to install it.
package: install
	$(BIN)/python packaging/build_deb.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build dist
