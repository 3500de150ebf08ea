"""Stage 1, bytes → blocks: sniff the format, decode, and read text, HTML, PDF, DOCX and legacy
Word into ``Line``/``TableBlock``. The only room that imports document libraries (pdfplumber,
pypdfium2, python-docx, lxml); it may import the foundation, text/ and units.names (options)."""
