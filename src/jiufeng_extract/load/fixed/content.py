"""One raw page → its content: text lines outside the tables, and the tables as grids."""

from __future__ import annotations

from dataclasses import dataclass

from .lines import Centres, TextLine, dedupe, lines_of
from .raw import RawPage
from .tables import PageTable, table_grid


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[TextLine]
    tables: list[PageTable]


def page_content(raw: RawPage) -> PageContent:
    chars = dedupe(raw.chars)
    tables = []
    free = chars
    if raw.tables:
        centres = Centres(chars)
        taken: set[int] = set()
        for bbox, cells in raw.tables:
            inside = centres.indexes(bbox)
            grid = table_grid(raw.number, [chars[i] for i in inside], bbox, cells)
            if grid is not None:
                tables.append(grid)
                taken.update(inside)
        free = [c for i, c in enumerate(chars) if i not in taken]
    return PageContent(
        number=raw.number,
        width=raw.width,
        height=raw.height,
        lines=lines_of(free, raw.number),
        tables=tables,
    )
