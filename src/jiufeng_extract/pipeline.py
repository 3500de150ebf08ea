"""The orchestrator. Stages, in order:

1. ``load``       path → LoadedDocument (lines and tables with provenance; format-specific)
2. ``normalize``  → paragraphs: furniture set aside, scraped tables gridded, wrapped lines joined
3. ``segment``    → head / title / cover / signature / main text / attachments / trailer
4. ``parse_*``    → metadata, outline, tasks, special actions, milestones, references,
                    attachments, responsibility rows, form items
5. ``link``       → table rows ↔ body tasks, categories filled, discrepancies as warnings
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

from .blocks import Block, Line, LoadedDocument, TableBlock
from .errors import NotACircularError, StrictModeError
from .layout.normalize import Item, NormalizedDocument, Para, normalize
from .link.rows import check_roles, fill_categories, link_rows
from .load.dispatch import load_data, load_document
from .load.plain_text import text_to_lines
from .model import (
    AttachmentKind,
    Circular,
    FormItem,
    Metadata,
    Provenance,
    Source,
    SourceFormat,
    StrictModel,
    TableRow,
    Warning,
)
from .options import ExtractOptions
from .parse.attachments import attachment_kind, build_attachments
from .parse.metadata import build_metadata, document_year
from .parse.outline import Outline, parse_outline
from .parse.references import find_references
from .parse.segment import Segments, segment
from .parse.tables import is_responsibility_table, parse_form, parse_responsibility, to_table_rows
from .parse.tasks import assigns_work, build_structure
from .patterns import DAMAGED_DATE, ENCLOSING_TITLE, OFFICIAL_PROSE
from .text.script import Unfolder, clean, fold
from .units.names import UnitNames
from .units.roles import UnitReader, says_first_is_lead

_M = TypeVar("_M", bound=StrictModel)

# phrases of official prose a body fragment must hold to be read rather than refused
_MIN_OFFICIAL_PHRASES = 2


def extract_path(path: str | Path, options: ExtractOptions | None = None) -> Circular:
    """Read a circular from a file: PDF, DOCX (or .doc through LibreOffice), HTML or text,
    the format detected from the content."""
    options = options or ExtractOptions()
    loaded = load_document(Path(path), options)
    return _finish(build_circular(loaded, options.unit_names()), options)


def extract_data(data: bytes, path: str, options: ExtractOptions | None = None) -> Circular:
    """Read a circular from bytes already in memory (e.g. standard input); ``path`` names it."""
    options = options or ExtractOptions()
    loaded = load_data(data, Path(path), options)
    return _finish(build_circular(loaded, options.unit_names()), options)


def extract_text(
    text: str, options: ExtractOptions | None = None, path: str = "<text>"
) -> Circular:
    """Read a circular from a string already decoded (plain text)."""
    options = options or ExtractOptions()
    lines, pages = text_to_lines(text)
    loaded = LoadedDocument(
        path=path,
        format=SourceFormat.TEXT,
        pages=pages,
        blocks=list(lines),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    return _finish(build_circular(loaded, options.unit_names()), options)


def _finish(circular: Circular, options: ExtractOptions) -> Circular:
    if options.strict and circular.warnings:
        first = circular.warnings[0]
        raise StrictModeError(
            f"{len(circular.warnings)} warning(s) under --strict, first: {first.code}: "
            f"{first.message}",
            circular.source.path,
        )
    return circular


def build_circular(loaded: LoadedDocument, names: UnitNames | None = None) -> Circular:
    blocks = [_map_text(block, clean) for block in loaded.blocks]
    unfolder = Unfolder([text for block in blocks for text in _block_texts(block)])
    if unfolder.changed:  # Traditional script: parse the folded text, print the original
        blocks = [_map_text(block, fold) for block in blocks]
    circular = _build(replace(loaded, blocks=blocks), names)
    if not unfolder.changed:
        return circular
    unfolded = _unfolded(circular, unfolder.unfold, keep={"source"})
    # the kind is vocabulary (通知, 批复), not printed text: it stays in one script
    unfolded.metadata.doc_type = circular.metadata.doc_type
    return unfolded


def _unfolded(model: _M, unfold: Callable[[str], str], keep: set[str]) -> _M:
    """A copy of ``model`` and of every model inside it, each string in them unfolded (the
    fields in ``keep`` as they are; enums, numbers and dates as they are; dict keys too)."""

    def value(item: Any) -> Any:
        if type(item) is str:
            return unfold(item)
        if isinstance(item, StrictModel):
            return _unfolded(item, unfold, set())
        if type(item) is list:
            return [value(inner) for inner in item]
        if type(item) is dict:
            return {key: value(inner) for key, inner in item.items()}
        return item

    values = {k: v if k in keep else value(v) for k, v in model.__dict__.items()}
    return cast(_M, type(model).model_construct(**values))


def _unread_cover(loaded: LoadedDocument, metadata: Metadata) -> list[Warning]:
    """The first pages have no text (scanned, not OCRed): the circular's title, 发文字号 and
    cover are on them, so a title found after them is the enclosure's, never the circular's."""
    empty = {w.where for w in loaded.warnings if w.code == "page_without_text"}
    count = 0
    while f"page {count + 1}" in empty:
        count += 1
    if not count or metadata.title is None or metadata.doc_number is not None:
        return []
    if metadata.enclosure_title is None:
        metadata.enclosure_title = metadata.title
    metadata.title = metadata.doc_type = None  # the kind was the enclosure's (要点, 方案)
    return [
        Warning.model_construct(
            code="cover_unread",
            message=f"page(s) 1-{count} have no text layer: the circular's title and cover are "
            "not read (OCR them: --ocr auto with the ocr extra)",
            where=f"page 1-{count}",
        )
    ]


def _map_text(block: Block, change: Callable[[str], str]) -> Block:
    if isinstance(block, Line):
        text = change(block.text)
        return block if text == block.text else replace(block, text=text)  # Line is frozen
    return replace(block, rows=[[change(cell) for cell in row] for row in block.rows])


def _block_texts(block: Block) -> list[str]:
    return [block.text] if isinstance(block, Line) else [c for row in block.rows for c in row]


def _build(loaded: LoadedDocument, names: UnitNames | None) -> Circular:
    normalized = normalize(loaded.blocks)
    seg = segment(normalized)
    outline = parse_outline(seg.main)
    metadata = build_metadata(seg)
    unread = _unread_cover(loaded, metadata)
    body_only = (
        seg.title is None and not outline.headings and not _has_document_parts(seg, metadata)
    )
    if body_only and not _official_prose(normalized):
        raise NotACircularError(
            "no circular found: no title, 发文字号, 主送机关, signature, date or numbered "
            "outline (一、 （一） 1.)",
            loaded.path,
        )
    year = document_year(metadata)
    encloses = seg.enclosure_title is not None or bool(
        metadata.title and ENCLOSING_TITLE.match(metadata.title)
    )
    with_tasks = assigns_work(metadata.doc_type, encloses, seg.recipients is not None)
    cover = parse_outline(seg.cover) if seg.main and seg.cover else None
    structure = build_structure(outline, year, with_tasks=with_tasks, cover=cover)
    attachments, attachment_warnings = build_attachments(seg)
    rows, form_items = _tables(seg, year, names or UnitNames.default())
    warnings = loaded.warnings + normalized.warnings + outline.warnings + attachment_warnings
    warnings += _date_warnings(seg, metadata) + unread
    if body_only:
        warnings.append(
            Warning.model_construct(
                code="body_only",
                where=None,
                message="only body text: no title, 发文字号, 主送机关, signature or outline",
            )
        )
    if with_tasks and not structure.tasks:
        warnings.append(
            Warning.model_construct(
                code="no_tasks", where=None, message="no numbered tasks found in the document"
            )
        )
    warnings += link_rows(rows, structure.tasks, structure.special_actions)
    warnings += check_roles(rows)
    fill_categories(rows, structure.tasks)
    exclude = {t for t in (metadata.enclosure_title, metadata.title) if t}
    exclude |= {a.title for a in attachments}
    references = find_references(_texts(seg), exclude, metadata.doc_number)
    return Circular.model_construct(
        source=Source.model_construct(
            path=loaded.path,
            format=loaded.format,
            sha256=loaded.sha256,
            pages=loaded.pages,
            document_info=loaded.document_info,
            seals=loaded.seals,
            ocr=loaded.ocr,
        ),
        metadata=metadata,
        preamble="\n".join(outline.preamble or _letter_text(seg, outline)),
        sections=structure.sections,
        tasks=structure.tasks,
        special_actions=structure.special_actions,
        milestones=structure.milestones,
        references=references,
        attachments=attachments,
        responsibility_table=rows,
        form_items=form_items,
        warnings=warnings,
        # banner lines before the title, then everything normalize recognised as chrome
        furniture=[p.text for p in seg.head if not p.furniture] + normalized.furniture,
    )


def _letter_text(seg: Segments, outline: Outline) -> list[str]:
    """A notice with neither headings nor an enclosed document is all letter: its text (the
    cover between the 主送机关 and the signature) is what there is to read."""
    if outline.headings or seg.main:
        return []
    return [p.text for p in seg.cover if isinstance(p, Para) and not p.furniture]


def _date_warnings(seg: Segments, metadata: Metadata) -> list[Warning]:
    """A 成文日期 printed without its 月/日 ('2022年1231'): read when only one reading is a
    real date, else left unparsed; either way the reader is told."""
    if seg.signed_date is None or not DAMAGED_DATE.match(seg.signed_date.text):
        return []
    printed = seg.signed_date.text.strip()
    message = (
        f"成文日期 '{printed}' lost its 月/日; read as {metadata.signed_date}"
        if metadata.signed_date
        else f"成文日期 '{printed}' lost its 月/日 and reads more than one way; left unparsed"
    )
    return [
        Warning.model_construct(
            code="damaged_date", message=message, where=seg.signed_date.provenance.describe()
        )
    ]


def _official_prose(normalized: NormalizedDocument) -> bool:
    """The body of a 公文 without any of its parts still speaks as one: 经研究决定, 现将…,
    根据…要求, 为进一步…, 请认真贯彻落实 (a page cut to its text is output, not refused)."""
    text = "".join(i.text for i in normalized.items if isinstance(i, Para))
    return len(OFFICIAL_PROSE.findall(text)) >= _MIN_OFFICIAL_PHRASES


def _has_document_parts(seg: Segments, metadata: Metadata) -> bool:
    """Any 公文 element at all: a page that starts at the 主送机关, or has only a number and a
    date, is still a circular (with what it shows), not 'no circular'."""
    return bool(
        metadata.doc_number
        or metadata.recipients
        or metadata.issuers
        or metadata.signed_date
        or seg.attachment_list
        or seg.attachments
    )


def _tables(
    seg: Segments, year: int | None, names: UnitNames
) -> tuple[list[TableRow], list[FormItem]]:
    rows: list[TableRow] = []
    forms: list[FormItem] = []
    for part in seg.attachments:
        kind = attachment_kind(part)
        texts = [part.title] + [i.text for i in part.items if isinstance(i, Para)]
        for item in part.items:
            if not isinstance(item, TableBlock):
                continue
            if kind is AttachmentKind.RESPONSIBILITY_TABLE and is_responsibility_table(item):
                texts += [c for row in item.rows[:2] for c in row]
                reader = UnitReader(names, first_is_lead=says_first_is_lead(texts))
                rows += to_table_rows(parse_responsibility(item), year, reader)
            elif kind is AttachmentKind.FORM:
                forms += parse_form(item)
    return rows, forms


def _texts(seg: Segments) -> Iterator[tuple[str, Provenance]]:
    items: list[Item] = seg.cover + seg.main
    for part in seg.attachments:
        items += part.items
    for item in items:
        if isinstance(item, Para):
            yield item.text, item.provenance
