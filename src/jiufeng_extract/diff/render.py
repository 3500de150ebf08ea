"""A ``DiffReport`` for people: a Rich view for the terminal, Markdown for a report, and one
standalone HTML file (no scripts, no network) with the two circulars side by side."""

from __future__ import annotations

import html
from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .model import ChangeKind, DiffReport, ItemChange, Segment

_KIND_STYLE = {
    ChangeKind.UNCHANGED: "dim",
    ChangeKind.REWORDED: "yellow",
    ChangeKind.MOVED: "cyan",
    ChangeKind.SPLIT: "magenta",
    ChangeKind.MERGED: "magenta",
    ChangeKind.ADDED: "green",
    ChangeKind.REMOVED: "red",
}


def _names(numbers: list[str], titles: list[str]) -> str:
    return "／".join(f"{_marker(n)}{t}" for n, t in zip(numbers, titles, strict=True))


def _marker(number: str) -> str:
    return f"{number}. " if number.isdecimal() else f"（{number}）"


def _score(change: ItemChange) -> str:
    if change.similarity is None:
        return ""
    return f"{change.similarity:.2f}" + (" weak" if change.weak else "")


def _counts(report: DiffReport) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in report.summary.items() if count)


# --- terminal ------------------------------------------------------------------------------


def text_view(report: DiffReport, plain: bool = False) -> RenderableType:
    """Summary, the task links with scores and evidence, then everything else that changed.
    ``plain``: no colours to carry the title diff, so mark it [-old-]{+new+}."""
    old, new = report.old, report.new
    parts: list[RenderableType] = [
        Text(f"old: {old.doc_number or ''} {old.title or old.path}", style="bold"),
        Text(f"new: {new.doc_number or ''} {new.title or new.path}", style="bold"),
        Text(f"tasks: {_counts(report)}  (threshold {report.threshold})"),
    ]
    table = Table(expand=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("old", ratio=2)
    table.add_column("new", ratio=2)
    table.add_column("score", no_wrap=True)
    table.add_column("evidence", ratio=1)
    for change in report.task_changes:
        table.add_row(
            Text(change.kind.value, style=_KIND_STYLE[change.kind]),
            _names(change.old_numbers, change.old_titles),
            _title_cell(change, plain),
            _score(change),
            "、".join(change.shared_terms),
        )
    parts.append(table)
    parts += _other_changes(report)
    return Group(*parts)


def _title_cell(change: ItemChange, plain: bool) -> Text:
    if not (change.old and change.new) or not change.title_diff:
        return Text(_names(change.new_numbers, change.new_titles))
    text = Text("／".join(_marker(n) for n in change.new_numbers))
    for segment in change.title_diff:
        if segment.op == "equal":
            text.append(segment.text)
        elif plain:
            text.append(
                f"[-{segment.text}-]" if segment.op == "delete" else f"{{+{segment.text}+}}"
            )
        else:
            style = "red strike" if segment.op == "delete" else "green underline"
            text.append(segment.text, style=style)
    return text


def _other_changes(report: DiffReport) -> list[RenderableType]:
    lines = list(_other_lines(report))
    return [Text("\n".join(lines))] if lines else []


def _other_lines(report: DiffReport) -> Iterable[str]:
    for label, changes in (
        ("special actions", report.special_action_changes),
        ("milestones", report.milestone_changes),
    ):
        moved = [c for c in changes if c.kind is not ChangeKind.UNCHANGED]
        if moved:
            yield f"{label}:"
            for c in moved:
                yield (
                    f"  {c.kind.value}: {_names(c.old_numbers, c.old_titles) or '—'} → "
                    f"{_names(c.new_numbers, c.new_titles) or '—'}"
                )
    for unit in report.unit_changes:
        change = []
        if unit.added:
            change.append("+" + "、".join(unit.added))
        if unit.removed:
            change.append("−" + "、".join(unit.removed))
        yield f"units, task {unit.old} → {unit.new}, {unit.role}: {' '.join(change)}"
    for d in report.deadline_changes:
        yield f"deadline, task {d.old} → {d.new}: {d.old_deadline.raw} → {d.new_deadline.raw}"
    if report.term_changes.appeared:
        yield "terms appeared: " + "、".join(report.term_changes.appeared)
    if report.term_changes.disappeared:
        yield "terms disappeared: " + "、".join(report.term_changes.disappeared)
    for m in report.metadata_changes:
        yield f"{m.field}: {m.old or '—'} → {m.new or '—'}"


# --- Markdown ------------------------------------------------------------------------------


def markdown(report: DiffReport) -> str:
    old, new = report.old, report.new
    lines = [
        f"# {old.doc_number or old.path} → {new.doc_number or new.path}",
        "",
        f"- old: {old.title or old.path} ({old.signed_date or 'undated'})",
        f"- new: {new.title or new.path} ({new.signed_date or 'undated'})",
        f"- tasks: {_counts(report)} (threshold {report.threshold})",
        "",
        "| kind | old | new | score | evidence |",
        "|---|---|---|---|---|",
    ]
    for c in report.task_changes:
        title = (
            "／".join(_marker(n) for n in c.new_numbers) + _md_diff(c.title_diff)
            if c.old and c.new
            else _names(c.new_numbers, c.new_titles)
        )
        lines.append(
            f"| {c.kind.value} | {_md(_names(c.old_numbers, c.old_titles))} | {title} | "
            f"{_score(c)} | {_md('、'.join(c.shared_terms))} |"
        )
    other = list(_other_lines(report))
    if other:
        lines += ["", "## Other changes", ""] + [f"- {_md(line.strip())}" for line in other]
    return "\n".join(lines) + "\n"


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


# --- HTML ----------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif;margin:2rem;
color:#222;line-height:1.6}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top}
th{background:#f3f3f3;text-align:left}
.kind{width:7rem}td.kind{font-weight:bold}.score{width:6rem}
tr.added td.new{background:#e8f7e8}tr.removed td.old{background:#fbeaea}
tr.added td.old,tr.removed td.new{background:#fafafa;color:#999}
ins{text-decoration:underline;background:#d9f5d9}del{text-decoration:line-through;background:#f8d7d7}
.terms{color:#555;font-size:.85rem}.summary span{margin-right:1.2rem}
.weak{color:#a60}p.body{margin:.3rem 0 0;font-size:.9rem;color:#444}
"""


def html_page(report: DiffReport) -> str:
    old, new = report.old, report.new
    rows = "\n".join(_html_row(c) for c in report.task_changes)
    summary = "".join(
        f'<span class="{kind}">{count} {kind}</span>' for kind, count in report.summary.items()
    )
    other = "".join(f"<li>{html.escape(line.strip())}</li>" for line in _other_lines(report))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(f"{old.doc_number or old.path} → {new.doc_number or new.path}")}</title>
<style>{_CSS}</style></head>
<body>
<h1>{html.escape(old.title or old.path)}<br>→ {html.escape(new.title or new.path)}</h1>
<p class="summary">{summary}</p>
<p>Linked by TF-IDF similarity of character n-grams (threshold {report.threshold}); insertions
are <ins>underlined</ins>, deletions <del>struck through</del>.</p>
<table>
<thead><tr><th class="kind">change</th><th>{html.escape(old.doc_number or "old")}</th>
<th>{html.escape(new.doc_number or "new")}</th><th class="score">score</th></tr></thead>
<tbody>
{rows}
</tbody></table>
{f"<h2>Other changes</h2><ul>{other}</ul>" if other else ""}
</body></html>
"""


def _html_row(c: ItemChange) -> str:
    old_cell = "<br>".join(
        html.escape(f"{_marker(n)}{t}") for n, t in zip(c.old_numbers, c.old_titles, strict=True)
    )
    if c.old and c.new and c.title_diff:
        markers = "／".join(_marker(n) for n in c.new_numbers)
        new_cell = html.escape(markers) + _html_diff(c.title_diff)
    else:
        new_cell = "<br>".join(
            html.escape(f"{_marker(n)}{t}")
            for n, t in zip(c.new_numbers, c.new_titles, strict=True)
        )
    if c.text_diff:
        new_cell += f'<p class="body">{_html_diff(c.text_diff)}</p>'
    terms = (
        f'<div class="terms">{html.escape("、".join(c.shared_terms))}</div>'
        if c.shared_terms
        else ""
    )
    score = html.escape(_score(c))
    weak = ' class="score weak"' if c.weak else ' class="score"'
    return (
        f'<tr class="{c.kind.value}"><td class="kind">{c.kind.value}</td>'
        f'<td class="old">{old_cell}</td><td class="new">{new_cell}{terms}</td>'
        f"<td{weak}>{score}</td></tr>"
    )


def _html_diff(segments: list[Segment]) -> str:
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    return "".join(tags[s.op].format(html.escape(s.text)) for s in segments)
