"""``jiufeng extract``: one circular to JSON, YAML, CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..formats import Lang, OcrMode, OutputFormat
from ..guard import DEFAULT_MEMORY_MB, DEFAULT_SECONDS
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
)


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
    from .extract_run import ExtractArgs, run_extract

    run_extract(
        ExtractArgs(
            file=file,
            output=output,
            fmt=fmt,
            lang=lang,
            encoding=encoding,
            password=password,
            ocr=ocr,
            max_pages=max_pages,
            max_bytes=max_bytes,
            aliases=list(aliases or ()),
            strict=strict,
            quiet=quiet,
            time_limit=time_limit,
            max_memory=max_memory,
            debug=debug,
        )
    )
