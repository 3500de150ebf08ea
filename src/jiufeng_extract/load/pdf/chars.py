"""A PDF page's text layer → characters with upright boxes, read from PDFium in bulk where it
has a call for it.

PDFium has one call for a page's text (``FPDFText_GetText``: every character's code at once)
but none for many boxes, so each character still costs two calls: its loose box and its text
object. The angle and font size are the text object's (PDFium takes them from the object's
matrix and font), asked once per object. Only a space, a line end or a hyphen can be one
PDFium generated, so only those are asked.
"""

from __future__ import annotations

import ctypes
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..fixed import Char
from .bare import bare
from .marks import upright_and_turned

if TYPE_CHECKING:
    import pypdfium2

    from .pages import Upright

# what a character's code may be that needs a look: one PDFium may have generated
# (TEXT_SPACE_CHAR, TEXT_RETURN_CHAR, TEXT_LINEFEED_CHAR and TEXT_HYPHEN_CHAR of its
# cpdf_textpage.cpp; the soft hyphen and NBSP asked too, to be safe), or no character of its
# own (nothing, a noncharacter, half of a surrogate pair)
_LOOK = re.compile("[ \r\n\\-\xad\xa0\x00\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAYBE_GENERATED = frozenset(" \r\n-\xad\xa0")
_FLOATS = 4  # an FS_RECTF: left, top, right, bottom


def page_chars(page: pypdfium2.PdfPage, upright: Upright) -> tuple[list[Char], list[Char]]:
    """Every character PDFium reads (not the ones it generates for line ends), with its
    advance-width box turned upright; apart, the glyphs that are not upright (a seal's name
    set along its arc, a diagonal watermark), which are no part of the text."""
    calls = _calls()
    textpage = page.get_textpage()
    try:
        raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        count = calls.count(raw)
        text = _text(raw, count, calls)
        skipped = {
            found.start()
            for found in _LOOK.finditer(text)
            if found.group() not in _MAYBE_GENERATED or calls.generated(raw, found.start()) == 1
        }
        # every box asked into one array, read back as floats at once
        boxes = (ctypes.c_float * (_FLOATS * count))()
        box_of, into, size = calls.loose_box, ctypes.byref, _FLOATS * ctypes.sizeof(ctypes.c_float)
        found = [box_of(raw, i, into(boxes, size * i)) for i in range(count)]
        object_of = calls.text_object
        owners = [object_of(raw, i) for i in range(count)]
        return _assemble(raw, text, skipped, found, owners, boxes, upright, calls)
    finally:
        textpage.close()


def _text(raw: ctypes.c_void_p, count: int, calls: _Calls) -> str:
    """The page's characters, one per index. PDFium's text is that when it is as long as the
    page has characters and holds no surrogate (it leaves out control characters, and a
    character beyond the BMP may take two units); otherwise each code is asked."""
    if count <= 0:
        return ""
    units = count + 1
    buffer = (ctypes.c_uint16 * (2 * units))()  # twice: room for surrogate pairs
    written = calls.text(raw, 0, count, buffer)
    if written == units:
        text = bytes(buffer)[: 2 * count].decode("utf-16-le", "surrogatepass")
        if len(text) == count and not _SURROGATE.search(text):
            return text
    unicode_of = calls.unicode
    return "".join([chr(unicode_of(raw, i)) for i in range(count)])


def _assemble(
    raw: ctypes.c_void_p,
    text: str,
    skipped: set[int],
    found: list[int],
    owners: list[int | None],
    boxes: ctypes.Array[ctypes.c_float],
    upright: Upright,
    calls: _Calls,
) -> tuple[list[Char], list[Char]]:
    """The characters kept, built column by column (a comprehension per side, not a loop
    doing everything per character)."""
    kept = [i for i, ok in enumerate(found) if ok and i not in skipped]
    floats = memoryview(boxes).cast("B").cast("f").tolist()
    lefts, tops, rights, bottoms = (floats[i::_FLOATS] for i in range(_FLOATS))
    if upright.rotation in (90, 180, 270):
        sides = [upright.box(lefts[i], bottoms[i], rights[i], tops[i]) for i in kept]
        x0s, top_s, x1s, bottom_s = ([side[k] for side in sides] for k in range(4))
    else:  # the unrotated page (most pages) turned inline
        left, bottom, height = upright.left, upright.bottom, upright.top - upright.bottom
        x0s, x1s = [lefts[i] - left for i in kept], [rights[i] - left for i in kept]
        top_s = [height - (tops[i] - bottom) for i in kept]
        bottom_s = [height - (bottoms[i] - bottom) for i in kept]
    styles = _styles(raw, kept, owners, calls)
    chars: list[Char] = [
        {
            "angle": style[0],
            "text": text[i],
            "x0": x0,
            "x1": x1,
            "top": top_,
            "bottom": bottom_,
            "size": style[1],
        }
        for i, style, x0, x1, top_, bottom_ in zip(
            kept, styles, x0s, x1s, top_s, bottom_s, strict=True
        )
    ]
    return upright_and_turned(chars)


def _styles(
    raw: ctypes.c_void_p, kept: list[int], owners: list[int | None], calls: _Calls
) -> list[tuple[float, float]]:
    """Angle and font size of each kept character: its text object's, asked at the object's
    first character kept (each time for a character without one)."""
    mine = [owners[i] for i in kept]
    # reversed: where an object has several characters, its first one is written last
    first = dict(zip(reversed(mine), reversed(kept), strict=True))
    asked = {
        owner: (calls.angle(raw, i), calls.font_size(raw, i)) for owner, i in first.items() if owner
    }
    return [
        asked[owner] if owner else (calls.angle(raw, i), calls.font_size(raw, i))
        for owner, i in zip(mine, kept, strict=True)
    ]


@dataclass(frozen=True)
class _Calls:
    """PDFium's text calls without pypdfium2's argument conversion (called with the text page
    as a ``c_void_p`` they take half the time; a page has hundreds of characters)."""

    count: Callable[..., int]
    text: Callable[..., int]
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
        text=bare(pdfium_c.FPDFText_GetText, ctypes.c_int),
        unicode=bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
        generated=bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int),
        loose_box=bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int),
        text_object=bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p),
        angle=bare(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float),
        font_size=bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double),
    )
