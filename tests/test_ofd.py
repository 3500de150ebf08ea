"""OFD input (GB/T 33190): real files of another producer (``tests/data/ofd``, see its NOTICE)
read in reading order, the seeds' OFD renderings (``samples/make_ofd_samples.py``) checked in
``test_formats.py``, the placement rules on small hand-written packages, and the files a loader
must refuse in one line.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, SAMPLES, run_cli
from jiufeng_extract.blocks import Line
from jiufeng_extract.errors import InputError, NotACircularError
from jiufeng_extract.load.dispatch import load_data, sniff_format
from jiufeng_extract.load.ofd import read_pages
from jiufeng_extract.load.ofd.content import numbers
from jiufeng_extract.model import SourceFormat
from jiufeng_extract.options import ExtractOptions

OFD = DATA / "ofd"
# phrases of each real file, in the order a reader meets them, read off its page images (each
# page drawn from its OFD geometry: text, rules and images in their boxes); text printed on a
# background image (keyword.ofd's left half) is no text layer and is not asked for
PHRASES = {
    "20240531141733.ofd": [
        "电子发票（增值税专用发票）",
        "开票日期：2024年05月28日",
        "海南麒麟云服科技有限公司",
        "北京互联三六五科技有限公司",
        "价税合计（大写）",
        "肆仟肆佰肆拾玖圆整",
        "开票人：于俪",
    ],
    "999.ofd": [
        "重庆增值税电子普通发票",
        "发票号码：12235358",
        "开票日期：2020年08月05日",
        "壹万零陆佰圆整",
        "财天下科技有限公司",
        "开票人：任盈盈",
        "销售货物或者提供应税劳务、服务清单",
        "总计",
    ],
    "AddWatermarkAnnot.ofd": [
        "拿来主义",
        "鲁迅",
        "中华民国十五年三月二十五日",
        "就是国立北京女子师范大学",
        "四十多个青年的血",
    ],
    "chineseDir.ofd": ["你好呀，OFD Reader&Writer！"],
    "draw_param_ref.ofd": [
        "北京增值税电子普通发票",
        "发票号码：71500013",
        "百望股份有限公司",
        "壹万圆整",
        "ukey测试",
        "开票人：李大山",
    ],
    "helloworld.ofd": ["你好呀，OFD Reader&Writer！"],
    "helloworld_with_pageblock.ofd": ["你好呀，OFD Reader&Writer！"],
    "keyword.ofd": [
        "鲁（2020）泰安市不动产证明第0014777号",
        "中国建设银行股份有限公司泰安分行",
        "岱岳区青春创业开发区鑫源小区25号",
        "抵押方式：一般抵押",
        "担保债权数额：35万元",
    ],
    "no_page_container.ofd": [
        "上海增值税电子普通发票",
        "开票日期：2020年04月20日",
        "上海浪潮云计算服务有限公司",
        "伍拾柒圆整",
        "上海阿金大白餐饮管理有限公司",
        "收款人：刘冬梅",
    ],
    "testImageNotFound.ofd": [
        "说 明",
        "是取得探矿权的合法凭证",
        "应遵守下列规定：",
        "一、探矿权人应在批准的勘查范围内依法进行勘查活动。",
        "二、《矿产资源勘查许可证》不得转借",
        "根据国家法律、法规规定，经审查",
        "探矿权人地址：云南省临沧市镇康县",
        "有效期限：2022/11/01至",
    ],
}
SHAPES_ONLY = ("V4RideRight.ofd", "h.ofd")  # seals drawn as red boxes: no text at all
REAL = sorted(p.name for p in OFD.glob("*.ofd") if p.name[0].isupper() or p.name[0].isdigit())


def jiufeng(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"PATH": ""})


def test_every_real_file_has_its_case() -> None:
    real = {p.name for p in OFD.glob("*.ofd")} - {
        "damaged.ofd",
        "bomb.ofd",
        "entities.ofd",
        "missing-page.ofd",
    }
    assert real == set(PHRASES) | set(SHAPES_ONLY)
    assert "Apache License" in (OFD / "NOTICE").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(PHRASES))
def test_real_ofd_text_in_reading_order(name: str) -> None:
    result = jiufeng("text", f"tests/data/ofd/{name}")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    text = "".join(line.split(None, 2)[-1] for line in result.stdout.splitlines())
    positions = [text.find(phrase) for phrase in PHRASES[name]]
    assert all(p >= 0 for p in positions), (name, positions)
    assert positions == sorted(positions), name


def test_text_parked_off_the_page_is_not_read() -> None:
    """The invoice draws its issuer's name once on the page and once below it (invisible)."""
    text = jiufeng("text", "tests/data/ofd/20240531141733.ofd").stdout
    assert text.count("于俪") == 1


@pytest.mark.parametrize("name", sorted(PHRASES) + list(SHAPES_ONLY))
def test_real_ofd_extracts_or_says_no_circular(name: str) -> None:
    result = jiufeng("extract", f"tests/data/ofd/{name}", "-q")
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 5), result.stderr
    if result.returncode == 5:
        assert result.stderr.count("\n") == 1 and "no circular found" in result.stderr
    if name in SHAPES_ONLY:  # nothing to print either: the same one line
        shown = jiufeng("text", f"tests/data/ofd/{name}")
        assert shown.returncode == 5 and shown.stderr.count("\n") == 1 and shown.stdout == ""


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("damaged.ofd", "damaged OFD"),
        ("bomb.ofd", "decompression bomb"),
        ("entities.ofd", "entity expansion"),
    ],
)
def test_bad_ofd_one_line_and_exit_code(name: str, says: str) -> None:
    for command in ("text", "extract"):
        result = jiufeng(command, f"tests/data/ofd/{name}")
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 3, result.stderr
        assert len(lines) == 1 and says in lines[0] and name in lines[0], result.stderr
        assert result.stdout == ""


def test_a_missing_part_is_a_warning() -> None:
    data = (OFD / "missing-page.ofd").read_bytes()
    loaded = load_data(data, Path("missing-page.ofd"), ExtractOptions())
    assert loaded.format is SourceFormat.OFD and loaded.pages == 9
    assert any(w.code == "missing_part" and "Page_1" in w.message for w in loaded.warnings)


def test_sniffing_tells_ofd_from_docx() -> None:
    assert sniff_format((OFD / "helloworld.ofd").read_bytes(), Path("x.zip")) is SourceFormat.OFD
    assert sniff_format((OFD / "damaged.ofd").read_bytes(), Path("x")) is SourceFormat.OFD
    docx = (SAMPLES / "national-2024-jiufeng.docx").read_bytes()
    assert sniff_format(docx, Path("x.ofd")) is SourceFormat.DOCX


def test_delta_lists_expand_the_g_form() -> None:
    assert numbers("g 3 1.5 2") == [1.5, 1.5, 1.5, 2.0]
    assert numbers("1 g 2 0.5  3") == [1.0, 0.5, 0.5, 3.0]
    assert numbers("") == []


def _package(
    content: str,
    document_extra: str = "",
    templates: dict[str, str] | None = None,
    prolog: str = "",
) -> bytes:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    parts = {
        "OFD.xml": f"{prolog}<ofd:OFD {ns}><ofd:DocBody>"
        "<ofd:DocRoot>Doc_0\\Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"<ofd:Document {ns}><ofd:CommonData><ofd:PageArea>"
        f"<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>{document_extra}"
        '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="/Doc_0/Pages/P0/Content.xml"/>'
        "</ofd:Pages></ofd:Document>",
        "Doc_0/Pages/P0/Content.xml": f"<ofd:Page {ns}>{content}</ofd:Page>",
    }
    for name, body in (templates or {}).items():
        parts[name] = (
            f"<ofd:Page {ns}><ofd:Content><ofd:Layer>{body}</ofd:Layer></ofd:Content></ofd:Page>"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def _text(boundary: str, code: str, extra: str = "") -> str:
    return f'<ofd:TextObject Boundary="{boundary}" Size="5"{extra}>{code}</ofd:TextObject>'


def test_placement_boundary_ctm_pageblock_and_template() -> None:
    """X/Y are relative to the Boundary, after the CTM; PageBlocks nest; a template page's
    text is read (Background); a diagonal watermark and text in a Boundary without area
    (clipped away) are not."""
    body = (
        '<ofd:Template TemplateID="7"/><ofd:Content><ofd:Layer><ofd:PageBlock><ofd:PageBlock>'
        + _text("20 100 100 10", '<ofd:TextCode X="0" Y="5" DeltaX="g 3 5">正文一行</ofd:TextCode>')
        + _text(
            "20 120 100 10",
            '<ofd:TextCode X="0" Y="2.5" DeltaX="g 3 2.5">放大两倍</ofd:TextCode>',
            ' CTM="2 0 0 2 0 0"',
        )
        + "</ofd:PageBlock></ofd:PageBlock>"
        + _text(
            "50 150 100 100",
            '<ofd:TextCode X="0" Y="5" DeltaX="g 3 5">水印文字</ofd:TextCode>',
            ' CTM="0.7071 -0.7071 0.7071 0.7071 0 0"',
        )
        + _text("60 60 0.5 0", '<ofd:TextCode X="0" Y="5">裁掉的字</ofd:TextCode>')
        + "</ofd:Layer></ofd:Content>"
    )
    template = '<ofd:TemplatePage ID="7" BaseLoc="Tpls\\T0.xml" ZOrder="Background"/>'
    head = _text("20 20 100 10", '<ofd:TextCode X="0" Y="5">模板页眉</ofd:TextCode>')
    data = _package(body, template, {"Doc_0/Tpls/T0.xml": head})
    _, pages, warnings = read_pages(data, "t.ofd")
    assert warnings == []
    chars = pages[0].chars
    assert "".join(c["text"] for c in chars) == "模板页眉正文一行放大两倍"
    k = 72 / 25.4
    first = next(c for c in chars if c["text"] == "正")
    assert first["x0"] == pytest.approx(20 * k) and first["size"] == pytest.approx(5 * k)
    scaled = [c for c in chars if c["text"] in "放大两倍"]
    assert [round(c["x0"] / k, 3) for c in scaled] == [20, 25, 30, 35]
    assert scaled[0]["size"] == pytest.approx(5 * k * 2)
    loaded = load_data(data, Path("t.ofd"), ExtractOptions())
    texts = [b.text for b in loaded.blocks if isinstance(b, Line)]
    assert texts == ["模板页眉", "正文一行", "放大两倍"]


def test_deltas_move_down_lines_inside_one_text_code() -> None:
    """A negative DeltaX and a DeltaY step start the next line of one TextCode."""
    code = '<ofd:TextCode X="0" Y="5" DeltaX="5 -5 5" DeltaY="0 7 0">甲乙丙丁</ofd:TextCode>'
    data = _package(
        "<ofd:Content><ofd:Layer>" + _text("10 10 50 50", code) + "</ofd:Layer></ofd:Content>"
    )
    _, pages, _ = read_pages(data, "t.ofd")
    k = 72 / 25.4
    places = {c["text"]: (round(c["x0"] / k, 3), round(c["top"] / k, 3)) for c in pages[0].chars}
    assert places["丙"][0] == places["甲"][0] == 10
    assert places["丙"][1] == pytest.approx(places["甲"][1] + 7)
    assert places["丁"] == (15, places["丙"][1])


def test_shapes_only_is_no_circular_and_a_doctype_is_refused() -> None:
    shapes = (
        '<ofd:Content><ofd:Layer><ofd:PathObject Boundary="0 0 10 10">'
        "<ofd:AbbreviatedData>M 0 0 L 10 0</ofd:AbbreviatedData></ofd:PathObject>"
        "</ofd:Layer></ofd:Content>"
    )
    with pytest.raises(NotACircularError):
        read_pages(_package(shapes), "s.ofd")
    evil = _package("<ofd:Content/>", prolog="<!DOCTYPE x [<!ENTITY e 'e'>]>")
    with pytest.raises(InputError, match="DOCTYPE"):
        read_pages(evil, "e.ofd")


@pytest.mark.parametrize(
    "source",
    [
        "samples/national-2024-jiufeng.txt",
        "samples/shanghai-2023-jiufeng.html",
        "samples/national-2024-jiufeng.docx",
        "samples/national-2024-jiufeng.pdf",
        "samples/national-2024-jiufeng.ofd",
    ],
)
def test_jiufeng_text_for_every_format(source: str) -> None:
    result = jiufeng("text", source)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("国卫医急函" in line or "沪卫医" in line for line in lines)
    if source.endswith((".pdf", ".ofd")):
        assert lines[0].startswith("p1 l1 ")
        assert any(line.split()[2] == "#" for line in lines if len(line.split()) > 2)


def test_jiufeng_text_pdf_and_ofd_agree() -> None:
    """The OFD rendering of a seed reads, line for line, as its PDF does."""
    for seed in ("national-2024-jiufeng", "shanghai-2023-jiufeng"):
        pdf = jiufeng("text", f"samples/{seed}.pdf")
        ofd = jiufeng("text", f"samples/{seed}.ofd")
        assert pdf.stdout == ofd.stdout and pdf.stdout


def test_doc_info_and_seals_are_recorded() -> None:
    """DocInfo (CustomData by name) and each seal signature as recorded: the seal's name from
    its seal file, the provider, the time as written, the stamps' pages and boxes."""
    from jiufeng_extract import extract_path

    circular = extract_path(SAMPLES / "national-2024-jiufeng.ofd")
    info = circular.source.document_info
    assert info["custom:发文字号"] == circular.metadata.doc_number
    assert info["Title"] == circular.metadata.title
    (seal,) = circular.source.seals
    assert seal.seal_name and seal.seal_name.startswith(circular.metadata.issuers[0])
    assert seal.signed_at == "20250101120000Z"
    assert [(s.page, s.boundary) for s in seal.stamps] == [(9, [120.0, 200.0, 42.0, 42.0])]
    real = load_data((OFD / "draw_param_ref.ofd").read_bytes(), Path("d.ofd"), ExtractOptions())
    (seal,) = real.seals
    assert seal.seal_name and "监制章" in seal.seal_name and seal.provider == "gomain_eseal"
    assert [s.page for s in seal.stamps] == [1]
    assert real.document_info["custom:发票号码"] == "71500013"
    assert (
        load_data(
            (SAMPLES / "national-2024-jiufeng.pdf").read_bytes(), Path("n.pdf"), ExtractOptions()
        ).seals
        == []
    )


def test_a_page_of_images_only_is_a_scan() -> None:
    """Pages that draw only an ImageObject have no text: the scanned-PDF error, exit 7."""
    from jiufeng_extract.errors import NoTextLayerError

    image = (
        '<ofd:Content><ofd:Layer><ofd:ImageObject ID="5" ResourceID="9" '
        'Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/></ofd:Layer></ofd:Content>'
    )
    with pytest.raises(NoTextLayerError, match="needs OCR") as caught:
        load_data(_package(image), Path("scan.ofd"), ExtractOptions())
    assert caught.value.exit_code == 7


def test_numbers_that_are_no_coordinates_are_dropped() -> None:
    """nan, inf and overflowing values in a producer's lists or sizes never reach the layout."""
    assert numbers("1 inf nan 1e400 2") == [1.0, 2.0]
    code = '<ofd:TextCode X="inf" Y="5" DeltaX="nan 5">甲乙</ofd:TextCode>'
    page = "<ofd:Area><ofd:PhysicalBox>0 0 inf 297</ofd:PhysicalBox></ofd:Area>"
    data = _package(
        page
        + "<ofd:Content><ofd:Layer>"
        + _text("10 10 50 50", code)
        + "</ofd:Layer></ofd:Content>"
    )
    loaded = load_data(data, Path("n.ofd"), ExtractOptions())
    assert [b.text for b in loaded.blocks if isinstance(b, Line)] == ["甲乙"]
