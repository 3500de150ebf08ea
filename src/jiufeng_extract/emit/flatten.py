"""Nested output → flat rows: the responsibility table one row per task, and per-unit duties.

Lists are joined with 、 (the way the circulars print them); dates stay dates (CSV writes
them as ISO strings, XLSX as date cells).
"""

from __future__ import annotations

from ..model import Circular, Deadline
from ..units.index import UnitDuties
from .spreadsheet import Cell

RESPONSIBILITY_HEADER = (
    "seq",
    "category",
    "task_number",
    "task_title",
    "task_text",
    "lead",
    "support",
    "joint",
    "special_action_lead",
    "notes",
    "deadline",
    "deadline_kind",
    "start",
    "due",
)
DUTY_HEADER = ("unit", "canonical", "role", "scope", "row", "number", "title", "deadline", "due")


def responsibility_rows(circular: Circular) -> list[list[Cell]]:
    titles = {t.ordinal: (t.number, t.title) for t in circular.tasks}
    rows: list[list[Cell]] = []
    for row in circular.responsibility_table:
        number, title = titles.get(row.task, (None, None)) if row.task else (None, None)
        rows.append(
            [
                row.seq,
                row.category,
                number,
                title,
                row.task_text,
                "、".join(row.units.lead),
                "、".join(row.units.support),
                "、".join(row.units.joint),
                "、".join(row.units.special_action_lead),
                "；".join(row.units.notes),
                *_deadline_cells(row.deadline),
            ]
        )
    return rows


def duty_rows(index: list[UnitDuties]) -> list[list[Cell]]:
    return [
        [
            unit.unit,
            unit.canonical,
            duty.role.value,
            duty.scope.value,
            duty.row,
            duty.number,
            duty.title,
            duty.deadline.raw,
            duty.deadline.date,
        ]
        for unit in index
        for duty in unit.duties
    ]


def _deadline_cells(deadline: Deadline) -> list[Cell]:
    return [deadline.raw, deadline.kind.value, deadline.start, deadline.date]
