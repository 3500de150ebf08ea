"""Fixed-layout pages → blocks, shared by the PDF and OFD loaders: characters into lines,
ruled tables into grids, page furniture marked, wrapped lines joined into paragraphs and
tables continued across pages joined. A loader reads its format into ``RawPage`` objects and
calls ``pages_to_blocks``; everything after that is the same for every fixed-layout format.

1. ``lines``: faux bold (characters drawn twice at almost the same spot) is dropped, and text
   outside the tables is grouped into lines by position; a space is kept only where a gap
   separates Latin words or columns of a line (a signature line);
2. ``tables``: merged cells are resolved by geometry (a cell covering several grid positions
   gives them its text);
3. ``text_layer``: no text at all (a scan) or glyphs without Unicode (garbage) are refused;
4. ``furniture``: running headers and footers (repeated in the margins of several pages) and
   page numbers ("— 3 —", "第3页 共9页", "3/9", "3") are marked as furniture;
5. ``assemble`` joins wrapped lines into paragraphs by geometry: a line that reaches the right
   edge continues on the next line unless that one is indented or starts a heading (the
   Chinese rule: no space between CJK characters); ``continued`` joins a table continued on
   the next page to its first part.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...blocks import Block
from ...model import Warning
from .assemble import assemble
from .content import PageContent, page_content
from .furniture import mark_furniture
from .ocred import ocr_warnings
from .raw import Box, Char, Edge, RawPage, edge, ruled_tables
from .text_layer import check_text_layer

__all__ = [
    "Box",
    "Char",
    "Edge",
    "PageContent",
    "RawPage",
    "assemble",
    "check_text_layer",
    "edge",
    "mark_furniture",
    "page_content",
    "page_contents",
    "pages_to_blocks",
    "ruled_tables",
]


def page_contents(raw_pages: Iterable[RawPage]) -> list[PageContent]:
    """Lines and table grids per page, before furniture and paragraphs (``jiufeng text``)."""
    return [page_content(raw) for raw in raw_pages]


def pages_to_blocks(
    raw_pages: Iterable[RawPage], path: str, kind: str = "PDF", ocr_hint: str = ""
) -> tuple[list[Block], list[Warning]]:
    """The shared stages after a loader: the text layer checked on the pages OCR did not read
    (``ocr_hint`` says how OCR would read a scan), furniture, paragraphs; the warnings include
    the lines OCR was unsure of."""
    raws = list(raw_pages)
    pages = page_contents(raws)
    read = [(raw.number, raw.ocr) for raw in raws if raw.ocr is not None]
    text_pages = [page for page, raw in zip(pages, raws, strict=True) if raw.ocr is None]
    warnings: list[Warning] = []
    if text_pages or not read:
        check_text_layer(text_pages, path, warnings, kind, ocr_hint)
    warnings += ocr_warnings(read)
    mark_furniture(pages)
    return assemble(pages), warnings
