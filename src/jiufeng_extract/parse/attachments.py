"""Stage 4f: the 附件说明 list checked against the attachments actually present."""

from __future__ import annotations

from difflib import SequenceMatcher

from ..blocks import TableBlock
from ..model import Attachment, AttachmentKind, Warning
from .attachment_list import AttachmentPart
from .segment import Segments
from .tables import is_responsibility_table

_SAME_TITLE = 0.85


def attachment_kind(part: AttachmentPart) -> AttachmentKind:
    tables = [i for i in part.items if isinstance(i, TableBlock)]
    if any(is_responsibility_table(t) for t in tables):
        return AttachmentKind.RESPONSIBILITY_TABLE
    return AttachmentKind.FORM if tables else AttachmentKind.TEXT


def _key(number: str | None, total: int) -> str | None:
    """An unnumbered attachment is 附件1 when it is the only one."""
    return number if number is not None else ("1" if total == 1 else None)


def build_attachments(seg: Segments) -> tuple[list[Attachment], list[Warning]]:
    warnings: list[Warning] = []
    found = {_key(p.number, len(seg.attachments)): p for p in seg.attachments}
    listed = {_key(n, len(seg.attachment_list)): (t, para) for n, t, para in seg.attachment_list}
    out: list[Attachment] = []
    for number, (title, para) in listed.items():
        part = found.get(number)
        if part is None:
            warnings.append(
                Warning.model_construct(
                    code="attachment_missing",
                    where=para.provenance.describe(),
                    message=f"附件{number or ''} {title or '(its title is missing)'} is listed "
                    "but not found",
                )
            )
            out.append(
                Attachment.model_construct(
                    number=number,
                    title=title,
                    kind=AttachmentKind.TEXT,
                    listed=True,
                    found=False,
                    provenance=para.provenance,
                )
            )
            continue
        if SequenceMatcher(None, title, part.title).ratio() < _SAME_TITLE:
            warnings.append(
                Warning.model_construct(
                    code="attachment_title_differs",
                    where=part.start.provenance.describe(),
                    message=f"附件{number or ''} is listed as '{title}' but titled '{part.title}'",
                )
            )
        out.append(
            Attachment.model_construct(
                number=number,
                title=part.title or title,
                kind=attachment_kind(part),
                listed=True,
                found=True,
                provenance=part.start.provenance,
            )
        )
    for number, part in found.items():
        if number in listed:
            continue
        if seg.attachment_list:
            warnings.append(
                Warning.model_construct(
                    code="attachment_unlisted",
                    where=part.start.provenance.describe(),
                    message=f"附件{number or ''} {part.title} is not in the 附件 list",
                )
            )
        out.append(
            Attachment.model_construct(
                number=number,
                title=part.title,
                kind=attachment_kind(part),
                listed=False,
                found=True,
                provenance=part.start.provenance,
            )
        )
    return out, warnings
