"""Opening an input file: only a regular file is read, and never more than ``max_bytes``.

``stat`` of ``/dev/zero`` says 0 bytes and a FIFO blocks the reader until a writer comes, so
both are refused by their type before they are opened; the read itself stops one byte past the
limit, so a file that grows while it is read cannot fill the memory either.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file: use - to read a pipe"),
    (stat.S_ISCHR, "is a device, not a regular file"),
    (stat.S_ISBLK, "is a device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


def read_input(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, OS errors translated into an InputError naming the file."""
    with held_input(path, max_bytes) as held:
        return held.data


@dataclass
class Held:
    """A file's bytes and the file itself, still open: a reader that reads from the file (PDFium)
    lets the bytes go once they are checked, and reads what was checked, not whatever the path
    names by then."""

    data: bytes
    file: BinaryIO | None = None


@contextmanager
def held_input(path: Path, max_bytes: int) -> Iterator[Held]:
    """``read_input``, the file kept open (at its start) until the block ends."""
    with _translated(path):
        handle = _open_regular(path, max_bytes)
    try:
        with _translated(path):
            held = Held(handle.read(max_bytes + 1), handle)  # no other name holds the bytes
            handle.seek(0)
        if len(held.data) > max_bytes:
            raise InputError(f"file is over the limit of {max_bytes} bytes (--max-bytes)", path)
        yield held
    finally:
        handle.close()


def _open_regular(path: Path, max_bytes: int) -> BinaryIO:
    info = path.stat()
    refuse_irregular(path, info.st_mode)
    if info.st_size > max_bytes:
        raise InputError(
            f"file is {info.st_size} bytes, over the limit of {max_bytes} (--max-bytes)", path
        )
    # O_NONBLOCK: a file swapped for a FIFO after the stat does not block the open
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    handle = os.fdopen(fd, "rb")
    try:
        refuse_irregular(path, os.fstat(handle.fileno()).st_mode)
    except BaseException:
        handle.close()
        raise
    return handle


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """OS errors as an InputError naming the file."""
    try:
        yield
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def refuse_irregular(path: Path, mode: int) -> None:
    for test, message in _KINDS:
        if test(mode):
            raise InputError(message, path)
