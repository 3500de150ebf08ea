"""Text in private-use codes, read back through the embedded font (fontTools).

Some producers write each character of a ``TextCode`` as a private-use code point
(U+E000–U+F8FF) that only their embedded subset font draws. The font says what the glyph is:
the same glyph also reached from a real Unicode code in one of its cmap subtables, or a glyph
name that spells a code (``uni4E2D``, ``u2F00D``, AGL names). Where it says neither, the code
stays as it is, and the page is garbled as a PDF page whose font has no Unicode map is
(``fixed/text_layer``).
"""

from __future__ import annotations

import contextlib
import io

import regex

from ...errors import InputError
from .package import Package

_PRIVATE = regex.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_MAX_FONTS = 64  # fonts read per document; a package naming more is not a circular


def is_private(code: int) -> bool:
    return 0xE000 <= code <= 0xF8FF or 0xF0000 <= code <= 0x10FFFF


class FontMaps:
    """Private-use code → character, per embedded font file, each read on first use; ``using``
    gives the view of a page, whose font IDs name these files."""

    def __init__(self, package: Package, fonts: dict[str, str] | None = None) -> None:
        self._package = package
        self._fonts = fonts or {}
        self._maps: dict[str, dict[str, str]] = {}

    def using(self, fonts: dict[str, str]) -> FontMaps:
        view = FontMaps(self._package, fonts)
        view._maps = self._maps  # one read of each file for the whole document
        return view

    def decode(self, font_id: str | None, text: str) -> str:
        if not _PRIVATE.search(text) or font_id not in self._fonts:
            return text
        mapping = self._map(self._fonts[font_id])
        return "".join(mapping.get(char, char) for char in text) if mapping else text

    def _map(self, name: str) -> dict[str, str]:
        if name not in self._maps:
            self._maps[name] = {}
            if len(self._maps) <= _MAX_FONTS:
                with contextlib.suppress(InputError):  # a damaged font file: codes stay codes
                    self._maps[name] = unicode_map(self._package.read(name))
        return self._maps[name]


def unicode_map(data: bytes) -> dict[str, str]:
    """Each private-use code of the font's cmap → the character its glyph is, where the font
    says; {} for a font fontTools cannot read (its codes then stay unreadable)."""
    from fontTools.agl import toUnicode
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data), fontNumber=0, lazy=True)
        private: dict[int, str] = {}
        real: dict[str, int] = {}
        for table in font["cmap"].tables:
            for code, glyph in table.cmap.items():
                if is_private(code):
                    private.setdefault(code, glyph)
                elif code >= 0x20 and table.isUnicode():
                    real[glyph] = min(code, real.get(glyph, code))
    except Exception:  # fontTools raises whatever the broken table makes it: no map then
        return {}
    out = {}
    for code, glyph in private.items():
        if glyph in real:
            out[chr(code)] = chr(real[glyph])
            continue
        named = toUnicode(glyph)
        if len(named) == 1 and not is_private(ord(named)) and ord(named) >= 0x20:
            out[chr(code)] = named
    return out
