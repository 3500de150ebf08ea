"""One options object for an extraction, validated once with messages that name the option."""

from __future__ import annotations

import codecs
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import UsageError
from .formats import OcrMode
from .model import SourceFormat
from .units.names import UnitNames


class ExtractOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

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
        if name is None:
            return None
        try:
            codecs.lookup(name)
        except LookupError:
            raise ValueError(f"unknown encoding {name!r}, e.g. gb18030, utf-8, big5") from None
        return name

    def unit_names(self) -> UnitNames:
        return UnitNames.default().extended(self.aliases)

    @classmethod
    def build(cls, **values: object) -> ExtractOptions:
        """Build from CLI/library values; a bad value becomes a UsageError naming the option."""
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = ".".join(str(p) for p in first["loc"]) or "options"
            message = str(first["msg"]).removeprefix("Value error, ")
            raise UsageError(f"option {name}: {message}") from None
