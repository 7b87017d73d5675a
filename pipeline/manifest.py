"""The raw folder's manifest: raw/ -> the files to read, each with its identity, and the rows of the
files that will not be read (copies of another file, links).

A file's identity is its content: the same bytes are one document, read once, whatever their
names and suffixes (a DOCX also saved as .doc); the later copies get a `documents` row saying which
file they repeat. Files that are no documents (notes, Word's lock files '~$plan.docx', hidden
files) are left out and named once in the log; a symbolic link is never followed (it could lead
anywhere on the machine) and gets a row that says so. A name that is not valid UTF-8 (a CP1258
name from an old Windows machine) is kept with its odd bytes escaped, never allowed to stop the run.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.documents import document_row
from pipeline.records import DocumentRow

log = logging.getLogger(__name__)
IGNORED_NAMES = frozenset({".gitkeep", "README.md", "README.txt", "Thumbs.db", "desktop.ini"})
IGNORED_SUFFIXES = frozenset({".md", ".txt", ".csv", ".json", ".log", ".ini", ".tmp", ".db"})
LOCK_FILE_PREFIX = "~$"  # Word's owner file beside an open document
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@dataclass(frozen=True)
class RawFile:
    path: Path
    source_file: str
    sha256: str

    @property
    def identity(self) -> str:
        """The content: the same bytes are one document. Empty files are each their own (each is
        reported as empty, none is a copy of another)."""
        return self.source_file if self.sha256 == EMPTY_SHA256 else self.sha256


@dataclass
class Manifest:
    files: list[RawFile] = field(default_factory=list)  # one per identity, in a stable order
    unread: list[DocumentRow] = field(default_factory=list)  # copies and links, with the reason
    ignored: list[str] = field(default_factory=list)


def safe_name(name: str) -> str:
    """A file name as text, its undecodable bytes escaped ('Ke\\xe1 hoach.docx'): never an error."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_ignored(relative: Path) -> bool:
    """Notes, lock files and hidden files are no documents."""
    name = relative.name
    return (
        name in IGNORED_NAMES
        or name.startswith(LOCK_FILE_PREFIX)
        or relative.suffix.lower() in IGNORED_SUFFIXES
        or any(part.startswith(".") for part in relative.parts)
    )


def walk_raw(raw: Path) -> Iterator[Path]:
    """Every file and link under `raw`, in a stable order, without following links to folders."""
    for folder, folders, files in os.walk(raw, followlinks=False):
        folders.sort()
        for name in sorted(files):
            yield Path(folder) / name
        for name in folders:
            if (Path(folder) / name).is_symlink():
                yield Path(folder) / name


def list_raw_files(raw: Path) -> list[Path]:
    """Every document file (or link) under `raw`, in a stable order; notes and hidden files left out."""
    return [p for p in walk_raw(raw) if not is_ignored(p.relative_to(raw))]


def build_manifest(raw: Path, sha256_of: Callable[[Path], str]) -> Manifest:
    """The files of `raw` with their identities; a second file with an identity already seen is a
    duplicate, recorded as a row that names the first; a link is recorded, not followed."""
    manifest = Manifest()
    first: dict[str, RawFile] = {}
    for path in walk_raw(raw):
        relative = path.relative_to(raw)
        source_file = safe_name(relative.as_posix())
        if is_ignored(relative):
            manifest.ignored.append(source_file)
            continue
        if path.is_symlink():
            target = safe_name(os.readlink(path))
            error = (f"a symbolic link (to {target}): links are not followed, since they may lead outside the raw "
                     "folder; copy the file itself into it")  # fmt: skip
            # The link's own text identifies it: the file it points to is never opened.
            identity = hashlib.sha256(f"link:{source_file}->{target}".encode()).hexdigest()
            manifest.unread.append(document_row(path, source_file, identity, error=error, file_format="unknown"))
            continue
        file = RawFile(path, source_file, sha256_of(path))
        original = first.get(file.identity)
        if original is None:
            first[file.identity] = file
            manifest.files.append(file)
            continue
        error = f"same file as {original.source_file} (identical bytes); extracted once, under that name"
        manifest.unread.append(document_row(path, file.source_file, file.sha256, status="duplicate", error=error))
    if manifest.ignored:
        log.info("left out %d files that are no documents: %s", len(manifest.ignored), ", ".join(manifest.ignored))
    return manifest
