"""The fast paths of the fixed-layout reader and the row linker answer exactly what the plain
scans they replace answered: characters found by box (``Centres``) against testing every
character (``inside``), faux-bold dedupe against the nine-cell lookup it was, a table cell's
nearest grid edge by bisection against the nearest of all edges, the pruned best
match against ``max`` over every candidate, the length bound against the ratio it bounds, Han
characters counted from the leaves up against counting each element's text content, and the
plain text check against testing every character; and the OCR engine is not loaded for a PDF
that needs none.
"""

from __future__ import annotations

import subprocess
import sys
from difflib import SequenceMatcher
from typing import Any

import lxml.html
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from jiufeng_extract.link.rows import _best
from jiufeng_extract.load.decode import _is_format, text_ratio
from jiufeng_extract.load.fixed.lines import Centres, dedupe, inside
from jiufeng_extract.load.fixed.tables import _merge_close, _nearest
from jiufeng_extract.load.web_page import _han_counts
from jiufeng_extract.patterns import HAN
from jiufeng_extract.text.compare import edits, similarity, similarity_bound, squash

# coordinates on a half-point grid, so rounding ties (0.5, 1.5: Python rounds them to even)
# and shared cell borders come up often
_COORD = st.integers(min_value=0, max_value=80).map(lambda n: n / 2)


@st.composite
def _chars(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=40))):
        x0, top = draw(_COORD), draw(_COORD)
        out.append(
            {
                "text": draw(st.sampled_from("一二 ，")),
                "x0": x0,
                "x1": x0 + draw(_COORD),
                "top": top,
                "bottom": top + draw(_COORD),
            }
        )
    return out


_BOX = st.tuples(_COORD, _COORD, _COORD, _COORD).map(
    lambda b: (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3]))
)


@settings(max_examples=300, deadline=None)
@given(_chars(), st.lists(_BOX, max_size=6))
def test_centres_find_what_inside_finds(chars: list[dict[str, Any]], boxes: list[Any]) -> None:
    centres = Centres(chars)
    for box in boxes:
        assert centres.within(box) == [c for c in chars if inside(c, box)]


def _dedupe_by_cells(chars: list[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """The dedupe as it was: kept glyphs by (text, rounded x, rounded top), nine cells looked at."""
    kept: list[dict[str, Any]] = []
    near: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for char in chars:
        cell = (char["text"], round(char["x0"]), round(char["top"]))
        neighbours = [
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in near.get((cell[0], cell[1] + dx, cell[2] + dy), [])
        ]
        if any(
            abs(o["x0"] - char["x0"]) <= tolerance and abs(o["top"] - char["top"]) <= tolerance
            for o in neighbours
        ):
            continue
        near.setdefault(cell, []).append(char)
        kept.append(char)
    return kept


@settings(max_examples=300, deadline=None)
@given(_chars())
@example([{"text": "一", "x0": 1.5, "x1": 2, "top": 0, "bottom": 1},
          {"text": "一", "x0": 0.5, "x1": 2, "top": 0, "bottom": 1}])  # fmt: skip
def test_dedupe_keeps_what_the_cell_lookup_kept(chars: list[dict[str, Any]]) -> None:
    assert dedupe(chars) == _dedupe_by_cells(chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(_COORD, min_size=1, max_size=12), _COORD)
@example([0.0, 2.5, 5.0], 1.25)  # half way between two edges: the first
def test_nearest_edge_is_the_first_nearest(values: list[float], value: float) -> None:
    edges = _merge_close(sorted(set(values)))
    assert _nearest(edges, value) == min(range(len(edges)), key=lambda i: abs(edges[i] - value))


_TEXT = st.text(alphabet="纠风行医保 \n", max_size=12)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_bound_is_at_least_the_similarity(a: str, b: str) -> None:
    assert similarity_bound(a, b) >= similarity(a, b)
    assert similarity(a, b) == SequenceMatcher(None, squash(a), squash(b), autojunk=False).ratio()


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.lists(_TEXT, max_size=8), st.sampled_from([0.0, 0.5, 0.8]))
def test_pruned_best_is_the_first_best(text: str, candidates: list[str], least: float) -> None:
    scored = [(similarity(text, c), c) for c in candidates]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    expected = (best[1], best[0]) if best[0] >= least and best[1] is not None else (None, 0.0)
    found = _best(
        candidates, lambda c: similarity(text, c), lambda c: similarity_bound(text, c), least
    )
    assert found == expected


_PAGES = [
    (SAMPLES / "shanghai-2023-jiufeng.html").read_bytes(),
    "<html><body><div>关于<!-- 注释文字 -->印发<p>通知<b>全文</b>尾巴</p>后记<?pi 指令?>之后"
    "<table><tr><td>单元格</td><td>牵头</td></tr></table></div>正文&#20013;外</body></html>",
    "<div><span>一</span><span>二<i>三</i>四</span>五</div>",
]


@pytest.mark.parametrize("page", _PAGES, ids=["sample", "comments and tails", "nested"])
def test_han_counted_from_the_leaves_up_is_each_elements_text_content(page: str | bytes) -> None:
    body = lxml.html.fromstring(page)
    counts = _han_counts(body)
    elements = [e for e in body.iter() if isinstance(e, lxml.html.HtmlElement)]
    assert len(elements) > 3
    for element in elements:
        assert counts[element] == len(HAN.findall(element.text_content()))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("纠风 \n\t\u3000\u00a0\u200b\x00\x07\ue000a"), max_size=30))
def test_text_ratio_is_the_share_of_text_characters(text: str) -> None:
    good = sum(1 for c in text if c.isprintable() or c.isspace() or _is_format(c))
    assert text_ratio(text) == (good / len(text) if text else 0.0)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_equal_texts_need_no_matching(a: str, b: str) -> None:
    matcher = SequenceMatcher(None, squash(a), squash(b), autojunk=False)
    assert similarity(a, b) == matcher.ratio()
    assert [e.op for e in edits(a, b)] == [o[0] for o in matcher.get_opcodes() if o[0] != "equal"]
    assert edits(a, a) == [] and similarity(a, a) == 1.0


def test_born_digital_pdf_loads_no_ocr_engine() -> None:
    """With OCR on auto, a PDF whose pages all have text never imports the OCR stack (OpenCV
    alone is tens of MB of the process)."""
    script = (
        "import sys; from jiufeng_extract import extract_path; "
        f"extract_path({str(SAMPLES / 'national-2024-jiufeng.pdf')!r}); "
        "print(sorted(m for m in ('cv2', 'rapidocr_onnxruntime') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip() == "[]"
