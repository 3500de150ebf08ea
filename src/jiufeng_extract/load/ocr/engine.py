"""The OCR engine: rapidocr-onnxruntime (PP-OCRv4 detection and recognition on ONNX Runtime,
CPU only; its wheel ships the models, so nothing is downloaded).

Settings chosen for documents on a laptop CPU rather than the engine's defaults: pages are
rendered at 150 dpi (a 16 pt line is 33 px high, plenty for the recogniser's 48 px input), the
detector sees the page at most ``DET_SIDE`` px on its long side (the engine's own ``max`` limit
picks 960, 1500 or 2000 px by the image's size and ignores the setting, so its preprocessing
is replaced: a 150 dpi A4 page went to the detector whole, 1754 px high), its input normalised
through a lookup table, the direction classifier is off (pages are levelled and turned upright
before recognition). The recogniser's cost grows with its input's width, and so with the
square of its height, and hardly at all with the number of calls (a batch of 4 or 6 lines was
as slow or slower than one at a time, measured alternately): a line of body text is read
``REC_HEIGHT`` px high rather than the model's 48 (a page of body text took 0.70-0.77 of the
processor time, and ``make eval`` kept every cover fact, task title and table row, body
characters 99.95% and 99.97%), table cells and short lines at the full 48 (a unit's name misread
at 40 decides a row; a page number "— 3 —" is short and cheap). Lines are read one at a time,
up to 2 at once, each on one thread of ONNX Runtime (two threads inside one line wait for each
other at every layer), while the detector, one large image, runs on up to 2 threads that sleep
rather than spin while they wait (spinning threads made two threads 1.8 times slower than one
on the shared 2 cores).
"""

from __future__ import annotations

import copy
import importlib.util
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

PACKAGE = "rapidocr-onnxruntime"
DPI = 150
DET_SIDE = 960
REC_HEIGHT = 40
FULL_HEIGHT = 48  # the recogniser's own: table cells, short lines
_LONG = 6.0  # a line this many times as wide as high (about 8 characters) is read at REC_HEIGHT
THREADS = min(2, os.cpu_count() or 1)
_engine: Any = None
_pool: ThreadPoolExecutor | None = None


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
    """The detector held to ``DET_SIDE``, its session rebuilt with threads that do not spin
    (rapidocr-onnxruntime 1.4.4 sets neither), and the recogniser's with one thread, its lines
    shared out over ``THREADS`` (``_ByLine``)."""
    import onnxruntime
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path

    det = built.text_det
    prepare = DetPreProcess(DET_SIDE, "max", det.mean, det.std)
    prepare.normalize = _normalizer(prepare.normalize)
    det.get_preprocess = lambda _side: prepare
    models = update_model_path(read_yaml(DEFAULT_CFG_PATH))
    for wrapper, part, threads in ((det.infer, "Det", THREADS), (built.text_rec.session, "Rec", 1)):
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 4
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        wrapper.session = onnxruntime.InferenceSession(
            models[part]["model_path"], sess_options=options, providers=["CPUExecutionProvider"]
        )
    built.text_rec = _ByLine(built.text_rec)


def _normalizer(normalize: Any) -> Any:
    """The detector's normalisation of its input (pixel values scaled, less the mean, over the
    spread, per channel), looked up in a table made by that same function from the 256 values
    a channel can take: the same numbers, 20 times sooner (the engine computes it in float64
    over the whole page, a tenth of a second a page)."""
    import numpy as np

    values = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)[None]
    tables = np.asarray(normalize(values), dtype=np.float32)[0]  # 256 values × 3 channels

    def looked_up(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
        if image.ndim != 3 or image.shape[2] != 3:
            return np.asarray(normalize(image), dtype=np.float32)
        out = np.empty(image.shape, np.float32)
        for channel in range(3):
            out[:, :, channel] = tables[:, channel][image[:, :, channel]]
        return out

    return looked_up


class _ByLine:
    """The recogniser, called as the engine calls it (a list of line images → their readings,
    and seconds), reading each line on its own, up to ``THREADS`` lines at once (ONNX Runtime
    runs one session's calls side by side and lets go of Python's lock while it computes), the
    widest first, so that no core is left with a long one at the end: a line at least
    ``_LONG`` times as wide as high ``height`` px high, a shorter one (a page number, a name,
    a date: little context, little cost) at ``FULL_HEIGHT``. Each reading is the one the line
    gets alone."""

    def __init__(self, recognise: Any) -> None:
        self._own = recognise
        self._at: dict[int, Any] = {}
        self.height = REC_HEIGHT

    def _recogniser(self, line: npt.NDArray[np.uint8]) -> Any:
        height = self.height if line.shape[1] >= _LONG * line.shape[0] else FULL_HEIGHT
        if height not in self._at:
            at = copy.copy(self._own)  # the same session and decoder, another input height
            at.rec_image_shape = [3, height, *self._own.rec_image_shape[2:]]
            self._at[height] = at
        return self._at[height]

    def _one(self, line: npt.NDArray[np.uint8], return_word_box: bool) -> tuple[Any, float]:
        readings, seconds = self._recogniser(line)([line], return_word_box)
        return readings[0], seconds

    def __call__(self, lines: list[Any], return_word_box: bool = False) -> tuple[list[Any], float]:
        global _pool
        order = sorted(range(len(lines)), key=lambda i: -lines[i].shape[1] / lines[i].shape[0])
        if THREADS < 2 or len(lines) < 2:
            done: Any = (self._one(lines[i], return_word_box) for i in order)
        else:
            if _pool is None:
                _pool = ThreadPoolExecutor(THREADS, thread_name_prefix="ocr-rec")
            done = _pool.map(lambda i: self._one(lines[i], return_word_box), order)
        out: list[Any] = [None] * len(lines)
        elapsed = 0.0
        for i, (reading, seconds) in zip(order, done, strict=True):
            out[i] = reading
            elapsed += seconds
        return out, elapsed


Detection = tuple[list[list[float]], str, float, list[list[list[float]]]]


def detect(image: npt.NDArray[np.uint8], height: int = REC_HEIGHT) -> list[Detection]:
    """Text boxes of a (grey) page image: (corner points, text, confidence, per-character
    boxes), in image pixels, each line recognised ``height`` px high."""
    built = engine()
    built.text_rec.height = height
    result, _ = built(image, return_word_box=True)
    out: list[Detection] = []
    for item in result or []:
        points, text, score = item[0], item[1], item[2]
        words = item[3] if len(item) > 3 and item[3] else []
        out.append((points, str(text), float(score), words))
    return out


def read_lines(
    image: npt.NDArray[np.uint8], boxes: list[tuple[int, int, int, int]], height: int
) -> list[Detection]:
    """The text of each box (x0, top, x1, bottom) of a (grey) page image that holds one line,
    recognised without a detection pass, ``height`` px high, the lines side by side: as
    ``detect`` gives it, a reading the engine would drop (score under its ``text_score``)
    left out."""
    import cv2
    import numpy as np
    from rapidocr_onnxruntime.cal_rec_boxes import CalRecBoxes

    if not boxes:
        return []
    built = engine()
    built.text_rec.height = height
    crops = [cv2.cvtColor(image[t:b, x0:x1], cv2.COLOR_GRAY2BGR) for x0, t, x1, b in boxes]
    readings, _ = built.text_rec(crops, True)
    quads = [
        np.array([[x0, t], [x1, t], [x1, b], [x0, b]], dtype=np.float32) for x0, t, x1, b in boxes
    ]
    out: list[Detection] = []
    for quad, (text, score, words, *_) in zip(
        quads, CalRecBoxes()(crops, quads, readings), strict=True
    ):
        if float(score) >= built.text_score:
            out.append((quad.tolist(), str(text), float(score), words or []))
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
