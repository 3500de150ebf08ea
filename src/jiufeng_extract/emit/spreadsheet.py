"""Header + rows of strings → CSV, Markdown or XLSX, for spreadsheet users.

CSV starts with a UTF-8 byte-order mark so that Excel opens Chinese text correctly; XLSX is
written with openpyxl (imported only when asked for), header bold and frozen, long text wrapped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

Cell = str | int | float | date | None
_WIDE = 60  # columns longer than this wrap in XLSX


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if c is None else c for c in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    def cell(value: Cell) -> str:
        text = "" if value is None else str(value)
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[Cell]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(zip(header, *rows, strict=False), start=1):
        width = max(len(str(c)) if c is not None else 0 for c in column)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(8, width * 2), _WIDE)
        if width * 2 > _WIDE:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
