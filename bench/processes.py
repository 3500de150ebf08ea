"""`make bench`, whole processes: the first call (``jiufeng --version``, ``jiufeng extract`` of
a text sample) beside ``python -c pass`` and ``python -c "import pydantic"``, and ``jiufeng
batch`` with -j 1 and -j 2 over copies of every sample; each pair timed in turn."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from timing import paired, process

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
START_RUNS = 11
# of each sample: 396 files, so that the batch's fixed start (about 0.3 s: the interpreter,
# the imports and the fork server's preload, the same for -j 1 and -j 2 and reported apart)
# is a small part of the run, as in a CI batch over a year's circulars
BATCH_COPIES = 36
BATCH_RUNS = 5
SAMPLE_SUFFIXES = {".txt", ".html", ".docx", ".pdf", ".ofd"}


def samples() -> list[Path]:
    folder = ROOT / "samples"
    return sorted(p for p in folder.iterdir() if p.suffix in SAMPLE_SUFFIXES)


def bench_first_call() -> dict[str, Any]:
    jiufeng = str(BIN / "jiufeng")
    text = str(ROOT / "samples" / "national-2024-jiufeng.txt")
    python_pass = process([sys.executable, "-c", "pass"])
    pydantic = process([sys.executable, "-c", "import pydantic"])
    extract = paired(process([jiufeng, "extract", text, "-q"]), [python_pass, pydantic], START_RUNS)
    version = paired(process([jiufeng, "--version"]), [python_pass], START_RUNS)
    return {
        "sample": "samples/national-2024-jiufeng.txt",
        "runs": START_RUNS,
        "python_pass_s": round(extract.b[0], 3),
        "import_pydantic_s": round(extract.b[1], 3),
        "extract_s": round(extract.a, 3),
        "extract_vs_pass": round(extract.ratios[0], 2),
        "extract_vs_pydantic": round(extract.ratios[1], 2),
        "version_s": round(version.a, 3),
        "version_vs_pass": round(version.ratios[0], 2),
    }


def bench_batch(workdir: Path) -> dict[str, Any]:
    inbox = workdir / "inbox"
    inbox.mkdir()
    sources = samples()
    for copy in range(BATCH_COPIES):
        for path in sources:
            shutil.copy(path, inbox / f"{copy:03d}-{path.name}")

    def batch(workers: int) -> Any:
        out = workdir / f"out-{workers}"
        command = [str(BIN / "jiufeng"), "batch", str(inbox), "-o", str(out)]
        return process([*command, "-j", str(workers), "--force"])

    timed = paired(batch(1), [batch(2)], BATCH_RUNS, warm=0)
    files = BATCH_COPIES * len(sources)
    one = workdir / "one"
    one.mkdir()
    shutil.copy(sources[0], one / sources[0].name)
    start = [str(BIN / "jiufeng"), "batch", str(one), "-o", str(workdir / "out-one"), "--force"]
    started = paired(process(start), [], BATCH_RUNS)
    return {
        "files": files,
        "runs": BATCH_RUNS,
        "one_file_s": round(started.a, 2),
        "j1_s": round(timed.a, 2),
        "j2_s": round(timed.b[0], 2),
        "j1_files_per_s": round(files / timed.a, 1),
        "j2_files_per_s": round(files / timed.b[0], 1),
        "speedup": round(timed.ratios[0], 2),
    }
