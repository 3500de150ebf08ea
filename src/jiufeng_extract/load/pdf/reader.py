"""PDF loader: the text layer as paragraphs and ruled tables as grids.

``pdf_pages`` reads the characters (PDFium, turned upright) and the cell boxes of ruled tables
(pdfplumber, only on pages that draw vertical rules). Per page, here:
1. faux bold: characters drawn twice at almost the same spot are dropped;
2. tables: merged cells are resolved by geometry (a cell covering several grid positions gives
   them its text);
3. text outside the tables is grouped into lines by position; a space is kept only where a gap
   separates Latin words or columns of a line (a signature line);
4. running headers and footers (repeated in the margins of several pages) and page numbers
   ("— 3 —", "第3页 共9页", "3/9", "3") are marked as furniture.

Across pages, wrapped lines are joined into paragraphs by geometry: a line that reaches the
right edge continues on the next line unless that one is indented or starts a heading (the
Chinese rule: no space between CJK characters). A table continued on the next page is joined to
its first part: the repeated header row is dropped, a row split by the page break is rejoined,
and a merged cell split by the break gets its text back.

Files we cannot read honestly are refused with their own error: encrypted without the right
password, no text layer (a scan), or fonts without a Unicode map (the text would be garbage).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ...blocks import Block, Line, TableBlock
from ...errors import GarbledTextError, NoTextLayerError
from ...model import Warning
from ...patterns import PAGE_NUMBER, ROW_NUMBER
from ...text.joining import join_text, starts_structure
from .pages import RawPage, read_pages

# margins in which running headers and footers live, as a share of the page height; page
# numbers sit a little further in (a landscape page's footer is higher up on its short side)
_HEADER_ZONE = 0.09
_FOOTER_ZONE = 0.90
_PAGE_NUMBER_ZONE = (0.15, 0.80)
# share of unreadable glyphs above which a page (or the document) is garbage
_GARBLED_SHARE = 0.1
_CJK = regex.compile(r"[\p{Han}\p{Ideographic_Symbols_And_Punctuation}\uff00-\uffef]")
_DIGITS = regex.compile(r"\d+")
_CID = regex.compile(r"\(cid:\d+\)")
_UNREADABLE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
_CONTINUED = regex.compile(r"^[（(]?续表[）)]?\s*\d*$")
_LATIN = regex.compile(r"[A-Za-z0-9.%\-]")
# punctuation a line may not start with (closing) or end with (opening): 避头尾
_CLOSING = set("，。、；：！？”’》）】〕」』…—·,.;:!?)]%")
_OPENING = set("“‘《（【〔「『([")


@dataclass
class TextLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    # width of the line's first unbreakable unit (a character with the punctuation held to it,
    # or a run of Latin letters and digits): the line before broke because it did not fit
    lead: float = 0.0
    number: int = 0  # line number on the page, from 1
    furniture: bool = False


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


@dataclass
class _PageContent:
    number: int
    width: float
    height: float
    lines: list[TextLine]
    tables: list[PageTable]


def load_pdf(
    data: bytes, path: str, password: str | None = None, max_pages: int = 2000
) -> tuple[list[Block], int, list[Warning]]:
    count, raw_pages = read_pages(data, path, password, max_pages)
    pages = [_page_content(raw) for raw in raw_pages]
    warnings: list[Warning] = []
    _check_text_layer(pages, path, warnings)
    _mark_furniture(pages)
    blocks = _assemble(pages)
    return blocks, count, warnings


def _page_content(raw: RawPage) -> _PageContent:
    chars = _dedupe(raw.chars)
    tables = []
    for bbox, cells in raw.tables:
        grid = _table_grid(raw.number, [c for c in chars if _inside(c, bbox)], bbox, cells)
        if grid is not None:
            tables.append((bbox, grid))
    free = [c for c in chars if not any(_inside(c, box) for box, _ in tables)]
    return _PageContent(
        number=raw.number,
        width=raw.width,
        height=raw.height,
        lines=_lines(free, raw.number),
        tables=[table for _, table in tables],
    )


# --- characters → lines ---------------------------------------------------------------------


def _dedupe(chars: Sequence[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """Drop a glyph drawn again within ``tolerance`` points of the same glyph (faux bold)."""
    kept: list[dict[str, Any]] = []
    near: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for char in chars:
        cell = (char["text"], round(char["x0"]), round(char["top"]))
        neighbours = [
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in near.get((cell[0], cell[1] + dx, cell[2] + dy), [])
        ]
        if any(
            abs(o["x0"] - char["x0"]) <= tolerance and abs(o["top"] - char["top"]) <= tolerance
            for o in neighbours
        ):
            continue
        near.setdefault(cell, []).append(char)
        kept.append(char)
    return kept


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _line_text(chars: list[dict[str, Any]]) -> str:
    """Characters of one line, left to right. A space is kept where the PDF draws one, and
    added where a gap separates Latin words or two items of a line (a signature line)."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    for char in chars:
        text = char["text"]
        if not text.strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if previous is not None and out[-1] != " ":
            gap = char["x0"] - previous["x1"]
            size = max(float(char["size"]), 1.0)
            cjk = _is_cjk(previous["text"][-1:]) or _is_cjk(text[:1])
            if gap > (1.5 * size if cjk else 0.25 * size):
                out.append(" ")
        out.append(text)
        previous = char
    return "".join(out).strip()


def _lead_width(chars: list[dict[str, Any]]) -> float:
    """Width of the first unit a line break could not split (see ``TextLine.lead``)."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return 0.0
    end = 1
    if _LATIN.match(visible[0]["text"]):
        while end < len(visible) and _LATIN.match(visible[end]["text"]):
            end += 1
    else:
        if visible[0]["text"] in _OPENING and len(visible) > 1:
            end = 2
        while end < len(visible) and visible[end]["text"] in _CLOSING:
            end += 1
        if end + 1 < len(visible) and visible[end]["text"] in _OPENING:
            end += 2  # an opening mark cannot end a line: it travels with what follows
    return float(visible[end - 1]["x1"] - visible[0]["x0"])


def _group_lines(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Chars whose vertical centres fall within the running line's band form one line."""
    groups: list[list[dict[str, Any]]] = []
    band: tuple[float, float] | None = None
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if not char["text"].strip() and not groups:
            continue
        middle = (char["top"] + char["bottom"]) / 2
        if band is not None and band[0] <= middle <= band[1]:
            groups[-1].append(char)
            band = (min(band[0], char["top"]), max(band[1], char["bottom"]))
        else:
            groups.append([char])
            band = (char["top"], char["bottom"])
    return [sorted(group, key=lambda c: c["x0"]) for group in groups]


def _lines(chars: Iterable[dict[str, Any]], page: int) -> list[TextLine]:
    lines = []
    for group in _group_lines(chars):
        text = _line_text(group)
        if not text:
            continue
        lines.append(
            TextLine(
                text=text,
                x0=min(c["x0"] for c in group),
                x1=max(c["x1"] for c in group),
                top=min(c["top"] for c in group),
                bottom=max(c["bottom"] for c in group),
                size=statistics.median(float(c["size"]) for c in group if c["text"].strip()),
                page=page,
                lead=_lead_width(group),
            )
        )
    for number, line in enumerate(lines, start=1):
        line.number = number
    return lines


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


# --- tables -------------------------------------------------------------------------------


def _table_grid(
    page: int,
    chars: list[dict[str, Any]],
    bbox: tuple[float, float, float, float],
    table_cells: list[tuple[float, float, float, float]],
) -> PageTable | None:
    """Resolve a ruled table on its grid: every position takes the text of the cell covering
    it. ``table_cells`` are pdfplumber's cell boxes; ``chars`` those inside the table."""
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
    for cell in table_cells:
        r0, r1 = _span(ys, cell[1], cell[3])
        c0, c1 = _span(xs, cell[0], cell[2])
        cells.append((r0, r1, c0, c1, _lines([c for c in chars if _inside(c, cell)], 0)))
    # the text's right edge per column: where wrapped lines in that column end
    right = [xs[c + 1] for c in range(n_cols)]
    for c in range(n_cols):
        ends = [ln.x1 for (_, _, c0, c1, lines) in cells if (c0, c1) == (c, c + 1) for ln in lines]
        if ends:
            right[c] = max(ends)
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
    )


def _merge_close(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _span(edges: list[float], start: float, stop: float) -> tuple[int, int]:
    """Indexes of the grid intervals a cell from start to stop covers."""
    first = min(range(len(edges)), key=lambda i: abs(edges[i] - start))
    last = min(range(len(edges)), key=lambda i: abs(edges[i] - stop))
    return first, max(last, first + 1)


def _cell_text(lines: list[TextLine], right: float) -> tuple[str, bool]:
    """Lines of a cell joined by the Chinese rule where they wrap, by a newline where a line
    ends short (a paragraph break inside the cell). Also says whether the last line is full,
    which is how a row cut by a page break shows."""
    if not lines:
        return "", False
    text = lines[0].text
    for previous, line in itertools.pairwise(lines):
        text = (
            join_text(text, line.text)
            if _wrapped(previous, line, right)
            else f"{text}\n{line.text}"
        )
    last = lines[-1]
    return text, right - last.x1 < 1.5 * last.size


# --- scans and garbled fonts ----------------------------------------------------------------


def _glyphs(text: str) -> tuple[int, int]:
    """(glyphs, unreadable glyphs). A glyph without Unicode comes out as its code: a control
    character (PDFium), "(cid:123)" (pdfminer), U+FFFD or a private-use character."""
    cids = _CID.findall(text)
    glyphs = len(text) - sum(len(m) - 1 for m in cids)
    bad = len(cids) + sum(1 for c in text if _UNREADABLE.match(c))
    return glyphs, bad


def _check_text_layer(pages: list[_PageContent], path: str, warnings: list[Warning]) -> None:
    per_page = []
    for page in pages:
        texts = [line.text for line in page.lines] + [
            cell for table in page.tables for row in table.rows for cell in row
        ]
        counts = [_glyphs(t) for t in texts]
        per_page.append((page.number, sum(g for g, _ in counts), sum(b for _, b in counts)))
    total = sum(t for _, t, _ in per_page)
    bad = sum(b for _, _, b in per_page)
    if total == 0:
        raise NoTextLayerError(
            f"no text layer on any of its {len(pages)} page(s): a scanned document needs OCR "
            "first (e.g. ocrmypdf)",
            path,
        )
    if bad > _GARBLED_SHARE * total:
        garbled = [str(n) for n, t, b in per_page if t and b > _GARBLED_SHARE * t]
        raise GarbledTextError(
            f"the text layer is unreadable on page(s) {_ranges(garbled)}: its fonts have no "
            "Unicode map (text would come out as glyph codes); re-export the PDF with embedded "
            "Unicode fonts or OCR it",
            path,
        )
    for number, page_total, page_bad in per_page:
        if page_total == 0:
            warnings.append(
                Warning(
                    code="page_without_text",
                    message="page has no text layer (a scanned page?); its content is missing",
                    where=f"page {number}",
                )
            )
        elif page_bad > _GARBLED_SHARE * page_total:
            warnings.append(
                Warning(
                    code="garbled_page",
                    message=f"{page_bad} of {page_total} glyphs on this page have no Unicode map",
                    where=f"page {number}",
                )
            )


def _ranges(numbers: list[str]) -> str:
    return ", ".join(numbers[:10]) + (" …" if len(numbers) > 10 else "")


# --- furniture ------------------------------------------------------------------------------


def _mark_furniture(pages: list[_PageContent]) -> None:
    """Page numbers, and lines repeated in the top or bottom margin of several pages."""

    def in_zone(line: TextLine, page: _PageContent, top: float, bottom: float) -> bool:
        return line.bottom < page.height * top or line.top > page.height * bottom

    def in_margin(line: TextLine, page: _PageContent) -> bool:
        return in_zone(line, page, _HEADER_ZONE, _FOOTER_ZONE)

    repeated: Counter[str] = Counter()
    for page in pages:
        repeated.update({_DIGITS.sub("#", ln.text) for ln in page.lines if in_margin(ln, page)})
    threshold = max(2, len(pages) // 2)
    for page in pages:
        for line in page.lines:
            if (
                (PAGE_NUMBER.match(line.text) and in_zone(line, page, *_PAGE_NUMBER_ZONE))
                or (in_margin(line, page) and repeated[_DIGITS.sub("#", line.text)] >= threshold)
                or _CONTINUED.match(line.text)
            ):
                line.furniture = True


# --- assembling paragraphs and tables ---------------------------------------------------------


@dataclass
class _Edges:
    left: float
    right: float


def _edges(pages: list[_PageContent]) -> dict[int, _Edges]:
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


def _wrapped(previous: TextLine, line: TextLine, right: float) -> bool:
    """The line break after ``previous`` was forced: the next unit would not have fitted."""
    return right - previous.x1 < line.lead + 0.5 * previous.size


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
    if same_page and line.top - previous.bottom > 1.5 * previous.size:
        return False
    if same_page and previous.size == line.size and _centred(line, edges):
        # the second line of a centred title; the first may fill the measure
        middle = (edges.left + edges.right) / 2
        return abs((previous.x0 + previous.x1) / 2 - middle) < line.size and not (
            _ends_sentence(previous.text)
        )
    if not _wrapped(previous, line, edges.right):
        return False  # the previous line ends short: its paragraph ends there
    if line.x0 > edges.left + 0.6 * line.size:
        return False  # indented: a new paragraph (GB/T 9704 indents by two characters)
    return not starts_structure(line.text)


def _assemble(pages: list[_PageContent]) -> list[Block]:
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
        and len(table.rows[0]) == len(previous.rows[0])
    ):
        _join_continued(previous, table)
    else:
        out.append(table)


def _squash(row: list[str]) -> list[str]:
    return ["".join(cell.split()) for cell in row]


def _join_continued(first: PageTable, more: PageTable) -> None:
    """Append ``more`` (the table's part on the next page) to ``first``: drop a repeated
    header row; a first row with no 序号 whose cells go on from text cut mid-line is the rest
    of ``first``'s last row; an empty merged cell at the top gets the text it had above."""
    rows, origins, full = more.rows, more.origins, more.full
    if rows and _squash(rows[0]) == _squash(first.rows[0]):
        rows, origins, full = rows[1:], origins[1:], full[1:]  # the repeated header
    if not rows:
        return
    seq_col = _seq_column(first.rows + rows)
    last = len(first.rows) - 1
    fragment = (
        seq_col is not None
        and not rows[0][seq_col].strip()
        and any(
            first.full[last][c] and rows[0][c].strip() for c in range(len(rows[0])) if c != seq_col
        )
    )
    # a merged cell cut by the page break: its part on this page is empty, give it the text
    for c in range(len(rows[0])):
        origin = origins[0][c]
        region = [r for r in range(len(rows)) if origins[r][c] == origin]
        if not rows[0][c].strip() and (len(region) > 1 or fragment):
            for r in region:
                rows[r][c] = "" if (fragment and r == 0) else first.rows[last][c]
    if fragment:
        first.rows[last] = [
            _join_cell(a, b, ends_full)
            for a, b, ends_full in zip(first.rows[last], rows[0], first.full[last], strict=True)
        ]
        first.full[last] = full[0]
        rows, full = rows[1:], full[1:]
    first.rows += rows
    first.full += full
    first.row_pages += [more.page] * len(rows)


def _join_cell(before: str, after: str, cut_mid_line: bool) -> str:
    if not after or after == before:
        return before
    return join_text(before, after) if cut_mid_line else f"{before}\n{after}"


def _seq_column(rows: list[list[str]]) -> int | None:
    """The column holding row numbers (序号), if one does in most rows."""
    if not rows:
        return None
    for c in range(min(2, len(rows[0]))):
        numbered = sum(1 for row in rows if ROW_NUMBER.match(row[c]))
        if numbered >= max(2, len(rows) // 2):
            return c
    return None
