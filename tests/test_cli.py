"""The jiufeng command as a user runs it: a real process, exit codes, stdout vs stderr."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

import jiufeng_extract
from conftest import ROOT, run_cli

SAMPLE = "samples/national-2024-jiufeng.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``jiufeng ARGS`` with an empty PATH: no LibreOffice, no helper program found."""
    return run_cli(*args, env={"PATH": ""}, cwd=cwd)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"jiufeng-extract {jiufeng_extract.__version__}\n"


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"]])
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0 and "Usage" in result.stdout


def test_extract_to_stdout_is_json_and_talk_goes_to_stderr() -> None:
    result = run("extract", SAMPLE)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["metadata"]["doc_number"] == "国卫医急函〔2024〕101号"
    assert "国家卫生健康委" in result.stdout  # real characters, not \\u escapes
    assert "15 tasks" in result.stderr


@pytest.mark.parametrize(
    ("name", "loader"),
    [("out.json", json.loads), ("out.yaml", yaml.safe_load), ("out.yml", yaml.safe_load)],
)
def test_extract_format_from_suffix(tmp_path: Path, name: str, loader: object) -> None:
    target = tmp_path / name
    result = run("extract", SAMPLE, "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert loader(text)["metadata"]["signed_date"] == "2024-05-17"  # type: ignore[operator]
    assert f"wrote {target}" in result.stderr


def test_extract_is_byte_identical_on_rerun(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run("extract", SAMPLE, "-o", str(first))
    run("extract", SAMPLE, "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_format_option_names_what_the_suffix_cannot(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert run("extract", SAMPLE, "-o", str(target), "--format", "yaml").returncode == 0
    assert target.read_text(encoding="utf-8").startswith("schema_name:")


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got: {result.stderr}"
    assert "Traceback" not in result.stderr
    return lines[0]


def test_not_a_circular(tmp_path: Path) -> None:
    source = tmp_path / "recipe.txt"
    source.write_text(
        "番茄炒蛋\n\n先把鸡蛋打散，再把番茄切块。\n油热后下锅翻炒即可。\n", encoding="utf-8"
    )
    output = tmp_path / "out.json"
    result = run("extract", str(source), "-o", str(output))
    assert result.returncode == 5
    assert str(source) in _error_line(result) and "no circular found" in result.stderr
    assert not output.exists()


def test_output_over_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "n.txt"
    original = (ROOT / SAMPLE).read_bytes()
    source.write_bytes(original)
    result = run("extract", str(source), "-o", str(source), "--format", "json")
    assert result.returncode == 2 and "refusing to overwrite" in _error_line(result)
    assert source.read_bytes() == original


def test_unknown_output_suffix(tmp_path: Path) -> None:
    result = run("extract", SAMPLE, "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 2 and ".xlsx or --format" in _error_line(result)


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    result = run("extract", SAMPLE, "--strict", "-o", str(output))
    assert result.returncode == 1 and "rejoined_across_break" in _error_line(result)
    assert not output.exists()


def test_existing_output_is_kept_when_extraction_fails(tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    output.write_text("previous\n", encoding="utf-8")
    assert run("extract", str(tmp_path / "missing.txt"), "-o", str(output)).returncode == 3
    assert output.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_schema_command_matches_committed(tmp_path: Path) -> None:
    result = run("schema", "-o", str(tmp_path))
    assert result.returncode == 0
    for committed in (ROOT / "schemas").iterdir():
        assert (tmp_path / committed.name).read_text(encoding="utf-8") == committed.read_text(
            encoding="utf-8"
        ), f"schemas/{committed.name} is stale: run `make schema`"
    assert {p.name for p in tmp_path.iterdir()} == {p.name for p in (ROOT / "schemas").iterdir()}


def test_schema_validates_the_output() -> None:
    import jsonschema

    schema = json.loads(run("schema").stdout)
    jsonschema.validate(json.loads(run("extract", "-q", SAMPLE).stdout), schema)
