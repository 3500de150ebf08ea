"""``jiufeng extract``: one circular to JSON, YAML, CSV or XLSX."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..formats import OcrMode, OutputFormat
from .app import (
    MAX_BYTES,
    AliasesOpt,
    DebugOpt,
    MaxBytesOpt,
    MaxPagesOpt,
    OcrOpt,
    OutputOpt,
    PasswordOpt,
    app,
    run,
    stderr,
)

if TYPE_CHECKING:
    pass


@app.command()
def extract(
    file: Annotated[
        Path,
        typer.Argument(
            help="Circular: PDF, DOCX, HTML, plain text or a scan (PDF, PNG, JPEG, TIFF)."
        ),
    ],
    output: OutputOpt = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json or yaml (the whole circular), csv or xlsx (its responsibility table); "
            "default from the -o suffix, else json.",
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Force the text encoding (text and HTML).")
    ] = None,
    password: PasswordOpt = None,
    ocr: OcrOpt = OcrMode.AUTO,
    max_pages: MaxPagesOpt = 2000,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    aliases: AliasesOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if the document has warnings.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Extract one circular to JSON or YAML."""
    from ..emit.serialize import format_for, render_circular, write_atomic
    from ..emit.summary import summary_line
    from ..options import ExtractOptions
    from ..pipeline import extract_path

    def body() -> None:
        if output is not None and output.resolve() == file.resolve():
            raise UsageError("-o is the input file; refusing to overwrite it", output)
        out_format = format_for(output, fmt)
        if out_format is OutputFormat.XLSX and output is None:
            raise UsageError("xlsx is a binary format: give -o FILE.xlsx")
        options = ExtractOptions.build(
            encoding=encoding,
            strict=strict,
            password=password,
            ocr=ocr,
            max_pages=max_pages,
            max_bytes=max_bytes,
            aliases=tuple(aliases or ()),
        )
        circular = extract_path(file, options)
        content = render_circular(circular, out_format)
        if output is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            write_atomic(output, content)
        if not quiet:
            stderr(summary_line(circular) + (f" → wrote {output}" if output else ""))

    run(body, debug)
