"""The table finder (``load/fixed/cells``) answers exactly what pdfplumber's table finder, which
it replaces, answered from the same ruling lines: on ruled grids drawn with jitter, gaps and
rules drawn twice, and on the rules every committed PDF page draws."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from jiufeng_extract.load.fixed.raw import (
    Box,
    Edge,
    _bounds,
    _box,
    _close_cut_tables,
    edge,
    ruled_tables,
)
from jiufeng_extract.load.pdf.drawings import drawings
from jiufeng_extract.load.pdf.pages import Upright

RENDERINGS = Path(__file__).parent / "data" / "renderings" / "pdf"


def _pdfplumber_tables(edges: list[Edge]) -> list[tuple[Box, list[Box]]]:
    """``ruled_tables`` as it was: pdfplumber's finder, lines strategy, default tolerances."""
    if not any(e["orientation"] == "v" for e in edges):
        return []
    from pdfplumber import table as finder
    from pdfplumber.utils.geometry import filter_edges

    edges = filter_edges(_close_cut_tables(edges), min_length=1)
    edges = finder.merge_edges(edges, 3, 3, 3, 3)
    edges = filter_edges(edges, min_length=3)
    cells = finder.intersections_to_cells(finder.edges_to_intersections(edges, 3, 3))
    return [
        (_bounds(group), [_box(cell) for cell in group]) for group in finder.cells_to_tables(cells)
    ]


# positions on a quarter-point grid, so rules meet exactly, within the tolerances and just
# outside them
_AT = st.integers(min_value=0, max_value=400).map(lambda n: n / 4)
_JITTER = st.sampled_from([0.0, 0.0, 0.0, 0.5, -0.75, 2.5, -3.0, 3.25, 6.0])


@st.composite
def _ruled(draw: st.DrawFn) -> list[Edge]:
    xs = sorted(set(draw(st.lists(_AT, min_size=2, max_size=6))))
    ys = sorted(set(draw(st.lists(_AT, min_size=2, max_size=6))))
    edges: list[Edge] = []
    for y in ys:
        for a, b in itertools.pairwise(xs):
            for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):  # a gap, or drawn twice
                edges += edge(a + draw(_JITTER), y + draw(_JITTER), b + draw(_JITTER), y)
    for x in xs:
        for a, b in itertools.pairwise(ys):
            for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
                edges += edge(x + draw(_JITTER), a + draw(_JITTER), x, b + draw(_JITTER))
    return draw(st.permutations(edges))


@settings(max_examples=400, deadline=None)
@given(_ruled())
def test_cells_as_pdfplumber_finds_them(edges: list[Edge]) -> None:
    assert ruled_tables(edges) == _pdfplumber_tables(edges)


def _page_rules() -> list[Any]:
    out = []
    for path in sorted(SAMPLES.glob("*.pdf")) + sorted(RENDERINGS.glob("*.pdf")):
        document = pypdfium2.PdfDocument(path)
        for index in range(len(document)):
            page = document[index]
            left, bottom, right, top = page.get_mediabox()
            upright = Upright(page.get_rotation(), left, bottom, right, top)
            out.append(pytest.param(drawings(page, upright)[0], id=f"{path.name}:{index + 1}"))
            page.close()
        document.close()
    return out


@pytest.mark.parametrize("edges", _page_rules())
def test_committed_pages_as_pdfplumber_finds_them(edges: list[Edge]) -> None:
    assert ruled_tables(edges) == _pdfplumber_tables(edges)
