"""The house keeps its shape: the import directions of README's "Pipeline" hold (import-linter
contracts in pyproject.toml), a wrong import is caught, and no module outgrows the style guide."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "jiufeng_extract"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 400


def _lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=package_parent,
        check=False,
    )


def test_import_directions_hold() -> None:
    result = _lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "contract"),
    [
        # a loader reaching up for a parser
        ("load/word.py", "from ..parse.segment import segment", "import downwards only"),
        # the model depending on an output
        ("model.py", "from .emit.flatten import flatten_rows", "import downwards only"),
        # a parser reaching for a loader's PDF reader (and so for pdfplumber)
        ("parse/tables.py", "from ..load.pdf import load_pdf", "Only load/ reads document formats"),
        # the diff reading a source document instead of finished circulars
        ("diff/align.py", "from ..parse.segment import segment", "diff/ reads finished"),
        # a document library outside load/
        ("units/roles.py", "import pdfplumber", "Only load/ reads document formats"),
        # one loader leaning on another
        ("load/word.py", "from .web_page import load_html", "loader stands alone"),
    ],
)
def test_a_wrong_import_is_caught(
    tmp_path: Path, module: str, wrong_import: str, contract: str
) -> None:
    copy = tmp_path / "jiufeng_extract"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{wrong_import}\n", "utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout


def test_no_module_over_the_style_guide_size() -> None:
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_every_room_says_what_it_does() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = init.read_text(encoding="utf-8").split('"""')
        assert len(doc) >= 3 and len(doc[1].split()) >= 8, f"{init} needs a docstring"
