"""PDF loader: the text layer as paragraphs and ruled tables as grids.

``pages`` reads the characters (PDFium, turned upright) and the cell boxes of ruled tables
(pdfplumber, only on pages that draw vertical rules). Per page:
1. ``lines``: faux bold (characters drawn twice at almost the same spot) is dropped, and text
   outside the tables is grouped into lines by position; a space is kept only where a gap
   separates Latin words or columns of a line (a signature line);
2. ``tables``: merged cells are resolved by geometry (a cell covering several grid positions
   gives them its text);
3. ``furniture``: running headers and footers (repeated in the margins of several pages) and
   page numbers ("— 3 —", "第3页 共9页", "3/9", "3") are marked as furniture.

Across pages, ``assemble`` joins wrapped lines into paragraphs by geometry: a line that
reaches the right edge continues on the next line unless that one is indented or starts a
heading (the Chinese rule: no space between CJK characters). ``continued`` joins a table
continued on the next page to its first part: the repeated header row is dropped, a row split
by the page break is rejoined, and a merged cell split by the break gets its text back.

Files we cannot read honestly are refused with their own error (``pages``, ``text_layer``):
encrypted without the right password, no text layer (a scan), or fonts without a Unicode map
(the text would be garbage).
"""

from __future__ import annotations

from ...blocks import Block
from ...model import Warning
from .assemble import assemble
from .content import page_content
from .furniture import mark_furniture
from .pages import read_pages
from .text_layer import check_text_layer


def load_pdf(
    data: bytes, path: str, password: str | None = None, max_pages: int = 2000
) -> tuple[list[Block], int, list[Warning]]:
    count, raw_pages = read_pages(data, path, password, max_pages)
    pages = [page_content(raw) for raw in raw_pages]
    warnings: list[Warning] = []
    check_text_layer(pages, path, warnings)
    mark_furniture(pages)
    blocks = assemble(pages)
    return blocks, count, warnings
