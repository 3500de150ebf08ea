"""Wall time and peak RSS of the hostile inputs (tests/hostile/make_inputs.py) through a
``jiufeng`` executable, each run capped so a bomb cannot take the machine down:

    nice -n 10 .venv/bin/python bench/hostile.py [JIUFENG] [--cap-seconds 60] [--cap-mb 8192]

Run it against an older checkout's ``.venv/bin/jiufeng`` for the "before" figures; a run that
hits the cap is shown as ``>cap``. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile"))
from make_inputs import MAKERS

# the command each input is given to
COMMANDS = {
    "aliases": ["diff", "{0}", "{0}"],
    "cycle": ["validate", "{0}"],
    "deep": ["validate", "{0}"],
    "large": ["validate", "{0}", "--max-bytes", "1000000"],
}


def measure(jiufeng: str, args: list[str], cap_seconds: float, cap_mb: int) -> tuple[str, str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mb * 1024 * 1024,) * 2)

    start = time.monotonic()
    process = subprocess.Popen(
        [jiufeng, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
        start_new_session=True,
    )
    try:
        _, err = process.communicate(timeout=cap_seconds)
        code = str(process.returncode)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        _, err = process.communicate()
        code = f">{cap_seconds:g}s"
    wall = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return f"{wall:.1f} s, {rss} MB, exit {code}", last[0][:110]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("jiufeng", nargs="?", default=str(Path(sys.executable).parent / "jiufeng"))
    parser.add_argument("--cap-seconds", type=float, default=60)
    parser.add_argument("--cap-mb", type=int, default=8192)
    parser.add_argument("--only", nargs="*")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, make in MAKERS.items():
            if options.only and name.split("_")[0] not in options.only and name not in options.only:
                continue
            path = make(Path(folder))
            key = path.stem.split("-")[0] if path.suffix in (".yaml", ".json") else ""
            args = [a.format(path) for a in COMMANDS.get(key, ["extract", "{0}"])]
            # a fresh interpreter per input, so RUSAGE_CHILDREN is this input's peak alone
            code = (
                "import sys; sys.path.insert(0, sys.argv[1]); import hostile as h; "
                "print(*h.measure(sys.argv[2], sys.argv[5:], float(sys.argv[3]), "
                "int(sys.argv[4])), sep=' | ')"
            )
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    code,
                    str(Path(__file__).parent),
                    options.jiufeng,
                    str(options.cap_seconds),
                    str(options.cap_mb),
                    *args,
                ],
                capture_output=True,
                text=True,
            )
            print(
                f"{name:20} {args[0]:9} | {done.stdout.strip() or done.stderr[-200:]}", flush=True
            )


if __name__ == "__main__":
    main()
