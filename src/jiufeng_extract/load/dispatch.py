"""Stage 1: path → LoadedDocument. Detects the format from the content, not the suffix.

Only the ``load_*`` modules import parsing libraries; this module reads bytes and dispatches.
Each loader is imported when a file of its format comes (a text circular's new process does
not load lxml, PDFium, the OFD reader or the OCR package).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from .. import patternstore
from ..blocks import Block, Line, LoadedDocument, TableBlock
from ..errors import InputError, NoTextLayerError, UsageError
from ..formats import OcrMode
from ..model import OcrSource, Seal, SourceFormat, Warning
from ..options import ExtractOptions
from . import magic
from .recognised import OCR_EXTRA_HINT
from .source import Held, held_input, read_input

if TYPE_CHECKING:
    from .pdf import LoadedPdf
    from .recognised import Recogniser

_HTML_START = patternstore.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>]|<table)", regex.IGNORECASE
)


def read_bytes(path: Path, options: ExtractOptions) -> bytes:
    """Read the whole regular file, translating OS errors into InputError naming the file."""
    data = read_input(path, options.max_bytes)
    if not data.strip():
        raise InputError("file is empty", path)
    return data


def sniff_format(data: bytes, path: Path) -> SourceFormat:
    """Decide the format from magic bytes; the suffix only breaks the tie between text and HTML."""
    head = magic.head(data)
    if head.startswith(magic.PDF):
        return SourceFormat.PDF
    if _is_image(head):
        return SourceFormat.IMAGE
    if head.startswith(magic.ZIP):
        from .ofd import is_ofd

        return SourceFormat.OFD if is_ofd(data) else SourceFormat.DOCX
    if head.startswith(magic.OLE2):
        return SourceFormat.DOCX  # a legacy .doc/.wps, converted to DOCX when possible
    if _HTML_START.match(head) or path.suffix.lower() in (".html", ".htm", ".shtml", ".xhtml"):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def needs_worker(head: bytes) -> bool:
    """Inputs read by C code that aborts rather than raises when memory runs out (PDFium,
    Pillow, ONNX Runtime): the resource guard reads them in a worker process."""
    head = magic.head(head)
    return head.startswith(magic.PDF) or _is_image(head)


def _is_image(head: bytes) -> bool:
    from .ocr.images import is_image

    return is_image(head)


def load_document(path: Path, options: ExtractOptions) -> LoadedDocument:
    """A file, read once: a PDF's bytes are let go once hashed and checked, and PDFium reads
    the file still open (a long PDF's bytes are not held beside what PDFium makes of them)."""
    with held_input(path, options.max_bytes) as held:
        if not held.data or held.data.isspace():  # ``not data.strip()`` without a copy
            raise InputError("file is empty", path)
        return _load(held, path, options)


def load_data(data: bytes, path: Path, options: ExtractOptions) -> LoadedDocument:
    """The bytes of a file already read; ``path`` names it in messages and breaks the tie
    between text and HTML."""
    return _load(Held(data), path, options)


def _load(held: Held, path: Path, options: ExtractOptions) -> LoadedDocument:
    data = held.data
    digest = hashlib.sha256(data).hexdigest()
    fmt = options.input_format or sniff_format(data, path)
    pages: int | None = None
    blocks: list[Block]
    warnings: list[Warning] = []
    document_info: dict[str, str] = {}
    seals: list[Seal] = []
    scanned: OcrSource | None = None
    if fmt in (SourceFormat.PDF, SourceFormat.IMAGE):
        del data  # a PDF read from its file lets its bytes go (``read_pages``)
        read = _load_paged(held, str(path), fmt, options)
        blocks, pages, warnings, scanned = read.blocks, read.pages, read.warnings, read.ocr
        seals = read.seals
    elif fmt is SourceFormat.OFD:
        from .ofd import load_ofd

        ofd = load_ofd(data, str(path), options.max_pages, options.ocr, _recogniser(options))
        blocks, pages, warnings = ofd.blocks, ofd.pages, ofd.warnings
        document_info, seals, scanned = ofd.document_info, ofd.seals, ofd.ocr
    elif fmt is SourceFormat.DOCX:
        from .word import load_docx

        if data.startswith(magic.OLE2):
            from .legacy_word import legacy_word_to_docx

            data = legacy_word_to_docx(data, str(path))
            warnings.append(
                Warning.model_construct(
                    code="converted_legacy_word",
                    message="legacy .doc/.wps file converted to DOCX through LibreOffice",
                    where=None,
                )
            )
        blocks = load_docx(data, str(path))
        if not any(_has_text(block) for block in blocks):
            pasted = _load_pasted(data, str(path), options)
            if pasted is not None:
                blocks, pages, scanned, seals = (
                    pasted.blocks,
                    pasted.pages,
                    pasted.ocr,
                    pasted.seals,
                )
                warnings += pasted.warnings
    elif fmt is SourceFormat.HTML:
        from .web_page import load_html

        blocks = list(load_html(data, str(path), options.encoding))
    else:
        from .plain_text import load_text

        lines, pages = load_text(data, str(path), options.encoding)
        blocks = list(lines)
    return LoadedDocument(
        path=str(path),
        format=fmt,
        sha256=digest,
        blocks=blocks,
        pages=pages,
        warnings=warnings,
        document_info=document_info,
        seals=seals,
        ocr=scanned,
    )


def _recogniser(options: ExtractOptions) -> Recogniser | None:
    if options.ocr is OcrMode.NEVER:
        return None
    from .ocr import recogniser

    found = recogniser()
    if found is None and options.ocr is OcrMode.ALWAYS:
        raise UsageError(f"--ocr always: {OCR_EXTRA_HINT}")
    return found


def _load_paged(held: Held, path: str, fmt: SourceFormat, options: ExtractOptions) -> LoadedPdf:
    """A PDF (its pages without honest text read by OCR) or an image file (every page)."""
    from .pdf import load_page_images, load_pdf

    recogniser = _recogniser(options)
    if fmt is SourceFormat.PDF:
        return load_pdf(held, path, options.password, options.max_pages, options.ocr, recogniser)
    data = held.data
    if recogniser is None:
        hint = "OCR is off (--ocr never)" if options.ocr is OcrMode.NEVER else OCR_EXTRA_HINT
        raise NoTextLayerError(f"an image has no text layer: reading it needs OCR ({hint})", path)
    from .ocr import page_count, page_images

    count = page_count(data, path)
    if count > options.max_pages:
        raise InputError(f"image has {count} pages, over the limit of {options.max_pages}", path)
    return load_page_images(page_images(data, path), count, path, recogniser)


def _has_text(block: Block) -> bool:
    if isinstance(block, Line):
        return bool(block.text.strip())
    return isinstance(block, TableBlock) and any(c.strip() for row in block.rows for c in row)


def _load_pasted(data: bytes, path: str, options: ExtractOptions) -> LoadedPdf | None:
    """A DOCX without text whose body shows images: the images read by OCR as its pages (a
    multi-page TIFF gives each of its frames), in document order; None when it shows none."""
    from .word import pasted_images

    images = [image for image in pasted_images(data, path) if _is_image(image)]
    if not images:
        return None
    from .ocr import page_count, page_images
    from .pdf import load_page_images

    recogniser = _recogniser(options)
    if recogniser is None:
        hint = "OCR is off (--ocr never)" if options.ocr is OcrMode.NEVER else OCR_EXTRA_HINT
        raise NoTextLayerError(
            f"a DOCX of {len(images)} pasted image(s) and no text: reading it needs OCR ({hint})",
            path,
        )
    count = sum(page_count(image, path) for image in images)
    if count > options.max_pages:
        raise InputError(
            f"DOCX shows {count} page images, over the limit of {options.max_pages}", path
        )
    frames = (frame for image in images for frame in page_images(image, path))
    return load_page_images(frames, count, path, recogniser)
