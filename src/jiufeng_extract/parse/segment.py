"""Stage 3: paragraphs → the parts of a 公文 (GB/T 9704).

head        banners, breadcrumbs, 份号/密级 lines before the title (furniture + metadata)
title       标题, possibly wrapped over two lines
cover       主送机关 and the cover notice's text
signature   发文机关署名 lines, then the 成文日期 line, then 附注
main        the outlined text: the enclosed work points of a 关于印发…的通知, else the body
attachments 附件说明 list and each 附件N with its paragraphs and tables
trailer     web metadata blocks (标 题：… 发文字号：…) and 版记 (抄送, 印发)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

import regex

from ..blocks import TableBlock
from ..layout.normalize import Item, NormalizedDocument, Para
from ..patterns import (
    CLOSING_FORMULA,
    CONTACT_LINE,
    COPY_TO,
    DAMAGED_DATE,
    DATE_AT_END,
    DATE_LINE,
    DOC_NUMBER,
    ENCLOSING_TITLE,
    FILE_EXTENSION,
    META_LABEL,
    NOTE_LINE,
    ORG_SUFFIX,
    PRINTED_BY,
    PROSE_FIELD,
    on_first_use,
)
from ..text.joining import starts_heading
from .attachment_list import (
    AttachmentPart,
    ListedAttachment,
    parse_attachment_parts,
    split_attachments,
    take_attachment_list,
)
from .cover import (
    find_recipients,
    is_doc_number_line,
    is_org_line,
    para_at,
    same_title,
    unfold_signature_tables,
)
from .title import find_title, last_showing

_ENCLOSURE_SIMILARITY = 0.8
# lines after the title that may hold its 发文字号 or repeat it
_COVER_LINES = 3
# the enclosed document's title right after the signature, wrapped over up to four lines
_ENCLOSURE_LINES = 4
_QUOTED_NAME = on_first_use(r"《([^《》]+)》")  # a document a title names: "印发《A》和B的通知"
# the first line of an issuer's name wrapped over two lines is at most this long
_MAX_ISSUER_HEAD = 20
# a paragraph at least this long is text of its own even without a full stop
_MIN_TEXT = 20


@dataclass
class Segments:
    head: list[Para] = field(default_factory=list)
    title: Para | None = None
    doc_number_line: Para | None = None
    recipients: Para | None = None
    cover: list[Item] = field(default_factory=list)
    signature: list[Para] = field(default_factory=list)
    signed_date: Para | None = None
    # a closing formula on a line of its own, "特此通知。": in no part's text
    closing: list[Para] = field(default_factory=list)
    notes: list[Para] = field(default_factory=list)
    enclosure_title: Para | None = None
    main: list[Item] = field(default_factory=list)
    attachment_list: list[ListedAttachment] = field(default_factory=list)
    attachments: list[AttachmentPart] = field(default_factory=list)
    trailer: list[Para] = field(default_factory=list)


def segment(doc: NormalizedDocument) -> Segments:
    seg = Segments()
    items = unfold_signature_tables(_take_trailer(doc.items, seg))
    found = find_title(items)
    if found is not None:
        found = last_showing(items, found)
    if found is None:
        seg.head = [p for p in items if isinstance(p, Para) and p.furniture]
        start = 0
    else:
        seg.head = [p for p in items[: found.start] if isinstance(p, Para)]
        seg.title, seg.doc_number_line, start = found.title, found.number_line, found.end
    body = items[start:]
    body, seg.attachment_list = take_attachment_list(body)
    body, attachment_items = split_attachments(body)
    seg.attachments = parse_attachment_parts(attachment_items)
    _split_cover_and_main(body, seg)
    _promote_enclosed_attachment(seg)
    return seg


def _take_trailer(items: list[Item], seg: Segments) -> list[Item]:
    kept: list[Item] = []
    for item in items:
        if isinstance(item, Para) and (
            (META_LABEL.match(item.text) and not PROSE_FIELD.search(item.text))
            or COPY_TO.match(item.text)
            or PRINTED_BY.match(item.text)
        ):
            seg.trailer.append(item)
        else:
            kept.append(item)
    return kept


def _split_cover_and_main(body: list[Item], seg: Segments) -> None:
    content = [p for p in body if not (isinstance(p, Para) and p.furniture)]
    i = 0
    # between the title and the 主送机关: the 发文字号, and mirrors print the title again
    for _ in range(_COVER_LINES):
        para = para_at(content, i)
        if para is None:
            break
        if seg.doc_number_line is None and is_doc_number_line(para, seg.title):
            seg.doc_number_line = para
        elif not (seg.title is not None and same_title(para.text, seg.title.text)):
            break
        i += 1
    if (found := find_recipients(content, i)) is not None:
        seg.head += [p for p in content[i:found] if isinstance(p, Para)]
        seg.recipients = para_at(content, found)
        i = found + 1
    date_at = _find_signed_date(content, i, seg)
    if date_at is None:
        seg.cover, seg.main = [], _take_closing(content[i:], seg)
        _take_enclosure_without_signature(seg)
    else:
        sig_start = date_at
        while (
            (para := para_at(content, sig_start - 1)) and sig_start > i and is_org_line(para.text)
        ):
            sig_start -= 1
        seg.signature = [p for p in content[sig_start:date_at] if isinstance(p, Para)]
        head = para_at(content, sig_start - 1)
        if seg.signature and head is not None and sig_start > i:
            joined = head.text + seg.signature[0].text
            if _wrapped_issuer(head.text) and is_org_line(joined):
                # "某某市新型冠状病毒感染的肺炎疫情" / "防控指挥部": one name over two lines
                seg.signature[0] = Para(joined, head.provenance)
                sig_start -= 1
        before, after = content[i:sig_start], content[date_at + 1 :]
        while (para := para_at(after, 0)) and NOTE_LINE.match(para.text):
            seg.notes.append(para)
            after.pop(0)
        has_outline = any(isinstance(p, Para) and starts_heading(p.text) for p in before)
        enclosure = find_title(after[:_ENCLOSURE_LINES], enclosed=True)
        if (
            enclosure is not None
            and enclosure.start == 0
            and _has_text(after[enclosure.end :])
            and not (
                seg.title
                and same_title(enclosure.title.text, seg.title.text)
                and not any(isinstance(p, Para) for p in after[enclosure.end :])
            )
        ):
            seg.enclosure_title = enclosure.title
            seg.cover, seg.main = before, after[enclosure.end :]
        elif has_outline:
            seg.cover, seg.main = [], _take_closing(before, seg) + after
        else:
            seg.cover, seg.main = before, after
    formulas = [p for p in seg.cover if isinstance(p, Para) and CLOSING_FORMULA.match(p.text)]
    seg.closing += formulas
    seg.cover = [p for p in seg.cover if p not in formulas]


def _has_text(items: list[Item]) -> bool:
    """Some text of a document: a table, a heading, a sentence or a paragraph that is cut
    short (not just a journal's issue line under its name, "2000年4期")."""
    return any(
        not isinstance(item, Para)
        or "。" in item.text
        or starts_heading(item.text)
        or len(item.text) >= _MIN_TEXT
        for item in items
    )


def _take_closing(body: list[Item], seg: Segments) -> list[Item]:
    """``body`` without the lines that close the notice above its signature: the closing
    formula (特此通知。) is kept aside (``seg.closing``), contact lines and 附注 go to the notes.
    Only a run at the very end: a contact line inside an item's text stays there."""
    end = len(body)
    while (para := para_at(body, end - 1)) is not None and (
        CLOSING_FORMULA.match(para.text)
        or NOTE_LINE.match(para.text)
        or CONTACT_LINE.match(para.text)
    ):
        end -= 1
    closing = [p for p in body[end:] if isinstance(p, Para)]
    seg.closing += [p for p in closing if CLOSING_FORMULA.match(p.text)]
    # above the signature, so before any 附注 under the date
    seg.notes[:0] = [p for p in closing if not CLOSING_FORMULA.match(p.text)]
    return body[:end]


def _take_enclosure_without_signature(seg: Segments) -> None:
    """'关于印发X的通知' followed at once by X's own title (a page without cover text)."""
    match = ENCLOSING_TITLE.match(seg.title.text.replace(" ", "")) if seg.title else None
    found = find_title(seg.main[:_ENCLOSURE_LINES], enclosed=True) if match else None
    if match is None or found is None or found.start != 0:
        return
    name = found.title.text.replace(" ", "")
    if SequenceMatcher(None, name, match.group("enclosed")).ratio() >= _ENCLOSURE_SIMILARITY:
        seg.enclosure_title = found.title
        seg.main = seg.main[found.end :]


def _find_signed_date(content: list[Item], start: int, seg: Segments) -> int | None:
    """The 成文日期 line: a date alone, or a date after the issuer, the 发文字号 or debris on
    the same line (the issuer and number then count as what they are)."""
    for i in range(start, len(content)):
        item = content[i]
        if not isinstance(item, Para):
            continue
        if DATE_LINE.match(item.text) or DAMAGED_DATE.match(item.text):
            seg.signed_date = item
            return i
        match = DATE_AT_END.match(item.text)
        if match is None:
            continue
        before = match.group("before").strip()
        if not regex.search(r"\p{Han}", before):
            pass  # debris such as "??" or "|"
        elif is_org_line(before):
            content[i:i] = [Para(before, item.provenance)]  # the issuer, then the date
            i += 1
        elif DOC_NUMBER.fullmatch(before) and seg.doc_number_line is None:
            seg.doc_number_line = Para(before, item.provenance)
        else:
            continue
        seg.signed_date = Para(match.group("date"), item.provenance)
        content[i] = seg.signed_date
        return i
    return None


def _wrapped_issuer(text: str) -> bool:
    """The first line of an issuer's name wrapped in two: short, no punctuation, no name end."""
    return (
        len(text) <= _MAX_ISSUER_HEAD
        and not regex.search(r"[\p{P}\s]", text)
        and not ORG_SUFFIX.search(text)
        and not text.startswith(("特此", "此复", "此函"))
    )


def _promote_enclosed_attachment(seg: Segments) -> None:
    """'关于印发X的通知' whose X is 附件 itself: the attachment's text is the main document."""
    if seg.enclosure_title is not None or seg.title is None:
        return
    match = ENCLOSING_TITLE.match(seg.title.text)
    if not match:
        return
    # "印发《A》和B的通知" encloses A and B: each 《》 name is one of them
    names = [match.group("enclosed"), *_QUOTED_NAME.findall(seg.title.text)]
    for part in seg.attachments:
        ratio = max(SequenceMatcher(None, part.title.strip("《》"), n).ratio() for n in names)
        if ratio >= _ENCLOSURE_SIMILARITY and not any(
            isinstance(i, TableBlock) for i in part.items
        ):
            seg.enclosure_title = Para(FILE_EXTENSION.sub("", part.title), part.start.provenance)
            seg.cover = seg.cover + seg.main
            seg.main = part.items
            return
