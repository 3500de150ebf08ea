"""What an output folder holds across runs: ``index.json``, the journal of a run in progress,
and the lock that lets several batches share the folder.

Each finished file is appended at once to ``OUTDIR/.index.jsonl`` (one result a line), so a run
that is killed leaves what it finished there, and the next run skips it. At the end of a run,
``index.json`` is rewritten from the index already there, the journal (this run's and any other
run's into the same folder) and this run's results, then the journal is removed: two batches
into one folder, even at the same time, leave an index with the entries of both. Every read and
write of the index and the journal holds an exclusive ``flock`` on the folder itself (nothing is
left behind; on systems without ``fcntl`` there is no lock).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from ..emit.serialize import write_atomic
from .index import INDEX_NAME, BatchIndex, FileResult, read_index, totals

JOURNAL_NAME = ".index.jsonl"

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold the folder's lock (waiting for another batch to let go of it)."""
    if fcntl is None:
        yield
        return
    fd = os.open(outdir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def record(outdir: Path, result: FileResult, version: str) -> None:
    """Append one finished file to the journal, as one line written at once."""
    line = json.dumps(
        {"tool_version": version, "result": result.model_dump(mode="json")}, ensure_ascii=False
    )
    with locked(outdir):
        fd = os.open(outdir / JOURNAL_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            os.write(fd, (line + "\n").encode("utf-8"))
        finally:
            os.close(fd)


def _journal(outdir: Path) -> Iterator[tuple[str, FileResult]]:
    """(tool version, result) of each whole line; a line cut by a kill is skipped."""
    try:
        text = (outdir / JOURNAL_NAME).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for line in text.splitlines():
        try:
            entry = json.loads(line)
            yield str(entry["tool_version"]), FileResult.model_validate(entry["result"])
        except (ValueError, KeyError, TypeError, ValidationError):
            continue


def previous_results(outdir: Path, version: str) -> dict[str, FileResult]:
    """The results the last runs of this tool version left here, by input: the index's, then
    the journal's (newer) on top."""
    with locked(outdir):
        index = read_index(outdir)
        done = {r.input: r for r in index.files} if index and index.tool_version == version else {}
        for tool_version, result in _journal(outdir):
            if tool_version == version:
                done[result.input] = result
    return done


def write_index(outdir: Path, run: BatchIndex) -> BatchIndex:
    """``index.json`` for the folder: this run's results, then those of other runs whose
    outputs are still there (or that failed) and that this run did not redo. Returns it."""
    with locked(outdir):
        index = read_index(outdir)
        others = {r.input: r for r in index.files} if index else {}
        for _, result in _journal(outdir):
            others[result.input] = result
        mine = {r.input for r in run.files}
        written = {r.output for r in run.files if r.output}
        kept = [
            r
            for r in others.values()
            if r.input not in mine
            and r.output not in written
            and (r.output is None or (outdir / r.output).exists())
        ]
        files = [*run.files, *kept]
        merged = run.model_copy(update={"files": files, "totals": totals(files)})
        write_atomic(outdir / INDEX_NAME, merged.model_dump_json(indent=2) + "\n")
        (outdir / JOURNAL_NAME).unlink(missing_ok=True)
    return merged
