"""The output document model: what ``jiufeng extract`` writes, and what ``schemas/`` describes.

The keys of ``Circular`` are the public contract (``shared/docs/output-contract.md``); adding a
field is a minor version bump, removing or renaming one is a major bump.
"""

# no ``from __future__ import annotations``: Pydantic would evaluate every annotation string
# when each class is made (a new ``jiufeng extract`` process makes all of them)
import datetime as dt
from enum import StrEnum
from typing import Any, Self

from .modelbase import (
    REQUIRED,
    BaseModel,
    ConfigDict,
    Field,
    construct_plan,
    copied_value,
    factories,
)

SCHEMA_NAME = "jiufeng-circular"
SCHEMA_VERSION = "1.3"


class StrictModel(BaseModel):
    """Base of every output model: unknown keys are an error, not silently dropped.

    Validation is built on first use (``defer_build``): the pipeline makes its models with
    ``model_construct`` from values of the declared types (mypy checks them), so a new
    ``jiufeng extract`` process builds no validator; reading JSON or YAML back validates.
    The base is ``modelbase``'s: Pydantic's, or in a ``jiufeng extract`` process that only
    writes JSON or YAML of a text file, the light one (the same declarations, no Pydantic)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    # the pydantic mypy plugin types each model's model_construct by its fields; this one only
    # adds the copy, so the plugin's per-model signatures are what callers are checked against
    @classmethod
    def model_construct(  # type: ignore[override]
        cls, _fields_set: set[str] | None = None, **values: Any
    ) -> Self:
        """Without validation, but lists and dicts copied as validation copies them, so a
        model never shares one with its maker (or with another model made from it).

        What Pydantic's ``model_construct`` does (the values given, the defaults of the others,
        in field order; keys that are no field dropped), done here for a model without aliases,
        private attributes, ``model_post_init`` or extra fields (all of ours): Pydantic's loop
        over the fields took most of the time a text circular's extraction spent making
        models. Any other model, and the light base's, is made by its base."""
        if _fields_set is None:
            _fields_set = set(values)
        plan = construct_plan(cls)
        if plan is None:
            copied = {name: copied_value(value) for name, value in values.items()}
            for name, make in factories(cls).items():
                if name not in copied:
                    copied[name] = make()
            return super().model_construct(_fields_set, **copied)
        data: dict[str, Any] = {}
        for name, default, factory in plan:
            if name in values:
                data[name] = copied_value(values[name])
            elif factory is not None:
                data[name] = factory()
            elif default is not REQUIRED:
                data[name] = default
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", data)
        object.__setattr__(model, "__pydantic_fields_set__", _fields_set)
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


class SourceFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    OFD = "ofd"
    HTML = "html"
    TEXT = "text"
    IMAGE = "image"  # PNG, JPEG or TIFF, read by OCR


class DeadlineKind(StrEnum):
    ONGOING = "ongoing"
    BY_DATE = "by_date"
    RANGE = "range"
    UNSPECIFIED = "unspecified"


class AttachmentKind(StrEnum):
    RESPONSIBILITY_TABLE = "responsibility_table"
    FORM = "form"
    TEXT = "text"


class Provenance(StrictModel):
    """Where an item starts: page (paged formats), line (text line, HTML source line, line on a
    PDF page), paragraph and table (DOCX body paragraph / table, counted from 1) and row (the
    table row, counted from 1 including header rows)."""

    page: int | None = None
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None

    def describe(self) -> str:
        """'page 3, line 12' or 'table 2, row 5' for messages; 'unknown' when nothing is known."""
        parts = [
            f"{name} {value}"
            for name, value in (
                ("page", self.page),
                ("line", self.line),
                ("paragraph", self.paragraph),
                ("table", self.table),
                ("row", self.row),
            )
            if value
        ]
        return ", ".join(parts) or "unknown"


class Stamp(StrictModel):
    """Where a seal is stamped: the page (from 1) and its box in mm from the page's top-left."""

    page: int | None = None
    boundary: list[float] = Field(default_factory=list, description="x, y, width, height (mm)")


class Seal(StrictModel):
    """A seal signature as the OFD package records it; the cryptography is not verified."""

    seal_name: str | None = Field(None, description="the name the seal file gives the seal")
    provider: str | None = Field(None, description="the signing software (Provider)")
    signed_at: str | None = Field(None, description="SignatureDateTime as written")
    stamps: list[Stamp] = Field(default_factory=list)


class OcrSeal(StrictModel):
    page: int
    box: list[float] = Field(description="x0, top, x1, bottom in points from the top-left")


class OcrSource(StrictModel):
    engine: str = Field(description="OCR engine and its version")
    pages: list[int] = Field(description="pages read by OCR (the others from the text layer)")
    seals: list[OcrSeal] = Field(
        default_factory=list, description="red seals removed from the page before recognition"
    )


class Source(StrictModel):
    path: str
    format: SourceFormat
    sha256: str
    pages: int | None = None
    document_info: dict[str, str] = Field(
        default_factory=dict,
        description="an OFD's DocInfo (Title, Author, CreationDate, …; CustomData as custom:NAME)",
    )
    seals: list[Seal] = Field(
        default_factory=list,
        description="an OFD's seal signatures, as recorded (not verified), or the seals a "
        "PDF page draws (a red ring or seal image; seal_name from its arc text, if any), or "
        "the red seals found on a page read by OCR (also in ocr.seals, in points)",
    )
    ocr: OcrSource | None = Field(
        None,
        exclude_if=lambda value: value is None,
        description="present when some pages were read by OCR",
    )


class DocNumberParts(StrictModel):
    agency: str
    year: int
    serial: int


class Metadata(StrictModel):
    title: str | None = None
    doc_number: str | None = Field(None, description="发文字号 with brackets normalised to 〔〕")
    doc_number_parts: DocNumberParts | None = None
    doc_type: str | None = Field(
        None,
        description="条例 Art. 8 type read from the title (else from a closing formula such as "
        "特此批复); a plan or rules issued on their own: their kind (方案, 要点, 办法)",
    )
    issuers: list[str] = Field(default_factory=list, description="发文机关, in printed order")
    recipients: list[str] = Field(default_factory=list, description="主送机关 items")
    signed_date: dt.date | None = Field(None, description="成文日期")
    published_date: dt.date | None = Field(None, description="web 发布日期")
    printed_date: dt.date | None = Field(None, description="印发日期 (版记 or web page)")
    enclosure_title: str | None = None
    notes: list[str] = Field(default_factory=list, description="附注, e.g. 信息公开形式：主动公开")
    copied_to: list[str] = Field(default_factory=list, description="抄送机关")
    web_fields: dict[str, str] = Field(
        default_factory=dict, description="label → value of a web page's metadata block"
    )


class Section(StrictModel):
    ref: str = Field(description="stable JSON pointer of this section, e.g. #/sections/1/0")
    number: str = Field(description="the number as printed: 二, 三, 7")
    marker: str = Field(description="the marker as printed: 二、 / （三） / 7.")
    level: int = Field(description="depth in the outline, 1 = top")
    title: str
    text: str
    special_actions: list[int] = Field(default_factory=list)
    provenance: Provenance
    children: "list[Section]" = Field(default_factory=list)


class Deadline(StrictModel):
    raw: str
    kind: DeadlineKind
    date: dt.date | None = Field(None, description="the due date")
    start: dt.date | None = None


class Task(StrictModel):
    ref: str
    ordinal: int
    number: str
    title: str
    text: str
    path: list[str] = Field(description="titles of the enclosing sections, outermost first")
    special_actions: list[int] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(
        default_factory=list, description="dated deadlines in the task's text, in order"
    )
    provenance: Provenance


class SpecialAction(StrictModel):
    ref: str
    ordinal: int
    number: str
    title: str
    text: str
    task: int | None = Field(None, description="ordinal of the task it belongs to")
    deadlines: list[Deadline] = Field(
        default_factory=list, description="dated deadlines in its text, in order"
    )
    provenance: Provenance


class Milestone(StrictModel):
    title: str
    deadline: Deadline
    text: str = ""
    provenance: Provenance


class Reference(StrictModel):
    title: str | None = None
    doc_number: str | None = None
    provenance: Provenance


class Attachment(StrictModel):
    number: str | None
    title: str
    kind: AttachmentKind
    listed: bool = Field(description="named in the 附件说明 list")
    found: bool = Field(description="present in the document body")
    provenance: Provenance | None = None


class UnitRole(StrEnum):
    LEAD = "lead"
    SUPPORT = "support"
    JOINT = "joint"


class RoleScope(StrEnum):
    TASK = "task"
    SPECIAL_ACTION = "special_action"


class Assignment(StrictModel):
    """One unit's role in one row, with its name normalised through the alias table."""

    unit: str = Field(description="the name as printed")
    canonical: str = Field(description="the body without level prefix, aliases resolved")
    level: str | None = Field(None, description="the printed level or place: 国家, 省, 市, 各区")
    role: UnitRole
    scope: RoleScope = Field(
        RoleScope.TASK, description="special_action: a bracketed note gives the action its lead"
    )
    includes: list[str] = Field(
        default_factory=list, description="units it includes: （含市中医药管理局，下同）"
    )


class Units(StrictModel):
    raw: str
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    joint: list[str] = Field(default_factory=list)
    special_action_lead: list[str] = Field(
        default_factory=list, description="（专项行动由…牵头）: who leads the row's special actions"
    )
    notes: list[str] = Field(
        default_factory=list, description="bracketed notes, e.g. （含…，下同）"
    )
    assignments: list[Assignment] = Field(
        default_factory=list, description="every unit with its role, canonical name and scope"
    )


class TableRow(StrictModel):
    seq: int | None
    category: str | None
    task_text: str
    task: int | None = Field(None, description="ordinal of the body task this row covers")
    task_similarity: float | None = Field(None, description="0–1 text similarity to that task")
    special_actions: list[int] = Field(
        default_factory=list, description="ordinals of the special actions of that task"
    )
    units: Units
    deadline: Deadline
    provenance: Provenance


class FormItem(StrictModel):
    group: int | None
    item: str
    unit: str | None


class Warning(StrictModel):
    code: str
    message: str
    where: str | None = None


class Circular(StrictModel):
    schema_name: str = SCHEMA_NAME
    schema_version: str = SCHEMA_VERSION
    source: Source
    metadata: Metadata
    preamble: str = Field("", description="text of the main document before its first heading")
    sections: list[Section]
    tasks: list[Task]
    special_actions: list[SpecialAction]
    milestones: list[Milestone]
    references: list[Reference]
    attachments: list[Attachment]
    responsibility_table: list[TableRow]
    form_items: list[FormItem]
    warnings: list[Warning]
    furniture: list[str] = Field(
        default_factory=list,
        description="page chrome kept out of the content: banners, page numbers",
    )
