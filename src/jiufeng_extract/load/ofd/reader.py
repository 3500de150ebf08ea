"""OFD bytes → raw pages → the shared fixed-layout stages (``load/fixed``), as for a PDF.

Per page, the template pages it names are drawn (``Background`` ones first), then its own
content; characters and rules are gathered in page points, and ruled tables are found with
the same table finder the PDF loader uses; text in private-use codes is read back through
its embedded font (``fonts``). A part named but missing from the package is a warning, not a
failure. A page without honest text (only images: a scan; or fonts without a Unicode map) is
drawn (``render``) and read by OCR where the recogniser is at hand (``fixed/ocred``, as for a
PDF), else refused or warned about as a scanned or garbled PDF page is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...blocks import Block
from ...errors import InputError, NotACircularError
from ...formats import OcrMode
from ...model import OcrSource, Seal, Warning
from ..fixed import RawPage, pages_to_blocks, ruled_tables
from ..fixed.ocred import from_image, needs_ocr, ocr_source
from ..recognised import OCR_EXTRA_HINT, OCR_NEVER_HINT, Recogniser
from .content import PT_PER_MM, Drawn, read_content
from .document import OfdDocument, PageRef, box_size, read_structure
from .fonts import FontMaps
from .package import Package, child, local
from .render import page_image
from .resources import Resources
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
    ocr: OcrSource | None = None  # None when no page was read by OCR


def load_ofd(
    data: bytes,
    path: str,
    max_pages: int = 2000,
    ocr: OcrMode = OcrMode.AUTO,
    recogniser: Recogniser | None = None,
) -> LoadedOfd:
    """Read an OFD; under ``ocr`` auto, pages that draw only images or text in fonts without a
    Unicode map are drawn and read by ``recogniser`` (under always, every page); with no
    recogniser they are refused as a scanned or garbled PDF is."""
    if ocr is OcrMode.NEVER:
        recogniser = None
    package = Package(data, path)
    structure = read_structure(package)
    count, pages, warnings = _read(package, structure, max_pages, ocr, recogniser)
    hint = "" if recogniser else (OCR_NEVER_HINT if ocr is OcrMode.NEVER else OCR_EXTRA_HINT)
    blocks, more = pages_to_blocks(pages, path, "OFD", hint)
    seals, unreadable = read_seals(package, structure.signatures, structure.page_numbers)
    read = [(page.number, page.ocr) for page in pages if page.ocr is not None]
    engine = recogniser.engine if recogniser is not None else ""
    return LoadedOfd(
        blocks,
        count,
        warnings + more + unreadable,
        structure.info,
        seals,
        ocr_source(read, engine),
    )


def read_pages(
    data: bytes, path: str, max_pages: int = 2000
) -> tuple[int, list[RawPage], list[Warning]]:
    """The page count and the raw pages (their text layer, no OCR), with warnings about parts
    missing from the package."""
    package = Package(data, path)
    return _read(package, read_structure(package), max_pages, OcrMode.NEVER, None)


def _read(
    package: Package,
    structure: OfdDocument,
    max_pages: int,
    mode: OcrMode,
    recogniser: Recogniser | None,
) -> tuple[int, list[RawPage], list[Warning]]:
    path = package.path
    count = len(structure.pages)
    if count == 0:
        raise InputError("OFD has no pages", path)
    if count > max_pages:
        raise InputError(f"OFD has {count} pages, over the limit of {max_pages}", path)
    pages, images = [], 0
    for page, drawn, resources in _raw_pages(package, structure):
        images += len(drawn.images)
        if recogniser is not None and _for_ocr(page, drawn, resources, mode):
            size = (page.width, page.height)
            drawing = page_image(package, resources, drawn, size, recogniser.dpi)
            if drawing is not None:
                page = from_image(page.number, count, *drawing, recogniser)
        pages.append(page)
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


def _for_ocr(page: RawPage, drawn: Drawn, resources: Resources, mode: OcrMode) -> bool:
    """Under auto, a page without honest text is drawn for OCR only if it draws something OCR
    can read: an image, or characters (in a font without a Unicode map). Under always, every
    page whose text can all be drawn (its fonts embedded): OCR of a drawing that leaves text
    out would lose it."""
    if mode is OcrMode.ALWAYS:
        return all(c["font"] in resources.fonts for c in drawn.chars if c["text"].strip())
    return needs_ocr(page, mode) and bool(drawn.images or drawn.chars)


def _raw_pages(
    package: Package, structure: OfdDocument
) -> Iterator[tuple[RawPage, Drawn, Resources]]:
    fonts = FontMaps(package)
    for ref in structure.pages:
        drawn = Drawn()
        width, height = structure.size
        resources = structure.resources
        if ref.location is not None:
            page = package.xml(ref.location)
            width, height = box_size(child(page, "Area")) or structure.size
            resources = resources.extended(package, page, ref.location)
            for template in _templates(page, structure):
                read_content(package.xml(template), drawn, fonts.using(resources.fonts))
            read_content(page, drawn, fonts.using(resources.fonts))
        yield _raw_page(ref, width, height, drawn), drawn, resources


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
    """The page in points; characters wholly outside its box are not on the page (producers
    park text there: invisible) and are left out, as are their glyphs from the OCR drawing."""
    width, height = width * PT_PER_MM, height * PT_PER_MM
    drawn.chars = [
        c
        for c in drawn.chars
        if c["x1"] > 0 and c["x0"] < width and c["bottom"] > 0 and c["top"] < height
    ]
    return RawPage(
        number=ref.number,
        width=width,
        height=height,
        chars=drawn.chars,
        tables=ruled_tables(drawn.edges),
    )
