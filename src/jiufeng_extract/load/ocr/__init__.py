"""OCR: scanned pages and image files read by rapidocr-onnxruntime (the ``ocr`` extra).

``prepare`` takes red seals out (only inside the seals: the red masthead stays) and levels the
page; ``engine`` finds and reads the text boxes; ``page`` turns each box's characters into the
character boxes the PDF loader's line, table and paragraph geometry works on; ``images`` reads
PNG, JPEG and multi-page TIFF files. Imports the foundation and ``load/recognised.py`` only:
the PDF loader is handed a recogniser by ``dispatch`` and never imports this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .images import is_image, page_count, page_images

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from ..recognised import RecognisedPage
    from .page import RapidRecogniser


class LazyRecogniser:
    """The recogniser, ``page`` (and through it OpenCV, which comes with the extra) imported
    when the first page is read: a born-digital PDF, read with OCR on auto, never needs it
    (OpenCV alone adds tens of MB to the process)."""

    def __init__(self) -> None:
        self._loaded: RapidRecogniser | None = None

    @property
    def engine(self) -> str:
        from .engine import engine_name

        return engine_name()

    @property
    def dpi(self) -> int:
        from .engine import DPI

        return DPI

    def read(self, image: npt.NDArray[np.uint8], dpi: float, page: int) -> RecognisedPage:
        if self._loaded is None:
            from .page import RapidRecogniser

            self._loaded = RapidRecogniser()
        return self._loaded.read(image, dpi, page)


def recogniser() -> LazyRecogniser | None:
    """The recogniser, or None when the ``ocr`` extra is not installed (a base install reads
    born-digital files without the extra). ``engine`` is imported only here and by the
    recogniser, so a file that is no image does not pay for it."""
    from .engine import available

    if not available():
        return None
    return LazyRecogniser()


__all__ = ["is_image", "page_count", "page_images", "recogniser"]
