"""One database across many circulars: built from every sample, the README's SQL questions
answered, a rerun rewriting only what changed, folders merged like one run (issue 20)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import openpyxl
import pytest
import regex

from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUESTIONS = regex.findall(r"```sql\n(.*?)```", README, flags=regex.S)
SAMPLES = sorted(p.name for p in (ROOT / "samples").iterdir() if p.is_file() and p.suffix != ".py")
NATIONAL = sum(name.startswith("national-2024") for name in SAMPLES)  # 15 tasks, no table
SHANGHAI = sum(name.startswith("shanghai-2023") for name in SAMPLES)  # 16 tasks, 3 actions


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"PATH": "/usr/bin:/bin"}, cwd=cwd)


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch")
    result = run("batch", "samples", "-o", str(out / "out"), "-j", "1", "--db", str(out / "c.db"))
    assert result.returncode == 0, result.stderr
    assert f"{len(SAMPLES)} added, 0 replaced, 0 unchanged" in result.stderr
    return out / "c.db"


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return list(connection.execute(sql, params))


def test_the_readme_questions_have_their_answers(samples_db: Path) -> None:
    assert len(QUESTIONS) == 5
    leads, due, citing, phrase, busiest = (rows(samples_db, q) for q in QUESTIONS)
    assert [r[2] for r in leads] == ["4", "5", "6", "7", "8", "11"]
    assert {r[:2] for r in leads} == {(2023, "沪卫医〔2023〕47号")}
    assert len(due) == 17 and {r[3] for r in due} == {"2023-12-31"}
    assert ("沪卫医〔2023〕47号", "市医保局", "加强医保基金规范管理及使用", "2023-12-31") in due
    assert citing == [
        (
            "沪卫医〔2023〕47号",
            "关于印发上海市2023年纠正医药购销领域和医疗服务中不正之风工作要点的通知",
        )
    ]
    assert [r[1] for r in phrase] == ["11", "16"]
    assert [r[0] for r in busiest] == ["卫生健康委", "医保局", "公安局"]


def test_the_tables_hold_every_part(samples_db: Path) -> None:
    counts = {
        table: rows(samples_db, f"SELECT COUNT(*) FROM {table}")[0][0]
        for table in ("circulars", "tasks", "special_actions", "milestones", "sections")
    }
    assert NATIONAL + SHANGHAI == len(SAMPLES) == counts["circulars"]
    assert counts["tasks"] == NATIONAL * 15 + SHANGHAI * 16
    assert counts["special_actions"] == SHANGHAI * 3 and counts["milestones"] == SHANGHAI * 3
    text = "SELECT id FROM circulars WHERE path = 'samples/shanghai-2023-jiufeng.txt'"
    (cid,) = rows(samples_db, text)[0]
    assert rows(samples_db, "SELECT COUNT(*) FROM responsibility_rows WHERE circular_id = ?", cid)
    assert rows(samples_db, "PRAGMA foreign_key_check") == []
    nested = "SELECT COUNT(*) FROM sections WHERE circular_id = ? AND parent_id IS NOT NULL"
    (count,) = rows(samples_db, nested, cid)[0]
    assert isinstance(count, int) and count > 0


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("shanghai-2023-jiufeng.txt", "national-2024-jiufeng.txt"):
        shutil.copy(ROOT / "samples" / name, inbox / name)
    return inbox


def _content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table without its id columns, sorted: what two databases must agree on."""
    tables = [str(r[0]) for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    content: dict[str, list[tuple[object, ...]]] = {}
    for table in tables:
        if table.startswith("tasks_fts"):
            continue
        columns = [str(r[1]) for r in rows(db, f"PRAGMA table_info({table})")]
        keep = [c for c in columns if c not in ("id", "circular_id", "parent_id")]
        content[table] = sorted(
            rows(db, f"SELECT {', '.join(keep)} FROM {table}"), key=lambda r: repr(r)
        )
    return content


def test_a_rerun_rewrites_only_the_circular_that_changed(tmp_path: Path) -> None:
    inbox, db = _inbox(tmp_path), tmp_path / "c.db"
    first = run("batch", "inbox", "-o", "out", "-j", "1", "--db", str(db), cwd=tmp_path)
    assert "2 added, 0 replaced, 0 unchanged" in first.stderr
    tasks = "SELECT t.id FROM tasks t JOIN circulars c ON c.id = t.circular_id WHERE c.path = ?"
    kept_before = rows(db, tasks, "inbox/shanghai-2023-jiufeng.txt")
    touched_before = rows(db, tasks, "inbox/national-2024-jiufeng.txt")
    again = run("batch", "inbox", "-o", "out", "-j", "1", "--db", str(db), cwd=tmp_path)
    assert "0 added, 0 replaced, 2 unchanged" in again.stderr
    national = inbox / "national-2024-jiufeng.txt"
    national.write_text(national.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = run("batch", "inbox", "-o", "out", "-j", "1", "--db", str(db), cwd=tmp_path)
    assert "0 added, 1 replaced, 1 unchanged" in third.stderr
    assert rows(db, tasks, "inbox/shanghai-2023-jiufeng.txt") == kept_before
    touched_after = rows(db, tasks, "inbox/national-2024-jiufeng.txt")
    assert len(touched_after) == len(touched_before) == 15
    assert set(touched_after).isdisjoint(touched_before)
    assert rows(db, "SELECT COUNT(*) FROM circulars")[0][0] == 2
    assert rows(db, "SELECT COUNT(*) FROM tasks_fts")[0][0] == 31


def test_shards_merged_give_the_database_of_one_run(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "inbox", ignore=shutil.ignore_patterns("*.py"))
    one, merged = tmp_path / "one.db", tmp_path / "merged.db"
    assert run("batch", "inbox", "-o", "all", "-j", "1", "--db", str(one), cwd=tmp_path)
    shards: list[set[str]] = []
    for k in (1, 2, 3):
        result = run("batch", "inbox", "-o", f"shard-{k}", "--shard", f"{k}/3", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        names = {p.name for p in (tmp_path / f"shard-{k}").glob("*.json")} - {"index.json"}
        shards.append(names)
    everyone = len(SAMPLES)
    assert sum(map(len, shards)) == everyone == len(set.union(*shards))  # each input once
    assert all(shards)  # and this split of the samples leaves no shard empty
    result = run("export", "shard-1", "shard-2", "shard-3", "--db", str(merged), cwd=tmp_path)
    assert result.returncode == 0 and f"{everyone} added" in result.stderr
    assert _content(merged) == _content(one)
    bad = run("batch", "inbox", "-o", "x", "--shard", "4/3", cwd=tmp_path)
    assert bad.returncode == 2 and "--shard" in bad.stderr


def test_export_refuses_what_is_not_a_batch_or_a_database(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("export", str(tmp_path / "empty"), "--db", str(tmp_path / "c.db"))
    assert result.returncode == 3 and "not a jiufeng batch folder" in result.stderr
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite", encoding="utf-8")
    extracted = tmp_path / "x.json"
    run("extract", "samples/national-2024-jiufeng.txt", "-q", "-o", str(extracted))
    result = run("export", str(extracted), "--db", str(bad))
    assert result.returncode == 3 and "not a circulars database" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_batch_lists_files_by_name_and_writes_one_table_across_the_batch(tmp_path: Path) -> None:
    _inbox(tmp_path)
    result = run("batch", "inbox", "-o", "out", "-j", "1", "-f", "xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warnings inbox/national-2024-jiufeng.txt: 4 warning(s)" in result.stderr
    assert "warnings inbox/shanghai-2023-jiufeng.txt: 8 warning(s)" in result.stderr
    book = openpyxl.load_workbook(tmp_path / "out" / "combined.xlsx")
    assert book.sheetnames == ["责任分工", "重点任务", "专项行动", "时间节点", "文件信息"]
    tasks = book["重点任务"]
    assert tasks.max_row == 1 + 15 + 16
    numbers = {row[-2].value for row in tasks.iter_rows(min_row=2)}
    assert numbers == {"国卫医急函〔2024〕101号", "沪卫医〔2023〕47号"}
    assert book["文件信息"].max_row == 3
    run("batch", "inbox", "-o", "out", "-j", "1", "-f", "csv", cwd=tmp_path)
    lines = (tmp_path / "out" / "combined.csv").read_text(encoding="utf-8").splitlines()
    assert (
        lines[0].startswith("\ufeff序号,类别")
        and sum("沪卫医〔2023〕47号" in x for x in lines) == 16
    )
