"""The HTML report: one standalone page (inline CSS and a few lines of vanilla JS, nothing
fetched) for a compliance officer. Chinese labels; a summary paragraph; a table of contents;
filters by change kind; old and new task text side by side with the word-level changes marked
(deletions struck through, insertions underlined) or, for tasks too different for a diff to
read, the shared words highlighted; unit and deadline changes on the task's own row; special
actions and milestones in their own sections; a print stylesheet."""

from __future__ import annotations

import html

from .labels import (
    FIELD_LABEL,
    KIND_HINT,
    KIND_LABEL,
    RowNotes,
    counts,
    marker,
    row_notes,
    score,
    summary_paragraph,
)
from .model import ChangeKind, DiffReport, ItemChange, Segment

_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif;margin:0;
color:#222;line-height:1.7;background:#fff}
main{max-width:1500px;margin:0 auto;padding:1.5rem 2rem}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;
border-bottom:2px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #ccc;padding:.45rem .6rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}
table.sides td,table.sides th{width:auto}
col.kind{width:6.5rem}col.notes{width:14rem}
.summary{background:#f7f7f2;border-left:4px solid #b8a76a;padding:.7rem 1rem;margin:1rem 0}
nav.toc{border:1px solid #ddd;padding:.4rem 1rem;margin:1rem 0}
nav.toc ol{display:flex;flex-wrap:wrap;gap:.3rem 1.6rem;margin:.2rem 0;padding-left:1.4rem}
.filters{position:sticky;top:0;background:#fff;padding:.6rem 0;border-bottom:1px solid #ddd;
z-index:1}
.filters button{font:inherit;margin:.15rem .3rem .15rem 0;padding:.15rem .7rem;border-radius:1rem;
border:1px solid #999;background:#fff;cursor:pointer}
.filters button[aria-pressed=true]{background:#333;color:#fff;border-color:#333}
.kind-label{font-weight:bold;white-space:nowrap}.hint{display:block;font-size:.78rem;color:#666;
font-weight:normal}
tr.added td.new,tr.added td.kind{background:#e8f7e8}
tr.removed td.old,tr.removed td.kind{background:#fbeaea}
tr.split td.kind,tr.merged td.kind{background:#f1e6f7}
tr.reworded td.kind{background:#fff6d9}tr.moved td.kind{background:#e3f3f7}
tr.possible td{background:#fafafa;color:#555}tr.possible td.kind{border-left:4px dashed #7a8fb8}
tr.unchanged td{color:#666}
tr.hidden{display:none}
.title{font-weight:bold}.text{margin:.3rem 0 0;font-size:.92rem}
.num{color:#666;font-weight:normal}
ins{text-decoration:underline;background:#d9f5d9}del{text-decoration:line-through;
background:#f8d7d7;color:#933}
mark{background:#fdf2b3;padding:0 .05em}
.terms{color:#555;font-size:.85rem}.score{font-variant-numeric:tabular-nums}
.notes ul{margin:0;padding-left:1rem}.notes li{margin:.1rem 0}.none{color:#aaa}
.meta td:first-child{width:7rem;background:#f9f9f9}
details summary{cursor:pointer;color:#555;font-size:.85rem}
@media print{
  body{font-size:10.5pt}main{max-width:none;padding:0}
  .filters,nav.toc{display:none}
  tr{break-inside:avoid}thead{display:table-header-group}
  a{color:inherit;text-decoration:none}
  details>*{display:block}details summary{display:none}
  ins{background:none}del{background:none}
}
"""

_JS = """
(function(){
  var buttons=document.querySelectorAll('.filters button');
  function apply(){
    var on={};var all=true;
    buttons.forEach(function(b){if(b.dataset.kind){on[b.dataset.kind]=
      b.getAttribute('aria-pressed')==='true';if(!on[b.dataset.kind]){all=false;}}});
    document.querySelectorAll('tr[data-kind]').forEach(function(row){
      row.classList.toggle('hidden',!on[row.dataset.kind]);});
    var shown=document.querySelectorAll('#tasks tbody tr:not(.hidden)').length;
    document.getElementById('shown').textContent=shown;
    document.querySelector('.filters button[data-all]').setAttribute('aria-pressed',all);
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){
    if(b.dataset.all!==undefined){buttons.forEach(function(o){o.setAttribute('aria-pressed','true');});}
    else{b.setAttribute('aria-pressed',b.getAttribute('aria-pressed')==='true'?'false':'true');}
    apply();});});
  apply();
})();
"""


def _e(text: str) -> str:
    return html.escape(text)


def html_page(report: DiffReport) -> str:
    old, new = report.old, report.new
    notes = row_notes(report)
    kinds = [k for k in ChangeKind if report.summary.get(k.value)]
    buttons = '<button type="button" data-all aria-pressed="true">全部</button>' + "".join(
        f'<button type="button" data-kind="{k.value}" aria-pressed="true" '
        f'title="{_e(KIND_HINT[k])}">'
        f"{KIND_LABEL[k]} {report.summary[k.value]}</button>"
        for k in kinds
    )
    rows = "\n".join(
        _row(c, notes.get((tuple(c.old), tuple(c.new))), f"task-{n}")
        for n, c in enumerate(report.task_changes, start=1)
    )
    sections = [("summary", "摘要"), ("tasks-section", "任务对照")]
    extra = []
    for key, label, changes in (
        ("actions", "专项行动", report.special_action_changes),
        ("milestones", "时间节点", report.milestone_changes),
    ):
        sections.append((key, label))
        extra.append(_item_section(key, label, changes))
    sections += [("terms", "用语变化"), ("meta", "文件信息变化")]
    toc = "".join(f'<li><a href="#{key}">{label}</a></li>' for key, label in sections)
    title = f"{old.doc_number or old.path} → {new.doc_number or new.path}"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}：对照报告</title>
<style>{_CSS}</style></head>
<body><main>
<h1>{_e(old.title or old.path)}<br>→ {_e(new.title or new.path)}</h1>
{_sides(report)}
<section id="summary"><h2>摘要</h2>
<p class="summary">{_e(summary_paragraph(report))}</p>
<p>任务：{_e(counts(report))}。按用词（结巴分词）的相似度对应，阈值 {report.threshold}；
低于阈值的“可能对应”只作提示，不视为修改。删去的文字<del>划线</del>，新增的文字<ins>下划线</ins>，
两边共有的关键词<mark>高亮</mark>。</p>
<nav class="toc" aria-label="目录"><strong>目录</strong><ol>{toc}</ol></nav>
</section>
<section id="tasks-section"><h2 id="tasks-heading">任务对照</h2>
<div class="filters" role="group" aria-label="按变化筛选">{buttons}
<span class="shown">显示 <span id="shown">{len(report.task_changes)}</span> 项</span></div>
<table id="tasks"><colgroup><col class="kind"><col><col><col class="notes"></colgroup>
<thead><tr><th>变化</th><th>{_e(old.doc_number or "原文件")}</th>
<th>{_e(new.doc_number or "新文件")}</th><th>分工、时限与依据</th></tr></thead>
<tbody>
{rows}
</tbody></table></section>
{"".join(extra)}
{_terms(report)}
{_meta(report)}
</main>
<script>{_JS}</script>
</body></html>
"""


def _sides(report: DiffReport) -> str:
    rows = []
    for label, side in (("原文件", report.old), ("新文件", report.new)):
        rows.append(
            f"<tr><td>{label}</td><td>{_e(side.doc_number or '—')}</td>"
            f"<td>{_e(str(side.signed_date or '—'))}</td><td>{_e(side.path)}</td></tr>"
        )
    return (
        '<table class="meta"><thead><tr><th></th><th>发文字号</th><th>成文日期</th>'
        f"<th>文件</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _row(c: ItemChange, notes: RowNotes | None, anchor: str) -> str:
    kind = (
        f'<span class="kind-label">{KIND_LABEL[c.kind]}</span>'
        f'<span class="hint">{_e(KIND_HINT[c.kind])}</span>'
    )
    old_cell, new_cell = _cells(c)
    return (
        f'<tr id="{anchor}" class="{c.kind.value}" data-kind="{c.kind.value}">'
        f'<td class="kind">{kind}</td><td class="old">{old_cell}</td>'
        f'<td class="new">{new_cell}</td><td class="notes">{_notes(c, notes)}</td></tr>'
    )


def _cells(c: ItemChange) -> tuple[str, str]:
    """Each side's numbers, titles and texts; an edit marks its words, a possible counterpart
    (and a rewrite too different to diff) marks only the words both sides share."""
    old_titles = _titles(c.old_numbers, c.old_titles)
    new_titles = _titles(c.new_numbers, c.new_titles)
    if c.kind in (ChangeKind.UNCHANGED, ChangeKind.MOVED):
        text = _e("／".join(c.new_texts))
        body = f'<details><summary>查看原文</summary><p class="text">{text}</p></details>'
        return old_titles + body, new_titles + body
    if c.title_diff and len(c.old) == len(c.new) == 1:
        old_titles = _titles(c.old_numbers, [_diff(c.title_diff, "insert")], escape=False)
        new_titles = _titles(c.new_numbers, [_diff(c.title_diff, "delete")], escape=False)
    if c.text_diff:
        return (
            old_titles + f'<p class="text">{_diff(c.text_diff, "insert")}</p>',
            new_titles + f'<p class="text">{_diff(c.text_diff, "delete")}</p>',
        )
    old_text = _marked("／".join(c.old_texts), c.shared_terms) if c.old_texts else ""
    new_text = _marked("／".join(c.new_texts), c.shared_terms) if c.new_texts else ""
    empty = '<p class="none">（无对应任务）</p>'
    return (
        old_titles + (f'<p class="text">{old_text}</p>' if c.old else empty),
        new_titles + (f'<p class="text">{new_text}</p>' if c.new else empty),
    )


def _titles(numbers: list[str], titles: list[str], escape: bool = True) -> str:
    return "".join(
        f'<div class="title"><span class="num">{_e(marker(n))}</span>{_e(t) if escape else t}</div>'
        for n, t in zip(numbers, titles, strict=True)
    )


def _diff(segments: list[Segment], skip: str) -> str:
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    return "".join(tags[s.op].format(_e(s.text)) for s in segments if s.op != skip)


def _marked(text: str, terms: list[str]) -> str:
    """``text`` with every occurrence of the shared words highlighted, longest first."""
    spans: list[tuple[int, int]] = []
    for term in sorted(terms, key=len, reverse=True):
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = text.find(term, end)
    out, last = [], 0
    for s, e in sorted(spans):
        out += [_e(text[last:s]), f"<mark>{_e(text[s:e])}</mark>"]
        last = e
    out.append(_e(text[last:]))
    return "".join(out)


def _notes(c: ItemChange, notes: RowNotes | None) -> str:
    items = [f"<li>{_e(line)}</li>" for line in (notes.lines if notes else [])]
    if c.similarity is not None:
        items.append(f'<li>相似度 <span class="score">{score(c)}</span></li>')
    if c.shared_terms:
        items.append(f'<li class="terms">依据：{_e("、".join(c.shared_terms))}</li>')
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _item_section(key: str, label: str, changes: list[ItemChange]) -> str:
    if not changes:
        none = f'<p class="none">两份文件都没有{label}。</p>'
        return f'<section id="{key}"><h2>{label}</h2>{none}</section>'
    rows = "\n".join(_row(c, None, f"{key}-{n}") for n, c in enumerate(changes, start=1))
    return (
        f'<section id="{key}"><h2>{label}</h2><table class="items">'
        '<colgroup><col class="kind"><col><col><col class="notes"></colgroup>'
        "<thead><tr><th>变化</th><th>原文件</th><th>新文件</th><th>依据</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _terms(report: DiffReport) -> str:
    t = report.term_changes
    parts = []
    for label, terms, cls in (("新出现", t.appeared, "ins"), ("不再出现", t.disappeared, "del")):
        words = "、".join(f"<{cls}>{_e(term)}</{cls}>" for term in terms) or "无"
        parts.append(f"<p><strong>{label}：</strong>{words}</p>")
    return f'<section id="terms"><h2>用语变化</h2>{"".join(parts)}</section>'


def _meta(report: DiffReport) -> str:
    if not report.metadata_changes:
        return '<section id="meta"><h2>文件信息变化</h2><p class="none">无</p></section>'
    rows = "".join(
        f"<tr><td>{_e(FIELD_LABEL.get(m.field, m.field))}</td><td>{_e(m.old or '—')}</td>"
        f"<td>{_e(m.new or '—')}</td></tr>"
        for m in report.metadata_changes
    )
    return (
        '<section id="meta"><h2>文件信息变化</h2><table class="meta"><thead><tr><th>项目</th>'
        f"<th>原文件</th><th>新文件</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )
