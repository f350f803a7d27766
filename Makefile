# storyline: `make demo` and `make test` work on a fresh machine (they install everything they need).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install sysdeps demo test lint format bench clean

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
	$(VENV)/bin/storyline run examples/sample-corpus --out demo-out
	@echo
	@echo "Outputs in demo-out/:"
	@echo "  demo-out/index.html   the stories found, with links to each brief (open in a browser)"
	@echo "  demo-out/story-N.md|.json|.html   one cited brief per story"
	@echo "  demo-out/storyline.db   the store; e.g. $(VENV)/bin/storyline stories --db demo-out/storyline.db"
	@echo
	@echo "Open the web app on it:  $(VENV)/bin/storyline serve --db demo-out/storyline.db   (then http://localhost:8000/)"

test: install sysdeps lint
	$(PY) -m pytest -q -p no:cacheprovider

# ruff (lint and format), the layer contract (no module imports from a higher layer) and mypy
lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/eval_clean.py
	$(PY) bench/eval_text_scrapes.py
	$(PY) bench/eval_html.py
	$(PY) bench/bench_clean.py
	$(PY) bench/eval_analyse.py
	$(PY) bench/eval_quotes_polnear.py
	$(PY) bench/eval_cluster.py --seeds
	$(PY) bench/eval_cluster.py --ecbplus
	$(PY) bench/eval_cluster.py --ecbplus --split test
	$(PY) bench/eval_cluster.py --synthetic 5000
	$(PY) bench/eval_cluster.py --news-dev
	$(PY) bench/eval_findings.py
	$(PY) bench/eval_findings.py --raw tests/fixtures/multioutlet --gold tests/fixtures/multioutlet/expected.json
	$(PY) bench/eval_findings.py --raw examples/sample-corpus --gold examples/sample-corpus.truth.json
	$(PY) bench/eval_claims_real.py
	$(PY) bench/eval_claims_real.py --stories gold
	$(PY) bench/real_pages.py
	$(PY) bench/bench_analyse.py
	$(PY) bench/bench_cluster.py
	$(PY) bench/bench_pipeline.py
	$(PY) bench/bench_compare.py
	$(PY) bench/bench_web.py
	$(PY) bench/hostile.py

format: install
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

clean:
	rm -rf $(VENV) demo-out .pytest_cache
