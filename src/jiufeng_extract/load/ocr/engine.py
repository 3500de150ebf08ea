"""The OCR engine: rapidocr-onnxruntime (PP-OCRv4 detection and recognition on ONNX Runtime,
CPU only; its wheel ships the models, so nothing is downloaded).

Settings chosen for documents on a laptop CPU rather than the engine's defaults: pages are
rendered at 150 dpi (a 16 pt line is 33 px high, plenty for the recogniser's 48 px input), the
detector sees the page at most ``DET_SIDE`` px on its long side, the direction classifier is
off (pages are levelled before recognition), text lines are recognised one at a time (a batch
pads every line to the longest one's width: measured 2-3 times slower on a dense page) and ONNX
Runtime runs on one thread (on 2 shared cores one thread was 2-3 times faster than two:
threads that wait on each other lose more than they gain; ``batch -j`` uses the other core).
"""

from __future__ import annotations

import importlib.util
import logging
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

PACKAGE = "rapidocr-onnxruntime"
DPI = 150
DET_SIDE = 1280
_engine: Any = None


def available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def engine_name() -> str:
    return f"{PACKAGE} {metadata.version(PACKAGE)}"


def engine() -> Any:
    """The engine, built once per process (loading the models takes about a second)."""
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        _engine = RapidOCR(
            det_limit_type="max",
            det_limit_side_len=DET_SIDE,
            max_side_len=4096,
            use_cls=False,
            rec_batch_num=1,
            intra_op_num_threads=1,
            inter_op_num_threads=1,
        )
    return _engine


Detection = tuple[list[list[float]], str, float, list[list[list[float]]]]


def detect(image: npt.NDArray[np.uint8]) -> list[Detection]:
    """Text boxes of a (grey) page image: (corner points, text, confidence, per-character
    boxes), in image pixels."""
    result, _ = engine()(image, return_word_box=True)
    out: list[Detection] = []
    for item in result or []:
        points, text, score = item[0], item[1], item[2]
        words = item[3] if len(item) > 3 and item[3] else []
        out.append((points, str(text), float(score), words))
    return out
