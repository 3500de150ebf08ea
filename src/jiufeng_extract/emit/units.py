"""Per-unit duties (``unit_index``) → json, csv or md text for ``jiufeng units``."""

from __future__ import annotations

import json

from ..units.index import UnitDuties
from .flatten import DUTY_HEADER, duty_rows
from .spreadsheet import csv_text, markdown_table


def render_units(index: list[UnitDuties], fmt: str) -> str:
    if fmt == "json":
        data = [unit.model_dump(mode="json") for unit in index]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_text(DUTY_HEADER, duty_rows(index))
    if fmt == "md":
        return markdown_table(DUTY_HEADER, duty_rows(index))
    raise ValueError(f"unknown units format {fmt!r}")
