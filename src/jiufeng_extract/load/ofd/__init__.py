"""The OFD loader (GB/T 33190, China's fixed-layout document format): the package's pages as
characters and rules, then the same lines, tables and paragraphs as a PDF (``load/fixed``)."""

from .package import is_ofd
from .reader import load_ofd, read_pages

__all__ = ["is_ofd", "load_ofd", "read_pages"]
