"""The Chinese line rules every loader and the layout stage share: how two pieces of one
paragraph are joined, and which line starts a new structural element (and so is never joined
onto the one before it)."""

from __future__ import annotations

from ..patterns import (
    ATTACHMENT_START,
    CLOSING_FORMULA,
    COPY_TO,
    DATE_LINE,
    DOC_NUMBER,
    HEADING_ARABIC_DOT,
    HEADING_ARABIC_PAREN,
    HEADING_CIRCLED,
    HEADING_CN_DUN,
    HEADING_CN_PAREN,
    HEADING_DECIMAL,
    META_LABEL,
    NOTE_LINE,
    SPECIAL_ACTION,
    on_first_use,
)

_STRUCTURAL_STARTS = (
    HEADING_CN_DUN,
    HEADING_CN_PAREN,
    HEADING_ARABIC_DOT,
    HEADING_ARABIC_PAREN,
    HEADING_CIRCLED,
    SPECIAL_ACTION,
    HEADING_DECIMAL,
    ATTACHMENT_START,
    DATE_LINE,
    META_LABEL,
    COPY_TO,
    CLOSING_FORMULA,
    NOTE_LINE,
)
_HEADING_MARKERS = _STRUCTURAL_STARTS[:5]
_LATIN_END = on_first_use(r"[A-Za-z0-9]$")
_LATIN_START = on_first_use(r"^[A-Za-z0-9]")


def join_text(a: str, b: str) -> str:
    """No space between CJK characters; one space between two Latin words."""
    space = " " if _LATIN_END.search(a) and _LATIN_START.search(b) else ""
    return a + space + b


def starts_structure(text: str) -> bool:
    """A heading, list marker, 附件, date, label or closing line: never a wrapped continuation."""
    return any(p.match(text) for p in _STRUCTURAL_STARTS) or bool(DOC_NUMBER.fullmatch(text))


def starts_heading(text: str) -> bool:
    return any(p.match(text) for p in _HEADING_MARKERS)
