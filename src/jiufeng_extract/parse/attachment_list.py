"""The 附件 of a document: the 附件说明 that lists them above the signature ("附件：1.XXX"), and
the attachments printed after it, each from its "附件1" line to the next."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout.normalize import Item, Para
from ..patterns import (
    ATTACHMENT_ITEM,
    ATTACHMENT_LIST,
    ATTACHMENT_START,
    DAMAGED_DATE,
    DATE_AT_END,
    on_first_use,
)
from .cover import is_org_line, para_at

_MAX_TITLE = 120
# lines between a 附件说明 and the 成文日期 below it (issuers, at most three), or more where
# every line between is an issuer (a joint notice)
_SIGNATURE_REACH = 4

# number (if printed), title, and the paragraph an item of the 附件说明 is printed in
ListedAttachment = tuple[str | None, str, Para]


@dataclass
class AttachmentPart:
    number: str | None
    title: str
    start: Para
    items: list[Item] = field(default_factory=list)


# an item of the 附件说明 whose title is gone: "2."
_UNTITLED_ITEM = on_first_use(r"^(?P<num>\d{1,2})\s*[.．、]\s*$")


def take_attachment_list(body: list[Item]) -> tuple[list[Item], list[ListedAttachment]]:
    """The body without its 附件说明 block ("附件：1.XXX" then "2.XXX" …) wherever it stands,
    and the block's items: number, title and the paragraph each is printed in."""
    out: list[Item] = []
    listed: list[ListedAttachment] = []
    i = 0
    while i < len(body):
        item = body[i]
        match = ATTACHMENT_LIST.match(item.text) if isinstance(item, Para) else None
        numbered = ATTACHMENT_START.match(item.text) if isinstance(item, Para) else None
        if (
            isinstance(item, Para)
            and numbered
            and numbered.group("num")
            and _signature_follows(body, i)
        ):
            # "附件1：X" / "附件2：Y" above the signature: items of the list, not attachments
            listed.append((numbered.group("num"), numbered.group("title"), item))
            i += 1
            continue
        if not match or not _is_list(match.group("rest"), body, i):
            out.append(item)
            i += 1
            continue
        assert isinstance(item, Para)
        first = _list_item(match.group("rest"))
        listed.append((*(first or (None, match.group("rest").strip())), item))
        i += 1
        while i < len(body):
            nxt = body[i]
            if not isinstance(nxt, Para) or "。" in nxt.text or not first:
                break
            more = _list_item(nxt.text)
            if not more:
                break
            listed.append((*more, nxt))
            i += 1
    return out, listed


def _list_item(text: str) -> tuple[str, str] | None:
    """Number and title of an item of the 附件说明: "1.XXX", or a number whose title a page
    lost (a link that did not survive copying: "1." alone)."""
    if m := ATTACHMENT_ITEM.match(text) or _UNTITLED_ITEM.match(text):
        return m.group("num"), (m.groupdict().get("title") or "").strip()
    return None


def _is_list(rest: str, body: list[Item], index: int) -> bool:
    """'附件：1.X' is a list; '附件：X' is a list when an attachment starts later on."""
    if _list_item(rest):
        return True
    if _signature_follows(body, index):
        return True
    return any(
        isinstance(p, Para) and _attachment_start(p.text) is not None for p in body[index + 1 :]
    )


def _signature_follows(body: list[Item], index: int) -> bool:
    """The 成文日期 follows within a few lines: '附件：X' is then the 附件说明 above the
    signature, not the start of the attachment."""
    after = index + 1  # past the issuers of a joint notice, however many lines they take
    while (para := para_at(body, after)) is not None and is_org_line(para.text):
        after += 1
    nearby = body[index + 1 : max(after + 1, index + 1 + _SIGNATURE_REACH)]
    return any(
        isinstance(p, Para) and (DATE_AT_END.match(p.text) or DAMAGED_DATE.match(p.text))
        for p in nearby
    )


def _attachment_start(text: str) -> tuple[str | None, str] | None:
    match = ATTACHMENT_START.match(text)
    if not match:
        return None
    title = match.group("title").strip()
    if title and (ATTACHMENT_ITEM.match(title) or "。" in title or len(title) > _MAX_TITLE):
        return None
    return match.group("num"), title


def split_attachments(body: list[Item]) -> tuple[list[Item], list[Item]]:
    for i, item in enumerate(body):
        if isinstance(item, Para) and not item.furniture and _attachment_start(item.text):
            return body[:i], body[i:]
    return body, []


def parse_attachment_parts(items: list[Item]) -> list[AttachmentPart]:
    parts: list[AttachmentPart] = []
    for item in items:
        start = _attachment_start(item.text) if isinstance(item, Para) else None
        if isinstance(item, Para) and start is not None and not item.furniture:
            parts.append(AttachmentPart(number=start[0], title=start[1], start=item))
            continue
        if not parts or (isinstance(item, Para) and item.furniture):
            continue
        part = parts[-1]
        if not part.title and isinstance(item, Para) and "。" not in item.text:
            part.title = item.text
            continue
        part.items.append(item)
    return parts
