"""Coverage-guided fuzzing of the readers and the pipeline behind them (atheris, libFuzzer).

Any input must give a result or one of the project's own errors (``JiufengError``); anything
else is a crash, written to ``fuzz/findings/`` for a regression test. The first byte picks the
reader, so one corpus reaches them all:

- the loaders by content (PDF, OFD, DOCX, HTML, text), then the pipeline;
- the OCR reader's image decoding (PNG, JPEG, TIFF: page count and page images; recognition
  itself is the model's, too slow to fuzz);
- the JSON and YAML readers of ``diff``/``units``/``check`` (bounded, then the model) and of
  ``validate`` (bounded, then the schema).

``make fuzz`` runs this for a bounded time over a corpus seeded with the samples, e.g.:

    python fuzz/fuzz_loaders.py -max_total_time=120 -timeout=20 -rss_limit_mb=2048 CORPUS
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import atheris

# only our code is instrumented: instrumenting ctypes and C-backed libraries breaks them
with atheris.instrument_imports(include=["jiufeng_extract"]):
    from jiufeng_extract.errors import JiufengError
    from jiufeng_extract.formats import OcrMode
    from jiufeng_extract.load import ocr
    from jiufeng_extract.load.dispatch import load_data
    from jiufeng_extract.load.structured import load_structured
    from jiufeng_extract.options import ExtractOptions
    from jiufeng_extract.pipeline import build_circular
    from jiufeng_extract.reuse import read_circular_data
    from jiufeng_extract.validate import schema_problems

OPTIONS = ExtractOptions(max_pages=50, ocr=OcrMode.NEVER)
# the suffix only matters to tell HTML from text
SUFFIXES = (Path("fuzz.txt"), Path("fuzz.html"))


def _document(data: bytes, pick: int) -> None:
    build_circular(load_data(data, SUFFIXES[pick % 2], OPTIONS))


def _image(data: bytes) -> None:
    if ocr.is_image(data) and ocr.page_count(data, "fuzz.png") <= 4:
        for _ in ocr.page_images(data, "fuzz.png"):
            pass


def _extracted(data: bytes, pick: int) -> None:
    read_circular_data(data, "fuzz.json", OPTIONS)
    schema_problems(load_structured(data, "fuzz.yaml", as_json=pick % 2 == 0))


def test_one_input(data: bytes) -> None:
    pick = data[0] if data else 0
    with contextlib.suppress(JiufengError):
        if pick % 4 < 2:
            _document(data, pick)
        elif pick % 4 == 2:
            _image(data)
        else:
            _extracted(data, pick // 4)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
