"""Render both seeds as PDFs made by software other than ours, into tests/data/renderings/pdf/.

For each seed ``samples/<name>.txt``:

- ``<name>-chromium.pdf``: a government web page (site banner and navigation, a printed
  label–value metadata box 索引号/发布机构/发文日期/…, the article, 【我要纠错】 and 责任编辑
  lines, the site footer) printed by headless Chromium with its own header and footer on (the
  date, the page title, the URL, ``1/9``). Tables are HTML tables without a ``<thead>``, so a
  table that continues over pages repeats no header, and Chromium draws every border as a
  filled rectangle, not a stroked line;
- ``<name>-gbt-seal-image.pdf`` and ``<name>-gbt-seal-vector.pdf``: the circular set as GB/T 9704
  公文 with reportlab (Noto CJK faces converted to TrueType outlines for it), a red seal over the
  signatures: a Pillow image in the first, vector paths with the organisation's name as real
  text rotated along an arc in the second (which also carries a diagonal watermark). The
  responsibility table is on landscape pages with its category cells merged over rows, and the
  page breaks cut rows and merged cells (no header row repeated).

The structure comes from the text form's extraction (segments and metadata), as in
``samples/make_samples.py``. Needs ``chromium`` and ``fonts-noto-cjk`` from Debian and the
``samples`` extra (reportlab, fonttools); run with ``make samples``. The outputs are committed,
so tests need none of these. Chromium prints today's date in its header: a re-run changes that
line and nothing else.
"""

from __future__ import annotations

import math
import re
import subprocess
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from seeds import SAMPLES, SEEDS, esc, seed_structure

from jiufeng_extract.blocks import TableBlock
from jiufeng_extract.layout.normalize import Para, normalize
from jiufeng_extract.load.plain_text import load_text
from jiufeng_extract.model import Circular
from jiufeng_extract.parse.segment import Segments, segment
from jiufeng_extract.pipeline import extract_path

HERE = Path(__file__).parent
OUT = SAMPLES.parent / "tests" / "data" / "renderings" / "pdf"
NOTO = Path("/usr/share/fonts/opentype/noto")
RED = colors.Color(0.86, 0.05, 0.05)
SITE = "www.example.gov.cn"
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


# --- headless Chromium -------------------------------------------------------------------


def gov_page(circular: Circular, seg: Segments) -> str:
    meta = circular.metadata
    issuer = meta.issuers[0] if meta.issuers else ""
    box = [
        ("索引号", "000000000/2024-00047"),
        ("发布机构", issuer),
        ("发文日期", meta.signed_date.isoformat() if meta.signed_date else ""),
        ("发文字号", meta.doc_number or ""),
        ("主题分类", "卫生、体育"),
        ("有效性", "有效"),
    ]
    rows = "".join(
        f"<tr><th>{a}</th><td>{esc(b)}</td><th>{c}</th><td>{esc(d)}</td></tr>"
        for (a, b), (c, d) in zip(box[::2], box[1::2], strict=True)
    )
    body = [f"<h1>{esc(seg.title.text if seg.title else '')}</h1>"]
    if meta.doc_number:
        body.append(f'<p class="number">{esc(meta.doc_number)}</p>')
    body += _cover_html(seg)
    if seg.enclosure_title is not None:
        body.append(f'<p class="center">{esc(seg.enclosure_title.text)}</p>')
    body += [f"<p>{esc(i.text)}</p>" for i in seg.main if isinstance(i, Para)]
    for part in seg.attachments:
        body.append(f"<p>附件{part.number or ''}</p><p class='center'>{esc(part.title)}</p>")
        for item in part.items:
            if isinstance(item, Para):
                body.append(f"<p>{esc(item.text)}</p>")
            elif len(item.rows[0]) >= 4:
                body.append(_responsibility_html(circular, item))
            else:
                body.append(_form_html(circular, item))
    title = esc(seg.title.text if seg.title else "")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_政府信息公开</title>
<style>
body {{ font-family: "Noto Serif CJK SC", serif; font-size: 12pt; margin: 0 }}
.nav, .crumb, .foot {{ font-size: 10pt }}
.meta {{ border: 1px solid #999; width: 100%; border-collapse: collapse; font-size: 10pt }}
.meta th, .meta td {{ border: 1px solid #999; padding: 3px; text-align: left }}
h1 {{ font-size: 16pt; text-align: center }}
p {{ text-indent: 2em; line-height: 1.6; margin: 4px 0 }}
.number, .center {{ text-align: center; text-indent: 0 }}
.right {{ text-align: right }}
.grid {{ border-collapse: collapse; width: 100%; font-size: 10.5pt }}
.grid td {{ border: 1px solid #000; padding: 3px; vertical-align: middle }}
</style></head><body>
<div class="nav">政府信息公开 首页 | 机构 | 政策 | 互动 | 服务</div>
<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政策文件</div>
<table class="meta">{rows}</table>
{chr(10).join(body)}
<p class="foot">【我要纠错】 【打印本页】 【关闭窗口】</p>
<p class="foot">责任编辑：张三</p>
<div class="foot">主办单位：本站办公室 版权所有 网站标识码0000000000</div>
</body></html>
"""


def _cover_html(seg: Segments) -> list[str]:
    out = []
    if seg.recipients is not None:
        out.append(f'<p style="text-indent:0">{esc(seg.recipients.text)}</p>')
    out += [f"<p>{esc(i.text)}</p>" for i in seg.cover if isinstance(i, Para)]
    for i, (number, title, _) in enumerate(seg.attachment_list):
        label = "附件：" if i == 0 else "　　　"
        out.append(f"<p>{label}{number}.{esc(title)}</p>" if number else f"<p>{label}{title}</p>")
    # issuers printed side by side are set apart by ideographic spaces, as sites print them
    out += [
        f'<p class="right">{"　　".join(esc(p) for p in line.text.split())}</p>'
        for line in seg.signature
    ]
    if seg.signed_date is not None:
        out.append(f'<p class="right">{esc(seg.signed_date.text)}</p>')
    out += [f"<p>{esc(note.text)}</p>" for note in seg.notes]
    return out


def _spans(values: list[str]) -> list[int]:
    """Rows each value spans from where its run starts (0 inside a run)."""
    out = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            out[start] = i - start
            start = i
    return out


def _responsibility_html(circular: Circular, block: TableBlock) -> str:
    header = [c for c in block.rows[0] if c.strip()]
    rows = circular.responsibility_table
    spans = _spans([row.category or "" for row in rows])
    out = [
        '<table class="grid"><tr>'
        f'<td>{esc(header[0])}</td><td colspan="2">{esc(header[1])}</td>'
        + "".join(f"<td>{esc(h)}</td>" for h in header[2:4])
        + "</tr>"
    ]
    for row, span in zip(rows, spans, strict=True):
        category = f'<td rowspan="{span}">{esc(row.category or "")}</td>' if span else ""
        task = esc(row.task_text).replace("\n", "<br>")
        out.append(
            f"<tr><td>{row.seq}</td>{category}<td>{task}</td>"
            f"<td>{esc(row.units.raw)}</td><td>{esc(row.deadline.raw)}</td></tr>"
        )
    return "".join(out) + "</table>"


def _form_html(circular: Circular, block: TableBlock) -> str:
    header = [c for c in block.rows[0] if c.strip()]
    items = circular.form_items
    spans = _spans([str(item.group or "") for item in items])
    out = ['<table class="grid"><tr>' + "".join(f"<td>{esc(h)}</td>" for h in header[:3])]
    for item, span in zip(items, spans, strict=True):
        group = f'<td rowspan="{span}">{item.group or ""}</td>' if span else ""
        out.append(f"<tr>{group}<td>{esc(item.item)}</td><td>{esc(item.unit or '')}</td></tr>")
    return "".join(out) + "</table>"


def chromium_pdf(page: str, target: Path) -> None:
    """Print ``page`` with headless Chromium, its header and footer on (the default)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / SITE / "zwgk"
        folder.mkdir(parents=True)
        source = folder / "content.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


# --- reportlab: GB/T 9704 with seals ---------------------------------------------------


def truetype(face: str, text: str, target: Path) -> Path:
    """The Noto CJK SC face subset to ``text`` with its CFF outlines turned into TrueType
    quadratics (reportlab embeds TrueType only)."""
    collection = TTCollection(str(NOTO / f"{face}.ttc"))
    font = next(f for f in collection.fonts if " SC" in f["name"].getDebugName(1))
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for key in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, key, 1 if key == "maxZones" else 0)
    font["maxp"] = maxp
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(target))
    return target


def register_fonts(text: str, folder: Path) -> None:
    for name, face in (("Serif", "NotoSerifCJK-Regular"), ("Sans", "NotoSansCJK-Regular")):
        path = truetype(face, text, folder / f"{name}.ttf")
        pdfmetrics.registerFont(ReportlabFont(name, str(path)))


def style(size: float = 16, **extra: object) -> ParagraphStyle:
    values: dict[str, object] = {
        "fontName": "Serif",
        "fontSize": size,
        "leading": size * 1.8,
        "wordWrap": "CJK",
        "alignment": TA_JUSTIFY,
    }
    values.update(extra)
    return ParagraphStyle(f"s{size}{sorted(extra.items())}", **values)  # type: ignore[arg-type]


BODY = style(firstLineIndent=32)
FLUSH = style()
CENTRE = style(22, alignment=TA_CENTER, leading=36)
RIGHT = style(alignment=TA_RIGHT, rightIndent=32)
CELL = style(11, leading=15, alignment=0)


class Seal(Flowable):  # type: ignore[misc]
    """A round red seal drawn over what stands above it (no height of its own)."""

    def __init__(self, name: str, kind: str, image: Path | None = None) -> None:
        super().__init__()
        self.name, self.kind, self.image = name, kind, image
        self.width = self.height = 0

    def draw(self) -> None:
        canvas: Canvas = self.canv
        radius = 21 * mm
        x, y = self._frame_width - 60 * mm, 28 * mm  # type: ignore[attr-defined]
        if self.kind == "image" and self.image is not None:
            canvas.drawImage(
                str(self.image), x - radius, y - radius, 2 * radius, 2 * radius, mask="auto"
            )
            return
        canvas.saveState()
        canvas.setStrokeColor(RED)
        canvas.setFillColor(RED)
        canvas.setLineWidth(2.5)
        canvas.circle(x, y, radius, stroke=1, fill=0)
        _star(canvas, x, y, radius * 0.3)
        canvas.setFont("Sans", 11)
        step = 240 / max(len(self.name) - 1, 1)
        for i, char in enumerate(self.name):
            angle = 210 - i * step  # from lower left over the top to lower right
            canvas.saveState()
            canvas.translate(x, y)
            canvas.rotate(angle - 90)
            canvas.drawCentredString(0, radius * 0.72, char)
            canvas.restoreState()
        canvas.restoreState()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._frame_width = available_width
        return 0, 0


def _star(canvas: Canvas, x: float, y: float, size: float) -> None:
    path = canvas.beginPath()
    for i in range(10):
        r = size if i % 2 == 0 else size * 0.4
        a = math.pi / 2 + i * math.pi / 5
        point = (x + r * math.cos(a), y + r * math.sin(a))
        path.moveTo(*point) if i == 0 else path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def seal_image(name: str, target: Path) -> Path:
    """The same seal as a transparent PNG: ring, star and name along the arc (Pillow)."""
    size = 420
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (220, 20, 20, 230)
    draw.ellipse((12, 12, size - 12, size - 12), outline=red, width=14)
    centre = size / 2
    points = []
    for i in range(10):
        r = 62 if i % 2 == 0 else 25
        a = -math.pi / 2 + i * math.pi / 5
        points.append((centre + r * math.cos(a), centre + r * math.sin(a)))
    draw.polygon(points, fill=red)
    font = ImageFont.truetype(str(NOTO / "NotoSansCJK-Regular.ttc"), 44, index=2)
    step = 240 / max(len(name) - 1, 1)
    for i, char in enumerate(name):
        angle = 210 - i * step
        glyph = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((30, 30), char, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(angle - 90, expand=True, resample=Image.Resampling.BICUBIC)
        r = centre * 0.72
        gx = centre + r * math.cos(math.radians(angle)) - glyph.width / 2
        gy = centre - r * math.sin(math.radians(angle)) - glyph.height / 2
        image.alpha_composite(glyph, (round(gx), round(gy)))
    image.save(target)
    return target


def _page_number(canvas: Canvas, document: BaseDocTemplate) -> None:
    width, _ = canvas._pagesize
    canvas.saveState()
    canvas.setFont("Serif", 14)
    label = f"— {document.page} —"
    if document.page % 2:
        canvas.drawRightString(width - 26 * mm, 18 * mm, label)
    else:
        canvas.drawString(28 * mm, 18 * mm, label)
    canvas.restoreState()


def _watermark(canvas: Canvas, document: BaseDocTemplate) -> None:
    _page_number(canvas, document)
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.35))
    canvas.setFont("Sans", 40)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, 0, "内部资料 注意保存")
    canvas.restoreState()


def gbt_pdf(circular: Circular, seg: Segments, target: Path, kind: str, folder: Path) -> None:
    on_page = _watermark if kind == "vector" else _page_number
    portrait, wide = A4, landscape(A4)
    document = BaseDocTemplate(
        str(target),
        pagesize=portrait,
        title=circular.metadata.title or "",
        author="jiufeng-extract renderings",
        creator="reportlab",
        invariant=1,
    )
    frames = {
        "portrait": Frame(28 * mm, 35 * mm, 156 * mm, 225 * mm, id="p"),
        "landscape": Frame(25 * mm, 28 * mm, 247 * mm, 150 * mm, id="l"),
    }
    document.addPageTemplates(
        [
            PageTemplate("portrait", [frames["portrait"]], onPage=on_page, pagesize=portrait),
            PageTemplate("landscape", [frames["landscape"]], onPage=on_page, pagesize=wide),
        ]
    )
    meta = circular.metadata
    issuer = meta.issuers[0] if meta.issuers else ""
    story: list[Flowable] = [
        Paragraph(f"{esc(issuer)}文件", style(30, alignment=TA_CENTER, textColor=RED, leading=48)),
        Spacer(0, 8 * mm),
    ]
    if meta.doc_number:
        story.append(Paragraph(esc(meta.doc_number), style(alignment=TA_CENTER)))
    story.append(Spacer(0, 10 * mm))
    if seg.title is not None:
        story += [Paragraph(esc(seg.title.text), CENTRE), Spacer(0, 6 * mm)]
    if seg.recipients is not None:
        story.append(Paragraph(esc(seg.recipients.text), FLUSH))
    story += [Paragraph(esc(i.text), BODY) for i in seg.cover if isinstance(i, Para)]
    for i, (number, title, _) in enumerate(seg.attachment_list):
        label = "附件：" if i == 0 else "　　　"
        story.append(Paragraph(f"{label}{number}.{esc(title)}" if number else title, BODY))
    story.append(Spacer(0, 10 * mm))
    story += _signature(seg)
    image = seal_image(issuer, folder / "seal.png") if kind == "image" else None
    story.append(Seal(issuer, kind, image))
    story += [Paragraph(esc(note.text), BODY) for note in seg.notes]
    story.append(PageBreak())
    if seg.enclosure_title is not None:
        story += [Paragraph(esc(seg.enclosure_title.text), CENTRE), Spacer(0, 6 * mm)]
    for item in seg.main:
        if isinstance(item, Para):
            story.append(_body_paragraph(item.text))
    for part in seg.attachments:
        tables = [i for i in part.items if isinstance(i, TableBlock)]
        wide_table = bool(tables) and len(tables[0].rows[0]) >= 4
        story += [NextPageTemplate("landscape" if wide_table else "portrait"), PageBreak()]
        story += [
            Paragraph(f"附件{part.number or ''}", style(fontName="Sans")),
            Paragraph(esc(part.title), style(20, alignment=TA_CENTER, leading=32)),
        ]
        for item in part.items:
            if isinstance(item, Para):
                story.append(Paragraph(esc(item.text), BODY))
            elif wide_table:
                story.append(_responsibility_table(circular, item))
            else:
                story.append(_form_table(circular, item))
    document.build(story)


def _signature(seg: Segments) -> list[Flowable]:
    """Issuers right-aligned; a line naming two issuers prints them in two columns apart."""
    out: list[Flowable] = []
    pairs = [line.text.split() for line in seg.signature]
    if any(len(pair) == 2 for pair in pairs):
        data = [[Paragraph(esc(p), style(alignment=TA_CENTER)) for p in pair] for pair in pairs]
        table = Table(data, colWidths=[74 * mm, 82 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        out.append(table)
    else:
        out += [Paragraph(esc(line.text), RIGHT) for line in seg.signature]
    if seg.signed_date is not None:
        out.append(Paragraph(esc(seg.signed_date.text), RIGHT))
    return out


def _body_paragraph(text: str) -> Paragraph:
    if LEVEL1.match(text):
        return Paragraph(esc(text), style(fontName="Sans", firstLineIndent=32))
    if LEVEL2.match(text) and "。" in text:
        head, rest = text.split("。", 1)
        return Paragraph(f"<b>{esc(head)}。</b>{esc(rest)}", BODY)
    return Paragraph(esc(text), BODY)


def _grid_style(spans: list[int], column: int) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for row, span in enumerate(spans, start=1):
        if span > 1:
            commands.append(("SPAN", (column, row), (column, row + span - 1)))
    return TableStyle(commands)


def _responsibility_table(circular: Circular, block: TableBlock) -> Table:
    header = [c for c in block.rows[0] if c.strip()]
    rows = circular.responsibility_table
    data = [[Paragraph(esc(h), CELL) for h in (header[0], header[1], "", *header[2:4])]]
    for row in rows:
        cells = (str(row.seq), row.category or "", row.task_text, row.units.raw, row.deadline.raw)
        data.append([Paragraph(esc(c).replace("\n", "<br/>"), CELL) for c in cells])
    spans = _spans([row.category or "" for row in rows])
    table = Table(
        data,
        colWidths=[12 * mm, 32 * mm, 125 * mm, 52 * mm, 26 * mm],
        repeatRows=0,
        splitInRow=1,
    )
    grid = _grid_style(spans, 1)
    grid.add("SPAN", (1, 0), (2, 0))
    table.setStyle(grid)
    return table


def _form_table(circular: Circular, block: TableBlock) -> Table:
    header = [c for c in block.rows[0] if c.strip()]
    items = circular.form_items
    data = [[Paragraph(esc(h), CELL) for h in header[:3]]]
    data += [
        [
            Paragraph(str(i.group or ""), CELL),
            Paragraph(esc(i.item), CELL),
            Paragraph(i.unit or "", CELL),
        ]
        for i in items
    ]
    table = Table(data, colWidths=[16 * mm, 110 * mm, 30 * mm], repeatRows=0, splitInRow=1)
    table.setStyle(_grid_style(_spans([str(i.group or "") for i in items]), 0))
    return table


# a case of our own beyond the seeds: an unrelated circular, signed by one office, with a seal
OTHER = """关于开展2025年秋季校园食品安全检查的通知

示教体〔2025〕9号

各区教育局，各直属学校：

为做好秋季学期校园食品安全工作，现就开展检查有关事项通知如下。

一、检查内容

（一）食堂管理。检查食堂证照、从业人员健康证明和食品留样记录。

（二）校外供餐。检查供餐单位资质和配送过程的温控记录。

二、工作要求

（一）各区教育局于2025年10月31日前完成自查并报送总结。

（二）各校要落实校长负责制，发现问题立即整改。

示例市教育局

2025年9月1日
"""


def scanned_cover(source: Path, target: Path, pages: int = 2) -> None:
    """``source`` with its first ``pages`` pages replaced by images of them (no text layer):
    a circular whose cover was scanned and whose enclosure was not."""
    import pypdfium2

    document = pypdfium2.PdfDocument(source)
    with tempfile.TemporaryDirectory() as tmp:
        images = Path(tmp) / "cover.pdf"
        canvas = Canvas(str(images), pagesize=A4, invariant=1)
        for index in range(pages):
            picture = Path(tmp) / f"{index}.png"
            document[index].render(scale=100 / 72).to_pil().convert("L").save(picture)
            canvas.drawImage(str(picture), 0, 0, *A4)
            canvas.showPage()
        canvas.save()
        out = pypdfium2.PdfDocument(images)
        out.import_pages(document, list(range(pages, len(document))))
        out.save(target)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    plans = {name: seed_structure(name) for name in SEEDS}
    text = "".join((SAMPLES / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS)
    text += OTHER
    text += "".join(chr(c) for c in range(0x20, 0x7F)) + "—　附件：内部资料注意保存"
    with tempfile.TemporaryDirectory() as tmp:
        register_fonts(text, Path(tmp))
        for name, (circular, seg) in plans.items():
            chromium_pdf(gov_page(circular, seg), OUT / f"{name}-chromium.pdf")
            for kind in ("image", "vector"):
                target = OUT / f"{name}-gbt-seal-{kind}.pdf"
                gbt_pdf(circular, seg, target, kind, Path(tmp))
            print(f"wrote {name}-chromium.pdf, {name}-gbt-seal-image.pdf, -vector.pdf")
        other = OUT / "other-circular-seal.txt"  # the text form the test compares with
        other.write_text(OTHER, encoding="utf-8")
        lines, _ = load_text(other.read_bytes(), str(other))
        circular, seg = extract_path(other), segment(normalize(list(lines)))
        gbt_pdf(circular, seg, OUT / "other-circular-seal.pdf", "vector", Path(tmp))
        print("wrote other-circular-seal.pdf")
    scanned_cover(OUT / f"{SEEDS[0]}-gbt-seal-image.pdf", OUT / "scanned-cover.pdf")
    print("wrote scanned-cover.pdf")


if __name__ == "__main__":
    main()
