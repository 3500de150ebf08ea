"""Running headers and footers (repeated in the margins of several pages), page numbers and
续表 marks: kept as furniture, out of the content."""

from __future__ import annotations

from collections import Counter

import regex

from ...patterns import PAGE_NUMBER
from .content import PageContent
from .lines import TextLine

# margins in which running headers and footers live, as a share of the page height; page
# numbers sit a little further in (a landscape page's footer is higher up on its short side)
_HEADER_ZONE = 0.09
_FOOTER_ZONE = 0.90
_PAGE_NUMBER_ZONE = (0.15, 0.80)
_DIGITS = regex.compile(r"\d+")
_CONTINUED = regex.compile(r"^[（(]?续表[）)]?\s*\d*$")


def mark_furniture(pages: list[PageContent]) -> None:
    """Page numbers, and lines repeated in the top or bottom margin of several pages."""

    def in_zone(line: TextLine, page: PageContent, top: float, bottom: float) -> bool:
        return line.bottom < page.height * top or line.top > page.height * bottom

    def in_margin(line: TextLine, page: PageContent) -> bool:
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
