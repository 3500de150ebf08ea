"""Bytes → str for text and HTML inputs: BOMs, declared charsets, then a detector."""

from __future__ import annotations

import codecs

import charset_normalizer

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# the detector reports the legacy Chinese encodings under several names; GB18030 reads them all
_CHINESE_LEGACY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode a document: a BOM wins, then ``declared`` (if it decodes), UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding, path)
    if declared:
        try:
            return data.decode(_widen(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common on web pages; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("cannot determine the text encoding (not UTF-8, GB18030 or UTF-16)", path)
    return _decode_with(data, _widen(best.encoding), path)


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32 text mean this is not a text file."""
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" not in sample:
        return False
    # UTF-16 without BOM: every other byte of CJK/ASCII text is NUL, never runs of them
    even, odd = sample[0::2], sample[1::2]
    return not (even.count(0) > len(even) * 0.3 or odd.count(0) > len(odd) * 0.3)


def _widen(encoding: str) -> str:
    name = encoding.lower().replace("_", "").replace("-", "")
    return "gb18030" if name in _CHINESE_LEGACY else encoding


def _decode_with(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot decode as {encoding}: {exc}", path) from None
