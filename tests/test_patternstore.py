"""Compiled patterns kept between processes (``patternstore.py``): read back they match as
compiled ones do, a damaged or foreign file is ignored, PYTHONDONTWRITEBYTECODE writes none,
and after ``python -m jiufeng_extract.cli.prime`` a text extract compiles no pattern."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from conftest import ROOT
from jiufeng_extract import patternstore
from jiufeng_extract.patterns import HEADING_CN_PAREN, on_first_use

_SOURCE = r"^(?P<num>\p{Han}+)[、.](?P<rest>.*)$"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store of this process, kept in ``tmp_path``."""
    path = tmp_path / "patterns.pickle"
    monkeypatch.setattr(patternstore, "store_path", lambda: path)
    monkeypatch.setattr(patternstore, "_store", None)
    monkeypatch.setattr(patternstore, "_added", True)  # no writing at this process's exit
    return path


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: nothing compiled yet, the file read again on first use."""
    monkeypatch.setattr(patternstore, "_store", None)


def _refuse_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled instead of read")

    monkeypatch.setattr(regex, "compile", refuse)


def test_a_kept_pattern_is_read_back_and_matches_as_compiled(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = patternstore.compile(_SOURCE, regex.IGNORECASE)
    patternstore._save()
    _forget(monkeypatch)
    _refuse_compiling(monkeypatch)
    read = patternstore.compile(_SOURCE, regex.IGNORECASE)
    assert read is not compiled
    for text in ("一、总体要求", "十二.Strict", "1.五"):
        got, expected = read.match(text), compiled.match(text)
        assert (got and got.groupdict()) == (expected and expected.groupdict())
    assert read.flags == compiled.flags


def test_other_flags_or_another_source_are_compiled_afresh(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patternstore.compile(_SOURCE)
    patternstore._save()
    _forget(monkeypatch)
    assert patternstore.compile(_SOURCE, regex.IGNORECASE).flags & regex.IGNORECASE
    assert patternstore.compile(_SOURCE + "x").pattern == _SOURCE + "x"


@pytest.mark.parametrize(
    "content",
    [
        b"not a pickle",
        pickle.dumps({(_SOURCE, 0): os.getpid}),  # anything but a compiled pattern is refused
        pickle.dumps([1, 2]),
        pickle.dumps({(_SOURCE, 0): regex.compile("other")}),  # kept under another source
    ],
    ids=["damaged", "a function", "no table", "mislabelled"],
)
def test_a_damaged_or_foreign_file_is_ignored(store: Path, content: bytes) -> None:
    store.write_bytes(content)
    assert patternstore.compile(_SOURCE).match("一、x")


def test_a_folder_that_cannot_be_written_means_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing-parent-is-a-file"
    target.write_text("x")
    monkeypatch.setattr(patternstore, "store_path", lambda: target / "patterns.pickle")
    monkeypatch.setattr(patternstore, "_store", None)
    patternstore.compile(_SOURCE)
    patternstore._save()  # raises nothing
    assert target.read_text() == "x"


def test_patterns_declared_on_first_use_are_primed(store: Path) -> None:
    pattern = on_first_use(r"(?P<year>20\d{2})年度")
    assert (pattern.pattern, 0) in patternstore._declared
    patternstore.prime()
    kept = pickle.loads(store.read_bytes())
    assert (r"(?P<year>20\d{2})年度", 0) in kept
    assert (HEADING_CN_PAREN.pattern, 0) in kept


_COUNT = """if True:
    import sys, regex
    from jiufeng_extract.cli import main
    compiled = []
    real = regex.compile
    regex.compile = lambda *a, **k: compiled.append(a[0]) or real(*a, **k)
    sys.argv = ["jiufeng", "extract", "samples/national-2024-jiufeng.txt", "-q", "-o", sys.argv[1]]
    main()
    print(len(compiled))
"""


def _extract_counting(prefix: Path, out: Path, *, no_bytecode: bool) -> int:
    env = {"PATH": os.environ["PATH"], "PYTHONPYCACHEPREFIX": str(prefix)}
    if no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _COUNT, str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=True,
    )
    return int(done.stdout.split()[-1])


def test_the_next_process_reads_what_one_compiled(tmp_path: Path) -> None:
    prefix = tmp_path / "cache"
    first = _extract_counting(prefix, tmp_path / "1.json", no_bytecode=False)
    assert first > 20
    assert _extract_counting(prefix, tmp_path / "2.json", no_bytecode=False) == 0
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "2.json").read_bytes()


def test_no_file_under_pythondontwritebytecode_until_primed(tmp_path: Path) -> None:
    prefix = tmp_path / "cache"
    assert _extract_counting(prefix, tmp_path / "1.json", no_bytecode=True) > 20
    assert not list(prefix.rglob("*.pickle"))
    env = {"PATH": os.environ["PATH"], "PYTHONPYCACHEPREFIX": str(prefix)}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run(
        [sys.executable, "-m", "jiufeng_extract.cli.prime"],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=True,
    )
    assert _extract_counting(prefix, tmp_path / "2.json", no_bytecode=True) == 0
