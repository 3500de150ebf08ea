"""``make eval`` (second part): ``jiufeng diff`` scored on the labelled edition pairs.

Each ``tests/data/diff/labels/*.yaml`` names an old and a new circular and, read by hand, which
tasks are counterparts and how (``kind``). Scored per pair and overall:

- links: the (old task, new task) edges of every link the diff shows as a counterpart (same,
  reworded, moved, split, merged), against the labelled ones. A ``possible`` label is a partial
  echo: neither required nor an error when shown. Precision, recall and F1 of the edges.
- kinds: labelled links found with exactly the labelled tasks on both sides and the same kind.
- unrelated: labelled pairs of different tasks that the diff links anyway (even as a suggestion).
- weak shown as edit: a ``possible`` pair the diff shows as a counterpart (reworded, split, …).

``--calibrate`` scores every threshold from 0.10 to 0.40 and prints the table from which
``DEFAULT_THRESHOLD`` (src/jiufeng_extract/diff/changes.py) was chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from jiufeng_extract import extract_path
from jiufeng_extract.diff import compare
from jiufeng_extract.diff.changes import DEFAULT_THRESHOLD

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "diff" / "labels"
STRONG = {"unchanged", "reworded", "moved", "split", "merged"}
Edge = tuple[int, int]


def load() -> list[tuple[str, dict[str, Any], Any, Any]]:
    pairs = []
    for path in sorted(LABELS.glob("*.yaml")):
        label = yaml.safe_load(path.read_text(encoding="utf-8"))
        old, new = extract_path(ROOT / label["old"]), extract_path(ROOT / label["new"])
        pairs.append((path.stem, label, old, new))
    return pairs


def _edges(links: list[dict[str, Any]], kinds: set[str]) -> set[Edge]:
    return {
        (i, j) for link in links if link["kind"] in kinds for i in link["old"] for j in link["new"]
    }


def score(label: dict[str, Any], report: Any) -> dict[str, Any]:
    truth = _edges(label["links"], STRONG)
    allowed = _edges(label["links"], {"possible"})
    shown = [c for c in report.task_changes if c.old and c.new]
    strong = {(i, j) for c in shown if c.kind.value in STRONG for i in c.old for j in c.new}
    every = {(i, j) for c in shown for i in c.old for j in c.new}
    false = strong - truth - allowed
    weak_as_edit = (strong & allowed) - truth  # a partial echo shown as if it were an edit
    found = strong & truth
    predicted = {(tuple(c.old), tuple(c.new), c.kind.value) for c in shown}
    predicted |= {(tuple(c.old), tuple(c.new), c.kind.value) for c in report.task_changes}
    wanted = [link for link in label["links"] if link["kind"] in STRONG]
    right_kind = [
        link
        for link in wanted
        if (tuple(link["old"]), tuple(link["new"]), link["kind"]) in predicted
    ]
    unrelated = [u for u in label.get("unrelated") or [] if (u["old"], u["new"]) in every]
    return {
        "true": len(found),
        "shown": len(strong - allowed),
        "labelled": len(truth),
        "kinds": f"{len(right_kind)}/{len(wanted)}",
        "kinds_right": len(right_kind),
        "kinds_total": len(wanted),
        "false_links": sorted(false),
        "weak_as_edit": sorted(weak_as_edit),
        "missed": sorted(truth - strong),
        "unrelated_linked": [(u["old"], u["new"]) for u in unrelated],
    }


def _prf(true: int, shown: int, labelled: int) -> tuple[float, float, float]:
    p = true / shown if shown else 1.0
    r = true / labelled if labelled else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(threshold: float, pairs: list[Any] | None = None) -> dict[str, Any]:
    pairs = pairs if pairs is not None else load()
    rows = {}
    for name, label, old, new in pairs:
        rows[name] = score(label, compare(old, new, threshold))
    total = [sum(r[k] for r in rows.values()) for k in ("true", "shown", "labelled")]
    p, r, f = _prf(*total)
    kinds = (
        sum(r["kinds_right"] for r in rows.values()),
        sum(r["kinds_total"] for r in rows.values()),
    )
    return {
        "threshold": threshold,
        "pairs": rows,
        "precision": p,
        "recall": r,
        "f1": f,
        "kinds": kinds,
    }


def report(result: dict[str, Any]) -> str:
    lines = [f"diff links on the labelled pairs (threshold {result['threshold']}):"]
    for name, row in result["pairs"].items():
        p, r, _ = _prf(row["true"], row["shown"], row["labelled"])
        lines.append(
            f"  {name:15} precision {p:.2f}  recall {r:.2f}  kinds {row['kinds']}"
            + (f"  false {row['false_links']}" if row["false_links"] else "")
            + (f"  weak shown as edit {row['weak_as_edit']}" if row["weak_as_edit"] else "")
            + (f"  missed {row['missed']}" if row["missed"] else "")
            + (f"  unrelated {row['unrelated_linked']}" if row["unrelated_linked"] else "")
        )
    lines.append(
        f"  {'all':15} precision {result['precision']:.2f}  recall {result['recall']:.2f}  "
        f"F1 {result['f1']:.2f}  kinds {result['kinds'][0]}/{result['kinds'][1]}"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    pairs = load()
    if args.calibrate:
        print("threshold  precision  recall  F1    kinds")
        for step in range(10, 41):
            result = evaluate(step / 100, pairs)
            print(
                f"{step / 100:9.2f}  {result['precision']:9.2f}  {result['recall']:6.2f}  "
                f"{result['f1']:.2f}  {result['kinds'][0]}/{result['kinds'][1]}"
            )
        return 0
    result = evaluate(args.threshold, pairs)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
