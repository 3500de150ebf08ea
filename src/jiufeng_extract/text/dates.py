"""Dates as printed in circulars → ``datetime.date``: Arabic, Chinese-numeral and ISO forms."""

from __future__ import annotations

from datetime import date

from ..patterns import DAMAGED_DATE, DATE_ARABIC, DATE_CHINESE, DATE_ISO

_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "O": 0,
    "o": 0,
    "０": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """15 → '十五', 21 → '二十一', 102 → '一百零二', 3 → '三' (the inverse of chinese_number,
    for 1–9999)."""
    if not 0 < n < 10000:
        return str(n)
    out = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if digit:
            out.append(_CN_DIGITS[digit] + name)
        elif out and n and out[-1] != "零":
            out.append("零")
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def chinese_number(text: str) -> int:
    """'十五' → 15, '二十一' → 21, '一百零二' → 102, '三' → 3."""
    if not text:
        raise ValueError("empty Chinese numeral")
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGIT:
            current = _CN_DIGIT[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


def numeral_value(number: str) -> int:
    """A heading or task number as printed → int: '7', '十五', '②'. ValueError otherwise."""
    if number.isdecimal():  # not isdigit: "①".isdigit() is True
        return int(number)
    if len(number) == 1 and "①" <= number <= "⑳":
        return ord(number) - ord("①") + 1
    return chinese_number(number)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first date in ``text``: '2023年7月31日', '二〇二三年七月三十一日', '2023-08-07'."""
    if m := DATE_ARABIC.search(text):
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := DATE_CHINESE.search(text):
        year = int("".join(str(_CN_DIGIT[c]) for c in m["y"]))
        return _safe_date(year, chinese_number(m["m"]), chinese_number(m["d"]))
    if m := DATE_ISO.search(text):
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None


def recover_date(text: str) -> date | None:
    """A date line that lost its 月/日: '2022年1231' → 2022-12-31; None when the digits split
    into more than one real date ('2020126': 1月26日 or 12月6日) or none. One that lost its 年:
    '20223月23日' → 2022-03-23."""
    m = DAMAGED_DATE.match(text)
    if m is None:
        return None
    year, digits = int(m["y"]), m["md"]
    if digits is None:  # only the 年 was lost: "20223月23日"
        return _safe_date(year, int(m["m"]), int(m["d"]))
    found = {
        d
        for cut in range(1, len(digits))
        if len(digits[cut:]) <= 2 and len(digits[:cut]) <= 2
        if (d := _safe_date(year, int(digits[:cut]), int(digits[cut:]))) is not None
    }
    return found.pop() if len(found) == 1 else None
