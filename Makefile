# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared
PYTEST_ARGS ?=

.PHONY: install dev-install run test lint bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed  ## create .venv and install Palermo

dev-install: $(VENV)/.dev-installed

run: install  ## crawl the default sources, index, serve the UI (seeds ../shared/corpus when present)
	@echo "Palermo will serve the UI on http://$(HOST):$(PORT)/"
	$(BIN)/palermo run --host $(HOST) --port $(PORT) $(if $(wildcard $(SHARED)/corpus/MANIFEST.csv),--seed $(SHARED)/corpus,)

test: dev-install  ## lint and run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: dev-install
	$(BIN)/ruff check .

bench: dev-install  ## run every benchmark (each prints one JSON line at the end)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache tests/artifacts
