"""Render both seeds as DOCX files made by other software than ``samples/make_samples.py``.

For each seed ``samples/<name>.txt`` this writes, under ``tests/data/renderings/docx/``:

- ``<name>-pandoc.docx``: the circular as a plain web page (HTML) converted by pandoc. Pandoc
  puts the page's ``<title>`` first as a Title paragraph, the circular's title after it as
  Heading 1, then the 发文字号; the numbered tasks (``1.``) are Word list numbering
  (numbering.xml, decimal, one list per run of items with its own start); the signature is one
  paragraph whose issuers and date are separated by line breaks (``<w:br/>``); the attachment
  tables are pandoc tables (no merged cells: the category is repeated in every row);
- ``<name>-office.docx``: the circular typed the way an office types one (python-docx, the XML
  written as Word and WPS write it): every number typed as text, paragraphs indented with
  full-width spaces instead of a first-line indent, fonts named but not embedded (仿宋_GB2312,
  方正小标宋简体, 黑体, 楷体_GB2312), the issuers in a borderless two-column table with the date
  in its last row, and the responsibility table with a two-row header where 责任单位 spans
  牵头单位 / 配合单位 (the lead and support units in separate columns).

It also writes ``case-signature-table.docx``, an unrelated county notice typed the same way,
for the mechanisms the seeds do not show alone: two issuers side by side in a borderless table
with the date on the paragraph after it, a sentence broken by a manual line break, and a
responsibility table whose 责任单位 spans 主责部门 / 协同部门, its 序号 and 完成时限 two rows high.

The structure comes from the text form's own extraction, so the files hold the same content as
the seed. Needs pandoc (Debian ``pandoc``); run with ``make samples``. The outputs are
committed, so tests need neither pandoc nor this script.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from seeds import SAMPLES, SEEDS, esc, seed_structure

from jiufeng_extract.blocks import TableBlock
from jiufeng_extract.layout.normalize import Para
from jiufeng_extract.model import Circular, TableRow
from jiufeng_extract.parse.segment import Segments

OUT = SAMPLES.parent / "tests" / "data" / "renderings" / "docx"
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
SOURCE_DATE_EPOCH = str(int(FIXED_DATE.timestamp()))

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
INDENT = "\u3000\u3000"  # an office's first-line indent: two full-width spaces, typed

LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
ITEM = re.compile(r"^(\d+)\s*[.．]\s*")
# a units cell as the text form prints it, split into what a 牵头单位 / 配合单位 table types
LEAD_SUPPORT = re.compile(
    r"^(?P<lead>.+?)(?:按职责分别)?牵头[，,](?P<support>.+?)(?P<role>配合)?(?P<note>（[^（）]*）)?$"
)
LEAD_ONLY = re.compile(r"^(?P<lead>.+?)(?:按职责分别)?牵头(?P<note>（[^（）]*）)?$")


# --- pandoc: HTML → DOCX ---------------------------------------------------------------------


def main_html(items: list[Para]) -> list[str]:
    """Headings as <h2>/<h3>; runs of ``N.`` paragraphs as <ol start=N>, the paragraphs after an
    item (its special action, say) inside that item."""
    out: list[str] = []
    in_list = False
    for para in items:
        text = para.text
        item = ITEM.match(text)
        heading = LEVEL1.match(text) or LEVEL2.match(text)
        if (item or heading) and in_list:
            out.append("</li></ol>" if heading else "</li>")
            in_list = in_list and not heading
        if heading:
            tag = "h2" if LEVEL1.match(text) else "h3"
            out.append(f"<{tag}>{esc(text)}</{tag}>")
        elif item:
            if not in_list:
                out.append(f'<ol start="{item.group(1)}">')
                in_list = True
            out.append(f"<li><p>{esc(text[item.end() :])}</p>")
        else:
            out.append(f"<p>{esc(text)}</p>")
    if in_list:
        out.append("</li></ol>")
    return out


def responsibility_html(rows: list[TableRow], header: list[str]) -> list[str]:
    out = ["<table>", "<thead><tr>"]
    out += [f"<th>{esc(label)}</th>" for label in ("序号", "类别", *header[1:])]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = (str(row.seq), row.category or "", row.task_text, row.units.raw, row.deadline.raw)
        out.append("<tr>" + "".join(f"<td>{cell_html(c)}</td>" for c in cells) + "</tr>")
    return [*out, "</tbody></table>"]


def cell_html(text: str) -> str:
    """A cell's lines as paragraphs: pandoc would run them into one."""
    lines = text.split("\n")
    return esc(text) if len(lines) == 1 else "".join(f"<p>{esc(line)}</p>" for line in lines)


def form_html(circular: Circular, header: list[str]) -> list[str]:
    out = ["<table>", "<thead><tr>", *(f"<th>{esc(h)}</th>" for h in header[:3]), "</tr></thead>"]
    last: int | None = None
    for item in circular.form_items:
        group = str(item.group) if item.group != last else ""
        last = item.group
        cells = (group, item.item, item.unit or "")
        out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    return [*out, "</table>"]


def page_html(circular: Circular, seg: Segments) -> str:
    meta = circular.metadata
    body: list[str] = []
    if seg.title is not None:
        body.append(f"<h1>{esc(seg.title.text)}</h1>")
    if meta.doc_number:
        body.append(f"<p>{esc(meta.doc_number)}</p>")
    if seg.recipients is not None:
        body.append(f"<p>{esc(seg.recipients.text)}</p>")
    body += [f"<p>{esc(p.text)}</p>" for p in seg.cover if isinstance(p, Para)]
    for i, (number, title, _) in enumerate(seg.attachment_list):
        label = "附件：" if i == 0 else ""
        body.append(f"<p>{label}{esc(f'{number}.{title}' if number else title)}</p>")
    closing = [p.text for p in seg.signature]
    if seg.signed_date is not None:
        closing.append(seg.signed_date.text)
    body.append('<p style="text-align:right">' + "<br />".join(map(esc, closing)) + "</p>")
    body += [f"<p>{esc(p.text)}</p>" for p in seg.notes]
    if seg.enclosure_title is not None:
        body.append(f"<h1>{esc(seg.enclosure_title.text)}</h1>")
    body += main_html([p for p in seg.main if isinstance(p, Para)])
    for part in seg.attachments:
        body.append(f"<p>附件{part.number or ''}</p>")
        body.append(f"<h2>{esc(part.title)}</h2>")
        for item in part.items:
            if isinstance(item, Para):
                body.append(f"<p>{esc(item.text)}</p>")
                continue
            header = [c for c in item.rows[0] if c.strip()]
            wide = len(header) >= 4
            body += responsibility_html(circular.responsibility_table, header) if wide else []
            body += [] if wide else form_html(circular, header)
    title = esc(meta.title or "")
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def pandoc(html_text: str, target: Path) -> None:
    exe = shutil.which("pandoc")
    if exe is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(html_text, encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        subprocess.run(
            [exe, "--from=html", "--to=docx", "--standalone", "-o", str(target), str(source)],
            check=True,
            env=env,
        )


# --- the office's DOCX -----------------------------------------------------------------------


def name_fonts(element: object, face: str) -> None:
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), face)


def no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def grid_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:color", "000000")):
            edge.set(qn(key), value)
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def split_units(raw: str) -> tuple[str, str]:
    """The text form's 责任单位 cell as an office types it into 牵头单位 and 配合单位."""
    if match := LEAD_SUPPORT.match(raw):
        return match["lead"], match["support"] + (match["note"] or "")
    if match := LEAD_ONLY.match(raw):
        return match["lead"] + (match["note"] or ""), ""
    return raw, ""


class OfficeWriter:
    def __init__(self, circular: Circular, seg: Segments) -> None:
        self.circular = circular
        self.seg = seg
        self.document = Document()
        props = self.document.core_properties
        props.created = props.modified = FIXED_DATE
        props.author = props.last_modified_by = "办公室"
        props.title = ""
        normal = self.document.styles["Normal"]
        name_fonts(normal.element, FANGSONG)
        normal.font.size = Pt(16)
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)

    def paragraph(
        self,
        text: str,
        face: str = FANGSONG,
        size: float = 16,
        align: WD_ALIGN_PARAGRAPH | None = None,
        color: RGBColor | None = None,
    ) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if text:
            run = paragraph.add_run(text)
            name_fonts(run._r, face)
            run.font.size = Pt(size)
            if color is not None:
                run.font.color.rgb = color
        return paragraph

    def body(self, text: str) -> None:
        face = HEITI if LEVEL1.match(text) else KAITI if LEVEL2.match(text) else FANGSONG
        self.paragraph(INDENT + text, face=face)

    def cover(self) -> None:
        meta, seg = self.circular.metadata, self.seg
        banner = (meta.issuers[0] if meta.issuers else "") + "文件"
        red = RGBColor(0xFF, 0x00, 0x00)
        self.paragraph(banner, XIAOBIAOSONG, 36, WD_ALIGN_PARAGRAPH.CENTER, red)
        self.paragraph("")
        if meta.doc_number:
            self.paragraph(meta.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.paragraph("")
        if seg.title is not None:
            self.paragraph(seg.title.text, XIAOBIAOSONG, 22, WD_ALIGN_PARAGRAPH.CENTER)
        self.paragraph("")
        if seg.recipients is not None:
            self.paragraph(seg.recipients.text)
        for item in seg.cover:
            if isinstance(item, Para):
                self.body(item.text)
        for i, (number, title, _) in enumerate(seg.attachment_list):
            label = "附件：" if i == 0 else "\u3000\u3000\u3000"
            self.paragraph(INDENT + label + (f"{number}.{title}" if number else title))
        self.paragraph("")
        self.signature_table()
        for note in seg.notes:
            self.body(note.text)

    def signature_table(self) -> None:
        """Issuers two to a row in a borderless table, the date under the right-hand column."""
        issuers = [p.text for p in self.seg.signature]
        names = [n for line in issuers for n in line.split()]
        pairs = [names[i : i + 2] for i in range(0, len(names), 2)]
        date = self.seg.signed_date.text if self.seg.signed_date is not None else ""
        table = self.document.add_table(rows=len(pairs) + 1, cols=2)
        no_borders(table)
        for r, pair in enumerate(pairs):
            for c, name in enumerate(pair):
                self.cell(table.cell(r, c), name, WD_ALIGN_PARAGRAPH.CENTER)
        self.cell(table.cell(len(pairs), 1), date, WD_ALIGN_PARAGRAPH.CENTER)

    def cell(
        self, cell: _Cell, text: str, align: WD_ALIGN_PARAGRAPH | None = None, size: float = 16
    ) -> None:
        for i, part in enumerate(text.split("\n")):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if align is not None:
                paragraph.alignment = align
            run = paragraph.add_run(part)
            name_fonts(run._r, FANGSONG)
            run.font.size = Pt(size)

    def main_text(self) -> None:
        self.document.add_page_break()
        if self.seg.enclosure_title is not None:
            text = self.seg.enclosure_title.text
            self.paragraph(text, XIAOBIAOSONG, 22, WD_ALIGN_PARAGRAPH.CENTER)
            self.paragraph("")
        for item in self.seg.main:
            if isinstance(item, Para):
                self.body(item.text)

    def attachments(self) -> None:
        for part in self.seg.attachments:
            tables = [i for i in part.items if isinstance(i, TableBlock)]
            wide = bool(tables) and len([c for c in tables[0].rows[0] if c.strip()]) >= 4
            section = self.document.add_section(WD_SECTION.NEW_PAGE)
            if wide:
                section.orientation = WD_ORIENT.LANDSCAPE
                section.page_width, section.page_height = Mm(297), Mm(210)
            self.paragraph(f"附件{part.number or ''}", face=HEITI)
            self.paragraph(part.title, XIAOBIAOSONG, 20, WD_ALIGN_PARAGRAPH.CENTER)
            for item in part.items:
                if isinstance(item, Para):
                    self.body(item.text)
                elif wide:
                    self.responsibility_table([c for c in item.rows[0] if c.strip()])
                else:
                    self.form_table([c for c in item.rows[0] if c.strip()])

    def responsibility_table(self, header: list[str]) -> None:
        """序号 | 重点任务 (over category and task) | 责任单位 (over 牵头单位, 配合单位) | 完成时限,
        the header two rows high; the category merged down its rows."""
        rows = self.circular.responsibility_table
        table = self.document.add_table(rows=len(rows) + 2, cols=6)
        grid_borders(table)
        top, second = table.rows[0].cells, table.rows[1].cells
        for column in (0, 5):
            top[column].merge(second[column])
        top[1].merge(second[2])
        top[3].merge(top[4])
        for cell, label in ((top[0], header[0]), (top[1], header[1]), (top[3], header[2])):
            self.cell(cell, label, WD_ALIGN_PARAGRAPH.CENTER, 12)
        self.cell(top[5], header[3], WD_ALIGN_PARAGRAPH.CENTER, 12)
        self.cell(second[3], "牵头单位", WD_ALIGN_PARAGRAPH.CENTER, 12)
        self.cell(second[4], "配合单位", WD_ALIGN_PARAGRAPH.CENTER, 12)
        for r, row in enumerate(rows, start=2):
            cells = table.rows[r].cells
            lead, support = split_units(row.units.raw)
            self.cell(cells[0], str(row.seq), WD_ALIGN_PARAGRAPH.CENTER, 12)
            self.cell(cells[2], row.task_text, size=12)
            self.cell(cells[3], lead, size=12)
            self.cell(cells[4], support, size=12)
            self.cell(cells[5], row.deadline.raw, WD_ALIGN_PARAGRAPH.CENTER, 12)
        self.merge_down(table, 1, 2, [row.category or "" for row in rows])

    def form_table(self, header: list[str]) -> None:
        items = self.circular.form_items
        table = self.document.add_table(rows=len(items) + 1, cols=3)
        grid_borders(table)
        for i, label in enumerate(header[:3]):
            self.cell(table.cell(0, i), label, WD_ALIGN_PARAGRAPH.CENTER, 12)
        for r, item in enumerate(items, start=1):
            self.cell(table.cell(r, 1), item.item, size=12)
            self.cell(table.cell(r, 2), item.unit or "", WD_ALIGN_PARAGRAPH.CENTER, 12)
        self.merge_down(table, 0, 1, [str(item.group or "") for item in items])

    def merge_down(self, table: Table, column: int, first_row: int, values: list[str]) -> None:
        start = 0
        for i in range(1, len(values) + 1):
            if i < len(values) and values[i] == values[start]:
                continue
            top = table.cell(start + first_row, column)
            if i - 1 > start:
                top = top.merge(table.cell(i - 1 + first_row, column))
            self.cell(top, values[start], WD_ALIGN_PARAGRAPH.CENTER, 12)
            start = i

    def write(self, path: Path) -> None:
        self.cover()
        self.main_text()
        self.attachments()
        self.document.save(str(path))
        fix_zip_times(path)


def fix_zip_times(path: Path) -> None:
    """python-docx stamps each part with the time of writing: fix it, so a re-run is
    byte-identical."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)


CASE_BODY = (
    "一、压实责任",
    "（一）落实院长负责制。各医疗机构主要负责人是行风建设第一责任人，",
    "（二）开展自查整改。各医疗机构于2025年6月30日前完成自查并报送整改台账。",
    "二、强化监督",
    "（三）组织交叉检查。区卫生健康局会同区医疗保障局于第三季度组织交叉检查。",
)
CASE_ROWS = (
    ("1", "压实责任", "落实院长负责制", "各医疗机构", "", "持续推进"),
    ("2", "压实责任", "开展自查整改", "各医疗机构", "区卫生健康局", "2025年6月30日前"),
    ("3", "强化监督", "组织交叉检查", "区卫生健康局", "区医疗保障局、区市场监管局", "9月底前"),
)


def write_case(path: Path) -> None:
    """An unrelated notice typed by an office: signature table, line break, two-row header."""
    writer = OfficeWriter.__new__(OfficeWriter)
    writer.document = Document()
    props = writer.document.core_properties
    props.created = props.modified = FIXED_DATE
    props.author = props.last_modified_by = "办公室"
    name_fonts(writer.document.styles["Normal"].element, FANGSONG)
    center = WD_ALIGN_PARAGRAPH.CENTER
    writer.paragraph("西岭区卫生健康局文件", XIAOBIAOSONG, 36, center, RGBColor(0xFF, 0, 0))
    writer.paragraph("西卫发〔2025〕9号", align=center)
    writer.paragraph("关于印发西岭区2025年行风建设工作要点的通知", XIAOBIAOSONG, 22, center)
    writer.paragraph("各社区卫生服务中心，区属各医疗机构：")
    writer.body("现将《西岭区2025年行风建设工作要点》印发给你们，请认真贯彻落实。")
    writer.paragraph(INDENT + "附件：重点任务分工表")
    table = writer.document.add_table(rows=1, cols=2)
    no_borders(table)
    writer.cell(table.cell(0, 0), "西岭区卫生健康局", center)
    writer.cell(table.cell(0, 1), "西岭区医疗保障局", center)
    writer.paragraph("2025年3月18日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    writer.document.add_page_break()
    writer.paragraph("西岭区2025年行风建设工作要点", XIAOBIAOSONG, 22, center)
    for text in CASE_BODY:
        paragraph = writer.paragraph(INDENT + text)
        if text.endswith("，"):  # the sentence goes on after a manual line break
            paragraph.runs[0].add_break()
            paragraph.add_run("签订行风建设责任书。")
    writer.document.add_section(WD_SECTION.NEW_PAGE)
    writer.paragraph("附件", face=HEITI)
    writer.paragraph("重点任务分工表", XIAOBIAOSONG, 20, center)
    grid = writer.document.add_table(rows=len(CASE_ROWS) + 2, cols=6)
    grid_borders(grid)
    top, second = grid.rows[0].cells, grid.rows[1].cells
    for column in (0, 5):
        top[column].merge(second[column])
    top[1].merge(second[2])
    top[3].merge(top[4])
    for cell, label in ((top[0], "序号"), (top[1], "工作任务"), (top[3], "责任单位")):
        writer.cell(cell, label, center, 12)
    writer.cell(top[5], "完成时限", center, 12)
    writer.cell(second[3], "主责部门", center, 12)
    writer.cell(second[4], "协同部门", center, 12)
    for r, row in enumerate(CASE_ROWS, start=2):
        for c, text in enumerate(row):
            if c != 1:
                writer.cell(grid.cell(r, c), text, size=12)
    writer.merge_down(grid, 1, 2, [row[1] for row in CASE_ROWS])
    writer.document.save(str(path))
    fix_zip_times(path)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SEEDS:
        circular, seg = seed_structure(name)
        pandoc(page_html(circular, seg), OUT / f"{name}-pandoc.docx")
        OfficeWriter(circular, seg).write(OUT / f"{name}-office.docx")
        print(f"wrote {name}-pandoc.docx, {name}-office.docx under {OUT}")
    write_case(OUT / "case-signature-table.docx")
    print("wrote case-signature-table.docx")


if __name__ == "__main__":
    main()
