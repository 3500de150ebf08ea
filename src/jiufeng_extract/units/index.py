"""Circular → per-unit duties: what each unit leads, supports or shares, and by when.

Units are grouped by canonical name and level (``unit_names``), recomputed from the printed names
so that an alias file given now also applies to a JSON extracted earlier: 市卫健委 and
上海市卫生健康委员会 are one unit, 省卫生健康委 and 各市卫生健康委 two.
"""

from __future__ import annotations

from collections import Counter

from pydantic import Field

from ..model import Circular, Deadline, RoleScope, StrictModel, TableRow, UnitRole
from ..text.compare import clip
from .names import UnitNames


class Duty(StrictModel):
    role: UnitRole
    scope: RoleScope
    row: int | None = Field(description="序号 of the responsibility row")
    task: int | None = Field(description="ordinal of the body task")
    number: str | None = Field(description="the task's number as printed, or the action's")
    title: str = Field(description="task title, or the special action's title")
    deadline: Deadline


class UnitDuties(StrictModel):
    unit: str = Field(description="the name printed most often")
    canonical: str
    level: str | None
    printed: list[str] = Field(description="every printed form, in order of appearance")
    includes: list[str] = Field(default_factory=list)
    duties: list[Duty]

    def count(self, role: UnitRole) -> int:
        return sum(1 for duty in self.duties if duty.role is role)


def index_units(circular: Circular, names: UnitNames | None = None) -> list[UnitDuties]:
    """Units in order of first appearance in the responsibility table."""
    names = names or UnitNames.default()
    printed: dict[tuple[str, str | None], Counter[str]] = {}
    includes: dict[tuple[str, str | None], list[str]] = {}
    duties: dict[tuple[str, str | None], list[Duty]] = {}
    for row in circular.responsibility_table:
        for assignment in row.units.assignments:
            parsed = names.parse(assignment.unit)
            key = (parsed.canonical, parsed.level)
            printed.setdefault(key, Counter())[assignment.unit] += 1
            known = includes.setdefault(key, [])
            known += [u for u in assignment.includes if u not in known]
            duties.setdefault(key, []).extend(
                _duties(circular, row, assignment.role, assignment.scope)
            )
    return [
        UnitDuties(
            unit=printed[key].most_common(1)[0][0],
            canonical=key[0],
            level=key[1],
            printed=list(printed[key]),
            includes=includes[key],
            duties=_unique(duties[key]),
        )
        for key in printed
    ]


def _duties(circular: Circular, row: TableRow, role: UnitRole, scope: RoleScope) -> list[Duty]:
    """The row's task, or for a special-action lead each of the row's special actions."""
    if scope is RoleScope.TASK or not row.special_actions:
        task = next((t for t in circular.tasks if t.ordinal == row.task), None)
        targets = [
            (
                task.number if task else None,
                task.title if task else clip((row.task_text.strip().splitlines() or [""])[0], 40),
                row.deadline,
            )
        ]
    else:
        targets = [
            (
                action.number,
                action.title,
                action.deadlines[-1] if action.deadlines else row.deadline,
            )
            for action in circular.special_actions
            if action.ordinal in row.special_actions
        ]
    return [
        Duty(role=role, scope=scope, row=row.seq, task=row.task, number=n, title=t, deadline=d)
        for n, t, d in targets
    ]


def _unique(duties: list[Duty]) -> list[Duty]:
    """A unit named twice in one row (lead of the task and of its action) keeps both; exact
    repeats go."""
    seen: list[Duty] = []
    for duty in duties:
        if duty not in seen:
            seen.append(duty)
    return seen
