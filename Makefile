# alliancekg: the two commands a user needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8050
# The sample corpus (corpus/official-shapes is a test set scored by `alliancekg evaluate`, not demo data).
SAMPLE_CORPUS := corpus/communiques corpus/statements corpus/news corpus/studies

.PHONY: demo test venv venv-dev browser-deps lint neo4j-start neo4j-stop bench serve clean

# Create or reuse the virtualenv with the project installed.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $(STAMP)

$(DEV_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	@touch $(STAMP) $(DEV_STAMP)

venv: $(STAMP)
venv-dev: $(DEV_STAMP)

# The main job on the embedded store (no server needed): ingest the sample
# corpus, export validated RDF, then serve the explorer on http://$(HOST):$(PORT).
demo: $(STAMP)
	$(VENV)/bin/alliancekg ingest $(SAMPLE_CORPUS) --store embedded
	$(VENV)/bin/alliancekg export --format ttl --out out/alliancekg.ttl --validate
	$(VENV)/bin/alliancekg serve --store embedded --host $(HOST) --port $(PORT)

# Headless Chromium and its driver for the browser tests (Debian packages).
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "browser tests need Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2; \
	  fi; \
	fi

# The whole test suite against a real Neo4j: a local one is started (and
# stopped afterwards) unless NEO4J_URI points at yours.
test: $(DEV_STAMP) browser-deps
	bash scripts/run-tests

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

serve: $(STAMP)
	$(VENV)/bin/alliancekg serve --host $(HOST) --port $(PORT)

bench: $(DEV_STAMP)
	bash scripts/run-benchmarks

clean:
	-scripts/neo4j-local stop
	rm -rf .neo4j out test-artifacts .pytest_cache .mypy_cache .ruff_cache
