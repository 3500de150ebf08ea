"""Pages → blocks in reading order: wrapped lines joined into paragraphs by geometry (a line
that reaches the right edge continues on the next unless that one is indented or starts a
heading), tables placed where they stand, a table continued on the next page joined to its
first part."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...blocks import Block, Line, TableBlock
from ...text.joining import join_text, starts_structure
from .content import PageContent
from .continued import join_continued
from .lines import TextLine, wrapped
from .tables import PageTable, regrid


@dataclass
class _Edges:
    left: float
    right: float


def _edges(pages: list[PageContent]) -> dict[int, _Edges]:
    """Left and right text edges per page width (portrait and landscape pages differ): the
    most common line start (continuation lines are flush left) and line end."""
    by_width: dict[int, list[TextLine]] = {}
    for page in pages:
        by_width.setdefault(round(page.width), []).extend(
            line for line in page.lines if not line.furniture
        )
    edges = {}
    for width, lines in by_width.items():
        if not lines:
            continue
        starts = Counter(round(line.x0) for line in lines if len(line.text) >= 8)
        left = starts.most_common(1)[0][0] if starts else min(line.x0 for line in lines)
        edges[width] = _Edges(left=float(left), right=_right_edge(lines))
    return edges


def _right_edge(lines: list[TextLine]) -> float:
    """Justified text: the line end most lines share. Ragged text: near the longest line."""
    ends = Counter(round(line.x1) for line in lines if len(line.text) >= 8)
    if ends:
        common, count = ends.most_common(1)[0]
        if count >= 0.2 * sum(ends.values()):
            return float(common)
    rights = sorted(line.x1 for line in lines)
    return rights[int((len(rights) - 1) * 0.9)]


def _centred(line: TextLine, edges: _Edges) -> bool:
    middle = (edges.left + edges.right) / 2
    return (
        line.x0 > edges.left + 2 * line.size and abs((line.x0 + line.x1) / 2 - middle) < line.size
    )


def _ends_sentence(text: str) -> bool:
    return text[-1:] in "。；！？：:;!?"


def _continues(previous: TextLine, line: TextLine, edges: _Edges, same_page: bool) -> bool:
    """Is ``line`` the wrapped continuation of ``previous``?"""
    if previous.furniture or line.furniture or abs(previous.size - line.size) > 1.5:
        return False
    if previous.spaced or line.spaced:
        return False  # items side by side (two issuers on a line) are no wrapped prose
    if previous.x0 > edges.left + 3 * previous.size and not _centred(previous, edges):
        return False  # set to the right (an issuer, a date line): it ends where it stands
    if same_page and line.top - previous.bottom > 1.5 * previous.size:
        return False
    if same_page and previous.size == line.size and _centred(line, edges):
        # the second line of a centred title; the first may fill the measure
        middle = (edges.left + edges.right) / 2
        return abs((previous.x0 + previous.x1) / 2 - middle) < line.size and not (
            _ends_sentence(previous.text)
        )
    if not wrapped(previous, line, edges.right):
        return False  # the previous line ends short: its paragraph ends there
    if line.x0 > edges.left + 0.6 * line.size:
        return False  # indented: a new paragraph (GB/T 9704 indents by two characters)
    return not starts_structure(line.text)


def assemble(pages: list[PageContent]) -> list[Block]:
    edges = _edges(pages)
    out: list[Block | PageTable] = []
    paragraph: list[TextLine] = []
    # furniture met while a paragraph is still open goes after it, in reading order
    furniture: list[Line] = []
    last_content: TextLine | None = None

    def flush() -> None:
        if paragraph:
            text = paragraph[0].text
            for piece in paragraph[1:]:
                text = join_text(text, piece.text)
            first = paragraph[0]
            out.append(Line(text, page=first.page, line=first.number))
            paragraph.clear()
        out.extend(furniture)
        furniture.clear()

    for page in pages:
        page_edges = edges.get(round(page.width))
        items: list[tuple[float, TextLine | PageTable]] = [(ln.top, ln) for ln in page.lines]
        items += [(table.top, table) for table in page.tables]
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, PageTable):
                flush()
                last_content = None
                _append_table(out, item)
                continue
            if item.furniture:
                furniture.append(Line(item.text, page=item.page, line=item.number, furniture=True))
                continue
            if (
                last_content is not None
                and paragraph
                and page_edges is not None
                and _continues(last_content, item, page_edges, last_content.page == item.page)
            ):
                paragraph.append(item)
            else:
                flush()
                paragraph.append(item)
            last_content = item
    flush()
    return [_to_block(b) if isinstance(b, PageTable) else b for b in out]


def _to_block(table: PageTable) -> TableBlock:
    return TableBlock(
        rows=table.rows,
        page=table.page,
        row_pages=list(table.row_pages),
        row_lines=[None] * len(table.rows),
    )


def _append_table(out: list[Block | PageTable], table: PageTable) -> None:
    """Append a table, or join it to the table it continues from the previous page."""
    previous = next((b for b in reversed(out) if not (isinstance(b, Line) and b.furniture)), None)
    if (
        isinstance(previous, PageTable)
        and table.page == previous.row_pages[-1] + 1
        and len(table.rows[0]) != len(previous.rows[0])
    ):
        regrid(previous, table.xs) or regrid(table, previous.xs)
    if (
        isinstance(previous, PageTable)
        and table.page == previous.row_pages[-1] + 1
        and len(table.rows[0]) == len(previous.rows[0])
    ):
        join_continued(previous, table)
    else:
        out.append(table)
