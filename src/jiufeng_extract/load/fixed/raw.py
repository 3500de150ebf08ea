"""What a fixed-layout loader hands over for each page: characters with upright boxes and the
cell boxes of ruled tables, found from the straight segments of the page's drawn paths.

Coordinates are pdfplumber's: points from the top-left of the page as displayed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .cells import Rule, find_cells

if TYPE_CHECKING:
    from ..recognised import RecognisedPage
    from .seals import SealMark

Char = dict[str, Any]  # text, x0, x1, top, bottom, size: the keys pdfplumber uses
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Edge = dict[str, Any]  # a straight segment as pdfplumber's table finder takes it

# a segment whose ends differ by less than this across its direction is straight (points)
STRAIGHT = 1.0
# how near (points) rules ending at one height are, and a horizontal rule to them
_CLOSE = 3.0


@dataclass
class RawPage:
    number: int  # from 1
    width: float
    height: float
    chars: list[Char]
    tables: list[tuple[Box, list[Box]]]  # (table box, cell boxes)
    ocr: RecognisedPage | None = None  # set when the page was read by OCR
    seals: list[SealMark] = field(default_factory=list)  # drawn on the page, their text read


def edge(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    """A segment's box (already upright) as a table-finder edge, if it is straight."""
    x0, x1 = min(x0, x1), max(x0, x1)
    top, bottom = min(top, bottom), max(top, bottom)
    if bottom - top < STRAIGHT:
        orientation = "h"
    elif x1 - x0 < STRAIGHT:
        orientation = "v"
    else:
        return []  # a slanted or curved stroke is no table rule
    return [table_edge(x0, top, x1, bottom, orientation)]


def table_edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> Edge:
    """An edge in the form pdfplumber's table finder takes ("h" or "v")."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def ruled_tables(edges: list[Edge]) -> list[tuple[Box, list[Box]]]:
    """Tables drawn with ruling lines: pdfplumber's table finder (its "lines" strategy, default
    tolerances, done again in ``cells``) turns the straight segments into cells."""
    if not any(e["orientation"] == "v" for e in edges):
        return []  # no vertical rule, no ruled table: most pages stop here
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for e in _close_cut_tables(edges):
        length = e["height"] if e["orientation"] == "v" else e["width"]
        if length >= 1:  # pdfplumber's filter_edges(min_length=1)
            rules = vertical if e["orientation"] == "v" else horizontal
            rules.append((e["x0"], e["top"], e["x1"], e["bottom"], length))
    return [
        (_bounds(group), [_box(cell) for cell in group])
        for group in find_cells(horizontal, vertical)
    ]


def _close_cut_tables(edges: list[Edge]) -> list[Edge]:
    """A table cut by a page break may not draw its rule at the cut (a browser leaves the
    cell open, or only the cell merged over rows that go on): where three or more vertical
    rules end (or start) at one height, no vertical rule goes on from there and horizontal
    rules do not run all across them, the rule is drawn across, so the cut row is a row."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h" and e["width"] >= _CLOSE]
    added: list[Edge] = []
    for end, other in (("top", "bottom"), ("bottom", "top")):
        for y in sorted({round(rule[end]) for rule in verticals}):
            group = [rule for rule in verticals if abs(rule[end] - y) <= _CLOSE]
            if len(group) < 3 or any(abs(rule[other] - y) <= _CLOSE for rule in verticals):
                continue  # a row boundary: the next row's rules go on from there
            x0, x1 = min(rule["x0"] for rule in group), max(rule["x1"] for rule in group)
            covered = _union(
                (max(h["x0"], x0), min(h["x1"], x1))
                for h in horizontals + added
                if abs(h["top"] - y) <= _CLOSE and h["x1"] > x0 and h["x0"] < x1
            )
            if covered < x1 - x0 - 2 * _CLOSE:  # open under some cell: a merged one goes on
                added.append(table_edge(x0, y, x1, y, "h"))
    return edges + added if added else edges


def _union(spans: Iterable[tuple[float, float]]) -> float:
    """Length covered by the intervals (a rule drawn twice, as a rectangle's sides, once)."""
    total, reach = 0.0, float("-inf")
    for start, stop in sorted(spans):
        if stop > reach:
            total += stop - max(start, reach)
            reach = stop
    return total


def _bounds(cells: list[Any]) -> Box:
    return (
        float(min(c[0] for c in cells)),
        float(min(c[1] for c in cells)),
        float(max(c[2] for c in cells)),
        float(max(c[3] for c in cells)),
    )


def _box(bbox: Any) -> Box:
    x0, top, x1, bottom = bbox
    return float(x0), float(top), float(x1), float(bottom)
