"""Hash what ``jiufeng extract`` prints for every committed input, to show that a change made
for speed changes no output: run it before and after, and compare the two files.

    .venv/bin/python bench/hash_outputs.py > before.tsv
    ... change ...
    .venv/bin/python bench/hash_outputs.py > after.tsv && diff before.tsv after.tsv

One line per (input, format): the exit code, then SHA-256 of stdout and of stderr. Every
sample and test-data input is read as JSON; the samples also as YAML and CSV. ``-j N`` runs N
processes at a time (default 2); ``--skip TEXT`` leaves out the inputs whose path contains
TEXT (e.g. ``--skip scans/`` for a quicker check between steps; the final check runs all).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIUFENG = Path(sys.executable).parent / "jiufeng"
INPUTS = {".txt", ".html", ".docx", ".doc", ".pdf", ".ofd", ".png", ".jpg", ".tiff"}


def inputs() -> list[tuple[Path, str]]:
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in INPUTS)
    others = sorted(
        p
        for folder in ("tests/data", "corpus/docs")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in INPUTS
    )
    jobs = [(p, fmt) for p in samples for fmt in ("json", "yaml", "csv")]
    return jobs + [(p, "json") for p in others]


def digest(job: tuple[Path, str]) -> str:
    path, fmt = job
    try:
        done = subprocess.run(
            [str(JIUFENG), "extract", str(path.relative_to(ROOT)), "-f", fmt],
            cwd=ROOT,
            capture_output=True,
            timeout=1800,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{path.relative_to(ROOT)}\t{fmt}\ttimeout\t-\t-"
    out = hashlib.sha256(done.stdout).hexdigest()[:16]
    err = hashlib.sha256(done.stderr).hexdigest()[:16]
    return f"{path.relative_to(ROOT)}\t{fmt}\t{done.returncode}\t{out}\t{err}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-j", type=int, default=2)
    parser.add_argument("--skip", action="append", default=[])
    args = parser.parse_args()
    jobs = [job for job in inputs() if not any(s in str(job[0]) for s in args.skip)]
    with ThreadPoolExecutor(args.j) as pool:
        for line in pool.map(digest, jobs):
            print(line, flush=True)


if __name__ == "__main__":
    main()
