"""jiufeng-extract: 纠风 circulars → validated structured data.

>>> from jiufeng_extract import extract_path
>>> circular = extract_path("samples/national-2024-jiufeng.txt")
>>> circular.metadata.doc_number
'国卫医急函〔2024〕101号'

The names below are imported on first use, so that ``jiufeng --version`` and ``--help`` start
without loading pydantic and the pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Circular",
    "ExtractOptions",
    "JiufengError",
    "__version__",
    "extract_path",
    "extract_text",
]
_LAZY = {
    "Circular": "model",
    "ExtractOptions": "options",
    "JiufengError": "errors",
    "extract_path": "pipeline",
    "extract_text": "pipeline",
}

if TYPE_CHECKING:
    from .errors import JiufengError
    from .model import Circular
    from .options import ExtractOptions
    from .pipeline import extract_path, extract_text


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
