"""The OFD's structure: ``OFD.xml`` → ``DocBody`` → ``DocRoot`` → ``Document.xml`` → the pages
in order, each with its size (``PhysicalBox``, the page's own ``Area`` first) and the template
pages it draws (``TemplatePage`` / ``Template`` with their ``ZOrder``).

Elements are matched by local name: producers write the 2016 namespace, an older one, or
none. Only the first document of a package is read (a ``DocBody`` per document; circulars have
one). ``DocInfo`` is read as the package's metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...errors import InputError
from .package import Package, child, children, local, text_of
from .resources import Resources

if TYPE_CHECKING:
    from lxml import etree

A4 = (210.0, 297.0)  # mm, when no page area is given anywhere


@dataclass
class Template:
    location: str | None
    z_order: str = "Background"


@dataclass
class PageRef:
    number: int  # from 1, in the order of Document.xml
    location: str | None  # the page's Content.xml, resolved; None if missing
    templates: list[str] = field(default_factory=list)  # template IDs, in drawing order


@dataclass
class OfdDocument:
    document: str  # the resolved path of Document.xml
    size: tuple[float, float]  # the default page size, mm
    pages: list[PageRef]
    templates: dict[str, Template]
    info: dict[str, str]  # DocInfo: Title, Author, CreationDate, ...; CustomData by name
    signatures: str | None  # the resolved Signatures.xml, if any
    page_numbers: dict[str, int] = field(default_factory=dict)  # page ID → number
    missing: list[str] = field(default_factory=list)  # parts named but not in the package
    resources: Resources = field(default_factory=Resources)  # PublicRes and DocumentRes


def box_size(area: etree._Element | None) -> tuple[float, float] | None:
    """Width and height of a ``PageArea`` / ``Area``'s ``PhysicalBox``, mm."""
    values = text_of(area, "PhysicalBox").split()
    try:
        width, height = float(values[2]), float(values[3])
    except (IndexError, ValueError):
        return None
    return (width, height) if 0 < width < 1e5 and 0 < height < 1e5 else None


def read_structure(package: Package) -> OfdDocument:
    root_name = package.resolve("", "OFD.xml")
    if root_name is None:
        raise InputError("not an OFD: no OFD.xml at the root of the ZIP", package.path)
    root = package.xml(root_name)
    body = child(root, "DocBody")
    doc_root = text_of(body, "DocRoot")
    document_name = package.resolve(root_name, doc_root) if doc_root else None
    if document_name is None:
        raise InputError(
            f"damaged OFD: its DocRoot {doc_root or '(none)'} is not in the package", package.path
        )
    document = package.xml(document_name)
    common = child(document, "CommonData")
    missing: list[str] = []
    templates = {}
    for element in children(common, "TemplatePage") if common is not None else []:
        location = _located(package, document_name, element.get("BaseLoc", ""), missing)
        templates[element.get("ID", "")] = Template(location, element.get("ZOrder", "Background"))
    pages, page_numbers = [], {}
    for number, element in enumerate(_page_elements(document), start=1):
        location = _located(package, document_name, element.get("BaseLoc", ""), missing)
        pages.append(PageRef(number, location))
        page_numbers[element.get("ID", "")] = number
    signatures = text_of(body, "Signatures")
    resources = Resources(missing=missing)
    if common is not None:
        resources = resources.extended(package, common, document_name)
    return OfdDocument(
        document=document_name,
        size=box_size(child(common, "PageArea")) or A4,
        pages=pages,
        templates=templates,
        info=_doc_info(child(body, "DocInfo")),
        signatures=package.resolve(root_name, signatures) if signatures else None,
        page_numbers=page_numbers,
        missing=missing,
        resources=resources,
    )


def _page_elements(document: etree._Element) -> list[etree._Element]:
    container = child(document, "Pages")
    if container is not None:
        return children(container, "Page")
    return children(document, "Page")  # a producer that leaves out the Pages container


def _located(package: Package, base: str, location: str, missing: list[str]) -> str | None:
    found = package.resolve(base, location)
    if found is None:
        missing.append(location or "(no BaseLoc)")
    return found


def _doc_info(info: etree._Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if info is None:
        return out
    for element in info:
        name = local(element)
        if name == "CustomDatas":
            for data in children(element, "CustomData"):
                value = (data.text or "").strip()
                if data.get("Name") and value:
                    out[f"custom:{data.get('Name')}"] = value
        elif len(element) == 0 and (element.text or "").strip():
            out[name] = (element.text or "").strip()
    return out
