"""A ``DiffReport`` for people: a Rich view for the terminal and Markdown for a report, with the
same content as the HTML page (``page.py``): a summary, then each task change with its texts,
evidence and the unit and deadline changes of that task, then special actions, milestones,
terms and metadata. Labels are Chinese; the JSON keeps the English kind names."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.text import Text

from .labels import (
    FIELD_LABEL,
    KIND_LABEL,
    RowNotes,
    counts,
    names,
    row_notes,
    score,
    summary_paragraph,
)
from .model import ChangeKind, DiffReport, ItemChange, Segment
from .page import html_page

__all__ = ["html_page", "markdown", "text_view"]

_KIND_STYLE = {
    ChangeKind.UNCHANGED: "dim",
    ChangeKind.REWORDED: "yellow",
    ChangeKind.MOVED: "cyan",
    ChangeKind.SPLIT: "magenta",
    ChangeKind.MERGED: "magenta",
    ChangeKind.POSSIBLE: "blue",
    ChangeKind.ADDED: "green",
    ChangeKind.REMOVED: "red",
}
_SHOWS_TEXT = {ChangeKind.UNCHANGED, ChangeKind.MOVED}  # texts equal: the title says it all


def _heading(change: ItemChange) -> str:
    old = names(change.old_numbers, change.old_titles)
    new = names(change.new_numbers, change.new_titles)
    arrow = " ⇢ " if change.kind is ChangeKind.POSSIBLE else " → "
    line = arrow.join(part for part in (old, new) if part)
    return f"[{KIND_LABEL[change.kind]}] {line}" + (
        f"  相似度 {score(change)}" if change.similarity is not None else ""
    )


def _texts(change: ItemChange) -> Iterable[tuple[str, list[Segment] | str]]:
    """(label, text or segments) for the lines under a change's heading."""
    if change.kind in _SHOWS_TEXT:
        return
    if change.text_diff:
        yield "原文", [s for s in change.text_diff if s.op != "insert"]
        yield "新文", [s for s in change.text_diff if s.op != "delete"]
        return
    if change.old_texts:
        yield "原文", "／".join(change.old_texts)
    if change.new_texts:
        yield "新文", "／".join(change.new_texts)


def _lines(change: ItemChange, notes: RowNotes | None) -> Iterable[tuple[str, list[Segment] | str]]:
    if change.kind is ChangeKind.POSSIBLE:
        yield "提示", "可能对应：有部分相同内容，仅供参考，不视为修改"
    if change.shared_terms:
        yield "依据", "、".join(change.shared_terms)
    yield from _texts(change)
    for line in notes.lines if notes else []:
        label, _, rest = line.partition("：")
        yield label, rest


def _other(report: DiffReport) -> Iterable[tuple[str, list[str]]]:
    """(section heading, lines) for everything after the tasks."""
    for label, changes in (
        ("专项行动", report.special_action_changes),
        ("时间节点", report.milestone_changes),
    ):
        if changes:
            yield label, [_heading(c) for c in changes]
    terms = []
    if report.term_changes.appeared:
        terms.append("新出现：" + "、".join(report.term_changes.appeared))
    if report.term_changes.disappeared:
        terms.append("不再出现：" + "、".join(report.term_changes.disappeared))
    if terms:
        yield "用语变化", terms
    if report.metadata_changes:
        yield (
            "文件信息变化",
            [
                f"{FIELD_LABEL.get(m.field, m.field)}：{m.old or '—'} → {m.new or '—'}"
                for m in report.metadata_changes
            ],
        )


def _side(label: str, report: DiffReport, old: bool) -> str:
    side = report.old if old else report.new
    date = f"（{side.signed_date}）" if side.signed_date else ""
    return f"{label}：{side.doc_number or ''} {side.title or side.path}{date}".replace("： ", "：")


# --- terminal ------------------------------------------------------------------------------


def text_view(report: DiffReport, plain: bool = False) -> RenderableType:
    """Every line wraps to the console's width, nothing is cut. ``plain``: no colours to carry
    the word diff, so mark it [-old-]{+new+}."""
    parts: list[RenderableType] = [
        Text(_side("旧", report, True), style="bold"),
        Text(_side("新", report, False), style="bold"),
        Text(f"任务：{counts(report)}（阈值 {report.threshold}）"),
        Text(f"摘要：{summary_paragraph(report)}"),
        Text(""),
        Text("任务对照", style="bold underline"),
    ]
    notes = row_notes(report)
    for change in report.task_changes:
        parts.append(Text(_heading(change), style=_KIND_STYLE[change.kind]))
        for label, body in _lines(change, notes.get((tuple(change.old), tuple(change.new)))):
            line = Text(f"  {label}：")
            _append(line, body, plain)
            parts.append(line)
    for heading, lines in _other(report):
        parts += [Text(""), Text(heading, style="bold underline")]
        parts += [Text(f"  {line}") for line in lines]
    return Group(*parts)


def _append(line: Text, body: list[Segment] | str, plain: bool) -> None:
    if isinstance(body, str):
        line.append(body)
        return
    for segment in body:
        if segment.op == "equal":
            line.append(segment.text)
        elif plain:
            line.append(
                f"[-{segment.text}-]" if segment.op == "delete" else f"{{+{segment.text}+}}"
            )
        else:
            style = "red strike" if segment.op == "delete" else "green underline"
            line.append(segment.text, style=style)


# --- Markdown ------------------------------------------------------------------------------


def markdown(report: DiffReport) -> str:
    old, new = report.old, report.new
    lines = [
        f"# {old.doc_number or old.path} → {new.doc_number or new.path}",
        "",
        f"- {_side('旧', report, True)}",
        f"- {_side('新', report, False)}",
        f"- 任务：{counts(report)}（阈值 {report.threshold}）",
        "",
        f"**摘要**　{_md(summary_paragraph(report))}",
        "",
        "**目录**　"
        + " · ".join(
            f"[{h}](#{h})" for h in ["任务一览", "任务对照", *(h for h, _ in _other(report))]
        ),
        "",
        "## 任务一览",
        "",
        "| 变化 | 原任务 | 新任务 | 相似度 | 依据 |",
        "|---|---|---|---|---|",
    ]
    for c in report.task_changes:
        lines.append(
            f"| {KIND_LABEL[c.kind]} | {_md(names(c.old_numbers, c.old_titles))} | "
            f"{_md(names(c.new_numbers, c.new_titles))} | {score(c)} | "
            f"{_md('、'.join(c.shared_terms))} |"
        )
    lines += ["", "## 任务对照", ""]
    notes = row_notes(report)
    for c in report.task_changes:
        lines.append(f"### {_md(_heading(c))}")
        lines.append("")
        for label, body in _lines(c, notes.get((tuple(c.old), tuple(c.new)))):
            text = _md(body) if isinstance(body, str) else _md_diff(body)
            lines.append(f"- **{label}**：{text}")
        lines.append("")
    for heading, other in _other(report):
        lines += [f"## {heading}", ""] + [f"- {_md(line)}" for line in other] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_diff(segments: list[Segment]) -> str:
    out = []
    for s in segments:
        text = _md(s.text)
        out.append(
            text if s.op == "equal" else f"~~{text}~~" if s.op == "delete" else f"<ins>{text}</ins>"
        )
    return "".join(out)
