from __future__ import annotations

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
