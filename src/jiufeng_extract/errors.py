"""Errors the user can see, each with its exit code.

    JiufengError                 exit 70 unless a subclass says otherwise
    ├── UsageError               exit 2   bad option values, -o equal to the input
    ├── InputError               exit 3   missing, unreadable, damaged or undecodable file
    │   ├── EncryptedError       exit 6   encrypted PDF and no (or a wrong) --password
    │   ├── NoTextLayerError     exit 7   a scan: pages are images, there is no text to read
    │   └── GarbledTextError     exit 8   fonts without a Unicode map: the text layer is garbage
    ├── UnsupportedFormatError   exit 4   a file type we cannot read (yet)
    ├── NotACircularError        exit 5   readable, but no circular found in it
    └── StrictModeError          exit 1   --strict and the document has warnings

``jiufeng batch`` exits 9 when some inputs failed; ``jiufeng validate`` and ``check`` exit 1
when a file is invalid or the table and body disagree.

Every error carries the file it is about, so the CLI prints one line:
``jiufeng: error: samples/x.txt: no circular found (no title, 发文字号 or numbered outline)``.
Third-party exceptions are translated into these at the loader boundary.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_STRICT = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_UNSUPPORTED = 4
EXIT_NOT_A_CIRCULAR = 5
EXIT_ENCRYPTED = 6
EXIT_NO_TEXT_LAYER = 7
EXIT_GARBLED_TEXT = 8
EXIT_BATCH_FAILED = 9  # jiufeng batch: some inputs failed (each file's own code is in index.json)
EXIT_INTERNAL = 70


class JiufengError(Exception):
    """Base class: a problem we can explain to the user in one line."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def describe(exc: BaseException, width: int = 200) -> str:
    """A third-party exception in one line for our messages: its first line, or its type."""
    text = str(exc).strip()
    return text.splitlines()[0][:width] if text else type(exc).__name__


class UsageError(JiufengError):
    exit_code = EXIT_USAGE


class InputError(JiufengError):
    exit_code = EXIT_UNREADABLE


class EncryptedError(InputError):
    exit_code = EXIT_ENCRYPTED


class NoTextLayerError(InputError):
    exit_code = EXIT_NO_TEXT_LAYER


class GarbledTextError(InputError):
    exit_code = EXIT_GARBLED_TEXT


class UnsupportedFormatError(JiufengError):
    exit_code = EXIT_UNSUPPORTED


class NotACircularError(JiufengError):
    exit_code = EXIT_NOT_A_CIRCULAR


class StrictModeError(JiufengError):
    exit_code = EXIT_STRICT
