"""One page image → a ``RecognisedPage``: seals out, turned upright (``orient``), levelled,
text boxes read, each box's characters placed where the recogniser saw them (so a gap between
two names on a signature line stays a gap), in points."""

from __future__ import annotations

import itertools
import statistics
from typing import TYPE_CHECKING, Any

import numpy as np
import regex

from ..fixed import ruled_tables
from ..recognised import RecognisedPage, UncertainLine
from . import engine
from .cells import detect_page
from .orient import quarter_turns, turn_box, turn_image
from .prepare import find_seals, is_colour, level, skew_angle, suppress_seals, to_grey
from .rules import ruling_edges

if TYPE_CHECKING:
    import numpy.typing as npt

# a line the recogniser is less sure of than this becomes a warning
LOW_CONFIDENCE = 0.8
# a gap between two characters of one box wider than this share of the text size is a space
# (two items of a signature line, set a space apart); in a table cell only a wider one is (a
# cell's justified lines show gaps as wide as a space between some glyphs, and a cell lists
# its items with 、 or ， rather than spaces)
_GAP = 0.25
_CELL_GAP = 0.6
# darker than this is ink when looking for blanks (the light edge of a thin stroke is ink)
_INK = 200
# box heights within these shares of the body text's are body text
_BODY = (0.8, 1.22)
# a 发文字号's year in brackets the recogniser mixed up: [2023】 → 〔2023〕
_YEAR_BRACKETS = regex.compile(r"[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(?=\d{1,5}\s*号)")
# "-3-", "一3一", "—3—": the recogniser's reading of a GB/T 9704 page number "— 3 —"
_HAN = regex.compile(r"\p{Han}")
# a space the recogniser put beside a bracket or a full-width mark: not in the print
_LOOSE = regex.compile(r"(?<=[\p{Ps}\p{Pe}，。、；：！？])\s+|\s+(?=[\p{Ps}\p{Pe}，。、；：！？])")
_PAGE_NUMBER = regex.compile(r"^[-一—–－~～]\s*(\d{1,4})\s*[-一—–－~～]$")


class RapidRecogniser:
    """The ``Recogniser`` the PDF and image loaders are given (see ``load/recognised.py``)."""

    @property
    def engine(self) -> str:
        return engine.engine_name()

    @property
    def dpi(self) -> int:
        return engine.DPI

    def read(self, image: npt.NDArray[np.uint8], dpi: float, page: int) -> RecognisedPage:
        scale = dpi / 72
        seals = find_seals(image, dpi) if is_colour(image) else []
        grey = suppress_seals(image, seals) if seals else to_grey(image)
        turns = quarter_turns(grey)
        seals = [turn_box(seal, turns, grey.shape) for seal in seals]
        grey = turn_image(grey, turns)
        angle = skew_angle(grey)
        grey = level(grey, angle)
        edges = ruling_edges(grey, dpi)
        page_boxes, cell_boxes = detect_page(grey, ruled_tables(edges), scale)
        chars, uncertain = _chars(page_boxes, scale, grey)
        if cell_boxes:
            in_cells, unsure = _chars(cell_boxes, scale, grey, _CELL_GAP)
            chars, uncertain = chars + in_cells, uncertain + unsure
        height, width = grey.shape
        return RecognisedPage(
            chars=chars,
            edges=edges,
            seals=[(x0 / scale, y0 / scale, x1 / scale, y1 / scale) for x0, y0, x1, y1 in seals],
            uncertain=uncertain,
            skew=angle,
            width=width / scale,
            height=height / scale,
        )


def _chars(
    detections: list[engine.Detection],
    scale: float,
    grey: npt.NDArray[np.uint8],
    gap: float = _GAP,
) -> tuple[list[dict[str, Any]], list[UncertainLine]]:
    boxes = []
    for points, text, score, words in detections:
        xs = [p[0] / scale for p in points]
        ys = [p[1] / scale for p in points]
        text = _tidy(text)
        if text:
            boxes.append(((min(xs), min(ys), max(xs), max(ys)), text, score, words))
    sizes = _sizes([box[3] - box[1] for box, _, _, _ in boxes], [len(t) for _, t, _, _ in boxes])
    chars: list[dict[str, Any]] = []
    uncertain = []
    for (box, text, score, words), size in zip(boxes, sizes, strict=True):
        placed = _place(text, box, words, scale, size)
        chars += _spaced(placed, _blank_runs(grey, box, scale), gap * size)
        if score < LOW_CONFIDENCE and not _PAGE_NUMBER.match(text):
            uncertain.append(UncertainLine(text, box, round(score, 3)))
    return chars, uncertain


def _tidy(text: str) -> str:
    text = _LOOSE.sub("", _YEAR_BRACKETS.sub(r"〔\1〕", text.strip()))
    number = _PAGE_NUMBER.match(text)
    return f"— {number.group(1)} —" if number else text


def _sizes(heights: list[float], lengths: list[int]) -> list[float]:
    """Box heights snapped to the sizes of the page's fonts, so that jitter of a pixel or two
    does not read as a change of font when lines are joined: heights near the body's (the
    median of lines of 8 characters or more) are the body size; the others (titles, the
    masthead) are grouped with those within 12% of them."""
    long = [h for h, n in zip(heights, lengths, strict=True) if n >= 8]
    body = statistics.median(long) if long else 0.0
    out = list(heights)
    rest = []
    for i, height in enumerate(heights):
        if body and _BODY[0] * body <= height <= _BODY[1] * body:
            out[i] = body
        else:
            rest.append(i)
    group: list[int] = []
    for i in [*sorted(rest, key=lambda i: heights[i]), -1]:
        if group and (i < 0 or heights[i] > heights[group[0]] * 1.12):
            median = statistics.median(heights[g] for g in group)
            for g in group:
                out[g] = median
            group = []
        if i >= 0:
            group.append(i)
    return out


def _place(
    text: str,
    box: tuple[float, float, float, float],
    words: list[list[list[float]]],
    scale: float,
    size: float,
) -> list[dict[str, Any]]:
    """Characters of one box: at their own boxes when the recogniser gave one per character,
    else spread evenly over the box."""
    x0, top, x1, bottom = box
    if len(words) == len(text):
        spans = [(min(p[0] for p in w) / scale, max(p[0] for p in w) / scale) for w in words]
    else:
        step = (x1 - x0) / len(text)
        spans = [(x0 + i * step, x0 + (i + 1) * step) for i in range(len(text))]
    # one box is one run of print: each character reaches the next (the line grouping would
    # read a gap as a space); a real gap is put back as a space by ``_spaced``
    ends = [max(a for a, _ in spans[i + 1 : i + 2]) for i in range(len(spans) - 1)]
    ends.append(spans[-1][1])
    return [
        {"text": char, "x0": a, "x1": max(b, a + 0.1), "top": top, "bottom": bottom, "size": size}
        for char, (a, _), b in zip(text, spans, ends, strict=True)
    ]


def _blank_runs(
    grey: npt.NDArray[np.uint8], box: tuple[float, float, float, float], scale: float
) -> list[tuple[float, float]]:
    """Runs of blank columns inside a text box (points): where the ink stops."""
    x0, top, x1, bottom = (round(v * scale) for v in box)
    band = grey[max(0, top + 2) : max(top + 3, bottom - 2), max(0, x0) : max(x0 + 1, x1)]
    inked: list[bool] = np.asarray(band < _INK).any(axis=0).astype(bool).tolist()
    runs = []
    start: int | None = None
    for i, ink in enumerate(inked):
        if not ink and start is None:
            start = i
        elif ink and start is not None:
            if start > 0:  # a blank between two inked columns, not the box's margin
                runs.append(((x0 + start) / scale, (x0 + i) / scale))
            start = None
    return runs


def _spaced(
    chars: list[dict[str, Any]], runs: list[tuple[float, float]], least: float
) -> list[dict[str, Any]]:
    """A space where a blank wider than ``least`` points separates two Chinese
    characters (not punctuation, whose glyph is half blank; not digits, which are half
    width): two items of a signature line."""
    wide = [(a, b) for a, b in runs if b - a > least]
    out = chars[:1]
    for before, after in itertools.pairwise(chars):
        left = (before["x0"] + before["x1"]) / 2
        right = (after["x0"] + after["x1"]) / 2
        if (
            _HAN.match(before["text"])
            and _HAN.match(after["text"])
            and any(left < (a + b) / 2 < right for a, b in wide)
        ):
            out.append({**before, "text": " ", "x0": before["x1"], "x1": after["x0"]})
        out.append(after)
    return out
