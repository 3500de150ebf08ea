"""Commands that read circulars (``units``, ``check``, ``diff``) accept either a source file or
the JSON/YAML that ``jiufeng extract`` wrote, so a batch can extract once and query many times.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import InputError
from .load.dispatch import read_bytes
from .load.structured import load_structured
from .model import SCHEMA_NAME, SCHEMA_VERSION, Circular
from .options import ExtractOptions
from .pipeline import extract_data, extract_path

_EXTRACTED_SUFFIXES = (".json", ".yaml", ".yml")


def read_circular(path: Path, options: ExtractOptions | None = None) -> Circular:
    """Extract ``path``, or load it when it is the output of ``jiufeng extract``."""
    options = options or ExtractOptions()
    if path.suffix.lower() not in _EXTRACTED_SUFFIXES:
        return extract_path(path, options)
    return _extracted(read_bytes(path, options), path, path.suffix.lower() == ".json")


def read_circular_data(data: bytes, name: str, options: ExtractOptions | None = None) -> Circular:
    """The same from bytes in memory (standard input): JSON or YAML written by extract when
    it starts like one, else a source document."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:64]
    if head.startswith(b"{"):
        return _extracted(data, Path(name), as_json=True)
    if head.startswith(b"schema_name:"):
        return _extracted(data, Path(name), as_json=False)
    return extract_data(data, name, options)


def _extracted(data: bytes, path: Path, as_json: bool) -> Circular:
    document = load_structured(data, path, as_json)
    if not isinstance(document, dict) or document.get("schema_name") != SCHEMA_NAME:
        raise InputError(f"not a '{SCHEMA_NAME}' document written by jiufeng extract", path)
    major = str(document.get("schema_version", "")).split(".")[0]
    if major != SCHEMA_VERSION.split(".")[0]:
        raise InputError(
            f"schema_version {document.get('schema_version')} is not readable by this version "
            f"(reads {SCHEMA_VERSION.split('.')[0]}.x); extract the source again",
            path,
        )
    try:
        return Circular.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(p) for p in first["loc"])
        raise InputError(f"invalid extracted document at {where}: {first['msg']}", path) from None
