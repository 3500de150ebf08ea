"""Pages read by OCR, shared by the PDF and OFD loaders: which pages need it, a page image
read by the recogniser into a ``RawPage`` (its characters and ruled tables in page points),
and what OCR found (pages, seals, uncertain lines) for ``source`` and the warnings.

A page needs OCR under ``auto`` when its text layer is empty (a scan) or mostly glyph codes
(fonts without a Unicode map); under ``always`` every page does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...formats import OcrMode
from ...model import OcrSeal, OcrSource, Warning
from ...progress import page_read
from ..recognised import RecognisedPage, Recogniser
from .raw import RawPage, ruled_tables
from .seals import SealMark
from .text_layer import unreadable

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def needs_ocr(raw: RawPage, mode: OcrMode) -> bool:
    if mode is OcrMode.ALWAYS:
        return True
    return mode is OcrMode.AUTO and unreadable(raw.chars)


def from_image(
    number: int, count: int, image: npt.NDArray[np.uint8], dpi: float, recogniser: Recogniser
) -> RawPage:
    """Page ``number`` of ``count`` read by OCR (and the progress listener told)."""
    read = recogniser.read(image, dpi, number)
    tables = ruled_tables(read.edges)
    page_read(number, count)
    raw = RawPage(number, read.width, read.height, read.chars, tables, ocr=read)
    # listed where a PDF's drawn seals are (``source.seals``) and in ``source.ocr.seals``
    raw.seals = [SealMark(number, box) for box in read.seals]
    return raw


def ocr_source(pages: Iterable[tuple[int, RecognisedPage]], engine: str) -> OcrSource | None:
    found = list(pages)
    if not found:
        return None
    return OcrSource(
        engine=engine,
        pages=[number for number, _ in found],
        seals=[
            OcrSeal(page=number, box=[round(v, 1) for v in box])
            for number, read in found
            for box in read.seals
        ],
    )


def ocr_warnings(pages: Iterable[tuple[int, RecognisedPage]]) -> list[Warning]:
    """Lines the recogniser was unsure of, with page and box (points from the top-left)."""
    return [
        Warning(
            code="ocr_low_confidence",
            message=f"OCR read {line.text!r} with confidence {line.confidence:.2f}",
            where=f"page {number}, box {', '.join(str(round(v)) for v in line.box)}",
        )
        for number, read in pages
        for line in read.uncertain
    ]
