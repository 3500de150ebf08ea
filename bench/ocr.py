"""`make bench`, OCR part: seconds per page for a 200 dpi colour scan, and peak memory.

Makes a colour scan of the Shanghai sample (17 pages at 200 dpi, JPEG quality 75, a seal on the
signature page, turned a little: ``samples/make_scans.py``'s scanner), then in a fresh process
reads it with ``jiufeng_extract``: each page's recognition timed on its own (after one warm-up
page), the whole extraction timed, and the process's peak RSS. Writes bench/ocr-results.json
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

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"
TARGET_S_PER_PAGE = 2.0

_MEASURE = """
import json, resource, sys, time
import pypdfium2
from jiufeng_extract import extract_path
from jiufeng_extract.load.ocr import recogniser

path = sys.argv[1]
reader = recogniser()
pdf = pypdfium2.PdfDocument(path)
def image(i):
    return pdf[i].render(scale=reader.dpi / 72, rev_byteorder=True).to_numpy()
reader.read(image(0), reader.dpi, 1)  # warm-up: models loaded, first inference
pages = []
for i in range(len(pdf)):
    picture = image(i)
    start = time.perf_counter()
    reader.read(picture, reader.dpi, i + 1)
    pages.append(time.perf_counter() - start)
start = time.perf_counter()
circular = extract_path(path)
total = time.perf_counter() - start
print(json.dumps({
    "pages": pages,
    "extract_s": total,
    "tasks": len(circular.tasks),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "engine": reader.engine,
}))
"""


def colour_scan(target: Path) -> int:
    sys.path.insert(0, str(ROOT / "samples"))
    import make_scans  # the test files' scanner

    pages = make_scans.scanned_pages("shanghai-2023-jiufeng")
    buffer = io.BytesIO()
    rgb = [page.convert("RGB") for page in pages]
    rgb[0].save(buffer, "PDF", save_all=True, append_images=rgb[1:], resolution=200, quality=75)
    target.write_bytes(buffer.getvalue())
    return len(rgb)


def main() -> None:
    print("measuring OCR… (a few minutes)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "shanghai-colour-200dpi.pdf"
        count = colour_scan(scan)
        load_before = os.getloadavg()[0]
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(scan)], check=True, capture_output=True, text=True
        )
        load_after = os.getloadavg()[0]
        size_mb = scan.stat().st_size / 1e6
    measured = json.loads(done.stdout)
    per_page = measured["pages"]
    results = {
        "file": f"Shanghai sample, {count} pages, 200 dpi colour JPEG scan ({size_mb:.1f} MB)",
        "engine": measured["engine"],
        "median_s_per_page": round(statistics.median(per_page), 2),
        "min_s_per_page": round(min(per_page), 2),
        "max_s_per_page": round(max(per_page), 2),
        "extract_s": round(measured["extract_s"], 1),
        "extract_s_per_page": round(measured["extract_s"] / count, 2),
        "tasks": measured["tasks"],
        "peak_rss_mb": round(measured["peak_rss_mb"], 1),
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "cores": os.cpu_count(),
        "target_met": statistics.median(per_page) <= TARGET_S_PER_PAGE,
    }
    (OUT / "ocr-results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    ok = "✅" if results["target_met"] else "❌"
    report = "\n".join(
        [
            "# OCR benchmark",
            "",
            f"{results['file']}, {results['engine']}, {results['cores']} cores, load average "
            f"{results['load_average'][0]} → {results['load_average'][1]} (the machine is shared).",
            "",
            "| what | figure |",
            "|---|---|",
            f"| recognition per page, median (min–max) | {results['median_s_per_page']} s "
            f"({results['min_s_per_page']}–{results['max_s_per_page']} s) |",
            f"| whole extraction | {results['extract_s']} s, "
            f"{results['extract_s_per_page']} s/page, {results['tasks']} tasks |",
            f"| peak RSS of the process | {results['peak_rss_mb']} MB |",
            "",
            f"- {ok} median at most {TARGET_S_PER_PAGE} s/page",
            "",
        ]
    )
    (OUT / "ocr-results.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
