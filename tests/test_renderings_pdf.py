"""PDFs of both seeds made by software other than ours give the circular of the text form.

The renderings are built by ``samples/renderings/make_pdf_renderings.py`` (headless Chromium
printing a government web page with its header and footer on; reportlab setting GB/T 9704 公文
with a red seal over the signatures, as an image and as vector paths with the name as rotated
text, and a diagonal watermark; the responsibility table on landscape pages cut by the page
breaks). Differences that remain are listed in ``REMAINING`` with the reason; everything else
must be equal, as in ``tests/test_formats.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, SAMPLES
from jiufeng_extract import extract_path
from jiufeng_extract.formats import OcrMode
from jiufeng_extract.load.fixed.raw import ruled_tables, table_edge
from jiufeng_extract.load.fixed.seals import read_marks
from jiufeng_extract.load.fixed.tables import PageTable, regrid
from jiufeng_extract.model import Circular
from jiufeng_extract.options import ExtractOptions
from test_formats import SEEDS, comparable

RENDERINGS = DATA / "renderings" / "pdf"
KINDS = ("-chromium.pdf", "-gbt-seal-image.pdf", "-gbt-seal-vector.pdf")

# (seed, rendering) → {key: reason} for what still differs from the text form
REMAINING: dict[tuple[str, str], dict[str, str]] = {
    ("shanghai-2023-jiufeng", "-chromium.pdf"): {
        "sections": "Chromium draws no space glyph: '自查自纠 (2023年10月31日前)' reads "
        "'自查自纠(2023年10月31日前)' (the milestones, which parse the date, are equal)",
    },
}


def _extract(path: Path) -> Circular:
    return extract_path(path)


@pytest.fixture(scope="module")
def text_forms() -> dict[str, Circular]:
    return {seed: _extract(SAMPLES / f"{seed}.txt") for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", KINDS)
def test_rendering_gives_the_text_form(
    seed: str, kind: str, text_forms: dict[str, Circular]
) -> None:
    expected = comparable(text_forms[seed])
    actual = comparable(_extract(RENDERINGS / f"{seed}{kind}"))
    remaining = REMAINING.get((seed, kind), {})
    for key in expected:
        if key in remaining:
            continue
        assert actual[key] == expected[key], f"{seed}{kind}: {key} differs from the text form"
    for key in remaining:  # a listed difference that went away must leave the list
        assert actual[key] != expected[key], f"{seed}{kind}: {key} is equal now"


def _rows(circular: Circular) -> list[tuple[Any, ...]]:
    return [
        (r.seq, r.units.lead, r.units.support, r.deadline.raw, r.task)
        for r in circular.responsibility_table
    ]


def test_chromium_table_keeps_every_row(text_forms: dict[str, Circular]) -> None:
    """The table continues over three pages with no repeated header, its header row cut by
    the first break, borders drawn as rectangles: all 16 rows, with lead, support, deadline
    and link as in the text form."""
    circular = _extract(RENDERINGS / "shanghai-2023-jiufeng-chromium.pdf")
    assert _rows(circular) == _rows(text_forms["shanghai-2023-jiufeng"])
    assert len({r.provenance.page for r in circular.responsibility_table}) == 3


@pytest.mark.parametrize("seed", SEEDS)
def test_browser_chrome_is_furniture(seed: str) -> None:
    circular = _extract(RENDERINGS / f"{seed}-chromium.pdf")
    texts = [t.text for t in circular.tasks] + [circular.metadata.title or ""]
    assert not any(w in t for t in texts for w in ("责任编辑", "我要纠错", "file://", "索引号"))
    assert any(line.startswith("file://") for line in circular.furniture)


@pytest.mark.parametrize("seed", SEEDS)
def test_seals_are_recorded_and_their_text_kept_out(seed: str) -> None:
    vector = _extract(RENDERINGS / f"{seed}-gbt-seal-vector.pdf")
    image = _extract(RENDERINGS / f"{seed}-gbt-seal-image.pdf")
    issuer = vector.metadata.issuers[0]
    assert [s.seal_name for s in vector.source.seals] == [issuer]
    assert [s.seal_name for s in image.source.seals] == [None]  # an image carries no text
    for seal in vector.source.seals + image.source.seals:
        (stamp,) = seal.stamps
        assert stamp.page == 2 and 40 < stamp.boundary[2] < 44  # a 42 mm seal, in mm
    assert vector.source.seals[0].stamps == image.source.seals[0].stamps


def test_an_unrelated_circular_with_a_seal() -> None:
    """One issuer under a vector seal, its date line set to the right above a page break (it
    is never joined to the paragraph that opens the next page): the text form's circular."""
    circular = _extract(RENDERINGS / "other-circular-seal.pdf")
    text_form = _extract(RENDERINGS / "other-circular-seal.txt")
    assert comparable(circular) == comparable(text_form)
    assert [s.seal_name for s in circular.source.seals] == ["示例市教育局"]
    assert circular.metadata.doc_number == "示教体〔2025〕9号"
    assert [t.title for t in circular.tasks] == ["食堂管理", "校外供餐"]
    assert not any("注意保存" in t.text or "内部资料" in t.text for t in circular.tasks)


def test_scanned_cover_gives_no_title_and_says_why() -> None:
    """The first two pages are images (no text layer) and OCR is off: the enclosure's title
    found after them is the enclosure's, the circular's title is null, with a warning."""
    circular = extract_path(
        RENDERINGS / "scanned-cover.pdf", ExtractOptions.build(ocr=OcrMode.NEVER)
    )
    meta = circular.metadata
    assert meta.title is None and meta.doc_type is None
    assert meta.enclosure_title == "上海市2023年纠正医药购销领域和医疗服务中不正之风工作要点"
    assert [w.where for w in circular.warnings if w.code == "cover_unread"] == ["page 1-2"]
    assert len(circular.tasks) == 16 and len(circular.responsibility_table) == 16


# --- the mechanisms on small cases of their own ------------------------------------------


def _char(text: str, x: float, y: float, angle: float, size: float = 11.0) -> dict[str, Any]:
    return {
        "text": text,
        "x0": x - size / 2,
        "x1": x + size / 2,
        "top": y - size / 2,
        "bottom": y + size / 2,
        "size": size,
        "angle": angle,
    }


def test_seal_text_read_clockwise_from_its_foot() -> None:
    """Glyphs around a centre, each turned to face it, read clockwise starting after the
    widest gap; a watermark glyph crossing the seal and the upright body text stay apart."""
    import math

    box = (100.0, 100.0, 220.0, 220.0)
    name = "甲乙丙丁戊己庚"
    arc = []
    for i, char in enumerate(name):
        bearing = 240 + i * 40  # clockwise from straight up: lower left, over the top, right
        rad = math.radians(bearing)
        x, y = 160 + 45 * math.sin(rad), 160 - 45 * math.cos(rad)
        arc.append(_char(char, x, y, math.radians(bearing % 360)))
    top = next(c for c in arc if abs(c["angle"] - 0) < 1e-6 or abs(c["angle"] - 2 * math.pi) < 1e-6)
    tilted = [c for c in arc if c is not top] + [_char("注", 130, 130, math.radians(315), 40)]
    body = [top, _char("文", 150, 210, 0.0, 16)]
    marks, kept = read_marks(2, [box], tilted, body)
    assert [m.text for m in marks] == [name]
    assert [c["text"] for c in kept] == ["文"]


def test_rules_closed_where_a_page_break_cuts_a_table() -> None:
    """Vertical rules that run to the cut with no rule across them: the cut row is a row."""
    xs, rows = (50.0, 100.0, 300.0), (100.0, 130.0, 160.0)
    edges = [table_edge(x, rows[0], x, 190.0, "v") for x in xs]
    edges += [table_edge(xs[0], y, xs[-1], y, "h") for y in rows]
    (table,) = ruled_tables(edges)
    assert len(table[1]) == 3 * 2  # the rows of 30, 30 and the cut one of 30 points


def test_a_part_with_merged_columns_spreads_over_the_finer_grid() -> None:
    header = PageTable(
        1, 0.0, [["序号", "任务", "单位"]], [[(0, 0), (0, 1), (0, 2)]], [[False] * 3]
    )
    header.xs = [0.0, 20.0, 200.0, 260.0]
    assert regrid(header, [0.0, 20.0, 60.0, 200.0, 260.0])
    assert header.rows == [["序号", "任务", "任务", "单位"]]
    assert not regrid(header, [0.0, 90.0, 260.0])  # rules that do not line up: no grid
