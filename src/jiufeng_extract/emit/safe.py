"""Text from documents and file names made safe for a terminal, a log line and XML.

A title can carry terminal escape sequences (``ESC ] 0 ; … BEL`` retitles the window, ``ESC [``
moves the cursor or recolours), and a file name can carry a newline that starts a forged log
line (``::error file=…::`` in GitHub Actions). So:

- ``plain`` drops every control character but newline and tab (C0, DEL, C1): for reports and
  data shown to people at a terminal;
- ``one_line`` writes them all, newline and tab included, as visible escapes (``\\n``,
  ``\\x1b``): for a file name or a message inside one line of stderr, a JUnit attribute or a CI
  annotation.

Files written with ``-o`` are data and keep every character; only what is shown is cleaned.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment

_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = regex.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def plain(text: str) -> str:
    """Without control characters, newlines and tabs kept."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Every control character as a visible escape: one line, nothing a terminal obeys."""
    return _ANY_CONTROL.sub(lambda m: _NAMED.get(m[0], f"\\x{ord(m[0]):02x}"), text)


class Cleaned:
    """A Rich renderable shown without the control characters of its text (its styles, which
    Rich turns into escape sequences of its own, are kept)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.renderable, options):
            if segment.control:
                yield segment
            else:
                yield Segment(plain(segment.text), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
