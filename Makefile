# FieldReport — `make` lists the targets. Everything runs from a local .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp-install
DEMO_DIR := .demo
SRC := src tests benchmarks tools

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z][a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

.PHONY: install
install: $(STAMP) ## create .venv and install the project with its test tools

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

.PHONY: clean
clean: ## remove the virtual environment, caches and the demo store
	rm -rf $(VENV) $(DEMO_DIR) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
