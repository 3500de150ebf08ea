"""One page's ``Content.xml`` (and its template pages') → characters and straight rules.

Every ``Layer`` is read, ``PageBlock`` nesting followed; a ``TextObject`` places its
``TextCode`` characters at ``X``/``Y`` and then by ``DeltaX``/``DeltaY`` (the ``g n v`` form
repeats ``v`` ``n`` times; where the list runs out, a glyph's own width is the advance), in
the object's space: ``CTM`` first, then the offset of the ``Boundary``. ``PathObject``
segments (``AbbreviatedData``) become table-finder edges the same way. Annotations
(watermarks, stamps drawn as annotations) live in other parts and are never read; text turned
diagonally by its ``CTM`` is a watermark drawn as content, and is left out too, as is text in
a ``Boundary`` without area (clipped away: invisible).

Coordinates come out as the PDF loader's: points from the top-left of the page (OFD works in
millimetres with y down, so only the unit changes).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from ..fixed import Box, Char, Edge, edge
from .fonts import FontMaps
from .package import local

if TYPE_CHECKING:
    from lxml import etree

PT_PER_MM = 72 / 25.4
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# where the advance is not given: Latin letters, digits and half-width forms take half an em,
# everything else (Han, CJK punctuation, full-width forms) a whole one; a glyph is never wider
# than the step to the next one, so an overestimate costs nothing inside a run
_NARROW = regex.compile(r"[\u0000-\u024f\uff61-\uffdc]")
_ASCENT, _DESCENT = 0.88, 0.12  # of the em, above and below the baseline
_ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
_OBJECTS = {"TextObject", "PathObject", "ImageObject", "PageBlock", "CompositeObject"}


@dataclass
class Drawn:
    """What a page draws, in points: characters (each with the ID of its font), straight
    rules, and the images with the boxes they fill (resource ID, box)."""

    chars: list[Char] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    images: list[tuple[str, Box]] = field(default_factory=list)


def numbers(value: str | None) -> list[float]:
    """A list of numbers, with the ``g n v`` repetition expanded: "g 3 1.5 2" → 1.5 1.5 1.5 2."""
    tokens = (value or "").replace(",", " ").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                count, step = int(_finite(tokens[i + 1])), _finite(tokens[i + 2])
            except ValueError:
                break
            out.extend([step] * max(0, min(count, 100_000)))
            i += 3
            continue
        with contextlib.suppress(ValueError):
            out.append(_finite(tokens[i]))
        i += 1
    return out


def _matrix(value: str | None) -> Matrix:
    values = numbers(value)
    return tuple(values[:6]) if len(values) >= 6 else _IDENTITY  # type: ignore[return-value]


def _boundary(value: str | None) -> tuple[float, float, bool]:
    """The Boundary's origin, and whether it has no area (everything in it is clipped away)."""
    values = numbers(value)
    empty = len(values) >= 4 and (abs(values[2]) < 1e-3 or abs(values[3]) < 1e-3)
    return (values[0], values[1], empty) if len(values) >= 2 else (0.0, 0.0, False)


class _Space:
    """Object space → page points: the object's CTM, then its Boundary's offset."""

    def __init__(self, element: etree._Element) -> None:
        self.ctm = _matrix(element.get("CTM"))
        self.dx, self.dy, self.empty = _boundary(element.get("Boundary"))
        a, b, c, d, _, _ = self.ctm
        self.scale = math.sqrt(abs(a * d - b * c)) or 1.0
        # turned by neither 0 nor a multiple of 90 degrees: a watermark across the page
        self.diagonal = abs(a) > 0.05 * self.scale and abs(b) > 0.05 * self.scale

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return (
            (a * x + c * y + e + self.dx) * PT_PER_MM,
            (b * x + d * y + f + self.dy) * PT_PER_MM,
        )

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        corners = [self.point(x, y) for x in (x0, x1) for y in (y0, y1)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        return min(xs), min(ys), max(xs), max(ys)


def read_content(page: etree._Element, drawn: Drawn, fonts: FontMaps | None = None) -> None:
    """Add what the page (or template page) element draws to ``drawn``; ``fonts`` reads
    private-use codes back through the embedded fonts."""
    for element in _objects(page):
        kind = local(element)
        if kind == "TextObject":
            drawn.chars.extend(_text_chars(element, fonts))
        elif kind == "PathObject":
            drawn.edges.extend(_path_edges(element))
        elif kind == "ImageObject":
            space = _Space(element)  # the image fills the unit square of its CTM
            if not space.empty:
                drawn.images.append((element.get("ResourceID", ""), space.box(0, 0, 1, 1)))


def _objects(page: etree._Element) -> Iterator[etree._Element]:
    """Graphic objects in drawing order, through Content → Layer → PageBlock nesting."""
    for content in page:
        if local(content) != "Content":
            continue
        for layer in content:
            yield from _walk(layer)


def _walk(container: etree._Element) -> Iterator[etree._Element]:
    for element in container:
        kind = local(element)
        if kind == "PageBlock":
            yield from _walk(element)
        elif kind in _OBJECTS:
            yield element


def _glyph_width(char: str) -> float:
    return 0.5 if _NARROW.match(char) else 1.0


def _text_chars(text_object: etree._Element, fonts: FontMaps | None) -> list[Char]:
    space = _Space(text_object)
    font = text_object.get("Font")
    try:
        size = _finite(text_object.get("Size", "0"))
        hscale = _finite(text_object.get("HScale", "1") or "1")
    except ValueError:
        size, hscale = 0.0, 1.0
    if size <= 0 or space.diagonal or space.empty:
        return []
    chars: list[Char] = []
    x = y = 0.0
    for code in text_object:
        if local(code) != "TextCode":
            continue
        drawn = "".join(str(part) for part in code.itertext())
        text = fonts.decode(font, drawn) if fonts is not None else drawn
        x = _float(code.get("X"), x)
        y = _float(code.get("Y"), y)
        dxs, dys = numbers(code.get("DeltaX")), numbers(code.get("DeltaY"))
        for i, char in enumerate(text):
            width = _glyph_width(char) * size * hscale
            step = dxs[i] if i < len(dxs) else width
            if 0 < step < width:
                width = step  # condensed: the glyph is no wider than its advance
            x0, top, x1, bottom = space.box(x, y - _ASCENT * size, x + width, y + _DESCENT * size)
            chars.append(
                {
                    "text": char,
                    "code": drawn[i],  # what the font draws: the page image is made with it
                    "font": font,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "size": size * space.scale * PT_PER_MM,
                }
            )
            x += step
            y += dys[i] if i < len(dys) else 0.0
    return chars


def _float(value: str | None, default: float) -> float:
    try:
        return _finite(value) if value is not None else default
    except ValueError:
        return default


def _finite(token: str) -> float:
    """A number as OFD writes one; "nan", "inf" and overflowing values are no coordinates."""
    value = float(token)
    if not math.isfinite(value) or abs(value) > 1e7:
        raise ValueError(token)
    return value


def _path_edges(path_object: etree._Element) -> list[Edge]:
    data = next((c for c in path_object if local(c) == "AbbreviatedData"), None)
    if data is None or not data.text:
        return []
    space = _Space(path_object)
    tokens = data.text.split()
    edges: list[Edge] = []
    current: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    i = 0
    while i < len(tokens):
        command = tokens[i]
        count = _ARGS.get(command)
        if count is None:
            i += 1  # a stray number or an unknown command
            continue
        args = numbers(" ".join(tokens[i + 1 : i + 1 + count]))
        i += 1 + count
        if len(args) < count:
            break
        if command == "C":
            if current is not None and start is not None:
                edges += _segment(current, start)
            current = start
            continue
        point = space.point(args[-2], args[-1])
        if command == "L" and current is not None:
            edges += _segment(current, point)
        if command in ("S", "M"):
            start = point
        current = point
    return edges


def _segment(a: tuple[float, float], b: tuple[float, float]) -> list[Edge]:
    return edge(a[0], a[1], b[0], b[1])
