"""The PDF loader: PDFium characters and pdfplumber table geometry → ``Line`` and
``TableBlock``. Imports the foundation (blocks, model, errors, patterns, text) only."""

from .reader import load_pdf

__all__ = ["load_pdf"]
