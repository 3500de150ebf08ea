"""``jiufeng validate``: extracted files checked against the output's JSON Schema.

A batch's ``index.json`` is recognised and checked against its own model, so
``jiufeng validate out/*.json`` works on a batch's output folder. The schema is the one
``jiufeng schema`` writes (generated from the models); jsonschema checks
it, and every problem is reported with the key path it is at: ``tasks/3/ordinal: 'x' is not of
type 'integer'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .emit.schema import circular_schema
from .errors import InputError
from .load.source import read_input
from .load.structured import load_structured

_MAX_PROBLEMS = 20
MAX_BYTES = 200 * 1024 * 1024


def validate_file(path: Path, max_bytes: int = MAX_BYTES) -> list[str]:
    """The file's problems, empty when it is valid. Only a regular file of at most
    ``max_bytes`` is read, and within the bounds of ``load_structured``."""
    try:
        data = read_input(path, max_bytes)
        document = load_structured(data, path, as_json=path.suffix.lower() == ".json")
    except InputError as error:
        return [error.message]
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
