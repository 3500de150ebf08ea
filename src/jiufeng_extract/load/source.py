"""Opening an input file: only a regular file is read, and never more than ``max_bytes``.

``stat`` of ``/dev/zero`` says 0 bytes and a FIFO blocks the reader until a writer comes, so
both are refused by their type before they are opened; the read itself stops one byte past the
limit, so a file that grows while it is read cannot fill the memory either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
    try:
        info = path.stat()
        refuse_irregular(path, info.st_mode)
        if info.st_size > max_bytes:
            raise InputError(
                f"file is {info.st_size} bytes, over the limit of {max_bytes} (--max-bytes)", path
            )
        # O_NONBLOCK: a file swapped for a FIFO after the stat does not block the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            refuse_irregular(path, os.fstat(handle.fileno()).st_mode)
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > max_bytes:
        raise InputError(f"file is over the limit of {max_bytes} bytes (--max-bytes)", path)
    return data


def refuse_irregular(path: Path, mode: int) -> None:
    for test, message in _KINDS:
        if test(mode):
            raise InputError(message, path)
