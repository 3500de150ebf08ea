"""`make bench`: where the time goes, against the libraries underneath, each figure beside a
yardstick measured in the same run (the machine is shared: its speed drifts, ratios do not).

Writes bench/results.json (every figure) and bench/results.md (the tables the README quotes,
each target with PASS or FAIL). Measures, on this machine:
1. extraction of every sample, in process (median of several runs after a warm-up), and per
   page for PDFs and OFDs; the loaders alone, OFD beside PDF;
2. every committed PDF against PDFium's raw text and PyMuPDF's ``get_text`` (``bench`` extra),
   and the two PDF samples against plain pdfplumber ``extract_text`` (``pdf_engines``);
3. 100-, 300- and 1000-page PDFs, one process each: ms/page, the 1000/100 ratio, peak RSS
   against PDFium alone on the same file (``pdf_engines``);
4. the first call as a process: ``jiufeng --version`` and ``jiufeng extract`` of a text sample
   beside ``python -c pass`` and ``python -c "import pydantic"`` (``processes``);
5. ``jiufeng batch`` with -j 1 and -j 2 over copies of every sample (``processes``).
Takes a few minutes on 2 cores.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pdf_engines import bench_engines, bench_long
from processes import bench_batch, bench_first_call
from report import markdown, targets
from timing import RUNS, paired

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUT = ROOT / "bench"


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def samples() -> list[Path]:
    suffixes = {".txt", ".html", ".docx", ".pdf", ".ofd"}
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in suffixes)


def page_count(path: Path) -> int:
    import pypdfium2

    if path.suffix == ".ofd":
        from jiufeng_extract.load.ofd import read_pages

        return read_pages(path.read_bytes(), str(path))[0]

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def bench_samples() -> list[dict[str, Any]]:
    from jiufeng_extract import extract_path

    rows = []
    for path in samples():
        seconds = median_seconds(lambda p=path: extract_path(p))
        pages = page_count(path) if path.suffix in (".pdf", ".ofd") else None
        rows.append(
            {
                "file": path.name,
                "format": path.suffix[1:],
                "pages": pages,
                "ms": round(seconds * 1000, 1),
                "ms_per_page": round(seconds * 1000 / pages, 2) if pages else None,
            }
        )
    return rows


def bench_fixed_layout_reading() -> list[dict[str, Any]]:
    """Reading alone (the loader: file → lines and tables, no parsing), OFD beside PDF, for
    each seed rendered in both (the OFD is written from the PDF's layout)."""
    from jiufeng_extract.load.dispatch import load_document
    from jiufeng_extract.options import ExtractOptions

    options = ExtractOptions()
    rows = []
    for pdf in (p for p in samples() if p.suffix == ".pdf"):
        ofd = pdf.with_suffix(".ofd")
        if not ofd.exists():
            continue
        pages = page_count(pdf)
        row: dict[str, Any] = {"seed": pdf.stem, "pages": pages}
        for path in (pdf, ofd):
            seconds = median_seconds(lambda p=path: load_document(p, options))
            row[f"{path.suffix[1:]}_ms_per_page"] = round(seconds * 1000 / pages, 2)
        rows.append(row)
    rows.append(_real_ofds(options))
    return rows


def _real_ofds(options: Any) -> dict[str, Any]:
    """The real OFDs of another producer (tests/data/ofd, invoices and certificates with
    embedded fonts and images) read by the loader, all together: OFD ms/page."""
    from jiufeng_extract.errors import JiufengError
    from jiufeng_extract.load.dispatch import load_document

    real = sorted((ROOT / "tests" / "data" / "ofd").glob("*.ofd"))
    readable = []
    for path in real:
        try:
            load_document(path, options)
        except JiufengError:
            continue  # the damaged, bomb and shapes-only files: nothing to time
        readable.append(path)
    pages = sum(page_count(p) for p in readable)

    def read_all() -> None:
        for path in readable:
            load_document(path, options)

    seconds = median_seconds(read_all)
    return {
        "seed": f"{len(readable)} real OFDs (tests/data/ofd)",
        "pages": pages,
        "pdf_ms_per_page": "",
        "ofd_ms_per_page": round(seconds * 1000 / pages, 2),
    }


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "jiufeng_extract": version("jiufeng-extract"),
        "pdfplumber": version("pdfplumber"),
        "pypdfium2": version("pypdfium2"),
        "pymupdf": _version_or_none("pymupdf"),
        "peak_rss_unit": "VmHWM of the measuring process (ru_maxrss without /proc)",
    }


def _version_or_none(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def bench_pdfplumber() -> list[dict[str, Any]]:
    """The PDF samples beside plain pdfplumber ``extract_text`` on every page."""
    import pdfplumber

    from jiufeng_extract import extract_path

    def plumber_text(path: Path) -> None:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()

    rows = []
    for path in (p for p in samples() if p.suffix == ".pdf"):
        timed = paired(lambda p=path: extract_path(p), [lambda p=path: plumber_text(p)])
        rows.append(
            {
                "file": path.name,
                "jiufeng_ms": round(timed.a * 1000, 1),
                "pdfplumber_text_ms": round(timed.b[0] * 1000, 1),
                "ratio_vs_pdfplumber_text": round(timed.ratios[0], 3),
            }
        )
    return rows


def main() -> None:
    print("measuring… (a few minutes)", file=sys.stderr)
    results: dict[str, Any] = {"machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("samples", bench_samples),
            ("fixed_layout_reading", bench_fixed_layout_reading),
            ("pdf_engines", bench_engines),
            ("pdfplumber", bench_pdfplumber),
            ("first_call", bench_first_call),
            ("long_pdfs", lambda: bench_long(workdir)),
            ("batch", lambda: bench_batch(workdir)),
        ]
        for name, step in steps:
            start = time.perf_counter()
            results[name] = step()
            print(f"  {name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    results["load_average"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = [
        {"target": what, "figure": figure, "met": ok} for what, figure, ok in targets(results)
    ]
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    report = markdown(results)
    (OUT / "results.md").write_text(report, encoding="utf-8")
    print(report)
    print(f"wrote {OUT / 'results.json'} and {OUT / 'results.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
