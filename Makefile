# onconav: `make run` starts the app, `make test` runs the tests. Both bootstrap what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
SHELL  := /bin/bash

.PHONY: run test check bench fuzz sysdeps venv clean import-pack

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages CI needs (OCR, PDF rendering, browser tests). Installed only when missing and root.
sysdeps:
	@need=""; \
	command -v tesseract >/dev/null || need="$$need tesseract-ocr"; \
	command -v pdftoppm >/dev/null || need="$$need poppler-utils"; \
	test -x /usr/bin/chromium || need="$$need chromium chromium-driver"; \
	ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need="$$need libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; \
	  else echo "note: missing system packages:$$need (tests needing them will skip)"; fi; \
	fi

run: $(STAMP)
	$(BIN)/onconav kb import --pack
	$(BIN)/onconav serve --host $(HOST) --port $(PORT)

test: $(STAMP) sysdeps
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks || true
	$(BIN)/mypy
	$(BIN)/pip-audit --skip-editable || echo "pip-audit could not complete (offline registry?)"

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

fuzz: $(STAMP)
	ONCONAV_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -m "not browser" tests -k fuzz

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
