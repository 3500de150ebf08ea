"""The resources a page draws with: fonts (``Font`` → ``FontFile``) and images (``MultiMedia``
→ ``MediaFile``), by ID, from the document's ``PublicRes`` and ``DocumentRes`` parts and the
page's own ``PageRes``.

A resource part's root ``Res`` names, in ``BaseLoc``, the folder its files are in (relative to
the part, or absolute); producers also write the file relative to the part itself or to the
package root, so all three are tried. A file named but not in the package is a warning, and
the font or image is read as if it had none.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .package import Package, children, local, text_of

if TYPE_CHECKING:
    from lxml import etree

_PARTS = ("PublicRes", "DocumentRes", "PageRes")


@dataclass
class Resources:
    fonts: dict[str, str] = field(default_factory=dict)  # font ID → its file in the package
    media: dict[str, str] = field(default_factory=dict)  # image ID → its file in the package
    missing: list[str] = field(default_factory=list)  # files named but not in the package

    def extended(self, package: Package, holder: etree._Element, base: str) -> Resources:
        """These resources and those of the resource parts ``holder`` (a ``CommonData`` or a
        page) names; ``base`` is the part that names them."""
        names = [
            (element.text or "").strip()
            for element in holder
            if local(element) in _PARTS and (element.text or "").strip()
        ]
        if not names:
            return self
        out = Resources(dict(self.fonts), dict(self.media), self.missing)
        for name in names:
            part = package.resolve(base, name)
            if part is None:
                out.missing.append(name)
                continue
            _read_part(package, part, out)
        return out


def _read_part(package: Package, part: str, out: Resources) -> None:
    root = package.xml(part)
    folder = root.get("BaseLoc", "").strip().replace("\\", "/")
    for group in root:
        kind = local(group)
        if kind == "Fonts":
            for font in children(group, "Font"):
                _add(package, part, folder, font, "FontFile", out.fonts, out.missing)
        elif kind == "MultiMedias":
            for media in children(group, "MultiMedia"):
                _add(package, part, folder, media, "MediaFile", out.media, out.missing)


def _add(
    package: Package,
    part: str,
    folder: str,
    element: etree._Element,
    file_tag: str,
    into: dict[str, str],
    missing: list[str],
) -> None:
    name = text_of(element, file_tag)
    if not name or not element.get("ID"):
        return  # a font the reader is to supply (no FontFile): nothing to map through
    found = _locate(package, part, folder, name.replace("\\", "/"))
    if found is None:
        missing.append(name)
    else:
        into[element.get("ID", "")] = found


def _locate(package: Package, part: str, folder: str, name: str) -> str | None:
    if folder and not name.startswith("/"):
        here = "/" if folder.startswith("/") else "/" + posixpath.dirname(part)
        found = package.resolve(part, posixpath.normpath(posixpath.join(here, folder, name)))
        if found is not None:
            return found
    return package.resolve(part, name) or package.resolve("", name)
