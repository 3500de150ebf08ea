"""One circular as a workbook a compliance office can filter and print: its responsibility
table, tasks, special actions, milestones, metadata and warnings, one sheet each (a sheet
only when the circular has such items; tasks and metadata always)."""

from __future__ import annotations

from collections.abc import Sequence

from ..formats import Lang
from ..model import Circular
from .flatten import (
    ACTION_HEADER,
    METADATA_HEADER,
    MILESTONE_HEADER,
    RESPONSIBILITY_HEADER,
    TASK_HEADER,
    WARNING_HEADER,
    action_rows,
    metadata_rows,
    milestone_rows,
    responsibility_rows,
    task_rows,
    warning_rows,
)
from .labels import header, label
from .spreadsheet import Cell, Sheet, workbook_bytes

_DOC = ("doc_number", "doc_title")


def circular_sheets(circular: Circular, lang: Lang) -> list[Sheet]:
    def sheet(key: str, columns: tuple[str, ...], rows: Sequence[Sequence[Cell]]) -> Sheet:
        # the page header names the circular: its two columns on every row are not printed
        printed = len(columns) - 2 if columns[-2:] == _DOC else None
        return Sheet(label(key, lang), header(columns, lang), rows, printed)

    sheets = []
    if circular.responsibility_table:
        rows = responsibility_rows(circular, lang)
        sheets.append(sheet("sheet_responsibility", RESPONSIBILITY_HEADER, rows))
    sheets.append(sheet("sheet_tasks", TASK_HEADER, task_rows(circular)))
    if circular.special_actions:
        sheets.append(sheet("sheet_special_actions", ACTION_HEADER, action_rows(circular)))
    if circular.milestones:
        rows = milestone_rows(circular, lang)
        sheets.append(sheet("sheet_milestones", MILESTONE_HEADER, rows))
    sheets.append(sheet("sheet_metadata", METADATA_HEADER, metadata_rows(circular, lang)))
    if circular.warnings:
        sheets.append(sheet("sheet_warnings", WARNING_HEADER, warning_rows(circular)))
    return sheets


def circular_workbook(circular: Circular, lang: Lang = Lang.ZH) -> bytes:
    meta = circular.metadata
    title = " ".join(t for t in (meta.doc_number, meta.title) if t)
    return workbook_bytes(circular_sheets(circular, lang), print_title=title)


_CATALOGUE_HEADER = (
    "doc_number",
    "doc_title",
    "signed_date",
    "issuers",
    "tasks",
    "table_rows",
    "warnings",
    "source",
)


def combined_sheets(circulars: Sequence[Circular], lang: Lang) -> list[Sheet]:
    """Many circulars in one workbook: each sheet holds the rows of all of them (every row
    names its 发文字号 and title), and 文件信息 lists the circulars one per row."""
    parts: list[tuple[str, tuple[str, ...], list[list[Cell]]]] = [
        ("sheet_responsibility", RESPONSIBILITY_HEADER, []),
        ("sheet_tasks", TASK_HEADER, []),
        ("sheet_special_actions", ACTION_HEADER, []),
        ("sheet_milestones", MILESTONE_HEADER, []),
    ]
    for circular in circulars:
        parts[0][2].extend(responsibility_rows(circular, lang))
        parts[1][2].extend(task_rows(circular))
        parts[2][2].extend(action_rows(circular))
        parts[3][2].extend(milestone_rows(circular, lang))
    catalogue: list[list[Cell]] = [
        [
            c.metadata.doc_number,
            c.metadata.title,
            c.metadata.signed_date,
            "、".join(c.metadata.issuers),
            len(c.tasks),
            len(c.responsibility_table),
            len(c.warnings),
            c.source.path,
        ]
        for c in circulars
    ]
    sheets = [
        Sheet(label(key, lang), header(cols, lang), rows) for key, cols, rows in parts if rows
    ]
    return [
        *sheets,
        Sheet(label("sheet_metadata", lang), header(_CATALOGUE_HEADER, lang), catalogue),
    ]


def combined_workbook(circulars: Sequence[Circular], lang: Lang = Lang.ZH) -> bytes:
    return workbook_bytes(combined_sheets(circulars, lang))
