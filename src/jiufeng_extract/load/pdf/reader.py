"""PDF loader: the text layer as paragraphs and ruled tables as grids.

``pages`` reads the characters (PDFium, turned upright) and the cell boxes of ruled tables
(pdfplumber's table finder, only on pages that draw vertical rules) into ``RawPage`` objects;
the shared fixed-layout stages (``load/fixed``) turn them into lines, tables, furniture and
paragraphs, the same for PDF and OFD.

Files we cannot read honestly are refused with their own error (``pages``,
``fixed/text_layer``): encrypted without the right password, no text layer (a scan), or fonts
without a Unicode map (the text would be garbage).
"""

from __future__ import annotations

from ...blocks import Block
from ...model import Warning
from ..fixed import pages_to_blocks
from .pages import read_pages


def load_pdf(
    data: bytes, path: str, password: str | None = None, max_pages: int = 2000
) -> tuple[list[Block], int, list[Warning]]:
    count, raw_pages = read_pages(data, path, password, max_pages)
    blocks, warnings = pages_to_blocks(raw_pages, path, "PDF")
    return blocks, count, warnings
