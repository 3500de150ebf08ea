"""Stage 5: responsibility rows ↔ body tasks, then categories filled from the body's sections.

A row links to the task with the same number when their texts agree at least loosely, else to
the task whose text is most similar. A row without a category takes the body section of its
task when that section is one of the table's categories, else the category of the row above
(below, for the first rows).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..model import SpecialAction, TableRow, Task, Warning
from ..text.compare import describe_changes, similarity, similarity_bound
from ..text.dates import numeral_value

# a numbered row must be at least this similar to the task of the same number
_SAME_NUMBER_MIN = 0.3
# an unnumbered (or mismatched) row links to the best task at least this similar
_BEST_MATCH_MIN = 0.5
_CATEGORY_SAME = 0.8

T = TypeVar("T")


def task_body(task: Task, actions: list[SpecialAction]) -> str:
    """The task as a table cell would print it: title, text, then its special actions."""
    parts = [f"{task.title}。{task.text}" if task.text else task.title]
    for action in actions:
        if action.ordinal in task.special_actions:
            parts.append(f"专项行动之{action.number}：{action.title}")
            parts.append(action.text)
    return "\n".join(p for p in parts if p)


def _task_value(task: Task) -> int | None:
    try:
        return numeral_value(task.number)
    except ValueError:
        return None


def link_rows(
    rows: list[TableRow], tasks: list[Task], actions: list[SpecialAction]
) -> list[Warning]:
    warnings: list[Warning] = []
    by_number = {_task_value(t): t for t in tasks}
    bodies = {t.ordinal: task_body(t, actions) for t in tasks}

    def score_of(row: TableRow, task: Task) -> float:
        # a terse row ("采购管理") is compared with the title, a full one with the whole task
        return max(
            similarity(row.task_text, bodies[task.ordinal]), similarity(row.task_text, task.title)
        )

    def bound_of(row: TableRow, task: Task) -> float:
        return max(
            similarity_bound(row.task_text, bodies[task.ordinal]),
            similarity_bound(row.task_text, task.title),
        )

    for row in rows:
        task = by_number.get(row.seq) if row.seq is not None else None
        score = score_of(row, task) if task else 0.0
        if task is None or score < _SAME_NUMBER_MIN:
            task, score = _best(
                tasks,
                functools.partial(score_of, row),
                functools.partial(bound_of, row),
                _BEST_MATCH_MIN,
            )
        where = f"responsibility row {row.seq}" if row.seq is not None else "responsibility row"
        if task is None:
            warnings.append(
                Warning.model_construct(
                    code="row_without_task",
                    where=where,
                    message=f"{where} matches no task in the body",
                )
            )
            continue
        row.task, row.task_similarity = task.ordinal, round(score, 3)
        row.special_actions = list(task.special_actions)
        if row.seq is not None and _task_value(task) != row.seq:
            warnings.append(
                Warning.model_construct(
                    code="row_number_mismatch",
                    where=where,
                    message=f"{where} covers body task {task.number} ({task.title})",
                )
            )
        changes = describe_changes(bodies[task.ordinal], row.task_text)
        if changes and similarity(row.task_text, task.title) < 1.0:
            warnings.append(
                Warning.model_construct(
                    code="row_wording_differs",
                    where=where,
                    message=f"{where} words task {task.number} differently "
                    f"(similarity {score:.2f}; body → table: {'; '.join(changes)})",
                )
            )
    covered = {row.task for row in rows}
    warnings.extend(
        Warning.model_construct(
            code="task_without_row",
            where=task.ref,
            message=f"task {task.number} ({task.title}) has no row in the responsibility table",
        )
        for task in tasks
        if rows and task.ordinal not in covered
    )
    return warnings


def _best(
    candidates: Sequence[T], score: Callable[[T], float], bound: Callable[[T], float], least: float
) -> tuple[T | None, float]:
    """The first candidate of the highest score if that is at least ``least``, else
    (None, 0.0); a candidate whose ``bound`` (at least its score) is below ``least`` or below
    the best so far is never scored."""
    best: T | None = None
    best_score = 0.0
    for candidate in candidates:
        ceiling = bound(candidate)
        if ceiling < least or (best is not None and ceiling < best_score):
            continue
        value = score(candidate)
        if best is None or value > best_score:
            best, best_score = candidate, value
    return (best, best_score) if best is not None and best_score >= least else (None, 0.0)


def _similarity_to(title: str, category: str) -> float:
    return similarity(category, title)


def _bound_to(title: str, category: str) -> float:
    return similarity_bound(category, title)


def fill_categories(rows: list[TableRow], tasks: list[Task]) -> None:
    # each category once, in the order first seen: the most similar is the first best, as
    # among every row's
    categories = list(dict.fromkeys(row.category for row in rows if row.category))
    if not categories:
        return
    paths = {t.ordinal: t.path for t in tasks}
    for row in rows:
        if row.category or row.task is None:
            continue
        for title in reversed(paths.get(row.task, [])):
            match, _ = _best(
                categories,
                functools.partial(_similarity_to, title),
                functools.partial(_bound_to, title),
                _CATEGORY_SAME,
            )
            if match is not None:
                row.category = match
                break
    previous: str | None = None
    for row in rows:
        if row.category:
            previous = row.category
        elif previous:
            row.category = previous
    following: str | None = None
    for row in reversed(rows):
        if row.category:
            following = row.category
        else:
            row.category = following


def check_roles(rows: list[TableRow]) -> list[Warning]:
    """Rows nobody is responsible for, and special-action notes with no action to apply to."""
    warnings: list[Warning] = []
    for row in rows:
        where = f"responsibility row {row.seq}" if row.seq is not None else "responsibility row"
        if not (row.units.lead or row.units.joint):
            what = f"only supporting units ({'、'.join(row.units.support)})"
            warnings.append(
                Warning.model_construct(
                    code="row_without_lead",
                    where=where,
                    message=f"{where} names {what if row.units.support else 'no unit'}",
                )
            )
        if row.units.special_action_lead and row.task is not None and not row.special_actions:
            warnings.append(
                Warning.model_construct(
                    code="special_action_lead_without_action",
                    where=where,
                    message=f"{where} names a lead for a special action, but its task has none",
                )
            )
    return warnings
