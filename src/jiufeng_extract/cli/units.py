"""``jiufeng units`` and ``jiufeng check``: the responsibility table read per unit, and
checked against the body."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..errors import EXIT_STRICT
from ..formats import Lang
from ..guard import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits
from .app import (
    AliasesOpt,
    DebugOpt,
    LangOpt,
    MaxMemoryOpt,
    OutputOpt,
    PasswordOpt,
    SourceArg,
    TimeLimitOpt,
    app,
    flag,
    run,
)


class UnitsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


UNITS_SUFFIXES = {
    ".txt": UnitsFormat.TABLE,
    ".json": UnitsFormat.JSON,
    ".csv": UnitsFormat.CSV,
    ".md": UnitsFormat.MD,
}
CHECK_SUFFIXES = {".txt": CheckFormat.TEXT, ".json": CheckFormat.JSON}


@app.command()
def units(
    file: SourceArg,
    fmt: Annotated[
        UnitsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (for people), json, csv or md; default from the -o suffix, else table.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = Lang.ZH,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    time_limit: TimeLimitOpt = DEFAULT_SECONDS,
    max_memory: MaxMemoryOpt = DEFAULT_MEMORY_MB,
    debug: DebugOpt = False,
) -> None:
    """For each unit: the tasks and special actions it leads, supports or shares, by when.

    Examples:

    $ jiufeng units samples/shanghai-2023-jiufeng.pdf

    $ jiufeng units shanghai.json -o duties.csv

    $ jiufeng extract samples/shanghai-2023-jiufeng.txt | jiufeng units - -f md
    """
    from ..emit.units import render_units
    from ..options import ExtractOptions
    from ..units.index import index_units
    from .output import choose_format, emit, read_source, refuse_input_as_output, show

    def body() -> None:
        refuse_input_as_output(file, output)
        out_format = choose_format(output, fmt, UNITS_SUFFIXES, UnitsFormat.TABLE)
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        circular = read_source(file, options, Limits(time_limit, max_memory))
        index = index_units(circular, options.unit_names())
        if out_format is not UnitsFormat.TABLE:
            emit(render_units(index, out_format.value, lang), output)
            return
        from ..emit.terminal import units_view

        title = circular.metadata.title or str(file)
        show(lambda plain: units_view(index, title, lang, plain), output)

    run(body, debug)


@app.command()
def check(
    file: SourceArg,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text or json; default from the -o suffix, else text.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    strict: Annotated[
        bool, flag("--strict", "Exit 1 on any warning, not only discrepancies.")
    ] = False,
    time_limit: TimeLimitOpt = DEFAULT_SECONDS,
    max_memory: MaxMemoryOpt = DEFAULT_MEMORY_MB,
    debug: DebugOpt = False,
) -> None:
    """Where the responsibility table and the body disagree; exit 1 if they do.

    Examples:

    $ jiufeng check samples/shanghai-2023-jiufeng.txt

    $ jiufeng check shanghai.json -o check.json --strict
    """
    from ..emit.serialize import dumps
    from ..formats import OutputFormat
    from ..link.check import check as check_circular
    from ..options import ExtractOptions
    from .output import choose_format, emit, read_source, refuse_input_as_output, show

    def body() -> int:
        refuse_input_as_output(file, output)
        out_format = choose_format(output, fmt, CHECK_SUFFIXES, CheckFormat.TEXT)
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        report = check_circular(read_source(file, options, Limits(time_limit, max_memory)))
        if out_format is CheckFormat.JSON:
            emit(dumps(report, OutputFormat.JSON), output)
        else:
            from ..emit.terminal import check_view

            show(lambda plain: check_view(report, plain=plain), output)
        return EXIT_STRICT if report.failed(strict) else 0

    raise typer.Exit(run(body, debug))
