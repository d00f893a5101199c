# sitrep: `make demo` runs the main job on the bundled example corpus; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   := examples/veskaria
OUT    ?= out/demo

.PHONY: demo test install install-test lint fuzz bench train-quotes train-hedges clean services services-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,spark]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	mkdir -p $(OUT)
	$(BIN)/sitrep assess $(DEMO) --db $(OUT)/sitrep.db --out $(OUT) --sources $(DEMO)/sources.toml
	@echo "Open $(OUT)/brief.html, or browse the evidence: $(BIN)/sitrep serve --db $(OUT)/sitrep.db"

# Services the tests need (PostgreSQL, headless Chromium) are installed and started by
# scripts/test-services; tests that need one skip with a message when it is missing.
services:
	-bash scripts/test-services start

services-stop:
	-bash scripts/test-services stop

test: install-test services
	$(BIN)/ruff check src tests benchmarks training; \
	status=$$?; \
	$(BIN)/python -m pytest -q -p no:cacheprovider; \
	tstatus=$$?; \
	bash scripts/test-services stop >/dev/null 2>&1 || true; \
	[ $$status -eq 0 ] && [ $$tstatus -eq 0 ]

lint: install-test
	$(BIN)/ruff check src tests benchmarks training

fuzz: install-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m "not browser and not postgres and not spark" tests

bench: install-test
	$(BIN)/pip install -q -e '.[bench]'
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

train-quotes: install-test
	$(BIN)/python training/train_quotes.py
	$(BIN)/python training/calibrate_quotes.py

train-hedges: install-test
	$(BIN)/python training/train_hedges.py

clean:
	rm -rf out build .pytest_cache
