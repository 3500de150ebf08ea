"""责任单位 cell → roles: lead (牵头, or named alone), support (配合/参与/协助), joint (共同推进).

"市医保局牵头，市卫生健康委、市公安局配合（专项行动由市卫生健康委牵头）" →
lead [市医保局], support [市卫生健康委, 市公安局], special_action_lead [市卫生健康委].

The grammar, clause by clause (clauses end at ，；。):
- a role word applies to the units before it: "A、B按职责分别牵头", "C配合", "D为配合单位";
- a role label to the units after it: "牵头单位：A";
- "A会同B、C": A leads, B and C support;
- units named without a role lead, unless another unit of the cell is marked "（牵头）" (then
  they support) or the table says "列第一位的为牵头单位" (then the first leads, the rest support).
A table with a 牵头 and a 配合 column gives its two cells to ``read_columns``: units named
without a role in the support column support.
Bracketed notes are kept as printed and read where they say something: "（含X，下同）" makes
the unit before it include X, in this row and, with 下同, in every later row of the table;
"（专项行动由X牵头）" gives the row's special actions their own lead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Assignment, RoleScope, UnitRole, Units
from ..patterns import (
    UNIT_ACTION_LEAD,
    UNIT_INCLUDES,
    UNIT_LEAD_FIRST,
    UNIT_LIST_TAIL,
    UNIT_NOTE,
    UNIT_ROLE,
    UNIT_ROLE_LABEL,
    UNIT_SEPARATOR,
    UNIT_TOGETHER_WITH,
)
from .names import UnitNames

_CLAUSE_END = "，,；;。\n"
# a bracketed note is replaced by one private-use character so that it stays where it was
_NOTE_MARK = 0xE000
_MAX_NOTES = 0x1900  # the size of the private-use area
_SUPPORT_WORDS = ("配合", "参与", "协助", "协同", "协办")


@dataclass
class _Mention:
    name: str
    role: UnitRole | None
    explicit: bool = False  # marked by a bracket: "A（牵头）"
    includes: list[str] = field(default_factory=list)


def role_of(word: str) -> UnitRole:
    if word.startswith("共同") and not word.endswith("牵头"):
        return UnitRole.JOINT
    if word in _SUPPORT_WORDS:
        return UnitRole.SUPPORT
    return UnitRole.LEAD


class UnitReader:
    """Reads the 责任单位 cells of one table, top to bottom; remembers notes marked 下同."""

    def __init__(self, names: UnitNames | None = None, first_is_lead: bool = False) -> None:
        self.names = names or UnitNames.default()
        self.first_is_lead = first_is_lead
        # (canonical name, level) → units it includes: 市卫健委's 下同 is not 各区卫健委's
        self._standing: dict[tuple[str, str | None], list[str]] = {}

    def read(self, raw: str, unmarked: UnitRole = UnitRole.LEAD) -> Units:
        """``unmarked``: the role of units the cell names without a role word."""
        # private-use glyphs from a PDF font would read as note marks
        text = "".join(c for c in raw if not _is_mark(c))
        found = list(UNIT_NOTE.finditer(text))[:_MAX_NOTES]
        notes = [m["note"].strip() for m in found if m["note"].strip()]
        note_at = {chr(_NOTE_MARK + i): m["note"].strip() for i, m in enumerate(found)}
        marks = iter(note_at)
        marked = UNIT_NOTE.sub(lambda _: next(marks, ""), text, count=len(found))
        mentions: list[_Mention] = []
        action_leads: list[str] = []
        for clause in _clauses(marked):
            owned: set[str] = set()
            for mention in _clause_mentions(clause):
                mention.name, trailing = _split_marks(mention.name)
                if mention.name:
                    mentions.append(mention)
                for mark in trailing:
                    owned.add(mark)
                    action_leads += self._apply_note(
                        note_at[mark], mentions[-1] if mentions else None
                    )
            for mark in (c for c in clause if _is_mark(c) and c not in owned):
                action_leads += self._apply_note(note_at[mark], mentions[-1] if mentions else None)
        self._resolve_unmarked(mentions, unmarked)
        return self._units(raw, notes, mentions, action_leads)

    def read_columns(self, lead: str, support: str, labels: tuple[str, str]) -> Units:
        """A row's 牵头单位 and 配合单位 cells; ``raw`` names each cell by its column label."""
        first, second = self.read(lead), self.read(support, unmarked=UnitRole.SUPPORT)
        cells = zip(labels, (lead, support), strict=True)
        printed = [f"{label}：{cell}" for label, cell in cells if cell]
        units = Units.model_construct(
            raw="；".join(printed),
            lead=first.lead + second.lead,
            support=first.support + second.support,
            joint=first.joint + second.joint,
            special_action_lead=first.special_action_lead + second.special_action_lead,
            notes=first.notes + second.notes,
        )
        scoped = [*first.assignments, *second.assignments]
        units.assignments = [a for a in scoped if a.scope is RoleScope.TASK] + [
            a for a in scoped if a.scope is not RoleScope.TASK
        ]
        return units

    def _apply_note(self, note: str, owner: _Mention | None) -> list[str]:
        """Read one bracketed note; return the special action's leads if it names them."""
        if match := UNIT_ACTION_LEAD.match(note):
            return [_split_marks(n)[0] for n in _names(match["units"])]
        if owner is None:
            return []
        if match := UNIT_INCLUDES.match(note):
            owner.includes += [_split_marks(n)[0] for n in _names(match["units"])]
            if match["standing"]:
                name = self.names.parse(owner.name)
                self._standing[(name.canonical, name.level)] = list(owner.includes)
        elif (role := UNIT_ROLE.fullmatch(note)) is not None:
            owner.role, owner.explicit = role_of(role["role"]), True
        return []

    def _resolve_unmarked(self, mentions: list[_Mention], unmarked: UnitRole) -> None:
        # "A（牵头）、B": B supports; "A、B（配合）": A still leads
        marked = any(m.explicit and m.role is UnitRole.LEAD for m in mentions)
        for mention in mentions:
            if mention.role is not None:
                continue
            if unmarked is not UnitRole.LEAD:
                mention.role = unmarked
            elif marked:
                mention.role = UnitRole.SUPPORT
            elif self.first_is_lead:
                has_lead = any(m.role is UnitRole.LEAD for m in mentions)
                mention.role = UnitRole.SUPPORT if has_lead else UnitRole.LEAD
            else:
                mention.role = UnitRole.LEAD

    def _units(
        self, raw: str, notes: list[str], mentions: list[_Mention], action_leads: list[str]
    ) -> Units:
        units = Units.model_construct(raw=raw, notes=notes, special_action_lead=action_leads)
        by_role = {UnitRole.LEAD: units.lead, UnitRole.SUPPORT: units.support}
        for mention in mentions:
            assert mention.role is not None
            by_role.get(mention.role, units.joint).append(mention.name)
            units.assignments.append(self._assignment(mention.name, mention.role, mention.includes))
        units.assignments += [
            self._assignment(name, UnitRole.LEAD, [], RoleScope.SPECIAL_ACTION)
            for name in action_leads
        ]
        return units

    def _assignment(
        self,
        printed: str,
        role: UnitRole,
        includes: list[str],
        scope: RoleScope = RoleScope.TASK,
    ) -> Assignment:
        name = self.names.parse(printed)
        standing = self._standing.get((name.canonical, name.level), [])
        return Assignment.model_construct(
            unit=printed,
            canonical=name.canonical,
            level=name.level,
            role=role,
            scope=scope,
            includes=includes + [u for u in standing if u not in includes],
        )


def split_units(raw: str, first_is_lead: bool = False, names: UnitNames | None = None) -> Units:
    """One cell on its own (no 下同 carried in from rows above)."""
    return UnitReader(names, first_is_lead).read(raw)


def says_first_is_lead(texts: list[str]) -> bool:
    return any(UNIT_LEAD_FIRST.search(t) for t in texts)


def _split_marks(text: str) -> tuple[str, list[str]]:
    """'市卫生健康委\\ue003' → ('市卫生健康委', ['\\ue003']); marks anywhere are taken out."""
    marks = [c for c in text if _is_mark(c)]
    return "".join(c for c in text if not _is_mark(c)).strip(), marks


def _is_mark(char: str) -> bool:
    return _NOTE_MARK <= ord(char) < _NOTE_MARK + _MAX_NOTES


def _clauses(text: str) -> list[str]:
    for end in _CLAUSE_END[1:]:
        text = text.replace(end, _CLAUSE_END[0])
    return [c.strip() for c in text.split(_CLAUSE_END[0]) if c.strip()]


def _clause_mentions(clause: str) -> list[_Mention]:
    if label := UNIT_ROLE_LABEL.match(clause):
        word = "牵头" if label["role"] == "责任" else label["role"]
        return [_Mention(n, role_of(word)) for n in _names(clause[label.end() :])]
    if together := UNIT_TOGETHER_WITH.search(clause):
        leads = _clause_mentions(clause[: together.start()])
        others = _clause_mentions(clause[together.end() :])
        for mention in leads:
            mention.role = mention.role or UnitRole.LEAD
        for mention in others:
            if mention.role in (None, UnitRole.LEAD):
                mention.role = UnitRole.SUPPORT
        return leads + others
    mentions: list[_Mention] = []
    start = 0
    for role in UNIT_ROLE.finditer(clause):
        mentions += [
            _Mention(n, role_of(role["role"])) for n in _names(clause[start : role.start()])
        ]
        start = role.end()
    mentions += [_Mention(n, None) for n in _names(clause[start:])]
    return mentions


def _names(text: str) -> list[str]:
    """'A、B等部门' → ['A', 'B']; a note's mark stays on the name it follows."""
    names = []
    for piece in UNIT_SEPARATOR.split(text):
        name = UNIT_LIST_TAIL.sub("", piece.strip()).strip(" （）()")
        if _split_marks(name)[0]:
            names.append(name)
        elif name and names:
            names[-1] += name
    return names
