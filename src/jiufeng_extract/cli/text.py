"""``jiufeng text``: the text of any input as its loader read it, with page and line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..guard import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits
from .app import (
    MAX_BYTES,
    DebugOpt,
    EncodingOpt,
    MaxBytesOpt,
    MaxMemoryOpt,
    MaxPagesOpt,
    OutputOpt,
    PasswordOpt,
    TimeLimitOpt,
    app,
    run,
    stderr,
)


@app.command()
def text(
    file: Annotated[
        Path,
        typer.Argument(
            help="A document: PDF, OFD, DOCX, HTML or text; - reads standard input.",
            metavar="FILE",
            show_default=False,
            readable=False,  # the loader says 'permission denied' (exit 3), not a usage error
        ),
    ],
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    password: PasswordOpt = None,
    max_pages: MaxPagesOpt = 2000,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    time_limit: TimeLimitOpt = DEFAULT_SECONDS,
    max_memory: MaxMemoryOpt = DEFAULT_MEMORY_MB,
    debug: DebugOpt = False,
) -> None:
    """Print the text as the loader read it: a block a line with its page and line, page
    furniture marked #, table rows between bars; the loader's warnings on stderr. The debug
    view for any bug report.

    Examples:

    $ jiufeng text samples/national-2024-jiufeng.pdf

    $ jiufeng text samples/shanghai-2023-jiufeng.docx -o shanghai.txt
    """
    from ..emit.loaded import render_loaded
    from ..load.dispatch import load_data, load_document
    from ..options import ExtractOptions
    from .output import STDIN, emit, guard, read_stdin, refuse_input_as_output

    def body() -> None:
        refuse_input_as_output(file, output)
        options = ExtractOptions.build(
            encoding=encoding, password=password, max_pages=max_pages, max_bytes=max_bytes
        )
        limits = Limits(time_limit, max_memory)
        if str(file) == STDIN:
            data = read_stdin(max_bytes)
            loaded = guard(lambda: load_data(data, Path("<stdin>"), options), file, limits, data)
        else:
            loaded = guard(lambda: load_document(file, options), file, limits)
        emit(render_loaded(loaded), output)
        for warning in loaded.warnings:
            where = f" ({warning.where})" if warning.where else ""
            stderr(f"jiufeng: warning: {file}{where}: {warning.message}", style="yellow")

    run(body, debug)
