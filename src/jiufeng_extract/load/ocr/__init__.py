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
    from .page import RapidRecogniser


def recogniser() -> RapidRecogniser | None:
    """The recogniser, or None when the ``ocr`` extra is not installed.

    ``engine`` and ``page`` (and through it OpenCV, which comes with the extra) are imported
    only here, so a base install reads born-digital files without the extra, and a file
    that is no image does not pay for them.
    """
    from .engine import available

    if not available():
        return None
    from .page import RapidRecogniser

    return RapidRecogniser()


__all__ = ["is_image", "page_count", "page_images", "recogniser"]
