"""``make eval``: the extractor over the real-document corpus, scored against its keys.

Each ``corpus/docs/NAME`` is extracted in-process exactly as ``jiufeng extract`` would (same
options, same JSON), then scored by ``corpus/score_keys.py`` against ``corpus/keys/NAME.yaml``.
Prints per-field accuracy and the documents that miss, and writes ``eval/results.md`` and
``eval/results.json``. ``--write-baseline`` records today's figures in ``eval/baseline.json``;
``tests/test_eval.py`` fails when any field falls below it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from jiufeng_extract import JiufengError, extract_path
from jiufeng_extract.emit.serialize import dumps
from jiufeng_extract.formats import OutputFormat

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
HERE = ROOT / "eval"
FIELDS = (
    "doc_number",
    "title",
    "doc_type",
    "signed_date",
    "published_date",
    "issuers",
    "recipients",
    "enclosure_title",
    "top_sections",
    "visible_tasks",
    "not_tasks",
    "must_contain",
)


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_keys", CORPUS / "score_keys.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate() -> dict[str, Any]:
    """Score every keyed document: per-document checks, per-field and overall accuracy."""
    scorer = _scorer()
    documents = []
    for key_path in sorted((CORPUS / "keys").glob("*.yaml")):
        key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
        doc = CORPUS / "docs" / key["file"]
        refused = None
        try:
            output = json.loads(dumps(extract_path(doc), OutputFormat.JSON))
        except JiufengError as error:
            refused = f"exit {error.exit_code}: {error}"
            output = None
        checks = scorer.score(output or {}, key)
        if output is None:
            checks = [dict(c, ok=False, got="<no output>") for c in checks]
        documents.append({"file": key["file"], "refused": refused, "checks": checks})
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for document in documents:
        for check in document["checks"]:
            fields[check["check"]][0] += check["ok"]
            fields[check["check"]][1] += 1
    passed = sum(p for p, _ in fields.values())
    total = sum(t for _, t in fields.values())
    return {
        "documents": documents,
        "fields": {
            f: {"passed": fields[f][0], "total": fields[f][1]} for f in FIELDS if f in fields
        },
        "passed": passed,
        "total": total,
        "refused": [d["file"] for d in documents if d["refused"]],
    }


def _pct(passed: int, total: int) -> str:
    return f"{100 * passed / total:.1f}%" if total else "-"


def report(results: dict[str, Any]) -> str:
    lines = [
        "# Accuracy on the real-document corpus",
        "",
        f"{len(results['documents'])} documents, {results['passed']}/{results['total']} checks "
        f"({_pct(results['passed'], results['total'])}), "
        f"{len(results['refused'])} refused.",
        "",
        "| field | passed | checks | accuracy |",
        "|---|---:|---:|---:|",
    ]
    for name, f in results["fields"].items():
        lines.append(f"| {name} | {f['passed']} | {f['total']} | {_pct(f['passed'], f['total'])} |")
    lines += ["", "## Misses", ""]
    for document in results["documents"]:
        misses = [c for c in document["checks"] if not c["ok"]]
        if document["refused"]:
            lines.append(f"- `{document['file']}`: refused ({document['refused']})")
        for c in misses:
            got = json.dumps(c["got"], ensure_ascii=False, default=str)[:160]
            want = json.dumps(c["want"], ensure_ascii=False, default=str)[:160]
            lines.append(f"- `{document['file']}` {c['check']}: got {got}, want {want}")
    return "\n".join(lines) + "\n"


def baseline(results: dict[str, Any]) -> dict[str, Any]:
    return {
        "fields": {n: f["passed"] / f["total"] for n, f in results["fields"].items()},
        "overall": results["passed"] / results["total"],
        "refused": len(results["refused"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-baseline", action="store_true", help="record eval/baseline.json")
    args = parser.parse_args()
    results = evaluate()
    text = report(results)
    (HERE / "results.md").write_text(text, encoding="utf-8")
    (HERE / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    if args.write_baseline:
        (HERE / "baseline.json").write_text(
            json.dumps(baseline(results), indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    head, _, misses = text.partition("## Misses")
    sys.stdout.write(head)
    sys.stdout.write(f"misses: {misses.count(chr(10) + '- ')} (eval/results.md lists them)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
