"""``jiufeng extract``'s progress while a scan is read by OCR, on stderr: a Rich bar at a
terminal, one plain line a page otherwise (``page 3/18 read by OCR``, for CI logs), nothing
with ``--quiet``. Set up inside the reading (``output.extract_source``), so the forked worker
that reads a PDF or an image draws it and stops it, also when the reading fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..progress import listening

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


class OcrProgress:
    """The listener ``progress.page_read`` calls: page ``number`` of ``count`` was read. Rich
    is imported when the first page is told (most inputs have none read by OCR)."""

    def __init__(self, console: Console | None = None) -> None:
        self._console = console
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, number: int, count: int) -> None:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False)
        if not self._console.is_terminal:
            self._console.print(f"page {number}/{count} read by OCR", markup=False)
            return
        if self._bar is None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("OCR page"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._task = self._bar.add_task("", total=count)
            self._bar.start()
        if self._task is not None:
            self._bar.update(self._task, completed=number)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@contextmanager
def ocr_progress(show: bool) -> Iterator[None]:
    """Pages read by OCR reported on stderr while the block runs (when ``show``)."""
    if not show:
        yield
        return
    reporter = OcrProgress()
    try:
        with listening(reporter):
            yield
    finally:
        reporter.stop()
