"""OFD inputs a real producer may write, as case files of ``samples/make_ofd_cases.py``
(``tests/data/ofd/cases``): text in private-use codes with and without a font that says what
they are, a scan put in an OFD, and sloppy package paths; and annotations kept out of content.
"""

from __future__ import annotations

import importlib.util
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, run_cli
from jiufeng_extract.errors import GarbledTextError, NoTextLayerError
from jiufeng_extract.formats import OcrMode
from jiufeng_extract.load.dispatch import load_data
from jiufeng_extract.load.ofd import load_ofd
from jiufeng_extract.load.ofd.fonts import unicode_map
from jiufeng_extract.load.recognised import OCR_EXTRA_HINT
from jiufeng_extract.options import ExtractOptions

CASES = DATA / "ofd" / "cases"
LINES = ["关于开展专项整治工作的通知", "各有关单位：", "现将有关事项通知如下，请认真贯彻落实。"]
needs_ocr = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr_onnxruntime") is None, reason="the ocr extra"
)


def jiufeng(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env={"PATH": ""})


def _text(result: subprocess.CompletedProcess[str]) -> str:
    """What ``jiufeng text`` printed, without the page and line marks, run together."""
    return "".join(line.split(None, 2)[-1] for line in result.stdout.splitlines())


def _in_order(text: str, phrases: list[str]) -> bool:
    positions = [text.find(phrase) for phrase in phrases]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


def test_private_use_codes_read_back_through_the_font() -> None:
    """The font maps each private-use code and a real code to one glyph: the real one is out."""
    result = jiufeng("text", "tests/data/ofd/cases/pua-mapped.ofd")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert _text(result) == "".join(LINES)
    assert not any("\ue000" <= char <= "\uf8ff" for char in result.stdout)


def test_a_font_that_says_nothing_maps_nothing() -> None:
    with zipfile.ZipFile(CASES / "pua-unmapped.ofd") as package:
        assert unicode_map(package.read("Doc_0/Res/font_3.otf")) == {}
    with zipfile.ZipFile(CASES / "pua-mapped.ofd") as package:
        assert len(unicode_map(package.read("Doc_0/Res/font_3.otf"))) == len(set("".join(LINES)))
    assert unicode_map(b"not a font") == {}


def test_private_use_codes_without_a_map_are_garbled_as_in_a_pdf() -> None:
    """Without OCR: the garbled-PDF error, exit 8, in one line naming the file."""
    result = jiufeng("extract", "--ocr", "never", "tests/data/ofd/cases/pua-unmapped.ofd")
    assert result.returncode == 8 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "pua-unmapped.ofd" in line and "no Unicode map" in line and "--ocr never" in line
    data = (CASES / "pua-unmapped.ofd").read_bytes()
    with pytest.raises(GarbledTextError, match="ocr") as caught:
        load_ofd(data, "pua-unmapped.ofd", recogniser=None)  # as without the ocr extra
    assert OCR_EXTRA_HINT in caught.value.message


def test_a_scan_in_an_ofd_without_ocr_is_a_scanned_pdf() -> None:
    result = jiufeng("extract", "--ocr", "never", "tests/data/ofd/cases/scan-page.ofd")
    assert result.returncode == 7 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "scan-page.ofd" in line and "needs OCR" in line
    with pytest.raises(NoTextLayerError) as caught:
        load_ofd((CASES / "scan-page.ofd").read_bytes(), "scan-page.ofd", recogniser=None)
    assert OCR_EXTRA_HINT in caught.value.message


@needs_ocr
def test_a_scan_in_an_ofd_is_read_by_ocr() -> None:
    """The page's image is drawn at its box and read as a scanned PDF page is."""
    loaded = load_data((CASES / "scan-page.ofd").read_bytes(), Path("s.ofd"), ExtractOptions())
    text = "".join(block.text for block in loaded.blocks if hasattr(block, "text"))
    assert _in_order(text, ["卫生健康委员会文件", "工作要点的通知", "自查自纠表"]), text
    assert loaded.ocr is not None and loaded.ocr.pages == [1]


@needs_ocr
def test_private_use_codes_without_a_map_are_read_by_ocr() -> None:
    """Under --ocr auto the page is drawn with its own font and read by OCR."""
    options = ExtractOptions(ocr=OcrMode.AUTO)
    loaded = load_data((CASES / "pua-unmapped.ofd").read_bytes(), Path("p.ofd"), options)
    text = "".join(block.text for block in loaded.blocks if hasattr(block, "text"))
    assert _in_order(text, ["专项整治工作的通知", "各有关单位", "请认真贯彻落实"]), text
    assert loaded.ocr is not None and loaded.ocr.pages == [1]


def test_sloppy_paths_no_namespace_and_missing_resources() -> None:
    """No namespace; backslashes, ``.\\`` and Chinese in part paths; one page's BaseLoc
    relative, the other's absolute; a resource folder given absolute; a font and an image
    named but not in the package: warnings, and the text is read all the same."""
    result = jiufeng("text", "tests/data/ofd/cases/tolerant.ofd")
    assert result.returncode == 0, result.stderr
    pages = [line.split()[0] for line in result.stdout.splitlines()]
    assert pages[0] == "p1" and pages[-1] in ("p1", "p2")
    assert _in_order(_text(result), ["第一页的标题", "第一页的正文", "第二页的正文"])
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and all("warning" in w and "tolerant.ofd" in w for w in warnings)
    assert "宋体.ttf" in warnings[0] and "图片.png" in warnings[1]


def test_a_missing_image_of_a_real_file_is_a_warning() -> None:
    result = jiufeng("text", "tests/data/ofd/testImageNotFound.ofd")
    assert result.returncode == 0
    assert any(
        "image" in line and "does not hold it" in line for line in result.stderr.splitlines()
    )


def test_annotations_and_watermarks_stay_out_of_content() -> None:
    """A watermark annotation's text (a download counter) is not the document's; a watermark
    image annotation draws nothing into the text."""
    invoice = jiufeng("text", "tests/data/ofd/20240531141733.ofd")
    assert invoice.returncode == 0 and "下载次数" not in invoice.stdout
    with zipfile.ZipFile(DATA / "ofd" / "20240531141733.ofd") as package:
        annotation = package.read("Doc_0/Annots/Page_0/Annotation.xml").decode("utf-8")
    assert "下载次数" in annotation  # it is in the package, as a Watermark annotation


def test_a_large_title_beside_two_small_lines_joins_neither() -> None:
    """Two 10 pt lines in the left column, a 24 pt title in the right one spanning both
    (testImageNotFound.ofd's first page): the lines stay apart, character for character."""
    from jiufeng_extract.load.fixed.lines import lines_of

    def chars(text: str, x: float, top: float, size: float) -> list[dict[str, object]]:
        return [
            {"text": c, "x0": x + i * size, "x1": x + (i + 1) * size, "top": top,
             "bottom": top + size, "size": size}
            for i, c in enumerate(text)
        ]  # fmt: skip

    page = chars("甲乙丙丁", 50, 100, 10) + chars("子丑寅卯", 50, 111, 10)
    page += chars("大标题", 300, 96, 24)
    assert [line.text for line in lines_of(page, 1)] == ["甲乙丙丁 大标题", "子丑寅卯"]
