"""Two circulars → a ``DiffReport``: the links of ``align`` read as changes a policy reader
recognises (unchanged, reworded, moved, split, merged, possible counterpart, added, removed),
then what changed in the responsibility table of linked tasks (units, deadlines), in the
vocabulary, and in metadata.

``DEFAULT_THRESHOLD`` and ``POSSIBLE_RATIO`` were chosen with ``eval/diff_pairs.py --calibrate``
on the labelled pairs of ``tests/data/diff/labels/`` (README, "Tuning --threshold")."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

import regex

from ..model import Circular, Deadline, RoleScope, Section, TableRow, UnitRole
from ..text.compare import similarity, squash
from ..units.names import UnitNames
from .align import Item, Link, Scorer, align
from .model import (
    ChangeKind,
    DeadlineChange,
    DiffReport,
    ItemChange,
    MetadataChange,
    Segment,
    Side,
    TermChanges,
    UnitChange,
)
from .words import glossary, tokens
from .words import words as words_of

DEFAULT_THRESHOLD = 0.25
POSSIBLE_RATIO = 0.6  # pairs scoring from threshold × this up to threshold: possible counterparts
_SAME_SECTION = 0.8
_EDITED = 0.5  # text similarity above which a word diff of the texts is shown
_QUOTED = regex.compile(r"“(?P<term>[^“”\s]{2,12})”")


def compare(
    old: Circular,
    new: Circular,
    threshold: float = DEFAULT_THRESHOLD,
    names: UnitNames | None = None,
) -> DiffReport:
    names = names or UnitNames.default()
    task_changes = item_changes(_tasks(old), _tasks(new), threshold)
    linked = [c for c in task_changes if c.old and c.new and c.kind is not ChangeKind.POSSIBLE]
    return DiffReport(
        threshold=threshold,
        old=_side(old),
        new=_side(new),
        summary={kind.value: sum(1 for c in task_changes if c.kind is kind) for kind in ChangeKind},
        task_changes=task_changes,
        special_action_changes=item_changes(_actions(old), _actions(new), threshold),
        milestone_changes=item_changes(_milestones(old), _milestones(new), threshold),
        unit_changes=unit_changes(old, new, linked, names),
        deadline_changes=deadline_changes(old, new, linked),
        term_changes=term_changes(old, new),
        metadata_changes=metadata_changes(old, new),
    )


def item_changes(old: list[Item], new: list[Item], threshold: float) -> list[ItemChange]:
    links = align(old, new, Scorer(old, new), threshold, threshold * POSSIBLE_RATIO)
    in_order = _in_order(links)
    changes = [_linked(link, old, new, id(link) in in_order) for link in links]
    linked_old = {i for link in links for i in link.old}
    linked_new = {j for link in links for j in link.new}
    changes += [
        _alone(ChangeKind.REMOVED, old[i], old=True) for i in range(len(old)) if i not in linked_old
    ]
    changes += [
        _alone(ChangeKind.ADDED, new[j], old=False) for j in range(len(new)) if j not in linked_new
    ]
    return sorted(changes, key=_order)


def _order(change: ItemChange) -> tuple[int, int, int]:
    """New circular's order; removed items after the item that followed them in the old one."""
    if change.new:
        return (min(change.new), 0, min(change.old) if change.old else 0)
    return (10**6, 1, min(change.old))


def _in_order(links: list[Link]) -> set[int]:
    """The one-to-one links that keep their relative order: a longest chain increasing on both
    sides. A task dropped or added renumbers those after it; only one that leaves the chain
    has moved."""
    pairs = sorted(
        (link.old[0], link.new[0], link.score, id(link))
        for link in links
        if not link.weak and len(link.old) == len(link.new) == 1
    )
    # best[k]: the longest chain ending at pairs[k]; of two as long, the one scoring more
    best: list[tuple[int, float, list[int]]] = []
    for k, (_, j, score, _) in enumerate(pairs):
        before = [best[m] for m in range(k) if pairs[m][1] < j]
        length, total, chain = max(before, key=lambda b: (b[0], b[1]), default=(0, 0.0, []))
        best.append((length + 1, total + score, [*chain, k]))
    chain = max(best, key=lambda b: (b[0], b[1]), default=(0, 0.0, []))[2]
    return {pairs[k][3] for k in chain}


def _linked(link: Link, old: list[Item], new: list[Item], in_order: bool) -> ItemChange:
    olds, news = [old[i] for i in link.old], [new[j] for j in link.new]
    old_body = "\n".join(item.body for item in olds)
    new_body = "\n".join(item.body for item in news)
    reworded = squash(old_body) != squash(new_body)
    if link.weak:
        kind = ChangeKind.POSSIBLE
    elif len(olds) > 1:
        kind = ChangeKind.MERGED
    elif len(news) > 1:
        kind = ChangeKind.SPLIT
    else:
        kind = ChangeKind.UNCHANGED
    moved = (
        not link.weak
        and len(olds) == len(news) == 1
        and (
            (olds[0].number != news[0].number and not in_order)
            or similarity(olds[0].section, news[0].section) < _SAME_SECTION
        )
    )
    edit = reworded and not link.weak
    if kind is ChangeKind.UNCHANGED:
        kind = ChangeKind.REWORDED if reworded else ChangeKind.MOVED if moved else kind
    return ItemChange(
        kind=kind,
        old=[item.ordinal for item in olds],
        new=[item.ordinal for item in news],
        old_numbers=[item.number for item in olds],
        new_numbers=[item.number for item in news],
        old_titles=[item.title for item in olds],
        new_titles=[item.title for item in news],
        old_texts=[item.text for item in olds],
        new_texts=[item.text for item in news],
        old_sections=[item.section for item in olds],
        new_sections=[item.section for item in news],
        similarity=round(link.score, 3),
        weak=link.weak,
        moved=moved,
        reworded=reworded,
        shared_terms=_evidence(old_body, new_body, link.terms),
        title_diff=(
            segments("／".join(i.title for i in olds), "／".join(i.title for i in news))
            if edit
            else []
        ),
        text_diff=_text_diff(olds, news) if edit else [],
    )


def _text_diff(olds: list[Item], news: list[Item]) -> list[Segment]:
    """The texts' word diff, when they are close enough for one to read as an edit of the
    other; two different texts side by side say more than a diff that strikes out everything."""
    old_text = "\n".join(i.text for i in olds)
    new_text = "\n".join(i.text for i in news)
    return segments(old_text, new_text) if similarity(old_text, new_text) >= _EDITED else []


def _evidence(old_body: str, new_body: str, words: list[str], limit: int = 6) -> list[str]:
    """Glossary terms both sides use, then the shared words that weigh most in the score:
    whole words and terms only (a word inside a chosen term gives way to it)."""
    a, b = squash(old_body), squash(new_body)
    terms = [t for t in glossary() if t in a and t in b]
    terms = [t for t in terms if not any(t != other and t in other for other in terms)]
    whole = set(words_of(a)) & set(words_of(b))  # as the texts' own segmentation cuts them
    for word in words:
        if word in whole and not any(word in term or term in word for term in terms):
            terms.append(word)
    return terms[:limit]


def _alone(kind: ChangeKind, item: Item, old: bool) -> ItemChange:
    return ItemChange(
        kind=kind,
        old=[item.ordinal] if old else [],
        new=[] if old else [item.ordinal],
        old_numbers=[item.number] if old else [],
        new_numbers=[] if old else [item.number],
        old_titles=[item.title] if old else [],
        new_titles=[] if old else [item.title],
        old_texts=[item.text] if old else [],
        new_texts=[] if old else [item.text],
        old_sections=[item.section] if old else [],
        new_sections=[] if old else [item.section],
        similarity=None,
    )


def segments(old: str, new: str) -> list[Segment]:
    """Word-level diff (whole words struck or inserted, never half of one), whitespace ignored
    (line wrapping means nothing in Chinese)."""
    a, b = tokens(squash(old)), tokens(squash(new))
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(out, "equal", "".join(a[i1:i2]))
            continue
        if i2 > i1:
            _append(out, "delete", "".join(a[i1:i2]))
        if j2 > j1:
            _append(out, "insert", "".join(b[j1:j2]))
    return out


def _append(out: list[Segment], op: str, text: str) -> None:
    out.append(Segment(op=op, text=text))


# --- the items of a circular ------------------------------------------------------------------


def _tasks(circular: Circular) -> list[Item]:
    actions: dict[int, list[str]] = {}
    for a in circular.special_actions:
        if a.task is not None:
            actions.setdefault(a.task, []).append(f"{a.title}。{a.text}")
    return [
        Item(
            t.ordinal,
            t.number,
            t.title,
            t.text,
            t.path[-1] if t.path else "",
            "。".join(actions.get(t.ordinal, [])),
        )
        for t in circular.tasks
    ]


def _actions(circular: Circular) -> list[Item]:
    owner = {t.ordinal: t.title for t in circular.tasks}
    return [
        Item(a.ordinal, a.number, a.title, a.text, owner.get(a.task or 0, ""))
        for a in circular.special_actions
    ]


def _milestones(circular: Circular) -> list[Item]:
    return [
        Item(i, str(i), m.title, f"{m.deadline.raw}\n{m.text}")
        for i, m in enumerate(circular.milestones, start=1)
    ]


def _side(circular: Circular) -> Side:
    meta = circular.metadata
    return Side(
        title=meta.title,
        doc_number=meta.doc_number,
        signed_date=meta.signed_date,
        path=circular.source.path,
    )


# --- the responsibility table of linked tasks ----------------------------------------------


def _rows(circular: Circular, tasks: list[int]) -> list[TableRow]:
    return [row for row in circular.responsibility_table if row.task in tasks]


def unit_changes(
    old: Circular, new: Circular, links: list[ItemChange], names: UnitNames
) -> list[UnitChange]:
    changes = []
    for link in links:
        rows_old, rows_new = _rows(old, link.old), _rows(new, link.new)
        if not rows_old or not rows_new:
            continue
        for role in UnitRole:
            before, after = _units(rows_old, role, names), _units(rows_new, role, names)
            added = [after[key] for key in after if key not in before]
            removed = [before[key] for key in before if key not in after]
            if added or removed:
                changes.append(
                    UnitChange(
                        old=link.old, new=link.new, role=role.value, added=added, removed=removed
                    )
                )
    return changes


def _units(rows: Iterable[TableRow], role: UnitRole, names: UnitNames) -> dict[str, str]:
    """canonical name → printed name, for one role of the task's own (not action) duties."""
    found: dict[str, str] = {}
    for row in rows:
        for a in row.units.assignments:
            if a.role is role and a.scope is RoleScope.TASK:
                found.setdefault(names.canonical(a.unit), a.unit)
    return found


def deadline_changes(old: Circular, new: Circular, links: list[ItemChange]) -> list[DeadlineChange]:
    changes = []
    for link in links:
        before = _deadline(_rows(old, link.old), _task_deadlines(old, link.old))
        after = _deadline(_rows(new, link.new), _task_deadlines(new, link.new))
        if before is None or after is None:
            continue
        if (before.kind, squash(before.raw)) != (after.kind, squash(after.raw)):
            changes.append(
                DeadlineChange(old=link.old, new=link.new, old_deadline=before, new_deadline=after)
            )
    return changes


def _task_deadlines(circular: Circular, ordinals: list[int]) -> list[Deadline]:
    return [d for t in circular.tasks if t.ordinal in ordinals for d in t.deadlines]


def _deadline(rows: list[TableRow], in_text: list[Deadline]) -> Deadline | None:
    """The table's 完成时限 when the task has a row, else the last deadline in its text."""
    if rows:
        return rows[0].deadline
    return in_text[-1] if in_text else None


# --- vocabulary and metadata -------------------------------------------------------------------


def _full_text(circular: Circular) -> str:
    parts = [circular.preamble]
    parts += [f"{t.title}{t.text}" for t in circular.tasks]
    parts += [f"{a.title}{a.text}" for a in circular.special_actions]

    def walk(sections: Iterable[Section]) -> None:
        for section in sections:
            parts.append(f"{section.title}{section.text}")
            walk(section.children)

    walk(circular.sections)
    return squash("\n".join(parts))


def term_changes(old: Circular, new: Circular) -> TermChanges:
    before, after = _full_text(old), _full_text(new)
    candidates = set(glossary())
    candidates |= {m["term"] for text in (before, after) for m in _QUOTED.finditer(text)}
    return TermChanges(
        appeared=sorted(t for t in candidates if t in after and t not in before),
        disappeared=sorted(t for t in candidates if t in before and t not in after),
    )


def metadata_changes(old: Circular, new: Circular) -> list[MetadataChange]:
    fields = (
        "title",
        "doc_number",
        "doc_type",
        "issuers",
        "recipients",
        "signed_date",
        "enclosure_title",
    )
    changes = []
    for name in fields:
        before, after = _text(getattr(old.metadata, name)), _text(getattr(new.metadata, name))
        if before != after:
            changes.append(MetadataChange(field=name, old=before, new=after))
    return changes


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or None
    return str(value)
