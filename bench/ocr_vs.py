"""OCR of two source trees, page by page, alternately, on the same 200 dpi colour scan as
``bench/ocr.py``: the ratio of seconds (wall and processor) per page of ``--src`` (the one
measured) to ``--base`` (say an older checkout's ``src``), and whether each page's characters
came out the same. Each tree reads in its own process, models loaded before the first page;
which one goes first alternates from page to page, so a shared machine's load falls on both.

    .venv/bin/python bench/ocr_vs.py --base /tmp/main/src              # this tree against it
    .venv/bin/python bench/ocr_vs.py --base A/src --src B/src --pages 1-6

Processor time counts every thread of the process: it shows the work done, which the load of
others does not change; seconds of wall time show what using both cores gains, which only a
quiet machine shows. Not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_READ = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np, pypdfium2
import jiufeng_extract
from jiufeng_extract.load.ocr import recogniser
assert jiufeng_extract.__file__.startswith(sys.argv[1]), jiufeng_extract.__file__
reader = recogniser()
pdf = pypdfium2.PdfDocument(sys.argv[2])
reader.read(np.full((400, 300), 255, np.uint8), reader.dpi, 1)  # warm-up: models loaded
print("ready", flush=True)
for line in sys.stdin:
    index = int(line)
    wall, cpu = time.perf_counter(), time.process_time()
    image = pdf[index].render(scale=reader.dpi / 72, rev_byteorder=True).to_numpy()
    page = reader.read(image, reader.dpi, index + 1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    chars = sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))
    text = "".join(c["text"] for c in chars)
    print(json.dumps({"wall": wall, "cpu": cpu, "text": text}, ensure_ascii=False), flush=True)
"""


def _pages(spec: str, count: int) -> list[int]:
    if not spec:
        return list(range(count))
    out: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        out += range(int(first) - 1, int(last or first))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the src folder compared against")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the src folder measured")
    parser.add_argument("--pages", default="", help="pages of the 18, e.g. 1-6,12")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    import ocr

    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "scan-colour-200dpi.pdf"
        count = ocr.colour_scan(scan)
        trees = {"base": str(Path(args.base).resolve()), "src": str(Path(args.src).resolve())}
        readers = {
            name: subprocess.Popen(
                [sys.executable, "-c", _READ, tree, str(scan)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for name, tree in trees.items()
        }
        for reader in readers.values():
            assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
        rows = [_page(readers, index, n) for n, index in enumerate(_pages(args.pages, count))]
        for reader in readers.values():
            assert reader.stdin is not None
            reader.stdin.close()
            reader.wait()
    print(_summary(rows))


def _page(readers: dict[str, subprocess.Popen[str]], index: int, n: int) -> dict[str, Any]:
    got: dict[str, Any] = {}
    for name in list(readers) if n % 2 == 0 else list(readers)[::-1]:
        reader = readers[name]
        assert reader.stdin is not None and reader.stdout is not None
        reader.stdin.write(f"{index}\n")
        reader.stdin.flush()
        got[name] = json.loads(reader.stdout.readline())
    base, src = got["base"], got["src"]
    same = difflib.SequenceMatcher(None, base["text"], src["text"], autojunk=False).ratio()
    print(
        f"page {index + 1:2d}: wall {base['wall']:.2f} → {src['wall']:.2f} s, "
        f"cpu {base['cpu']:.2f} → {src['cpu']:.2f} s, characters "
        + (
            "the same"
            if base["text"] == src["text"]
            else "the same, in another order"  # a box a pixel higher or lower
            if sorted(base["text"]) == sorted(src["text"])
            else f"{same:.4f} alike"
        ),
        flush=True,
    )
    return got


def _summary(rows: list[dict[str, Any]]) -> str:
    lines = []
    for measure in ("wall", "cpu"):
        base = [r["base"][measure] for r in rows]
        src = [r["src"][measure] for r in rows]
        ratio = statistics.median(s / b for s, b in zip(src, base, strict=True))
        lines.append(
            f"{measure}: median {statistics.median(base):.2f} → {statistics.median(src):.2f} "
            f"s/page, total {sum(base):.1f} → {sum(src):.1f} s (ratio {sum(src) / sum(base):.3f}),"
            f" median of the pages' ratios {ratio:.3f}"
        )
    same = sum(r["base"]["text"] == r["src"]["text"] for r in rows)
    lines.append(f"{same} of {len(rows)} pages read the same; load average {os.getloadavg()}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
