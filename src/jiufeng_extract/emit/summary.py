"""One-line human summary of an extraction, printed on stderr by the CLI."""

from __future__ import annotations

from ..model import Circular


def summary_line(circular: Circular) -> str:
    meta = circular.metadata
    counts = [
        (len(circular.tasks), "tasks"),
        (len(circular.special_actions), "special actions"),
        (len(circular.milestones), "milestones"),
        (len(circular.attachments), "attachments"),
        (len(circular.responsibility_table), "table rows"),
        (len(circular.form_items), "form items"),
        (len(circular.warnings), "warnings"),
    ]
    head = meta.doc_number or meta.title or "(untitled)"
    return f"{circular.source.path}: {head} · " + " · ".join(f"{n} {what}" for n, what in counts)
