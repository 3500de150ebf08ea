"""The README cannot drift from the CLI and the error codes."""

from __future__ import annotations

import regex

from conftest import ROOT
from jiufeng_extract import errors
from jiufeng_extract.cli.commands import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        assert f"### `jiufeng {name}" in README, f"README lacks a section for `jiufeng {name}`"


def test_every_exit_code_is_documented() -> None:
    codes = {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
    table = set(int(c) for c in regex.findall(r"^\| (\d+) \|", README, flags=regex.M))
    assert codes == table


def test_every_extract_option_is_documented() -> None:
    import typer.main

    extract = typer.main.get_command(app).commands["extract"]  # type: ignore[attr-defined]
    for param in extract.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in README or f" {opt}" in README, f"{opt} not in README"
