"""PDF bytes → raw pages: characters with upright boxes, and the cell boxes of ruled tables.

Everything is read with pypdfium2 (PDFium, C++), about 25 times faster than pdfminer on these
files and the same characters: the text layer, and the straight segments of the drawn paths
(``drawings``), which the shared table finder (pdfplumber's geometry, ``fixed/cells``) turns
into table cells. A page without a vertical rule holds no ruled table and skips that step.

Coordinates are pdfplumber's: points from the top-left of the page as displayed (a page stored
sideways with /Rotate is turned upright). Third-party exceptions stop here: a damaged file is
an ``InputError`` naming the page, an encrypted one an ``EncryptedError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from ...errors import EncryptedError, InputError, describe
from ..fixed import Box, RawPage, ruled_tables
from ..fixed.seals import SealMark, read_marks
from ..source import Held
from .chars import page_chars
from .drawings import drawings
from .streams import check_streams

if TYPE_CHECKING:
    import pypdfium2

_FPDF_ERR_PASSWORD = 4
# a PDF this large is read by PDFium from its file, a smaller one from its bytes in memory
# (PDFium then asks Python for no blocks: 5% faster on a circular of 100 kB)
_FROM_FILE = 4 * 1024 * 1024


# a page as read from its text layer → the same page read by OCR, or as it was
Rescue = Callable[["pypdfium2.PdfPage", RawPage], RawPage]


def read_pages(
    source: bytes | Held,
    path: str,
    password: str | None = None,
    max_pages: int = 2000,
    rescue: Rescue | None = None,
) -> tuple[int, Iterator[RawPage]]:
    """The page count (checked against ``max_pages``) and the pages, read one at a time;
    ``rescue`` may replace a page read from its text layer (by its OCR reading). A large file
    still open (``Held.file``) is what PDFium reads, once its bytes are checked: they are then
    let go, so a long PDF's bytes are not held beside PDFium's pages."""
    import pypdfium2

    held = source if isinstance(source, Held) else Held(source)
    check_streams(held.data, path)
    opened: bytes | BinaryIO = held.data
    if held.file is not None and len(held.data) >= _FROM_FILE:
        opened, held.data = held.file, b""
    try:
        document = pypdfium2.PdfDocument(opened, password=password)
        count = len(document)
    except pypdfium2.PdfiumError as exc:
        if pypdfium2.raw.FPDF_GetLastError() == _FPDF_ERR_PASSWORD:
            raise EncryptedError(
                "wrong password for this encrypted PDF (--password)"
                if password
                else "PDF is encrypted: give its password with --password",
                path,
            ) from None
        raise InputError(f"damaged PDF: {describe(exc)}", path) from None
    if count == 0:
        document.close()
        raise InputError("PDF has no pages", path)
    if count > max_pages:
        document.close()
        raise InputError(f"PDF has {count} pages, over the limit of {max_pages}", path)
    return count, _iter_pages(document, path, rescue)


def _iter_pages(
    document: pypdfium2.PdfDocument, path: str, rescue: Rescue | None
) -> Iterator[RawPage]:
    try:
        for index in range(len(document)):
            yield _read_page(document, index, path, rescue)
    finally:
        document.close()


def _read_page(
    document: pypdfium2.PdfDocument, index: int, path: str, rescue: Rescue | None
) -> RawPage:
    import pypdfium2

    try:
        page = document[index]
        try:
            width, height = page.get_size()
            left, bottom, right, top = page.get_mediabox()
            upright = Upright(page.get_rotation(), left, bottom, right, top)
            chars, turned = page_chars(page, upright)
            edges, seals = drawings(page, upright)
            marks: list[SealMark] = []
            if seals:
                marks, chars = read_marks(index + 1, seals, turned, chars)
            raw = RawPage(index + 1, float(width), float(height), chars, ruled_tables(edges))
            raw.seals = marks
            return rescue(page, raw) if rescue is not None else raw
        finally:
            page.close()
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"damaged PDF, page {index + 1}: {describe(exc)}", path) from None


@dataclass(frozen=True)
class Upright:
    """PDF user space (origin bottom-left, unrotated) → the displayed page, origin top-left."""

    rotation: int
    left: float
    bottom: float
    right: float
    top: float

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        x0, x1, y0, y1 = x0 - self.left, x1 - self.left, y0 - self.bottom, y1 - self.bottom
        width, height = self.right - self.left, self.top - self.bottom
        if self.rotation == 90:
            return y0, x0, y1, x1
        if self.rotation == 180:
            return width - x1, y0, width - x0, y1
        if self.rotation == 270:
            return height - y1, width - x1, height - y0, width - x0
        return x0, height - y1, x1, height - y0
