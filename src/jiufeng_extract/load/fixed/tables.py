"""A ruled table on one page → a grid of cell texts: merged cells resolved by geometry (a cell
covering several grid positions gives them its text), wrapped lines in a cell rejoined."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import Any

from ...text.joining import join_text
from .lines import Centres, TextLine, lines_of, wrapped


@dataclass
class PageTable:
    """A table as found on one page, before tables continued across pages are joined."""

    page: int
    top: float
    rows: list[list[str]]
    # the region (origin row, column) each grid position belongs to: merged cells share one;
    # read only on the part of a table that continues another
    origins: list[list[tuple[int, int]]]
    # per cell: did its last text line reach the cell's right edge (text cut mid-flow)?
    full: list[list[bool]]
    row_pages: list[int] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)  # the column rules, left to right


def regrid(table: PageTable, xs: list[float], tolerance: float = 3.0) -> bool:
    """Spread ``table`` over the finer column rules ``xs`` (a part whose cells span columns
    another part splits: a header row above a page break), if its own rules are among them."""
    if len(xs) <= len(table.xs) or not all(
        any(abs(x - mine) <= tolerance for x in xs) for mine in table.xs
    ):
        return False
    owner = [
        max(i for i, mine in enumerate(table.xs[:-1]) if mine <= x + tolerance) for x in xs[:-1]
    ]
    table.rows = [[row[c] for c in owner] for row in table.rows]
    table.full = [[row[c] for c in owner] for row in table.full]
    table.origins = [[row[c] for c in owner] for row in table.origins]
    table.xs = list(xs)
    return True


def table_grid(
    page: int,
    chars: list[dict[str, Any]],
    bbox: tuple[float, float, float, float],
    table_cells: list[tuple[float, float, float, float]],
) -> PageTable | None:
    """Resolve a ruled table on its grid: every position takes the text of the cell covering
    it. ``table_cells`` are the table finder's cell boxes; ``chars`` those inside the table."""
    xs = sorted({round(c[0], 1) for c in table_cells} | {round(c[2], 1) for c in table_cells})
    ys = sorted({round(c[1], 1) for c in table_cells} | {round(c[3], 1) for c in table_cells})
    xs, ys = _merge_close(xs), _merge_close(ys)
    if len(xs) < 3 or len(ys) < 2:
        return None  # a single column or a box around text is not a table
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    rows = [[""] * n_cols for _ in range(n_rows)]
    full = [[False] * n_cols for _ in range(n_rows)]
    origins = [[(r, c) for c in range(n_cols)] for r in range(n_rows)]
    cells = []
    centres = Centres(chars)
    # the text's right edge per column: where wrapped lines in cells of that column alone end
    ends: dict[int, list[float]] = {}
    for cell in table_cells:
        r0, r1 = _span(ys, cell[1], cell[3])
        c0, c1 = _span(xs, cell[0], cell[2])
        lines = lines_of(centres.within(cell), 0)
        cells.append((r0, r1, c0, c1, lines))
        if c1 == c0 + 1:
            ends.setdefault(c0, []).extend(line.x1 for line in lines)
    right = [max(ends[c]) if ends.get(c) else xs[c + 1] for c in range(n_cols)]
    for r0, r1, c0, c1, lines in cells:
        text, ends_full = _cell_text(lines, right[c1 - 1])
        for r in range(r0, r1):
            for c in range(c0, c1):
                rows[r][c] = text
                full[r][c] = ends_full
                origins[r][c] = (r0, c0)
    if not any(any(cell for cell in row) for row in rows):
        return None
    return PageTable(
        page=page,
        top=bbox[1],
        rows=rows,
        origins=origins,
        full=full,
        row_pages=[page] * n_rows,
        xs=xs,
    )


def _merge_close(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _span(edges: list[float], start: float, stop: float) -> tuple[int, int]:
    """Indexes of the grid intervals a cell from start to stop covers."""
    first, last = _nearest(edges, start), _nearest(edges, stop)
    return first, max(last, first + 1)


def _nearest(edges: list[float], value: float) -> int:
    """The index of the edge nearest ``value`` (the first of two as near), found by bisection:
    the edges rise by more than ``_merge_close``'s tolerance, so only the two around it can be."""
    i = bisect.bisect_left(edges, value)
    if i == 0:
        return 0
    if i == len(edges) or abs(edges[i - 1] - value) <= abs(edges[i] - value):
        return i - 1
    return i


def _cell_text(lines: list[TextLine], right: float) -> tuple[str, bool]:
    """Lines of a cell joined by the Chinese rule where they wrap, by a newline where a line
    ends short (a paragraph break inside the cell). Also says whether the last line is full,
    which is how a row cut by a page break shows."""
    if not lines:
        return "", False
    text = lines[0].text
    for previous, line in itertools.pairwise(lines):
        text = (
            join_text(text, line.text) if wrapped(previous, line, right) else f"{text}\n{line.text}"
        )
    last = lines[-1]
    return text, right - last.x1 < 1.5 * last.size
