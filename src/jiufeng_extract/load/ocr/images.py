"""Image files (PNG, JPEG, TIFF with any number of pages) → page images, one at a time, with
the resolution they were scanned at (300 dpi when the file does not say)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import InputError, describe

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_DEFAULT_DPI = 300.0
MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def is_image(data: bytes) -> bool:
    return data.startswith(MAGIC)


def page_count(data: bytes, path: str) -> int:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return int(getattr(image, "n_frames", 1))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InputError(f"damaged image: {describe(exc)}", path) from None


def page_images(data: bytes, path: str) -> Iterator[tuple[npt.NDArray[np.uint8], float]]:
    """Each frame as RGB (or grey) pixels, and its dpi."""
    import numpy as np
    from PIL import Image, ImageSequence

    try:
        with Image.open(io.BytesIO(data)) as image:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                dpi = frame.info.get("dpi", (_DEFAULT_DPI, _DEFAULT_DPI))[0] or _DEFAULT_DPI
                try:
                    pixels = frame.convert("L" if frame.mode in ("1", "L", "I;16") else "RGB")
                    yield np.asarray(pixels, dtype=np.uint8), float(dpi)
                except (OSError, ValueError) as exc:
                    raise InputError(
                        f"damaged image, page {number}: {describe(exc)}", path
                    ) from None
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InputError(f"damaged image: {describe(exc)}", path) from None
