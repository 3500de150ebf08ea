"""PDF bytes → raw pages: characters with upright boxes, and the cell boxes of ruled tables.

The text layer is read with pypdfium2 (PDFium, C++): about 25 times faster than pdfminer on
these files and the same characters. pdfplumber's ruling-line table finder still finds the
tables, but only on pages that draw vertical rules or boxes (a table needs them; the red rule
under a 发文字号 does not count), so most pages never go through pdfminer.

Coordinates are pdfplumber's: points from the top-left of the page as displayed (a page stored
sideways with /Rotate is turned upright). Third-party exceptions stop here: a damaged file is
an ``InputError`` naming the page, an encrypted one an ``EncryptedError``.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import EncryptedError, InputError

if TYPE_CHECKING:
    import pypdfium2

Char = dict[str, Any]  # text, x0, x1, top, bottom, size: the keys pdfplumber uses
Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# a path taller than this is a vertical rule or a box: the page may hold a ruled table
_RULE_HEIGHT = 4.0
_FPDF_ERR_PASSWORD = 4


@dataclass
class RawPage:
    number: int  # from 1
    width: float
    height: float
    chars: list[Char]
    tables: list[tuple[Box, list[Box]]]  # (table box, cell boxes)


def read_pages(
    data: bytes, path: str, password: str | None = None, max_pages: int = 2000
) -> tuple[int, Iterator[RawPage]]:
    """The page count (checked against ``max_pages``) and the pages, read one at a time."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data, password=password)
        count = len(document)
    except pypdfium2.PdfiumError as exc:
        if pypdfium2.raw.FPDF_GetLastError() == _FPDF_ERR_PASSWORD:
            raise EncryptedError(
                "wrong password for this encrypted PDF (--password)"
                if password
                else "PDF is encrypted: give its password with --password",
                path,
            ) from None
        raise InputError(f"damaged PDF: {_describe(exc)}", path) from None
    if count == 0:
        document.close()
        raise InputError("PDF has no pages", path)
    if count > max_pages:
        document.close()
        raise InputError(f"PDF has {count} pages, over the limit of {max_pages}", path)
    return count, _iter_pages(document, data, path, password)


def _iter_pages(
    document: pypdfium2.PdfDocument, data: bytes, path: str, password: str | None
) -> Iterator[RawPage]:
    tables = _TableFinder(data, path, password)
    try:
        for index in range(len(document)):
            yield _read_page(document, index, path, tables)
    finally:
        tables.close()
        document.close()


def _read_page(
    document: pypdfium2.PdfDocument, index: int, path: str, tables: _TableFinder
) -> RawPage:
    import pypdfium2

    try:
        page = document[index]
        try:
            width, height = page.get_size()
            chars = _chars(page)
            ruled = _has_vertical_rules(page)
        finally:
            page.close()
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"damaged PDF, page {index + 1}: {_describe(exc)}", path) from None
    found = tables.find(index) if ruled else []
    return RawPage(index + 1, float(width), float(height), chars, found)


def _chars(page: pypdfium2.PdfPage) -> list[Char]:
    """Every character PDFium reads (not the ones it generates for line ends), with its
    advance-width box turned upright."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        left, bottom, right, top = page.get_mediabox()
        upright = _Upright(page.get_rotation(), left, bottom, right, top)
        rect = pdfium_c.FS_RECTF()
        chars = []
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue  # not a character of its own (half of a surrogate pair)
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect)):
                continue
            x0, top_, x1, bottom_ = upright.box(rect.left, rect.bottom, rect.right, rect.top)
            chars.append(
                {
                    "text": chr(code),
                    "x0": x0,
                    "x1": x1,
                    "top": top_,
                    "bottom": bottom_,
                    "size": pdfium_c.FPDFText_GetFontSize(raw, i),
                }
            )
        return chars
    finally:
        textpage.close()


@dataclass(frozen=True)
class _Upright:
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


def _has_vertical_rules(page: pypdfium2.PdfPage) -> bool:
    import pypdfium2.raw as pdfium_c

    rotated = page.get_rotation() in (90, 270)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        if (right - left if rotated else top - bottom) > _RULE_HEIGHT:
            return True
    return False


class _TableFinder:
    """pdfplumber's ruling-line table finder, opened on the first page that needs it."""

    def __init__(self, data: bytes, path: str, password: str | None) -> None:
        self._data, self._path, self._password = data, path, password
        self._pdf: Any = None

    def find(self, index: int) -> list[tuple[Box, list[Box]]]:
        try:
            if self._pdf is None:
                import pdfplumber  # deferred: slow to import, and most pages need no table

                # pdfminer logs every oddity of a damaged file; our errors say what matters
                logging.getLogger("pdfminer").setLevel(logging.ERROR)
                self._pdf = pdfplumber.open(io.BytesIO(self._data), password=self._password or "")
            page = self._pdf.pages[index]
            try:
                return [
                    (_box(table.bbox), [_box(cell) for cell in table.cells])
                    for table in page.find_tables(_TABLE_SETTINGS)
                ]
            finally:
                page.close()
        except Exception as exc:  # pdfminer raises anything at all on a damaged file
            raise InputError(
                f"damaged PDF, page {index + 1}: {_describe(_cause(exc))}", self._path
            ) from None

    def close(self) -> None:
        if self._pdf is not None:
            with contextlib.suppress(Exception):  # a damaged file fails here too: already said
                self._pdf.close()


def _box(bbox: Any) -> Box:
    x0, top, x1, bottom = bbox
    return float(x0), float(top), float(x1), float(bottom)


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exception in PdfminerException(cause)."""
    inner = exc.args[0] if exc.args else None
    return inner if isinstance(inner, BaseException) else exc


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
