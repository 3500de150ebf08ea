"""Word automatic numbering (numbering.xml) rendered as the text a reader sees.

python-docx exposes the numbering part but does not compute labels. Many circulars number their
headings this way, so "一、" and "（一）" are in numbering.xml, not in the paragraph text.

Rules followed (ECMA-376 §17.9):
- a paragraph is numbered by its own ``w:numPr`` or by its style's (following ``w:basedOn``);
  ``numId`` 0 switches numbering off;
- ``w:num`` points to a ``w:abstractNum``; lists sharing an abstractNum share counters, and a
  ``w:lvlOverride/w:startOverride`` (or a whole overriding ``w:lvl``) restarts that level the
  first time the ``w:num`` is used;
- a level's counter starts at ``w:start``; using level k resets deeper levels, unless a deeper
  level's ``w:lvlRestart`` says otherwise (0 = never, n = after level n is used);
- ``w:lvlText`` "（%2）" is filled with each level's counter in its ``w:numFmt``
  (``w:isLgl`` forces decimal); ``w:suff`` puts a tab, a space or nothing after the label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from ..text.dates import chinese_numeral

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = regex.compile(r"%([1-9])")
_CJK_PUNCT_END = regex.compile(r"[、，．。：:）)\]】]$")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
# Word's own limits: a level's start is 0…32767 and there are nine levels (0…8); a value
# outside (or not a number: "one") is read as the default, so no counter builds a huge label
_MAX_START = 32767
_MAX_LEVEL = 8


def _val(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    if child is None:
        return default
    value = child.get(_W + "val")
    return default if value is None else str(value)


def _number(text: str | None, default: int, high: int) -> int:
    """An ``ST_DecimalNumber`` attribute within 0…``high``; anything else is ``default``."""
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if 0 <= value <= high else default


def _letters(n: int) -> str:
    """a, b, … z, aa, bb, … (Word repeats the letter rather than counting in base 26)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a ``w:numFmt``; unknown formats fall back to decimal."""
    if fmt == "none":
        return ""
    if n <= 0 or n > _MAX_START * 2:
        return str(n)  # no letters or roman numerals for a counter past Word's own range
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified":
        return "".join(_LEGAL_DIGITS[int(d)] for d in str(n)) if n >= 10 else _LEGAL_DIGITS[n]
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",):
        return _HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY_BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(_FULL_WIDTH_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # None: after any shallower level; 0: never; n: after level n
    legal: bool = False
    suffix: str = "tab"

    @classmethod
    def read(cls, lvl: Any) -> Level:
        restart = _val(lvl, "lvlRestart")
        return cls(
            start=_number(_val(lvl, "start"), 1, _MAX_START),
            fmt=_val(lvl, "numFmt", "decimal") or "decimal",
            text=_val(lvl, "lvlText", "") or "",
            restart=_number(restart, 0, _MAX_LEVEL + 1) if restart is not None else None,
            legal=lvl.find(_W + "isLgl") is not None,
            suffix=_val(lvl, "suff", "tab") or "tab",
        )


@dataclass
class _List:
    """The counters of one abstractNum, shared by every w:num that points to it."""

    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


class Numbering:
    """Reads numbering.xml and the styles once; ``label(p)`` is called per body paragraph,
    in document order, because counters depend on every numbered paragraph before."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self._lists: dict[str, _List] = {}
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._started: set[str] = set()
        self._style_num: dict[str, tuple[str | None, str | None]] = {}
        self._style_parent: dict[str, str] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, numbering: Any) -> None:
        for abstract in numbering.iterfind(_W + "abstractNum"):
            levels = {
                _number(lvl.get(_W + "ilvl"), 0, _MAX_LEVEL): Level.read(lvl)
                for lvl in abstract.iterfind(_W + "lvl")
            }
            self._lists[str(abstract.get(_W + "abstractNumId"))] = _List(levels)
        for num in numbering.iterfind(_W + "num"):
            abstract_id = _val(num, "abstractNumId")
            if abstract_id is None:
                continue
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterfind(_W + "lvlOverride"):
                ilvl = _number(override.get(_W + "ilvl"), 0, _MAX_LEVEL)
                start = _val(override, "startOverride")
                if start is not None:
                    starts[ilvl] = _number(start, 1, _MAX_START)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = Level.read(lvl)
                    starts.setdefault(ilvl, overrides[ilvl].start)
            self._nums[str(num.get(_W + "numId"))] = (abstract_id, overrides, starts)

    def _read_styles(self, styles: Any) -> None:
        for style in styles.iterfind(_W + "style"):
            style_id = str(style.get(_W + "styleId"))
            parent = _val(style, "basedOn")
            if parent:
                self._style_parent[style_id] = parent
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self._style_num[style_id] = (_val(num_pr, "numId"), _val(num_pr, "ilvl"))

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self._style_num:
                return self._style_num[style_id]
            style_id = self._style_parent.get(style_id)
        return None, None

    def label(self, paragraph: Any) -> str:
        """The rendered number of a ``w:p`` with its separator ("一、", "1. "), or ""."""
        ppr = paragraph.find(_W + "pPr")
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        style_num, style_ilvl = self._style_numbering(_val(ppr, "pStyle"))
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, "ilvl") if num_pr is not None else None
        num_id = num_id or style_num
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides, starts = self._nums[num_id]
        numbered = self._lists.get(abstract_id)
        if numbered is None:
            return ""
        ilvl = _number(ilvl_text or style_ilvl, 0, _MAX_LEVEL)
        levels = {**numbered.levels, **overrides}
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden, start in starts.items():
                numbered.counters[overridden] = start - 1
        level = levels.get(ilvl, Level())
        numbered.counters[ilvl] = numbered.counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in numbered.counters if k > ilvl]:
            # lvlRestart n (1-based): restart when level n or a shallower one is used
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl + 1 <= restart):
                del numbered.counters[deeper]
        return self._render(level, levels, numbered.counters)

    @staticmethod
    def _render(level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
        if level.fmt == "bullet":
            return ""  # a bullet glyph carries no number; the text stands alone

        def fill(match: regex.Match[str]) -> str:
            k = int(match.group(1)) - 1
            ref = levels.get(k, Level())
            value = counters.get(k, ref.start)
            return format_number(value, "decimal" if level.legal else ref.fmt)

        text = _PLACEHOLDER.sub(fill, level.text)
        if not text:
            return ""
        if level.suffix == "nothing" or _CJK_PUNCT_END.search(text):
            return text
        return text + " "
