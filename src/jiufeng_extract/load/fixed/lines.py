"""PDF characters → text lines: faux bold dropped, characters grouped by position, spaces kept
only where a gap separates Latin words or the items of a line (a signature line)."""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import regex

_CJK = regex.compile(r"[\p{Han}\p{Ideographic_Symbols_And_Punctuation}\uff00-\uffef]")
_LATIN = regex.compile(r"[A-Za-z0-9.%\-]")
# punctuation a line may not start with (closing) or end with (opening): 避头尾
_CLOSING = set("，。、；：！？”’》）】〕」』…—·,.;:!?)]%")
_OPENING = set("“‘《（【〔「『([")
# a character's sides, read in C (these run once or more per character of the page)
_X0, _X1 = itemgetter("x0"), itemgetter("x1")
_TOP, _BOTTOM = itemgetter("top"), itemgetter("bottom")
_TOP_X0 = itemgetter("top", "x0")


@dataclass(slots=True)
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
    """Drop a glyph drawn again within ``tolerance`` points of the same glyph (faux bold): the
    glyphs kept so far are held by text and rounded top, and looked for in the neighbouring
    rounded positions (x and top each within one). By line, not by column: text set on a grid
    puts the same character in the same column on many lines, rarely twice within a line."""
    kept: list[dict[str, Any]] = []
    keep = kept.append
    # text → rounded top → (x0, top) of the glyphs kept
    near: dict[str, dict[int, list[tuple[float, float]]]] = {}
    for char in chars:
        text, x0, top = char["text"], char["x0"], char["top"]
        row = round(top)
        rows = near.get(text)
        if rows is None:  # the first glyph of its text on the page
            near[text] = {row: [(x0, top)]}
            keep(char)
            continue
        # the rows above, at and below (asked here, not in a function: once per character)
        above, at, below = rows.get(row - 1), rows.get(row), rows.get(row + 1)
        if (above or at or below) and _drawn_near((above, at, below), x0, top, tolerance):
            continue
        if at is None:
            rows[row] = [(x0, top)]
        else:
            at.append((x0, top))
        keep(char)
    return kept


def _drawn_near(
    rows: tuple[list[tuple[float, float]] | None, ...], x0: float, top: float, tolerance: float
) -> bool:
    """A glyph of these rows within ``tolerance`` of (x0, top), its rounded x0 within one."""
    column = round(x0)
    for glyphs in rows:
        for other_x0, other_top in glyphs or ():
            if (
                -tolerance <= other_x0 - x0 <= tolerance
                and -tolerance <= other_top - top <= tolerance
                and -1 <= round(other_x0) - column <= 1
            ):
                return True
    return False


@functools.lru_cache(maxsize=1 << 14)
def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _line_text(chars: list[dict[str, Any]]) -> tuple[str, bool]:
    """Characters of one line, left to right. A space is kept where the PDF draws one, and
    added where a gap separates Latin words or two items of a line (a signature line); also
    says whether such a gap separates CJK items."""
    out: list[str] = []
    spaced = False
    previous: dict[str, Any] | None = None
    blank = False  # the last thing out is a space
    for char in chars:
        text = char["text"]
        if not text.strip():
            if out and not blank:
                out.append(" ")
                blank = True
            continue
        if previous is not None and not blank:
            gap = char["x0"] - previous["x1"]
            size = float(char["size"])
            if size < 1.0:  # max(size, 1.0) by hand: this runs once per character
                size = 1.0
            # the narrower threshold first: most characters follow the one before closely
            if gap > 0.25 * size:
                cjk = _is_cjk(previous["text"][-1:]) or _is_cjk(text[:1])
                if gap > (1.5 * size if cjk else 0.25 * size):
                    out.append(" ")
                    spaced = spaced or cjk
        out.append(text)
        blank = False
        previous = char
    return "".join(out).strip(), spaced


def _lead_width(visible: list[dict[str, Any]]) -> float:
    """Width of the first unit a line break could not split (see ``TextLine.lead``), from the
    line's visible characters."""
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
    in the next column, beside two lines of small text, does not make one line of the two.

    The running line is kept in local variables, not an object asked per character: its band
    (every character), its visible characters' heights and band, and how many are blank."""
    groups: list[list[dict[str, Any]]] = []
    members: list[dict[str, Any]] = []
    low = high = 0.0  # the running line's band, once there is a line
    blanks = 0
    short, tall = math.inf, -math.inf  # heights of its visible characters
    upper, lower = math.inf, -math.inf  # band of its visible characters
    for char in sorted(chars, key=_TOP_X0):
        visible = bool(char["text"].strip())
        if not groups and not visible:
            continue
        top, bottom = char["top"], char["bottom"]
        middle = (top + bottom) / 2
        height = bottom - top
        if groups and low <= middle <= high:
            if tall < short:  # nothing visible yet
                fits = True
            elif 2 / 3 * height <= short and tall <= 1.5 * height:  # every visible one alike
                fits = blanks == 0 or upper <= middle <= lower
            else:
                fits = _fits_alike(members, height, middle)
        else:
            fits = False
        if fits:
            members.append(char)
            if top < low:
                low = top
            if bottom > high:
                high = bottom
        else:
            members = [char]
            groups.append(members)
            low, high = top, bottom
            blanks = 0
            short, tall = math.inf, -math.inf
            upper, lower = math.inf, -math.inf
        # min() and max() by hand: this runs once per character of the page
        if not visible:
            blanks += 1
            continue
        if height < short:
            short = height
        if height > tall:
            tall = height
        if top < upper:
            upper = top
        if bottom > lower:
            lower = bottom
    return [sorted(group, key=_X0) for group in groups]


def _fits_alike(members: list[dict[str, Any]], height: float, middle: float) -> bool:
    """Within the band of the line's visible characters of a similar height, if any."""
    alike = [
        c
        for c in members
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
        visible = [c for c in group if c["text"].strip()]
        lines.append(
            TextLine(
                text=text,
                x0=min(map(_X0, group)),
                x1=max(map(_X1, group)),
                top=min(map(_TOP, group)),
                bottom=max(map(_BOTTOM, group)),
                size=_median([float(c["size"]) for c in visible]),
                page=page,
                lead=_lead_width(visible),
                spaced=spaced,
            )
        )
    for number, line in enumerate(lines, start=1):
        line.number = number
    return lines


def _median(values: list[float]) -> float:
    """``statistics.median``, without its generality (it runs once per line)."""
    values.sort()
    half = len(values) // 2
    if len(values) % 2:
        return values[half]
    return (values[half - 1] + values[half]) / 2


def inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


class Centres:
    """Characters found by box without scanning them all: the centres sorted top to bottom,
    a box's rows found by bisection, then its columns tested (what ``inside`` tests)."""

    def __init__(self, chars: Sequence[dict[str, Any]]) -> None:
        self.chars = chars
        self.xs = [(c["x0"] + c["x1"]) / 2 for c in chars]
        middles = [(c["top"] + c["bottom"]) / 2 for c in chars]
        order = sorted(range(len(chars)), key=middles.__getitem__)
        self.order = order
        self.ys = [middles[i] for i in order]

    def indexes(self, box: tuple[float, float, float, float]) -> list[int]:
        """Positions (in the order given) of the characters whose centre is in ``box``."""
        start, stop = bisect.bisect_left(self.ys, box[1]), bisect.bisect_right(self.ys, box[3])
        xs, x0, x1 = self.xs, box[0], box[2]
        return sorted([i for i in self.order[start:stop] if x0 <= xs[i] <= x1])

    def within(self, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
        return [self.chars[i] for i in self.indexes(box)]


def wrapped(previous: TextLine, line: TextLine, right: float) -> bool:
    """The line break after ``previous`` was forced: the next unit would not have fitted."""
    return right - previous.x1 < line.lead + 0.5 * previous.size
