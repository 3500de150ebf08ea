"""Is there honest text? Scans (no text layer) and fonts without a Unicode map are refused with
their own errors; single pages without text or with garbled text give a warning, and the few
unmapped glyphs of an otherwise readable page are taken out of its text."""

from __future__ import annotations

from typing import Any

import regex

from ...errors import GarbledTextError, NoTextLayerError
from ...model import Warning
from .content import PageContent

# share of unreadable glyphs above which a page (or the document) is garbage
_GARBLED_SHARE = 0.1
_CID = regex.compile(r"\(cid:\d+\)")
_UNREADABLE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
# the glyph codes PDFium gives for glyphs without Unicode: never text (U+FFFD and private-use
# characters are kept, they are visible and may be a font's own characters)
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _glyphs(text: str) -> tuple[int, int]:
    """(glyphs, unreadable glyphs). A glyph without Unicode comes out as its code: a control
    character (PDFium), "(cid:123)" (pdfminer), U+FFFD or a private-use character."""
    cids = _CID.findall(text)
    glyphs = len(text) - sum(len(m) - 1 for m in cids)
    bad = len(cids) + len(_UNREADABLE.findall(text))
    return glyphs, bad


def unreadable(chars: list[dict[str, Any]]) -> bool:
    """No visible character, or too many glyph codes: a page for OCR."""
    glyphs, bad = _glyphs("".join(c["text"] for c in chars if c["text"].strip()))
    return glyphs == 0 or bad > _GARBLED_SHARE * glyphs


def check_text_layer(
    pages: list[PageContent],
    path: str,
    warnings: list[Warning],
    kind: str = "PDF",
    ocr_hint: str = "",
) -> None:
    """Refuse a document without honest text (``ocr_hint`` says how OCR would read it); then
    take the control-character codes of unmapped glyphs out of the pages' lines and cells,
    counted first, since they are what tells a garbled page."""
    per_page = []
    for page in pages:
        texts = [line.text for line in page.lines] + [
            cell for table in page.tables for row in table.rows for cell in row
        ]
        counts = [_glyphs(t) for t in texts]
        per_page.append((page.number, sum(g for g, _ in counts), sum(b for _, b in counts)))
    total = sum(t for _, t, _ in per_page)
    bad = sum(b for _, _, b in per_page)
    if total == 0:
        raise NoTextLayerError(
            f"no text layer on any of its {len(pages)} page(s): a scanned document needs OCR "
            + (f"({ocr_hint})" if ocr_hint else "first"),
            path,
        )
    if bad > _GARBLED_SHARE * total:
        garbled = [str(n) for n, t, b in per_page if t and b > _GARBLED_SHARE * t]
        raise GarbledTextError(
            f"the text layer is unreadable on page(s) {_ranges(garbled)}: its fonts have no "
            "Unicode map (text would come out as glyph codes); re-export the "
            f"{kind} with embedded Unicode fonts or OCR it"
            + (f" ({ocr_hint})" if ocr_hint else ""),
            path,
        )
    for number, page_total, page_bad in per_page:
        if page_total == 0:
            warnings.append(
                Warning(
                    code="page_without_text",
                    message="page has no text layer (a scanned page?); its content is missing",
                    where=f"page {number}",
                )
            )
        elif page_bad > _GARBLED_SHARE * page_total:
            warnings.append(
                Warning(
                    code="garbled_page",
                    message=f"{page_bad} of {page_total} glyphs on this page have no Unicode map",
                    where=f"page {number}",
                )
            )
    for page in pages:
        dropped = _drop_control_glyphs(page)
        if dropped:
            warnings.append(
                Warning(
                    code="unmapped_glyphs",
                    message=f"{dropped} glyph(s) without a Unicode map left out of the text "
                    "(a damaged or incomplete font): words near them may be missing",
                    where=f"page {page.number}",
                )
            )


def _drop_control_glyphs(page: PageContent) -> int:
    """Take PDFium's codes for unmapped glyphs out of the lines and cells of ``page`` (lines left
    empty go); how many were taken."""
    dropped = 0
    kept = []
    for line in page.lines:
        text, count = _CONTROL.subn("", line.text)
        dropped += count
        line.text = text
        if text.strip() or not count:
            kept.append(line)
    page.lines = kept
    for table in page.tables:
        for row in table.rows:
            for i, cell in enumerate(row):
                row[i], count = _CONTROL.subn("", cell)
                dropped += count
    return dropped


def _ranges(numbers: list[str]) -> str:
    return ", ".join(numbers[:10]) + (" …" if len(numbers) > 10 else "")
