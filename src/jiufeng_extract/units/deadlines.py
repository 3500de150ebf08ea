"""Deadline grammar: '持续推进', '12月底前', '2023年7月-10月31日', '第三季度' → ``Deadline``.

A missing year is taken from the document (its 成文日期 or 发文字号 year).
"""

from __future__ import annotations

import calendar
from datetime import date

import regex

from ..model import Deadline, DeadlineKind
from ..patterns import on_first_use
from ..text.dates import chinese_number

_ONGOING = on_first_use(r"持续|长期|常态化|每年|每季度|每月|日常|全年|及时|定期|逐年")
_Y = r"(?:(?P<{0}y>(?:19|20)\d{{2}})\s*年)?"
# "2023年10月31日" / "10月底" / "6月中旬" with group names prefixed by {p}
_POINT = (
    r"{y}\s*(?P<{p}m>\d{{1,2}})\s*月\s*"
    r"(?:(?P<{p}d>\d{{1,2}})\s*日|(?P<{p}part>底|末|上旬|中旬|下旬|初))?"
)
_A = _POINT.format(y=_Y.format("a"), p="a")
_B = _POINT.format(y=_Y.format("b"), p="b")
_RANGE = on_first_use(rf"{_A}\s*(?:[-—–~～至到]|－)\s*{_B}")
_SINGLE = on_first_use(rf"{_A}\s*(?:前|之前|以前|完成|止)?")
_YEAR_END = on_first_use(r"(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*(?:年底|年末|底)前?")
_HALF = on_first_use(r"(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*(?P<half>上|下)半年")
_QUARTER = on_first_use(r"(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*第?(?P<q>[一二三四1-4])季度")
_YEAR_ONLY = on_first_use(r"^(?P<y>(?:19|20)\d{2})\s*年(?:内|前|底前)?$")
# a deadline inside running text: "于2023年10月31日前完成", "12月底前", "2023年7月-10月31日"
_IN_TEXT = on_first_use(
    rf"{_RANGE.pattern}|{_A}\s*(?:前|之前|以前)|(?:(?:19|20)\d{{2}}\s*年)?年底前"
    r"|(?:(?:19|20)\d{2}\s*年)?(?:上|下)半年|(?:(?:19|20)\d{2}\s*年)?第[一二三四1-4]季度"
)
_PART_DAY = {"上旬": 10, "初": 10, "中旬": 20}


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _point(m: regex.Match[str], p: str, year: int, *, start: bool) -> date | None:
    y = int(m[f"{p}y"]) if m[f"{p}y"] else year
    month = int(m[f"{p}m"])
    if not 1 <= month <= 12:
        return None
    day_text, part = m[f"{p}d"], m[f"{p}part"]
    if day_text:
        day = int(day_text)
    elif part in _PART_DAY:
        day = _PART_DAY[part]
    elif start:
        day = 1
    else:
        day = _last_day(y, month)
    try:
        return date(y, month, day)
    except ValueError:
        return None


def parse_deadline(raw: str, year: int | None) -> Deadline:
    """Read one deadline phrase; ``year`` fills in dates printed without one."""
    text = raw.strip()
    unspecified = Deadline.model_construct(raw=raw, kind=DeadlineKind.UNSPECIFIED)
    if not text:
        return unspecified
    fallback_year = year or date.today().year
    if m := _RANGE.search(text):
        start_year = int(m["ay"]) if m["ay"] else fallback_year
        first = _point(m, "a", start_year, start=True)
        last = _point(m, "b", int(m["by"]) if m["by"] else start_year, start=False)
        if first and last:
            return Deadline.model_construct(
                raw=raw, kind=DeadlineKind.RANGE, start=first, date=last
            )
    if m := _SINGLE.search(text):
        due = _point(m, "a", int(m["ay"]) if m["ay"] else fallback_year, start=False)
        if due:
            return Deadline.model_construct(raw=raw, kind=DeadlineKind.BY_DATE, date=due)
    if m := _QUARTER.search(text):
        q = int(m["q"]) if m["q"].isdecimal() else chinese_number(m["q"])
        y = int(m["y"]) if m["y"] else fallback_year
        first_month = 3 * (q - 1) + 1
        return Deadline.model_construct(
            raw=raw,
            kind=DeadlineKind.RANGE,
            start=date(y, first_month, 1),
            date=date(y, first_month + 2, _last_day(y, first_month + 2)),
        )
    if m := _HALF.search(text):
        y = int(m["y"]) if m["y"] else fallback_year
        if m["half"] == "上":
            return Deadline.model_construct(raw=raw, kind=DeadlineKind.BY_DATE, date=date(y, 6, 30))
        return Deadline.model_construct(
            raw=raw, kind=DeadlineKind.RANGE, start=date(y, 7, 1), date=date(y, 12, 31)
        )
    if m := _YEAR_END.search(text):
        y = int(m["y"]) if m["y"] else fallback_year
        return Deadline.model_construct(raw=raw, kind=DeadlineKind.BY_DATE, date=date(y, 12, 31))
    if m := _YEAR_ONLY.match(text):
        return Deadline.model_construct(
            raw=raw, kind=DeadlineKind.BY_DATE, date=date(int(m["y"]), 12, 31)
        )
    if _ONGOING.search(text):
        return Deadline.model_construct(raw=raw, kind=DeadlineKind.ONGOING)
    return unspecified


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    """Every dated deadline phrase in running text, in order ("持续推进" is not looked for)."""
    found = (parse_deadline(m.group(), year) for m in _IN_TEXT.finditer(text))
    return [d for d in found if d.kind is not DeadlineKind.UNSPECIFIED]
