"""``jiufeng batch``: many circulars → one output each plus ``OUTDIR/index.json``.

Stages: ``batch_plan`` (inputs, output names, what is unchanged since the last run) →
``batch_workers`` (parallel extraction with per-file timeouts), each result journalled as it
comes (``batch_state``) → the folder's index, merged with other runs' and written atomically,
and whatever the caller reports from it (``batch_report``: progress, summary, JUnit, GitHub
annotations).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from ..errors import EXIT_BATCH_FAILED, EXIT_OK, EXIT_STRICT, UsageError
from ..formats import OutputFormat
from ..model import SCHEMA_VERSION
from ..options import ExtractOptions
from .find import collect
from .index import BatchIndex, FileResult, totals
from .plan import Job, input_name, plan, shard
from .state import previous_results, record, write_index
from .workers import WorkerPool, start_early


@dataclass
class BatchSettings:
    inputs: list[str]
    outdir: Path
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float | None = 300.0
    fail_fast: bool = False
    force: bool = False  # re-extract even what did not change
    fmt: OutputFormat = OutputFormat.JSON
    options: ExtractOptions = field(default_factory=ExtractOptions)
    shard: tuple[int, int] | None = None  # (K, N): only share K of N of the inputs


def run_batch(
    settings: BatchSettings,
    on_start: Callable[[int, int], None] = lambda total, skipped: None,
    on_result: Callable[[FileResult], None] = lambda result: None,
) -> BatchIndex:
    """This run's results (what to report and exit with); ``OUTDIR/index.json`` gets them
    merged with the other runs' into the folder (``batch_state``)."""
    if settings.fmt not in (OutputFormat.JSON, OutputFormat.YAML):
        raise UsageError("batch writes json or yaml (csv/xlsx hold only the table)")
    if settings.workers < 1:
        raise UsageError("option -j: at least 1 worker")
    start_early()
    sources, unmatched = collect(settings.inputs)
    if unmatched and not sources:
        raise UsageError(f"no input files found in {', '.join(unmatched)}")
    if settings.shard is not None:
        sources = shard(sources, *settings.shard)
    try:
        settings.outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot create the output folder: {exc.strerror or exc}", settings.outdir
        ) from None
    done = {} if settings.force else previous_results(settings.outdir, __version__)
    jobs, kept = plan(sources, settings.outdir, f".{settings.fmt.value}", done)
    started, clock = datetime.now(UTC), time.perf_counter()
    on_start(len(sources), len(kept))
    results: dict[str, FileResult] = {r.input: r for r in kept}
    for result in kept:
        on_result(result)

    def finished(job: Job, result: FileResult) -> bool:
        results[input_name(job.source)] = result
        record(settings.outdir, result, __version__)
        on_result(result)
        return not (settings.fail_fast and result.status == "failed")

    if jobs:
        pool = WorkerPool(
            min(settings.workers, len(jobs)), settings.options, settings.fmt, settings.timeout
        )
        pool.run(jobs, finished)
    files = [results.get(input_name(s.path)) or _not_run(s.path) for s in sources]
    index = BatchIndex(
        tool_version=__version__,
        schema_version=SCHEMA_VERSION,
        started=started,
        seconds=round(time.perf_counter() - clock, 3),
        workers=settings.workers,
        totals=totals(files),
        files=files,
    )
    write_index(settings.outdir, index)
    return index


def _not_run(source: Path) -> FileResult:
    return FileResult(
        input=input_name(source),
        output=None,
        status="not_run",
        sha256=None,
        seconds=0.0,
        error="not run: the batch stopped at the first failure (--fail-fast)",
    )


def exit_code(index: BatchIndex, strict: bool) -> int:
    """9 when any input failed (or was not run), 1 for warnings under --strict, else 0."""
    if index.totals["failed"] or index.totals["not_run"]:
        return EXIT_BATCH_FAILED
    if strict and index.totals["warnings"]:
        return EXIT_STRICT
    return EXIT_OK
