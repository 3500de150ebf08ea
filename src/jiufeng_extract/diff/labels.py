"""What every human-facing view of a ``DiffReport`` says the same way: Chinese labels, the
summary paragraph, and the unit and deadline changes that belong on a task's row."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import ChangeKind, DeadlineChange, DiffReport, ItemChange, UnitChange

KIND_LABEL = {
    ChangeKind.UNCHANGED: "相同",
    ChangeKind.REWORDED: "改写",
    ChangeKind.MOVED: "移动",
    ChangeKind.SPLIT: "拆分",
    ChangeKind.MERGED: "合并",
    ChangeKind.POSSIBLE: "可能对应",
    ChangeKind.ADDED: "新增",
    ChangeKind.REMOVED: "删除",
}
KIND_HINT = {
    ChangeKind.UNCHANGED: "文字未变",
    ChangeKind.REWORDED: "同一任务，文字有改动",
    ChangeKind.MOVED: "文字未变，换了位置或所属部分",
    ChangeKind.SPLIT: "一项任务拆为几项",
    ChangeKind.MERGED: "几项任务并为一项",
    ChangeKind.POSSIBLE: "有部分相同内容，仅供参考，不视为修改",
    ChangeKind.ADDED: "新文件才有",
    ChangeKind.REMOVED: "旧文件有、新文件没有",
}
FIELD_LABEL = {
    "title": "标题",
    "doc_number": "发文字号",
    "doc_type": "文种",
    "issuers": "发文机关",
    "recipients": "主送机关",
    "signed_date": "成文日期",
    "enclosure_title": "附件标题",
}
ROLE_LABEL = {"lead": "牵头", "support": "配合", "joint": "共同"}


def marker(number: str) -> str:
    return f"{number}. " if number.isdecimal() else f"（{number}）"


def names(numbers: list[str], titles: list[str]) -> str:
    return "／".join(f"{marker(n)}{t}" for n, t in zip(numbers, titles, strict=True))


def score(change: ItemChange) -> str:
    return "" if change.similarity is None else f"{change.similarity:.2f}"


def counts(report: DiffReport) -> str:
    return "，".join(
        f"{KIND_LABEL[ChangeKind(kind)]} {count} 项"
        for kind, count in report.summary.items()
        if count
    )


@dataclass
class RowNotes:
    """The unit and deadline changes of one linked task, read as one line each."""

    units: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.units + self.deadlines


def row_notes(report: DiffReport) -> dict[tuple[tuple[int, ...], tuple[int, ...]], RowNotes]:
    notes: dict[tuple[tuple[int, ...], tuple[int, ...]], RowNotes] = {}
    for unit in report.unit_changes:
        notes.setdefault((tuple(unit.old), tuple(unit.new)), RowNotes()).units.append(
            unit_line(unit)
        )
    for deadline in report.deadline_changes:
        notes.setdefault((tuple(deadline.old), tuple(deadline.new)), RowNotes()).deadlines.append(
            deadline_line(deadline)
        )
    return notes


def unit_line(unit: UnitChange) -> str:
    parts = []
    if unit.added:
        parts.append("增加 " + "、".join(unit.added))
    if unit.removed:
        parts.append("不再 " + "、".join(unit.removed))
    return f"{ROLE_LABEL.get(unit.role, unit.role)}单位：{'；'.join(parts)}"


def deadline_line(deadline: DeadlineChange) -> str:
    return f"完成时限：{deadline.old_deadline.raw} → {deadline.new_deadline.raw}"


def summary_paragraph(report: DiffReport) -> str:
    """What was added, dropped, split and merged, by theme (the heading above each task)."""
    changes = report.task_changes
    sentences = []
    for kind, side in (
        (ChangeKind.ADDED, "new"),
        (ChangeKind.REMOVED, "old"),
        (ChangeKind.SPLIT, "old"),
        (ChangeKind.MERGED, "new"),
    ):
        picked = [c for c in changes if c.kind is kind]
        if not picked:
            continue
        themes = Counter(
            ((c.new_sections if side == "new" else c.old_sections) or [""])[0] or "未分部分"
            for c in picked
        )
        by_theme = "，".join(f"“{theme}”{n} 项" for theme, n in themes.items())
        sentences.append(f"{KIND_LABEL[kind]}任务 {len(picked)} 项（{by_theme}）")
    edited = sum(1 for c in changes if c.kind in (ChangeKind.REWORDED, ChangeKind.MOVED))
    same = sum(1 for c in changes if c.kind is ChangeKind.UNCHANGED)
    possible = sum(1 for c in changes if c.kind is ChangeKind.POSSIBLE)
    if edited:
        sentences.append(f"改写或移动 {edited} 项")
    if same:
        sentences.append(f"文字相同 {same} 项")
    if possible:
        sentences.append(f"另有 {possible} 对“可能对应”的任务，仅供参考，不视为修改")
    units = len(report.unit_changes)
    deadlines = len(report.deadline_changes)
    if units or deadlines:
        sentences.append(f"责任单位变化 {units} 处，完成时限变化 {deadlines} 处")
    if not sentences:
        return "两份文件的任务没有变化。"
    return "；".join(sentences) + "。"
