"""Sheets turned a quarter turn on the page: a landscape table sheet scanned on a portrait page
(or a portrait page on a landscape one) has its text lines running up or down the image.

The detector, on a small copy of the page, finds the text lines; when more of the long ones
stand upright (much taller than wide) than lie across, the page is turned a quarter turn, and
the direction classifier, on the longest of those lines, says which way round (a line read
upside down after a turn to the left wanted a turn to the right). Most pages need no
detection for it: lines of print that lie across leave blank rows between them and hardly any
blank column runs down a whole page, so a page with many more blank rows than columns is
upright as it is; a table (rules down and across) or a sideways page gets the detector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from . import engine

if TYPE_CHECKING:
    import numpy.typing as npt

    from .prepare import PixelBox

# the small copy's long side, in pixels (a 16 pt line of an A4 page is still 12 px high)
_PROBE_SIDE = 640
# a box this many times longer than wide is a line of several characters, not one glyph
_LONG = 3.0
# fewer long lines than this say nothing about the page
_LEAST = 3
# lines shown to the direction classifier
_SAMPLE = 8
_MARGIN = 4  # pixels around a line's box
# a page at least this share of whose rows (between its first and last ink) are blank, and
# ``_ROWS_OVER_COLUMNS`` times the share of its blank columns, has lines across
_BLANK_ROWS = 0.15
_ROWS_OVER_COLUMNS = 3.0
_INK = 200


def quarter_turns(grey: npt.NDArray[np.uint8]) -> int:
    """``k`` for ``numpy.rot90(grey, k)`` that stands the page's text upright: 0, 1 or 3."""
    if _lines_across(grey):
        return 0
    height, width = grey.shape
    scale = min(1.0, _PROBE_SIDE / max(height, width))
    small = cv2.resize(
        grey, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
    )
    spans = [_span(box, scale) for box in engine.text_boxes(np.asarray(small, np.uint8))]
    across = [s for s in spans if s[2] - s[0] >= _LONG * (s[3] - s[1])]
    upright = [s for s in spans if s[3] - s[1] >= _LONG * (s[2] - s[0])]
    if len(upright) < _LEAST or len(upright) <= len(across):
        return 0
    longest = sorted(upright, key=lambda s: s[1] - s[3])[:_SAMPLE]
    left = np.rot90(grey, 1)
    lines = [left[t:b, x0:x1] for x0, t, x1, b in (turn_box(s, 1, grey.shape) for s in longest)]
    flipped = engine.upside_down([np.ascontiguousarray(line) for line in lines if line.size])
    return 3 if 2 * sum(flipped) > len(flipped) else 1


def _lines_across(grey: npt.NDArray[np.uint8]) -> bool:
    height, width = grey.shape
    scale = min(1.0, 400 / max(height, width))
    small = cv2.resize(
        grey, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
    )
    ink = np.asarray(small < _INK)
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not rows.size:
        return True  # a blank page: nothing to turn
    inked = ink[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
    blank_rows = float((~inked.any(axis=1)).mean())
    blank_columns = float((~inked.any(axis=0)).mean())
    return blank_rows >= _BLANK_ROWS and blank_rows >= _ROWS_OVER_COLUMNS * blank_columns


def _span(box: list[list[float]], scale: float) -> PixelBox:
    xs = [p[0] / scale for p in box]
    ys = [p[1] / scale for p in box]
    return (
        round(min(xs)) - _MARGIN,
        round(min(ys)) - _MARGIN,
        round(max(xs)) + _MARGIN,
        round(max(ys)) + _MARGIN,
    )


def turn_box(box: PixelBox, turns: int, shape: tuple[int, ...]) -> PixelBox:
    """A box (x0, top, x1, bottom) of an image of ``shape``, clipped to it, where it lies in
    ``numpy.rot90(image, turns)``."""
    height, width = shape[:2]
    x0, top, x1, bottom = (
        max(0, box[0]),
        max(0, box[1]),
        min(width, box[2]),
        min(height, box[3]),
    )
    for _ in range(turns % 4):
        # a quarter turn to the left: column x becomes row width - x, row y becomes column y
        x0, top, x1, bottom = top, width - x1, bottom, width - x0
        width, height = height, width
    return x0, top, x1, bottom


def turn_image(image: npt.NDArray[np.uint8], turns: int) -> npt.NDArray[np.uint8]:
    return image if turns % 4 == 0 else np.ascontiguousarray(np.rot90(image, turns))
