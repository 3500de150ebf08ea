"""``make eval``, scans: the scanned seeds (``tests/data/scans/``, all pages, seals included)
read by OCR and scored against the seeds' text form and born-digital PDF.

Per seed it prints the cover facts that must be exact (doc number, title, signed date, issuers,
recipients), the task titles and responsibility rows that match the born-digital reading, and
the character accuracy of the body against the text form (``samples/<seed>.txt``): the
preamble, every section's heading and text and every special action, in reading order, without
whitespace, both sides folded by NFKC (a bracket's width is not told by its shape), scored as
1 - (characters inserted, deleted or replaced in difflib's alignment) / the text form's length.
Writes ``eval/ocr-results.json``; ``tests/test_ocr.py`` holds the accuracy at 98%.
"""

from __future__ import annotations

import difflib
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from jiufeng_extract import extract_path
from jiufeng_extract.model import Circular, Section

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ("shanghai-2023-jiufeng", "national-2024-jiufeng")
FACTS = ("doc_number", "title", "signed_date", "issuers", "recipients")
LEAST_ACCURACY = 0.98


def body(circular: Circular) -> str:
    parts = [circular.preamble or ""]

    def walk(sections: list[Section]) -> None:
        for section in sections:
            parts.append((section.title or "") + (section.text or ""))
            walk(section.children)

    walk(circular.sections)
    parts += [(action.title or "") + (action.text or "") for action in circular.special_actions]
    return "".join(unicodedata.normalize("NFKC", "".join(parts)).split())


def accuracy(reference: str, text: str) -> float:
    matcher = difflib.SequenceMatcher(None, reference, text, autojunk=False)
    errors = sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
    return 1 - errors / max(1, len(reference))


def score(seed: str, scan: Circular) -> dict[str, Any]:
    text_form = extract_path(ROOT / "samples" / f"{seed}.txt")
    born = extract_path(ROOT / "samples" / f"{seed}.pdf")
    rows = [
        (r.seq, r.units.lead, r.units.support) == (w.seq, w.units.lead, w.units.support)
        for r, w in zip(scan.responsibility_table, born.responsibility_table, strict=False)
    ]
    return {
        "facts": {f: getattr(scan.metadata, f) == getattr(born.metadata, f) for f in FACTS},
        "tasks": len(scan.tasks),
        "tasks_expected": len(born.tasks),
        "task_titles_exact": sum(
            a.title == b.title for a, b in zip(scan.tasks, born.tasks, strict=False)
        ),
        "rows": len(scan.responsibility_table),
        "rows_expected": len(born.responsibility_table),
        "rows_with_units_exact": sum(rows),
        "body_accuracy": round(accuracy(body(text_form), body(scan)), 4),
    }


def main() -> None:
    print("scans read by OCR (a minute or two a seed)…", file=sys.stderr)
    results = {}
    for seed in SEEDS:
        result = score(seed, extract_path(ROOT / "tests" / "data" / "scans" / f"{seed}-scan.pdf"))
        results[seed] = result
        facts = ", ".join(f"{f} {'ok' if ok else 'WRONG'}" for f, ok in result["facts"].items())
        print(f"{seed}-scan.pdf: {facts}")
        print(
            f"  task titles exact {result['task_titles_exact']}/{result['tasks_expected']}"
            f" (found {result['tasks']}); responsibility rows {result['rows']}"
            f"/{result['rows_expected']}, units exact in {result['rows_with_units_exact']};"
            f" body characters {result['body_accuracy']:.2%}"
            f" ({'at least' if result['body_accuracy'] >= LEAST_ACCURACY else 'BELOW'}"
            f" {LEAST_ACCURACY:.0%})"
        )
    (ROOT / "eval" / "ocr-results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
