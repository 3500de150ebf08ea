"""PDF loader: the text layer as paragraphs and ruled tables as grids.

``pages`` reads the characters (PDFium, turned upright) and the cell boxes of ruled tables
(pdfplumber's table finder done again in ``fixed/cells``, only on pages that draw vertical
rules) into ``RawPage`` objects; the shared fixed-layout stages (``load/fixed``) turn them
into lines, tables, furniture and paragraphs, the same for PDF and OFD.

Files we cannot read honestly are refused with their own error (``pages``, ``fixed/text_layer``):
encrypted without the right password, no text layer (a scan), or fonts without a Unicode map
(the text would be garbage), unless OCR reads those pages (``scanned``: ``--ocr``, with a
recogniser from ``load/ocr`` handed in by ``dispatch``). An OCRed page is characters in boxes
like any other, so everything above applies to it unchanged; image files come in the same way
(``load_page_images``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...blocks import Block
from ...formats import OcrMode
from ...model import OcrSource, Seal, Warning
from ..fixed import RawPage, assemble, check_text_layer, mark_furniture, page_content
from ..fixed.seals import SealMark, as_seals
from ..recognised import OCR_EXTRA_HINT, OCR_NEVER_HINT, Recogniser
from ..source import Held
from .pages import read_pages
from .scanned import from_image, ocr_source, ocr_warnings, rescuer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass
class LoadedPdf:
    blocks: list[Block]
    pages: int
    warnings: list[Warning]
    ocr: OcrSource | None  # None when no page was read by OCR
    seals: list[Seal]  # seals seen drawn on the pages


def load_pdf(
    source: Held,
    path: str,
    password: str | None = None,
    max_pages: int = 2000,
    ocr: OcrMode = OcrMode.AUTO,
    recogniser: Recogniser | None = None,
) -> LoadedPdf:
    """Read a PDF; under ``ocr`` auto or always, pages are read by ``recogniser`` (none when
    the OCR extra is missing: scans are then refused with a hint naming the extra)."""
    count, raw_pages = read_pages(source, path, password, max_pages, rescuer(ocr, recogniser))
    if recogniser is None or ocr is OcrMode.NEVER:
        hint = OCR_NEVER_HINT if ocr is OcrMode.NEVER else OCR_EXTRA_HINT
    else:
        hint = ""
    return _load_pages(raw_pages, count, path, hint, recogniser)


def load_page_images(
    images: Iterable[tuple[npt.NDArray[np.uint8], float]],
    count: int,
    path: str,
    recogniser: Recogniser,
) -> LoadedPdf:
    """Page images (an image file's frames, with their dpi), every page read by OCR."""
    raw_pages = (
        from_image(number, count, image, dpi, recogniser)
        for number, (image, dpi) in enumerate(images, start=1)
    )
    return _load_pages(raw_pages, count, path, "", recogniser)


def _load_pages(
    raw_pages: Iterable[RawPage],
    count: int,
    path: str,
    hint: str,
    recogniser: Recogniser | None,
) -> LoadedPdf:
    pages = []
    read = []
    marks: list[SealMark] = []
    for raw in raw_pages:  # one page image in memory at a time
        pages.append(page_content(raw))
        marks += raw.seals
        if raw.ocr is not None:
            read.append((raw.number, raw.ocr))
    warnings: list[Warning] = []
    by_ocr = {number for number, _ in read}
    text_pages = [page for page in pages if page.number not in by_ocr]
    if text_pages or not read:
        check_text_layer(text_pages, path, warnings, "PDF", hint)
    warnings += ocr_warnings(read)
    mark_furniture(pages)
    blocks = assemble(pages)
    engine = recogniser.engine if recogniser is not None else ""
    return LoadedPdf(blocks, count, warnings, ocr_source(read, engine), as_seals(marks))
