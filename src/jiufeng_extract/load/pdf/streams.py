"""A bound on what a PDF's compressed streams inflate to, checked before PDFium reads them.

PDFium inflates a content stream whole: 1.5 MB of Flate can become 1.5 GB in memory. Each
Flate stream is inflated here once, in pieces that are counted and thrown away, and a stream
past ``MAX_INFLATED`` is refused. Ordinary PDFs pay little: their streams are small.
"""

from __future__ import annotations

import zlib

import regex

from ...errors import InputError

# a 600 dpi A3 colour page image is about 200 MB raw; no content stream comes near
MAX_INFLATED = 512 * 1024 * 1024
_PIECE = 16 * 1024 * 1024
_STREAM = regex.compile(rb">>\s*stream\r?\n")
_DICTIONARY_REACH = 1024  # bytes before ``stream`` searched for the stream's /FlateDecode


def check_streams(data: bytes, path: str) -> None:
    for match in _STREAM.finditer(data):
        before = data[max(0, match.start() - _DICTIONARY_REACH) : match.start()]
        if b"/FlateDecode" in before and _inflated_past(data, match.end()):
            raise InputError(
                f"a compressed stream inflates to over {MAX_INFLATED // (1024 * 1024)} MB "
                "(a decompression bomb)",
                path,
            )


def _inflated_past(data: bytes, start: int) -> bool:
    inflater = zlib.decompressobj()
    total = 0
    view = memoryview(data)[start:]
    chunk: bytes | memoryview = view[:_PIECE]
    offset = _PIECE
    while True:
        try:
            total += len(inflater.decompress(chunk, _PIECE))
        except zlib.error:
            return False  # damaged or not Flate after all: PDFium says what it makes of it
        if total > MAX_INFLATED:
            return True
        if inflater.eof:
            return False
        chunk = inflater.unconsumed_tail
        if not chunk:
            if offset >= len(view):
                return False
            chunk = view[offset : offset + _PIECE]
            offset += _PIECE
