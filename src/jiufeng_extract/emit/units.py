"""Per-unit duties (``unit_index``) → json, csv or md text for ``jiufeng units``."""

from __future__ import annotations

import json

from ..formats import Lang
from ..units.index import UnitDuties
from .flatten import DUTY_HEADER, duty_rows
from .labels import header
from .spreadsheet import csv_text, markdown_table


def render_units(index: list[UnitDuties], fmt: str, lang: Lang = Lang.ZH) -> str:
    """``lang``: the language of csv and md headers and values (json keeps its keys)."""
    if fmt == "json":
        data = [unit.model_dump(mode="json") for unit in index]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_text(header(DUTY_HEADER, lang), duty_rows(index, lang))
    if fmt == "md":
        return markdown_table(header(DUTY_HEADER, lang), duty_rows(index, lang))
    raise ValueError(f"unknown units format {fmt!r}")
