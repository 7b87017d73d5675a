"""Errors that name what is wrong with one document, so a run can record them and go on."""


class DocumentError(Exception):
    """A document cannot be read; the message says what is wrong and what the analyst can do."""
