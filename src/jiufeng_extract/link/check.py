"""Circular → the reconciliation report of ``jiufeng check``: where the responsibility table and
the body disagree (wording, rows without tasks, tasks without rows) and every other warning.
"""

from __future__ import annotations

from pydantic import Field

from ..model import Circular, StrictModel, Warning
from ..text.compare import edits, similarity
from .rows import task_body

# the warnings link.py and check_roles give; the rest of a circular's warnings are "other"
RECONCILIATION_CODES = frozenset(
    {
        "row_wording_differs",
        "row_without_task",
        "row_number_mismatch",
        "task_without_row",
        "row_without_lead",
        "special_action_lead_without_action",
    }
)


class Change(StrictModel):
    op: str = Field(description="replace | delete | insert, from the body to the table")
    body: str = Field(description="the body's text ('' for an insert)")
    table: str = Field(description="the table's text ('' for a delete)")
    before: str = Field(description="body text just before the change")
    after: str = Field(description="body text just after the change")


class RowDifference(StrictModel):
    seq: int | None
    task: int = Field(description="ordinal of the body task the row covers")
    task_number: str
    similarity: float | None
    changes: list[Change]


class CheckReport(StrictModel):
    path: str
    rows: int = Field(description="rows in the responsibility table")
    linked: int = Field(description="rows linked to a body task")
    differences: list[RowDifference]
    reconciliation: list[Warning]
    other: list[Warning]

    def failed(self, strict: bool = False) -> bool:
        """Discrepancies fail a check; other warnings only under ``strict``."""
        return bool(self.reconciliation or (strict and self.other))


def check(circular: Circular) -> CheckReport:
    tasks = {t.ordinal: t for t in circular.tasks}
    differences = []
    for row in circular.responsibility_table:
        task = tasks.get(row.task) if row.task is not None else None
        if task is None:
            continue
        changes = [
            Change(op=e.op, body=e.old, table=e.new, before=e.before, after=e.after)
            for e in edits(task_body(task, circular.special_actions), row.task_text)
        ]
        if changes and similarity(row.task_text, task.title) < 1.0:
            differences.append(
                RowDifference(
                    seq=row.seq,
                    task=task.ordinal,
                    task_number=task.number,
                    similarity=row.task_similarity,
                    changes=changes,
                )
            )
    return CheckReport(
        path=circular.source.path,
        rows=len(circular.responsibility_table),
        linked=sum(1 for row in circular.responsibility_table if row.task is not None),
        differences=differences,
        reconciliation=[w for w in circular.warnings if w.code in RECONCILIATION_CODES],
        other=[w for w in circular.warnings if w.code not in RECONCILIATION_CODES],
    )
