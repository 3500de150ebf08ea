"""HTML loader: government web pages → lines and tables.

Finds the article body (the smallest element holding most of the page's Chinese text), keeps
everything else only as furniture, drops scripts and navigation, and reads ``<table>`` as a grid
with ``rowspan``/``colspan`` resolved.
"""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html
import regex
from lxml import etree

from ..blocks import Block, Line, TableBlock
from ..errors import InputError
from ..patterns import HAN, META_LABEL, WHITESPACE_RUN
from .decode import decode_bytes

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
)
_CHROME_TOKENS = regex.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|breadcrumb|crumbs?|banner|share|toolbar|sidebar|"
    r"copyright|topbar|search|login|position|location)(?:$|[\s_-])",
    regex.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "header",
    "dd",
    "dt",
    "dl",
    "center",
    "address",
    "figure",
    "figcaption",
    "body",
    "td",
    "th",
    "tr",
}
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.I)
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]*\?>")
# the largest colspan HTML allows, and the cells a page's tables may cover once spans are
# copied out (a long responsibility table has some thousands)
_MAX_SPAN = 1000
_MAX_CELLS = 200_000
_MAX_DEPTH = 2048  # libxml2's with huge_tree
# the article body must hold at least this share of the page's Han characters
_BODY_SHARE = 0.7


class _TooLarge(Exception):
    """A page that would build more than a loader's bound."""


def load_html(data: bytes, path: str, encoding: str | None = None) -> list[Block]:
    declared = encoding or _declared_charset(data)
    text = _XML_DECL.sub(
        "", decode_bytes(data, path, declared=declared, forced=encoding is not None)
    )
    # huge_tree lifts libxml2's limit of 256 nested elements (2048 then), which otherwise cuts
    # the rest of the page off without an error
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", path) from None
    if any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log):
        raise InputError(f"elements nested over {_MAX_DEPTH} deep: refusing a cut page", path)
    _drop_chrome(root)
    body = root.find("body")
    if body is None:
        body = root
    article = _find_article(body)
    blocks: list[Block] = []
    title = root.findtext(".//title")
    if title and title.strip():
        blocks.append(Line(_clean(title), line=None, furniture=True))
    try:
        blocks.extend(_blocks(body, article, inside=article is body))
    except _TooLarge as exc:
        raise InputError(str(exc), path) from None
    except RecursionError:
        raise InputError("elements nested too deep to read", path) from None
    return blocks


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _drop_chrome(root: lxml.html.HtmlElement) -> None:
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if _CHROME_TOKENS.search(marks):
            element.drop_tree()


def _han_counts(body: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, int]:
    """Han characters in each element's ``text_content()`` (its text and all text inside it,
    not its tail), in one pass from the leaves up: a text's count is the sum of its parts'
    (a comment's or instruction's own text is no text content; its tail is)."""
    counts: dict[lxml.html.HtmlElement, int] = {}
    for element in reversed(list(body.iter())):
        own = _han(element.text) if isinstance(element.tag, str) else 0
        counts[element] = own + sum(counts[child] + _han(child.tail) for child in element)
    return counts


def _han(text: str | None) -> int:
    return len(HAN.findall(text)) if text else 0


def _find_article(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    counts = _han_counts(body)
    total = counts[body]
    if total == 0:
        return body
    best, fewest = body, total
    for element in body.iter("div", "article", "main", "section", "td"):
        count = counts[element]
        if count >= total * _BODY_SHARE and count <= fewest:
            best, fewest = element, count
    return best


def _clean(text: str) -> str:
    cleaned: str = WHITESPACE_RUN.sub(" ", text).strip()
    return cleaned


def _blocks(
    element: lxml.html.HtmlElement, article: lxml.html.HtmlElement, inside: bool
) -> Iterator[Block]:
    """Walk in document order: flush a line at every block boundary, a table as one block."""
    buffer: list[str] = []
    start_line: list[int | None] = [None]
    cells = [0]  # grid cells of the page's tables so far, against _MAX_CELLS

    def flush() -> Iterator[Line]:
        text = _clean("".join(buffer))
        if text:
            yield Line(text, line=start_line[0], furniture=not inside_now[0])
        buffer.clear()
        start_line[0] = None

    inside_now = [inside]

    def walk(node: lxml.html.HtmlElement) -> Iterator[Block]:
        was_inside = inside_now[0]
        # the page's <h1> is the circular's title even where the site puts it above the body
        if node is article or node.tag == "h1":
            inside_now[0] = True
        if node.tag == "table":
            yield from flush()
            yield from _table_or_meta_lines(node, not inside_now[0], cells)
        elif node.tag == "br":
            yield from flush()
        else:
            is_block = node.tag in _BLOCK_TAGS
            if is_block:
                yield from flush()
            if node.text:
                if start_line[0] is None:
                    start_line[0] = node.sourceline
                buffer.append(node.text)
            for child in node:
                if isinstance(child.tag, str):
                    yield from walk(child)
                if child.tail:
                    if start_line[0] is None:
                        start_line[0] = child.sourceline
                    buffer.append(child.tail)
            if is_block:
                yield from flush()
        inside_now[0] = was_inside

    yield from walk(element)
    yield from flush()


def _table_or_meta_lines(
    table: lxml.html.HtmlElement, furniture: bool, cells: list[int]
) -> Iterator[Block]:
    grid, row_lines = _grid(table, cells)
    if not grid:
        return
    labels = sum(1 for row in grid for cell in row if META_LABEL.match(_as_label(cell)))
    if labels >= 2 and not any("序号" in cell for row in grid for cell in row):
        # a web page's metadata box (索引号 | … | 发文字号 | …): keep it as "label：value" lines
        for row, line in zip(grid, row_lines, strict=True):
            text = " ".join(_as_label(cell) for cell in _dedupe(row) if cell)
            if text:
                yield Line(text, line=line, furniture=furniture)
        return
    yield TableBlock(rows=grid, line=row_lines[0], row_lines=list(row_lines))


def _as_label(cell: str) -> str:
    """'发文字号' → '发文字号：' so the label grammar reads a metadata box like a text trailer."""
    bare = cell.rstrip(":： ")
    return bare + "：" if META_LABEL.match(bare + "：") and len(bare) <= 6 else cell


def _dedupe(row: list[str]) -> list[str]:
    out: list[str] = []
    for cell in row:
        if not out or out[-1] != cell:
            out.append(cell)
    return out


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    """Cell text with paragraph and <br> breaks kept as newlines."""
    parts: list[str] = []
    for block in _blocks(cell, cell, inside=True):
        if isinstance(block, Line):
            parts.append(block.text)
        else:
            parts.extend(" ".join(row) for row in block.rows)
    return "\n".join(parts)


def _grid(
    table: lxml.html.HtmlElement, cells: list[int]
) -> tuple[list[list[str]], list[int | None]]:
    """Resolve rowspan/colspan: a merged cell's text is copied into every position it covers;
    ``cells`` counts the positions the page's tables cover, refused past ``_MAX_CELLS``."""
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    grid: list[list[str]] = []
    row_lines: list[int | None] = []
    pending: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(rows):
        out: list[str] = []
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in pending:
                out.append(pending.pop((r, c)))
                c += 1
            text = _cell_text(cell)
            # a span stops at the table's last row and its widest legal row, as in a browser
            rowspan = min(_span(cell.get("rowspan")), len(rows) - r)
            colspan = max(0, min(_span(cell.get("colspan")), _MAX_SPAN - c))
            cells[0] += max(1, rowspan * colspan)
            if cells[0] > _MAX_CELLS:
                raise _TooLarge(f"tables cover more than {_MAX_CELLS} cells with their spans")
            for dc in range(colspan):
                out.append(text)
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = text
            c += colspan
        while (r, c) in pending:
            out.append(pending.pop((r, c)))
            c += 1
        if any(cell.strip() for cell in out):
            grid.append(out)
            row_lines.append(tr.sourceline)
    return grid, row_lines


def _nearest_table(tr: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), _MAX_SPAN))
    except ValueError:
        return 1
