"""PDFium's C functions called bare: per character or page object, pypdfium2's argument
conversion costs more than PDFium's answer, so the hot loops call the functions themselves."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any


def bare(function: Any, restype: Any) -> Callable[..., Any]:
    """``function`` (a pypdfium2.raw binding) as a ctypes function returning ``restype``, with
    no argument types declared: ctypes passes a c_void_p and an int as they are."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError(f"PDFium lacks {function}")
    return ctypes.CFUNCTYPE(restype)(address)
