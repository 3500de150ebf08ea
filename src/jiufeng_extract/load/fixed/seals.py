"""Seals seen drawn on a page (a red ring as vector paths or a red round image), and the text
set along their arc: recorded in the shape an OFD's seal signatures take (``Seal`` with its
``Stamp``: page and box in mm from the page's top-left), the name read from the glyphs.

The glyphs of a seal's name are not upright (each is turned to face the centre), so the loader
keeps them out of the page's lines; here they are read back in the order the name runs:
clockwise around the centre, starting after the widest gap (the seal's open foot).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from ...model import Seal, Stamp
from .raw import Box, Char

_MM = 25.4 / 72
_FACING = 20.0  # degrees a glyph of the name may stand off facing the centre
_TOP = 8.0  # degrees either side of straight up where an arc's glyph stands upright


@dataclass
class SealMark:
    page: int
    box: Box  # x0, top, x1, bottom in points from the top-left
    text: str | None = None


def read_marks(
    page: int, boxes: list[Box], tilted: list[Char], chars: list[Char]
) -> tuple[list[SealMark], list[Char]]:
    """Each seal box with the glyphs of its arc read as the seal's text; and ``chars`` without
    the upright glyphs at the top of an arc (facing the centre there means standing upright)."""
    marks = []
    for box in boxes:
        arc = [c for c in tilted if _centre_in(c, box) and _facing(_angle(c) - _bearing(c, box))]
        if arc:  # the name is set in one size: a watermark's glyphs crossing the seal are not
            size = statistics.median(float(c["size"]) for c in arc)
            arc = [c for c in arc if abs(float(c["size"]) - size) < 0.2 * size]
        top = _arc_top(arc, box, [c for c in chars if _centre_in(c, box)])
        if top:
            chars = [c for c in chars if not any(c is t for t in top)]
        marks.append(SealMark(page, box, _arc_text(arc + top, box) or None))
    return marks, chars


def _centre_in(char: Char, box: Box) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _angle(char: Char) -> float:
    return math.degrees(char.get("angle", 0.0))


def _bearing(char: Char, box: Box) -> float:
    """Clockwise angle from straight up around the box's centre (y grows downwards)."""
    x = (char["x0"] + char["x1"]) / 2 - (box[0] + box[2]) / 2
    y = (char["top"] + char["bottom"]) / 2 - (box[1] + box[3]) / 2
    return math.degrees(math.atan2(x, -y)) % 360


def _radius(char: Char, box: Box) -> float:
    x = (char["x0"] + char["x1"]) / 2 - (box[0] + box[2]) / 2
    y = (char["top"] + char["bottom"]) / 2 - (box[1] + box[3]) / 2
    return math.hypot(x, y)


def _arc_top(arc: list[Char], box: Box, upright: list[Char]) -> list[Char]:
    """Upright glyphs straight above the centre, on the arc's radius and in its size."""
    if len(arc) < 3:
        return []
    radius = statistics.median(_radius(c, box) for c in arc)
    size = statistics.median(float(c["size"]) for c in arc)
    return [
        c
        for c in upright
        if _facing(_bearing(c, box), _TOP)
        and abs(_radius(c, box) - radius) < 0.15 * radius
        and abs(float(c["size"]) - size) < 0.2 * size
    ]


def _arc_text(chars: list[Char], box: Box) -> str:
    if not chars:
        return ""
    ordered = sorted(chars, key=lambda c: _bearing(c, box))
    angles = [_bearing(c, box) for c in ordered]
    gaps = [(angles[(i + 1) % len(angles)] - angles[i]) % 360 for i in range(len(angles))]
    start = (max(range(len(gaps)), key=gaps.__getitem__) + 1) % len(ordered)
    return "".join(c["text"] for c in ordered[start:] + ordered[:start]).strip()


def _facing(difference: float, tolerance: float = 0.0) -> bool:
    difference %= 360
    return min(difference, 360 - difference) < (tolerance or _FACING)


def as_seals(marks: list[SealMark]) -> list[Seal]:
    """Seals seen on the pages, as ``source.seals`` holds them (nothing signed, nothing
    verified: no provider, no signing time)."""
    return [
        Seal(
            seal_name=mark.text,
            stamps=[
                Stamp(
                    page=mark.page,
                    boundary=[
                        round(mark.box[0] * _MM, 1),
                        round(mark.box[1] * _MM, 1),
                        round((mark.box[2] - mark.box[0]) * _MM, 1),
                        round((mark.box[3] - mark.box[1]) * _MM, 1),
                    ],
                )
            ],
        )
        for mark in marks
    ]
