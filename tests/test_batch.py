"""jiufeng batch and validate: many inputs, parallel workers, incremental reruns, CI reports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from junitparser import Failure, JUnitXml

from conftest import ROOT, SAMPLES, run_cli
from jiufeng_extract.batch.plan import Source, output_names

BAD = {"truncated.pdf", "empty.txt", "not-a-circular.txt"}


run = run_cli


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Every sample, plus a truncated PDF, an empty file and a text that is no circular."""
    folder = tmp_path / "inbox"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "renderings"))
    pdf = (SAMPLES / "shanghai-2023-jiufeng.pdf").read_bytes()
    (folder / "bad").mkdir()
    (folder / "bad" / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "bad" / "empty.txt").write_bytes(b"")
    (folder / "bad" / "not-a-circular.txt").write_text(
        "会议纪要\n今天讨论了午餐。\n", encoding="utf-8"
    )
    return folder


def index_of(outdir: Path) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((outdir / "index.json").read_text(encoding="utf-8"))
    return index


def test_batch_extracts_the_good_lists_the_bad_and_writes_junit(
    inbox: Path, tmp_path: Path
) -> None:
    out, junit = tmp_path / "out", tmp_path / "report.xml"
    result = run("batch", str(inbox), "-o", str(out), "-j", "2", "--junit", str(junit))
    assert result.returncode == 9, result.stderr
    index = index_of(out)
    by_name = {Path(f["input"]).name: f for f in index["files"]}
    samples = {p.name for p in SAMPLES.iterdir() if p.is_file() and p.suffix != ".py"}
    assert set(by_name) == samples | BAD
    for name in samples:
        entry = by_name[name]
        assert entry["status"] in ("ok", "warnings") and entry["counts"]["tasks"] > 0
        assert (out / entry["output"]).exists()
    assert "damaged PDF" in by_name["truncated.pdf"]["error"]
    assert by_name["empty.txt"]["error"] == "file is empty"
    assert "no circular found" in by_name["not-a-circular.txt"]["error"]
    assert index["totals"]["failed"] == 3
    assert "failed" in result.stderr and "truncated.pdf" in result.stderr

    suite = next(iter(JUnitXml.fromfile(str(junit))))
    assert suite.tests == len(samples) + 3
    failed = {case.name: case.result[0] for case in suite if case.result}
    assert {Path(name).name for name in failed} == BAD
    assert all(isinstance(r, Failure) and r.message for r in failed.values())


def test_rerun_skips_unchanged_and_redoes_what_changed(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    for name in (
        "national-2024-jiufeng.txt",
        "shanghai-2023-jiufeng.txt",
        "national-2024-jiufeng.docx",
    ):
        shutil.copy(SAMPLES / name, inbox / name)
    assert run("batch", str(inbox), "-o", str(out)).returncode == 0
    second = index_of(out) if run("batch", str(inbox), "-o", str(out)).returncode == 0 else {}
    assert second["totals"]["skipped"] == 3
    with (inbox / "shanghai-2023-jiufeng.txt").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert run("batch", str(inbox), "-o", str(out)).returncode == 0
    skipped = {Path(f["input"]).name: f["skipped"] for f in index_of(out)["files"]}
    assert skipped == {
        "national-2024-jiufeng.txt": True,
        "national-2024-jiufeng.docx": True,
        "shanghai-2023-jiufeng.txt": False,
    }
    assert run("batch", str(inbox), "-o", str(out), "--force").returncode == 0
    assert index_of(out)["totals"]["skipped"] == 0


def test_fail_fast_stops_at_the_first_failure(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("batch", str(inbox / "bad"), str(inbox), "-o", str(out), "-j", "1", "--fail-fast")
    assert result.returncode == 9
    statuses = [f["status"] for f in index_of(out)["files"]]
    assert "not_run" in statuses and statuses.count("failed") == 1


def test_a_file_over_the_timeout_fails_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    pdf, text = SAMPLES / "shanghai-2023-jiufeng.pdf", SAMPLES / "national-2024-jiufeng.txt"
    result = run("batch", str(pdf), str(text), "-o", str(out), "-j", "1", "--timeout", "0.05")
    assert result.returncode == 9
    by_name = {Path(f["input"]).name: f for f in index_of(out)["files"]}
    assert by_name[pdf.name]["error"] == "timed out after 0.05 s"
    # the text is read by a fresh worker: it gives its own status (its 4 rejoined-across-break
    # warnings), unless on a loaded machine it too ran over the 0.05 s (never another failure)
    second = by_name[text.name]
    if second["status"] == "failed":
        assert second["error"] == "timed out after 0.05 s"
    else:
        assert second["status"] == "warnings" and second["counts"]["tasks"] > 0


def test_strict_and_github_annotations(tmp_path: Path) -> None:
    out = tmp_path / "out"
    text = str(SAMPLES / "shanghai-2023-jiufeng.txt")  # it has warnings
    assert run("batch", text, "-o", str(out)).returncode == 0
    result = run("batch", text, "-o", str(out), "--strict", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=") and "extraction warning(s)" in result.stdout


def test_output_names_are_safe_and_distinct(tmp_path: Path) -> None:
    root = tmp_path / "in"
    sources = [
        Source(root / "gd" / "2024" / "通知 (定稿).pdf", root),
        Source(root / "gd__2024__通知_定稿_.pdf", root),
        Source(root / ".." / ".." / "etc" / "passwd.txt", root),
        Source(root / "A.txt", root),
        Source(root / "a.txt", root),
    ]
    names = output_names(sources, ".json")
    assert names[0] == "gd__2024__通知_定稿_.pdf.json"
    assert names[1] == "gd__2024__通知_定稿_.pdf-2.json"  # the same name: numbered
    assert "/" not in names[2] and not names[2].startswith(".")
    assert len({n.lower() for n in names}) == len(names)


def test_no_input_files_is_a_usage_error(tmp_path: Path) -> None:
    result = run("batch", str(tmp_path / "*.pdf"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "no input files" in result.stderr


def test_validate(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert (
        run("extract", str(SAMPLES / "national-2024-jiufeng.txt"), "-q", "-o", str(out)).returncode
        == 0
    )
    assert run("validate", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["tasks"][2]["ordinal"] = "three"
    del data["metadata"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    result = run("validate", str(out), str(broken), str(tmp_path / "junk.json"))
    assert result.returncode == 1
    assert f"{broken}: tasks/2/ordinal: 'three' is not of type 'integer'" in result.stdout
    assert "'metadata' is a required property" in result.stdout
    assert "junk.json: not valid JSON" in result.stdout
    assert "1 valid, 2 invalid" in result.stderr


def test_validate_accepts_a_batch_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("batch", str(SAMPLES / "national-2024-jiufeng.txt"), "-o", str(out)).returncode == 0
    index = out / "index.json"
    assert run("validate", *map(str, sorted(out.glob("*.json")))).returncode == 0
    data = json.loads(index.read_text(encoding="utf-8"))
    data["files"][0]["status"] = "great"
    index.write_text(json.dumps(data), encoding="utf-8")
    result = run("validate", str(index))
    assert result.returncode == 1 and "files/0/status" in result.stdout


def test_progress_bar_at_a_terminal_plain_lines_otherwise(tmp_path: Path) -> None:
    text = str(SAMPLES / "national-2024-jiufeng.txt")
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "jiufeng_extract", "batch", text, "-o", str(tmp_path / "tty")],
        stdout=follower,
        stderr=follower,
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "TERM": "xterm", "COLUMNS": "120"},
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    screen = output.decode("utf-8", errors="replace")
    assert "extracting" in screen and "[1/1]" not in screen

    piped = run("batch", text, "-o", str(tmp_path / "piped"))
    assert "[1/1] warnings" in piped.stderr and "extracting" not in piped.stderr


def test_several_workers_take_the_largest_files_first_one_worker_keeps_the_order(
    tmp_path: Path,
) -> None:
    from jiufeng_extract.batch.plan import Job
    from jiufeng_extract.batch.workers import dispatch_order

    jobs = []
    for index, size in enumerate((10, 300, 10, 2000)):
        source = tmp_path / f"{index}.txt"
        source.write_bytes(b"x" * size)
        jobs.append(Job(index, source, tmp_path / f"{index}.json", None))
    jobs.append(Job(4, tmp_path / "missing.txt", tmp_path / "4.json", None))
    assert [j.index for j in dispatch_order(jobs, 2)] == [3, 1, 0, 2, 4]
    assert [j.index for j in dispatch_order(jobs, 1)] == [0, 1, 2, 3, 4]
