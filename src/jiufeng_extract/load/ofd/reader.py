"""OFD bytes → raw pages → the shared fixed-layout stages (``load/fixed``), as for a PDF.

Per page, the template pages it names are drawn (``Background`` ones first), then its own
content; characters and rules are gathered in page points, and ruled tables are found with
the same table finder the PDF loader uses. A part named but missing from the package is a
warning, not a failure; a page that draws only images has no text, and is refused or warned
about as a scanned PDF page is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...blocks import Block
from ...errors import InputError, NotACircularError
from ...model import Seal, Warning
from ..fixed import RawPage, pages_to_blocks, ruled_tables
from .content import PT_PER_MM, Drawn, read_content
from .document import OfdDocument, PageRef, box_size, child, local, read_structure
from .package import Package
from .signatures import read_seals

if TYPE_CHECKING:
    from lxml import etree

_FIRST = {"Background": 0, "Body": 1, "Foreground": 2}


@dataclass
class LoadedOfd:
    blocks: list[Block]
    pages: int
    warnings: list[Warning]
    document_info: dict[str, str]
    seals: list[Seal]


def load_ofd(data: bytes, path: str, max_pages: int = 2000) -> LoadedOfd:
    package = Package(data, path)
    structure = read_structure(package)
    count, pages, warnings = _read(package, structure, max_pages)
    blocks, more = pages_to_blocks(pages, path, "OFD")
    seals, unreadable = read_seals(package, structure.signatures, structure.page_numbers)
    return LoadedOfd(blocks, count, warnings + more + unreadable, structure.info, seals)


def read_pages(
    data: bytes, path: str, max_pages: int = 2000
) -> tuple[int, list[RawPage], list[Warning]]:
    """The page count and the raw pages, with warnings about parts missing from the package."""
    package = Package(data, path)
    return _read(package, read_structure(package), max_pages)


def _read(
    package: Package, structure: OfdDocument, max_pages: int
) -> tuple[int, list[RawPage], list[Warning]]:
    path = package.path
    count = len(structure.pages)
    if count == 0:
        raise InputError("OFD has no pages", path)
    if count > max_pages:
        raise InputError(f"OFD has {count} pages, over the limit of {max_pages}", path)
    pages, images = [], 0
    for page, drawn in _raw_pages(package, structure):
        pages.append(page)
        images += drawn.images
    if images == 0 and not any(char["text"].strip() for page in pages for char in page.chars):
        raise NotACircularError(
            f"no circular found: its {count} page(s) hold no text and no image (shapes only)",
            path,
        )
    warnings = [
        Warning(
            code="missing_part",
            message=f"the OFD names {name} but the package does not hold it",
            where=None,
        )
        for name in dict.fromkeys(structure.missing)
    ]
    return count, pages, warnings


def _raw_pages(package: Package, structure: OfdDocument) -> Iterator[tuple[RawPage, Drawn]]:
    for ref in structure.pages:
        drawn = Drawn()
        width, height = structure.size
        if ref.location is not None:
            page = package.xml(ref.location)
            width, height = box_size(child(page, "Area")) or structure.size
            for template in _templates(page, structure):
                read_content(package.xml(template), drawn)
            read_content(page, drawn)
        yield _raw_page(ref, width, height, drawn), drawn


def _templates(page: etree._Element, structure: OfdDocument) -> list[str]:
    """The template pages a page draws, resolved, in drawing order."""
    named = []
    for element in page:
        if local(element) != "Template":
            continue
        template = structure.templates.get(element.get("TemplateID", ""))
        if template is None or template.location is None:
            continue
        z_order = element.get("ZOrder") or template.z_order
        named.append((_FIRST.get(z_order, 0), template.location))
    return [location for _, location in sorted(named, key=lambda pair: pair[0])]


def _raw_page(ref: PageRef, width: float, height: float, drawn: Drawn) -> RawPage:
    return RawPage(
        number=ref.number,
        width=width * PT_PER_MM,
        height=height * PT_PER_MM,
        chars=drawn.chars,
        tables=ruled_tables(drawn.edges),
    )
