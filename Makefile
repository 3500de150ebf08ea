# jiufeng-extract: `make demo` to try it, `make test` for everything CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck pytest install dev samples golden schema bench fuzz eval mutation clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .

dev: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,ocr]'
	$(BIN)/python -m compileall -q src >/dev/null  # as pip does for a wheel; PYTHONDONTWRITEBYTECODE
	$(BIN)/python -m jiufeng_extract.cli.prime  # compiled patterns, the same way

demo: install
	@mkdir -p out
	$(BIN)/jiufeng extract samples/shanghai-2023-jiufeng.txt -o out/shanghai-2023.json
	@echo "--- out/shanghai-2023.json (first 40 lines) ---"
	@sed -n '1,40p' out/shanghai-2023.json

lint: dev
	$(BIN)/ruff check src tests samples bench fuzz eval mutation
	$(BIN)/ruff format --check src tests samples bench fuzz eval mutation
	$(BIN)/lint-imports --no-cache

typecheck: dev
	$(BIN)/mypy

# Two workers (pytest-xdist): the suite is about 10 CPU-minutes, CI's bound is 10 minutes of wall
# time on 2 cores. A test module stays on one worker (module fixtures are built once).
PYTEST_JOBS ?= 2
pytest: dev
	$(BIN)/pytest -q -n $(PYTEST_JOBS) --dist loadscope

test: lint typecheck pytest

# Regenerate the samples from the seed texts (committed; tests do not run this). The DOCX/PDF
# generator needs LibreOffice, fonts-noto-cjk and poppler-utils from Debian, the renderings
# chromium and pandoc:
#   apt-get install libreoffice-writer-nogui fonts-noto-cjk poppler-utils chromium pandoc
samples: dev
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,ocr,samples]'
	$(BIN)/python samples/make_html_sample.py
	$(BIN)/python samples/make_samples.py
	$(BIN)/python samples/make_ofd_samples.py
	$(BIN)/python samples/make_scans.py
	$(BIN)/python samples/make_ofd_cases.py
	$(BIN)/python samples/renderings/make_docx_renderings.py
	$(BIN)/python samples/renderings/make_pdf_renderings.py

# Timings against PDFium and PyMuPDF (the bench extra), the first call, 100-1000-page PDFs,
# batch -j 1/-j 2, each as a ratio measured in the same run: writes bench/results.json and
# bench/results.md with each target's PASS/FAIL (a few minutes; not part of make test).
# Its OCR timings (bench/ocr.py) draw a scan with fonts-noto-cjk from Debian, and are skipped
# with a message where that font is missing.
bench: dev
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,ocr,bench]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/ocr.py

# Accuracy on the real documents of corpus/ against their keys: per-field figures on stdout,
# every miss in eval/results.md (tests/test_eval.py holds eval/baseline.json); then the links
# of jiufeng diff on the labelled edition pairs of tests/data/diff/labels/ (precision, recall);
# then the scanned seeds read by OCR: cover facts, tasks, table rows, body character accuracy.
eval: dev
	$(BIN)/python eval/run.py
	$(BIN)/python eval/diff_pairs.py
	$(BIN)/python eval/ocr_scans.py

# Fuzz the loaders for FUZZ_SECONDS (default 120) with atheris; crashes go to fuzz/findings/.
fuzz: dev
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,ocr,fuzz]'
	fuzz/run.sh

# Mutation testing of parse/, layout/, link/, units/ and the date and line rules of text/ with
# mutmut (not part of make test: hours on 2 cores from cold; a rerun tests only what changed).
# Survivors by module on stdout and in mutation/results.md. MUTANTS='jiufeng_extract.units.*'
# narrows it, MUTATION_JOBS=2 runs two workers.
mutation: dev
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,ocr,mutation]'
	mutation/run.sh

# Rewrite golden files and schemas on purpose; the test run that does it fails by design.
golden: dev
	JIUFENG_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_samples.py || true
	$(BIN)/jiufeng schema -o schemas

schema: dev
	$(BIN)/jiufeng schema -o schemas

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
