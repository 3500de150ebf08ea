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

import ctypes
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from ...errors import EncryptedError, InputError, describe
from ..fixed import Box, Char, RawPage, ruled_tables
from ..fixed.seals import SealMark, read_marks
from ..source import Held
from .bare import bare
from .drawings import drawings
from .marks import upright_and_turned
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
            chars, turned = _chars(page, upright)
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


def _chars(page: pypdfium2.PdfPage, upright: Upright) -> tuple[list[Char], list[Char]]:
    """Every character PDFium reads (not the ones it generates for line ends), with its
    advance-width box turned upright; apart, the glyphs that are not upright (a seal's name
    set along its arc, a diagonal watermark), which are no part of the text.

    PDFium has no call for many boxes at once, so each character costs one call for its code,
    one for its box and one for its text object: the angle and font size are the text
    object's (PDFium takes them from the object's matrix and font), asked once per object.
    Only a space, a line end or a hyphen can be one PDFium generated, so only those are asked."""
    import pypdfium2.raw as pdfium_c

    calls = _calls()
    textpage = page.get_textpage()
    try:
        raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        unicode_of, box_of, object_of = calls.unicode, calls.loose_box, calls.text_object
        rect = pdfium_c.FS_RECTF()
        into = ctypes.byref(rect)
        # the unrotated page (most pages) turned inline: a function call per character shows
        straight = upright.rotation not in (90, 180, 270)
        left, bottom, height = upright.left, upright.bottom, upright.top - upright.bottom
        styles: dict[int, tuple[float, float]] = {}  # text object → angle, font size
        chars: list[Char] = []
        for i in range(calls.count(raw)):
            code = unicode_of(raw, i)
            if code in _MAYBE_GENERATED and calls.generated(raw, i) == 1:
                continue
            if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue  # not a character of its own (half of a surrogate pair)
            if not box_of(raw, i, into):
                continue
            if straight:
                x0, x1 = rect.left - left, rect.right - left
                top_, bottom_ = height - (rect.top - bottom), height - (rect.bottom - bottom)
            else:
                x0, top_, x1, bottom_ = upright.box(rect.left, rect.bottom, rect.right, rect.top)
            owner = object_of(raw, i)
            style = styles.get(owner) if owner else None
            if style is None:
                style = (calls.angle(raw, i), calls.font_size(raw, i))
                if owner:
                    styles[owner] = style
            chars.append(
                {
                    "angle": style[0],
                    "text": chr(code),
                    "x0": x0,
                    "x1": x1,
                    "top": top_,
                    "bottom": bottom_,
                    "size": style[1],
                }
            )
        return upright_and_turned(chars)
    finally:
        textpage.close()


# the characters PDFium generates: TEXT_SPACE_CHAR, TEXT_RETURN_CHAR, TEXT_LINEFEED_CHAR and
# TEXT_HYPHEN_CHAR of its cpdf_textpage.cpp (the soft hyphen and NBSP asked too, to be safe)
_MAYBE_GENERATED = frozenset((0x20, 0x0D, 0x0A, 0x2D, 0xAD, 0xA0))


@dataclass(frozen=True)
class _Calls:
    """PDFium's per-character text calls without pypdfium2's argument conversion (called with
    the text page as a ``c_void_p`` they take half the time; a page has hundreds of
    characters and there is no call for many at once)."""

    count: Callable[..., int]
    unicode: Callable[..., int]
    generated: Callable[..., int]
    loose_box: Callable[..., int]
    text_object: Callable[..., int | None]
    angle: Callable[..., float]
    font_size: Callable[..., float]


@functools.cache
def _calls() -> _Calls:
    import pypdfium2.raw as pdfium_c

    return _Calls(
        count=bare(pdfium_c.FPDFText_CountChars, ctypes.c_int),
        unicode=bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
        generated=bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int),
        loose_box=bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int),
        text_object=bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p),
        angle=bare(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float),
        font_size=bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double),
    )


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
