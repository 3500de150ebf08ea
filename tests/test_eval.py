"""Accuracy on the real-document corpus may not fall below the committed baseline.

``make eval`` prints the figures; ``eval/baseline.json`` holds the ones this test defends. Raise
the baseline (``python eval/run.py --write-baseline``) in the commit that earns it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _evaluate() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("eval_run", ROOT / "eval" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results: dict[str, Any] = module.evaluate()
    return results


def test_no_field_falls_below_the_baseline() -> None:
    baseline = json.loads((ROOT / "eval" / "baseline.json").read_text(encoding="utf-8"))
    results = _evaluate()
    fallen = {
        name: (f"{f['passed']}/{f['total']}", f"baseline {baseline['fields'][name]:.3f}")
        for name, f in results["fields"].items()
        if f["passed"] / f["total"] < baseline["fields"].get(name, 0.0) - 1e-9
    }
    assert fallen == {}
    assert results["passed"] / results["total"] >= baseline["overall"] - 1e-9
    assert len(results["refused"]) <= baseline["refused"], results["refused"]


def test_the_corpus_is_what_its_readme_says() -> None:
    docs = sorted(p.name for p in (ROOT / "corpus" / "docs").iterdir())
    keys = sorted(p.name.removesuffix(".yaml") for p in (ROOT / "corpus" / "keys").iterdir())
    sources = (ROOT / "corpus" / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert docs == keys
    assert sorted(line.split("\t")[0] for line in sources) == docs
    assert len(docs) >= 66
