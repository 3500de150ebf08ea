"""Stage 1: path → LoadedDocument. Detects the format from the content, not the suffix.

Only the ``load_*`` modules import parsing libraries; this module reads bytes and dispatches.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import regex

from .blocks import Block, LoadedDocument
from .errors import InputError, UnsupportedFormatError
from .load_html import load_html
from .load_text import load_text
from .model import SourceFormat
from .options import ExtractOptions

_HTML_START = regex.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>]|<table)", regex.IGNORECASE
)


def read_bytes(path: Path, options: ExtractOptions) -> bytes:
    """Read the whole file, translating OS errors into InputError naming the file."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError("is a directory, not a file", path)
        if size > options.max_bytes:
            raise InputError(
                f"file is {size} bytes, over the limit of {options.max_bytes} (--max-bytes)", path
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if not data.strip():
        raise InputError("file is empty", path)
    return data


def sniff_format(data: bytes, path: Path) -> SourceFormat:
    """Decide the format from magic bytes; the suffix only breaks the tie between text and HTML."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF"):
        return SourceFormat.PDF
    if head.startswith(b"PK\x03\x04"):
        return SourceFormat.DOCX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(
            "legacy Word/WPS (.doc/.wps) file: convert it to .docx or PDF first", path
        )
    if _HTML_START.match(head) or path.suffix.lower() in (".html", ".htm", ".shtml", ".xhtml"):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def load_document(path: Path, options: ExtractOptions) -> LoadedDocument:
    data = read_bytes(path, options)
    fmt = options.input_format or sniff_format(data, path)
    pages: int | None = None
    blocks: list[Block]
    if fmt in (SourceFormat.PDF, SourceFormat.DOCX):
        raise UnsupportedFormatError(f"{fmt.value.upper()} input is not supported yet", path)
    if fmt is SourceFormat.HTML:
        blocks = list(load_html(data, str(path), options.encoding))
    else:
        lines, pages = load_text(data, str(path), options.encoding)
        blocks = list(lines)
    return LoadedDocument(
        path=str(path),
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
        pages=pages,
    )
