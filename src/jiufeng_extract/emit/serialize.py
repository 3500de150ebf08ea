"""Serialise a ``Circular`` (or any model) to JSON or YAML, its responsibility table to CSV or
its tables to an XLSX workbook, and write files atomically.

Output is deterministic: model field order, ``ensure_ascii=False``, a final newline. YAML,
CSV and XLSX writers are imported when asked for (a JSON extract does not load them).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, UsageError
from ..formats import Lang, OutputFormat

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..model import Circular


def dumps_data(data: Any, fmt: OutputFormat) -> str:
    if fmt is OutputFormat.YAML:
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps(model: BaseModel, fmt: OutputFormat) -> str:
    from .data import json_data

    return dumps_data(json_data(model), fmt)


def render_circular(circular: Circular, fmt: OutputFormat, lang: Lang = Lang.ZH) -> bytes:
    """The whole document as JSON/YAML, its responsibility table as CSV, or a workbook of
    all its tables as XLSX; ``lang`` is the language of CSV and XLSX headers."""
    if fmt is OutputFormat.CSV:
        from .flatten import RESPONSIBILITY_HEADER, responsibility_rows
        from .labels import header
        from .spreadsheet import csv_text

        if not circular.responsibility_table:
            raise UsageError(
                "no responsibility table in this circular, so no CSV rows to write: "
                "-f xlsx gives its tasks and metadata, -f json everything",
                circular.source.path,
            )
        rows = responsibility_rows(circular, lang)
        return csv_text(header(RESPONSIBILITY_HEADER, lang), rows).encode("utf-8")
    if fmt is OutputFormat.XLSX:
        from .workbook import circular_workbook

        return circular_workbook(circular, lang)
    return dumps(circular, fmt).encode("utf-8")


def render_combined(
    circulars: Sequence[Circular], fmt: OutputFormat, lang: Lang = Lang.ZH
) -> bytes:
    """Many circulars as one table: the responsibility rows of all (CSV) or a workbook whose
    sheets hold the rows of all (XLSX)."""
    if fmt is OutputFormat.XLSX:
        from .workbook import combined_workbook

        return combined_workbook(circulars, lang)
    from .flatten import RESPONSIBILITY_HEADER, responsibility_rows
    from .labels import header
    from .spreadsheet import csv_text

    rows = [row for circular in circulars for row in responsibility_rows(circular, lang)]
    return csv_text(header(RESPONSIBILITY_HEADER, lang), rows).encode("utf-8")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside ``path`` then rename: never a half-written output,
    and an existing output untouched when the write fails (a full disk is exit 3 naming it).

    Only a regular file is replaced: a device, FIFO, socket or symbolic link at ``path`` is
    refused rather than turned into a regular file. The temporary name is short, so any name
    the file system allows for ``path`` works. The file gets the mode an ordinary ``open()``
    would give it (the user's umask), or keeps the mode of the file it replaces."""
    import tempfile  # only a write to a file needs it

    _refuse_special(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".jf-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write output: {exc.strerror or exc}", path) from None
    try:
        os.fchmod(fd, _mode_for(path))
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write output: {exc.strerror or exc}", path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _refuse_special(path: Path) -> None:
    try:
        info = path.lstat()
    except OSError:
        return  # nothing there yet (or a folder we cannot see into: mkstemp says so)
    if stat.S_ISDIR(info.st_mode):
        raise UsageError("is a folder: give a file name inside it, e.g. -o DIR/out.json", path)
    if stat.S_ISLNK(info.st_mode):
        raise InputError("is a symbolic link: refusing to replace it (give its target)", path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is a device, FIFO or socket: refusing to write through it", path)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
