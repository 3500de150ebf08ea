"""JSON Schema for the output model; ``schemas/`` holds the committed copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from ..model import SCHEMA_NAME, SCHEMA_VERSION, Circular


def circular_schema() -> dict[str, Any]:
    schema = Circular.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{SCHEMA_NAME}-{SCHEMA_VERSION}.schema.json"
    return schema


def schema_files() -> dict[str, str]:
    """File name → content, as ``jiufeng schema`` writes them."""
    text = json.dumps(circular_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return {f"{SCHEMA_NAME}.schema.json": text}


def write_schemas(directory: Path) -> list[Path]:
    from .serialize import write_atomic

    if directory.exists() and not directory.is_dir():
        raise UsageError("is a file, not a folder: give a folder or a .json file name", directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder: {exc.strerror or exc}", directory) from None
    written = []
    for name, text in schema_files().items():
        target = directory / name
        write_atomic(target, text)
        written.append(target)
    return written
