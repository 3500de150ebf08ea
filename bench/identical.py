"""Hashes of what `jiufeng extract` (JSON; for the samples also YAML and CSV) and, for PDF and
OFD, `jiufeng text` print for every sample and test file, to show a change leaves the output
byte-identical:

    .venv/bin/python bench/identical.py before.json                    # on main
    .venv/bin/python bench/identical.py after.json                     # on the branch
    .venv/bin/python bench/identical.py after.json --src /tmp/other/src  # another source tree
    .venv/bin/python bench/identical.py --compare before.json after.json

PDF and OFD files are extracted with ``--ocr never`` (OCR takes minutes a page on a busy
machine and is no part of the layers this guards); ``text`` runs only where that extract
succeeded. Each hash covers stdout, the exit code and stderr. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIUFENG = Path(sys.executable).parent / "jiufeng"
FOLDERS = ("samples", "tests/data", "corpus/docs")
SUFFIXES = {".pdf", ".docx", ".ofd", ".html", ".txt", ".md"}
TIMEOUT = 300


def files() -> list[Path]:
    return sorted(
        p
        for folder in FOLDERS
        for p in (ROOT / folder).rglob("*")
        if p.suffix in SUFFIXES and p.is_file()
    )


def _hash(args: list[str], env: dict[str, str]) -> str:
    try:
        done = subprocess.run(args, capture_output=True, cwd=ROOT, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "timeout"
    out = hashlib.sha256(done.stdout).hexdigest()[:16]
    err = hashlib.sha256(done.stderr).hexdigest()[:8]
    return f"{out} rc={done.returncode} err={err}"


def hashes(path: Path, env: dict[str, str]) -> tuple[str, dict[str, str]]:
    found: dict[str, str] = {}
    if path.suffix in (".pdf", ".ofd"):
        found["extract"] = _hash([str(JIUFENG), "extract", str(path), "-q", "--ocr", "never"], env)
        if " rc=0 " in found["extract"]:
            found["text"] = _hash([str(JIUFENG), "text", str(path)], env)
    else:
        found["extract"] = _hash([str(JIUFENG), "extract", str(path), "-q"], env)
    if path.parent == ROOT / "samples" and " rc=0 " in found["extract"]:
        ocr = ["--ocr", "never"] if path.suffix in (".pdf", ".ofd") else []
        for form in ("yaml", "csv"):
            command = [str(JIUFENG), "extract", str(path), "-q", "-f", form, *ocr]
            found[form] = _hash(command, env)
    return str(path.relative_to(ROOT)), found


def compare(before: Path, after: Path) -> int:
    old, new = json.loads(before.read_text()), json.loads(after.read_text())
    differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differ:
        print(f"differs: {name}: {old.get(name)} -> {new.get(name)}")
    print(f"{len(old)} files before, {len(new)} after, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--src", help="put this source tree first on PYTHONPATH")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give the output file, or --compare BEFORE AFTER")
    env = dict(os.environ, **({"PYTHONPATH": args.src} if args.src else {}))
    with ThreadPoolExecutor(args.jobs) as pool:
        found = dict(pool.map(lambda p: hashes(p, env), files()))
    args.out.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(found)} files, {sum(len(v) for v in found.values())} hashes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
