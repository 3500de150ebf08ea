"""The OCR engine: rapidocr-onnxruntime (PP-OCRv4 detection and recognition on ONNX Runtime,
CPU only; its wheel ships the models, so nothing is downloaded).

Settings chosen for documents on a laptop CPU rather than the engine's defaults: pages are
rendered at 150 dpi (a 16 pt line is 33 px high, plenty for the recogniser's 48 px input), the
detector sees the page at most ``DET_SIDE`` px on its long side (the engine's own ``max`` limit
picks 960, 1500 or 2000 px by the image's size and ignores the setting, so its preprocessing
is replaced: a 150 dpi A4 page went to the detector whole, 1754 px high), the direction
classifier is off (pages are levelled and turned upright before recognition), text lines are
recognised one at a time (a batch of 4 was as slow or slower, measured alternately) and ONNX
Runtime runs on up to 2 threads that sleep rather than spin while they wait (spinning threads
made two threads 1.8 times slower than one on the shared 2 cores; sleeping ones are no slower
there and use the second core when it is free).
"""

from __future__ import annotations

import importlib.util
import logging
import os
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

PACKAGE = "rapidocr-onnxruntime"
DPI = 150
DET_SIDE = 960
THREADS = min(2, os.cpu_count() or 1)
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
            intra_op_num_threads=THREADS,
            inter_op_num_threads=1,
        )
        _tune(_engine)
    return _engine


def _tune(built: Any) -> None:
    """The detector held to ``DET_SIDE``, and the detector's and recogniser's sessions rebuilt
    with threads that do not spin (rapidocr-onnxruntime 1.4.4 sets neither)."""
    import onnxruntime
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path

    det = built.text_det
    det.get_preprocess = lambda _side: DetPreProcess(DET_SIDE, "max", det.mean, det.std)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.intra_op_num_threads = THREADS
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    models = update_model_path(read_yaml(DEFAULT_CFG_PATH))
    for wrapper, part in ((det.infer, "Det"), (built.text_rec.session, "Rec")):
        wrapper.session = onnxruntime.InferenceSession(
            models[part]["model_path"], sess_options=options, providers=["CPUExecutionProvider"]
        )


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


def text_boxes(image: npt.NDArray[np.uint8]) -> list[list[list[float]]]:
    """Corner points of the text boxes the detector finds, nothing recognised."""
    result, _ = engine()(image, use_rec=False)
    return [[[float(v) for v in point] for point in box] for box in result or []]


def upside_down(lines: list[npt.NDArray[np.uint8]]) -> list[bool]:
    """For each (grey) image of a text line, whether the direction classifier reads it
    turned half round."""
    import cv2

    _, labels, _ = engine().text_cls([cv2.cvtColor(line, cv2.COLOR_GRAY2BGR) for line in lines])
    return [str(label) == "180" for label, _score in labels]
