# storyline: `make demo` and `make test` work on a fresh machine (they install everything they need).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install sysdeps demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU build of torch first, or a dependency pulls a multi-GB CUDA build
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

sysdeps:
	bash scripts/sysdeps.sh

demo: install
	rm -rf demo-out
	$(VENV)/bin/storyline ingest examples/sample-corpus --db demo-out/storyline.db || true
	@echo
	@echo "Outputs: demo-out/ (store: demo-out/storyline.db; try: $(VENV)/bin/storyline show 1 --db demo-out/storyline.db)"

test: install sysdeps
	$(VENV)/bin/ruff check src tests bench
	$(PY) -m pytest -q -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check src tests bench

bench: install
	$(PY) bench/eval_clean.py
	$(PY) bench/bench_clean.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
