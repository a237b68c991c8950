# FieldReport — `make` lists the targets. Everything runs from a local .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp-install
DEMO_DIR := .demo
SRC := src tests benchmarks tools

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z][a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

# Dependencies come from the hashed lock files (requirements/*.lock, `make lock`); the project
# itself is installed on top without dependencies. `pip check` fails when pyproject.toml
# gained a dependency that the lock lacks.
$(STAMP): pyproject.toml requirements/dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	@touch $(STAMP)

.PHONY: install
install: $(STAMP) ## create .venv and install the project with its test tools (from the lock)

# The three locks resolve the same versions: field ⊂ package ⊂ dev. Universal: one file for
# Linux, Windows and macOS (markers), with the hashes of every platform's files.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"

.PHONY: lock
lock: $(STAMP) ## re-resolve requirements/*.lock from pyproject.toml (UPGRADE=1 for newer versions)
	$(LOCK) $(if $(UPGRADE),--upgrade,) pyproject.toml -o requirements/field.lock
	$(LOCK) $(if $(UPGRADE),--upgrade,) pyproject.toml requirements/package.in -c requirements/field.lock \
	  -o requirements/package.lock
	$(LOCK) $(if $(UPGRADE),--upgrade,) pyproject.toml --extra dev --extra hq requirements/dev.in \
	  -c requirements/package.lock -o requirements/dev.lock

TS := $(wildcard src/fieldreport/resources/translations/*.ts)
QM := $(TS:.ts=.qm)

%.qm: %.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

UI := $(wildcard ui/*.ui)
UI_PY := $(patsubst ui/%.ui,src/fieldreport/gui/generated/ui_%.py,$(UI))

src/fieldreport/gui/generated/ui_%.py: ui/%.ui $(STAMP)
	@mkdir -p $(@D) && touch $(@D)/__init__.py
	$(BIN)/pyside6-uic $< -o $@

.PHONY: ui
ui: $(UI_PY) ## compile the Qt Designer forms (ui/*.ui → gui/generated/, not committed)

.PHONY: translations
translations: $(QM) ## compile the Qt Linguist translations (.ts → .qm, not committed)

.PHONY: translations-update
translations-update: $(STAMP) ## extract new tr() strings from the code into the .ts files
	$(BIN)/pyside6-lupdate -no-obsolete src/fieldreport/gui/*.py $(UI) -ts $(TS)

.PHONY: run
run: $(STAMP) $(QM) $(UI_PY) ## open the desktop app on a demo store (sample Sahel incidents)
	@$(BIN)/python -m fieldreport.demo $(DEMO_DIR)
	@$(BIN)/fieldreport --data-dir $(DEMO_DIR)

.PHONY: test
test: $(STAMP) $(QM) $(UI_PY) ## run the whole test suite
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: $(STAMP) $(QM) $(UI_PY) ## the suite without the slow tests (kill loop, big stores)
	$(BIN)/python -m pytest -q -m "not slow" $(PYTEST_ARGS)

.PHONY: bench
bench: $(STAMP) ## print the performance table (performance.md); QUICK=1 for a short run
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick,)

.PHONY: lint
lint: $(STAMP) ## ruff, formatting check, mypy --strict on the core, import contracts
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)
	$(BIN)/mypy
	$(BIN)/lint-imports

.PHONY: fmt
fmt: $(STAMP) ## format the code and apply safe lint fixes
	$(BIN)/ruff format $(SRC)
	$(BIN)/ruff check --fix $(SRC)

# Packaging runs in its own environment made from requirements/package.lock alone: the field
# program's dependencies and PyInstaller, nothing of the relay or the test tools.
PKG_VENV ?= .venv-package
PKG_STAMP := $(PKG_VENV)/.stamp-package

$(PKG_STAMP): requirements/package.lock
	rm -rf $(PKG_VENV) && $(PYTHON) -m venv $(PKG_VENV)
	$(PKG_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/package.lock
	@touch $(PKG_STAMP)

# Reproducible: file times from the last commit, a fixed hash seed (packaging/README.md).
.PHONY: package
package: $(PKG_STAMP) $(QM) $(UI_PY) ## build the one-folder program dist/fieldreport/ (PyInstaller)
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 315532800)} \
	PYTHONHASHSEED=1 $(PKG_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/fieldreport.spec
	@du -sh dist/fieldreport

.PHONY: smoke
smoke: ## smoke-test dist/fieldreport outside any virtual environment (--version, self-test)
	packaging/smoke-test.sh dist/fieldreport

.PHONY: clean
clean: ## remove the virtual environments, caches, builds and the demo store
	rm -rf $(VENV) $(PKG_VENV) $(DEMO_DIR) build dist .pytest_cache .mypy_cache .ruff_cache \
	  .hypothesis
