"""Build the DOCX and PDF samples from the seed texts, laid out like printed 公文 (GB/T 9704).

For each seed ``samples/<name>.txt`` this writes:

- ``<name>.docx``: A4, 仿宋-like serif body at 16pt on a fixed 28.9pt line, a red 发文机关标志,
  the 发文字号, headings 一、 in a sans (黑体-like) face and （一） in bold serif (楷体-like),
  page numbers "— N —" in the footer, odd pages right and even pages left; each 附件 on its
  own section, the responsibility table on landscape pages as a real Word table whose category
  cells are merged vertically, whose header cell spans two columns and whose header row repeats
  on every page;
- ``<name>-autonum.docx``: the same, but the 一、 and （一） heading numbers are Word automatic
  numbering (numbering.xml, chineseCounting) instead of literal text;
- ``<name>.pdf``: the first DOCX exported by LibreOffice headless.

It also writes the damaged PDFs and the legacy .doc the tests use, under ``tests/data/``:
a scan (page images only), a PDF whose fonts lost their ToUnicode maps, an encrypted PDF
(password ``jiufeng``), a faux-bold PDF (every glyph drawn twice, 0.3pt apart), a PDF whose
pages carry /Rotate with the content turned to match, a .doc, and ``house-style.pdf``: the first
seed in another house style (a running header on every page, "第 N 页 共 M 页" centred, the
table's header row not repeated on continued pages).

The structure comes from the text form's own extraction (segments and metadata), so the files
hold the same content as the seed, and only the layout differs. Needs LibreOffice
(``libreoffice-writer-nogui``), ``fonts-noto-cjk`` and ``poppler-utils``; run with
``make samples``. The outputs are committed so tests need none of these.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from PIL import Image

from jiufeng_extract.blocks import TableBlock
from jiufeng_extract.layout.normalize import Para, normalize
from jiufeng_extract.load.plain_text import load_text
from jiufeng_extract.model import Circular
from jiufeng_extract.parse.segment import Segments, segment
from jiufeng_extract.pipeline import extract_path

HERE = Path(__file__).parent
DATA = HERE.parent / "tests" / "data"
SEEDS = ("shanghai-2023-jiufeng", "national-2024-jiufeng")

SERIF = "Noto Serif CJK SC"  # stands in for 仿宋_GB2312 / 方正小标宋
SANS = "Noto Sans CJK SC"  # stands in for 黑体
BODY_PT = 16
LINE_PT = 28.9
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

CN_NUMBER = "一二三四五六七八九十"
LEVEL1 = re.compile(rf"^([{CN_NUMBER}]+)、\s*")
LEVEL2 = re.compile(rf"^[（(]([{CN_NUMBER}]+)[）)]\s*")
# a run-in heading: "（一）落实主体责任，诚信守法经营。推动…" → bold up to the first 。
RUN_IN = re.compile(r"^([^。]{2,40}。)(.+)$")


# --- low-level python-docx helpers -------------------------------------------------------


def set_fonts(run_or_style_element: object, face: str) -> None:
    """Set the East Asian and Latin faces of a run or style (python-docx sets Latin only)."""
    rpr = run_or_style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), face)


def add_run(
    paragraph: Paragraph,
    text: str,
    face: str = SERIF,
    size: float = BODY_PT,
    bold: bool = False,
    color: RGBColor | None = None,
) -> None:
    run = paragraph.add_run(text)
    set_fonts(run._r, face)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


def add_field(paragraph: Paragraph, instruction: str, size: float = 14) -> None:
    """A complex field (PAGE, NUMPAGES…): python-docx has no API for fields."""
    for kind, text in (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        set_fonts(run._r, SERIF)
        run.font.size = Pt(size)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text or ""


def format_paragraph(
    paragraph: Paragraph, *, indent: bool = True, align: WD_ALIGN_PARAGRAPH | None = None
) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(BODY_PT * 2) if indent else None
    if align is not None:
        paragraph.alignment = align


def page_setup(section: Section, landscape: bool = False) -> None:
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    if landscape:
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    section.footer_distance = Mm(20)


def page_number_footers(section: Section) -> None:
    """ "— N —": right on odd pages, left on even pages (GB/T 9704 §7.5)."""
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        add_run(paragraph, "— ", size=14)
        add_field(paragraph, "PAGE")
        add_run(paragraph, " —", size=14)


def plain_page_numbers(section: Section, running_header: str) -> None:
    """Another house style: "第 N 页 共 M 页" centred on every page, and a running header."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, "第 ", size=10.5)
    add_field(paragraph, "PAGE", size=10.5)
    add_run(paragraph, " 页 共 ", size=10.5)
    add_field(paragraph, "NUMPAGES", size=10.5)
    add_run(paragraph, " 页", size=10.5)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(header, running_header, face=SANS, size=10.5)


def repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def set_widths(table: Table, widths: tuple[Length, ...]) -> None:
    """Fixed column widths: LibreOffice reads the grid, Word reads the cells; set both."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def set_cell(
    cell: object, text: str, *, size: float = 12, bold: bool = False, center: bool = False
) -> None:
    """Cell text; a newline starts a new paragraph inside the cell."""
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    first = paragraphs[0]
    for i, part in enumerate(text.split("\n")):
        paragraph = first if i == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.paragraph_format.line_spacing = 1.0
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(paragraph, part, face=SANS if bold else SERIF, size=size, bold=bold)


# --- automatic numbering -------------------------------------------------------------------


class AutoNumbering:
    """Two single-level lists: 一、 headings and （一） headings, chineseCounting.

    A （一） list restarts where the printed numbers restart (a new w:num with a startOverride),
    and otherwise continues across 一、 headings, as the printed numbers do.
    """

    def __init__(self, document: Document) -> None:
        self.numbering = document.part.numbering_part.element
        self.abstract = {1: self._abstract(101, "%1、"), 2: self._abstract(102, "（%1）")}
        self.current: dict[int, int] = {}
        self.next_num = 201

    def _abstract(self, ident: int, text: str) -> int:
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(ident))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, value in (
            ("w:start", "1"),
            ("w:numFmt", "chineseCounting"),
            ("w:suff", "nothing"),
            ("w:lvlText", text),
            ("w:lvlJc", "left"),
        ):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return ident

    def _new_num(self, level: int) -> int:
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_num))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), str(self.abstract[level]))
        num.append(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        self.numbering.append(num)
        self.next_num += 1
        return self.next_num - 1

    def apply(self, paragraph: Paragraph, level: int, printed: str) -> None:
        if printed == "一" or level not in self.current:
            self.current[level] = self._new_num(level)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = self.current[level]


# --- the document -------------------------------------------------------------------------


class CircularWriter:
    def __init__(
        self, circular: Circular, seg: Segments, autonumber: bool, house_style: bool = False
    ) -> None:
        """``house_style``: the variant layout (running header, "第 N 页 共 M 页", table header
        row not repeated on continued pages) instead of GB/T 9704's."""
        self.circular = circular
        self.seg = seg
        self.house_style = house_style
        self.document = Document()
        self.numbering = AutoNumbering(self.document) if autonumber else None
        props = self.document.core_properties
        props.created = props.modified = FIXED_DATE
        props.author = props.last_modified_by = "jiufeng-extract samples"
        props.title = circular.metadata.title or ""
        normal = self.document.styles["Normal"]
        set_fonts(normal.element, SERIF)
        normal.font.size = Pt(BODY_PT)
        page_setup(self.document.sections[0])
        if house_style:
            plain_page_numbers(
                self.document.sections[0], f"{circular.metadata.doc_number} 附件除外"
            )
        else:
            self.document.settings.odd_and_even_pages_header_footer = True
            page_number_footers(self.document.sections[0])

    def paragraph(self, text: str, **style: object) -> Paragraph:
        paragraph = self.document.add_paragraph()
        format_paragraph(
            paragraph, indent=bool(style.pop("indent", True)), align=style.pop("align", None)
        )  # type: ignore[arg-type]
        add_run(paragraph, text, **style)  # type: ignore[arg-type]
        return paragraph

    def body_text(self, text: str) -> None:
        """One body paragraph, with heading faces and (optionally) automatic numbers."""
        for level, pattern, face in ((1, LEVEL1, SANS), (2, LEVEL2, SERIF)):
            if match := pattern.match(text):
                rest = text[match.end() :]
                paragraph = self.document.add_paragraph()
                format_paragraph(paragraph)
                if self.numbering is not None:
                    self.numbering.apply(paragraph, level, match.group(1))
                    printed = ""
                else:
                    printed = text[: match.end()]
                run_in = RUN_IN.match(rest)
                head, tail = (run_in.group(1), run_in.group(2)) if run_in else (rest, "")
                add_run(paragraph, printed + head, face=face, bold=level == 2)
                if tail:
                    add_run(paragraph, tail)
                return
        self.paragraph(text)

    def head(self) -> None:
        meta = self.circular.metadata
        banner = (meta.issuers[0] if meta.issuers else "") + "文件"
        red = RGBColor(0xE0, 0x00, 0x00)
        self.paragraph("", indent=False)
        self.paragraph(
            banner,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            face=SERIF,
            size=26,
            bold=True,
            color=red,
        )
        self.paragraph("", indent=False)
        if meta.doc_number:
            rule = self.paragraph(meta.doc_number, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
            borders = OxmlElement("w:pBdr")
            bottom = OxmlElement("w:bottom")
            for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:color", "E00000")):
                bottom.set(qn(key), value)
            borders.append(bottom)
            rule._p.get_or_add_pPr().append(borders)
        self.paragraph("", indent=False)

    def cover(self) -> None:
        seg = self.seg
        if seg.title is not None:
            self.paragraph(
                seg.title.text, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, bold=True
            )
            self.paragraph("", indent=False)
        if seg.recipients is not None:
            self.paragraph(seg.recipients.text, indent=False)
        for item in seg.cover:
            if isinstance(item, Para):
                self.paragraph(item.text)
        for i, (number, title, _) in enumerate(seg.attachment_list):
            label = "附件：" if i == 0 else "　　　"
            self.paragraph(f"{label}{number}.{title}" if number else f"{label}{title}")
        self.paragraph("", indent=False)
        for line in seg.signature:
            self.paragraph(line.text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if seg.signed_date is not None:
            self.paragraph(seg.signed_date.text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        for note in seg.notes:
            self.paragraph(note.text)

    def main_text(self) -> None:
        self.document.add_page_break()
        if self.seg.enclosure_title is not None:
            self.paragraph(
                self.seg.enclosure_title.text,
                indent=False,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                size=22,
                bold=True,
            )
            self.paragraph("", indent=False)
        for item in self.seg.main:
            if isinstance(item, Para):
                self.body_text(item.text)

    def attachments(self) -> None:
        for part in self.seg.attachments:
            tables = [i for i in part.items if isinstance(i, TableBlock)]
            responsibility = bool(tables) and len(tables[0].rows[0]) >= 4
            section = self.document.add_section(WD_SECTION.NEW_PAGE)
            page_setup(section, landscape=responsibility)
            self.paragraph(f"附件{part.number or ''}", indent=False, face=SANS)
            self.paragraph(
                part.title, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=20, bold=True
            )
            for item in part.items:
                if isinstance(item, Para):
                    self.paragraph(item.text)
                elif responsibility:
                    self.responsibility_table(item)
                else:
                    self.form_table(item)

    def ruled_table(self, rows: int, cols: int) -> Table:
        table = self.document.add_table(rows=rows, cols=cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        return table

    def responsibility_table(self, block: TableBlock) -> None:
        rows = self.circular.responsibility_table
        header = [c for c in block.rows[0] if c.strip()]
        table = self.ruled_table(len(rows) + 1, 5)
        widths = (Mm(13), Mm(34), Mm(122), Mm(52), Mm(26))
        # the printed header names four columns; 重点任务 spans the category and task columns
        head = table.rows[0].cells
        head[1].merge(head[2])
        labels = [header[0], header[1], header[1], *header[2:4]]
        for i in (0, 1, 3, 4):
            set_cell(head[i], labels[i], size=12, bold=True, center=True)
        for r, row in enumerate(rows, start=1):
            cells = table.rows[r].cells
            set_cell(cells[0], str(row.seq), center=True)
            set_cell(cells[2], row.task_text)
            set_cell(cells[3], row.units.raw)
            set_cell(cells[4], row.deadline.raw, center=True)
        merge_down(table, 1, [row.category or "" for row in rows])
        set_widths(table, widths)
        if not self.house_style:
            repeat_header(table)

    def form_table(self, block: TableBlock) -> None:
        items = self.circular.form_items
        header = [c for c in block.rows[0] if c.strip()]
        table = self.ruled_table(len(items) + 1, 3)
        for i, label in enumerate(header[:3]):
            set_cell(table.rows[0].cells[i], label, bold=True, center=True)
        for r, item in enumerate(items, start=1):
            set_cell(table.rows[r].cells[1], item.item)
            set_cell(table.rows[r].cells[2], item.unit or "", center=True)
        merge_down(table, 0, [str(item.group or "") for item in items])
        set_widths(table, (Mm(16), Mm(110), Mm(30)))
        if not self.house_style:
            repeat_header(table)

    def write(self, path: Path) -> None:
        self.head()
        self.cover()
        self.main_text()
        self.attachments()
        self.document.save(str(path))


def merge_down(table: Table, column: int, values: list[str]) -> None:
    """Write ``values`` into ``column`` below the header row, merging runs of equal values
    into one vertically merged cell (w:vMerge), as a category column is printed."""
    start = 0
    for i in range(1, len(values) + 1):
        if i < len(values) and values[i] == values[start]:
            continue
        top = table.cell(start + 1, column)
        if i - 1 > start:
            top = top.merge(table.cell(i, column))
        set_cell(top, values[start], center=True)
        start = i


# --- conversions and damaged files -----------------------------------------------------------


def soffice(path: Path, target: str, outdir: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        sys.exit("make_samples: LibreOffice not found (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return outdir / f"{path.stem}.{target.split(':')[0]}"


def strip_tounicode(source: Path, target: Path) -> None:
    """Fonts without a Unicode map, as 仿宋_GB2312 subsets often are: text comes out as CIDs."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            for _, font in page.resources.get("/Font", {}).items():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(target, deterministic_id=True)


def encrypt(source: Path, target: Path) -> None:
    with pikepdf.open(source) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(user="jiufeng", owner="jiufeng-owner"))


def faux_bold(source: Path, target: Path) -> None:
    """Draw every text object twice, the copy shifted 0.3pt right: what 'bold' does for fonts
    that have no bold face in some PDF producers."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            ops = pikepdf.parse_content_stream(page)
            out: list[pikepdf.ContentStreamInstruction] = []
            block: list[pikepdf.ContentStreamInstruction] = []
            for instruction in ops:
                op = str(instruction.operator)
                if op == "BT" or block:
                    block.append(instruction)
                    if op == "ET":
                        out += block
                        out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("q")))
                        shift = [1, 0, 0, 1, 0.3, 0]
                        out.append(pikepdf.ContentStreamInstruction(shift, pikepdf.Operator("cm")))
                        out += block
                        out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("Q")))
                        block = []
                    continue
                out.append(instruction)
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
        pdf.save(target, deterministic_id=True)


def rotate_pages(source: Path, target: Path) -> None:
    """Each page stored portrait-wise, its content turned 90° and /Rotate 90 set so that viewers
    show it upright: how scanners and some printers store landscape pages."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            width, height = x1 - x0, y1 - y0
            # a point (x, y) of the upright page is stored at (height - y, x); /Rotate 90 turns
            # the stored page clockwise, back to upright.
            turn = pikepdf.unparse_content_stream(
                [pikepdf.ContentStreamInstruction([0, 1, -1, 0, height, 0], pikepdf.Operator("cm"))]
            )
            page.contents_add(pdf.make_stream(b"q " + turn + b"\n"), prepend=True)
            page.contents_add(pdf.make_stream(b"\nQ"))
            page.MediaBox = [0, 0, height, width]
            page.Rotate = 90
        pdf.save(target, deterministic_id=True)


def scan(source: Path, target: Path, pages: int = 2) -> None:
    """Page images only, no text layer: what a scanner makes."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "60", "-gray", "-png", "-l", str(pages), str(source), f"{tmp}/page"],
            check=True,
        )
        images = [Image.open(p) for p in sorted(Path(tmp).glob("page*.png"))]
        buffer = io.BytesIO()
        images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=60)
        target.write_bytes(buffer.getvalue())


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    for name in SEEDS:
        seed = HERE / f"{name}.txt"
        circular = extract_path(seed)
        lines, _ = load_text(seed.read_bytes(), str(seed))
        seg = segment(normalize(list(lines)))
        docx_path = HERE / f"{name}.docx"
        CircularWriter(circular, seg, autonumber=False).write(docx_path)
        CircularWriter(circular, seg, autonumber=True).write(HERE / f"{name}-autonum.docx")
        pdf = soffice(docx_path, "pdf", HERE)
        print(f"wrote {docx_path.name}, {name}-autonum.docx, {pdf.name}")
        if name == SEEDS[0]:
            with tempfile.TemporaryDirectory() as tmp:
                variant = Path(tmp) / "house-style.docx"
                CircularWriter(circular, seg, autonumber=False, house_style=True).write(variant)
                shutil.copy(soffice(variant, "pdf", Path(tmp)), DATA / "house-style.pdf")
    source = HERE / f"{SEEDS[0]}.pdf"
    strip_tounicode(source, DATA / "garbled-fonts.pdf")
    encrypt(source, DATA / "encrypted.pdf")
    faux_bold(source, DATA / "faux-bold.pdf")
    rotate_pages(source, DATA / "rotated.pdf")
    scan(source, DATA / "scanned.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        legacy = soffice(HERE / f"{SEEDS[1]}.docx", "doc:MS Word 97", Path(tmp))
        shutil.copy(legacy, DATA / "legacy-word.doc")
    print(f"wrote damaged and legacy files under {DATA}")


if __name__ == "__main__":
    main()
