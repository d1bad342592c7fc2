PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/trialkg demo --out demo-out

lint: $(STAMP)
	$(BIN)/ruff check kg tests scripts bench
	$(BIN)/ruff format --check kg tests scripts bench
	$(BIN)/mypy

test: $(STAMP) lint
	bash scripts/install-servers.sh
	$(BIN)/pytest -q -p no:cacheprovider --durations=15

bench: $(STAMP)
	mkdir -p bench/results
	$(BIN)/python bench/run.py --out bench/results/latest.json

fuzz: $(STAMP)
	$(BIN)/python tests/fuzz.py --seconds $(or $(FUZZ_SECONDS),30)

clean:
	rm -rf $(VENV) demo-out build dist .mypy_cache .ruff_cache
