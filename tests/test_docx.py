"""The DOCX loader on documents built here: numbering rules, tracked changes, text boxes,
merged cells, headers, and packages that are not (safe) DOCX files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from jiufeng_extract import extract_path
from jiufeng_extract.blocks import Line, TableBlock
from jiufeng_extract.errors import InputError, UnsupportedFormatError
from jiufeng_extract.load.word import load_docx
from jiufeng_extract.load.word_numbering import format_number

W = nsdecls("w")


def _level(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def _numbered_document(levels: str, nums: dict[int, str] | None = None) -> Document:
    """A document whose numbering part holds abstractNum 7 with ``levels`` and the w:num
    elements ``nums`` (numId → inner XML; default: numId 1 → abstractNum 7)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    numbering.append(parse_xml(f'<w:abstractNum {W} w:abstractNumId="7">{levels}</w:abstractNum>'))
    for num_id, inner in (nums or {1: ""}).items():
        numbering.append(
            parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="7"/>{inner}</w:num>')
        )
    return document


def _add(document: Document, text: str, num_id: int | None = None, ilvl: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    if num_id is not None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]  # made at run time by xmlchemy
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = num_id


def _texts(document: Document) -> list[str]:
    buffer = io.BytesIO()
    document.save(buffer)
    return [b.text for b in load_docx(buffer.getvalue(), "t.docx") if isinstance(b, Line)]


CN_LEVELS = (
    _level(0, "chineseCounting", "%1、")
    + _level(1, "chineseCounting", "（%2）")
    + _level(2, "decimal", "%3.")
)


def test_levels_restart_under_their_parent() -> None:
    document = _numbered_document(CN_LEVELS)
    for text, ilvl in [("总体要求", 0), ("健全体系", 1), ("甲", 2), ("乙", 2), ("整治", 1),
                       ("丙", 2), ("工作要求", 0), ("加强领导", 1)]:  # fmt: skip
        _add(document, text, 1, ilvl)
    assert _texts(document) == [
        "一、总体要求", "（一）健全体系", "1.甲", "2.乙", "（二）整治", "1.丙", "二、工作要求",
        "（一）加强领导",
    ]  # fmt: skip


def test_lvl_restart_zero_numbers_continuously_across_parents() -> None:
    levels = _level(0, "chineseCounting", "%1、") + _level(
        1, "chineseCounting", "（%2）", extra='<w:lvlRestart w:val="0"/>'
    )
    document = _numbered_document(levels)
    for text, ilvl in [("甲", 0), ("子", 1), ("丑", 1), ("乙", 0), ("寅", 1)]:
        _add(document, text, 1, ilvl)
    assert _texts(document) == ["一、甲", "（一）子", "（二）丑", "二、乙", "（三）寅"]


def test_start_override_restarts_and_shared_lists_continue() -> None:
    nums = {
        1: "",
        2: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
        3: "",
    }
    document = _numbered_document(_level(0, "decimal", "%1."), nums)
    for text, num_id in [("a", 1), ("b", 1), ("c", 2), ("d", 3), ("e", 2)]:
        _add(document, text, num_id)
    # numId 2 restarts when first used; numId 3 shares the abstract list and continues it
    assert _texts(document) == ["1.a", "2.b", "1.c", "2.d", "3.e"]


def test_numbering_from_the_paragraph_style_and_its_parent() -> None:
    document = _numbered_document(_level(0, "chineseCounting", "%1、"))
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="CnHeading"><w:name w:val="Cn Heading"/>'
            '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="CnHeadingRed"><w:name w:val="Red"/>'
            '<w:basedOn w:val="CnHeading"/></w:style>'
        )
    )
    for text, style in [("总体要求", "Cn Heading"), ("正文", None), ("工作任务", "Red")]:
        paragraph = document.add_paragraph(text)
        if style:
            paragraph.style = document.styles[style]
    assert _texts(document) == ["一、总体要求", "正文", "二、工作任务"]


def test_legal_numbering_and_separators() -> None:
    levels = _level(0, "chineseCounting", "第%1章") + (
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:isLgl/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl>'
    )
    document = _numbered_document(levels)
    for text, ilvl in [("总则", 0), ("目的", 1), ("范围", 1)]:
        _add(document, text, 1, ilvl)
    # isLgl writes every level in decimal; the default tab suffix becomes a space
    assert _texts(document) == ["第一章总则", "1.1 目的", "1.2 范围"]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "upperRoman", "IV"),
        (27, "lowerLetter", "aa"),
        (3, "chineseLegalSimplified", "叁"),
        (12, "decimalFullWidth", "１２"),
        (21, "chineseCounting", "二十一"),
        (10, "chineseCounting", "十"),
        (5, "none", ""),
        (7, "someFutureFormat", "7"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def _body_xml(document: Document, xml: str) -> None:
    document.element.body.insert(0, parse_xml(xml))


def test_tracked_changes_accepted_and_text_boxes_left_out() -> None:
    document = docx.Document()
    _body_xml(
        document,
        f"<w:p {W}><w:r><w:t>加强</w:t></w:r>"
        "<w:ins w:id='1' w:author='a'><w:r><w:t>医保</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='a'><w:r><w:delText>财政</w:delText></w:r></w:del>"
        "<w:r><w:t>基金监管</w:t></w:r>"
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的批注</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></w:r></w:p>",
    )
    assert _texts(document) == ["加强医保基金监管"]


def test_headers_and_footers_stay_out_of_the_body() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉：内部资料"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("正文第一段。")
    assert _texts(document) == ["正文第一段。"]


def test_merged_cells_resolved_on_the_grid() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "重点任务"
    table.cell(0, 2).text = "责任单位"
    table.cell(1, 0).merge(table.cell(3, 0)).text = "整治乱象"
    for r, (task, unit) in enumerate([("甲", "市卫健委"), ("乙", "市医保局"), ("丙", "")], 1):
        table.cell(r, 1).text = task
        table.cell(r, 2).text = unit
    buffer = io.BytesIO()
    document.save(buffer)
    (block,) = [b for b in load_docx(buffer.getvalue(), "t.docx") if isinstance(b, TableBlock)]
    assert block.rows == [
        ["重点任务", "重点任务", "责任单位"],
        ["整治乱象", "甲", "市卫健委"],
        ["整治乱象", "乙", "市医保局"],
        ["整治乱象", "丙", ""],
    ]
    assert block.row_provenance(2).table == 1 and block.row_provenance(2).row == 3


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("entries", "words"),
    [
        ({"notes.txt": b"hello"}, "a plain ZIP archive"),
        ({"xl/workbook.xml": b"<workbook/>"}, "an Excel workbook"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text"}, "an OpenDocument file"),
    ],
)
def test_zip_that_is_not_a_docx(entries: dict[str, bytes], words: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=words) as caught:
        load_docx(_zip(entries), "x.docx")
    assert caught.value.exit_code == 4 and "not a Word document" in str(caught.value)


def test_decompression_bomb_is_refused_before_parsing() -> None:
    bomb = _zip({"word/document.xml": b"<" + b" " * (8 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024
    with pytest.raises(InputError, match="decompression bomb"):
        load_docx(bomb, "bomb.docx")


def test_damaged_docx(tmp_path: Path) -> None:
    good = (Path(__file__).parent.parent / "samples" / "national-2024-jiufeng.docx").read_bytes()
    with pytest.raises(InputError, match="damaged"):
        load_docx(good[: len(good) // 2], "cut.docx")
    broken_xml = _zip({"word/document.xml": b"<w:document><unclosed>", "[Content_Types].xml": b""})
    with pytest.raises(InputError, match="damaged"):
        load_docx(broken_xml, "broken.docx")


# text/dates.py (issue 23, mutation testing): Chinese counting past 十 and 一百, as Word prints it
def test_chinese_counting_lists_continued_past_ten_and_a_hundred() -> None:
    """A list continued from an earlier part (startOverride 9), a regulation's articles past
    一百 (startOverride 99, 1009): each number as Word prints it."""
    nums = {
        n: f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for n, start in ((1, 9), (2, 99), (3, 109), (4, 1009))
    }
    document = _numbered_document(_level(0, "chineseCounting", "第%1条"), nums)
    for num_id, count in ((1, 4), (2, 3), (3, 3), (4, 2)):
        for _ in range(count):
            _add(document, "甲", num_id)
    assert [t.removesuffix("甲") for t in _texts(document)] == [
        "第九条", "第十条", "第十一条", "第十二条", "第九十九条", "第一百条", "第一百零一条",
        "第一百零九条", "第一百一十条", "第一百一十一条", "第一千零九条", "第一千零一十条",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("stacked", "run_together"),
    [(False, False), (True, False), (False, True)],
    ids=["side-by-side", "stacked-in-one-cell", "body-run-together"],
)
def test_signature_laid_out_as_a_table_with_the_date_in_a_cell(
    tmp_path: Path, stacked: bool, run_together: bool
) -> None:
    """A joint notice's issuers in a borderless table, side by side or stacked in one cell (two
    paragraphs), the 成文日期 in the cell below: the issuers and the date are read from the
    table, the 附注 after it stays out, the 附件 after that is an attachment. Also when the
    notice's text came as one paragraph (a pasted web page): cutting it apart leaves the table
    where it stood, before the attachment."""
    document = docx.Document()
    body = [
        "为了解群众对医疗机构行风建设的评价，决定开展满意度调查。现将有关事项通知如下：",
        "一、调查对象。在各定点医疗机构就诊的参保群众。",
        "二、调查方式。采取线上问卷与现场访谈相结合的方式。",
        "三、结果运用。调查结果作为定点医疗机构年度考核的重要依据。",
    ]
    for text in [
        "关于做好2025年医疗机构行风建设满意度调查工作的通知",
        "南湖医保〔2025〕11号",
        "各定点医疗机构，各县（区）医疗保障局：",
        *(["".join(body)] if run_together else body),
    ]:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    if stacked:
        table.cell(0, 1).text = "南湖市医疗保障局\n南湖市卫生健康委员会"
    else:
        table.cell(0, 0).text = "南湖市医疗保障局"
        table.cell(0, 1).text = "南湖市卫生健康委员会"
    table.cell(1, 1).text = "2025年3月18日"
    for text in ["（此件主动公开）", "附件", "满意度调查问卷", "1.您对服务态度是否满意？"]:
        document.add_paragraph(text)
    path = tmp_path / "joint-notice.docx"
    document.save(str(path))
    circular = extract_path(path)
    metadata = circular.metadata
    assert metadata.issuers == ["南湖市医疗保障局", "南湖市卫生健康委员会"]
    assert str(metadata.signed_date) == "2025-03-18"
    assert metadata.notes == ["此件主动公开"]
    assert [t.title for t in circular.tasks] == ["调查对象", "调查方式", "结果运用"]
    assert [a.title for a in circular.attachments] == ["满意度调查问卷"]
