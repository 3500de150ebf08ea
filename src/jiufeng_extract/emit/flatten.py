"""Nested output → flat rows: the responsibility table one row per task, per-unit duties, and the
tasks, special actions, milestones and metadata of one circular (the sheets of its workbook).

Column keys are the English names (``labels.header`` turns them into 序号, 重点任务 …); enum
values go through ``labels.value`` (牵头, 长期 …). Lists are joined with 、 (the way the
circulars print them); dates stay dates (CSV writes them as ISO strings, XLSX as date cells).
Every row of a circular's tables ends with its 发文字号 and title, so rows stay attributable
when sheets of many circulars are put together.
"""

from __future__ import annotations

from ..formats import Lang
from ..model import Circular, Deadline
from ..units.index import UnitDuties
from .labels import metadata_label, value
from .spreadsheet import Cell

_DOC = ("doc_number", "doc_title")
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
    *_DOC,
)
TASK_HEADER = ("ordinal", "number", "title", "text", "path", "special_actions", "page", *_DOC)
ACTION_HEADER = ("ordinal", "number", "title", "text", "task", "deadline", "due", *_DOC)
MILESTONE_HEADER = ("title", "deadline", "deadline_kind", "start", "due", "text", *_DOC)
METADATA_HEADER = ("field", "value")
WARNING_HEADER = ("code", "message", "where")
DUTY_HEADER = ("unit", "canonical", "role", "scope", "row", "number", "title", "deadline", "due")


def responsibility_rows(circular: Circular, lang: Lang = Lang.EN) -> list[list[Cell]]:
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
                *_deadline_cells(row.deadline, lang),
                *_doc_cells(circular),
            ]
        )
    return rows


def task_rows(circular: Circular) -> list[list[Cell]]:
    return [
        [
            task.ordinal,
            task.number,
            task.title,
            task.text,
            " > ".join(task.path),
            "、".join(str(n) for n in task.special_actions),
            task.provenance.page,
            *_doc_cells(circular),
        ]
        for task in circular.tasks
    ]


def action_rows(circular: Circular) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for action in circular.special_actions:
        first = action.deadlines[0] if action.deadlines else None
        rows.append(
            [
                action.ordinal,
                action.number,
                action.title,
                action.text,
                action.task,
                first.raw if first else None,
                first.date if first else None,
                *_doc_cells(circular),
            ]
        )
    return rows


def milestone_rows(circular: Circular, lang: Lang = Lang.EN) -> list[list[Cell]]:
    return [
        [
            milestone.title,
            *_deadline_cells(milestone.deadline, lang),
            milestone.text,
            *_doc_cells(circular),
        ]
        for milestone in circular.milestones
    ]


def metadata_rows(circular: Circular, lang: Lang = Lang.EN) -> list[list[Cell]]:
    meta = circular.metadata
    fields: list[tuple[str, Cell]] = [
        ("title", meta.title),
        ("doc_number", meta.doc_number),
        ("doc_type", meta.doc_type),
        ("issuers", "、".join(meta.issuers)),
        ("recipients", "、".join(meta.recipients)),
        ("signed_date", meta.signed_date),
        ("published_date", meta.published_date),
        ("printed_date", meta.printed_date),
        ("enclosure_title", meta.enclosure_title),
        ("copied_to", "、".join(meta.copied_to)),
        ("source", circular.source.path),
        ("sha256", circular.source.sha256),
    ]
    return [[metadata_label(key, lang), cell] for key, cell in fields]


def warning_rows(circular: Circular) -> list[list[Cell]]:
    return [[w.code, w.message, w.where] for w in circular.warnings]


def duty_rows(index: list[UnitDuties], lang: Lang = Lang.EN) -> list[list[Cell]]:
    return [
        [
            unit.unit,
            unit.canonical,
            value(duty.role, lang),
            value(duty.scope, lang),
            duty.row,
            duty.number,
            duty.title,
            duty.deadline.raw,
            duty.deadline.date,
        ]
        for unit in index
        for duty in unit.duties
    ]


def _deadline_cells(deadline: Deadline, lang: Lang) -> list[Cell]:
    return [deadline.raw, value(deadline.kind, lang), deadline.start, deadline.date]


def _doc_cells(circular: Circular) -> list[Cell]:
    return [circular.metadata.doc_number, circular.metadata.title]
