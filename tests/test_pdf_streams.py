"""The decompression-bomb check skips only streams that cannot reach the bound: Deflate makes at
most 1032 bytes of one, so a stream is inflated when the bytes after its start could make more
than ``MAX_INFLATED``; the smallest bomb past the bound is still refused."""

from __future__ import annotations

import zlib

import pytest

from jiufeng_extract.errors import InputError
from jiufeng_extract.load.pdf import streams

_BOUND = 4 * 1024 * 1024


def _pdf(inflated: int, head: bytes = b"") -> bytes:
    """A PDF of one Flate stream of ``inflated`` zero bytes at zlib's best compression."""
    data = zlib.compress(b"\0" * inflated, 9)
    return (
        b"%PDF-1.4\n"
        + head
        + b"1 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
        + data
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def test_deflate_makes_at_most_1032_bytes_of_one() -> None:
    data = zlib.compress(b"\0" * _BOUND, 9)
    assert _BOUND / len(data) <= 1032 < streams._MOST_PER_BYTE


@pytest.mark.parametrize("head", [b"", b"% padding\n" * 40], ids=["at start", "after 440 bytes"])
def test_the_smallest_bomb_past_the_bound_is_refused(
    head: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streams, "MAX_INFLATED", _BOUND)
    with pytest.raises(InputError, match="decompression bomb"):
        streams.check_streams(_pdf(_BOUND + 1, head), "bomb.pdf")


def test_a_stream_within_the_bound_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streams, "MAX_INFLATED", _BOUND)
    streams.check_streams(_pdf(_BOUND - 1024), "fine.pdf")
    streams.check_streams(_pdf(_BOUND // 2) * 3, "three.pdf")  # a large file of small streams


def test_a_bomb_whose_length_lies_is_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A /Length too short for the data (no ``endstream`` after it) is not what PDFium reads:
    the stream is inflated as before."""
    monkeypatch.setattr(streams, "MAX_INFLATED", _BOUND)
    bomb = _pdf(_BOUND + 1)
    lying = bomb.replace(b"/Length %d" % len(zlib.compress(b"\0" * (_BOUND + 1), 9)), b"/Length 9")
    assert lying != bomb
    with pytest.raises(InputError, match="decompression bomb"):
        streams.check_streams(lying, "bomb.pdf")
    indirect = bomb.replace(b"/Length ", b"/Length 7 0 R /Length1 ")
    with pytest.raises(InputError, match="decompression bomb"):
        streams.check_streams(indirect, "bomb.pdf")


def test_streams_whose_own_length_is_short_are_not_inflated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long PDF of ordinary streams: each stream's direct /Length, with ``endstream`` after
    it, bounds what it can inflate to, so none is inflated (a 1000-page PDF paid a second
    inflation of every content stream)."""
    monkeypatch.setattr(streams, "MAX_INFLATED", _BOUND)
    inflated: list[int] = []
    monkeypatch.setattr(streams, "_inflated_past", lambda data, start: inflated.append(start))
    streams.check_streams(_pdf(_BOUND // 2) * 3, "three.pdf")
    assert inflated == []


def test_a_length_of_the_object_before_does_not_count() -> None:
    """Only the stream's own dictionary says its length: an indirect /Length after an object
    with a short direct one (and ``endstream`` where that one would end) is no bound."""
    before = b"2 0 obj\n<< /Length 9 >>\nendobj\n1 0 obj\n<< /Length 7 0 R /Filter /FlateDecode "
    data = b"xxxxxxxxx\nendstream\n"
    assert not streams._short(data, before, 0)
    assert streams._short(data, before.replace(b"7 0 R", b"9"), 0)
