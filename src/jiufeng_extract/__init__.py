"""jiufeng-extract: 纠风 circulars → validated structured data.

>>> from jiufeng_extract import extract_path
>>> circular = extract_path("samples/national-2024-jiufeng.txt")
>>> circular.metadata.doc_number
'国卫医急函〔2024〕101号'
"""

from __future__ import annotations

from .errors import JiufengError
from .model import Circular
from .options import ExtractOptions
from .pipeline import extract_path, extract_text

__version__ = "0.1.0"
__all__ = [
    "Circular",
    "ExtractOptions",
    "JiufengError",
    "__version__",
    "extract_path",
    "extract_text",
]
