"""The intermediate objects passed between stages, before the output model.

A loader turns any input format into a ``LoadedDocument``: a flat sequence of ``Line`` and
``TableBlock`` in reading order, each with provenance. Everything after the loader works on these
alone and never sees the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import OcrSource, Provenance, Seal, SourceFormat, Warning


@dataclass(frozen=True)
class Line:
    text: str
    page: int | None = None
    line: int | None = None
    # True when the loader knows the line is page chrome (an HTML nav bar, a PDF running header)
    furniture: bool = False
    paragraph: int | None = None  # DOCX body paragraph number

    @property
    def provenance(self) -> Provenance:
        return Provenance.model_construct(page=self.page, line=self.line, paragraph=self.paragraph)


@dataclass(frozen=True)
class TableBlock:
    """A table as a grid of cell texts; merged cells already resolved by copying their text."""

    rows: list[list[str]]
    page: int | None = None
    line: int | None = None
    # per row, the source line / page it starts on
    row_lines: list[int | None] = field(default_factory=list)
    row_pages: list[int | None] = field(default_factory=list)
    table: int | None = None  # DOCX table number

    @property
    def provenance(self) -> Provenance:
        return Provenance.model_construct(page=self.page, line=self.line, table=self.table)

    def row_provenance(self, index: int) -> Provenance:
        line = self.row_lines[index] if index < len(self.row_lines) else self.line
        page = self.row_pages[index] if index < len(self.row_pages) else self.page
        row = index + 1 if self.table is not None else None
        return Provenance.model_construct(page=page, line=line, table=self.table, row=row)


Block = Line | TableBlock


@dataclass
class LoadedDocument:
    path: str
    format: SourceFormat
    sha256: str
    blocks: list[Block]
    pages: int | None = None
    # what the loader noticed about the file itself (a page without text, a converted .doc)
    warnings: list[Warning] = field(default_factory=list)
    # what the package says about itself (an OFD's DocInfo and seal signatures)
    document_info: dict[str, str] = field(default_factory=dict)
    seals: list[Seal] = field(default_factory=list)
    ocr: OcrSource | None = None  # the pages read by OCR, the engine, the seals found
