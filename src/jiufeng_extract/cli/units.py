"""``jiufeng units`` and ``jiufeng check``: the responsibility table read per unit, and
checked against the body."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_STRICT
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
    pass


class UnitsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command()
def units(
    file: SourceArg,
    fmt: Annotated[
        UnitsFormat, typer.Option("--format", "-f", help="table (terminal), json, csv or md.")
    ] = UnitsFormat.TABLE,
    output: OutputOpt = None,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    debug: DebugOpt = False,
) -> None:
    """For each unit: the tasks and special actions it leads, supports or shares, by when."""
    from ..emit.units import render_units
    from ..options import ExtractOptions
    from ..reuse import read_circular
    from ..units.index import index_units

    def body() -> None:
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        circular = read_circular(file, options)
        index = index_units(circular, options.unit_names())
        if fmt is UnitsFormat.TABLE:
            from ..emit.terminal import units_view

            view = units_view(index, title=circular.metadata.title or str(file))
            if output is None:
                console_for().print(view)
                return
            buffer = io.StringIO()
            console_for(buffer).print(view)
            emit_text(buffer.getvalue(), output)
            return
        emit_text(render_units(index, fmt.value), output)

    run(body, debug)


@app.command()
def check(
    file: SourceArg,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text or json.")
    ] = CheckFormat.TEXT,
    aliases: AliasesOpt = None,
    password: PasswordOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on any warning, not only discrepancies.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Where the responsibility table and the body disagree; exit 1 if they do."""
    from ..emit.serialize import dumps
    from ..link.check import check as check_circular
    from ..options import ExtractOptions
    from ..reuse import read_circular

    def body() -> int:
        options = ExtractOptions.build(password=password, aliases=tuple(aliases or ()))
        report = check_circular(read_circular(file, options))
        if fmt is CheckFormat.JSON:
            sys.stdout.write(dumps(report, OutputFormat.JSON))
        else:
            from ..emit.terminal import check_view

            console = console_for()
            console.print(check_view(report, plain=not console.is_terminal or console.no_color))
        return EXIT_STRICT if report.failed(strict) else 0

    raise typer.Exit(run(body, debug))
