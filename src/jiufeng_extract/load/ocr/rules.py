"""Ruling lines of a scanned table: long thin runs of ink, horizontal and vertical, found by
morphology (an opening with a long thin kernel keeps only what is at least that long), each
one an edge in points for the PDF loader's table geometry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from ..fixed.raw import Edge, table_edge

if TYPE_CHECKING:
    import numpy.typing as npt

_MM_PER_INCH = 25.4
_MIN_RULE_MM = 12.0  # shorter runs are strokes of characters, not rules
_MAX_THICK_MM = 1.2
# darker is ink: a thin rule of a black-and-white scan comes out mid-grey at the engine's dpi
_INK = 170
_ALIGN_PT = 2.0
_GAP_PT = 24.0
# share of the way a rule's extension must show ink
_DRAWN = 0.6


def ruling_edges(grey: npt.NDArray[np.uint8], dpi: float) -> list[dict[str, Any]]:
    mm = dpi / _MM_PER_INCH
    ink = np.asarray(grey < _INK, dtype=np.uint8)
    length = max(10, int(_MIN_RULE_MM * mm))
    edges: list[dict[str, Any]] = []
    for orientation, kernel in (("h", (length, 1)), ("v", (1, length))):
        # close pixel gaps a thin rule shows after binarisation, and the step of a pixel it
        # shows after levelling (a thin rule of a skewed sheet scans as a staircase), then
        # keep long runs only
        bridge = (3, 2) if orientation == "h" else (2, 3)
        closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones(bridge[::-1], np.uint8))
        opened = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones(kernel[::-1], np.uint8))
        count, _, stats, _ = cv2.connectedComponentsWithStats(opened)
        for x, y, w, h, _area in stats[1:count]:
            thick = h if orientation == "h" else w
            if thick > _MAX_THICK_MM * mm:
                continue  # a filled block, not a rule
            edges.append(_edge(orientation, x, y, w, h, dpi / 72))
    return _reach(_joined(edges), ink, dpi / 72)


def _joined(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pieces of one rule (a thin rule scans with breaks in it) joined across gaps up to
    ``_GAP_PT``: on the same line within ``_ALIGN_PT``."""
    out: list[dict[str, Any]] = []
    for orientation, across, start, stop in (
        ("h", "top", "x0", "x1"),
        ("v", "x0", "top", "bottom"),
    ):
        pieces = sorted(
            (e for e in edges if e["orientation"] == orientation),
            key=lambda e: (e[across], e[start]),
        )
        lines: list[list[dict[str, Any]]] = []
        for piece in pieces:
            line = next(
                (ln for ln in lines if abs(ln[0][across] - piece[across]) <= _ALIGN_PT), None
            )
            if line is None:
                lines.append([piece])
            else:
                line.append(piece)
        for line in lines:
            line.sort(key=lambda e: e[start])
            current = dict(line[0])
            for piece in line[1:]:
                if piece[start] - current[stop] <= _GAP_PT:
                    current[stop] = max(current[stop], piece[stop])
                else:
                    out.append(_sized(current))
                    current = dict(piece)
            out.append(_sized(current))
    return out


def _reach(edges: list[dict[str, Any]], ink: npt.NDArray[np.uint8], scale: float) -> list[Edge]:
    """A rule's end that stops short of a crossing rule (the scan lost the last few points,
    or a piece too short to pass for a rule, as in a low header row) is taken to it, where
    the image shows ink along the way: so that the two meet as drawn, while a rule that
    really ends at a crossing (the header of merged columns) stays where it ends."""
    h = [e for e in edges if e["orientation"] == "h"]
    v = [e for e in edges if e["orientation"] == "v"]
    for rule, others, across, start, stop, o_start, o_stop in (
        (h, v, "x0", "x0", "x1", "top", "bottom"),
        (v, h, "top", "top", "bottom", "x0", "x1"),
    ):
        for edge in rule:
            position = edge["top"] if across == "x0" else edge["x0"]
            crossing = [
                o[across]
                for o in others
                if o[o_start] - _ALIGN_PT <= position <= o[o_stop] + _ALIGN_PT
            ]
            before = [c for c in crossing if edge[start] - _GAP_PT <= c < edge[start]]
            after = [c for c in crossing if edge[stop] < c <= edge[stop] + _GAP_PT]
            horizontal = rule is h
            if before and _inked(ink, horizontal, position, max(before), edge[start], scale):
                edge[start] = max(before)
            if after and _inked(ink, horizontal, position, edge[stop], min(after), scale):
                edge[stop] = min(after)
    return [_sized(e) for e in edges]


def _inked(
    ink: npt.NDArray[np.uint8],
    horizontal: bool,
    position: float,
    start: float,
    stop: float,
    scale: float,
) -> bool:
    """Does ink run along most of the way from ``start`` to ``stop`` (points) at
    ``position``, within a couple of pixels across?"""
    across = max(2, round(position * scale))
    a, b = max(0, round(start * scale)), round(stop * scale) + 1
    if b - a < 3:
        return True
    band = ink[across - 2 : across + 3, a:b] if horizontal else ink[a:b, across - 2 : across + 3].T
    if band.size == 0:
        return False
    return float(band.any(axis=0).mean()) >= _DRAWN


def _sized(edge: dict[str, Any]) -> dict[str, Any]:
    edge["width"] = edge["x1"] - edge["x0"]
    edge["height"] = edge["bottom"] - edge["top"]
    return edge


def _edge(orientation: str, x: int, y: int, w: int, h: int, scale: float) -> dict[str, Any]:
    if orientation == "h":
        middle = (y + h / 2) / scale
        x0, x1, top, bottom = x / scale, (x + w) / scale, middle, middle
    else:
        middle = (x + w / 2) / scale
        x0, x1, top, bottom = middle, middle, y / scale, (y + h) / scale
    return table_edge(x0, top, x1, bottom, orientation)
