"""What a new ``jiufeng`` process loads: ``--version`` answers before typer, pydantic and the
pipeline; a text circular does not load the readers of other formats nor the YAML, CSV and
XLSX writers. (How long that takes is measured by ``make bench``, not here.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import jiufeng_extract
from conftest import ROOT

_LOADED = """
import json, sys
from jiufeng_extract.cli import main
sys.argv = ["jiufeng", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded(*args: str) -> tuple[int, str, set[str]]:
    """Exit code, stdout and the top-level packages imported by ``jiufeng ARGS``."""
    run = subprocess.run(
        [sys.executable, "-c", _LOADED, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    report = json.loads(run.stderr.strip().splitlines()[-1])
    return report["code"], run.stdout, {name.split(".")[0] for name in report["modules"]}


def test_version_answers_before_typer_and_pydantic() -> None:
    code, out, modules = loaded("--version")
    assert code == 0
    assert out == f"jiufeng-extract {jiufeng_extract.__version__}\n"
    assert not modules & {"typer", "pydantic", "rich", "regex"}


def test_version_among_other_arguments_still_goes_through_the_application() -> None:
    code, out, _ = loaded("--version", "extract")
    assert (code, out) == (0, f"jiufeng-extract {jiufeng_extract.__version__}\n")


OTHER_READERS = {"lxml", "docx", "pypdfium2", "pdfplumber", "openpyxl", "fontTools", "PIL"}
WRITERS = {"yaml", "openpyxl"}


def test_a_text_circular_loads_no_other_format_reader_nor_other_writers() -> None:
    code, out, modules = loaded("extract", "samples/national-2024-jiufeng.txt", "-q")
    assert code == 0
    assert json.loads(out)["metadata"]["doc_number"] == "国卫医急函〔2024〕101号"
    assert not modules & (OTHER_READERS | WRITERS | {"charset_normalizer"})


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["samples/shanghai-2023-jiufeng.html", "-f", "yaml"], {"lxml", "yaml"}),
        (["samples/shanghai-2023-jiufeng.docx", "-f", "csv"], {"docx"}),
        (["samples/national-2024-jiufeng.ofd"], {"lxml"}),
    ],
)
def test_each_format_loads_its_reader_when_it_comes(args: list[str], wanted: set[str]) -> None:
    code, _, modules = loaded("extract", *args, "-q")
    assert code == 0
    assert wanted <= modules


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("tests/data/encrypted.pdf", 6),  # the PDF reader's own error class, imported late
        ("tests/data/ofd/damaged.ofd", 3),
        ("no-such-file.txt", 3),
    ],
)
def test_exit_codes_of_readers_imported_late(name: str, code: int) -> None:
    assert loaded("extract", name, "-q")[0] == code


def test_every_module_the_batch_fork_server_preloads_exists() -> None:
    """The fork server skips a module it cannot import without a word: a wrong name would
    only make every worker import it again."""
    import importlib

    from jiufeng_extract.batch.workers import PRELOAD

    for name in PRELOAD:
        importlib.import_module(name)
