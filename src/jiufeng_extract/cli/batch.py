"""``jiufeng batch``: many circulars in parallel into a folder, with an index."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..formats import OcrMode, OutputFormat
from .app import (
    MAX_BYTES,
    AliasesOpt,
    DebugOpt,
    MaxBytesOpt,
    MaxPagesOpt,
    OcrOpt,
    app,
    run,
)

if TYPE_CHECKING:
    pass


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (searched recursively) and glob patterns.")
    ],
    outdir: Annotated[Path, typer.Option("-o", "--output", help="Folder for the outputs.")],
    workers: Annotated[
        int | None, typer.Option("-j", "--jobs", help="Worker processes [default: CPU count].")
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds one file may take before it is failed (0 = none).")
    ] = 300.0,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first failed input.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract inputs that did not change.")
    ] = False,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json or yaml.")
    ] = OutputFormat.JSON,
    junit: Annotated[
        Path | None, typer.Option("--junit", help="Also write a JUnit XML report here.")
    ] = None,
    ocr: OcrOpt = OcrMode.AUTO,
    max_pages: MaxPagesOpt = 2000,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    aliases: AliasesOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if any input has warnings.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Extract many circulars in parallel into a folder, with OUTDIR/index.json."""
    import os

    from rich.console import Console

    from ..batch.report import BatchProgress, github_annotations, summary, write_junit
    from ..batch.run import BatchSettings, exit_code, run_batch
    from ..options import ExtractOptions

    def body() -> int:
        settings = BatchSettings(
            inputs=inputs,
            outdir=outdir,
            workers=workers or os.cpu_count() or 1,
            timeout=timeout or None,
            fail_fast=fail_fast,
            force=force,
            fmt=fmt,
            options=ExtractOptions.build(
                aliases=tuple(aliases or ()), max_pages=max_pages, max_bytes=max_bytes, ocr=ocr
            ),
        )
        console = Console(stderr=True, highlight=False)
        with BatchProgress(console) as progress:
            index = run_batch(settings, progress.start, progress.result)
        console.print(summary(index, outdir))
        for result in (r for r in index.files if r.status == "failed"):
            console.print(
                f"[bold red]failed[/] {result.input}: {result.error}",
                highlight=False,
                soft_wrap=True,
            )
        if junit is not None:
            write_junit(index, junit, strict)
        github_annotations(index, strict)
        return exit_code(index, strict)

    raise typer.Exit(run(body, debug))
