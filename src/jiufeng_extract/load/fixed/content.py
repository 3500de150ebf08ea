"""One raw page → its content: text lines outside the tables, and the tables as grids."""

from __future__ import annotations

from dataclasses import dataclass

from .lines import TextLine, dedupe, inside, lines_of
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
    for bbox, cells in raw.tables:
        grid = table_grid(raw.number, [c for c in chars if inside(c, bbox)], bbox, cells)
        if grid is not None:
            tables.append((bbox, grid))
    free = [c for c in chars if not any(inside(c, box) for box, _ in tables)]
    return PageContent(
        number=raw.number,
        width=raw.width,
        height=raw.height,
        lines=lines_of(free, raw.number),
        tables=[table for _, table in tables],
    )
