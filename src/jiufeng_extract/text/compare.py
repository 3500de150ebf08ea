"""Character-level comparison of two Chinese texts, for messages and reports."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..patterns import SPACE_BETWEEN_CJK, WHITESPACE_RUN

_CONTEXT = 3


@functools.lru_cache(maxsize=4096)
def squash(text: str) -> str:
    """Drop all whitespace: line breaks and cell wrapping carry no meaning in Chinese text."""
    squashed: str = WHITESPACE_RUN.sub("", SPACE_BETWEEN_CJK.sub("", text))
    return squashed.replace("\n", "")


@functools.lru_cache(maxsize=4096)
def similarity(a: str, b: str) -> float:
    """difflib's ratio of the squashed texts, computed once per pair of texts (a long table
    compares the same row with the same task titles many times). Equal texts are 1.0, as
    difflib says, without matching them (a table row often prints its task word for word)."""
    a, b = squash(a), squash(b)
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def similarity_bound(a: str, b: str) -> float:
    """An upper bound of ``similarity`` from the lengths alone (difflib's
    ``real_quick_ratio``), to skip pairs that cannot win before difflib compares them."""
    la, lb = len(squash(a)), len(squash(b))
    return 2.0 * min(la, lb) / (la + lb) if la + lb else 1.0


@dataclass(frozen=True)
class Edit:
    """One change from ``old`` to ``new``, with a few characters of ``old`` either side."""

    op: str  # replace | delete | insert
    old: str
    new: str
    before: str
    after: str


def edits(old: str, new: str) -> list[Edit]:
    a, b = squash(old), squash(new)
    if a == b:  # difflib's only opcode would be 'equal'
        return []
    return [
        Edit(tag, a[i1:i2], b[j1:j2], a[max(0, i1 - _CONTEXT) : i1], a[i2 : i2 + _CONTEXT])
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def describe_changes(old: str, new: str, limit: int = 3) -> list[str]:
    """The first ``limit`` edits with context: ["'规纪法' → '执纪法'", "+'改革…' after ''"]."""
    changes: list[str] = []
    for edit in edits(old, new)[:limit]:
        if edit.op == "replace":
            changes.append(
                f"'{edit.before}{clip(edit.old)}{edit.after}' → "
                f"'{edit.before}{clip(edit.new)}{edit.after}'"
            )
        elif edit.op == "delete":
            changes.append(f"-'{clip(edit.old)}' after '{edit.before}'")
        else:
            changes.append(f"+'{clip(edit.new)}' after '{edit.before}'")
    return changes


def clip(text: str, width: int = 16) -> str:
    """``text`` cut to ``width`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"
