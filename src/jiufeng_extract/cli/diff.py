"""``jiufeng diff``: two circulars compared, as text, JSON, Markdown or HTML."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_STRICT, UsageError
from ..formats import OutputFormat
from .app import (
    AliasesOpt,
    DebugOpt,
    OutputOpt,
    PasswordOpt,
    SourceArg,
    app,
    console_for,
    emit_text,
    run,
)

if TYPE_CHECKING:
    from ..diff import DiffReport


class DiffFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    HTML = "html"


@app.command()
def diff(
    old: SourceArg,
    new: SourceArg,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, json, md or html.")
    ] = DiffFormat.TEXT,
    output: OutputOpt = None,
    threshold: Annotated[
        float,
        typer.Option(
            help="Lowest similarity (0–1) that links two tasks; from 0.6 × it up to it, a "
            "possible counterpart (calibrated: eval/diff_pairs.py --calibrate)."
        ),
    ] = 0.25,  # diff.changes.DEFAULT_THRESHOLD (tests/test_diff_labels.py holds them equal)
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when anything differs (for CI).")
    ] = False,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    debug: DebugOpt = False,
) -> None:
    """What changed between two circulars: tasks added, removed, reworded, moved, split,
    merged; units, deadlines, terms and metadata."""
    from ..diff import compare
    from ..options import ExtractOptions
    from ..reuse import read_circular

    def body() -> int:
        if not 0.0 < threshold < 1.0:
            raise UsageError("option --threshold: between 0 and 1, e.g. 0.25")
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        report = compare(
            read_circular(old, options),
            read_circular(new, options),
            threshold,
            options.unit_names(),
        )
        emit_text(_render_diff(report, fmt, output), output)
        return EXIT_STRICT if check and report.differs else 0

    raise typer.Exit(run(body, debug))


def _render_diff(report: DiffReport, fmt: DiffFormat, output: Path | None) -> str:
    from ..diff.render import html_page, markdown, text_view
    from ..emit.serialize import dumps

    if fmt is DiffFormat.JSON:
        return dumps(report, OutputFormat.JSON)
    if fmt is DiffFormat.MD:
        return markdown(report)
    if fmt is DiffFormat.HTML:
        return html_page(report)
    if output is None:
        console = console_for()
        console.print(text_view(report, plain=not console.is_terminal or console.no_color))
        return ""
    buffer = io.StringIO()
    console_for(buffer).print(text_view(report, plain=True))
    return buffer.getvalue()
