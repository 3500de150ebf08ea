"""The output formats ``jiufeng extract`` writes (an enum only: the CLI imports it at start)."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    JSON = "json"
    YAML = "yaml"
    CSV = "csv"  # the responsibility table only, one row per task
    XLSX = "xlsx"


class Lang(StrEnum):
    """Language of the headers and labels in outputs people read (JSON/YAML keys never change)."""

    ZH = "zh"
    EN = "en"
