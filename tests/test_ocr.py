"""OCR of scans (the ``ocr`` extra): the scanned seeds give the structure of the born-digital
files; a garbled-font PDF, scanned cover pages, PNG, JPEG and TIFF inputs are read; seals are
found and taken out only where they are. The files come from ``samples/make_scans.py``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from jiufeng_extract import extract_path
from jiufeng_extract.errors import NoTextLayerError
from jiufeng_extract.model import Circular, SourceFormat
from jiufeng_extract.options import ExtractOptions

pytest.importorskip("rapidocr_onnxruntime")

ROOT = Path(__file__).resolve().parent.parent
SCANS = ROOT / "tests" / "data" / "scans"
GOLDEN = ROOT / "tests" / "golden"
FIELDS = ("title", "doc_number", "signed_date", "issuers", "recipients")


@cache
def read(name: str) -> Circular:
    return extract_path(SCANS / name)


def golden(name: str) -> Circular:
    return Circular.model_validate(json.loads((GOLDEN / f"{name}.json").read_text("utf-8")))


@pytest.mark.parametrize(
    ("scan", "born_digital", "least_tasks"),
    [
        ("shanghai-2023-jiufeng-scan.pdf", "shanghai-2023-jiufeng.pdf", 15),
        ("national-2024-jiufeng-scan.pdf", "national-2024-jiufeng.pdf", 14),
    ],
)
def test_a_scanned_seed_reads_like_the_born_digital_file(
    scan: str, born_digital: str, least_tasks: int
) -> None:
    ocr, expected = read(scan), golden(born_digital)
    for field in FIELDS:
        assert getattr(ocr.metadata, field) == getattr(expected.metadata, field), field
    titles = [task.title for task in ocr.tasks]
    assert len(titles) == len(expected.tasks)
    exact = sum(a == b.title for a, b in zip(titles, expected.tasks, strict=True))
    assert exact >= least_tasks, titles
    assert ocr.source.ocr is not None and ocr.source.format is SourceFormat.PDF
    assert ocr.source.ocr.pages == list(range(1, (ocr.source.pages or 0) + 1))
    assert ocr.source.ocr.engine.startswith("rapidocr-onnxruntime ")


def test_the_seal_is_recorded_where_it_was_stamped() -> None:
    ocr = read("shanghai-2023-jiufeng-scan.pdf").source.ocr
    assert ocr is not None and len(ocr.seals) == 1
    seal = ocr.seals[0]
    assert seal.page == 2  # the signature page; the red masthead on page 1 is not a seal
    x0, top, x1, bottom = seal.box
    assert 100 < x1 - x0 < 150 and 100 < bottom - top < 150  # 42 mm is 119 pt


def test_page_numbers_of_a_scan_are_furniture() -> None:
    circular = read("shanghai-2023-jiufeng-scan.pdf")
    assert not any("— " in task.text for task in circular.tasks)


def test_a_garbled_font_pdf_is_read_by_ocr() -> None:
    circular = read("garbled-cover.pdf")
    expected = golden("shanghai-2023-jiufeng.pdf")
    assert circular.metadata.doc_number == expected.metadata.doc_number
    assert circular.metadata.title == expected.metadata.title
    assert circular.metadata.signed_date == expected.metadata.signed_date
    assert circular.source.ocr is not None and circular.source.ocr.pages == [1, 2]


def test_scanned_cover_pages_and_a_text_layer_body() -> None:
    circular = read("mixed-cover.pdf")
    expected = golden("shanghai-2023-jiufeng.pdf")
    for field in FIELDS:
        assert getattr(circular.metadata, field) == getattr(expected.metadata, field), field
    assert circular.source.ocr is not None and circular.source.ocr.pages == [1, 2]
    assert [t.title for t in circular.tasks] == [t.title for t in expected.tasks]


@pytest.mark.parametrize(
    ("name", "pages"), [("page-1.png", 1), ("signature.jpg", 1), ("pages.tiff", 2)]
)
def test_image_files_are_read_page_by_page(name: str, pages: int) -> None:
    circular = read(name)
    assert circular.source.format is SourceFormat.IMAGE and circular.source.pages == pages
    assert circular.source.ocr is not None and circular.source.ocr.pages == list(
        range(1, pages + 1)
    )


def test_image_facts() -> None:
    expected = golden("shanghai-2023-jiufeng.pdf").metadata
    first, tiff = read("page-1.png").metadata, read("pages.tiff").metadata
    assert first.doc_number == tiff.doc_number == expected.doc_number
    assert first.title == tiff.title == expected.title
    # under the seal, in colour: the issuers' names and the date (a black-and-white scan keeps
    # the seal as black ink over them, and nothing can take it out there)
    signature = read("signature.jpg")
    assert signature.metadata.signed_date == expected.signed_date
    assert signature.source.ocr is not None and len(signature.source.ocr.seals) == 1


def test_seals_only_where_a_seal_is() -> None:
    """A red masthead (wide and low) and a red rule stay; a round red blob is a seal: bright
    red turns to paper, dark red (print under the ink) to grey."""
    from jiufeng_extract.load.ocr.prepare import find_seals, suppress_seals

    dpi = 100
    page = np.full((1100, 800, 3), 255, np.uint8)
    page[60:120, 100:700] = (220, 30, 30)  # masthead lettering, 15 mm high
    page[140:144, 60:740] = (220, 30, 30)  # the red rule under it
    yy, xx = np.mgrid[0:1100, 0:800]
    ring = np.abs(np.hypot(yy - 800, xx - 500) - 80) < 5  # a 42 mm seal at 100 dpi
    page[ring] = (225, 40, 45)
    page[795:805, 430:570] = (120, 20, 20)  # print under the seal's ink: dark red
    seals = find_seals(page, dpi)
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0]
    assert abs((x0 + x1) / 2 - 500) < 10 and abs((y0 + y1) / 2 - 800) < 10
    grey = suppress_seals(page, seals)
    assert grey[ring].min() == 255  # the seal's ring is paper
    assert 40 < grey[800, 500] < 120  # the print under it is grey ink
    assert grey[90, 400] < 120  # the masthead is still there


def test_deskew_finds_the_scanner_angle() -> None:
    from PIL import Image

    from jiufeng_extract.load.ocr.prepare import level, skew_angle

    grey = np.asarray(Image.open(SCANS / "page-1.png").convert("L"))
    angle = skew_angle(grey)
    assert 0.4 <= abs(angle) <= 1.3
    assert abs(skew_angle(level(grey, angle))) <= 0.2


def test_ocr_never_and_a_missing_extra_keep_exit_7(monkeypatch: pytest.MonkeyPatch) -> None:
    scan = SCANS / "page-1.png"
    with pytest.raises(NoTextLayerError, match=r"--ocr never"):
        extract_path(scan, ExtractOptions(ocr="never"))
    from jiufeng_extract.load import ocr

    monkeypatch.setattr(ocr, "recogniser", lambda: None)
    with pytest.raises(NoTextLayerError, match=r"pip install 'jiufeng-extract\[ocr\]'"):
        extract_path(ROOT / "tests" / "data" / "scanned.pdf")
    with pytest.raises(NoTextLayerError, match=r"jiufeng-extract\[ocr\]"):
        extract_path(scan)


def test_low_confidence_lines_are_warnings_with_page_and_box() -> None:
    from jiufeng_extract.load.ocr.engine import Detection
    from jiufeng_extract.load.ocr.page import _chars

    detections: list[Detection] = [
        ([[10.0, 10.0], [110.0, 10.0], [110.0, 40.0], [10.0, 40.0]], "模糊文字", 0.55, []),
        ([[10.0, 60.0], [110.0, 60.0], [110.0, 90.0], [10.0, 90.0]], "清楚文字", 0.99, []),
    ]
    chars, uncertain = _chars(detections, 150 / 72, np.full((200, 200), 255, np.uint8))
    assert "".join(c["text"] for c in chars) == "模糊文字清楚文字"
    assert [(u.text, u.confidence) for u in uncertain] == [("模糊文字", 0.55)]
