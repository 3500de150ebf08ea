"""Responsibility semantics: role grammar, unit aliases, notes that carry down, deadlines in text,
row ↔ task reconciliation, and the `units` / `check` commands and csv/xlsx output."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, SAMPLES, run_cli
from jiufeng_extract import extract_path
from jiufeng_extract.model import Circular, RoleScope, UnitRole
from jiufeng_extract.units.deadlines import find_deadlines
from jiufeng_extract.units.index import index_units
from jiufeng_extract.units.names import UnitNames
from jiufeng_extract.units.roles import UnitReader, split_units

SHANGHAI = [SAMPLES / f"shanghai-2023-jiufeng{suffix}" for suffix in (".txt", ".pdf", ".docx")]


@pytest.mark.parametrize(
    ("raw", "lead", "support", "joint"),
    [
        (
            "省卫生健康委（牵头）、省医保局、省药监局",
            ["省卫生健康委"],
            ["省医保局", "省药监局"],
            [],
        ),
        (
            "牵头单位：市医保局；配合单位：市公安局、市财政局",
            ["市医保局"],
            ["市公安局", "市财政局"],
            [],
        ),
        ("市卫生健康委会同市医保局、市药监局", ["市卫生健康委"], ["市医保局", "市药监局"], []),
        ("区卫健委为牵头单位，区财政局为配合单位", ["区卫健委"], ["区财政局"], []),
        (
            "省卫生健康委、省医保局共同牵头，省公安厅等部门配合",
            ["省卫生健康委", "省医保局"],
            ["省公安厅"],
            [],
        ),
        ("市卫生健康委、市医保局按职责分工负责", ["市卫生健康委", "市医保局"], [], []),
        ("各区政府、市级各有关部门按职责共同落实", [], [], ["各区政府", "市级各有关部门"]),
        ("县卫健局牵头，县纠风落实办配合", ["县卫健局"], ["县纠风落实办"], []),
        ("自治区卫生健康委和自治区医保局负责", ["自治区卫生健康委", "自治区医保局"], [], []),
        ("市卫生健康委（牵头", ["市卫生健康委"], [], []),  # an unclosed bracket
        ("市卫生健康委联合市文学艺术界联合会", ["市卫生健康委"], ["市文学艺术界联合会"], []),
        ("市医\ue003保局牵头，市财政局配合", ["市医保局"], ["市财政局"], []),  # a PUA glyph
        ("", [], [], []),
    ],
)
def test_role_grammar(raw: str, lead: list[str], support: list[str], joint: list[str]) -> None:
    units = split_units(raw)
    assert (units.lead, units.support, units.joint) == (lead, support, joint)
    # every printed unit has exactly one task-scope assignment with the same role
    task_roles = [(a.unit, a.role) for a in units.assignments if a.scope is RoleScope.TASK]
    expected = (
        [(u, UnitRole.LEAD) for u in lead]
        + [(u, UnitRole.SUPPORT) for u in support]
        + [(u, UnitRole.JOINT) for u in joint]
    )
    assert sorted(task_roles) == sorted(expected)


def test_special_action_gets_its_own_lead() -> None:
    units = split_units("区医保局牵头，区卫健委、区公安分局配合（专项行动之二由区卫健委负责）")
    assert units.lead == ["区医保局"]
    assert units.special_action_lead == ["区卫健委"]
    action = [a for a in units.assignments if a.scope is RoleScope.SPECIAL_ACTION]
    assert [(a.unit, a.role) for a in action] == [("区卫健委", UnitRole.LEAD)]


def test_includes_note_carries_down_only_with_xiatong() -> None:
    reader = UnitReader()
    first = reader.read("省卫生健康委（含省中医药局，下同）牵头，省财政厅配合")
    later = reader.read("省卫健委牵头，省医保局配合")  # another printed form of the same body
    assert first.assignments[0].includes == ["省中医药局"]
    assert later.assignments[0].includes == ["省中医药局"]
    assert later.assignments[1].includes == []

    once = UnitReader()
    once.read("市卫生健康委（含市疾控局）牵头")
    assert once.read("市卫生健康委牵头").assignments[0].includes == []


def test_first_listed_lead_rule_and_an_unmarked_cell() -> None:
    reader = UnitReader(first_is_lead=True)
    units = reader.read("区卫生健康委、区医保局、区财政局")
    assert (units.lead, units.support) == (["区卫生健康委"], ["区医保局", "区财政局"])
    assert split_units("区卫生健康委、区医保局").lead == ["区卫生健康委", "区医保局"]


@pytest.mark.parametrize(
    ("printed", "canonical", "level"),
    [
        ("市卫健委", "卫生健康委", "市"),
        ("上海市卫生健康委员会", "卫生健康委", "市"),
        ("市市场监管局", "市场监管局", "市"),
        ("市场监督管理局", "市场监管局", None),
        ("市场监管总局", "市场监管总局", None),
        ("杭州市市场监督管理局", "市场监管局", "市"),
        ("浦东新区卫生健康委", "卫生健康委", "区"),
        ("各区卫生健康委", "卫生健康委", "各区"),
        ("省人社厅", "人力资源社会保障厅", "省"),
        ("国家医保局", "医保局", "国家"),
        ("广西壮族自治区医疗保障局", "医保局", "自治区"),
        ("市退役军人局", "退役军人局", "市"),  # not in the table: prefix still split off
        ("机制成员单位", "机制成员单位", None),
    ],
)
def test_unit_aliases(printed: str, canonical: str, level: str | None) -> None:
    name = UnitNames.default().parse(printed)
    assert (name.canonical, name.level, name.printed) == (canonical, level, printed)


def test_user_alias_file_extends_the_table(tmp_path: Path) -> None:
    table = tmp_path / "aliases.toml"
    table.write_text('[aliases]\n"纠风办" = ["纠风工作办公室", "行风办"]\n', encoding="utf-8")
    names = UnitNames.default().extended([table])
    assert names.canonical("市行风办") == "纠风办"
    assert names.canonical("市卫健委") == "卫生健康委"  # the shipped table is still there
    assert UnitNames.default().canonical("市行风办") == "行风办"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[aliases\n", "not valid TOML"),
        ('[aliases]\n"纠风办" = "行风办"\n', "must map a name to a list"),
    ],
)
def test_bad_alias_file_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    from jiufeng_extract.errors import UsageError

    table = tmp_path / "aliases.toml"
    table.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        UnitNames.default().extended([table])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "各地于2024年10月31日前完成自查，12月底前完成整改。",
            [(None, date(2024, 10, 31)), (None, date(2024, 12, 31))],
        ),
        (
            "上半年启动，第三季度督查，年底前总结",
            [
                (None, date(2024, 6, 30)),
                (date(2024, 7, 1), date(2024, 9, 30)),
                (None, date(2024, 12, 31)),
            ],
        ),
        ("2024年5月-8月开展集中整治", [(date(2024, 5, 1), date(2024, 8, 31))]),
        ("2023年起全面实施，长期坚持", []),
    ],
)
def test_deadlines_in_running_text(text: str, expected: list[tuple[date | None, date]]) -> None:
    assert [(d.start, d.date) for d in find_deadlines(text, 2024)] == expected


@pytest.fixture(scope="module", params=SHANGHAI, ids=lambda p: p.suffix[1:])
def shanghai(request: pytest.FixtureRequest) -> Circular:
    return extract_path(request.param)


def _row(circular: Circular, seq: int):  # type: ignore[no-untyped-def]
    return next(r for r in circular.responsibility_table if r.seq == seq)


def test_shanghai_roles_as_a_careful_reader_reads_them(shanghai: Circular) -> None:
    row7 = _row(shanghai, 7)
    assert row7.units.lead == ["市医保局"]
    assert row7.units.support == ["市卫生健康委", "市公安局", "市财政局"]
    assert row7.units.special_action_lead == ["市卫生健康委"]
    assert row7.special_actions, "row 7's task has a special action"
    assert len(_row(shanghai, 11).units.lead) == 6
    for seq in (12, 13):
        row = _row(shanghai, seq)
        assert row.units.joint and not row.units.lead
    # 含市中医药管理局，下同: the 市卫生健康委 of every later row includes it
    for row in shanghai.responsibility_table:
        for a in row.units.assignments:
            if a.canonical == "卫生健康委":
                assert a.includes == ["市中医药管理局"]


def test_shanghai_deadlines_links_and_discrepancies(shanghai: Circular) -> None:
    kinds = {
        (r.deadline.raw, r.deadline.kind.value, r.deadline.date)
        for r in shanghai.responsibility_table
    }
    assert kinds == {("持续推进", "ongoing", None), ("12月底前", "by_date", date(2023, 12, 31))}
    assert all(row.task is not None for row in shanghai.responsibility_table)
    assert [r.task for r in shanghai.responsibility_table] == [
        r.seq for r in shanghai.responsibility_table
    ]
    wording = {w.where: w.message for w in shanghai.warnings if w.code == "row_wording_differs"}
    assert "'，落实规纪法衔' → '，落实执纪法衔'" in wording["responsibility row 3"]
    assert "+'改革完善药品招采机制" in wording["responsibility row 8"]


def test_unit_index_groups_printed_forms(shanghai: Circular) -> None:
    index = {u.canonical: u for u in index_units(shanghai)}
    health = index["卫生健康委"]
    assert health.unit == "市卫生健康委" and health.includes == ["市中医药管理局"]
    action_duties = [d for d in health.duties if d.scope is RoleScope.SPECIAL_ACTION]
    assert [(d.role, d.row) for d in action_duties] == [(UnitRole.LEAD, 7)]
    assert {d.row for d in index["医保局"].duties if d.role is UnitRole.LEAD} >= {7, 8, 11}


def test_a_table_with_separate_lead_and_support_columns() -> None:
    """A county circular: 牵头单位 and 配合单位 columns, tasks at （一）, deadlines in the body."""
    circular = extract_path(DATA / "county-lead-support-columns.txt")
    rows = [
        (r.seq, r.task, r.units.lead, r.units.support, r.deadline.start, r.deadline.date)
        for r in circular.responsibility_table
    ]
    assert rows == [
        (1, 1, ["县卫健局"], ["县纪委监委驻县卫健局纪检组"], None, date(2025, 3, 31)),
        (2, 2, ["县卫健局"], ["各医疗机构"], None, date(2025, 4, 30)),
        (3, 3, ["县医疗保障局"], ["县卫健局", "县公安局"], date(2025, 5, 1), date(2025, 9, 30)),
        (4, 4, ["县卫生健康局", "县市场监督管理局"], [], None, None),
    ]
    assert [(d.start, d.date) for d in circular.tasks[2].deadlines] == [
        (date(2025, 5, 1), date(2025, 9, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)),
    ]
    index = {u.canonical: u for u in index_units(circular)}
    assert index["卫生健康委"].printed == ["县卫健局", "县卫生健康局"]
    assert not [w for w in circular.warnings if w.code.startswith(("row_", "task_"))]


# --- the commands -------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"PATH": "/usr/bin:/bin", "COLUMNS": "160"})


TEXT = "samples/shanghai-2023-jiufeng.txt"


def test_units_command_formats(tmp_path: Path) -> None:
    table = run("units", TEXT)
    assert table.returncode == 0, table.stderr
    assert "市卫生健康委" in table.stdout and "专项行动" in table.stdout
    data = json.loads(run("units", TEXT, "--format", "json").stdout)
    assert data[0]["canonical"] == "卫生健康委"
    rows = list(
        csv.DictReader(
            io.StringIO(run("units", TEXT, "-f", "csv", "--lang", "en").stdout.lstrip("\ufeff"))
        )
    )
    assert {"unit": "市医保局", "role": "lead", "row": "7", "due": "2023-12-31"}.items() <= next(
        r for r in rows if r["unit"] == "市医保局" and r["row"] == "7"
    ).items()
    markdown = run("units", TEXT, "-f", "md", "--lang", "en").stdout
    assert markdown.startswith("| unit | canonical |")
    written = tmp_path / "units.txt"
    assert run("units", TEXT, "-o", str(written)).returncode == 0
    assert "市卫生健康委" in written.read_text(encoding="utf-8")


def test_units_reads_extracted_json_and_applies_aliases_anew(tmp_path: Path) -> None:
    extracted = tmp_path / "s.json"
    assert run("extract", TEXT, "-q", "-o", str(extracted)).returncode == 0
    table = tmp_path / "a.toml"
    table.write_text('[aliases]\n"医疗保障部门" = ["医保局"]\n', encoding="utf-8")
    data = json.loads(run("units", str(extracted), "-f", "json", "--aliases", str(table)).stdout)
    canonical = {u["unit"]: u["canonical"] for u in data}
    assert canonical["市医保局"] == "医疗保障部门"
    assert canonical["市卫生健康委"] == "卫生健康委"


def test_units_on_bad_json_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"schema_name": "something-else"}', encoding="utf-8")
    result = run("units", str(bad))
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0 and "jiufeng extract" in result.stderr


def test_check_reports_discrepancies_and_exits_1() -> None:
    result = run("check", TEXT)
    assert result.returncode == 1
    assert "row 3 ↔ task 3" in result.stdout and "[-规-]{+执+}" in result.stdout
    assert "{+改革完善药品招采机制" in result.stdout
    report = json.loads(run("check", TEXT, "-f", "json").stdout)
    assert {d["seq"] for d in report["differences"]} >= {3, 8}
    assert report["linked"] == report["rows"] == 16


def test_check_passes_without_a_table_unless_strict() -> None:
    national = "samples/national-2024-jiufeng.txt"
    assert run("check", national).returncode == 0
    assert run("check", national, "--strict").returncode == 1  # it has page-break warnings


def test_extract_csv_and_xlsx(tmp_path: Path) -> None:
    result = run("extract", TEXT, "-q", "-f", "csv", "--lang", "en")
    assert result.stdout.startswith("\ufeffseq,category,task_number")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 16
    assert rows[6]["lead"] == "市医保局" and rows[6]["special_action_lead"] == "市卫生健康委"
    sheet_path = tmp_path / "t.xlsx"
    assert run("extract", TEXT, "-q", "-o", str(sheet_path), "--lang", "en").returncode == 0
    sheet = openpyxl.load_workbook(sheet_path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    row7 = {h: c.value for h, c in zip(header, sheet[8], strict=True)}
    assert row7["seq"] == 7 and row7["support"] == "市卫生健康委、市公安局、市财政局"
    due = row7["due"]
    assert isinstance(due, datetime) and due.date() == date(2023, 12, 31)


def test_xlsx_to_stdout_is_refused() -> None:
    result = run("extract", TEXT, "-f", "xlsx")
    assert result.returncode == 2 and "give -o" in result.stderr
