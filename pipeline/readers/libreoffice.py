"""LibreOffice headless conversions: a file -> the same document in another format.

Each conversion gets its own LibreOffice profile in a temporary folder, so that several workers
can convert at once (a shared profile is locked by the first), and runs in its own process
session, so that a timeout kills soffice.bin and not only its launcher script.

The file is converted as a copy with a plain name in a private folder (a name beginning with '-'
would be read as an option, an odd byte could trip the launcher), by absolute paths, and, where
the kernel allows it (`unshare`), in a network namespace of its own: a document's links to images
and styles on the web are never fetched.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from functools import cache
from pathlib import Path

TIMEOUT_S = 180


class ConversionFailed(RuntimeError):
    """LibreOffice ran but wrote nothing, failed, or took too long."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@cache
def no_network_prefix() -> tuple[str, ...]:
    """The command that runs another without network access, or () where none works here."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    command = (unshare, "--net", "--map-root-user")
    try:
        probe = subprocess.run([*command, "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return command if probe.returncode == 0 else ()


def network_isolated() -> bool:
    return bool(no_network_prefix())


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """Convert `source` into `out_dir` (e.g. target_format 'docx', 'doc', 'pdf'); the new file's path."""
    soffice = soffice_path()
    if soffice is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed; run `make system-deps`")
    out_dir.mkdir(parents=True, exist_ok=True)
    extension = target_format.split(":")[0]
    target = out_dir / f"{source.stem}.{extension}"
    target.unlink(missing_ok=True)  # a stale file must not pass for a fresh conversion
    with tempfile.TemporaryDirectory(prefix="lo-") as work:
        staged = Path(work) / f"source{source.suffix.lower()}"
        shutil.copyfile(source, staged)
        converted = Path(work) / "out" / f"source.{extension}"
        command = [
            *no_network_prefix(),
            soffice,
            f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(converted.parent),
            str(staged),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        try:
            _, stderr = process.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _, stderr = process.communicate()
            raise ConversionFailed(f"LibreOffice timed out after {TIMEOUT_S} s converting {source.name}") from None
        if not converted.exists():
            raise ConversionFailed(f"LibreOffice wrote no {target.suffix} for {source.name} "
                                   f"(exit {process.returncode}): {stderr.strip()[:300]}")  # fmt: skip
        shutil.move(converted, target)
    return target
