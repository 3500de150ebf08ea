"""`make bench`, PDFs: jiufeng against the PDF engines' own text extraction, and long PDFs.

1. Every committed PDF (``samples/*.pdf``, ``tests/data/renderings/pdf/*.pdf``) read in this
   process by ``extract_path``, by PDFium's raw text (pypdfium2 ``get_text_range`` on every
   page) and, with the ``bench`` extra, by PyMuPDF's ``get_text``: in turn, ratio per round.
   A PDF whose pages jiufeng reads by OCR is timed with ``ocr=never`` (its text layer only,
   which is what PDFium reads), and says so.
2. 100-, 300- and 1000-page PDFs made by repeating the Shanghai sample's pages (it has tables
   across pages), each read in a new process by jiufeng and by PDFium alone, in turn: time,
   ms/page, the 1000/100 ratio of ms/page per round, and each process's peak RSS.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from timing import paired

ROOT = Path(__file__).resolve().parent.parent
LONG_PAGES = (100, 300, 1000)
LONG_RUNS = 3
ENGINE_RUNS = 3  # rounds per committed PDF (each a jiufeng, a PDFium and a PyMuPDF reading)


def committed_pdfs() -> list[Path]:
    folders = (ROOT / "samples", ROOT / "tests" / "data" / "renderings" / "pdf")
    return [p for folder in folders for p in sorted(folder.glob("*.pdf"))]


def pdfium_text(path: Path) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def _mupdf() -> Any:
    try:
        import pymupdf
    except ImportError:  # the bench extra is not installed
        return None
    return pymupdf


def mupdf_text(path: Path) -> None:
    document = _mupdf().open(path)
    for page in document:
        page.get_text()
    document.close()


def page_count(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def bench_engines() -> list[dict[str, Any]]:
    from jiufeng_extract import ExtractOptions, extract_path
    from jiufeng_extract.formats import OcrMode

    rows = []
    for path in committed_pdfs():
        options = ExtractOptions()
        note = ""
        if extract_path(path, options).source.ocr is not None:
            options, note = ExtractOptions(ocr=OcrMode.NEVER), "OCR pages: timed with ocr=never"
        engines = [lambda p=path: pdfium_text(p)]
        if _mupdf() is not None:
            engines.append(lambda p=path: mupdf_text(p))
        timed = paired(lambda p=path, o=options: extract_path(p, o), engines, ENGINE_RUNS)
        pages = page_count(path)
        row: dict[str, Any] = {
            "file": str(path.relative_to(ROOT)),
            "pages": pages,
            "jiufeng_ms_per_page": round(timed.a * 1000 / pages, 2),
            "pdfium_ms_per_page": round(timed.b[0] * 1000 / pages, 2),
            "ratio_vs_pdfium": round(timed.ratios[0], 2),
            "pymupdf_ms_per_page": None,
            "ratio_vs_pymupdf": None,
            "note": note,
        }
        if len(engines) > 1:
            row["pymupdf_ms_per_page"] = round(timed.b[1] * 1000 / pages, 2)
            row["ratio_vs_pymupdf"] = round(timed.ratios[1], 2)
        rows.append(row)
    return rows


def long_pdf(pages: int, target: Path) -> None:
    """The Shanghai sample's pages repeated until the document has ``pages`` pages."""
    import pypdfium2

    source = pypdfium2.PdfDocument(ROOT / "samples" / "shanghai-2023-jiufeng.pdf")
    document = pypdfium2.PdfDocument.new()
    while len(document) < pages:
        take = min(len(source), pages - len(document))
        document.import_pages(source, list(range(take)))
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(buffer.getvalue())


# the process's peak RSS in kB: VmHWM, since Linux carries ru_maxrss over exec (a child of a
# 200 MB parent reports at least 200 MB); ru_maxrss where there is no /proc
_PEAK = """
import resource
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
_JIUFENG = (
    _PEAK
    + """
import sys, time
from jiufeng_extract import extract_path
start = time.perf_counter()
extract_path(sys.argv[1])
print(time.perf_counter() - start, peak_kb())
"""
)
# pdfium_text's loop again, not an import of this module: the yardstick process loads
# PDFium and nothing else, so its peak RSS is PDFium's own
_PDFIUM = (
    _PEAK
    + """
import sys, time
import pypdfium2
start = time.perf_counter()
document = pypdfium2.PdfDocument(sys.argv[1])
for page in document:
    textpage = page.get_textpage()
    textpage.get_text_range()
    textpage.close()
    page.close()
document.close()
print(time.perf_counter() - start, peak_kb())
"""
)


def _measure(script: str, path: Path) -> tuple[float, int]:
    """Seconds of the reading and the process's peak RSS in kB, in a new process."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], check=True, capture_output=True, text=True
    )
    took, rss_kb = done.stdout.split()
    return float(took), int(rss_kb)


def bench_long(workdir: Path) -> dict[str, Any]:
    paths = {}
    for pages in LONG_PAGES:
        paths[pages] = workdir / f"long-{pages}.pdf"
        long_pdf(pages, paths[pages])
    rounds: list[dict[str, tuple[float, int]]] = []
    for _ in range(LONG_RUNS):
        run = {f"jiufeng-{n}": _measure(_JIUFENG, paths[n]) for n in LONG_PAGES}
        run |= {f"pdfium-{n}": _measure(_PDFIUM, paths[n]) for n in (LONG_PAGES[0], LONG_PAGES[-1])}
        rounds.append(run)
    rows = []
    for key in rounds[0]:
        engine, pages = key.split("-")
        took = statistics.median(r[key][0] for r in rounds)
        rows.append(
            {
                "engine": engine,
                "pages": int(pages),
                "seconds": round(took, 3),
                "ms_per_page": round(took * 1000 / int(pages), 2),
                "peak_rss_mb": round(statistics.median(r[key][1] for r in rounds) / 1024, 1),
            }
        )
    small, big = LONG_PAGES[0], LONG_PAGES[-1]

    def per_page_ratio(engine: str) -> float:
        return statistics.median(
            (r[f"{engine}-{big}"][0] / big) / (r[f"{engine}-{small}"][0] / small) for r in rounds
        )

    rss_ratio = statistics.median(r[f"jiufeng-{big}"][1] / r[f"pdfium-{big}"][1] for r in rounds)
    return {
        "source": "samples/shanghai-2023-jiufeng.pdf, its 17 pages repeated",
        "runs": LONG_RUNS,
        "rows": rows,
        "jiufeng_ratio_big_small": round(per_page_ratio("jiufeng"), 3),
        "pdfium_ratio_big_small": round(per_page_ratio("pdfium"), 3),
        "rss_ratio_vs_pdfium": round(rss_ratio, 2),
    }


__all__ = ["bench_engines", "bench_long", "committed_pdfs", "page_count"]
