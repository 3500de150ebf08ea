"""`make bench`, OCR part: seconds per page for a 200 dpi colour scan, and peak memory.

Makes a colour scan of 18 pages (the Shanghai sample's 17 and the national sample's first, at
200 dpi, JPEG quality 75, a seal on the signature page, each turned a little:
``samples/make_scans.py``'s scanner; kept in a temporary folder, not committed), then in a fresh
process reads it with ``jiufeng_extract`` as ``jiufeng extract`` does, after one warm-up page
(models loaded): the seconds from one page read by OCR to the next (PDF page rendered, seals,
orientation, deskew, rules, detection, recognition), the whole extraction, the resident memory
after each page and the process's peak RSS (one page image in memory at a time: the RSS should
not grow with the pages). ``--compare`` adds the settings before this round (the engine's own
detector sizing, one spinning thread, no orientation check) against today's, page by page,
alternately on the same pages (every third page), as a ratio. Writes bench/ocr-results.json
and bench/ocr-results.md. The load average is printed beside the figures: the machine is
shared, and OCR is CPU-bound.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"
TARGET_S_PER_PAGE = 2.0
PAGES = 18

_MEASURE = """
import json, resource, sys, time
import numpy as np
from jiufeng_extract import extract_path
from jiufeng_extract.load.ocr import recogniser
from jiufeng_extract.progress import listening

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

path = sys.argv[1]
reader = recogniser()
reader.read(np.full((400, 300), 255, np.uint8), reader.dpi, 1)  # warm-up: models loaded
ticks = []
def told(number, count):
    ticks.append((time.perf_counter(), rss_mb()))
start = time.perf_counter()
with listening(told):
    circular = extract_path(path)
total = time.perf_counter() - start
times = [t for t, _ in ticks]
print(json.dumps({
    "pages": [b - a for a, b in zip([start] + times, times)],
    "rss_mb": [r for _, r in ticks],
    "extract_s": total,
    "tasks": len(circular.tasks),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "engine": reader.engine,
}))
"""

_COMPARE = """
import json, logging, sys, time
import pypdfium2
from rapidocr_onnxruntime import RapidOCR
from jiufeng_extract.load.ocr import engine, page, recogniser

logging.getLogger("RapidOCR").setLevel(logging.ERROR)
reader = recogniser()
today = engine.engine()
before = RapidOCR(det_limit_type="max", det_limit_side_len=1280, max_side_len=4096,
                  use_cls=False, rec_batch_num=1, intra_op_num_threads=1, inter_op_num_threads=1)
turns = page.quarter_turns
settings = {"before": (before, lambda grey: 0), "today": (today, turns)}
pdf = pypdfium2.PdfDocument(sys.argv[1])
times = {name: [] for name in settings}
for n, index in enumerate(range(0, len(pdf), 3)):
    image = pdf[index].render(scale=reader.dpi / 72, rev_byteorder=True).to_numpy()
    for name in (list(settings) if n % 2 == 0 else list(settings)[::-1]):
        engine._engine, page.quarter_turns = settings[name]
        if n == 0:
            reader.read(image, reader.dpi, index + 1)  # warm-up of each
        start = time.perf_counter()
        reader.read(image, reader.dpi, index + 1)
        times[name].append(time.perf_counter() - start)
print(json.dumps(times))
"""


def colour_scan(target: Path) -> int:
    sys.path.insert(0, str(ROOT / "samples"))
    import make_scans  # the test files' scanner
    import numpy as np
    import pypdfium2

    pages = make_scans.scanned_pages("shanghai-2023-jiufeng")
    national = pypdfium2.PdfDocument(ROOT / "samples" / "national-2024-jiufeng.pdf")
    first = make_scans.render(national, 0)
    pages.append(make_scans.scanner(first, 0.8, np.random.default_rng(PAGES)))
    buffer = io.BytesIO()
    rgb = [page.convert("RGB") for page in pages[:PAGES]]
    rgb[0].save(buffer, "PDF", save_all=True, append_images=rgb[1:], resolution=200, quality=75)
    target.write_bytes(buffer.getvalue())
    return len(rgb)


def _run(script: str, scan: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, str(scan)], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    compare = "--compare" in sys.argv[1:]
    sys.path.insert(0, str(ROOT / "samples"))
    import make_scans

    if not Path(make_scans.FONT).exists():
        # the scan's seal is drawn with a CJK font; without it there is no scan to time
        print(
            f"OCR timings skipped: the scan's seal needs {make_scans.FONT} "
            "(apt-get install fonts-noto-cjk); bench/ocr-results.* are left as they were",
            file=sys.stderr,
        )
        return
    print("measuring OCR… (a few minutes)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "scan-colour-200dpi.pdf"
        count = colour_scan(scan)
        load_before = os.getloadavg()[0]
        measured = _run(_MEASURE, scan)
        compared = _run(_COMPARE, scan) if compare else None
        load_after = os.getloadavg()[0]
        size_mb = scan.stat().st_size / 1e6
    results = _results(measured, compared, count, size_mb, (load_before, load_after))
    (OUT / "ocr-results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    report = _report(results)
    (OUT / "ocr-results.md").write_text(report, encoding="utf-8")
    print(report)


def _results(
    measured: dict[str, Any],
    compared: dict[str, Any] | None,
    count: int,
    size_mb: float,
    load: tuple[float, float],
) -> dict[str, Any]:
    per_page = [float(v) for v in measured["pages"]]
    rss = [float(v) for v in measured["rss_mb"]]
    extract_s = float(measured["extract_s"])
    results: dict[str, Any] = {
        "file": f"{count} pages, 200 dpi colour JPEG scan ({size_mb:.1f} MB)",
        "engine": measured["engine"],
        "median_s_per_page": round(statistics.median(per_page), 2),
        "min_s_per_page": round(min(per_page), 2),
        "max_s_per_page": round(max(per_page), 2),
        "extract_s": round(extract_s, 1),
        "extract_s_per_page": round(extract_s / count, 2),
        "tasks": measured["tasks"],
        "peak_rss_mb": round(float(measured["peak_rss_mb"]), 1),
        "rss_after_page_mb": [round(v) for v in rss],
        "rss_growth_page_3_to_last_mb": round(rss[-1] - rss[2], 1),
        "load_average": [round(load[0], 2), round(load[1], 2)],
        "cores": os.cpu_count(),
        "target_met": statistics.median(per_page) <= TARGET_S_PER_PAGE,
    }
    if compared is not None:
        before = [float(v) for v in compared["before"]]
        today = [float(v) for v in compared["today"]]
        results["compare"] = {
            "pages": len(before),
            "before_median_s": round(statistics.median(before), 2),
            "today_median_s": round(statistics.median(today), 2),
            "median_ratio_today_to_before": round(
                statistics.median(t / b for t, b in zip(today, before, strict=True)), 2
            ),
        }
    return results


def _report(results: dict[str, Any]) -> str:
    ok = "✅" if results["target_met"] else "❌"
    load = results["load_average"]
    lines = [
        "# OCR benchmark",
        "",
        f"{results['file']}, {results['engine']}, {results['cores']} cores, load average "
        f"{load[0]} → {load[1]} (the machine is shared).",
        "",
        "| what | figure |",
        "|---|---|",
        f"| OCR per page, median (min–max) | {results['median_s_per_page']} s "
        f"({results['min_s_per_page']}–{results['max_s_per_page']} s) |",
        f"| whole extraction | {results['extract_s']} s, "
        f"{results['extract_s_per_page']} s/page, {results['tasks']} tasks |",
        f"| peak RSS of the process | {results['peak_rss_mb']} MB |",
        f"| RSS growth from page 3 to page {len(results['rss_after_page_mb'])} "
        f"| {results['rss_growth_page_3_to_last_mb']} MB |",
    ]
    compare = results.get("compare")
    if isinstance(compare, dict):
        lines.append(
            f"| before → today, {compare['pages']} pages alternately | "
            f"{compare['before_median_s']} → {compare['today_median_s']} s/page median, "
            f"ratio {compare['median_ratio_today_to_before']} |"
        )
    lines += ["", f"- {ok} median at most {TARGET_S_PER_PAGE} s/page", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
