"""Worker processes for ``jiufeng batch``: N long-lived processes, one file at a time each.

A file that fails is a result, not an exception. A file that hangs past ``timeout`` has its
worker killed and replaced; a worker that dies (a crash in a C library) is replaced too, and its
file reported as failed. Workers come from a fork server with the pipeline, the readers and the
writers preloaded (``forkserver.py``), so they start fast without inheriting the parent's
threads (the progress display runs one).
Workers die with the batch: each watches a pipe whose only writing end the batch holds, and
ends itself when it reads end-of-file (the batch exited or was killed, even by ``kill -9``), so
a killed batch leaves no process behind writing outputs.

A FIFO, device or folder among the inputs is failed without being opened (opening a FIFO waits
for a writer that may never come).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import EXIT_INTERNAL, EXIT_UNREADABLE, JiufengError, describe
from ..formats import OutputFormat
from ..options import ExtractOptions
from .forkserver import PRELOAD, start_early, worker_context
from .index import Counts, FileResult
from .plan import Job, input_name

__all__ = ["PRELOAD", "WorkerPool", "extract_job", "start_early", "worker_context"]
_POLL = 0.5  # seconds between timeout checks while every worker is busy


def extract_job(job: Job, options: ExtractOptions, fmt: OutputFormat) -> FileResult:
    """Extract one input and write its output; every outcome is a ``FileResult``."""
    from ..emit.serialize import render_circular, write_atomic
    from ..pipeline import extract_path

    started = time.perf_counter()
    base = {"input": input_name(job.source), "sha256": job.sha256}
    odd = _not_regular(job)
    if base["input"] != str(job.source):
        odd = "the file name is not valid UTF-8: rename it to read it"
    if odd:
        return _failed(base, started, odd, EXIT_UNREADABLE)
    try:
        circular = extract_path(job.source, options)
        write_atomic(job.output, render_circular(circular, fmt))
    except JiufengError as error:
        return _failed(base, started, error.message, error.exit_code)
    except Exception as exc:  # a bug must not stop the batch; the message says so
        return _failed(
            base, started, f"internal error: {type(exc).__name__}: {describe(exc)}", EXIT_INTERNAL
        )
    return FileResult(
        **base,
        output=job.output.name,
        status="warnings" if circular.warnings else "ok",
        seconds=round(time.perf_counter() - started, 4),
        counts=Counts(
            tasks=len(circular.tasks),
            special_actions=len(circular.special_actions),
            table_rows=len(circular.responsibility_table),
            warnings=len(circular.warnings),
        ),
        doc_number=circular.metadata.doc_number,
        exit_code=0,
    )


def _not_regular(job: Job) -> str | None:
    try:
        mode = os.stat(job.source).st_mode
    except OSError:
        return None  # missing or unreadable: the loader says which
    if stat.S_ISREG(mode):
        return None
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISDIR, "a folder"), (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "a device")
    return f"not a regular file ({kind}): not read"


def dispatch_order(jobs: list[Job], workers: int) -> list[Job]:
    """With more than one worker the largest files first, so that no worker is left reading a
    long file alone at the end while the others wait; one worker keeps the inputs' order."""
    return sorted(jobs, key=_size, reverse=True) if workers > 1 else jobs


def _size(job: Job) -> int:
    try:
        return os.stat(job.source).st_size
    except OSError:
        return 0


def _failed(base: dict[str, Any], started: float, message: str, code: int) -> FileResult:
    return FileResult(
        **base,
        output=None,
        status="failed",
        seconds=round(time.perf_counter() - started, 4),
        error=message,
        exit_code=code,
    )


def _watch(lifeline: Connection) -> None:
    """Block until the batch's end of the lifeline closes, then end this process at once."""
    with contextlib.suppress(EOFError, OSError):
        while True:
            lifeline.recv_bytes()
    os._exit(1)


def _worker_main(
    conn: Connection, lifeline: Connection, options: ExtractOptions, fmt: OutputFormat
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch, args=(lifeline,), daemon=True).start()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(extract_job(job, options, fmt))


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of the chosen context
    conn: Connection
    job: Job | None = None
    started: float = 0.0


class WorkerPool:
    def __init__(
        self, workers: int, options: ExtractOptions, fmt: OutputFormat, timeout: float | None
    ) -> None:
        self._context: Any = worker_context()
        self._options, self._fmt, self._timeout = options, fmt, timeout
        # the batch never writes to the lifeline: it only closes, when the batch ends
        self._lifeline, self._lifeline_end = self._context.Pipe(duplex=False)
        self._workers = [self._start() for _ in range(workers)]

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child, self._lifeline, self._options, self._fmt),
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, jobs: Iterable[Job], on_result: Callable[[Job, FileResult], bool]) -> None:
        """Run every job, in ``dispatch_order``; ``on_result`` returns False to stop early
        (--fail-fast), which it does only for a failed file."""
        pending = dispatch_order(list(jobs), len(self._workers))
        pending.reverse()
        try:
            for worker in self._workers:
                self._give(worker, pending)
            while any(w.job for w in self._workers):
                if not self._collect(pending, on_result):
                    return
        finally:
            self.close()

    @staticmethod
    def _give(worker: _Worker, pending: list[Job]) -> None:
        if worker.job is None and pending:
            worker.job, worker.started = pending.pop(), time.monotonic()
            worker.conn.send(worker.job)

    def _collect(self, pending: list[Job], on_result: Callable[[Job, FileResult], bool]) -> bool:
        """Wait for results; a worker whose file did not fail gets its next job before the
        result is recorded and reported, so it does not wait for the batch to do that."""
        busy = [w for w in self._workers if w.job is not None]
        patience = _POLL
        if self._timeout:
            first_due = min(w.started for w in busy) + self._timeout
            patience = min(_POLL, max(0.0, first_due - time.monotonic()))
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], patience)
        go_on = True
        for index, worker in enumerate(self._workers):
            job = worker.job
            if job is None:
                continue
            result: FileResult | None = None
            if worker.conn in ready:
                try:
                    result = worker.conn.recv()
                except (EOFError, OSError):
                    result = self._lost(index, job, "the worker process died while reading it")
            elif worker.process.sentinel in ready:
                result = self._lost(index, job, "the worker process died while reading it")
            elif self._timeout and time.monotonic() - worker.started > self._timeout:
                result = self._lost(index, job, f"timed out after {self._timeout:g} s")
            if result is not None:
                self._workers[index].job = None
                if result.status != "failed" and go_on:
                    self._give(self._workers[index], pending)
                go_on = on_result(job, result) and go_on
                if go_on:
                    self._give(self._workers[index], pending)
        return go_on

    def _lost(self, index: int, job: Job, why: str) -> FileResult:
        worker = self._workers[index]
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers[index] = self._start()
        return FileResult(
            input=input_name(job.source),
            output=None,
            status="failed",
            sha256=job.sha256,
            seconds=round(time.monotonic() - worker.started, 4),
            error=why,
            exit_code=EXIT_UNREADABLE,
        )

    def close(self) -> None:
        for worker in self._workers:
            if worker.job is None and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=0.2 if worker.job is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._lifeline_end.close()
        self._lifeline.close()
