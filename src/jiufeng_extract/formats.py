"""The output formats ``jiufeng extract`` writes and the ``--ocr`` modes (enums only: the CLI
imports them at start)."""

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


class OcrMode(StrEnum):
    """``--ocr``: which pages of a PDF are read by OCR (image files always are)."""

    AUTO = "auto"  # pages without a text layer, or whose fonts have no Unicode map
    ALWAYS = "always"  # every page, the text layer ignored
    NEVER = "never"  # none: a scan is refused (exit 7), garbled fonts too (exit 8)
