"""A page drawn as an image for OCR (Pillow, which comes with the ``ocr`` extra): its images
(``ImageObject`` → ``MultiMedia`` file) scaled into their boxes, then its characters drawn
with their embedded fonts, as the codes the font draws. That is enough for the pages OCR is
for: a scan put in an OFD, and text whose font has no Unicode map (Pillow draws the
private-use code through the font's own cmap). Characters in fonts the package does not
embed, and images Pillow cannot decode (JBIG2), are not drawn.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any

from ...errors import InputError
from .content import Drawn
from .package import Package
from .resources import Resources

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_MAX_PIXELS = 60_000_000  # a page bigger than this at the recogniser's dpi is drawn smaller
_DESCENT = 0.12  # of the em below the baseline, as content.py places characters


def page_image(
    package: Package,
    resources: Resources,
    drawn: Drawn,
    size: tuple[float, float],
    dpi: float,
) -> tuple[npt.NDArray[np.uint8], float] | None:
    """The page (``size`` in points) as RGB pixels, and the dpi it was drawn at; None when
    nothing could be drawn (its images missing or undecodable, its fonts not embedded)."""
    import numpy as np
    from PIL import Image, ImageDraw

    width, height = size
    dpi = min(dpi, 72 * math.sqrt(_MAX_PIXELS / max(width * height, 1.0)))
    scale = dpi / 72
    canvas = Image.new(
        "RGB", (max(1, round(width * scale)), max(1, round(height * scale))), "white"
    )
    painted = 0
    for resource_id, box in drawn.images:
        name = resources.media.get(resource_id)
        picture = _picture(package, name) if name else None
        if picture is None:
            continue
        x0, top, x1, bottom = (round(v * scale) for v in box)
        if x1 - x0 < 1 or bottom - top < 1:
            continue
        picture = picture.resize((x1 - x0, bottom - top))
        canvas.paste(picture, (x0, top), picture if picture.mode == "RGBA" else None)
        painted += 1
    draw = ImageDraw.Draw(canvas)
    fonts: dict[tuple[str, int], Any] = {}
    for char in drawn.chars:
        name = resources.fonts.get(char.get("font") or "")
        pixels = round(char["size"] * scale)
        if name is None or pixels < 1:
            continue
        if (name, pixels) not in fonts:
            fonts[name, pixels] = _font(package, name, pixels)
        font = fonts[name, pixels]
        if font is not None:
            baseline = (char["bottom"] - _DESCENT * char["size"]) * scale
            draw.text((char["x0"] * scale, baseline), char["code"], "black", font, anchor="ls")
            painted += 1
    return (np.asarray(canvas, dtype=np.uint8), dpi) if painted else None


def _picture(package: Package, name: str) -> Any:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(package.read(name))) as picture:
            return picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    except (InputError, OSError, ValueError, Image.DecompressionBombError):
        return None  # not an image Pillow decodes: the page is read without it


def _font(package: Package, name: str, pixels: int) -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.truetype(io.BytesIO(package.read(name)), pixels)
    except (InputError, OSError, ValueError):
        return None
