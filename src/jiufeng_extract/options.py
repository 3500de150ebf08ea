"""One options object for an extraction, validated once with messages that name the option."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from .errors import UsageError
from .formats import OcrMode
from .model import SourceFormat
from .modelbase import BaseModel, ConfigDict, Field, ValidationError, field_validator
from .units.names import UnitNames


class ExtractOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    input_format: SourceFormat | None = Field(
        None, description="force the input format instead of detecting it from the content"
    )
    encoding: str | None = Field(None, description="force the text encoding (text and HTML)")
    strict: bool = Field(False, description="treat warnings as errors")
    max_bytes: int = Field(200 * 1024 * 1024, gt=0, description="refuse larger input files")
    max_pages: int = Field(2000, gt=0, description="refuse PDFs with more pages")
    password: str | None = Field(None, description="password of an encrypted PDF")
    ocr: OcrMode = Field(
        OcrMode.AUTO, description="which PDF and OFD pages are read by OCR: auto, always or never"
    )
    aliases: tuple[Path, ...] = Field(
        (), description="unit-alias TOML files added to the shipped table"
    )

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, name: str | None) -> str | None:
        if name is None or _known(name):
            return name
        raise ValueError(f"unknown encoding {name!r}, e.g. gb18030, utf-8, big5")

    def unit_names(self) -> UnitNames:
        return UnitNames.default().extended(self.aliases)

    @classmethod
    def build(cls, **values: object) -> ExtractOptions:
        """Build from CLI/library values; a bad value becomes a UsageError naming the option.

        Values already of their field's type and within its bounds (what the CLI passes)
        are taken as they are, without building the validator; anything else is validated."""
        if _plain(values):
            return cls.model_construct(**values)  # type: ignore[arg-type]
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = ".".join(str(p) for p in first["loc"]) or "options"
            message = str(first["msg"]).removeprefix("Value error, ")
            raise UsageError(f"option {name}: {message}") from None


# ExtractOptions' fields and what a value needs to be taken without validation
_PLAIN: dict[str, Callable[[object], bool]] = {
    "input_format": lambda v: v is None or isinstance(v, SourceFormat),
    "encoding": lambda v: v is None or (type(v) is str and _known(v)),
    "strict": lambda v: type(v) is bool,
    "max_bytes": lambda v: type(v) is int and v > 0,
    "max_pages": lambda v: type(v) is int and v > 0,
    "password": lambda v: v is None or type(v) is str,
    "ocr": lambda v: isinstance(v, OcrMode),
    "aliases": lambda v: type(v) is tuple and all(isinstance(p, Path) for p in v),
}


def _plain(values: dict[str, object]) -> bool:
    return all(name in _PLAIN and _PLAIN[name](value) for name, value in values.items())


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True
