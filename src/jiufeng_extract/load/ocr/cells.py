"""Text of a page with ruled tables: each cell read on its own, the rest of the page apart.

The detector joins print that stands close on one line into one box, also across a table's
rule: the last words of a task and the first of its lead unit came back as one line, and no
position inside such a box says which cell a character belongs to. So a table's cells are cut
out along the rules found in the image (inside the rule, with a paper margin around, as the
detector likes it) and read one by one; the page outside the tables is read with the tables
blanked. A cell whose ink is one band of rows no taller than a line of print holds one line,
and needs no detection pass of its own: the band, with a margin, goes to the recogniser as it
is, together with the page's other one-line cells (most cells of a responsibility table name
one or two units). Every box comes back in page pixels, so the shared table geometry puts its
characters into the cell it was read from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import engine

if TYPE_CHECKING:
    import numpy.typing as npt

    from ..fixed import Box

# pixels kept clear of a cell's rules (a rule scans 1-3 px wide at the engine's resolution)
_INSET = 3
# white border around a cut-out cell: the detector misses print that touches the image edge
_BORDER = 12
# a cell with fewer ink pixels than this is empty (specks of the scan)
_MIN_INK = 12
_MM_PER_INCH = 25.4
# one line of print: ink rows no taller than this (a 20 pt line; two lines of 10.5 pt are more)
_LINE_MM = 7.0
# blank rows between two lines of a cell's text: at least this many (inside one line's glyphs
# there are none across the whole width)
_LINE_GAP = 3
# margin around a one-line band given to the recogniser, a share of the band's height (as the
# detector's boxes have it)
_MARGIN = 0.2


def detect_page(
    grey: npt.NDArray[np.uint8], tables: list[tuple[Box, list[Box]]], scale: float
) -> tuple[list[engine.Detection], list[engine.Detection]]:
    """Detections of a levelled page (image pixels): outside the tables (read in one pass
    with the tables blanked), and inside them (per cell)."""
    if not tables:
        return engine.detect(grey), []
    rest = grey.copy()
    found: list[engine.Detection] = []
    lines: list[tuple[int, int, int, int]] = []
    height, width = grey.shape
    for bbox, cells in tables:
        x0, top, x1, bottom = _pixels(bbox, scale, -_INSET, width, height)
        rest[top:bottom, x0:x1] = 255
        for cell in cells:
            box = _pixels(cell, scale, _INSET, width, height)
            line = _one_line(grey, box, scale)
            if line is not None:
                lines.append(line)
            else:
                found += _detect_cell(grey, box)
    found += engine.read_lines(grey, lines, engine.FULL_HEIGHT)
    outside = engine.detect(rest) if bool((rest < 128).any()) else []
    return outside, found


def _one_line(
    grey: npt.NDArray[np.uint8], box: tuple[int, ...], scale: float
) -> tuple[int, int, int, int] | None:
    """The box (page pixels) of a cell's text when it is one line: one band of inked rows, no
    taller than ``_LINE_MM``; else None (an empty cell, or several lines)."""
    x0, top, x1, bottom = box
    if x1 - x0 < 4 or bottom - top < 4:
        return None
    ink = np.asarray(grey[top:bottom, x0:x1] < 128)
    if int(ink.sum()) < _MIN_INK:
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    columns = np.flatnonzero(ink.any(axis=0))
    band = int(rows[-1] - rows[0] + 1)
    if band > _LINE_MM * scale * 72 / _MM_PER_INCH or int(np.diff(rows).max(initial=1)) > _LINE_GAP:
        return None
    margin = max(2, round(_MARGIN * band))
    height, width = grey.shape
    return (
        max(0, x0 + int(columns[0]) - margin),
        max(0, top + int(rows[0]) - margin),
        min(width, x0 + int(columns[-1]) + 1 + margin),
        min(height, top + int(rows[-1]) + 1 + margin),
    )


def _pixels(box: Box, scale: float, inset: int, width: int, height: int) -> tuple[int, ...]:
    x0, top, x1, bottom = box
    return (
        max(0, round(x0 * scale) + inset),
        max(0, round(top * scale) + inset),
        min(width, round(x1 * scale) - inset + 1),
        min(height, round(bottom * scale) - inset + 1),
    )


def _detect_cell(grey: npt.NDArray[np.uint8], box: tuple[int, ...]) -> list[engine.Detection]:
    x0, top, x1, bottom = box
    if x1 - x0 < 4 or bottom - top < 4:
        return []
    part = grey[top:bottom, x0:x1]
    if int((part < 128).sum()) < _MIN_INK:
        return []
    padded = np.pad(part, _BORDER, constant_values=255)
    dx, dy = x0 - _BORDER, top - _BORDER
    return [
        (_moved(points, dx, dy), text, score, [_moved(w, dx, dy) for w in words])
        for points, text, score, words in engine.detect(padded, engine.FULL_HEIGHT)
    ]


def _moved(points: list[list[float]], dx: float, dy: float) -> list[list[float]]:
    return [[p[0] + dx, p[1] + dy] for p in points]
