"""Unit case files (tests/unit_cases/*.txt): a circular with a responsibility table, a line
'# output', then what `jiufeng units` and `jiufeng check` make of it, in process.

The rendering is the case-file one (tests/test_cases.py) followed by the per-unit index (every
printed form, level, included units, each duty with its role, scope, row, task and deadline)
and the reconciliation report (rows, linked rows, wording differences with their edits, the
warnings with their messages, and whether the check fails, plain and with --strict).
Set JIUFENG_UPDATE_CASES=1 to rewrite the expected part (that run fails on purpose).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from jiufeng_extract import extract_text
from jiufeng_extract.link.check import CheckReport, check
from jiufeng_extract.model import Circular, Deadline, UnitRole
from jiufeng_extract.options import ExtractOptions
from jiufeng_extract.units.index import UnitDuties, index_units
from test_cases import MARK, render

CASES = sorted((Path(__file__).parent / "unit_cases").glob("*.txt"))
# a case file may carry its own alias table: a block '# aliases' … before '# output'
ALIASES = "# aliases\n"


def _when(d: Deadline) -> str:
    return f"{d.kind.value}:{d.start or ''}..{d.date or ''} ({d.raw})"


def render_assignments(circular: Circular) -> list[str]:
    out = ["assignments:"]
    for row in circular.responsibility_table:
        out += [
            f"  row {row.seq} {a.unit} canonical={a.canonical} level={a.level} {a.role.value}"
            f"/{a.scope.value} includes={','.join(a.includes)}"
            for a in row.units.assignments
        ]
        if row.units.notes or row.units.special_action_lead:
            out.append(
                f"  row {row.seq} notes={' | '.join(row.units.notes)}"
                f" action_lead={','.join(row.units.special_action_lead)}"
            )
    return out


def render_units(index: list[UnitDuties]) -> list[str]:
    out = ["units:"]
    for u in index:
        out.append(
            f"  {u.unit} canonical={u.canonical} level={u.level} printed={','.join(u.printed)}"
            f" includes={','.join(u.includes)}"
            f" counts={'/'.join(str(u.count(role)) for role in UnitRole)}"
        )
        out += [
            f"    {d.role.value}/{d.scope.value} row {d.row} →{d.task} {d.number} {d.title}"
            f" {_when(d.deadline)}"
            for d in u.duties
        ]
    return out


def render_check(report: CheckReport) -> list[str]:
    out = [
        f"check: rows={report.rows} linked={report.linked} failed={report.failed()}"
        f" strict={report.failed(strict=True)}"
    ]
    for d in report.differences:
        out.append(f"  differs row {d.seq} →{d.task} {d.task_number} similarity={d.similarity}")
        out += [
            f"    {c.op} '{c.body}'→'{c.table}' after '{c.before}' before '{c.after}'"
            for c in d.changes
        ]
    out += [f"  reconciliation {w.code} [{w.where}] {w.message}" for w in report.reconciliation]
    out += [f"  other {w.code}" for w in report.other]
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_unit_case(case: Path, tmp_path: Path) -> None:
    source, _, expected = case.read_text(encoding="utf-8").partition(MARK)
    document, _, table = source.partition(ALIASES)
    options = ExtractOptions()
    if table:
        aliases = tmp_path / "aliases.toml"
        aliases.write_text(table, encoding="utf-8")
        options = ExtractOptions.build(aliases=(aliases,))
    # as `jiufeng units --aliases` and `jiufeng check --aliases` do
    circular = extract_text(document, options, path=case.name)
    index = index_units(circular, options.unit_names())
    lines = [*render_assignments(circular), *render_units(index), *render_check(check(circular))]
    actual = render(circular) + "\n".join(lines) + "\n"
    if os.environ.get("JIUFENG_UPDATE_CASES") == "1":
        case.write_text(source + MARK + actual, encoding="utf-8")
        pytest.fail(f"rewrote {case.name}; review it and rerun without JIUFENG_UPDATE_CASES")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                "expected",
                "actual",
            )
        )
        pytest.fail(f"{case.name}:\n{diff}")
