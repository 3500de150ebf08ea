"""Hostile text in a document or a file name: formulas in spreadsheet cells, escape sequences
at a terminal, newlines that forge a CI annotation or break the JUnit XML (issue 17).

The hostile circular is built on the fly from a committed case file: its title and a task carry
terminal escape sequences, its table cells start with ``=``, ``+``, ``-`` and ``@``.
"""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from conftest import ROOT, run_cli

CASE = ROOT / "tests" / "data" / "county-lead-support-columns.txt"
ESCAPES = (b"\x1b]0;", b"\x07", b"\x1b[2J", b"\x1b[5m")  # retitle, bell, clear screen, blink
FORMULAS = ('=HYPERLINK("http://example.invalid","健全工作机制")', "@SUM(县卫健局)", "-2+3")


run = run_cli


def at_terminal(*args: str) -> bytes:
    """What a command prints at a terminal (a pseudo-terminal here), stdout and stderr."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "jiufeng_extract", *args],
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "TERM": "xterm-256color", "COLUMNS": "120"},
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 1 << 16)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    process.wait(timeout=300)
    return b"".join(chunks)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = CASE.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("关于印发"):
            line = line.replace("关于印发", "关于印发\x1b]0;PWNED\x07\x1b[2J", 1)
        elif line.startswith("（一）"):
            line = line.replace("健全", "健全\x1b[5m", 1)
        elif line.startswith("1\t"):  # 序号 工作任务 牵头单位 配合单位 完成时间
            line = "\t".join(("1", FORMULAS[0], FORMULAS[1], "+县纪委监委驻县卫健局纪检组", "-2+3"))
        out.append(line)
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_csv_cells_that_would_be_formulas_get_a_quote(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "table.csv"
    result = run("extract", str(hostile), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    for formula in FORMULAS:
        assert formula not in cells
    assert "'" + FORMULAS[0] in cells and "'-2+3" in cells
    assert any(c.startswith("'@SUM") for c in cells) and any(c.startswith("'+") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert rows[1][0] == "1"  # numbers stay numbers


def test_xlsx_cells_are_text_never_formulas(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "book.xlsx"
    result = run("extract", str(hostile), "-o", str(out))
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert FORMULAS[0] in {c.value for c in cells}  # kept as written, as text
    with zipfile.ZipFile(out) as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml"))
    assert b"<f>" not in xml and b"\x1b" not in xml


def test_batch_combined_csv_and_xlsx_are_safe_too(hostile: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx"):
        out = tmp_path / fmt
        result = run("batch", str(hostile), "-o", str(out), "-j", "1", "-f", fmt)
        assert result.returncode == 0, result.stderr
    text = (tmp_path / "csv" / "combined.csv").read_text(encoding="utf-8-sig")
    assert "'" + FORMULAS[0].replace('"', '""') in text
    book = load_workbook(tmp_path / "xlsx" / "combined.xlsx")
    assert not [c for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.parametrize(
    "command",
    [
        ["units", "{hostile}"],
        ["check", "{hostile}"],
        ["text", "{hostile}"],
        ["diff", "{hostile}", str(CASE)],
        ["extract", "{hostile}", "-f", "csv"],
    ],
    ids=["units", "check", "text", "diff", "extract-csv"],
)
def test_no_escape_sequence_from_a_document_reaches_the_terminal(
    hostile: Path, command: list[str]
) -> None:
    started = time.monotonic()
    shown = at_terminal(*(part.format(hostile=hostile) for part in command))
    assert time.monotonic() - started < 120
    assert b"PWNED" in shown or "健全".encode() in shown, shown[:500]
    for escape in ESCAPES:
        assert escape not in shown, (escape, shown[:2000])
    assert b"Traceback" not in shown


def test_data_written_to_a_file_keeps_the_document_as_written(
    hostile: Path, tmp_path: Path
) -> None:
    """-o is data and is not cleaned: only what a terminal shows is."""
    out = tmp_path / "text.txt"
    assert run("text", str(hostile), "-o", str(out)).returncode == 0
    assert "健全\x1b[5m工作机制" in out.read_text(encoding="utf-8")


NAMES = ["bad\n::error file=forged.txt::forged.txt", "ring\x07\x1b]0;PWNED\x07.txt"]


def test_file_names_cannot_forge_annotations_or_break_junit(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in NAMES:
        (inbox / name).write_text("会议纪要\n今天讨论了午餐。\n", encoding="utf-8")
    junit, out = tmp_path / "report.xml", tmp_path / "out"
    result = run(
        "batch", str(inbox), "-o", str(out), "-j", "1", "--junit", str(junit),
        env={"GITHUB_ACTIONS": "true"},
    )  # fmt: skip
    assert result.returncode == 9, result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream
    assert not [line for line in result.stderr.splitlines() if line.startswith("::")]
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 2 and all(a.startswith("::error file=") for a in annotations)
    assert any("%0A%3A%3Aerror" in a for a in annotations)  # the name's newline, escaped
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert len(failed) == 2 and any("bad\\n::error" in line for line in failed)
    suite = ElementTree.parse(junit).getroot()  # well-formed XML
    names = {case.get("name") for case in suite.iter("testcase")}
    assert any(n and n.endswith("bad\\n::error file=forged.txt::forged.txt") for n in names)
    assert any(n and "ring\\x07\\x1b]0;PWNED" in n for n in names)


def test_an_error_naming_a_hostile_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines\x1b[2J.txt"
    path.write_text("会议纪要\n今天讨论了午餐。\n", encoding="utf-8")
    result = run("extract", str(path))
    assert result.returncode == 5
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "two\\nlines\\x1b[2J.txt" in result.stderr
