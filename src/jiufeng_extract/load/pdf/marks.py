"""What a PDF page draws besides its text and rules: glyphs that are not upright (a seal's name
set along its arc, a diagonal watermark), which stay out of the lines, and seals, a red ring
drawn as curved paths or a red round image about the size of a seal.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..fixed import Box, Char

if TYPE_CHECKING:
    import pypdfium2

# a glyph turned by more than this from the page's upright (radians, about 3 degrees)
_TILT = 0.05
# a seal is round and 20-80 mm across (points)
_SEAL_MIN, _SEAL_MAX = 56.0, 230.0
_RED_SHARE = 0.04  # of an image's pixels, for it to be a red seal
_ANGLE = itemgetter("angle")


def upright_and_turned(chars: list[Char]) -> tuple[list[Char], list[Char]]:
    """The page's text, set at the angle most of its glyphs share (upright as displayed, also
    on a page stored sideways), and apart the glyphs turned from it; each keeps its turn from
    the text's angle (radians, clockwise) under "angle" (an upright glyph's 0 stays as it was,
    whichever its sign). Worked out once per angle the page has (a few), not per glyph."""
    counts = Counter(map(_ANGLE, chars))
    if len(counts) <= 1:
        return chars, []  # every glyph at one angle: nothing is turned
    common: Counter[int] = Counter()
    for angle, count in counts.items():  # in the order the glyphs first show each angle
        if angle >= 0:
            common[round(math.degrees(angle)) % 360] += count
    upright = math.radians(common.most_common(1)[0][0]) if common else 0.0
    tilted: set[float] = set()
    moved: dict[float, float] = {}  # angle → its turn, where that is another number
    for angle in counts:
        turn = (angle - upright) % (2 * math.pi) if angle >= 0 else 0.0
        if min(turn, 2 * math.pi - turn) > _TILT:
            tilted.add(angle)
        if turn != angle:
            moved[angle] = turn
    text = [c for c in chars if c["angle"] not in tilted]
    turned = [c for c in chars if c["angle"] in tilted]
    for char in [c for c in chars if c["angle"] in moved]:  # on most pages a few glyphs
        char["angle"] = moved[char["angle"]]
    return text, turned


def seal_sized(box: Box) -> bool:
    """About as wide as tall, and the size of a seal."""
    width, height = box[2] - box[0], box[3] - box[1]
    return _SEAL_MIN <= width <= _SEAL_MAX and 0.8 <= width / max(height, 1e-6) <= 1.25


def _reddish(r: int, g: int, b: int) -> bool:
    return r >= 150 and g <= 110 and b <= 110


def seal_path(obj: Any, box: Box) -> bool:
    """A curved path (PDFium's handle) about as wide as tall, the size of a seal, stroked or
    filled red."""
    import pypdfium2.raw as pdfium_c

    if not seal_sized(box):
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for getter in (pdfium_c.FPDFPageObj_GetStrokeColor, pdfium_c.FPDFPageObj_GetFillColor):
        ok = getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
        if ok and a.value > 0 and _reddish(r.value, g.value, b.value):
            return True
    return False


def seal_image(obj: pypdfium2.PdfImage, box: Box) -> bool:
    """A square-ish image the size of a seal whose visible pixels are largely red."""
    if not seal_sized(box):
        return False
    import numpy as np
    import pypdfium2

    try:
        pixels = obj.get_bitmap(render=False).to_numpy()
    except pypdfium2.PdfiumError:  # an image PDFium cannot decode is no seal we can see
        return False
    if pixels.ndim != 3 or pixels.shape[2] < 3:
        return False
    # PDFium hands out BGR(A)
    blue, green, red = (pixels[..., i].astype(np.int16) for i in range(3))
    share = float(np.mean((red >= 150) & (green <= 110) & (blue <= 110)))
    return share >= _RED_SHARE
