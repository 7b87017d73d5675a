# Every target sets up .venv from pyproject.toml first, so a fresh clone needs only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW ?= raw
OUT ?= extracted

.PHONY: setup extract publish test lint system-deps fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Exit code 4 (a check failed) is a finding, not a crash: say where the report is, and keep the code.
extract: setup
	@$(BIN)/python -m pipeline extract --raw $(RAW) --out $(OUT); code=$$?; \
	if [ $$code -eq 4 ]; then echo "checks failed, see $(OUT)/report/checks.html"; fi; \
	exit $$code

# Publishing goes on when some documents or checks failed (exit 3 or 4): the report is how to see them.
publish: setup
	$(BIN)/python -m pipeline extract --raw $(RAW) --out $(OUT) || [ $$? -ge 3 ]
	$(BIN)/python -m pipeline publish --out $(OUT)

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/mypy

# Debian packages for what the core pipeline can do without: Tesseract with its Vietnamese model
# (OCR of scanned PDFs), LibreOffice (legacy .doc, and rebuilding the PDF fixtures), Chromium (the
# test that opens the checks report in a real browser). Without them scans and .doc files are
# skipped, and the run says so; without Chromium that test is skipped. Uses sudo when not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system-deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
		tesseract-ocr tesseract-ocr-vie \
		libreoffice-writer-nogui fonts-liberation fonts-liberation2 fonts-dejavu-core \
		chromium

# Rebuild the generated test documents (DOCX with python-docx, PDF with LibreOffice) and their golden CSVs.
fixtures: setup
	$(BIN)/python -m tests.fixtures.build_all

# Everything a run writes in $(OUT), by name (so a mistyped OUT never empties another folder); raw/
# is never touched. Staging folders (.new, .old) and temporary files are left only by a killed run.
RUN_OUTPUTS := plans.duckdb .plans.duckdb.*.tmp csv csv.new csv.old report report.new report.old \
	publish publish.new publish.old cache .cache-* .pipeline.lock
clean:
	cd $(OUT) 2>/dev/null && rm -rf $(RUN_OUTPUTS) || true
