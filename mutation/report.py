"""Survivors of `make mutation` by module, the score, and the equivalent mutants apart.

Reads mutmut's stored results (`mutmut results --all true`) and mutation/equivalent.toml, the
mutants that cannot change behaviour, each with its reason. Prints a table per module and the
surviving mutants' names (`.venv/bin/mutmut show NAME` prints the change); writes the same to
mutation/results.md. A listed equivalent that no longer exists is reported, so the list cannot
go stale unnoticed.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "mutation" / "equivalent.toml"
RESULTS = ROOT / "mutation" / "results.md"


def module_of(name: str) -> str:
    """'jiufeng_extract.parse.tables.x_parse_responsibility__mutmut_3' → 'parse/tables.py'."""
    parts = name.split(".")
    at = next(i for i, p in enumerate(parts) if p.startswith(("x_", "xǁ")))
    return "/".join(parts[1:at]) + ".py"


def load_results() -> dict[str, str]:
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    status: dict[str, str] = {}
    for line in out.splitlines():
        name, sep, state = line.strip().rpartition(": ")
        if sep and name.startswith("jiufeng_extract."):
            status[name] = state
    return status


def main() -> int:
    equivalent: dict[str, str] = {
        e["mutant"]: e["reason"]
        for e in tomllib.loads(EQUIVALENT.read_text("utf-8")).get("mutant", [])
    }
    status = load_results()
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for name, state in sorted(status.items()):
        module = module_of(name)
        if name in equivalent:
            by_module[module]["equivalent"] += 1
            continue
        by_module[module][state] += 1
        if state in ("survived", "no tests", "timeout", "suspicious"):
            survivors[module].append(f"{name} ({state})")
    lines = [
        "| module | mutants | equivalent | killed | survived | no tests | other | not run |"
        " score |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for module, c in sorted(by_module.items()):
        total.update(c)
        lines.append(_row(module, c))
    lines.append(_row("**all**", total))
    stale = sorted(set(equivalent) - set(status))
    lines.append("")
    for module, names in sorted(survivors.items()):
        lines.append(f"survivors in {module}:")
        lines += [f"- {n}" for n in names]
    if stale:
        lines.append("equivalent.toml names mutants that no longer exist:")
        lines += [f"- {n}" for n in stale]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


def _row(module: str, c: Counter[str]) -> str:
    checked = c["killed"] + c["caught by type check"]
    other = c["timeout"] + c["suspicious"] + c["segfault"]
    not_run = c["not checked"]
    scored = checked + c["survived"] + c["no tests"] + other
    score = f"{100 * checked / scored:.1f}%" if scored else "–"
    return (
        f"| {module} | {sum(c.values())} | {c['equivalent']} | {checked} | {c['survived']} |"
        f" {c['no tests']} | {other} | {not_run} | {score} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
