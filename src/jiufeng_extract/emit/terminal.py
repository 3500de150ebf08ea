"""Rich views for people at a terminal: the per-unit duties table and the check report.

Only the CLI calls these; machine-readable output goes through ``--format json|csv|md``.
"""

from __future__ import annotations

from rich.console import Group, OverflowMethod, RenderableType
from rich.table import Table
from rich.text import Text

from ..formats import Lang
from ..link.check import CheckReport, RowDifference
from ..model import Deadline, RoleScope, UnitRole, Warning
from ..units.index import Duty, UnitDuties
from .labels import label, value

_ROLES = (UnitRole.LEAD, UnitRole.SUPPORT, UnitRole.JOINT)


def units_view(
    index: list[UnitDuties], title: str, lang: Lang = Lang.ZH, plain: bool = False
) -> RenderableType:
    """One line per duty, grouped by unit: leads first, then supports, then shared work.

    ``plain`` (not a terminal: a file or a pipe): long text folds onto more lines, never cut."""
    overflow: OverflowMethod = "fold" if plain else "ellipsis"
    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column(label("unit", lang), style="bold", max_width=None if plain else 20)
    table.add_column(label("role", lang), no_wrap=True, min_width=4)
    table.add_column(label("task_title", lang), overflow=overflow, no_wrap=not plain, ratio=1)
    table.add_column(label("deadline", lang), no_wrap=not plain, min_width=13)
    for unit in index:
        name = Text(unit.unit)
        if unit.includes:
            name.append(f"\n（含{'、'.join(unit.includes)}）", style="dim")
        duties = sorted(unit.duties, key=lambda d: _ROLES.index(d.role))
        for i, duty in enumerate(duties):
            table.add_row(
                name if i == 0 else "",
                value(duty.role, lang),
                _duty(duty, lang),
                _when(duty.deadline, lang),
                end_section=i == len(duties) - 1,
            )
    return table


def _duty(duty: Duty, lang: Lang) -> str:
    if duty.scope is RoleScope.SPECIAL_ACTION:
        prefix = "专项行动" if lang is Lang.ZH else "special action "
        return f"{prefix}{duty.number or ''}：{duty.title}"
    if not duty.number:
        return duty.title
    return (
        f"{duty.number}. {duty.title}"
        if duty.number.isdecimal()
        else f"（{duty.number}）{duty.title}"
    )


def _when(deadline: Deadline, lang: Lang) -> str:
    """As printed (2023年12月底前, 长期坚持) in Chinese, with the parsed date beside it."""
    if lang is Lang.ZH:
        if deadline.raw and deadline.date:
            return f"{deadline.raw}（{deadline.date.isoformat()}）"
        return deadline.raw or value(deadline.kind, lang)
    if deadline.date and deadline.start:
        return f"{deadline.start.isoformat()}–{deadline.date.isoformat()}"
    if deadline.date:
        return f"by {deadline.date.isoformat()}"
    return deadline.raw or deadline.kind.value


def check_view(report: CheckReport, plain: bool = False) -> RenderableType:
    """``plain``: no colours to show deletions and insertions, so mark them [-old-]{+new+}."""
    linked = (
        f"{report.linked} of {report.rows} responsibility rows linked to a task"
        if report.rows
        else "no responsibility table"
    )
    parts: list[RenderableType] = [Text(f"{report.path}: {linked}")]
    for difference in report.differences:
        parts.append(_difference(difference, plain))
    # wording differences are shown above as diffs; their warnings would say it twice
    others = [w for w in report.reconciliation if w.code != "row_wording_differs"]
    if others:
        parts.append(_warnings("table ↔ body", others))
    if report.other:
        parts.append(_warnings("other warnings", report.other))
    verdict = (
        f"{len(report.reconciliation)} table ↔ body discrepancies, "
        f"{len(report.other)} other warnings"
    )
    parts.append(Text(verdict, style="bold yellow" if report.failed() else "bold green"))
    return Group(*parts)


def _difference(difference: RowDifference, plain: bool) -> Text:
    row = f"row {difference.seq}" if difference.seq is not None else "row"
    score = f", similarity {difference.similarity:.2f}" if difference.similarity is not None else ""
    text = Text(f"{row} ↔ task {difference.task_number}{score}", style="bold")
    for change in difference.changes:
        body, table = _clip(change.body), _clip(change.table)
        text.append("\n  …" + change.before, style="not bold")
        if plain:
            text.append(f"[-{body}-]" if body else "")
            text.append(f"{{+{table}+}}" if table else "")
        else:
            text.append(body, style="not bold red strike")
            text.append(table, style="not bold green underline")
        text.append(change.after + "…", style="not bold")
    return text


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else f"{text[: width - 10]}…（共{len(text)}字）"


def _warnings(title: str, warnings: list[Warning]) -> Text:
    text = Text(title, style="bold")
    for warning in warnings:
        text.append(f"\n  {warning.code}", style="not bold yellow")
        text.append(f"  {warning.message}", style="not bold")
    return text
