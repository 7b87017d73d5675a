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

extract: setup
	$(BIN)/python -m pipeline extract --raw $(RAW) --out $(OUT)

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
# (OCR of scanned PDFs), LibreOffice (legacy .doc, and rebuilding the PDF fixtures). Without them
# scans and .doc files are skipped, and the run says so. Uses sudo when not run as root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system-deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
		tesseract-ocr tesseract-ocr-vie \
		libreoffice-writer-nogui fonts-liberation fonts-liberation2 fonts-dejavu-core

# Rebuild the generated test documents (DOCX with python-docx, PDF with LibreOffice) and their golden CSVs.
fixtures: setup
	$(BIN)/python -m tests.fixtures.build_all

clean:
	rm -rf $(OUT)/plans.duckdb $(OUT)/csv $(OUT)/cache
