"""责任单位 cell → roles: lead (牵头, or named alone), support (配合/参与/协助), joint (共同推进).

"市医保局牵头，市卫生健康委、市公安局配合（专项行动由市卫生健康委牵头）" →
lead [市医保局], support [市卫生健康委, 市公安局], notes [专项行动由市卫生健康委牵头].
"""

from __future__ import annotations

import regex

from .model import Units
from .patterns import ROLE_WORD

_BRACKETED = regex.compile(r"[（(](?P<note>[^（）()]*)[）)]")
_CLAUSE_SPLIT = regex.compile(r"[，,；;。\n]")
_UNIT_SPLIT = regex.compile(r"[、/／]|和(?=[\p{Han}]{2,}(?:委|局|厅|部|署|办|院|会|中心))")
_JOINT = regex.compile(r"共同")
_SUPPORT = regex.compile(r"配合|参与|协助|协同")
_LEAD_FIRST = regex.compile(r"列第一位的?为牵头单位|排在第一位的?为牵头")


def split_units(raw: str, first_is_lead: bool = False) -> Units:
    """Split a 责任单位 cell. ``first_is_lead``: the table says '列第一位的为牵头单位'."""
    notes = [m.group("note").strip() for m in _BRACKETED.finditer(raw) if m.group("note").strip()]
    text = _BRACKETED.sub("", raw)
    units = Units(raw=raw, notes=notes)
    for clause in (c.strip() for c in _CLAUSE_SPLIT.split(text)):
        if not clause:
            continue
        role = ROLE_WORD.search(clause)
        names = _names(clause[: role.start()] if role else clause)
        if not names:
            continue
        if role is None:
            if first_is_lead and not units.lead:
                units.lead.append(names[0])
                units.support.extend(names[1:])
            else:
                units.lead.extend(names)
        elif _JOINT.search(role.group("role")):
            units.joint.extend(names)
        elif _SUPPORT.search(role.group("role")):
            units.support.extend(names)
        else:
            units.lead.extend(names)
    return units


def _names(text: str) -> list[str]:
    text = text.strip()
    text = regex.sub(r"(?:按职责|按照职责|依职责)(?:分工)?$", "", text).strip()
    return [name.strip() for name in _UNIT_SPLIT.split(text) if name.strip()]


def says_first_is_lead(texts: list[str]) -> bool:
    return any(_LEAD_FIRST.search(t) for t in texts)
