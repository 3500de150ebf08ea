"""``jiufeng diff``: two circulars compared, as text, JSON, Markdown or HTML."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_STRICT, UsageError
from ..formats import OutputFormat
from ..guard import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits
from .app import (
    AliasesOpt,
    DebugOpt,
    MaxMemoryOpt,
    OutputOpt,
    PasswordOpt,
    SourceArg,
    TimeLimitOpt,
    app,
    flag,
    run,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..diff import DiffReport


class DiffFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    HTML = "html"


SUFFIXES = {
    ".txt": DiffFormat.TEXT,
    ".json": DiffFormat.JSON,
    ".md": DiffFormat.MD,
    ".html": DiffFormat.HTML,
    ".htm": DiffFormat.HTML,
}


@app.command()
def diff(
    old: SourceArg,
    new: SourceArg,
    fmt: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, md or html; default from the -o suffix, else text.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    threshold: Annotated[
        float,
        typer.Option(
            help="Lowest similarity (0–1) that links two tasks; from 0.6 × it up to it, a "
            "possible counterpart (calibrated: eval/diff_pairs.py --calibrate).",
            metavar="0-1",
        ),
    ] = 0.25,  # diff.changes.DEFAULT_THRESHOLD (tests/test_diff_labels.py holds them equal)
    check: Annotated[bool, flag("--check", "Exit 1 when anything differs (for CI).")] = False,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    time_limit: TimeLimitOpt = DEFAULT_SECONDS,
    max_memory: MaxMemoryOpt = DEFAULT_MEMORY_MB,
    debug: DebugOpt = False,
) -> None:
    """What changed between two circulars: tasks added, removed, reworded, moved, split,
    merged; units, deadlines, terms and metadata.

    Examples:

    $ jiufeng diff tests/data/diff/county-2024.txt tests/data/diff/county-2025.txt

    $ jiufeng diff old.json new.json -o changes.html

    $ jiufeng diff samples/shanghai-2023-jiufeng.txt samples/shanghai-2023-jiufeng.pdf --check
    """
    from ..diff import compare
    from ..options import ExtractOptions
    from .output import choose_format, emit, read_source, refuse_input_as_output, show

    def body() -> int:
        if not 0.0 < threshold < 1.0:
            raise UsageError("option --threshold: between 0 and 1, e.g. 0.25")
        if str(old) == str(new) == "-":
            raise UsageError("only one of OLD and NEW can be - (standard input)")
        refuse_input_as_output(old, output)
        refuse_input_as_output(new, output)
        out_format = choose_format(output, fmt, SUFFIXES, DiffFormat.TEXT)
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        report = compare(
            read_source(old, options, Limits(time_limit, max_memory)),
            read_source(new, options, Limits(time_limit, max_memory)),
            threshold,
            options.unit_names(),
        )
        if out_format is DiffFormat.TEXT:
            show(lambda plain: _text(report, plain), output)
        else:
            emit(_render_diff(report, out_format), output)
        return EXIT_STRICT if check and report.differs else 0

    raise typer.Exit(run(body, debug))


def _text(report: DiffReport, plain: bool) -> RenderableType:
    from ..diff.render import text_view

    return text_view(report, plain=plain)


def _render_diff(report: DiffReport, fmt: DiffFormat) -> str:
    from ..diff.render import html_page, markdown
    from ..emit.serialize import dumps

    if fmt is DiffFormat.JSON:
        return dumps(report, OutputFormat.JSON)
    if fmt is DiffFormat.MD:
        return markdown(report)
    return html_page(report)
