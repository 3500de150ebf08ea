"""What OCR hands the paged loader: a page read from its image, in page coordinates.

The PDF loader and the OCR package never import each other (each loader stands alone);
``dispatch`` hands the PDF loader a ``Recogniser`` and both speak these types. Characters are
the dicts the PDF text layer gives (text, x0, x1, top, bottom, size, in points from the
top-left of the upright page), so line grouping, table geometry, furniture and paragraph
assembly work on an OCRed page unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

# how a message about a scan says what to do when OCR is not at hand
OCR_EXTRA_HINT = "install the OCR extra: pip install 'jiufeng-extract[ocr]'"
OCR_NEVER_HINT = "OCR is off: --ocr never"


@dataclass
class UncertainLine:
    text: str
    box: Box
    confidence: float


@dataclass
class RecognisedPage:
    chars: list[dict[str, Any]]
    # ruling lines found in the image, as pdfplumber's edge dicts (x0, x1, top, bottom,
    # width, height, orientation "h" or "v"): the PDF loader's table geometry makes cells
    edges: list[dict[str, Any]] = field(default_factory=list)
    seals: list[Box] = field(default_factory=list)  # red seals removed before recognition
    uncertain: list[UncertainLine] = field(default_factory=list)
    skew: float = 0.0  # degrees the image was turned to level its lines
    # the page's size in points once upright (a sideways sheet is turned)
    width: float = 0.0
    height: float = 0.0


class Recogniser(Protocol):
    """Reads one page image; ``dpi`` is the resolution it wants pages rendered at."""

    @property
    def engine(self) -> str: ...

    @property
    def dpi(self) -> int: ...

    def read(self, image: npt.NDArray[np.uint8], dpi: float, page: int) -> RecognisedPage: ...
