"""The pipeline version stamped on every extracted row and used in the cache key.

It is the release number and a fingerprint of every packaged input that changes what extraction
produces: the code, the schemas, the vocabulary and the data tables. The checks, views, report and
workbook are left out: they run on every database anew, so editing one never needs a
re-extraction.
"""

from __future__ import annotations

import hashlib
from functools import cache

from pipeline.resources import package_file, walk_files

RELEASE = "0.1.0"
# Package folders whose files do not change extracted rows (they run on the database each time).
NOT_EXTRACTION_INPUTS = ("checks/", "views/", "report/", "workbook.py")
FINGERPRINT_DIGITS = 16


@cache
def inputs_fingerprint() -> str:
    digest = hashlib.sha256(RELEASE.encode())
    for name, entry in walk_files(package_file()):
        if name.startswith(NOT_EXTRACTION_INPUTS) or name.endswith(".pyc"):
            continue
        digest.update(name.encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()[:FINGERPRINT_DIGITS]


@cache
def pipeline_version() -> str:
    """'0.1.0+3f2a9c1d0b7e4a55': the release and the fingerprint of its inputs."""
    return f"{RELEASE}+{inputs_fingerprint()}"
