"""A bound on what a PDF's compressed streams inflate to, checked before PDFium reads them.

PDFium inflates a content stream whole: 1.5 MB of Flate can become 1.5 GB in memory. Each
Flate stream is inflated here once, in pieces that are counted and thrown away, and a stream
past ``MAX_INFLATED`` is refused. Ordinary PDFs pay little: Deflate inflates at most 1032
times (one 258-byte match in two bits), so a stream with too few bytes after its start to reach
the bound even so is not inflated (a file under about 500 kB: none), nor one whose /Length is
too short to reach it where PDFium takes that length (a direct number, ``endstream`` after it).
Without that, a long PDF paid for inflating each of its content streams once more.
"""

from __future__ import annotations

import zlib

import regex

from ...errors import InputError

# a 600 dpi A3 colour page image is about 200 MB raw; no content stream comes near
MAX_INFLATED = 512 * 1024 * 1024
_PIECE = 16 * 1024 * 1024
_STREAM = regex.compile(rb">>\s*stream\r?\n")
# a direct /Length (not "/Length 12 0 R", not /Length1 of a font)
_LENGTH = regex.compile(rb"/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R)")
_INDIRECT_LENGTH = regex.compile(rb"/Length\s+\d+\s+\d+\s+R")
_ENDSTREAM = regex.compile(rb"\s*endstream")
_DICTIONARY_REACH = 1024  # bytes before ``stream`` searched for the stream's /FlateDecode
# Deflate's most output per input byte (1032, zlib's FAQ), rounded up for the zlib header
_MOST_PER_BYTE = 1040


def check_streams(data: bytes, path: str) -> None:
    # a stream starting past here has too few bytes after it to inflate past the bound
    reach = len(data) - MAX_INFLATED // _MOST_PER_BYTE
    if reach <= 0:
        return
    for match in _STREAM.finditer(data, 0, reach):  # the streams whose data starts before it
        before = data[max(0, match.start() - _DICTIONARY_REACH) : match.start()]
        if (
            b"/FlateDecode" in before
            and not _short(data, before, match.end())
            and _inflated_past(data, match.end())
        ):
            raise InputError(
                f"a compressed stream inflates to over {MAX_INFLATED // (1024 * 1024)} MB "
                "(a decompression bomb)",
                path,
            )


def _short(data: bytes, before: bytes, start: int) -> bool:
    """The stream's own /Length is what PDFium reads (``endstream`` follows it) and too short
    to inflate past the bound."""
    header = before.rfind(b"obj")  # the stream's own object: not a /Length of the one before
    if header < 0 or _INDIRECT_LENGTH.search(before, header):
        return False
    lengths = list(_LENGTH.finditer(before, header))
    if not lengths:
        return False
    length = int(lengths[-1].group(1))
    if length * _MOST_PER_BYTE > MAX_INFLATED:
        return False
    return bool(_ENDSTREAM.match(data, start + length))


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
