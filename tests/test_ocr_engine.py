"""The OCR engine's settings for speed change no reading: the detector's normalisation by table
gives the engine's own numbers, and lines read side by side, each at the height its length
gets, read as each line does alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jiufeng_extract.load.ocr import engine

pytest.importorskip("rapidocr_onnxruntime")

SCANS = Path(__file__).resolve().parent / "data" / "scans"


def _page() -> np.ndarray:
    from PIL import Image

    with Image.open(SCANS / "page-1.png") as image:
        grey = np.asarray(image.convert("L"), dtype=np.uint8)
    return grey


def test_the_detector_input_normalised_by_table_is_the_engines_own() -> None:
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    image = np.random.default_rng(7).integers(0, 256, (64, 48, 3)).astype(np.uint8)
    for mean, std in (([0.5] * 3, [0.5] * 3), ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])):
        own = DetPreProcess(960, "max", mean, std).normalize
        assert np.array_equal(engine._normalizer(own)(image), own(image).astype(np.float32))


def test_lines_read_side_by_side_read_as_each_alone() -> None:
    import cv2

    built = engine.engine()
    grey = _page()
    boxes = engine.text_boxes(grey)
    colour = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    lines = []
    for box in boxes[:12]:
        xs, ys = [round(p[0]) for p in box], [round(p[1]) for p in box]
        lines.append(np.ascontiguousarray(colour[min(ys) : max(ys), min(xs) : max(xs)]))
    reader = built.text_rec
    heights = {reader._recogniser(line).rec_image_shape[1] for line in lines}
    assert heights == {engine.REC_HEIGHT, engine.FULL_HEIGHT}  # long lines and short ones
    together, _ = reader(lines, True)
    alone = [reader._recogniser(line)([line], True)[0][0] for line in lines]
    assert [r[:2] for r in together] == [r[:2] for r in alone]
    assert all(r[0] for r in together)


def test_a_short_line_is_read_at_the_full_height_a_long_one_lower() -> None:
    reader = engine.engine().text_rec
    short = np.full((40, 120, 3), 255, np.uint8)
    long = np.full((40, 40 * 20, 3), 255, np.uint8)
    assert reader._recogniser(short).rec_image_shape[1] == engine.FULL_HEIGHT
    assert reader._recogniser(long).rec_image_shape[1] == reader.height == engine.REC_HEIGHT


def test_a_cell_of_one_line_is_read_without_a_detection_pass() -> None:
    from jiufeng_extract.load.ocr.cells import _one_line

    scale = 150 / 72  # the engine's 150 dpi: a 16 pt line is 33 px high
    page = np.full((200, 300), 255, np.uint8)
    page[50:80, 40:200] = 0  # one line of print, 30 px high
    box = _one_line(page, (20, 30, 280, 110), scale)
    assert box is not None
    x0, top, x1, bottom = box
    assert x0 < 40 and top < 50 and x1 > 200 and bottom > 80  # the band, with a margin
    assert x1 - x0 < 200 and bottom - top < 45  # not the whole cell
    page[90:105, 40:120] = 0  # a second line under a blank of 10 rows
    assert _one_line(page, (20, 30, 280, 110), scale) is None
    tall = np.full((200, 300), 255, np.uint8)
    tall[20:90, 40:200] = 0  # one band of 70 px: more than a line of print
    assert _one_line(tall, (10, 10, 290, 190), scale) is None
    assert _one_line(np.full((200, 300), 255, np.uint8), (10, 10, 290, 190), scale) is None
