"""DOCX loader (python-docx): body paragraphs and tables in document order.

- automatic numbering is rendered into the paragraph text (``docx_numbering``);
- tracked changes are taken as accepted: inserted runs are read, deleted and moved-away runs
  are not;
- text boxes, headers, footers, footnotes and comments are kept out of the body;
- a manual line break (``w:br``, Shift+Enter) inside a paragraph is layout and joined, unless
  the text on both sides of it holds no clause punctuation: issuers and a date set one to a
  line in one paragraph stay separate lines (of the same paragraph number);
- merged cells are resolved on the table grid: ``w:gridSpan`` copies a cell's text across the
  columns it spans, ``w:vMerge`` copies it down the rows it spans;
- provenance: body paragraph number, or table number and row number (both counted from 1).

A DOCX that is only pasted page images (a scan dropped into Word) has no text to read:
``pasted_images`` gives the images its body shows, in document order, for OCR (``dispatch``).

The package is checked before parsing: a ZIP that is not a Word document, or whose parts would
inflate beyond a sane size (a decompression bomb), is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ..blocks import Block, Line, TableBlock
from ..errors import InputError, UnsupportedFormatError
from ..text.joining import join_text
from .word_numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# a picture in the body: DrawingML (a:blip r:embed) or VML from older Word (v:imagedata r:id)
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_DOCUMENT_PART = "word/document.xml"
# generous: the largest real circulars with embedded images stay far below these
_MAX_UNCOMPRESSED = 512 * 1024 * 1024
_MAX_XML_PART = 64 * 1024 * 1024
_MAX_RATIO = 200
# a table row spans at most this many grid columns (Word itself stops at 63): a gridSpan or
# gridBefore of 2e7 is read as malformed (1 and 0) rather than built, longer rows are cut
_MAX_COLUMNS = 256
# text inside these is not body text, or not text that survives accepting tracked changes
_SKIPPED_CONTAINERS = {
    _W + name
    for name in (
        "txbxContent",
        "del",
        "moveFrom",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "fldData",
        "pPr",
        "rPr",
    )
}
# a piece of a paragraph with this is prose, whose manual line breaks are only layout
_CLAUSE_PUNCT = re.compile(r"[，、；。：,;:！？!?]")
_TEXT_TAGS = {_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen", _W + "sym"}


def check_package(data: bytes, path: str) -> None:
    """Refuse ZIPs that are not DOCX and packages that would inflate out of all proportion."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if _DOCUMENT_PART not in names:
                kind = _zip_kind(archive, names)
                raise UnsupportedFormatError(
                    f"ZIP archive without {_DOCUMENT_PART}: {kind}, not a Word document", path
                )
            total = sum(info.file_size for info in infos)
            for info in infos:
                ratio = info.file_size / max(info.compress_size, 1)
                too_big = info.filename.endswith(".xml") and info.file_size > _MAX_XML_PART
                if too_big or (info.file_size > 1024 * 1024 and ratio > _MAX_RATIO):
                    raise InputError(
                        f"refusing DOCX part {info.filename}: {info.file_size} bytes inflated "
                        f"from {info.compress_size} (decompression bomb?)",
                        path,
                    )
            if total > _MAX_UNCOMPRESSED:
                raise InputError(f"refusing DOCX: {total} bytes once inflated", path)
    except zipfile.BadZipFile as exc:
        raise InputError(f"damaged ZIP/DOCX container: {exc}", path) from None


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        return f"an OpenDocument file ({mimetype}); save it as .docx"
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    return "a plain ZIP archive"


def load_docx(data: bytes, path: str) -> list[Block]:
    check_package(data, path)
    import docx  # deferred: python-docx is only needed for DOCX input

    try:
        document = docx.Document(io.BytesIO(data))
        part = document.part
        numbering_part = _numbering_element(part)
        styles = part.styles.element if _has_styles(part) else None
    except SyntaxError as exc:  # lxml's XMLSyntaxError derives from it
        raise InputError(f"damaged DOCX (XML error): {exc}", path) from None
    except Exception as exc:  # zlib, CRC, missing parts: python-docx lets them all through
        raise InputError(f"damaged DOCX: {exc}", path) from None
    return list(_body_blocks(document.element.body, Numbering(numbering_part, styles)))


def pasted_images(data: bytes, path: str) -> list[bytes]:
    """The images the body shows (each picture's bytes as stored in ``word/media``), in
    document order; a picture shown twice is given once."""
    check_package(data, path)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        related = document.part.related_parts
        images: list[bytes] = []
        seen: set[str] = set()
        for element in document.element.body.iter(_BLIP, _VML_IMAGE):
            ref = element.get(_R + "embed") or element.get(_R + "id")
            if ref and ref not in seen and ref in related:
                seen.add(ref)
                images.append(related[ref].blob)
        return images
    except SyntaxError as exc:
        raise InputError(f"damaged DOCX (XML error): {exc}", path) from None
    except Exception as exc:  # as in load_docx
        raise InputError(f"damaged DOCX: {exc}", path) from None


def _numbering_element(part: Any) -> Any | None:
    try:
        return part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _has_styles(part: Any) -> bool:
    try:
        part.styles  # noqa: B018  (raises when the package has no styles part)
    except (KeyError, NotImplementedError):
        return False
    return True


def _body_blocks(body: Any, numbering: Numbering) -> Iterator[Block]:
    paragraphs = tables = 0
    for element in _block_elements(body):
        if element.tag == _W + "p":
            paragraphs += 1
            label = numbering.label(element)
            for piece in paragraph_lines(element):
                if piece.strip():
                    yield Line(label + piece, paragraph=paragraphs)
                    label = ""
        else:
            tables += 1
            rows = table_grid(element, numbering)
            if rows:
                yield TableBlock(rows=rows, table=tables)


def _block_elements(container: Any) -> Iterator[Any]:
    """w:p and w:tbl children in order, looking inside content controls (w:sdt) and
    custom XML wrappers, which Word uses to group body content."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _block_elements(content)


def paragraph_text(paragraph: Any) -> str:
    """The visible text of a w:p, its lines (``paragraph_lines``) one to a line."""
    return "\n".join(paragraph_lines(paragraph))


def paragraph_lines(paragraph: Any) -> list[str]:
    """The visible text of a w:p with tracked changes accepted, text boxes left out: one
    string, or several where a manual line break separates lines of their own."""
    out: list[str] = []
    for element in paragraph.iter(*_TEXT_TAGS):
        if _inside_skipped(element, paragraph):
            continue
        tag = element.tag
        if tag == _W + "t":
            out.append(element.text or "")
        elif tag == _W + "tab":
            out.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            if element.get(_W + "type") not in ("page", "column"):
                out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
    return _join_soft_breaks("".join(out))


def _is_prose(text: str) -> bool:
    return bool(_CLAUSE_PUNCT.search(text))


def _inside_skipped(element: Any, stop: Any) -> bool:
    node = element.getparent()
    while node is not None and node is not stop:
        if node.tag in _SKIPPED_CONTAINERS:
            return True
        node = node.getparent()
    return False


def _join_soft_breaks(text: str) -> list[str]:
    """A manual line break inside a paragraph (Shift+Enter) is layout, not a new paragraph,
    except between two pieces that are lines of their own (no clause punctuation either side:
    "上海市财政局 上海市商务委员会" | "2023年7月31日")."""
    if "\n" not in text:
        return [text]
    pieces = [p.strip() for p in text.split("\n") if p.strip()]
    lines = pieces[:1]
    for piece in pieces[1:]:
        if _is_prose(lines[-1]) or _is_prose(piece):
            lines[-1] = join_text(lines[-1], piece)
        else:
            lines.append(piece)
    return lines


def table_grid(table: Any, numbering: Numbering) -> list[list[str]]:
    """Rows of cell texts on the table grid, merged cells resolved by copying their text."""
    grid: list[list[str]] = []
    merged_from_above: dict[int, str] = {}
    for tr in table.iterfind(_W + "tr"):
        row: list[str] = []
        before = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        row.extend([""] * before)
        for tc in tr.iterfind(_W + "tc"):
            tc_pr = tc.find(_W + "tcPr")
            span = _int_val(tc_pr.find(_W + "gridSpan") if tc_pr is not None else None, 1)
            v_merge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
            column = len(row)
            if v_merge is not None and v_merge.get(_W + "val") in (None, "continue"):
                text = merged_from_above.get(column, "")
            else:
                text = cell_text(tc, numbering)
            for offset in range(span):
                merged_from_above[column + offset] = text
            row.extend([text] * span)
        grid.append(
            row[:_MAX_COLUMNS]
        )  # kept even when blank, so that row numbers match the document
    width = max((len(r) for r in grid), default=0)
    if not any(cell.strip() for row in grid for cell in row):
        return []
    return [r + [""] * (width - len(r)) for r in grid]


def cell_text(cell: Any, numbering: Numbering) -> str:
    """A cell's paragraphs, one per line; a nested table's cells are read row by row."""
    lines: list[str] = []
    for element in _block_elements(cell):
        if element.tag == _W + "p":
            text = numbering.label(element) + paragraph_text(element)
            if text.strip():
                lines.append(text.strip())
        else:
            lines += [" ".join(c for c in row if c) for row in table_grid(element, numbering)]
    return "\n".join(lines)


def _int_val(element: Any | None, default: int) -> int:
    """A span or skip count within ``_MAX_COLUMNS``; a larger or malformed one is ``default``."""
    if element is None:
        return default
    try:
        value = int(element.get(_W + "val", default))
    except ValueError:
        return default
    return value if 0 <= value <= _MAX_COLUMNS else default
