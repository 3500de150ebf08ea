"""Build samples/shanghai-2023-jiufeng.html from the seed text: a government web page as such
sites publish it (navigation, breadcrumb, metadata box, article, footer), encoded in GBK with a
<meta charset>, the responsibility table as a real <table> whose category cells span their rows
(rowspan) and the self-inspection form with its 序号 cells spanning their groups.

Run with ``make samples``; the output is committed so tests need nothing but the file.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

HERE = Path(__file__).parent
SEED = HERE / "shanghai-2023-jiufeng.txt"
OUT = HERE / "shanghai-2023-jiufeng.html"

CHROME = ("字号", "无障碍", "本站", "首页", "海纳百川")
SECTION = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.+)$")
TASK = re.compile(r"^(\d+)\s*\.")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def cell_html(text: str) -> str:
    """Scraped cells carry <p>/<i> already; keep them as markup, escape everything else."""
    parts = re.split(r"(</?(?:p|i)>)", text)
    return "".join(p if re.fullmatch(r"</?(?:p|i)>", p) else esc(p) for p in parts)


def task_sections(lines: list[str]) -> dict[int, str]:
    """Task number → title of the （N） section it sits in, read from the body text."""
    owner: dict[int, str] = {}
    current = ""
    for line in lines:
        if m := SECTION.match(line):
            current = m.group(2).strip()
        elif (m := TASK.match(line)) and current:
            owner.setdefault(int(m.group(1)), current)
    return owner


def responsibility_table(rows: list[list[str]], owner: dict[int, str]) -> str:
    header, body = rows[0], rows[1:]
    groups: list[list[list[str]]] = []
    for row in body:
        seq = int(row[0])
        if groups and owner.get(seq) == owner.get(int(groups[-1][0][0])):
            groups[-1].append(row)
        else:
            groups.append([row])
    out = [
        '<table border="1" cellspacing="0" class="MsoTableGrid">',
        f'<tr><th>{esc(header[0])}</th><th colspan="2">{esc(header[1])}</th>'
        + "".join(f"<th>{esc(h)}</th>" for h in header[2:4])
        + "</tr>",
    ]
    for group in groups:
        category = owner.get(int(group[0][0]), "")
        for i, row in enumerate(group):
            task, units, deadline = row[-3], row[-2], row[-1]
            cat = f'<td rowspan="{len(group)}">{esc(category)}</td>' if i == 0 else ""
            out.append(
                f"<tr><td>{row[0]}</td>{cat}<td>{cell_html(task)}</td>"
                f"<td>{esc(units)}</td><td>{esc(deadline)}</td></tr>"
            )
    out.append("</table>")
    return "\n".join(out)


def form_table(rows: list[list[str]]) -> str:
    header, body = rows[0], rows[1:]
    groups: list[list[list[str]]] = []
    for row in body:
        if row[0].strip() or not groups:
            groups.append([row])
        else:
            groups[-1].append(row)
    out = ['<table border="1">', "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>"]
    for group in groups:
        for i, row in enumerate(group):
            seq = f'<td rowspan="{len(group)}">{esc(row[0])}</td>' if i == 0 else ""
            out.append(f"<tr>{seq}<td>{esc(row[1])}</td><td>{esc(row[2])}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def main() -> None:
    raw = SEED.read_text(encoding="utf-8").splitlines()
    lines = [line.strip() for line in raw if line.strip()]
    title_at = next(i for i, line in enumerate(lines) if line.startswith("关于"))
    meta_line = lines[title_at + 1]
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", meta_line)
    number = re.search(r"\S+〔\d{4}〕\d+号", meta_line)
    owner = task_sections(lines)

    article: list[str] = []
    table: list[list[str]] = []
    tables_done = 0

    def flush_table() -> None:
        nonlocal tables_done
        if table:
            article.append(
                responsibility_table(table, owner) if tables_done == 0 else form_table(table)
            )
            tables_done += 1
            table.clear()

    for line in (r.rstrip() for r in raw[raw.index(lines[title_at + 1]) + 1 :]):
        if "\t" in line:
            table.append([c.strip() for c in line.rstrip("\t").split("\t")])
            continue
        if not line.strip():
            continue
        flush_table()
        text = line.strip().removeprefix("- ")
        if text.startswith(CHROME):
            continue
        align = ' style="text-align:right"' if re.fullmatch(r"\d{4}年\d+月\d+日", text) else ""
        article.append(f"<p{align}>{esc(text)}</p>")
    flush_table()

    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{esc(lines[title_at])}_上海市人民政府</title>
<style>body{{font-family:serif}} td{{padding:4px}}</style>
<script>var _hmt = _hmt || []; window.siteSearch = function () {{ return false; }};</script>
</head>
<body>
<div class="top-banner"><img src="/logo.png" alt="上海市人民政府"><span>海纳百川 · 追求卓越</span></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/fw">政务服务</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/gwk">主动公开公文库</a></div>
<div class="container">
<table class="xxgk-meta">
<tr><td>发文字号</td><td>{esc(number.group(0) if number else "")}</td>
<td>印发日期</td><td>{dates[0] if dates else ""}</td></tr>
<tr><td>发布日期</td><td>{dates[1] if len(dates) > 1 else ""}</td>
<td>主题分类</td><td>卫生、体育</td></tr>
</table>
<h1 class="article-title">{esc(lines[title_at])}</h1>
<div class="toolbar">字号：<a>大</a> <a>中</a> <a>小</a> <a>打印本页</a> <a>关闭窗口</a></div>
<div id="ivs_content" class="Article_content">
{chr(10).join(article)}
</div>
</div>
<div class="footer"><p>主办：上海市人民政府办公厅 版权所有</p><p>沪ICP备00000000号</p></div>
</body>
</html>
"""
    OUT.write_bytes(page.encode("gbk", errors="xmlcharrefreplace"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
