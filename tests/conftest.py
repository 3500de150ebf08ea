from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
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


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    stdin: str | None = None,
    preexec_fn: Callable[[], object] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``jiufeng ARGS`` as a new process (from the repository root unless ``cwd``), colours off,
    nothing of the caller's environment but PATH; ``env`` adds to (or overrides) PATH and
    NO_COLOR."""
    return subprocess.run(
        [sys.executable, "-m", "jiufeng_extract", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        env={"PATH": os.environ["PATH"], "NO_COLOR": "1", **(env or {})},
        timeout=timeout,
        preexec_fn=preexec_fn,
    )
