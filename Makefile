# jiufeng-extract: `make demo` to try it, `make test` for everything CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck pytest install dev samples golden schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .

dev: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'

demo: install
	@mkdir -p out
	$(BIN)/jiufeng extract samples/shanghai-2023-jiufeng.txt -o out/shanghai-2023.json
	@echo "--- out/shanghai-2023.json (first 40 lines) ---"
	@sed -n '1,40p' out/shanghai-2023.json

lint: dev
	$(BIN)/ruff check src tests samples
	$(BIN)/ruff format --check src tests samples

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q

test: lint typecheck pytest

# Regenerate the HTML sample from the seed text (committed; tests do not run this).
samples: dev
	$(BIN)/python samples/make_html_sample.py

# Rewrite golden files and schemas on purpose; the test run that does it fails by design.
golden: dev
	JIUFENG_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_samples.py || true
	$(BIN)/jiufeng schema -o schemas

schema: dev
	$(BIN)/jiufeng schema -o schemas

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
