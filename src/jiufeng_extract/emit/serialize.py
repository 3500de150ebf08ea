"""Serialise a ``Circular`` (or any model) to JSON or YAML, or its responsibility table to CSV
or XLSX, and write files atomically.

Output is deterministic: model field order, ``ensure_ascii=False``, a final newline.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ..errors import InputError, UsageError
from ..formats import OutputFormat
from ..model import Circular
from .flatten import RESPONSIBILITY_HEADER, responsibility_rows
from .spreadsheet import csv_text, xlsx_bytes

_SUFFIXES = {
    ".json": OutputFormat.JSON,
    ".yaml": OutputFormat.YAML,
    ".yml": OutputFormat.YAML,
    ".csv": OutputFormat.CSV,
    ".xlsx": OutputFormat.XLSX,
}


def format_for(output: Path | None, requested: OutputFormat | None) -> OutputFormat:
    """--format wins; else the -o suffix; else JSON."""
    if requested is not None:
        return requested
    if output is None:
        return OutputFormat.JSON
    try:
        return _SUFFIXES[output.suffix.lower()]
    except KeyError:
        raise UsageError(
            f"cannot tell the output format from '{output.suffix}': "
            "use .json, .yaml, .csv, .xlsx or --format",
            output,
        ) from None


def dumps_data(data: Any, fmt: OutputFormat) -> str:
    if fmt is OutputFormat.YAML:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps(model: BaseModel, fmt: OutputFormat) -> str:
    return dumps_data(model.model_dump(mode="json"), fmt)


def render_circular(circular: Circular, fmt: OutputFormat) -> bytes:
    """The whole document as JSON/YAML, or its responsibility table as CSV/XLSX."""
    if fmt is OutputFormat.CSV:
        return csv_text(RESPONSIBILITY_HEADER, responsibility_rows(circular)).encode("utf-8")
    if fmt is OutputFormat.XLSX:
        return xlsx_bytes(RESPONSIBILITY_HEADER, responsibility_rows(circular), "责任分工")
    return dumps(circular, fmt).encode("utf-8")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside ``path`` then rename: never a half-written output."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write output: {exc.strerror or exc}", path) from None
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
