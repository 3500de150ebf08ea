"""The PDF loader: PDFium characters and ruled table geometry → ``Line`` and
``TableBlock``; pages without honest text, and page images, through a recogniser handed in
(``load/recognised.py``). Imports the foundation (blocks, model, errors, patterns, text) only."""

from .reader import LoadedPdf, load_page_images, load_pdf

__all__ = ["LoadedPdf", "load_page_images", "load_pdf"]
