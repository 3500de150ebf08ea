"""What every command does the same way with its output and its input: ``-o`` (the format
from the suffix, a mismatch with ``--format`` refused, a folder refused), ``-`` for standard
input, and reports printed whole when they go to a file or a pipe.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import InputError, UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..guard import Limits
    from ..model import Circular
    from ..options import ExtractOptions

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
STDIN = "-"
_STDIN_NAME = "<stdin>"
_MIN_WIDTH = 80
_MAX_WIDTH = 2000


def choose_format(
    output: Path | None, requested: E | None, suffixes: Mapping[str, E], default: E
) -> E:
    """--format, else the -o suffix, else ``default``; a --format the suffix contradicts
    (``-f json -o report.html``) and a folder given as -o are refused."""
    if output is not None and output.is_dir():
        raise UsageError("-o is a folder: give a file name inside it, e.g. -o DIR/out.json", output)
    suffix = output.suffix if output is not None else ""
    by_suffix = suffixes.get(suffix.lower())
    if requested is None:
        if output is None or by_suffix is not None:
            return by_suffix or default
        known = ", ".join(dict.fromkeys(suffixes))
        raise UsageError(
            f"cannot tell the output format from '{suffix}': use {known} or --format",
            output,
        )
    if by_suffix is not None and by_suffix is not requested:
        raise UsageError(
            f"--format {requested.value} does not match the -o suffix '{suffix}' "
            f"({by_suffix.value}): change one of them",
            output,
        )
    return requested


def refuse_input_as_output(source: Path, output: Path | None) -> None:
    if output is not None and str(source) != STDIN and output.resolve() == source.resolve():
        raise UsageError("-o is the input file; refusing to overwrite it", output)


def read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"over the limit of {max_bytes} bytes (--max-bytes)", _STDIN_NAME)
    if not data.strip():
        raise InputError("file is empty", _STDIN_NAME)
    return data


def guard(action: Callable[[], T], source: Path | str, limits: Limits, head: bytes = b"") -> T:
    """Read an input under the resource guard: in a worker process when C code reads it
    (PDF, images), else in this one. ``head`` is the start of data already in memory."""
    from ..guard import guarded
    from ..load.dispatch import needs_worker

    name = _STDIN_NAME if str(source) == STDIN else str(source)
    return guarded(action, name, limits, isolate=needs_worker(head or _peek(Path(source))))


def _peek(path: Path) -> bytes:
    """The first bytes of a regular file (nothing for anything else: the reader refuses it)."""
    import stat

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return b""
        with path.open("rb") as handle:
            return handle.read(2048)
    except OSError:
        return b""


def extract_source(
    path: Path, options: ExtractOptions, limits: Limits, progress: bool = False
) -> Circular:
    """``jiufeng extract``'s input: a file, or ``-`` for standard input; with ``progress``,
    the pages read by OCR are reported on stderr as they are read."""
    from ..pipeline import extract_data, extract_path
    from .progress import ocr_progress

    def from_file() -> Circular:
        with ocr_progress(progress):
            return extract_path(path, options)

    def from_data() -> Circular:
        with ocr_progress(progress):
            return extract_data(data, _STDIN_NAME, options)

    if str(path) != STDIN:
        return guard(from_file, path, limits)
    data = read_stdin(options.max_bytes)
    return guard(from_data, path, limits, data)


def read_source(path: Path, options: ExtractOptions, limits: Limits) -> Circular:
    """A circular or the JSON/YAML extract wrote, from a file or from ``-`` (standard input)."""
    from ..reuse import read_circular, read_circular_data

    if str(path) != STDIN:
        return guard(lambda: read_circular(path, options), path, limits)
    data = read_stdin(options.max_bytes)
    return guard(lambda: read_circular_data(data, _STDIN_NAME, options), path, limits, data)


def emit(content: str | bytes, output: Path | None) -> None:
    from ..emit.serialize import write_atomic

    if output is not None:
        write_atomic(output, content)
        return
    if sys.stdout.isatty():  # no escape sequence from a document reaches a terminal
        content = _for_terminal(content)
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        sys.stdout.write(content)


def _for_terminal(content: str | bytes) -> str | bytes:
    """Text (CSV, Markdown, the text view) without its control characters; binary unchanged."""
    from ..emit.safe import plain

    if isinstance(content, bytes):
        try:
            return plain(content.decode("utf-8"))
        except UnicodeDecodeError:
            return content
    return plain(content)


def show(view: Callable[[bool], RenderableType], output: Path | None) -> None:
    """A report for people: coloured at a terminal, else plain: in a pipe as wide as
    $COLUMNS when it is set (the views wrap, never cut), else as wide as its longest line, so
    a file or a pipe gets every character instead of text cut to fit 80 columns.
    ``view(plain)`` builds it; plain views mark what colours would show. Control characters of
    the document (escape sequences in a title) are left out."""
    import io
    import os

    from rich.console import Console
    from rich.measure import Measurement

    from ..emit.safe import Cleaned

    if output is None:
        console = Console(highlight=False)
        if console.is_terminal:
            console.print(Cleaned(view(console.no_color)))
            return
    renderable = view(True)
    probe = Console(width=_MAX_WIDTH, no_color=True, highlight=False, file=io.StringIO())
    width = Measurement.get(probe, probe.options, renderable).maximum
    columns = os.environ.get("COLUMNS", "")
    if output is None and columns.isdecimal():
        width = int(columns)
    buffer = io.StringIO()
    Console(
        file=buffer, width=max(_MIN_WIDTH, min(width, _MAX_WIDTH)), no_color=True, highlight=False
    ).print(Cleaned(renderable))
    emit(buffer.getvalue(), output)
