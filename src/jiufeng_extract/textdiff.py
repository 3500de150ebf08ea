"""Character-level comparison of two Chinese texts, for messages and reports."""

from __future__ import annotations

from difflib import SequenceMatcher

from .patterns import SPACE_BETWEEN_CJK, WHITESPACE_RUN

_CONTEXT = 3


def squash(text: str) -> str:
    """Drop all whitespace: line breaks and cell wrapping carry no meaning in Chinese text."""
    squashed: str = WHITESPACE_RUN.sub("", SPACE_BETWEEN_CJK.sub("", text))
    return squashed.replace("\n", "")


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, squash(a), squash(b), autojunk=False).ratio()


def describe_changes(old: str, new: str, limit: int = 3) -> list[str]:
    """The first ``limit`` edits with context: ["'规纪法' → '执纪法'", "+'改革…' after ''"]."""
    a, b = squash(old), squash(new)
    changes: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = a[max(0, i1 - _CONTEXT) : i1]
        after = a[i2 : i2 + _CONTEXT]
        if tag == "replace":
            changes.append(
                f"'{before}{_clip(a[i1:i2])}{after}' → '{before}{_clip(b[j1:j2])}{after}'"
            )
        elif tag == "delete":
            changes.append(f"-'{_clip(a[i1:i2])}' after '{before}'")
        else:
            changes.append(f"+'{_clip(b[j1:j2])}' after '{before}'")
        if len(changes) == limit:
            break
    return changes


def _clip(text: str, width: int = 16) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
