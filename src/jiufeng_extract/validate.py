"""``jiufeng validate``: extracted files checked against the output's JSON Schema.

A batch's ``index.json`` is recognised and checked against its own model, so
``jiufeng validate out/*.json`` works on a batch's output folder. The schema is the one
``jiufeng schema`` writes (generated from the models); jsonschema checks
it, and every problem is reported with the key path it is at: ``tasks/3/ordinal: 'x' is not of
type 'integer'``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .emit.schema import circular_schema
from .errors import describe

_MAX_PROBLEMS = 20


def validate_file(path: Path) -> list[str]:
    """The file's problems, empty when it is valid."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ["no such file"]
    except (OSError, UnicodeDecodeError) as exc:
        return [f"cannot read: {getattr(exc, 'strerror', None) or exc}"]
    try:
        document = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        return [
            f"not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}: {describe(exc)}"
        ]
    if isinstance(document, dict) and "files" in document and "schema_name" not in document:
        return index_problems(document)
    return schema_problems(document)


def index_problems(document: dict[str, Any]) -> list[str]:
    """An ``index.json`` written by ``jiufeng batch`` (it sits beside the outputs)."""
    from pydantic import ValidationError

    from .batch.index import BatchIndex

    try:
        BatchIndex.model_validate(document)
    except ValidationError as exc:
        return [
            f"{'/'.join(str(p) for p in error['loc']) or '(top level)'}: {error['msg']}"
            for error in exc.errors()[:_MAX_PROBLEMS]
        ]
    return []


def schema_problems(document: Any) -> list[str]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(circular_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    problems = [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top level)'}: {error.message}"
        for error in errors[:_MAX_PROBLEMS]
    ]
    if len(errors) > _MAX_PROBLEMS:
        problems.append(f"… and {len(errors) - _MAX_PROBLEMS} more")
    return problems
