"""``jiufeng text``: a loaded document as the loader read it, one block a line, each with where
it stands. Page chrome (running headers, page numbers) is marked, not dropped::

    p1 l1      关于印发……的通知
    p1 l9    # — 1 —
    p3 table | 序号 | 工作任务 | 牵头单位 |

``p`` is the page (PDF, OFD, a text file's form feeds), ``l`` the line on it (or the paragraph
of a DOCX, ``¶``); ``#`` marks furniture; a table prints a row a line, its cells between bars.
"""

from __future__ import annotations

from ..blocks import Line, LoadedDocument, TableBlock


def _where(page: int | None, line: int | None, paragraph: int | None = None) -> str:
    parts = []
    if page is not None:
        parts.append(f"p{page}")
    if line is not None:
        parts.append(f"l{line}")
    elif paragraph is not None:
        parts.append(f"¶{paragraph}")
    return " ".join(parts)


def _cell(text: str) -> str:
    return " ".join(text.split("\n")).replace("|", "¦")


def render_loaded(document: LoadedDocument) -> str:
    rows: list[tuple[str, str, str]] = []
    for block in document.blocks:
        if isinstance(block, Line):
            where = _where(block.page, block.line, block.paragraph)
            rows.append((where, "#" if block.furniture else " ", block.text))
        elif isinstance(block, TableBlock):
            for index, row in enumerate(block.rows):
                page = block.row_pages[index] if index < len(block.row_pages) else block.page
                where = _where(page, None) + (" " if page is not None else "") + "table"
                rows.append((where, " ", "| " + " | ".join(_cell(c) for c in row) + " |"))
    width = max((len(where) for where, _, _ in rows), default=0)
    return "".join(f"{where:<{width}} {mark} {text}\n" for where, mark, text in rows)
