"""Pages read by OCR as they are read: who wants to know (``jiufeng extract``'s progress bar)
listens, the loaders tell. A loader calls ``page_read`` after each page it read by OCR; with no
listener (a library caller, ``batch``) nothing happens. The listener is a context variable, so
a forked worker (``guard``) tells the one its parent set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# (page number, page count) of a page just read by OCR
PageListener = Callable[[int, int], None]

_listener: ContextVar[PageListener | None] = ContextVar("ocr_page_listener", default=None)


@contextmanager
def listening(listener: PageListener | None) -> Iterator[None]:
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def page_read(number: int, count: int) -> None:
    listener = _listener.get()
    if listener is not None:
        listener(number, count)
