"""`make bench`: where the time goes, against the libraries underneath.

Writes bench/results.json (every figure) and bench/results.md (the tables the README quotes).
Measures, on this machine:
1. extraction of every sample, in process (median of several runs after a warm-up), and per
   page for PDFs;
2. the same PDFs read by plain pdfplumber (extract_text, and extract_text + extract_tables on
   every page) and by pypdfium2's text extraction, and the ratios jiufeng / each;
3. cold start as processes: `jiufeng --version`, `jiufeng extract` of a text sample;
4. long PDFs made by repeating the Shanghai sample's pages (75, 150, 300 pages), each in its own
   process: time, time per page, peak RSS;
5. `jiufeng batch` throughput with -j 1 and -j 2 over a few hundred circulars.
"""

from __future__ import annotations

import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUT = ROOT / "bench"
BIN = Path(sys.executable).parent
RUNS = 5
BIG_PAGES = (75, 150, 300)
BATCH_COPIES = 24  # of each of the 9 samples: 216 files


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


def bench_pdf_libraries() -> list[dict[str, Any]]:
    import pdfplumber
    import pypdfium2

    from jiufeng_extract import extract_path

    def plumber_text(path: Path) -> None:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()

    def plumber_text_tables(path: Path) -> None:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()

    def pdfium_text(path: Path) -> None:
        document = pypdfium2.PdfDocument(path)
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()

    rows = []
    for path in (p for p in samples() if p.suffix == ".pdf"):
        ours = median_seconds(lambda p=path: extract_path(p))
        text = median_seconds(lambda p=path: plumber_text(p))
        both = median_seconds(lambda p=path: plumber_text_tables(p))
        pdfium = median_seconds(lambda p=path: pdfium_text(p))
        rows.append(
            {
                "file": path.name,
                "pages": page_count(path),
                "jiufeng_ms": round(ours * 1000, 1),
                "pdfplumber_text_ms": round(text * 1000, 1),
                "pdfplumber_text_tables_ms": round(both * 1000, 1),
                "pypdfium2_text_ms": round(pdfium * 1000, 1),
                "ratio_vs_pdfplumber_text": round(ours / text, 3),
                "ratio_vs_pdfplumber_text_tables": round(ours / both, 3),
                "ratio_vs_pypdfium2_text": round(ours / pdfium, 2),
            }
        )
    return rows


def process_seconds(args: list[str], runs: int = RUNS) -> float:
    def once() -> None:
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return median_seconds(once, runs)


def bench_cold_start() -> dict[str, float]:
    jiufeng = str(BIN / "jiufeng")
    text = str(SAMPLES / "national-2024-jiufeng.txt")
    return {
        "python_startup_s": round(process_seconds([sys.executable, "-c", "pass"]), 3),
        "version_s": round(process_seconds([jiufeng, "--version"]), 3),
        "extract_text_sample_s": round(process_seconds([jiufeng, "extract", text, "-q"]), 3),
    }


def long_pdf(pages: int, target: Path) -> None:
    """The Shanghai sample's pages repeated until the document has ``pages`` pages."""
    import pypdfium2

    source = pypdfium2.PdfDocument(SAMPLES / "shanghai-2023-jiufeng.pdf")
    document = pypdfium2.PdfDocument.new()
    while len(document) < pages:
        take = min(len(source), pages - len(document))
        document.import_pages(source, list(range(take)))
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(buffer.getvalue())


_MEASURE = """
import resource, sys, time
from jiufeng_extract import extract_path
start = time.perf_counter()
extract_path(sys.argv[1])
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_long_pdfs(workdir: Path) -> list[dict[str, Any]]:
    rows = []
    for pages in BIG_PAGES:
        path = workdir / f"long-{pages}.pdf"
        long_pdf(pages, path)
        runs = []
        for _ in range(3):
            done = subprocess.run(
                [sys.executable, "-c", _MEASURE, str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            seconds, rss_kb = done.stdout.split()
            runs.append((float(seconds), int(rss_kb)))
        seconds = statistics.median(s for s, _ in runs)
        rows.append(
            {
                "pages": pages,
                "seconds": round(seconds, 3),
                "ms_per_page": round(seconds * 1000 / pages, 2),
                "peak_rss_mb": round(max(r for _, r in runs) / 1024, 1),
            }
        )
    return rows


def bench_batch(workdir: Path) -> list[dict[str, Any]]:
    inbox = workdir / "inbox"
    inbox.mkdir()
    sources = samples()
    for copy in range(BATCH_COPIES):
        for path in sources:
            shutil.copy(path, inbox / f"{copy:03d}-{path.name}")
    files = BATCH_COPIES * len(sources)
    rows = []
    for workers in (1, 2):
        out = workdir / f"out-{workers}"
        command = [str(BIN / "jiufeng"), "batch", str(inbox), "-o", str(out), "-j", str(workers)]
        start = time.perf_counter()
        subprocess.run([*command, "--force"], check=True, capture_output=True)
        seconds = time.perf_counter() - start
        rows.append(
            {
                "workers": workers,
                "files": files,
                "seconds": round(seconds, 2),
                "files_per_s": round(files / seconds, 1),
            }
        )
    return rows


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
        "peak_rss_unit": "ru_maxrss of the measuring process",
    }


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# jiufeng-extract benchmark",
        "",
        f"Measured on {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, "
        f"Python {m['python']}; jiufeng-extract {m['jiufeng_extract']}, pdfplumber "
        f"{m['pdfplumber']}, pypdfium2 {m['pypdfium2']}. Medians of {RUNS} runs after a warm-up.",
        "",
        "## Extraction per sample (in process)",
        "",
        "| file | pages | ms | ms/page |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['file']} | {r['pages'] or ''} | {r['ms']} | {r['ms_per_page'] or ''} |"
        for r in results["samples"]
    ]
    lines += [
        "",
        "## Reading alone: OFD beside PDF (the loader, no parsing)",
        "",
        "| seed | pages | PDF ms/page | OFD ms/page |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['seed']} | {r['pages']} | {r['pdf_ms_per_page']} | {r['ofd_ms_per_page']} |"
        for r in results["fixed_layout_reading"]
    ]
    lines += [
        "",
        "## PDF: jiufeng against the libraries underneath",
        "",
        "| file | pages | jiufeng ms | pdfplumber text ms | pdfplumber text+tables ms | "
        "pypdfium2 text ms | ÷ pdfplumber text | ÷ pdfplumber text+tables | ÷ pypdfium2 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['file']} | {r['pages']} | {r['jiufeng_ms']} | {r['pdfplumber_text_ms']} | "
        f"{r['pdfplumber_text_tables_ms']} | {r['pypdfium2_text_ms']} | "
        f"{r['ratio_vs_pdfplumber_text']} | {r['ratio_vs_pdfplumber_text_tables']} | "
        f"{r['ratio_vs_pypdfium2_text']} |"
        for r in results["pdf_libraries"]
    ]
    c = results["cold_start"]
    lines += [
        "",
        "## Cold start (whole processes)",
        "",
        f"- `python -c pass`: {c['python_startup_s']} s",
        f"- `jiufeng --version`: {c['version_s']} s",
        f"- `jiufeng extract` of the national text sample: {c['extract_text_sample_s']} s",
        "",
        "## Long PDFs (Shanghai sample pages repeated; one process each)",
        "",
        "| pages | s | ms/page | peak RSS MB |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['pages']} | {r['seconds']} | {r['ms_per_page']} | {r['peak_rss_mb']} |"
        for r in results["long_pdfs"]
    ]
    lines += [
        "",
        "## Batch throughput (`jiufeng batch --force`, all samples copied)",
        "",
        "| workers | files | s | files/s |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['workers']} | {r['files']} | {r['seconds']} | {r['files_per_s']} |"
        for r in results["batch"]
    ]
    lines += ["", "## Targets", ""]
    lines += [f"- {'✅' if ok else '❌'} {what}" for what, ok in targets(results)]
    return "\n".join(lines) + "\n"


def targets(results: dict[str, Any]) -> list[tuple[str, bool]]:
    pdf = results["pdf_libraries"]
    long_rows = results["long_pdfs"]
    per_page = [r["ms_per_page"] for r in long_rows]
    batch = {r["workers"]: r["files_per_s"] for r in results["batch"]}
    worst = max(r["ratio_vs_pdfplumber_text"] for r in pdf)
    cold = results["cold_start"]
    return [
        (f"PDF no slower than pdfplumber extract_text (worst ratio {worst}, ≤ 1.0)", worst <= 1.0),
        (f"PDF ratio ≤ 0.5 against pdfplumber extract_text (worst {worst})", worst <= 0.5),
        (f"`jiufeng --version` under 0.3 s ({cold['version_s']} s)", cold["version_s"] < 0.3),
        (
            f"extract of a text sample under 0.5 s ({cold['extract_text_sample_s']} s)",
            cold["extract_text_sample_s"] < 0.5,
        ),
        (
            f"time linear in pages (ms/page {', '.join(map(str, per_page))}: spread ≤ 25%)",
            max(per_page) <= 1.25 * min(per_page),
        ),
        (
            f"300 pages under 300 MB peak ({long_rows[-1]['peak_rss_mb']} MB)",
            long_rows[-1]["peak_rss_mb"] < 300,
        ),
        (
            f"-j 2 at least 1.7× the files/s of -j 1 ({batch[2] / batch[1]:.2f}×)",
            batch[2] >= 1.7 * batch[1],
        ),
    ]


def main() -> None:
    print("measuring… (about a minute)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        results = {
            "machine": machine(),
            "samples": bench_samples(),
            "fixed_layout_reading": bench_fixed_layout_reading(),
            "pdf_libraries": bench_pdf_libraries(),
            "cold_start": bench_cold_start(),
            "long_pdfs": bench_long_pdfs(workdir),
            "batch": bench_batch(workdir),
        }
    results["targets"] = [{"target": what, "met": ok} for what, ok in targets(results)]
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
