"""OCR of scans (the ``ocr`` extra): the scanned seeds give the structure of the born-digital
files; a garbled-font PDF, scanned cover pages, PNG, JPEG and TIFF inputs are read; seals are
found and taken out only where they are. The files come from ``samples/make_scans.py``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
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
    # the responsibility table from the scanned sheets: its rows, and each row's units
    rows, expected_rows = ocr.responsibility_table, expected.responsibility_table
    assert [r.seq for r in rows] == [r.seq for r in expected_rows]
    for row, want in zip(rows, expected_rows, strict=True):
        assert (row.units.lead, row.units.support) == (want.units.lead, want.units.support)
    assert ocr.source.ocr is not None and ocr.source.format is SourceFormat.PDF
    assert ocr.source.ocr.pages == list(range(1, (ocr.source.pages or 0) + 1))
    assert ocr.source.ocr.engine.startswith("rapidocr-onnxruntime ")


@pytest.mark.parametrize("seed", ["shanghai-2023-jiufeng", "national-2024-jiufeng"])
def test_body_characters_of_a_scan_against_the_text_form(seed: str) -> None:
    """At least 98% of the body's characters right (``make eval`` prints the figure)."""
    spec = importlib.util.spec_from_file_location("ocr_scans", ROOT / "eval" / "ocr_scans.py")
    assert spec is not None and spec.loader is not None
    scoring = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scoring)
    result = scoring.score(seed, read(f"{seed}-scan.pdf"))
    assert result["body_accuracy"] >= scoring.LEAST_ACCURACY
    assert all(result["facts"].values()), result["facts"]


def test_the_seal_is_recorded_where_it_was_stamped() -> None:
    ocr = read("shanghai-2023-jiufeng-scan.pdf").source.ocr
    assert ocr is not None and len(ocr.seals) == 1
    seal = ocr.seals[0]
    assert seal.page == 2  # the signature page; the red masthead on page 1 is not a seal
    x0, top, x1, bottom = seal.box
    assert 100 < x1 - x0 < 150 and 100 < bottom - top < 150  # 42 mm is 119 pt
    # also where a PDF's drawn seals are listed, in mm as those are
    (listed,) = read("shanghai-2023-jiufeng-scan.pdf").source.seals
    (stamp,) = listed.stamps
    assert stamp.page == 2 and abs(stamp.boundary[2] - 42) < 6 and abs(stamp.boundary[3] - 42) < 6


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


def test_ruling_lines_meet_where_drawn_and_stop_where_they_stop() -> None:
    """A rule the scan broke at a low header row is taken on to the top rule (ink runs along
    the way); a rule that starts below a header spanning two columns stays there."""
    from jiufeng_extract.load.fixed import ruled_tables
    from jiufeng_extract.load.ocr.rules import ruling_edges

    dpi = 150
    grey = np.full((700, 1000), 255, np.uint8)
    for y in (100, 140, 400, 650):  # top rule, header's lower rule, two rows
        grey[y : y + 2, 100:900] = 0
    for x in (100, 900):  # outer rules, whole height
        grey[100:652, x : x + 2] = 0
    grey[140:652, 300:302] = 0  # under a header cell spanning the first two columns
    grey[100:126, 600:602] = 0  # the header's part of this rule, cut short by the scan
    grey[131:652, 600:602] = 0
    (_, cells), *_ = ruled_tables(ruling_edges(grey, dpi))
    header = [c for c in cells if c[1] < 100 * 72 / dpi + 2]
    scale = 72 / dpi
    spans = sorted((round(c[0] / scale / 10), round(c[2] / scale / 10)) for c in header)
    assert spans == [(10, 60), (60, 90)]  # in tens of pixels


def test_the_batch_timeout_applies_to_ocr(tmp_path: Path) -> None:
    """A scan whose OCR runs past ``--timeout`` is stopped and reported as timed out."""
    out = tmp_path / "out"
    scan = SCANS / "shanghai-2023-jiufeng-scan.pdf"
    text = ROOT / "samples" / "national-2024-jiufeng.txt"
    command = [sys.executable, "-m", "jiufeng_extract", "batch", str(scan), str(text)]
    result = subprocess.run(
        [*command, "-o", str(out), "-j", "1", "--timeout", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 9, result.stderr
    files = json.loads((out / "index.json").read_text(encoding="utf-8"))["files"]
    by_name = {Path(f["input"]).name: f for f in files}
    assert by_name[scan.name]["error"] == "timed out after 2 s"
    assert by_name[text.name]["status"] in ("ok", "warnings", "failed")  # (as in test_batch)


def test_a_sheet_turned_sideways_on_a_portrait_page_is_read_upright() -> None:
    """The landscape table sheet scanned the long way (a quarter turn to the left, no /Rotate)
    gives the rows the born-digital sheet gives, with their lead and support units."""
    circular = read("sideways-sheet.pdf")
    born = golden("shanghai-2023-jiufeng.pdf").responsibility_table
    sheet = [r for r in born if r.provenance.page == born[0].provenance.page]
    rows = [(r.seq, r.units.lead, r.units.support) for r in circular.responsibility_table]
    assert rows == [(r.seq, r.units.lead, r.units.support) for r in sheet]
    assert circular.metadata.doc_number == golden("shanghai-2023-jiufeng.pdf").metadata.doc_number


def test_which_way_a_page_is_turned() -> None:
    """Turned left, turned right and upright; a page of lines across is told without the
    detector (see ``orient``)."""
    import pypdfium2

    from jiufeng_extract.load.ocr.orient import quarter_turns
    from jiufeng_extract.load.ocr.prepare import to_grey

    pdf = pypdfium2.PdfDocument(SCANS / "sideways-sheet.pdf")
    cover, sheet = (to_grey(pdf[i].render(scale=150 / 72).to_numpy()) for i in range(2))
    assert quarter_turns(cover) == 0
    assert quarter_turns(sheet) == 3  # a quarter turn to the right stands it up
    assert quarter_turns(np.ascontiguousarray(np.rot90(sheet, 2))) == 1


def test_pages_read_by_ocr_are_reported_on_stderr(tmp_path: Path) -> None:
    """Not at a terminal (CI): one plain line a page, the JSON on stdout untouched."""
    from conftest import run_cli

    result = run_cli("extract", str(SCANS / "pages.tiff"), "-o", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:2] == ["page 1/2 read by OCR", "page 2/2 read by OCR"]
    assert (tmp_path / "out.json").exists()


def test_the_progress_bar_at_a_terminal_and_none_when_quiet() -> None:
    import io

    from rich.console import Console

    from jiufeng_extract.cli.progress import OcrProgress, ocr_progress
    from jiufeng_extract.progress import page_read

    screen = io.StringIO()
    bar = OcrProgress(Console(file=screen, force_terminal=True, width=80))
    for number in (1, 2, 3):
        bar(number, 3)
    bar.stop()
    shown = screen.getvalue()
    assert "OCR page" in shown and "3/3" in shown and "read by OCR" not in shown
    told: list[tuple[int, int]] = []
    with ocr_progress(False):  # --quiet: no listener, nothing is told
        page_read(1, 1)
    from jiufeng_extract.progress import listening

    with listening(lambda number, count: told.append((number, count))):
        page_read(2, 5)
    assert told == [(2, 5)]


def test_a_docx_of_pasted_page_images_is_read_by_ocr() -> None:
    """Two scanned pages pasted into Word as pictures, no text: the pictures, in document
    order, are its pages."""
    circular = read("pasted-pages.docx")
    expected = golden("shanghai-2023-jiufeng.pdf")
    for field in FIELDS:
        assert getattr(circular.metadata, field) == getattr(expected.metadata, field), field
    assert circular.source.format is SourceFormat.DOCX and circular.source.pages == 2
    assert circular.source.ocr is not None and circular.source.ocr.pages == [1, 2]
    assert [seal.page for seal in circular.source.ocr.seals] == [2]
    with pytest.raises(NoTextLayerError, match=r"pasted image\(s\).*--ocr never"):
        extract_path(SCANS / "pasted-pages.docx", ExtractOptions(ocr="never"))
