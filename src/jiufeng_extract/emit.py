"""Serialise a ``Circular`` (or any model) to JSON or YAML, and write files atomically.

Output is deterministic: model field order, ``ensure_ascii=False``, a final newline.
"""

from __future__ import annotations

import json
import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .errors import InputError, UsageError


class OutputFormat(StrEnum):
    JSON = "json"
    YAML = "yaml"


_SUFFIXES = {".json": OutputFormat.JSON, ".yaml": OutputFormat.YAML, ".yml": OutputFormat.YAML}


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
            f"cannot tell the output format from '{output.suffix}': use .json, .yaml or --format",
            output,
        ) from None


def dumps_data(data: Any, fmt: OutputFormat) -> str:
    if fmt is OutputFormat.YAML:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps(model: BaseModel, fmt: OutputFormat) -> str:
    return dumps_data(model.model_dump(mode="json"), fmt)


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` then rename: never a half-written output."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write output: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
