"""What every command does with -o, -, -h, --encoding and --lang, and the workbook people open:
one test per surprise a new user met (issue 20)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from conftest import ROOT, run_cli

TABLE = "samples/shanghai-2023-jiufeng.txt"  # has a responsibility table
NO_TABLE = "samples/national-2024-jiufeng.txt"  # has none
OLD, NEW = "tests/data/diff/county-2024.txt", "tests/data/diff/county-2025.txt"


def run(
    *args: str, stdin: str | None = None, umask: int = 0o022, columns: str = ""
) -> subprocess.CompletedProcess[str]:
    return run_cli(
        *args,
        env={"PATH": "/usr/bin:/bin"} | ({"COLUMNS": columns} if columns else {}),
        stdin=stdin,
        preexec_fn=lambda: os.umask(umask),
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- one -o behaviour ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [("d.html", "<!DOCTYPE html>"), ("d.md", "# "), ("d.json", "{"), ("d.txt", "旧：")],
)
def test_diff_format_from_the_suffix(tmp_path: Path, name: str, starts: str) -> None:
    target = tmp_path / name
    assert run("diff", OLD, NEW, "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith(starts.lower())


@pytest.mark.parametrize(
    ("command", "name", "fmt"),
    [
        (["diff", OLD, NEW], "d.html", "json"),
        (["units", TABLE], "u.csv", "md"),
        (["check", TABLE], "c.json", "text"),
        (["extract", TABLE], "x.json", "yaml"),
    ],
)
def test_a_format_the_suffix_contradicts_is_refused(
    tmp_path: Path, command: list[str], name: str, fmt: str
) -> None:
    result = run(*command, "-f", fmt, "-o", str(tmp_path / name))
    assert result.returncode == 2 and "does not match the -o suffix" in one_line(result)
    assert not (tmp_path / name).exists()


def test_units_and_check_format_from_the_suffix(tmp_path: Path) -> None:
    duties, report = tmp_path / "u.csv", tmp_path / "c.json"
    assert run("units", TABLE, "-o", str(duties)).returncode == 0
    assert duties.read_text(encoding="utf-8").startswith("\ufeff单位,规范名称,职责")
    assert run("check", TABLE, "-o", str(report)).returncode == 1  # discrepancies, as before
    assert json.loads(report.read_text(encoding="utf-8"))["rows"] == 16


@pytest.mark.parametrize(
    "command", [["units", TABLE], ["diff", OLD, NEW], ["check", TABLE], ["extract", TABLE]]
)
def test_a_folder_as_output_is_a_clear_error(tmp_path: Path, command: list[str]) -> None:
    result = run(*command, "-o", str(tmp_path))
    assert result.returncode == 2 and "is a folder" in one_line(result)


def test_schema_to_a_file_or_into_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "my.schema.json"
    assert run("schema", "-o", str(target)).returncode == 0
    assert target.is_file() and json.loads(target.read_text(encoding="utf-8"))["$id"]
    assert run("schema", "-o", str(tmp_path / "out")).returncode == 0
    assert (tmp_path / "out" / "jiufeng-circular.schema.json").is_file()
    (tmp_path / "notes").write_text("", encoding="utf-8")
    result = run("schema", "-o", str(tmp_path / "notes"))
    assert result.returncode == 2 and "not a folder" in one_line(result)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_get_the_users_umask(tmp_path: Path, umask: int, mode: int) -> None:
    for args, name in ((["extract", TABLE, "-q"], "x.json"), (["units", TABLE], "u.md")):
        target = tmp_path / name
        assert run(*args, "-o", str(target), umask=umask).returncode == 0
        assert stat.S_IMODE(target.stat().st_mode) == mode
        target.unlink()


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run("extract", TABLE, "-q", "-o", str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_dash_reads_standard_input() -> None:
    text = (ROOT / TABLE).read_text(encoding="utf-8")
    result = run("extract", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["metadata"]["doc_number"] == "沪卫医〔2023〕47号"
    assert data["source"]["path"] == "<stdin>"
    piped = run("units", "-", "-f", "json", stdin=result.stdout)  # extract | units -
    assert piped.returncode == 0 and json.loads(piped.stdout)[0]["canonical"] == "卫生健康委"
    empty = run("extract", "-", stdin="")
    assert empty.returncode == 3 and "<stdin>: file is empty" in one_line(empty)


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["extract"],
        ["units"],
        ["check"],
        ["diff"],
        ["batch"],
        ["export"],
        ["validate"],
        ["schema"],
    ],
)
def test_dash_h_is_help_with_an_example(command: list[str]) -> None:
    result = run(*command, "-h")
    assert result.returncode == 0 and "Usage" in result.stdout
    if command:
        assert "$ jiufeng " in result.stdout
        assert "<bool>" not in result.stdout.replace("--help", "").split("-h  ")[0]


def test_help_examples_run(tmp_path: Path) -> None:
    """The examples in --help name files of this checkout and work as printed."""
    for command in ("extract", "units", "check", "diff", "schema"):  # batch: test_store
        ran = 0
        for line in run(command, "-h", columns="200").stdout.splitlines():
            line = line.strip().strip("│").strip()
            if line.startswith("$ jiufeng") and "|" not in line and "&&" not in line:
                args = line.removeprefix("$ jiufeng ").split()
                args = [args[0], *(_in(tmp_path, a) for a in args[1:])]
                if args[0] in ("units", "check", "diff", "export") and "samples" not in line:
                    continue  # reads an output an earlier example wrote
                result = run(*args)
                assert result.returncode in (0, 1), (line, result.stderr)
                ran += 1
        assert ran >= 1, command


def _in(folder: Path, arg: str) -> str:
    """An example's output path, moved into ``folder``; inputs and options stay."""
    if arg.startswith(("samples", "tests/", "-")) or arg.replace(".", "").isdecimal():
        return arg
    return str(folder / arg)


def test_an_unknown_encoding_is_refused() -> None:
    result = run("extract", TABLE, "--encoding", "nosuch")
    assert result.returncode == 2 and "unknown encoding 'nosuch'" in one_line(result)
    assert run("extract", TABLE, "-q", "--encoding", "gb18030").returncode == 0


def test_reports_in_a_pipe_are_never_cut(tmp_path: Path) -> None:
    table = run("units", TABLE)  # stdout is a pipe, not a terminal
    assert table.returncode == 0
    assert "（含市中医药管理局）" in table.stdout and "…" not in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) > 80
    check = run("check", TABLE)
    written = tmp_path / "check.txt"
    run("check", TABLE, "-o", str(written))
    assert check.stdout == written.read_text(encoding="utf-8")
    text = run("diff", OLD, NEW).stdout
    assert "…" not in text and "某卫发〔2025〕5号" in text


# --- Chinese for people ----------------------------------------------------------------------


def test_chinese_headers_and_labels_by_default_english_on_request() -> None:
    rows = list(csv.reader(io.StringIO(run("extract", TABLE, "-q", "-f", "csv").stdout)))
    header = rows[0]
    assert header[:6] == ["\ufeff序号", "类别", "任务编号", "重点任务", "任务内容", "牵头单位"]
    assert {"配合单位", "完成时限", "时限类型", "截止日期", "发文字号", "文件标题"} <= set(header)
    by_seq = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_seq["1"]["完成时限"] == "持续推进" and by_seq["1"]["时限类型"] == "长期"
    assert by_seq["5"]["完成时限"] == "12月底前" and by_seq["5"]["截止日期"] == "2023-12-31"
    assert {r["时限类型"] for r in by_seq.values()} >= {"长期", "限期"}
    assert all(r["发文字号"] == "沪卫医〔2023〕47号" for r in by_seq.values())
    units = run("units", TABLE).stdout
    assert "牵头单位" not in units and "职责" in units and "完成时限" in units
    assert "持续推进" in units and "12月底前（2023-12-31）" in units
    english = run("units", TABLE, "--lang", "en").stdout
    assert "deadline" in english and "by 2023-12-31" in english
    markdown = run("units", TABLE, "-f", "md").stdout
    assert markdown.startswith("| 单位 | 规范名称 | 职责 |") and "| 牵头 |" in markdown


def test_json_keeps_its_english_keys_whatever_the_lang() -> None:
    zh = run("extract", TABLE, "-q").stdout
    assert zh == run("extract", TABLE, "-q", "--lang", "en").stdout
    golden = ROOT / "tests/golden/shanghai-2023-jiufeng.txt.json"
    assert json.loads(zh)["tasks"] == json.loads(golden.read_text(encoding="utf-8"))["tasks"]


# --- the workbook ----------------------------------------------------------------------------


def test_the_workbook_is_one_a_compliance_office_can_use(tmp_path: Path) -> None:
    target = tmp_path / "s.xlsx"
    assert run("extract", TABLE, "-q", "-o", str(target)).returncode == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["责任分工", "重点任务", "专项行动", "时间节点", "文件信息", "提示"]
    sheet = book["责任分工"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["序号", "类别", "任务编号", "重点任务", "任务内容", "牵头单位"]
    assert sheet.max_row == 17 and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}17"
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    text_column = header.index("任务内容") + 1
    for row in range(2, 18):
        cell = sheet.cell(row, text_column)
        assert cell.alignment.wrap_text
        width = sheet.column_dimensions[get_column_letter(text_column)].width
        needed = 2 * len(str(cell.value)) / width  # lines a CJK text takes at this width
        assert sheet.row_dimensions[row].height >= 15 * needed * 0.9
    assert all(sheet.cell(r, header.index("发文字号") + 1).value for r in range(2, 18))
    tasks = book["重点任务"]
    assert [c.value for c in tasks[1]][:4] == ["序号", "编号", "标题", "内容"]
    meta = {r[0].value: r[1].value for r in book["文件信息"].iter_rows(min_row=2)}
    assert meta["发文字号"] == "沪卫医〔2023〕47号"


def test_a_circular_without_a_table_still_gives_its_tasks(tmp_path: Path) -> None:
    target = tmp_path / "n.xlsx"
    assert run("extract", NO_TABLE, "-q", "-o", str(target)).returncode == 0
    book = openpyxl.load_workbook(target)
    assert "责任分工" not in book.sheetnames and book.active is not None
    assert book.active.title == "重点任务" and book.active.max_row == 16
    result = run("extract", NO_TABLE, "-f", "csv")
    assert result.returncode == 2 and result.stdout == ""
    assert "no responsibility table" in one_line(result) and "-f xlsx" in result.stderr


def test_the_workbook_in_english(tmp_path: Path) -> None:
    target = tmp_path / "s.xlsx"
    assert run("extract", TABLE, "-q", "-o", str(target), "--lang", "en").returncode == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:2] == ["responsibility", "tasks"]
    assert [c.value for c in book.active[1]][:3] == ["seq", "category", "task_number"]  # type: ignore[index]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_workbook_prints_landscape_with_its_header_and_whole_text(tmp_path: Path) -> None:
    import pdfplumber

    target = tmp_path / "s.xlsx"
    assert run("extract", TABLE, "-q", "-o", str(target)).returncode == 0
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        capture_output=True,
        check=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    with pdfplumber.open(tmp_path / "s.pdf") as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        assert first.width > first.height  # landscape
        text = first.extract_text().replace("\n", "")
        assert "沪卫医〔2023〕47号" in text  # the page header names the circular
        assert all(label in text for label in ("序号", "重点任务", "牵头单位", "完成时限"))
        assert "2023-12-31" in text  # the last printed column fits the page width
        assert "序号" in second.extract_text()  # the header repeats on the next page
