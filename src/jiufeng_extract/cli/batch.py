"""``jiufeng batch``: many circulars in parallel into a folder, with an index."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..formats import Lang, OcrMode, OutputFormat
from .app import (
    MAX_BYTES,
    AliasesOpt,
    DebugOpt,
    LangOpt,
    MaxBytesOpt,
    MaxPagesOpt,
    OcrOpt,
    app,
    flag,
    run,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..batch.index import BatchIndex
    from ..options import ExtractOptions


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (searched recursively) and glob patterns.",
            metavar="INPUT...",
            show_default=False,
        ),
    ],
    outdir: Annotated[
        Path,
        typer.Option("-o", "--output", help="Folder for the outputs (created).", metavar="DIR"),
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "-j", "--jobs", help="Worker processes.", metavar="N", show_default="CPU count"
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds one file may take before it is failed (0 = none).", metavar="SECONDS"
        ),
    ] = 300.0,
    fail_fast: Annotated[bool, flag("--fail-fast", "Stop at the first failed input.")] = False,
    force: Annotated[bool, flag("--force", "Re-extract inputs that did not change.")] = False,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="json or yaml (one file per input); csv or xlsx also write one table across "
            "the batch, OUTDIR/combined.csv or .xlsx.",
        ),
    ] = OutputFormat.JSON,
    lang: LangOpt = Lang.ZH,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit",
            help="Also write a JUnit XML report here.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Also put the results into this SQLite database (see jiufeng export).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            help="Only share K of N of the inputs (stable), e.g. 2/4 in a CI matrix of 4 jobs; "
            "jiufeng export merges the shards' folders.",
            metavar="K/N",
            show_default=False,
        ),
    ] = None,
    ocr: OcrOpt = OcrMode.AUTO,
    max_pages: MaxPagesOpt = 2000,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    aliases: AliasesOpt = None,
    strict: Annotated[bool, flag("--strict", "Exit 1 if any input has warnings.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Extract many circulars in parallel into a folder, with OUTDIR/index.json.

    Examples:

    $ jiufeng batch samples -o out --junit out/report.xml

    $ jiufeng batch samples -o out -f xlsx --db out/circulars.sqlite
    """
    import os

    from ..batch.report import BatchProgress, github_annotations, summary, write_junit
    from ..batch.run import BatchSettings, exit_code, run_batch
    from ..options import ExtractOptions

    combined = fmt in (OutputFormat.CSV, OutputFormat.XLSX)

    def body() -> int:
        settings = BatchSettings(
            inputs=inputs,
            outdir=outdir,
            workers=workers or os.cpu_count() or 1,
            timeout=timeout or None,
            fail_fast=fail_fast,
            force=force,
            fmt=OutputFormat.JSON if combined else fmt,
            shard=_shard(shard),
            options=ExtractOptions.build(
                aliases=tuple(aliases or ()), max_pages=max_pages, max_bytes=max_bytes, ocr=ocr
            ),
        )
        from rich.console import Console

        console = Console(stderr=True, highlight=False)
        with BatchProgress(console) as progress:
            index = run_batch(settings, progress.start, progress.result)
        console.print(summary(index, outdir))
        _list_by_name(console, index, outdir)
        if junit is not None:
            write_junit(index, junit, strict)
        github_annotations(index, strict)
        if db is not None:
            from .export import extracted, write_database

            write_database(db, extracted([outdir], settings.options), settings.options)
        if combined:
            _write_combined(outdir, fmt, lang, settings.options)
        return exit_code(index, strict)

    raise typer.Exit(run(body, debug))


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    from ..errors import UsageError

    part, _, parts = value.partition("/")
    if not (part.isdecimal() and parts.isdecimal() and 1 <= int(part) <= int(parts)):
        raise UsageError(f"option --shard: K/N with 1 ≤ K ≤ N, e.g. 1/4; got {value!r}")
    return int(part), int(parts)


_LISTED = 20  # per status; the rest are in index.json


def _list_by_name(console: Console, index: BatchIndex, outdir: Path) -> None:
    """The files that failed, then those with warnings, by name (the first few of each)."""
    from rich.markup import escape

    from ..emit.safe import one_line

    for status, style in (("failed", "bold red"), ("warnings", "yellow")):
        files = [r for r in index.files if r.status == status]
        for result in files[:_LISTED]:
            detail = result.error if status == "failed" else f"{result.counts.warnings} warning(s)"
            line = escape(one_line(f"{result.input}: {detail}"))
            console.print(f"[{style}]{status}[/] {line}", highlight=False, soft_wrap=True)
        if len(files) > _LISTED:
            more = len(files) - _LISTED
            console.print(f"… and {more} more {status}: see {outdir / 'index.json'}")


def _write_combined(outdir: Path, fmt: OutputFormat, lang: Lang, options: ExtractOptions) -> None:
    from ..emit.serialize import render_combined, write_atomic
    from .app import stderr
    from .export import extracted

    target = outdir / f"combined.{fmt.value}"
    write_atomic(target, render_combined(list(extracted([outdir], options)), fmt, lang))
    stderr(f"wrote {target}")
