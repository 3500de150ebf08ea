"""PDF pages read by OCR: rendered by PDFium for the recogniser when they need it (``--ocr``;
which pages do, and what OCR found, is shared with the OFD loader: ``fixed/ocred``).

The recogniser is handed in by ``dispatch`` (``load/ocr``); this module never imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...formats import OcrMode
from ..fixed import RawPage
from ..fixed.ocred import from_image, needs_ocr, ocr_source, ocr_warnings
from ..recognised import Recogniser
from .pages import Rescue

if TYPE_CHECKING:
    import pypdfium2

__all__ = ["from_image", "needs_ocr", "ocr_source", "ocr_warnings", "rescuer"]


def rescuer(mode: OcrMode, recogniser: Recogniser | None) -> Rescue | None:
    """What ``read_pages`` calls on each page: the page rendered and read by OCR when it
    needs it, else the page as it is."""
    if recogniser is None or mode is OcrMode.NEVER:
        return None

    def rescue(page: pypdfium2.PdfPage, raw: RawPage) -> RawPage:
        if not needs_ocr(raw, mode):
            return raw
        dpi = recogniser.dpi
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        image = bitmap.to_numpy()
        return from_image(raw.number, len(page.pdf), image, dpi, recogniser)

    return rescue
