"""``OUTDIR/index.json``: what a batch did to each input, for people, CI and the next run.

The next run reads it to skip inputs that did not change; batches run in pieces (a CI matrix,
GNU parallel) can merge their indexes because each entry stands on its own.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from ..model import StrictModel

Status = Literal["ok", "warnings", "failed", "not_run"]
INDEX_NAME = "index.json"


class Counts(StrictModel):
    tasks: int = 0
    special_actions: int = 0
    table_rows: int = 0
    warnings: int = 0


class FileResult(StrictModel):
    input: str = Field(description="the input path as given")
    output: str | None = Field(description="output file name inside OUTDIR, null if failed")
    status: Status
    skipped: bool = Field(False, description="unchanged since the last run: not re-extracted")
    sha256: str | None
    seconds: float
    counts: Counts = Field(default_factory=Counts)
    doc_number: str | None = None
    error: str | None = Field(None, description="one-line message when failed")
    exit_code: int | None = Field(None, description="what `jiufeng extract` would exit with")


class BatchIndex(StrictModel):
    tool_version: str
    schema_version: str
    started: datetime
    seconds: float
    workers: int
    totals: dict[str, int] = Field(description="inputs per status, and skipped")
    files: list[FileResult]


def totals(files: list[FileResult]) -> dict[str, int]:
    counts = {status: 0 for status in ("ok", "warnings", "failed", "not_run")}
    for result in files:
        counts[result.status] += 1
    counts["skipped"] = sum(1 for r in files if r.skipped)
    return counts


def read_index(outdir: Path) -> BatchIndex | None:
    """The previous run's index, or None when there is none or it cannot be used."""
    path = outdir / INDEX_NAME
    try:
        return BatchIndex.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError):
        return None
