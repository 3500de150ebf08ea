"""A batch's folder state under hostile or careless use (issue 17): an input named like the
index, two batches into one folder, ``kill -9`` in the middle, symlink loops, a FIFO.

Inputs are built on the fly from the committed samples; the slow input (for the kill) is a text
circular of some thousand tasks, generated here, never committed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "national-2024-jiufeng.txt"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "jiufeng_extract", *args]


ENV = {"PATH": os.environ["PATH"], "NO_COLOR": "1"}


def run(*args: str, limit: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        command(*args), capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=limit
    )
    return result, time.monotonic() - started


def circulars(folder: Path, count: int, prefix: str = "c") -> list[Path]:
    """``count`` distinct small circulars (the sample with a different last line)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        path = folder / f"{prefix}{n}.txt"
        path.write_text(f"{text}\n附 {prefix}{n}\n", encoding="utf-8")
        paths.append(path)
    return paths


def entries(outdir: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    index = json.loads((outdir / "index.json").read_text(encoding="utf-8"))
    return {Path(f["input"]).name: f for f in index["files"]}


def test_an_input_named_index_cannot_replace_the_index(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    circulars(inbox, 1)
    (inbox / "index").write_bytes(SAMPLE.read_bytes())
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")  # not ours: left alone
    result, seconds = run("batch", str(inbox / "index"), str(inbox / "c0.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    files = entries(out)
    assert set(files) == {"index", "c0.txt"}
    assert files["index"]["output"] == "index-2.json"
    assert json.loads((out / "index-2.json").read_text(encoding="utf-8"))["schema_name"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["c0.txt.json", "index-2.json", "index.json", "notes.txt"]
    )
    assert seconds < 120


def test_two_batches_into_one_folder_keep_the_entries_of_both(tmp_path: Path) -> None:
    """At the same time, then one after the other: the index lists every output."""
    out = tmp_path / "out"
    first, second = circulars(tmp_path / "a", 6, "a"), circulars(tmp_path / "b", 6, "b")
    batches = [
        subprocess.Popen(
            command("batch", str(tmp_path / name), "-o", str(out), "-j", "1"),
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for batch in batches:
        _, errors = batch.communicate(timeout=300)
        assert batch.returncode == 0, errors
    assert set(entries(out)) == {p.name for p in first + second}
    assert not (out / ".index.jsonl").exists()
    result, _ = run("batch", str(tmp_path / "a"), "-o", str(out))  # a rerun of one of them
    assert result.returncode == 0, result.stderr
    assert "6 of 6 input(s) unchanged" in result.stderr
    files = entries(out)
    assert set(files) == {p.name for p in first + second}
    assert all((out / f["output"]).is_file() for f in files.values())


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdecimal():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_kill_9_stops_the_workers_and_the_rerun_resumes(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    small = circulars(inbox, 3, "a")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    slow = inbox / "z-slow.txt"  # thousands of tasks: seconds of work for one worker, even fast
    slow.write_text("\n".join(lines + lines[5:-5] * 600) + "\n", encoding="utf-8")
    batch = subprocess.Popen(
        command("batch", str(inbox), "-o", str(out), "-j", "1", "--timeout", "0"),
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    journal = out / ".index.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 3:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the batch did not journal its first three files")
    time.sleep(0.5)  # the worker is on the slow file now
    workers = _descendants(batch.pid)
    assert workers
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    started = time.monotonic()
    while _alive(workers) and time.monotonic() - started < 10:
        time.sleep(0.1)
    assert not _alive(workers), "workers outlived the killed batch"
    time.sleep(1)
    assert not (out / "z-slow.txt.json").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    result, _ = run("batch", str(inbox), "-o", str(out), "-j", "1", limit=300)
    assert result.returncode == 0, result.stderr
    assert "3 of 4 input(s) unchanged since the last run" in result.stderr
    files = entries(out)
    assert set(files) == {p.name for p in [*small, slow]}
    assert [f["skipped"] for _, f in sorted(files.items())] == [True, True, True, False]
    assert not journal.exists()


def test_symlink_loops_end_and_every_file_is_read_once(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    circulars(tree / "a", 1, "x")
    circulars(tree / "b", 1, "y")
    (tree / "a" / "up").symlink_to("..")  # a loop back to the top
    (tree / "a" / "to-b").symlink_to("../b")  # two folders that link into each other
    (tree / "b" / "to-a").symlink_to("../a")
    (tree / "a" / "same.txt").symlink_to("x0.txt")  # one file by two names
    out = tmp_path / "out"
    glob_pattern = f"{tree}/**/*.txt"
    result, seconds = run("batch", glob_pattern, str(tree), "-o", str(out), "-j", "1")
    assert result.returncode == 0, result.stderr
    assert seconds < 120
    files = entries(out)
    assert len(files) == 2
    real = {os.path.realpath(f["input"]) for f in files.values()}
    assert real == {str((tree / "a" / "x0.txt").resolve()), str((tree / "b" / "y0.txt").resolve())}


def test_a_fifo_among_the_inputs_fails_alone_at_once(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    circulars(inbox, 1)
    fifo = inbox / "pipe.txt"
    os.mkfifo(fifo)
    result, seconds = run("batch", str(fifo), str(inbox), "-o", str(out), "--timeout", "5")
    assert result.returncode == 9, result.stderr
    assert seconds < 60
    files = entries(out)
    assert set(files) == {"pipe.txt", "c0.txt"}
    assert files["pipe.txt"]["status"] == "failed" and files["pipe.txt"]["exit_code"] == 3
    assert "not a regular file (a FIFO)" in files["pipe.txt"]["error"]
    assert files["pipe.txt"]["seconds"] < 1  # not opened, so no wait for --timeout
    listed = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert listed == [f"failed {fifo}: not a regular file (a FIFO): not read"]


def test_a_socket_named_as_an_input_is_called_a_socket(tmp_path: Path) -> None:
    import socket

    inbox, out = tmp_path / "in", tmp_path / "out"
    circulars(inbox, 1)
    path = inbox / "s.txt"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        result, _ = run("batch", str(path), "-o", str(out))
    assert result.returncode == 9, result.stderr
    assert entries(out)["s.txt"]["error"] == "not a regular file (a socket): not read"


@pytest.mark.skipif(sys.platform != "linux", reason="names are bytes on Linux")
def test_a_file_name_that_is_not_utf8_fails_alone(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    circulars(inbox, 1)
    with open(os.path.join(os.fsencode(inbox), b"old\xff\xfe.txt"), "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    result, _ = run("batch", str(inbox), "-o", str(out), "--junit", str(tmp_path / "r.xml"))
    assert result.returncode == 9, result.stderr
    files = entries(out)
    assert set(files) == {"old\\xff\\xfe.txt", "c0.txt"}
    assert (
        files["old\\xff\\xfe.txt"]["error"]
        == "the file name is not valid UTF-8: rename it to read it"
    )
    assert "internal error" not in result.stderr
