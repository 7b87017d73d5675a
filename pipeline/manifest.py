"""The raw folder's manifest: raw/ -> the files to read, each with its identity, and the copies set aside.

A file's identity is its content (sha256) and the reader its suffix picks: the same bytes under
the same reader are one document, read once; the later copies get a `documents` row saying which
file they duplicate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.documents import document_row
from pipeline.records import DocumentRow

IGNORED_NAMES = frozenset({".gitkeep", "README.md", "README.txt"})


@dataclass(frozen=True)
class RawFile:
    path: Path
    source_file: str
    sha256: str

    @property
    def identity(self) -> tuple[str, str]:
        """Same bytes read by the same reader: one document (an empty .pdf and .docx are two)."""
        return self.sha256, self.path.suffix.lower()


@dataclass
class Manifest:
    files: list[RawFile] = field(default_factory=list)  # one per identity, in a stable order
    duplicates: list[DocumentRow] = field(default_factory=list)


def list_raw_files(raw: Path) -> list[Path]:
    """Every document file under `raw`, in a stable order; hidden files and notes are skipped."""
    return sorted(
        p
        for p in raw.rglob("*")
        if p.is_file()
        and p.name not in IGNORED_NAMES
        and not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )


def build_manifest(raw: Path, sha256_of: Callable[[Path], str]) -> Manifest:
    """The files of `raw` with their identities; a second file with an identity already seen is a
    duplicate, recorded as a failed row that names the first."""
    manifest = Manifest()
    first: dict[tuple[str, str], RawFile] = {}
    for path in list_raw_files(raw):
        file = RawFile(path, path.relative_to(raw).as_posix(), sha256_of(path))
        original = first.get(file.identity)
        if original is None:
            first[file.identity] = file
            manifest.files.append(file)
            continue
        error = f"same file as {original.source_file} (identical sha256); extracted once, under that name"
        manifest.duplicates.append(document_row(path, file.source_file, file.sha256, error=error))
    return manifest
