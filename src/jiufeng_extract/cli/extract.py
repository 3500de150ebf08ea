"""``jiufeng extract``: one circular to JSON, YAML, CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..formats import Lang, OcrMode, OutputFormat
from ..guard import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits
from .app import (
    MAX_BYTES,
    AliasesOpt,
    DebugOpt,
    EncodingOpt,
    LangOpt,
    MaxBytesOpt,
    MaxMemoryOpt,
    MaxPagesOpt,
    OcrOpt,
    OutputOpt,
    PasswordOpt,
    TimeLimitOpt,
    app,
    flag,
    run,
    stderr,
)

SUFFIXES = {
    ".json": OutputFormat.JSON,
    ".yaml": OutputFormat.YAML,
    ".yml": OutputFormat.YAML,
    ".csv": OutputFormat.CSV,
    ".xlsx": OutputFormat.XLSX,
}


@app.command()
def extract(
    file: Annotated[
        Path,
        typer.Argument(
            help="Circular: PDF, OFD, DOCX, HTML, plain text or a scan (PDF, PNG, JPEG, TIFF); "
            "- reads standard input.",
            metavar="FILE",
            show_default=False,
            readable=False,  # the loader says 'permission denied' (exit 3), not a usage error
        ),
    ],
    output: OutputOpt = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json or yaml (the whole circular), csv (its responsibility table) or xlsx "
            "(a workbook of its tables); default from the -o suffix, else json.",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = Lang.ZH,
    encoding: EncodingOpt = None,
    password: PasswordOpt = None,
    ocr: OcrOpt = OcrMode.AUTO,
    max_pages: MaxPagesOpt = 2000,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    aliases: AliasesOpt = None,
    strict: Annotated[bool, flag("--strict", "Exit 1 if the document has warnings.")] = False,
    quiet: Annotated[
        bool, flag("--quiet", "No summary and no OCR progress on stderr.", "-q")
    ] = False,
    time_limit: TimeLimitOpt = DEFAULT_SECONDS,
    max_memory: MaxMemoryOpt = DEFAULT_MEMORY_MB,
    debug: DebugOpt = False,
) -> None:
    """Extract one circular to JSON, YAML, CSV or an XLSX workbook.

    Examples:

    $ jiufeng extract samples/national-2024-jiufeng.pdf -o national.json

    $ jiufeng extract samples/shanghai-2023-jiufeng.docx -o shanghai.xlsx

    $ cat samples/shanghai-2023-jiufeng.txt | jiufeng extract - -f yaml
    """
    from ..emit.serialize import render_circular
    from ..emit.summary import summary_line
    from ..options import ExtractOptions
    from .output import choose_format, emit, extract_source, refuse_input_as_output

    def body() -> None:
        refuse_input_as_output(file, output)
        out_format = choose_format(output, fmt, SUFFIXES, OutputFormat.JSON)
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
        limits = Limits(time_limit, max_memory)
        circular = extract_source(file, options, limits, progress=not quiet)
        emit(render_circular(circular, out_format, lang), output)
        if not quiet:
            stderr(summary_line(circular) + (f" → wrote {output}" if output else ""))

    run(body, debug)
