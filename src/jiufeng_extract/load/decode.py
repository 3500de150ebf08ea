"""Bytes → str for text and HTML inputs: BOMs, declared charsets, then a detector."""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# the detector reports the legacy Chinese encodings under several names; GB18030 reads them all
_CHINESE_LEGACY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
# UTF-16 without BOM is accepted when the decoded text is this printable and this common
_MIN_TEXT_RATIO = 0.98
_MIN_COMMON_SHARE = 0.6
_MAX_CONTROL_SHARE = 0.01
# a declared charset whose text is this much accented Latin and has no Han is a lie
_MISREAD_SHARE = 0.02


def check_text(text: str, path: str) -> str:
    """Refuse decoded 'text' that is really binary: many control characters."""
    if 1.0 - text_ratio(text[:20000]) > _MAX_CONTROL_SHARE:
        raise InputError("binary data, not a text document", path)
    return text


def decode_bytes(data: bytes, path: str, declared: str | None = None, forced: bool = False) -> str:
    """Decode a document: a BOM wins, then ``declared`` (if it decodes and, unless the user
    ``forced`` it, the text does not look misread), UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding, path)
    if declared:
        try:
            text = data.decode(_widen(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common on web pages; fall through to detection
        else:
            if forced or not _looks_misread(text):
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        return _decode_utf16_without_bom(data, path)
    import charset_normalizer  # only here: most inputs are UTF-8 or declare their charset

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("cannot determine the text encoding (not UTF-8, GB18030 or UTF-16)", path)
    return _decode_with(data, _widen(best.encoding), path)


def _looks_misread(text: str) -> bool:
    """Text decoded with a declared charset that does not look like its language: Latin-1
    letters (À…ÿ, the bytes of UTF-8 or GBK read one by one) and no Han character at all."""
    sample = text[:20000]
    if any("\u4e00" <= c <= "\u9fff" for c in sample):
        return False
    accented = sum(1 for c in sample if "\u00c0" <= c <= "\u00ff" or "\u0080" <= c <= "\u009f")
    return accented > _MISREAD_SHARE * max(1, len(sample))


def text_ratio(text: str) -> float:
    """Share of characters a document is made of: anything printable, any space (U+3000 and
    NBSP indent most text copied out of Word or a web page), and zero-width format marks."""
    if not text:
        return 0.0
    if "".join(text.split()).isprintable():  # split() drops exactly what isspace() is
        return 1.0
    good = sum(1 for c in text if c.isprintable() or c.isspace() or _is_format(c))
    return good / len(text)


def _is_format(char: str) -> bool:
    """Zero-width spaces, joiners and marks (category Cf): debris of web pages, not binary."""
    return unicodedata.category(char) == "Cf"


def _decode_utf16_without_bom(data: bytes, path: str) -> str:
    """NUL bytes: UTF-16 text without a BOM, or not text at all."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text_ratio(text) >= _MIN_TEXT_RATIO and _common_share(text) >= _MIN_COMMON_SHARE:
            return text
    raise InputError("binary data, not a text document", path)


def _common_share(text: str) -> float:
    """Han and ASCII characters: what a circular is written in; random bytes are not."""
    common = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or c < "\x7f")
    return common / max(1, len(text))


def _widen(encoding: str) -> str:
    name = encoding.lower().replace("_", "").replace("-", "")
    return "gb18030" if name in _CHINESE_LEGACY else encoding


def _decode_with(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot decode as {encoding}: {exc}", path) from None
