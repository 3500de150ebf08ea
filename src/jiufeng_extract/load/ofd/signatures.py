"""Seal signatures as an OFD records them: ``Signatures.xml`` → each ``Signature.xml``
(``Provider``, ``SignatureDateTime``, the ``StampAnnot`` boxes with the pages they stand on)
→ the seal file, whose first UTF-8 string is the seal's name (GM/T 0031 ``SES_SealInfo``
→ ``property`` → ``name``). Nothing is verified: this is what the package claims.

A signature part that is missing or unreadable is a warning, never a failure.
"""

from __future__ import annotations

from ...errors import InputError
from ...model import Seal, Stamp, Warning
from .package import Package, child, children, local, text_of

_UTF8_STRING = 0x0C
_MAX_SEALS = 100


def read_seals(
    package: Package, signatures: str | None, page_numbers: dict[str, int]
) -> tuple[list[Seal], list[Warning]]:
    if signatures is None:
        return [], []
    seals: list[Seal] = []
    warnings: list[Warning] = []
    try:
        listing = package.xml(signatures)
        for element in children(listing, "Signature")[:_MAX_SEALS]:
            name = package.resolve(signatures, element.get("BaseLoc", ""))
            if name is None:
                warnings.append(_warning(f"names {element.get('BaseLoc')}, not in the package"))
                continue
            seals.append(_seal(package, name, page_numbers))
    except InputError as exc:
        warnings.append(_warning(f"unreadable: {exc.message}"))
    return seals, warnings


def _warning(message: str) -> Warning:
    return Warning(code="unreadable_signature", message=f"a seal signature {message}", where=None)


def _seal(package: Package, name: str, page_numbers: dict[str, int]) -> Seal:
    signed = child(package.xml(name), "SignedInfo")
    provider = child(signed, "Provider")
    stamps = []
    for element in signed if signed is not None else []:
        if local(element) != "StampAnnot":
            continue
        try:
            boundary = [float(v) for v in element.get("Boundary", "").split()][:4]
        except ValueError:
            boundary = []
        stamps.append(Stamp(page=page_numbers.get(element.get("PageRef", "")), boundary=boundary))
    seal_file = text_of(child(signed, "Seal"), "BaseLoc")
    seal_name = None
    if seal_file:
        found = package.resolve(name, seal_file)
        seal_name = _first_utf8_string(package.read(found)) if found else None
    return Seal(
        seal_name=seal_name,
        provider=(provider.get("ProviderName") or None) if provider is not None else None,
        signed_at=text_of(signed, "SignatureDateTime") or None,
        stamps=stamps,
    )


def _first_utf8_string(data: bytes) -> str | None:
    """The first DER UTF8String (short form length) that decodes to printable text."""
    for i in range(min(len(data), 4096) - 2):
        if data[i] != _UTF8_STRING or not 1 < data[i + 1] < 0x80:
            continue
        raw = data[i + 2 : i + 2 + data[i + 1]]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if text.isprintable() and len(raw) == data[i + 1]:
            return text
    return None
