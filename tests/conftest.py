from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = ROOT / "tests" / "data"
SAMPLE_FILES = sorted(
    p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html", ".docx", ".pdf", ".ofd")
)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root so source paths in outputs are 'samples/…'."""
    monkeypatch.chdir(ROOT)
    return ROOT


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``jiufeng ARGS`` as a new process from the repository root, colours off; ``env`` adds to
    (or overrides) PATH and NO_COLOR."""
    return subprocess.run(
        [sys.executable, "-m", "jiufeng_extract", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "NO_COLOR": "1", **(env or {})},
        timeout=300,
    )
