"""How a batch talks: a progress bar at a terminal, plain lines in CI, a summary table, a JUnit
file and GitHub Actions annotations. Everything here reads ``FileResult``s; nothing extracts."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from xml.etree import ElementTree

from rich.console import Console, Group
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..emit.safe import one_line, plain
from ..emit.serialize import write_atomic
from .index import BatchIndex, FileResult

_STYLE = {"ok": "green", "warnings": "yellow", "failed": "bold red", "not_run": "dim"}


class BatchProgress:
    """A Rich progress bar on a terminal; one plain line per file otherwise (CI logs)."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._done = 0
        self._total = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, total: int, skipped: int) -> None:
        self._total = total
        if skipped:
            self._console.print(f"{skipped} of {total} input(s) unchanged since the last run")
        if self._console.is_terminal:
            self._progress = Progress(
                TextColumn("extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=self._console,
                transient=True,
            )
            self._task = self._progress.add_task("", total=total)
            self._progress.start()

    def result(self, result: FileResult) -> None:
        self._done += 1
        if self._progress is not None and self._task is not None:
            name = one_line(Path(result.input).name)
            self._progress.update(self._task, advance=1, description=escape(name))
            if result.status == "failed":
                line = escape(one_line(f"{result.input}: {result.error}"))
                self._progress.console.print(f"[bold red]failed[/] {line}")
            return
        if result.skipped:
            return
        what = result.error if result.status == "failed" else f"{result.seconds:.2f} s"
        self._console.print(
            one_line(f"[{self._done}/{self._total}] {result.status} {result.input} ({what})"),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def summary(index: BatchIndex, outdir: Path) -> Group:
    table = Table("status", "files", "tasks", "table rows", "warnings")
    for status in ("ok", "warnings", "failed", "not_run"):
        rows = [r for r in index.files if r.status == status]
        if rows:
            table.add_row(
                f"[{_STYLE[status]}]{status}[/]",
                str(len(rows)),
                str(sum(r.counts.tasks for r in rows)),
                str(sum(r.counts.table_rows for r in rows)),
                str(sum(r.counts.warnings for r in rows)),
            )
    line = (
        f"{len(index.files)} input(s) → {outdir}, {index.totals['skipped']} unchanged and "
        f"skipped, {index.seconds:.1f} s with {index.workers} worker(s)"
    )
    return Group(table, Text(line))


def failures(index: BatchIndex) -> list[FileResult]:
    return [r for r in index.files if r.status in ("failed", "not_run")]


def write_junit(index: BatchIndex, path: Path, strict: bool) -> None:
    """One test case per input: a failure when it failed (or had warnings under --strict).
    Control characters of names and messages, which XML 1.0 cannot hold, are escaped."""
    suite = ElementTree.Element(
        "testsuite",
        name="jiufeng batch",
        tests=str(len(index.files)),
        failures=str(sum(1 for r in index.files if _fails(r, strict))),
        skipped=str(index.totals["not_run"]),
        time=f"{index.seconds:.3f}",
        timestamp=index.started.isoformat(timespec="seconds"),
    )
    for result in index.files:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname="jiufeng.extract",
            name=one_line(result.input),
            time=f"{result.seconds:.3f}",
        )
        if result.status == "not_run":
            ElementTree.SubElement(case, "skipped", message=one_line(result.error or "not run"))
        elif _fails(result, strict):
            message = one_line(
                result.error or f"{result.counts.warnings} warning(s) under --strict"
            )
            failure = ElementTree.SubElement(case, "failure", message=message, type=result.status)
            failure.text = f"{one_line(result.input)}: {message}"
        if result.output:
            ElementTree.SubElement(case, "system-out").text = f"output: {one_line(result.output)}"
    root = ElementTree.Element("testsuites")
    root.append(suite)
    ElementTree.indent(root)
    write_atomic(path, ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n")


def _fails(result: FileResult, strict: bool) -> bool:
    return result.status == "failed" or (strict and result.status == "warnings")


def github_annotations(index: BatchIndex, strict: bool) -> None:
    """``::error file=…::`` lines that GitHub Actions shows on the run (only when it runs us)."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for result in index.files:
        if result.status == "failed":
            sys.stdout.write(
                f"::error file={_escape_property(result.input)}::{_escape(result.error or '')}\n"
            )
        elif result.status == "warnings":
            level = "error" if strict else "warning"
            sys.stdout.write(
                f"::{level} file={_escape_property(result.input)}::"
                f"{result.counts.warnings} extraction warning(s); see its output's warnings\n"
            )


def _escape(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped, other control characters dropped."""
    return plain(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property (file=…): also : and , escaped."""
    return _escape(text).replace(":", "%3A").replace(",", "%2C")
