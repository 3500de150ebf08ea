"""Stages 3–4, paragraphs → the parts of a 公文: segments, outline, tasks, metadata,
references, tables, attachments. Imports layout/, units/, text/ and the foundation; never load/."""
