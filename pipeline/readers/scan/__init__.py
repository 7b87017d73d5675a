"""Scan reader: page images -> words and table grids by OCR (Tesseract), for pages without a usable text layer."""
