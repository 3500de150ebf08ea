"""Coverage-guided fuzzing of the loaders and the pipeline behind them (atheris, libFuzzer).

Any input must give a circular or one of the project's own errors (``JiufengError``); anything
else is a crash, written to ``fuzz/findings/`` for a regression test. ``make fuzz`` runs this for
a bounded time over a corpus seeded with the samples, e.g.:

    python fuzz/fuzz_loaders.py -max_total_time=120 -timeout=20 -rss_limit_mb=2048 CORPUS
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import atheris

# only our code is instrumented: instrumenting ctypes and C-backed libraries breaks them
with atheris.instrument_imports(include=["jiufeng_extract"]):
    from jiufeng_extract.errors import JiufengError
    from jiufeng_extract.load.dispatch import load_data
    from jiufeng_extract.options import ExtractOptions
    from jiufeng_extract.pipeline import build_circular

OPTIONS = ExtractOptions(max_pages=50)
# the suffix only matters to tell HTML from text; the first byte picks one so both are reached
SUFFIXES = (Path("fuzz.txt"), Path("fuzz.html"))


def test_one_input(data: bytes) -> None:
    path = SUFFIXES[data[0] % 2] if data else SUFFIXES[0]
    with contextlib.suppress(JiufengError):
        build_circular(load_data(data, path, OPTIONS))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
