"""Legacy Word/WPS files (.doc/.wps, OLE2 containers) converted to DOCX through LibreOffice.

Only when LibreOffice is installed; otherwise the user is told to convert the file. Conversion
runs with a private profile (so it works beside a running LibreOffice) and a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError, UnsupportedFormatError

_TIMEOUT_SECONDS = 120


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def legacy_word_to_docx(data: bytes, path: str) -> bytes:
    exe = libreoffice()
    if exe is None:
        raise UnsupportedFormatError(
            "legacy Word/WPS (.doc/.wps) file, or a password-protected Office file: save it as "
            ".docx or PDF (or install LibreOffice, which jiufeng then uses to convert it)",
            path,
        )
    with tempfile.TemporaryDirectory(prefix="jiufeng-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise InputError(
                f"LibreOffice took over {_TIMEOUT_SECONDS}s converting this .doc", path
            ) from None
        except (subprocess.CalledProcessError, OSError) as exc:
            raise InputError(f"LibreOffice could not convert this .doc: {exc}", path) from None
        converted = Path(tmp) / "input.docx"
        if not converted.exists():
            raise UnsupportedFormatError(
                "LibreOffice could not convert this file (password-protected, or not a Word "
                "document); save it as .docx or PDF",
                path,
            )
        return converted.read_bytes()
