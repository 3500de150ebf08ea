"""Plain-text loader: decode, split into lines with page (form feed) and line numbers."""

from __future__ import annotations

from ..blocks import Line
from .decode import check_text, decode_bytes


def text_to_lines(text: str) -> tuple[list[Line], int | None]:
    """Split decoded text into lines; a form feed starts a new page. Returns (lines, page count)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paged = "\f" in text
    lines: list[Line] = []
    page = 1
    for number, raw in enumerate(text.split("\n"), start=1):
        pieces = raw.split("\f")
        for i, piece in enumerate(pieces):
            if i > 0:
                page += 1
            # empty lines are kept: they are the paragraph breaks of a text that has them
            lines.append(
                Line(piece if piece.strip() else "", page=page if paged else None, line=number)
            )
    return lines, (page if paged else None)


def load_text(data: bytes, path: str, encoding: str | None = None) -> tuple[list[Line], int | None]:
    return text_to_lines(check_text(decode_bytes(data, path, declared=encoding, forced=True), path))
