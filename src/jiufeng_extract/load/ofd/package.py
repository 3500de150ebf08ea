"""The OFD container: a ZIP of XML parts, opened with limits and read with a safe XML parser.

Limits as for DOCX: the number of entries, the size of each part and of the whole once
inflated, and the inflation ratio (a ZIP bomb). Sizes in the ZIP directory can lie, so a part
is read only up to its limit. XML is parsed with entities, DTDs and network access off, and a
part that declares a DOCTYPE is refused outright (entity expansion).

Paths inside the package are found the way producers write them: absolute (``/Doc_0/...``)
or relative to the part that names them, with backslashes, ``./`` and ``../``, in another case
than the entry (``TPLS`` for ``Tpls``), and entry names in UTF-8 or GBK.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import TYPE_CHECKING

from ...errors import InputError, describe

if TYPE_CHECKING:
    from lxml import etree

_MAX_ENTRIES = 10_000
_MAX_PART = 64 * 1024 * 1024
_MAX_TOTAL = 512 * 1024 * 1024
_MAX_RATIO = 200
_UTF8_FLAG = 0x800


def is_ofd(data: bytes) -> bool:
    """A ZIP with ``OFD.xml`` at its root (any case)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.lower().lstrip("/") == "ofd.xml" for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return b"OFD.xml" in data[:4096]  # a damaged OFD is still an OFD


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name: ZIP readers decode names without the UTF-8 flag as cp437; Chinese
    producers mean UTF-8 or GBK."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        raw = name.encode("cp437", errors="replace")
        for encoding in ("utf-8", "gbk"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return name.replace("\\", "/").lstrip("/")


class Package:
    """An opened OFD package. ``read`` and ``xml`` take a path already resolved."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self._inflated = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(f"damaged OFD (ZIP container): {describe(exc)}", path) from None
        if len(infos) > _MAX_ENTRIES:
            raise InputError(f"refusing OFD: {len(infos)} entries (limit {_MAX_ENTRIES})", path)
        total = sum(info.file_size for info in infos)
        if total > _MAX_TOTAL:
            raise InputError(
                f"refusing OFD: {total} bytes once inflated (decompression bomb?)", path
            )
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _MAX_PART or (info.file_size > 1024 * 1024 and ratio > _MAX_RATIO):
                raise InputError(
                    f"refusing OFD part {info.filename}: {info.file_size} bytes inflated from "
                    f"{info.compress_size} (decompression bomb?)",
                    path,
                )
        self._entries = {_entry_name(info): info for info in infos if not info.is_dir()}
        self._folded = {name.lower(): name for name in self._entries}

    def resolve(self, base: str, location: str) -> str | None:
        """The entry ``location`` names, read from the part ``base`` (or the root if "")."""
        loc = location.strip().replace("\\", "/")
        if not loc:
            return None
        if loc.startswith("/"):
            candidates = [loc.lstrip("/")]
        else:
            here = posixpath.dirname(base)
            candidates = [posixpath.normpath(posixpath.join(here, loc)), loc]
        for candidate in candidates:
            candidate = candidate.lstrip("./") if candidate.startswith("./") else candidate
            if candidate in self._entries:
                return candidate
            folded = self._folded.get(candidate.lower())
            if folded is not None:
                return folded
        return None

    def read(self, name: str) -> bytes:
        info = self._entries[name]
        try:
            with self._zip.open(info) as part:
                data = part.read(_MAX_PART + 1)
        except Exception as exc:  # zlib, CRC, truncated: zipfile lets them all through
            raise InputError(f"damaged OFD part {name}: {describe(exc)}", self.path) from None
        self._inflated += len(data)
        if len(data) > _MAX_PART or self._inflated > _MAX_TOTAL:
            raise InputError(
                f"refusing OFD part {name}: inflates beyond {_MAX_PART} bytes "
                "(decompression bomb?)",
                self.path,
            )
        return data

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), name, self.path)


def parse_xml(data: bytes, name: str, path: str) -> etree._Element:
    """One XML part, entities and network off; a DOCTYPE (entity declarations) is refused."""
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096].upper():  # it must come before the root element
        raise InputError(
            f"refusing OFD part {name}: it declares a DOCTYPE or entities (entity expansion?)",
            path,
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"damaged OFD part {name} (XML error): {describe(exc)}", path) from None
    return root


def local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local(child) == name]


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return next((c for c in element if local(c) == name), None)


def text_of(element: etree._Element | None, name: str) -> str:
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""
