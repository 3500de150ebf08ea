"""Unit case files (tests/unit_cases/*.txt): a circular with a responsibility table, a line
'# output', then what `jiufeng units` and `jiufeng check` make of it, in process.

The rendering is the case-file one (tests/test_cases.py) followed by the per-unit index (every
printed form, level, included units, each duty with its role, scope, row, task and deadline)
and the reconciliation report (rows, linked rows, wording differences with their edits, the
warnings with their messages, and whether the check fails, plain and with --strict).
Set JIUFENG_UPDATE_CASES=1 to rewrite the expected part (that run fails on purpose).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jiufeng_extract import extract_text
from jiufeng_extract.errors import UsageError
from jiufeng_extract.link.check import CheckReport, check
from jiufeng_extract.model import Circular, Deadline, UnitRole
from jiufeng_extract.options import ExtractOptions
from jiufeng_extract.units.index import UnitDuties, index_units
from jiufeng_extract.units.names import UnitNames
from jiufeng_extract.units.roles import split_units
from test_cases import MARK, hold_case, render

CASES = sorted((Path(__file__).parent / "unit_cases").glob("*.txt"))
# a case file may carry its own alias table: a block '# aliases' … before '# output'
ALIASES = "# aliases\n"


def _when(d: Deadline) -> str:
    return f"{d.kind.value}:{d.start or ''}..{d.date or ''} ({d.raw})"


def render_assignments(circular: Circular) -> list[str]:
    out = ["assignments:"]
    for row in circular.responsibility_table:
        out.append(f"  row {row.seq} text={row.task_text.replace(chr(10), '⏎')}")
        out.append(f"  row {row.seq} raw={row.units.raw.replace(chr(10), '⏎')}")
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
    hold_case(case, source, expected, actual)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the alias file: No such file or directory"),
        (
            b"[aliases\n",
            "the alias file is not valid TOML: Expected ']' at the end of a table declaration"
            " (at line 1, column 9)",
        ),
        (
            b'[aliases]\n"\xe9" = []\n',
            "the alias file is not valid TOML: 'utf-8' codec can't decode byte 0xe9 in position"
            " 11: invalid continuation byte",
        ),
        (
            'aliases = "纠风办"\n'.encode(),
            '[aliases] must map a name to a list of names, e.g. "卫生健康委" = ["卫健委"]',
        ),
        (
            '[places]\n"市" = ["深圳市", 3]\n'.encode(),
            '[places] must map a name to a list of names, e.g. "卫生健康委" = ["卫健委"]',
        ),
    ],
    ids=["missing", "not-toml", "not-utf8", "not-a-table", "not-names"],
)
def test_a_bad_alias_file_is_one_line_naming_it(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    """What `jiufeng units --aliases FILE` prints (and exits 2 with) for a file it cannot use."""
    path = tmp_path / "aliases.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UsageError) as raised:
        ExtractOptions.build(aliases=(path,)).unit_names()
    assert str(raised.value) == f"{path}: {message}"


def test_a_cell_read_with_the_users_alias_table(tmp_path: Path) -> None:
    """split_units, the library's reading of one 责任单位 cell, with the names a user added: a
    body of two characters (团委: no prefix is split off a name the table does not know that
    short) and a district whose name starts with a level (市中区, not 市 + 中区…)."""
    path = tmp_path / "aliases.toml"
    path.write_text('[aliases]\n"团委" = ["共青团委员会"]\n[places]\n"区" = ["市中区"]\n', "utf-8")
    names = UnitNames.default().extended([path])
    units = split_units("市中区总工会牵头，市中区团委、区共青团委员会、区 卫健委配合", names=names)
    assert [(a.unit, a.canonical, a.level, a.role.value) for a in units.assignments] == [
        ("市中区总工会", "总工会", "区", "lead"),
        ("市中区团委", "团委", "区", "support"),
        ("区共青团委员会", "团委", "区", "support"),
        ("区 卫健委", "卫生健康委", "区", "support"),  # as printed, the space kept
    ]
