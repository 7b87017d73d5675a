"""LibreOffice headless conversions: a file -> the same document in another format.

Each conversion gets its own LibreOffice profile in a temporary folder, so that several workers
can convert at once (a shared profile is locked by the first), and runs in its own process
session, so that a timeout kills soffice.bin and not only its launcher script.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 180


class ConversionFailed(RuntimeError):
    """LibreOffice ran but wrote nothing, failed, or took too long."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """Convert `source` into `out_dir` (e.g. target_format 'docx', 'doc', 'pdf'); the new file's path."""
    soffice = soffice_path()
    if soffice is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed; run `make system-deps`")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    target.unlink(missing_ok=True)  # a stale file must not pass for a fresh conversion
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(out_dir),
            str(source),
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
    if not target.exists():
        raise ConversionFailed(f"LibreOffice wrote no {target.suffix} for {source.name} (exit {process.returncode}): "
                               f"{stderr.strip()[:300]}")  # fmt: skip
    return target
