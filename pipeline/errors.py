"""Errors that name what is wrong with one document, so a run can record them and go on."""


class DocumentError(Exception):
    """A document cannot be read; the message says what is wrong and what the analyst can do."""


class DocumentSkipped(DocumentError):
    """A document this machine cannot read for lack of an optional tool (Tesseract for scans,
    LibreOffice for .doc): skipped, not broken; it is read again once the tool is installed."""
