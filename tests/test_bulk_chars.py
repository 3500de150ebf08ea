"""The PDF characters read in bulk and grouped into lines without per-character objects give
what the per-character reading and the line objects gave: PDFium's page text against each
character's code asked on its own (on every committed PDF page, and the fallback where the
two views differ: a font without a Unicode map), and line grouping and line text against the
implementation they replace, on random characters (blanks, sizes that differ, gaps), and
the glyphs turned from the text split per angle as they were split glyph by glyph."""

from __future__ import annotations

import copy
import ctypes
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, SAMPLES
from jiufeng_extract.load.fixed.lines import _group_lines, _is_cjk, _line_text
from jiufeng_extract.load.pdf import chars as bulk
from jiufeng_extract.load.pdf.marks import upright_and_turned

_PDFS = sorted([*SAMPLES.glob("*.pdf"), *DATA.rglob("*.pdf")])


def _per_character(raw: ctypes.c_void_p, count: int) -> str:
    unicode_of = bulk._calls().unicode
    return "".join(chr(unicode_of(raw, i)) for i in range(count))


@pytest.mark.parametrize("path", _PDFS, ids=lambda p: p.name)
def test_page_text_is_each_characters_code(path: Path) -> None:
    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        pytest.skip("PDFium cannot open it (a damaged test file)")
    calls = bulk._calls()
    try:
        for page in document:
            textpage = page.get_textpage()
            raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
            count = calls.count(raw)
            assert bulk._text(raw, count, calls) == _per_character(raw, count)
            textpage.close()
            page.close()
    finally:
        document.close()


def test_text_without_unicode_map_falls_back() -> None:
    """A page whose glyphs have no Unicode: PDFium's text leaves them out, so it is shorter
    than the page's characters and each code is asked (and still agrees)."""
    document = pypdfium2.PdfDocument(DATA / "garbled-fonts.pdf")
    calls = bulk._calls()
    shorter = 0
    for page in document:
        textpage = page.get_textpage()
        raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        count = calls.count(raw)
        buffer = (ctypes.c_uint16 * (2 * count + 2))()
        shorter += calls.text(raw, 0, count, buffer) < count + 1
        assert bulk._text(raw, count, calls) == _per_character(raw, count)
        textpage.close()
    document.close()
    assert shorter > 0


# the line grouping and line text as they were: an object per line, asked per character
class _OldLine:
    def __init__(self, char: dict[str, Any]) -> None:
        self.chars: list[dict[str, Any]] = []
        self.blanks = 0
        self.low, self.high = math.inf, -math.inf
        self.top, self.bottom = math.inf, -math.inf
        self.add(char)

    def add(self, char: dict[str, Any]) -> None:
        self.chars.append(char)
        if not char["text"].strip():
            self.blanks += 1
            return
        height = char["bottom"] - char["top"]
        self.low, self.high = min(self.low, height), max(self.high, height)
        self.top, self.bottom = min(self.top, char["top"]), max(self.bottom, char["bottom"])

    def fits(self, char: dict[str, Any], middle: float) -> bool:
        height = char["bottom"] - char["top"]
        if self.high < self.low:
            return True
        if 2 / 3 * height <= self.low and self.high <= 1.5 * height:
            return self.blanks == 0 or self.top <= middle <= self.bottom
        alike = [
            c
            for c in self.chars
            if c["text"].strip() and 2 / 3 * height <= c["bottom"] - c["top"] <= 1.5 * height
        ]
        if not alike:
            return True
        return bool(min(c["top"] for c in alike) <= middle <= max(c["bottom"] for c in alike))


def _old_group_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: list[_OldLine] = []
    low = high = 0.0
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if not groups and not char["text"].strip():
            continue
        top, bottom = char["top"], char["bottom"]
        middle = (top + bottom) / 2
        if groups and low <= middle <= high and groups[-1].fits(char, middle):
            groups[-1].add(char)
            low, high = min(low, top), max(high, bottom)
        else:
            groups.append(_OldLine(char))
            low, high = top, bottom
    return [sorted(group.chars, key=lambda c: c["x0"]) for group in groups]


def _old_line_text(chars: list[dict[str, Any]]) -> tuple[str, bool]:
    out: list[str] = []
    spaced = False
    previous: dict[str, Any] | None = None
    blank = False
    for char in chars:
        text = char["text"]
        if not text.strip():
            if out and not blank:
                out.append(" ")
                blank = True
            continue
        if previous is not None and not blank:
            gap = char["x0"] - previous["x1"]
            size = max(float(char["size"]), 1.0)
            cjk = _is_cjk(previous["text"][-1:]) or _is_cjk(text[:1])
            if gap > (1.5 * size if cjk else 0.25 * size):
                out.append(" ")
                spaced = spaced or cjk
        out.append(text)
        blank = False
        previous = char
    return "".join(out).strip(), spaced


# positions on a quarter-point grid and heights of several sizes, so bands touch, overlap
# and hold characters of unlike height (a title beside small text) often
_POS = st.integers(min_value=0, max_value=160).map(lambda n: n / 4)
_HEIGHT = st.sampled_from([0.0, 2.0, 5.0, 10.5, 12.0, 16.0, 30.0])


@st.composite
def _page(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=30))):
        x0, top, height = draw(_POS), draw(_POS), draw(_HEIGHT)
        out.append(
            {
                "text": draw(st.sampled_from(["一", "风", "A", "9", " ", "\u3000", "，"])),
                "x0": x0,
                "x1": x0 + draw(st.sampled_from([0.0, 3.0, 6.0, 12.0])),
                "top": top,
                "bottom": top + height,
                "size": draw(st.sampled_from([0.5, 1.0, 6.0, 12.0])),
            }
        )
    return out


@settings(max_examples=200, deadline=None)
@given(_page())
def test_lines_are_grouped_as_the_line_objects_grouped(chars: list[dict[str, Any]]) -> None:
    groups = _group_lines(chars)
    assert groups == _old_group_lines(chars)
    for group in groups:
        assert _line_text(group) == _old_line_text(group)


def _old_upright_and_turned(
    chars: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The split as it was: every glyph's turn worked out on its own."""
    if not chars or len({c["angle"] for c in chars}) == 1:
        return chars, []
    common = Counter(round(math.degrees(c["angle"])) % 360 for c in chars if c["angle"] >= 0)
    upright = math.radians(common.most_common(1)[0][0]) if common else 0.0
    text: list[dict[str, Any]] = []
    turned: list[dict[str, Any]] = []
    for char in chars:
        turn = (char["angle"] - upright) % (2 * math.pi) if char["angle"] >= 0 else 0.0
        char["angle"] = turn
        (turned if min(turn, 2 * math.pi - turn) > 0.05 else text).append(char)
    return text, turned


# PDFium's angles: radians from 0 to 2π (a diagonal watermark, a seal's arc, a page set
# sideways), or -1 where it has none
_ANGLES = st.sampled_from([0.0, -0.0, 0.01, 0.3, 1.5707963, 3.1415927, 5.4977875, 6.2831, -1.0])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ANGLES, max_size=25))
def test_turned_glyphs_are_split_as_one_by_one(angles: list[float]) -> None:
    chars = [{"text": str(i), "angle": angle} for i, angle in enumerate(angles)]
    copies = copy.deepcopy(chars)
    assert upright_and_turned(chars) == _old_upright_and_turned(copies)
