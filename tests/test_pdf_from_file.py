"""A large PDF is read by PDFium from the file still open, its bytes let go once checked: what
it reads is what the bytes in memory read (here every PDF counts as large)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES
from jiufeng_extract import ExtractOptions, extract_path
from jiufeng_extract.errors import InputError
from jiufeng_extract.formats import OcrMode
from jiufeng_extract.load.pdf import pages
from jiufeng_extract.load.source import Held, held_input
from jiufeng_extract.pipeline import extract_data

SEAL = (
    Path(__file__).parent
    / "data"
    / "renderings"
    / "pdf"
    / "national-2024-jiufeng-gbt-seal-image.pdf"
)


@pytest.mark.parametrize(
    "path", [SAMPLES / "national-2024-jiufeng.pdf", SEAL], ids=lambda p: p.name
)
def test_read_from_the_file_as_from_the_bytes(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    options = ExtractOptions(ocr=OcrMode.NEVER)
    in_memory = extract_data(path.read_bytes(), str(path), options).model_dump_json()
    monkeypatch.setattr(pages, "_FROM_FILE", 0)
    assert extract_path(path, options).model_dump_json() == in_memory


def test_the_bytes_are_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "_FROM_FILE", 0)
    path = SAMPLES / "national-2024-jiufeng.pdf"
    with held_input(path, 10**9) as held:
        count, read = pages.read_pages(held, str(path))
        assert held.data == b""  # PDFium reads the open file
        assert len(list(read)) == count


def test_a_damaged_file_read_from_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "_FROM_FILE", 0)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((SAMPLES / "national-2024-jiufeng.pdf").read_bytes()[:5000])
    with pytest.raises(InputError, match="damaged PDF"):
        extract_path(cut, ExtractOptions(ocr=OcrMode.NEVER))


def test_bytes_alone_are_read_as_before() -> None:
    data = (SAMPLES / "national-2024-jiufeng.pdf").read_bytes()
    count, read = pages.read_pages(Held(data), "n.pdf")
    assert len(list(read)) == count == 9
