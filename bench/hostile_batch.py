"""Worst cases of issue 17's batch-state and injection classes: wall time, peak RSS of the
whole process tree (the batch, its fork server and workers, sampled from /proc every 50 ms) and
what came out, for any ``jiufeng`` executable (to compare a branch with main).

    .venv/bin/python bench/hostile_batch.py [--jiufeng PATH] [--cap SECONDS]

Linux only (reads /proc). Prints one line per case; not part of make test.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "national-2024-jiufeng.txt"
CASE = ROOT / "tests" / "data" / "county-lead-support-columns.txt"
ENV = {"PATH": os.environ["PATH"], "NO_COLOR": "1"}


def tree(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdecimal():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = {pid}, [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def rss_kb(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


class Measured:
    """A command run with a wall-time cap, its peak tree RSS sampled as it runs."""

    def __init__(self, args: list[str], cwd: Path, cap: float) -> None:
        self.peak, self.seen = 0, set()
        started = time.monotonic()
        self.process = subprocess.Popen(
            args, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        done = threading.Event()
        sampler = threading.Thread(target=self._sample, args=(done,), daemon=True)
        sampler.start()
        try:
            self.stdout, self.stderr = self.process.communicate(timeout=cap)
            self.capped = False
        except subprocess.TimeoutExpired:
            for pid in tree(self.process.pid):
                os.kill(pid, signal.SIGKILL)
            self.stdout, self.stderr = self.process.communicate()
            self.capped = True
        self.wall = time.monotonic() - started
        done.set()
        sampler.join()
        self.code = self.process.returncode

    def _sample(self, done: threading.Event) -> None:
        while not done.wait(0.05):
            pids = tree(self.process.pid)
            self.seen |= pids
            self.peak = max(self.peak, rss_kb(pids))

    def figures(self) -> str:
        wall = f">{self.wall:.1f} s (capped, killed)" if self.capped else f"{self.wall:.2f} s"
        return f"{wall}, peak RSS {self.peak / 1024:.0f} MB, exit {self.code}"


def circulars(folder: Path, count: int, prefix: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"{prefix}{n}.txt").write_text(f"{text}\n附 {prefix}{n}\n", encoding="utf-8")


def index_files(outdir: Path) -> list[dict]:  # type: ignore[type-arg]
    try:
        return list(json.loads((outdir / "index.json").read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError):
        return []


def reserved_name(jf: str, work: Path, cap: float) -> str:
    circulars(work / "in", 1, "c")
    (work / "in" / "index").write_bytes(SAMPLE.read_bytes())
    out = work / "out"
    m = Measured([jf, "batch", "in/index", "in/c0.txt", "-o", "out", "-j", "1"], work, cap)
    files = {Path(f["input"]).name: f for f in index_files(out)}
    output = out / str(files.get("index", {}).get("output"))
    kept = output.is_file() and "schema_name" in output.read_text(encoding="utf-8")
    return (
        f"{m.figures()}; index.json lists {len(files)} of 2, the input index's output kept: {kept}"
    )


def two_batches(jf: str, work: Path, cap: float) -> str:
    circulars(work / "a", 20, "a")
    circulars(work / "b", 20, "b")
    args = [[jf, "batch", name, "-o", "out", "-j", "1"] for name in ("a", "b")]
    started = time.monotonic()
    runs = [subprocess.Popen(a, cwd=work, env=ENV, stderr=subprocess.DEVNULL) for a in args]
    for run in runs:
        run.wait(timeout=cap)
    wall = time.monotonic() - started
    return f"{wall:.2f} s for both; index.json lists {len(index_files(work / 'out'))} of 40"


def kill_9(jf: str, work: Path, cap: float) -> str:
    circulars(work / "in", 6, "a")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    slow = work / "in" / "z-slow.txt"
    slow.write_text("\n".join(lines + lines[5:-5] * 300) + "\n", encoding="utf-8")
    out = work / "out"
    batch = subprocess.Popen(
        [jf, "batch", "in", "-o", "out", "-j", "1", "--timeout", "0"],
        cwd=work,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + cap
    while time.monotonic() < deadline and len(list(out.glob("a*.json"))) < 6:
        time.sleep(0.05)
    time.sleep(1.0)
    below = tree(batch.pid) - {batch.pid}
    batch.kill()
    batch.wait()
    time.sleep(2)
    alive = [p for p in below if Path(f"/proc/{p}").exists()]
    waited = time.monotonic()
    while any(Path(f"/proc/{p}").exists() for p in alive) and time.monotonic() - waited < cap:
        time.sleep(0.2)
    lived = time.monotonic() - waited + 2 if alive else 0.0
    written = (out / "z-slow.txt.json").exists()
    m = Measured([jf, "batch", "in", "-o", "out", "-j", "1"], work, cap)
    resumed = sum(1 for f in index_files(out) if f.get("skipped"))
    return (
        f"{len(alive)} of {len(below)} processes alive 2 s after the kill, for {lived:.1f} s; "
        f"slow output written after the kill: {written}; rerun {m.figures()}, "
        f"{resumed} of 7 inputs skipped"
    )


def loops(jf: str, work: Path, cap: float, both: bool) -> str:
    circulars(work / "t" / "a", 1, "x")
    circulars(work / "t" / "b", 1, "y")
    (work / "t" / "a" / "up").symlink_to("..")
    if both:
        (work / "t" / "a" / "to-b").symlink_to("../b")
        (work / "t" / "b" / "to-a").symlink_to("../a")
    m = Measured([jf, "batch", "t/**/*.txt", "-o", "out", "-j", "2"], work, cap)
    return f"{m.figures()}; {len(index_files(work / 'out'))} entries for 2 files"


def fifo(jf: str, work: Path, cap: float) -> str:
    circulars(work / "in", 1, "c")
    os.mkfifo(work / "in" / "pipe.txt")
    args = [jf, "batch", "in/pipe.txt", "in/c0.txt", "-o", "out", "--timeout", "5", "-j", "1"]
    m = Measured(args, work, cap)
    entry = {Path(f["input"]).name: f for f in index_files(work / "out")}.get("pipe.txt", {})
    return f"{m.figures()}; the FIFO: {entry.get('error')!r}"


def hostile_circular(work: Path) -> Path:
    out = []
    for line in CASE.read_text(encoding="utf-8").splitlines():
        if line.startswith("关于印发"):
            line = line.replace("关于印发", "关于印发\x1b]0;PWNED\x07\x1b[2J", 1)
        elif line.startswith("1\t"):
            line = '1\t=HYPERLINK("http://example.invalid","x")\t@SUM(县卫健局)\t+县公安局\t-2+3'
        out.append(line)
    path = work / "hostile.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def formulas(jf: str, work: Path, cap: float) -> str:
    hostile_circular(work)
    m = Measured([jf, "extract", "hostile.txt", "-o", "t.csv"], work, cap)
    cells = [
        c for row in csv.reader(io.StringIO((work / "t.csv").read_text("utf-8-sig"))) for c in row
    ]
    live = sum(1 for c in cells if c[:1] in "=+-@" and c)
    x = Measured([jf, "extract", "hostile.txt", "-o", "t.xlsx"], work, cap)
    if not (work / "t.xlsx").exists():
        return f"{m.figures()}; live formula cells: csv {live}, xlsx not written: {x.stderr!r}"
    from openpyxl import load_workbook

    book = load_workbook(work / "t.xlsx")
    f = sum(1 for s in book for r in s.iter_rows() for c in r if c.data_type == "f")
    return f"{m.figures()}; live formula cells: csv {live}, xlsx {f}"


def names(jf: str, work: Path, cap: float) -> str:
    (work / "in").mkdir()
    (work / "in" / "bad\n::error file=forged.txt::forged.txt").write_text("会议纪要\n", "utf-8")
    (work / "in" / "ring\x1b]0;PWNED\x07.txt").write_text("会议纪要\n", "utf-8")
    args = [jf, "batch", "in", "-o", "out", "-j", "1", "--junit", "r.xml"]
    m = Measured(args, work, cap)
    forged = sum(1 for line in m.stderr.splitlines() if line.startswith("::error"))
    try:
        ElementTree.parse(work / "r.xml")
        junit = "well-formed"
    except (ElementTree.ParseError, OSError) as exc:
        junit = f"broken ({exc})"
    raw = sum(m.stderr.count(c) for c in "\x1b\x07")
    return (
        f"{m.figures()}; forged ::error lines on stderr {forged}, raw ESC/BEL {raw}, JUnit {junit}"
    )


def terminal(jf: str, work: Path, cap: float) -> str:
    import pty

    hostile_circular(work)
    results = []
    for command in (["units"], ["check"], ["text"], ["diff", str(CASE)]):
        main, child = pty.openpty()
        args = [jf, command[0], "hostile.txt", *command[1:]]
        started = time.monotonic()
        process = subprocess.Popen(
            args, cwd=work, stdin=subprocess.DEVNULL, stdout=child, stderr=child
        )
        os.close(child)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        os.close(main)
        process.wait(timeout=cap)
        raw = shown.count(b"\x1b]0;") + shown.count(b"\x1b[2J")
        results.append(f"{command[0]} {raw} ({time.monotonic() - started:.2f} s)")
    return "raw escape sequences from the document at a terminal: " + ", ".join(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jiufeng", default=str(ROOT / ".venv" / "bin" / "jiufeng"))
    parser.add_argument("--cap", type=float, default=120.0, help="wall-time cap per command")
    parser.add_argument("--only", nargs="*", help="run only cases whose name has these words")
    args = parser.parse_args()
    cases = {
        "input named index": reserved_name,
        "two batches, one OUTDIR": two_batches,
        "kill -9 mid-batch": kill_9,
        "glob over one symlink loop": lambda j, w, c: loops(j, w, c, both=False),
        "glob over two symlink loops": lambda j, w, c: loops(j, w, c, both=True),
        "FIFO in batch --timeout 5": fifo,
        "formula cells csv/xlsx": formulas,
        "hostile file names (JUnit, stderr)": names,
        "escapes at a terminal": terminal,
    }
    for name, case in cases.items():
        if args.only and not any(word in name for word in args.only):
            continue
        with tempfile.TemporaryDirectory() as work:
            print(f"{name}: {case(args.jiufeng, Path(work), args.cap)}", flush=True)


if __name__ == "__main__":
    main()
