"""A page image made ready for recognition: red seals taken out, the page turned grey and
levelled.

Seals: the red ink of a seal covers the 发文机关署名 and the 成文日期 printed under it. Whitening
every red pixel loses those words too (where black print lies under red ink the scan shows dark
red), so inside a seal bright red becomes paper and darker red becomes grey ink. Only the seal
areas are touched: the red 发文机关标志 (masthead) and the red rule under it are left as they
are, and come out dark grey like any print. A seal is a red blob about as tall as a seal is
(30 to 60 mm), one seal wide or a few overlapping ones; a masthead is much lower than that.

Skew: the angle (within ±3°) at which the rows of ink line up best, that is where the
profile of ink per row varies most, found on a small copy of the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

    Image = npt.NDArray[np.uint8]

PixelBox = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels

_MM_PER_INCH = 25.4
_SEAL_HEIGHT_MM = (30.0, 60.0)
_SEAL_MAX_WIDTHS = 3.2  # three overlapping seals of a joint circular
_REDNESS = 50  # red channel above the larger of green and blue: red ink
_BRIGHT_RED = 160  # red channel at or above: seal ink over paper
_MAX_SKEW = 3.0


def red_mask(rgb: Image) -> Image:
    r = rgb[:, :, 0].astype(np.int16)
    others = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    return np.asarray((r - others > _REDNESS) & (r > 90), dtype=np.uint8)


def find_seals(rgb: Image, dpi: float) -> list[PixelBox]:
    """Boxes of red blobs shaped like seals."""
    mm = dpi / _MM_PER_INCH
    mask = red_mask(rgb)
    if int(mask.sum()) < (5 * mm) ** 2:
        return []
    size = max(3, int(2 * mm))
    closed = cv2.dilate(mask, np.ones((size, size), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(closed)
    seals = []
    for x, y, w, h, _area in stats[1:count]:
        low, high = _SEAL_HEIGHT_MM[0] * mm, _SEAL_HEIGHT_MM[1] * mm
        if low <= h <= high and 0.7 * h <= w <= _SEAL_MAX_WIDTHS * h:
            seals.append((int(x), int(y), int(x + w), int(y + h)))
    return seals


def suppress_seals(rgb: Image, seals: list[PixelBox]) -> Image:
    """The page in grey, with the seals' red ink turned to paper (bright) or grey (dark)."""
    grey = to_grey(rgb).copy()
    for x0, y0, x1, y1 in seals:
        part = rgb[y0:y1, x0:x1].astype(np.int16)
        r = part[:, :, 0]
        others = np.maximum(part[:, :, 1], part[:, :, 2])
        red = r - others > 30
        target = grey[y0:y1, x0:x1]
        target[red & (r >= _BRIGHT_RED)] = 255
        dark = red & (r < _BRIGHT_RED)
        target[dark] = ((r[dark] + others[dark]) // 2).astype(np.uint8)
    return grey


def is_colour(image: Image) -> bool:
    if image.ndim != 3:
        return False
    sample = image[::7, ::7].astype(np.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return bool((spread > 40).mean() > 0.0005)


def to_grey(image: Image) -> Image:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        image = np.ascontiguousarray(image[:, :, :3])
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


def _rotate(image: npt.NDArray[Any], angle: float, fill: int = 255) -> npt.NDArray[Any]:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        image,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )


def skew_angle(grey: Image) -> float:
    """Degrees to turn the page (``cv2`` sense) so that its text lines are level."""
    h, w = grey.shape
    scale = 800 / max(h, w)
    small = cv2.resize(grey, (max(1, int(w * scale)), max(1, int(h * scale))))
    ink = (small < 160).astype(np.float32)
    if ink.sum() < 50:
        return 0.0

    def score(angle: float) -> float:
        return float(np.var(_rotate(ink, angle, fill=0).sum(axis=1)))

    coarse = [a / 2 for a in range(int(-2 * _MAX_SKEW), int(2 * _MAX_SKEW) + 1)]
    best: float = max(coarse, key=score)
    fine = [best + d / 10 for d in range(-5, 6) if abs(best + d / 10) <= _MAX_SKEW]
    angle: float = max(fine, key=score)
    return round(angle, 1)


def level(grey: Image, angle: float) -> Image:
    return grey if abs(angle) < 0.1 else np.asarray(_rotate(grey, angle), dtype=np.uint8)
