"""What a file's first bytes say it is, with nothing loaded: ``dispatch`` picks the loader by
them, and ``jiufeng extract`` asks before it imports the pipeline (``cli/quick.py``)."""

from __future__ import annotations

from pathlib import Path

from .ocr.images import is_image

PDF = b"%PDF"
ZIP = b"PK\x03\x04"  # DOCX or OFD
OLE2 = b"\xd0\xcf\x11\xe0"  # a legacy .doc/.wps
HEAD_BYTES = 2048
_BOM = b"\xef\xbb\xbf"


def head(data: bytes) -> bytes:
    """The bytes the format is told by: the first ones, a UTF-8 byte order mark left out."""
    return data[:HEAD_BYTES].lstrip(_BOM)


def is_text(data: bytes) -> bool:
    """Read by the text or HTML loader: neither a PDF, ZIP, OLE2 file nor an image."""
    first = head(data)
    return not (first.startswith((PDF, ZIP, OLE2)) or is_image(first))


def file_is_text(path: Path) -> bool:
    """``is_text`` of a regular file's first bytes; False when it cannot be read (the loader
    then says why) or is not a regular file."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return is_text(handle.read(HEAD_BYTES + len(_BOM)))
    except (OSError, ValueError):
        return False
