"""The hostile half of the bad-input matrix (tests/test_bad_inputs.py holds the broken half):
resource bombs, non-regular files, output paths and lying charsets, through the real CLI.

Every case runs one process and asserts its exit code, one line naming the file (on stderr;
``validate`` reports problems on stdout), a bounded wall time and peak memory of the process
and its workers, and for extract that nothing is left beside the output and an existing output
is untouched. The inputs come from ``tests/hostile/make_inputs.py`` at test time.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from hostile import make_inputs as make

TEXT = SAMPLES / "national-2024-jiufeng.txt"
OLD_OUTPUT = '{"kept": true}\n'
_MEASURED = (
    "import resource, subprocess, sys, time; t = time.monotonic(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE); "
    "sys.stderr.buffer.write(r.stderr); sys.stdout.buffer.write(r.stdout); "
    "print('\\n@', r.returncode, time.monotonic() - t, "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)"
)


def measured(
    *args: str, preexec: Callable[[], None] | None = None
) -> tuple[int, str, str, float, int]:
    """Exit code, stdout, stderr, wall seconds and peak RSS (MB) of ``jiufeng ARGS``."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, sys.executable, "-m", "jiufeng_extract", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "NO_COLOR": "1"},
        timeout=300,
        preexec_fn=preexec,
    )
    out, _, tail = done.stdout.rpartition("\n@ ")
    code, wall, rss = tail.split()
    return int(code), out.strip(), done.stderr.strip(), float(wall), int(rss)


Case = tuple[str, Callable[[Path], Path], list[str], int, str, float, int]
# name, input maker, command (FILE is the input), exit code, words of the message,
# at most this many seconds and MB of peak RSS
EXTRACT = ["extract", "FILE"]
MATRIX: list[Case] = [
    (
        "PDF of nested forms",
        make.make_nested_forms,
        [*EXTRACT, "--max-memory", "1024"],
        3,
        "memory limit of 1024 MB (--max-memory raises it)",
        120,
        1100,
    ),
    ("PDF stream inflating to 1.5 GB", make.make_inflating_stream, EXTRACT, 3, "bomb", 60, 300),
    ("DOCX gridSpan 2e7", make.make_grid_span, EXTRACT, 0, "", 60, 400),
    ("DOCX roman start 1e15", make.make_huge_start, EXTRACT, 0, "", 60, 400),
    ("DOCX letter start 1e15", make.make_huge_letters, EXTRACT, 0, "", 60, 400),
    ("DOCX w:start=one w:ilvl=x", make.make_malformed_numbers, EXTRACT, 0, "", 60, 400),
    ("HTML rowspan 65534 colspan 1000", make.make_html_spans, EXTRACT, 3, "cells", 60, 400),
    ("HTML in 254 divs", make.make_deep_divs, EXTRACT, 0, "", 60, 400),
    (
        "HTML in 3000 divs",
        lambda tmp: make.make_deep_divs(tmp, 3000),
        EXTRACT,
        3,
        "nested",
        60,
        400,
    ),
    ("UTF-8 page saying iso-8859-1", make.make_utf8_as_latin1, EXTRACT, 0, "", 60, 400),
    ("GBK page saying windows-1252", make.make_gbk_as_1252, EXTRACT, 0, "", 60, 400),
    (
        "YAML alias tree to diff",
        make.make_yaml_aliases,
        ["diff", "FILE", "FILE"],
        3,
        "aliases",
        60,
        400,
    ),
    (
        "YAML alias tree to validate",
        make.make_yaml_aliases,
        ["validate", "FILE"],
        1,
        "aliases",
        60,
        400,
    ),
    ("YAML alias cycle to units", make.make_yaml_cycle, ["units", "FILE"], 3, "no end", 60, 400),
    (
        "JSON 200,000 deep to validate",
        make.make_deep_json,
        ["validate", "FILE"],
        1,
        "nested",
        60,
        400,
    ),
    ("JSON 200,000 deep to check", make.make_deep_json, ["check", "FILE"], 3, "nested", 60, 400),
    (
        "JSON over --max-bytes to validate",
        make.make_large_json,
        ["validate", "FILE", "--max-bytes", "1000000"],
        1,
        "(--max-bytes)",
        60,
        400,
    ),
    (
        "time limit in process",
        make.make_long_text,
        [*EXTRACT, "--time-limit", "0.5"],
        3,
        "--time-limit",
        30,
        400,
    ),
    (
        "time limit of a worker",
        make.make_nested_forms,
        [*EXTRACT, "--time-limit", "3"],
        3,
        "--time-limit",
        30,
        4200,
    ),
    (
        "memory limit in process",
        lambda _: TEXT,
        [*EXTRACT, "--max-memory", "100"],
        3,
        "--max-memory",
        30,
        400,
    ),
]
for command in ("extract", "text", "validate", "diff"):
    args = ["diff", "FILE", str(TEXT)] if command == "diff" else [command, "FILE"]
    code = 1 if command == "validate" else 3
    MATRIX.append(
        (f"/dev/zero to {command}", lambda _: Path("/dev/zero"), args, code, "is a device", 30, 400)
    )
    MATRIX.append((f"FIFO to {command}", lambda tmp: _fifo(tmp), args, code, "FIFO", 30, 400))


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


@pytest.mark.parametrize(
    ("case", "maker", "args", "code", "words", "seconds", "megabytes"),
    MATRIX,
    ids=[m[0] for m in MATRIX],
)
def test_hostile_matrix(
    tmp_path: Path,
    case: str,
    maker: Callable[[Path], Path],
    args: list[str],
    code: int,
    words: str,
    seconds: float,
    megabytes: int,
) -> None:
    source = maker(tmp_path)
    command = [str(source) if a == "FILE" else a for a in args]
    output = tmp_path / "out" / "result.json"
    if args[0] == "extract":
        output.parent.mkdir()
        output.write_text(OLD_OUTPUT)
        command += ["-o", str(output)]
    got, out, err, wall, rss = measured(*command)
    assert got == code, err or out
    assert wall < seconds and rss < megabytes, (wall, rss)
    assert "Traceback" not in err and "internal error" not in err
    if args[0] == "extract":
        assert sorted(p.name for p in output.parent.iterdir()) == ["result.json"]
        if code == 0:
            assert len(json.loads(output.read_text(encoding="utf-8"))["tasks"]) == 15
            return
        assert output.read_text() == OLD_OUTPUT
    lines = (out if args[0] == "validate" else err).splitlines()
    message = [line for line in lines if str(source) in line]
    assert len(message) == 1 and words in message[0], lines
    if args[0] != "validate":
        assert len(lines) == 1 and lines[0].startswith(f"jiufeng: error: {source}: "), lines


def _symlink(tmp: Path) -> Path:
    (tmp / "elsewhere.json").write_text(OLD_OUTPUT)
    (tmp / "link.json").symlink_to(tmp / "elsewhere.json")
    return tmp / "link.json"


def _fifo_output(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.json")
    return tmp / "pipe.json"


def _folder(tmp: Path) -> Path:
    (tmp / "folder.json").mkdir()
    return tmp / "folder.json"


def _small_file_limit() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))  # a full disk after 1000 bytes


OUTPUTS: list[tuple[str, Callable[[Path], Path], int, str]] = [
    ("a symbolic link", _symlink, 3, "symbolic link"),
    ("a FIFO", _fifo_output, 3, "FIFO"),
    ("an existing folder", _folder, 2, "is a folder"),
    ("a 250-byte name", lambda tmp: tmp / ("n" * 245 + ".json"), 0, ""),
]


@pytest.mark.parametrize(("case", "target", "code", "words"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_output_paths(
    tmp_path: Path, case: str, target: Callable[[Path], Path], code: int, words: str
) -> None:
    output = target(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    got, _, err, _, _ = measured("extract", str(TEXT), "-o", str(output))
    assert got == code, err
    if code == 0:
        assert len(json.loads(output.read_text(encoding="utf-8"))["tasks"]) == 15
        return
    assert (
        err.splitlines() == [err] and err.startswith(f"jiufeng: error: {output}: ") and words in err
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path / "link.json").exists() or (tmp_path / "link.json").is_symlink()
    assert not (tmp_path / "elsewhere.json").exists() or (
        (tmp_path / "elsewhere.json").read_text() == OLD_OUTPUT
    )


def test_device_as_output_is_not_replaced(tmp_path: Path) -> None:
    got, _, err, _, _ = measured("extract", str(TEXT), "-f", "json", "-o", "/dev/null")
    assert got == 3 and "refusing to write through it" in err
    assert Path("/dev/null").is_char_device()


def test_a_full_disk_is_exit_3_and_the_old_output_stays(tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    output.write_text(OLD_OUTPUT)
    got, _, err, _, _ = measured("extract", str(TEXT), "-o", str(output), preexec=_small_file_limit)
    assert got == 3, err
    assert err == f"jiufeng: error: {output}: cannot write output: File too large"
    assert output.read_text() == OLD_OUTPUT and [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_no_space_left_on_a_small_tmpfs(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(disk)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        output = disk / "out.json"
        output.write_text(OLD_OUTPUT)
        got, _, err, _, _ = measured("extract", str(TEXT), "-o", str(output))
        assert got == 3 and err.endswith("cannot write output: No space left on device"), err
        assert output.read_text() == OLD_OUTPUT and [p.name for p in disk.iterdir()] == ["out.json"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)
