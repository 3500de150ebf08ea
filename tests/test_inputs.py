"""Input handling: encodings, line endings, page furniture, HTML structure and charsets."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from jiufeng_extract import extract_path, extract_text
from jiufeng_extract.blocks import TableBlock
from jiufeng_extract.load.web_page import load_html

CASE = ROOT / "tests" / "cases" / "province-enclosure-as-attachment.txt"


def _source() -> str:
    return CASE.read_text(encoding="utf-8").partition("# output\n")[0]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("gbk"),
        lambda s: s.encode("gb18030"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: s.encode("utf-16-le"),  # without BOM
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom", "utf16le-nobom", "crlf"],
)
def test_text_encodings_give_the_same_structure(tmp_path: Path, encode: object) -> None:
    expected = extract_text(_source())
    path = tmp_path / "notice.txt"
    path.write_bytes(encode(_source()))  # type: ignore[operator]
    got = extract_path(path)
    assert got.metadata.model_dump() == expected.metadata.model_dump()
    assert [t.title for t in got.tasks] == [t.title for t in expected.tasks]
    assert [t.text for t in got.tasks] == [t.text for t in expected.tasks]


def test_page_numbers_and_form_feeds_are_furniture(tmp_path: Path) -> None:
    text = _source().replace(
        "（二）严查带金销售。", "— 3 —\n\f- 4 -\n第 5 页 共 9 页\n（二）严查带金销售。"
    )
    path = tmp_path / "paged.txt"
    path.write_text(text, encoding="utf-8")
    c = extract_path(path)
    assert {"— 3 —", "- 4 -", "第 5 页 共 9 页"} <= set(c.furniture)
    assert c.source.pages == 2
    assert c.tasks[1].provenance.page == 2
    assert all("—" not in t.text and "页" not in t.text for t in c.tasks)


def test_web_chrome_is_kept_out_of_content(tmp_path: Path) -> None:
    chrome = "首页 > 政务公开 > 通知公告\n字号：【大】【中】【小】\n打印本页 关闭窗口\n"
    path = tmp_path / "web.txt"
    path.write_text(chrome + _source() + "\n版权所有：江南省卫生健康委员会\n", encoding="utf-8")
    c = extract_path(path)
    assert c.metadata.title == extract_text(_source()).metadata.title
    assert "打印本页 关闭窗口" in c.furniture
    assert not any("版权所有" in t.text for t in c.tasks)


HTML = """<html><head><meta charset="{charset}"><title>通知</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/x">政务公开</a></div>
<div class="content"><h1>关于印发南湖市纠风工作要点的通知</h1>
<p>各区卫生健康委：</p><p>现将《南湖市纠风工作要点》印发给你们。</p>
<p>南湖市卫生健康委员会</p><p>2024年3月1日</p>
<p>南湖市纠风工作要点</p><p>一、重点任务</p>
<p>（一）规范采购。严格执行集采结果。</p><p>（二）整治红包。严查收受红包行为。</p>
<p>附件1</p><p>任务分工表</p>
<table><tr><th>序号</th><th colspan="2">重点任务</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td rowspan="2">重点任务</td><td>规范采购</td>
<td>市医保局牵头，市卫生健康委配合</td><td>6月底前</td></tr>
<tr><td>2</td><td>整治红包</td><td>市卫生健康委</td><td>持续推进</td></tr>
</table></div>
<div class="footer">版权所有 南湖市人民政府</div></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_charset_rowspan_colspan(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.format(charset=charset).encode(charset))
    c = extract_path(path)
    assert c.metadata.title == "关于印发南湖市纠风工作要点的通知"
    assert [t.title for t in c.tasks] == ["规范采购", "整治红包"]
    rows = c.responsibility_table
    assert [(r.seq, r.category, r.task) for r in rows] == [(1, "重点任务", 1), (2, "重点任务", 2)]
    assert rows[0].units.lead == ["市医保局"] and rows[0].units.support == ["市卫生健康委"]
    assert str(rows[0].deadline.date) == "2024-06-30"
    assert "首页 政务公开" not in " ".join(t.text for t in c.tasks)


def test_html_wrong_charset_declaration_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        HTML.format(charset="iso-8859-1").encode("utf-8").replace(b"iso-8859-1", b"no-such-charset")
    )
    assert extract_path(path).metadata.title == "关于印发南湖市纠风工作要点的通知"


def test_html_grid_resolves_merged_cells() -> None:
    page = (
        b"<table><tr><td rowspan='2'>A</td><td colspan='2'>B</td></tr>"
        b"<tr><td>C</td><td>D</td></tr></table>"
    )
    tables = [b for b in load_html(page, "t.html") if isinstance(b, TableBlock)]
    assert tables[0].rows == [["A", "B", "B"], ["A", "C", "D"]]


_WITHOUT_EXTRA = """
import sys
for name in ("cv2", "rapidocr_onnxruntime", "onnxruntime"):
    sys.modules[name] = None  # what a base install without the ocr extra looks like
from jiufeng_extract.cli import main
sys.argv = ["jiufeng", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(
    ("name", "code"), [("samples/shanghai-2023-jiufeng.pdf", 0), ("tests/data/scanned.pdf", 7)]
)
def test_a_base_install_reads_born_digital_files_and_names_the_extra(name: str, code: int) -> None:
    """Without the extra nothing of it is imported: text-layer files read, scans name the extra."""
    run = subprocess.run(
        [sys.executable, "-c", _WITHOUT_EXTRA, "extract", str(ROOT / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == code, run.stderr
    if code:
        assert "jiufeng-extract[ocr]" in run.stderr
        assert "Traceback" not in run.stderr
    else:
        assert '"doc_number"' in run.stdout
