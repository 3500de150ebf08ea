"""bench/results.md from the figures of `make bench`, and the targets of issue 22, each with
the figure measured in the same run and PASS or FAIL."""

from __future__ import annotations

from typing import Any

from pdf_engines import ENGINE_RUNS
from timing import RUNS

PDFIUM_RATIO = 2.5  # jiufeng ms/page ÷ PDFium raw text, on every committed PDF
LONG_RATIO = 1.05  # ms/page at 1000 pages ÷ at 100
RSS_RATIO = 1.5  # peak RSS at 1000 pages ÷ PDFium alone on the same file
FIRST_CALL_RATIO = 2.0  # new-process extract of a text sample ÷ python -c "import pydantic"
VERSION_S = 0.1
BATCH_SPEEDUP = 1.8  # files/s with -j 2 ÷ with -j 1


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(target, figure, met) for each target."""
    engines = results["pdf_engines"]
    worst = max(engines, key=lambda r: r["ratio_vs_pdfium"])
    long_pdfs = results["long_pdfs"]
    first = results["first_call"]
    batch = results["batch"]
    return [
        (
            f"PDF ms/page ≤ {PDFIUM_RATIO}× PDFium raw text on every committed PDF",
            f"worst {worst['ratio_vs_pdfium']}× ({worst['file']})",
            worst["ratio_vs_pdfium"] <= PDFIUM_RATIO,
        ),
        (
            f"ms/page at 1000 pages ≤ {LONG_RATIO}× that at 100",
            f"{long_pdfs['jiufeng_ratio_big_small']}× (PDFium alone "
            f"{long_pdfs['pdfium_ratio_big_small']}×)",
            long_pdfs["jiufeng_ratio_big_small"] <= LONG_RATIO,
        ),
        (
            f"peak RSS at 1000 pages ≤ {RSS_RATIO}× PDFium alone",
            f"{long_pdfs['rss_ratio_vs_pdfium']}×",
            long_pdfs["rss_ratio_vs_pdfium"] <= RSS_RATIO,
        ),
        (
            f'new-process extract of a text sample ≤ {FIRST_CALL_RATIO}× python -c "import '
            'pydantic"',
            f"{first['extract_vs_pydantic']}× ({first['extract_s']} s against "
            f"{first['import_pydantic_s']} s)",
            first["extract_vs_pydantic"] <= FIRST_CALL_RATIO,
        ),
        (
            f"`jiufeng --version` under {VERSION_S} s",
            f"{first['version_s']} s ({first['version_vs_pass']}× python -c pass)",
            first["version_s"] < VERSION_S,
        ),
        (
            f"batch -j 2 ≥ {BATCH_SPEEDUP}× the files/s of -j 1",
            f"{batch['speedup']}×",
            batch["speedup"] >= BATCH_SPEEDUP,
        ),
    ]


ENGINE_HEADER = ("file", "pages", "jiufeng ms/page", "PDFium ms/page", "÷ PDFium")
ENGINE_HEADER += ("PyMuPDF ms/page", "÷ PyMuPDF", "note")
ENGINE_KEYS = ("file", "pages", "jiufeng_ms_per_page", "pdfium_ms_per_page", "ratio_vs_pdfium")
ENGINE_KEYS += ("pymupdf_ms_per_page", "ratio_vs_pymupdf", "note")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    mupdf = f", PyMuPDF {m['pymupdf']}" if m["pymupdf"] else " (PyMuPDF not installed)"
    lines = [
        "# jiufeng-extract benchmark",
        "",
        f"Measured on {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, "
        f"Python {m['python']}; jiufeng-extract {m['jiufeng_extract']}, pdfplumber "
        f"{m['pdfplumber']}, pypdfium2 {m['pypdfium2']}{mupdf}. Medians of {RUNS} runs after "
        "a warm-up unless said; a ratio is the median of the ratios of runs made in turn. Load "
        f"average at the end: {', '.join(map(str, results['load_average']))}.",
        "",
        "## Targets",
        "",
    ]
    lines += _table(
        ["target", "figure", ""],
        [[what, figure, "PASS" if ok else "FAIL"] for what, figure, ok in targets(results)],
    )
    lines += ["", "## Extraction per sample (in process)", ""]
    lines += _table(
        ["file", "pages", "ms", "ms/page"],
        [[r["file"], r["pages"], r["ms"], r["ms_per_page"]] for r in results["samples"]],
    )
    lines += ["", "## Reading alone: OFD beside PDF (the loader, no parsing)", ""]
    lines += _table(
        ["seed", "pages", "PDF ms/page", "OFD ms/page"],
        [
            [r["seed"], r["pages"], r["pdf_ms_per_page"], r["ofd_ms_per_page"]]
            for r in results["fixed_layout_reading"]
        ],
    )
    lines += [
        "",
        "## Every committed PDF against the PDF engines' own text extraction",
        "",
        "PDFium raw text: pypdfium2 `get_text_range` on every page; PyMuPDF: `get_text` on every "
        f"page. jiufeng: `extract_path`, the whole pipeline. Medians of {ENGINE_RUNS} rounds.",
        "",
    ]
    lines += _table(
        [*ENGINE_HEADER],
        [[r[key] for key in ENGINE_KEYS] for r in results["pdf_engines"]],
    )
    lines += ["", "The PDF samples beside plain pdfplumber `extract_text`:", ""]
    lines += _table(
        ["file", "jiufeng ms", "pdfplumber text ms", "÷ pdfplumber"],
        [
            [r["file"], r["jiufeng_ms"], r["pdfplumber_text_ms"], r["ratio_vs_pdfplumber_text"]]
            for r in results["pdfplumber"]
        ],
    )
    long_pdfs = results["long_pdfs"]
    lines += [
        "",
        f"## Long PDFs ({long_pdfs['source']}; one process each, medians of "
        f"{long_pdfs['runs']} rounds)",
        "",
    ]
    lines += _table(
        ["engine", "pages", "s", "ms/page", "peak RSS MB"],
        [
            [r["engine"], r["pages"], r["seconds"], r["ms_per_page"], r["peak_rss_mb"]]
            for r in long_pdfs["rows"]
        ],
    )
    lines += [
        "",
        f"ms/page at 1000 pages ÷ at 100: jiufeng {long_pdfs['jiufeng_ratio_big_small']}, PDFium "
        f"{long_pdfs['pdfium_ratio_big_small']}; peak RSS at 1000 pages ÷ PDFium's: "
        f"{long_pdfs['rss_ratio_vs_pdfium']}.",
    ]
    first = results["first_call"]
    lines += [
        "",
        f"## The first call (whole processes, medians of {first['runs']} rounds)",
        "",
    ]
    lines += _table(
        ["process", "s", "÷ python -c pass", '÷ python -c "import pydantic"'],
        [
            ["python -c pass", first["python_pass_s"], 1, ""],
            ['python -c "import pydantic"', first["import_pydantic_s"], "", 1],
            ["jiufeng --version", first["version_s"], first["version_vs_pass"], ""],
            [
                f"jiufeng extract {first['sample']} -q",
                first["extract_s"],
                first["extract_vs_pass"],
                first["extract_vs_pydantic"],
            ],
        ],
    )
    batch = results["batch"]
    lines += [
        "",
        f"## Batch (`jiufeng batch --force`, {batch['files']} copies of the samples, medians of "
        f"{batch['runs']} rounds)",
        "",
    ]
    lines += _table(
        ["workers", "s", "files/s"],
        [[1, batch["j1_s"], batch["j1_files_per_s"]], [2, batch["j2_s"], batch["j2_files_per_s"]]],
    )
    lines += ["", f"-j 2 ÷ -j 1: {batch['speedup']}×"]
    if "one_file_s" in batch:  # results written before the fixed start was measured lack it
        lines += [
            "",
            f"The fixed start of a batch (one text file, -j of the CPU count): "
            f"{batch['one_file_s']} s, in both runs above.",
        ]
    return "\n".join(lines) + "\n"
