"""DOCX files made by other software than ours read like the seed's text form.

``samples/renderings/make_docx_renderings.py`` renders both seeds with pandoc (HTML → DOCX: a
Title paragraph and Heading 1 before the 发文字号, tasks in Word list numbering, the signature one
paragraph with ``<w:br/>`` between its lines) and as an office types a DOCX (numbers typed,
fonts named but not embedded, the signature in a borderless table, a two-row table header whose
责任单位 spans 牵头单位 / 配合单位). Differences a rendering cannot avoid are listed in
``KNOWN_DIFFERENCES`` with the reason; everything else equals the text form. The case file and
the small documents below show each mechanism on its own, beyond the seeds.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from conftest import DATA, SAMPLES
from jiufeng_extract import extract_path
from jiufeng_extract.blocks import Line
from jiufeng_extract.load.word import load_docx
from jiufeng_extract.model import Circular
from test_formats import comparable

RENDERINGS = DATA / "renderings" / "docx"
SEEDS = ("shanghai-2023-jiufeng", "national-2024-jiufeng")
PRODUCERS = ("pandoc", "office")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# what a rendering legitimately changes, and why (beyond test_formats.KNOWN_DIFFERENCES)
KNOWN_DIFFERENCES = {
    ("office", "responsibility_table[].units.raw"): (
        "the office's table types the units in a 牵头单位 and a 配合单位 column, without the role "
        "words (按职责分别牵头, 配合) of the text form's one cell; raw names each cell by its "
        "column label, and lead, support, joint, notes and assignments are equal"
    ),
}


def _comparable(circular: Circular, producer: str) -> dict[str, Any]:
    data = comparable(circular)
    if (producer, "responsibility_table[].units.raw") in KNOWN_DIFFERENCES:
        for row in data["responsibility_table"]:
            row["units"].pop("raw")
    return data


@pytest.fixture(scope="module")
def text_forms() -> dict[str, Circular]:
    return {seed: extract_path(SAMPLES / f"{seed}.txt") for seed in SEEDS}


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("seed", SEEDS)
def test_same_circular_as_the_text_form(
    seed: str, producer: str, text_forms: dict[str, Circular]
) -> None:
    expected = _comparable(text_forms[seed], producer)
    actual = _comparable(extract_path(RENDERINGS / f"{seed}-{producer}.docx"), producer)
    for key in expected:
        assert actual[key] == expected[key], f"{seed}-{producer}: {key} differs from the text form"


def test_the_shanghai_renderings_carry_the_whole_table(text_forms: dict[str, Circular]) -> None:
    expected = text_forms[SEEDS[0]]
    for producer in PRODUCERS:
        circular = extract_path(RENDERINGS / f"{SEEDS[0]}-{producer}.docx")
        assert len(circular.tasks) == 16 and len(circular.special_actions) == 3
        assert len(circular.responsibility_table) == 16 and len(circular.form_items) == 12
        assert len(circular.metadata.issuers) == 10
        assert [r.units.support for r in circular.responsibility_table] == [
            r.units.support for r in expected.responsibility_table
        ]


def _document_xml(path: Path) -> Any:
    return docx.Document(str(path)).element.body


def test_the_pandoc_renderings_exercise_what_they_claim() -> None:
    """Title and Heading 1 before the 发文字号; tasks numbered by numbering.xml, not typed; the
    signature one paragraph with a line break before every issuer line and the date."""
    for seed in SEEDS:
        path = RENDERINGS / f"{seed}-pandoc.docx"
        document = docx.Document(str(path))
        styles = [p.style.name if p.style else None for p in document.paragraphs[:3]]
        assert styles[:2] == ["Title", "Heading 1"], styles
        numbered = [
            p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
        ]
        # the national seed numbers its tasks （一）, which pandoc's lists cannot print
        assert len(numbered) >= (16 if seed == SEEDS[0] else 0)
        assert not any(p.text[:1].isdigit() for p in numbered)
        if numbered:
            with zipfile.ZipFile(path) as archive:
                assert b'w:numFmt w:val="decimal"' in archive.read("word/numbering.xml")
        breaks = max(len(p._p.findall(f".//{W}br")) for p in document.paragraphs)
        assert breaks >= len(extract_path(path).metadata.issuers) // 2


def test_the_office_renderings_exercise_what_they_claim() -> None:
    """Numbers typed, fonts named and not embedded, a borderless signature table, and a two-row
    header whose 责任单位 spans 牵头单位 / 配合单位."""
    path = RENDERINGS / f"{SEEDS[0]}-office.docx"
    document = docx.Document(str(path))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        xml = archive.read("word/document.xml").decode()
    assert not any(n.startswith("word/fonts/") for n in names)
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:eastAsia="方正小标宋简体"' in xml
    assert "<w:numPr>" not in xml
    assert any(p.text.startswith("\u3000\u3000一、") for p in document.paragraphs)
    signature, table = document.tables[0], document.tables[1]
    assert 'w:val="nil"' in signature._tbl.tblPr.xml
    assert signature.cell(0, 0).text == "上海市卫生健康委员会"
    assert [c.text for c in table.rows[1].cells][3:5] == ["牵头单位", "配合单位"]
    assert table.cell(0, 3).text == "责任单位"


def test_an_office_notice_with_a_signature_table_and_a_two_row_header() -> None:
    """An unrelated notice: issuers side by side in a borderless table, the date after it; a
    sentence cut by a manual line break; 责任单位 over 主责部门 / 协同部门."""
    circular = extract_path(RENDERINGS / "case-signature-table.docx")
    meta = circular.metadata
    assert meta.doc_number == "西卫发〔2025〕9号"
    assert meta.issuers == ["西岭区卫生健康局", "西岭区医疗保障局"]
    assert str(meta.signed_date) == "2025-03-18"
    assert meta.enclosure_title == "西岭区2025年行风建设工作要点"
    assert circular.tasks[0].text.endswith("第一责任人，签订行风建设责任书。")
    rows = [
        (r.seq, r.category, r.task, r.units.lead, r.units.support, r.deadline.raw)
        for r in circular.responsibility_table
    ]
    assert rows == [
        (1, "压实责任", 1, ["各医疗机构"], [], "持续推进"),
        (2, "压实责任", 2, ["各医疗机构"], ["区卫生健康局"], "2025年6月30日前"),
        (3, "强化监督", 3, ["区卫生健康局"], ["区医疗保障局", "区市场监管局"], "9月底前"),
    ]
    assert circular.warnings == []


def _lines(build: Any) -> list[tuple[str, int | None]]:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = load_docx(buffer.getvalue(), "t.docx")
    return [(b.text, b.paragraph) for b in blocks if isinstance(b, Line)]


def test_a_line_break_between_lines_of_their_own_is_kept() -> None:
    def build(document: Any) -> None:
        signature = document.add_paragraph("某某市卫生健康委员会")
        for text in ("某某市医疗保障局 某某市市场监督管理局", "2025年1月6日"):
            signature.runs[-1].add_break()
            signature.add_run(text)
        prose = document.add_paragraph("各单位要加强组织领导，")
        prose.runs[-1].add_break()
        prose.add_run("确保各项任务落到实处。")

    assert _lines(build) == [
        ("某某市卫生健康委员会", 1),
        ("某某市医疗保障局 某某市市场监督管理局", 1),
        ("2025年1月6日", 1),
        ("各单位要加强组织领导，确保各项任务落到实处。", 2),
    ]


TWO_ROW_HEADER = """<html><head><meta charset="utf-8"><title>通知</title></head><body>
<h1>关于印发北坪市纠风工作要点的通知</h1><p>北卫〔2025〕3号</p>
<p>各区卫生健康委：</p><p>现将《北坪市纠风工作要点》印发给你们。</p>
<table><tr><td>北坪市卫生健康委员会</td><td>北坪市医疗保障局</td></tr>
<tr><td></td><td>2025年2月10日</td></tr></table>
<p>北坪市纠风工作要点</p><p>一、重点任务</p>
<p>（一）规范采购。严格执行集采结果。</p><p>（二）整治红包。严查收受红包行为。</p>
<p>附件1</p><p>任务分工表</p>
<table><tr><th rowspan="2">序号</th><th rowspan="2">工作任务</th><th colspan="2">责任单位</th>
<th rowspan="2">完成时限</th></tr><tr><th>主责单位</th><th>协同单位</th></tr>
<tr><td>1</td><td>规范采购</td><td>市医保局</td><td>市卫生健康委、市财政局</td><td>6月底前</td></tr>
<tr><td>2</td><td>整治红包</td><td>市卫生健康委</td><td></td><td>持续推进</td></tr>
</table></body></html>"""


def test_a_web_page_with_a_two_row_header_and_a_signature_table(tmp_path: Path) -> None:
    """The same mechanisms in HTML: 主责单位 / 协同单位 under a spanning 责任单位, and the
    issuers with the date in a table."""
    path = tmp_path / "page.html"
    path.write_text(TWO_ROW_HEADER, encoding="utf-8")
    circular = extract_path(path)
    assert circular.metadata.issuers == ["北坪市卫生健康委员会", "北坪市医疗保障局"]
    assert str(circular.metadata.signed_date) == "2025-02-10"
    assert circular.metadata.enclosure_title == "北坪市纠风工作要点"
    rows = [(r.seq, r.task, r.units.lead, r.units.support) for r in circular.responsibility_table]
    assert rows == [
        (1, 1, ["市医保局"], ["市卫生健康委", "市财政局"]),
        (2, 2, ["市卫生健康委"], []),
    ]
