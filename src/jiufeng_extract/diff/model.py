"""The diff report: what ``jiufeng diff --format json`` writes."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from ..model import Deadline, StrictModel

DIFF_SCHEMA_NAME = "jiufeng-diff"
DIFF_SCHEMA_VERSION = "1.1"


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    POSSIBLE = "possible"  # a weak link: a counterpart to read, never shown as an edit
    ADDED = "added"
    REMOVED = "removed"


class Segment(StrictModel):
    """A piece of a word-level diff: equal text, or text only in old (delete) or new (insert)."""

    op: str = Field(description="equal | delete | insert")
    text: str


class Side(StrictModel):
    title: str | None
    doc_number: str | None
    signed_date: dt.date | None
    path: str


class ItemChange(StrictModel):
    """One task (or special action, or milestone) change. ``old``/``new`` are ordinals:
    one each for a link, several on one side for a split or merge, none for added/removed."""

    kind: ChangeKind
    old: list[int]
    new: list[int]
    old_numbers: list[str] = Field(description="numbers as printed: 7, 十")
    new_numbers: list[str]
    old_titles: list[str]
    new_titles: list[str]
    old_texts: list[str] = Field(default_factory=list, description="the tasks' text")
    new_texts: list[str] = Field(default_factory=list)
    old_sections: list[str] = Field(default_factory=list, description="heading above each")
    new_sections: list[str] = Field(default_factory=list)
    similarity: float | None = Field(description="0–1 score of the link (word TF-IDF cosine)")
    weak: bool = Field(
        False,
        description="a possible counterpart: under --threshold, or a shared heading word with "
        "little shared text",
    )
    moved: bool = Field(False, description="in another section or under another number")
    reworded: bool = False
    shared_terms: list[str] = Field(default_factory=list, description="evidence for the link")
    title_diff: list[Segment] = Field(default_factory=list)
    text_diff: list[Segment] = Field(default_factory=list)


class UnitChange(StrictModel):
    old: list[int] = Field(description="old task ordinals")
    new: list[int] = Field(description="new task ordinals")
    role: str = Field(description="lead | support | joint")
    added: list[str]
    removed: list[str]


class DeadlineChange(StrictModel):
    old: list[int]
    new: list[int]
    old_deadline: Deadline
    new_deadline: Deadline


class TermChanges(StrictModel):
    appeared: list[str]
    disappeared: list[str]


class MetadataChange(StrictModel):
    field: str
    old: str | None
    new: str | None


class DiffReport(StrictModel):
    schema_name: str = DIFF_SCHEMA_NAME
    schema_version: str = DIFF_SCHEMA_VERSION
    threshold: float
    old: Side
    new: Side
    summary: dict[str, int] = Field(description="task changes per kind")
    task_changes: list[ItemChange]
    special_action_changes: list[ItemChange]
    milestone_changes: list[ItemChange]
    unit_changes: list[UnitChange]
    deadline_changes: list[DeadlineChange]
    term_changes: TermChanges
    metadata_changes: list[MetadataChange]

    @property
    def differs(self) -> bool:
        return bool(
            any(c.kind is not ChangeKind.UNCHANGED for c in self.task_changes)
            or any(c.kind is not ChangeKind.UNCHANGED for c in self.special_action_changes)
            or any(c.kind is not ChangeKind.UNCHANGED for c in self.milestone_changes)
            or self.unit_changes
            or self.deadline_changes
            or self.term_changes.appeared
            or self.term_changes.disappeared
            or self.metadata_changes
        )
