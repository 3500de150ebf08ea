"""PDF characters → text lines: faux bold dropped, characters grouped by position, spaces kept
only where a gap separates Latin words or the items of a line (a signature line)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import regex

_CJK = regex.compile(r"[\p{Han}\p{Ideographic_Symbols_And_Punctuation}\uff00-\uffef]")
_LATIN = regex.compile(r"[A-Za-z0-9.%\-]")
# punctuation a line may not start with (closing) or end with (opening): 避头尾
_CLOSING = set("，。、；：！？”’》）】〕」』…—·,.;:!?)]%")
_OPENING = set("“‘《（【〔「『([")


@dataclass
class TextLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    # width of the line's first unbreakable unit (a character with the punctuation held to it,
    # or a run of Latin letters and digits): the line before broke because it did not fit
    lead: float = 0.0
    number: int = 0  # line number on the page, from 1
    furniture: bool = False
    # items set apart by a wide gap (two issuers side by side): a line of items, not prose
    spaced: bool = False


def dedupe(chars: Sequence[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """Drop a glyph drawn again within ``tolerance`` points of the same glyph (faux bold)."""
    kept: list[dict[str, Any]] = []
    near: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for char in chars:
        cell = (char["text"], round(char["x0"]), round(char["top"]))
        neighbours = [
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in near.get((cell[0], cell[1] + dx, cell[2] + dy), [])
        ]
        if any(
            abs(o["x0"] - char["x0"]) <= tolerance and abs(o["top"] - char["top"]) <= tolerance
            for o in neighbours
        ):
            continue
        near.setdefault(cell, []).append(char)
        kept.append(char)
    return kept


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _line_text(chars: list[dict[str, Any]]) -> tuple[str, bool]:
    """Characters of one line, left to right. A space is kept where the PDF draws one, and
    added where a gap separates Latin words or two items of a line (a signature line); also
    says whether such a gap separates CJK items."""
    out: list[str] = []
    spaced = False
    previous: dict[str, Any] | None = None
    for char in chars:
        text = char["text"]
        if not text.strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if previous is not None and out[-1] != " ":
            gap = char["x0"] - previous["x1"]
            size = max(float(char["size"]), 1.0)
            cjk = _is_cjk(previous["text"][-1:]) or _is_cjk(text[:1])
            if gap > (1.5 * size if cjk else 0.25 * size):
                out.append(" ")
                spaced = spaced or cjk
        out.append(text)
        previous = char
    return "".join(out).strip(), spaced


def _lead_width(chars: list[dict[str, Any]]) -> float:
    """Width of the first unit a line break could not split (see ``TextLine.lead``)."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return 0.0
    end = 1
    if _LATIN.match(visible[0]["text"]):
        while end < len(visible) and _LATIN.match(visible[end]["text"]):
            end += 1
    else:
        if visible[0]["text"] in _OPENING and len(visible) > 1:
            end = 2
        while end < len(visible) and visible[end]["text"] in _CLOSING:
            end += 1
        if end + 1 < len(visible) and visible[end]["text"] in _OPENING:
            end += 2  # an opening mark cannot end a line: it travels with what follows
    return float(visible[end - 1]["x1"] - visible[0]["x0"])


def _group_lines(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Chars whose vertical centres fall within the running line's band form one line. Where
    the line holds characters of about a char's own height, their band decides: a large title
    in the next column, beside two lines of small text, does not make one line of the two."""
    groups: list[_Line] = []
    band: tuple[float, float] | None = None
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if not char["text"].strip() and not groups:
            continue
        middle = (char["top"] + char["bottom"]) / 2
        if band is not None and band[0] <= middle <= band[1] and groups[-1].fits(char, middle):
            groups[-1].add(char)
            band = (min(band[0], char["top"]), max(band[1], char["bottom"]))
        else:
            groups.append(_Line(char))
            band = (char["top"], char["bottom"])
    return [sorted(group.chars, key=lambda c: c["x0"]) for group in groups]


class _Line:
    """The characters of a line being built, with what ``fits`` asks of them kept as they come
    (the heights and band of the visible ones), so a line of one size is not rescanned per char."""

    def __init__(self, char: dict[str, Any]) -> None:
        self.chars: list[dict[str, Any]] = []
        self.blanks = 0
        self.low, self.high = math.inf, -math.inf  # visible heights
        self.top, self.bottom = math.inf, -math.inf  # band of the visible characters
        self.add(char)

    def add(self, char: dict[str, Any]) -> None:
        self.chars.append(char)
        if not char["text"].strip():
            self.blanks += 1
            return
        height = char["bottom"] - char["top"]
        self.low, self.high = min(self.low, height), max(self.high, height)
        self.top, self.bottom = min(self.top, char["top"]), max(self.bottom, char["bottom"])

    def fits(self, char: dict[str, Any], middle: float) -> bool:
        """Within the band of the line's characters of a similar height, if it has any."""
        height = char["bottom"] - char["top"]
        if self.high < self.low:  # nothing visible yet
            return True
        if 2 / 3 * height <= self.low and self.high <= 1.5 * height:  # every visible one alike
            return self.blanks == 0 or self.top <= middle <= self.bottom
        alike = [
            c
            for c in self.chars
            if c["text"].strip() and 2 / 3 * height <= c["bottom"] - c["top"] <= 1.5 * height
        ]
        if not alike:
            return True
        return bool(min(c["top"] for c in alike) <= middle <= max(c["bottom"] for c in alike))


def lines_of(chars: Iterable[dict[str, Any]], page: int) -> list[TextLine]:
    lines = []
    for group in _group_lines(chars):
        text, spaced = _line_text(group)
        if not text:
            continue
        lines.append(
            TextLine(
                text=text,
                x0=min(c["x0"] for c in group),
                x1=max(c["x1"] for c in group),
                top=min(c["top"] for c in group),
                bottom=max(c["bottom"] for c in group),
                size=statistics.median(float(c["size"]) for c in group if c["text"].strip()),
                page=page,
                lead=_lead_width(group),
                spaced=spaced,
            )
        )
    for number, line in enumerate(lines, start=1):
        line.number = number
    return lines


def inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def wrapped(previous: TextLine, line: TextLine, right: float) -> bool:
    """The line break after ``previous`` was forced: the next unit would not have fitted."""
    return right - previous.x1 < line.lead + 0.5 * previous.size
