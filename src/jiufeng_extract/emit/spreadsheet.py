"""Header + rows of cells → CSV, Markdown or an XLSX workbook, for spreadsheet users.

CSV starts with a UTF-8 byte-order mark so that Excel opens Chinese text correctly. XLSX is
written with openpyxl (imported only when asked for) for people who read and print it: a bold
frozen header with an autofilter, columns as wide as their text (long text wrapped, rows tall
enough to show it), dates as date cells, and landscape A4 pages fitted to the width with the
header repeated on every page.

Cells never become formulas (OWASP's CSV-injection rule): in CSV a text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, unless it is just a
number (``-12``, ``+3.5``, ``-20%``), which a spreadsheet reads as that number and nothing else;
in XLSX every text cell is stored as text, so nothing needs a prefix, and characters XML cannot
hold (control characters) are dropped.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | float | date | None
_PROSE_WIDTH = 40  # character units, for the column of running text; longer text wraps
_NARROW_WIDTH = 18  # for every other column: names, numbers, deadlines
_MIN_WIDTH = 6
_LINE_POINTS = 15.0  # one line of 11 pt text
_MAX_ROW_POINTS = 409.0  # Excel's limit
_FORMULA_START = regex.compile(r"[=+\-@\t\r]")  # =HYPERLINK(…), +1+1, -2+3, @SUM(…)
_PLAIN_NUMBER = regex.compile(r"[+-]?\d+(?:[.,]\d+)*%?")  # -12, +3.5, -1,000, -20%
_NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    printed: int | None = None  # print only the first columns (the rest are for filtering)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(c) for c in header])
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def csv_cell(value: Cell) -> str | int | float | date:
    """A cell as CSV writes it: text a spreadsheet would run as a formula gets a ``'``."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and _FORMULA_START.match(value)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    def cell(value: Cell) -> str:
        text = "" if value is None else str(value)
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def workbook_bytes(sheets: Sequence[Sheet], print_title: str = "") -> bytes:
    """One worksheet per ``Sheet``, the first one active; ``print_title`` heads printed pages."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for sheet in sheets:
        _fill(book.create_sheet(sheet.title[:31]), sheet, print_title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet: Worksheet, data: Sheet, print_title: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append([_xlsx_cell(c) for c in data.header])
    for values in data.rows:
        sheet.append([_xlsx_cell(c) for c in values])
    widths = _widths(list(zip(data.header, *data.rows, strict=False)))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = wrap
    for number, (row, values) in enumerate(
        zip(sheet.iter_rows(), [data.header, *data.rows], strict=False)
    ):
        for cell in row:
            cell.alignment = wrap
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
        lines = max(_lines(v, width) for v, width in zip(values, widths, strict=False))
        sheet.row_dimensions[number + 1].height = min(lines * _LINE_POINTS + 3, _MAX_ROW_POINTS)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _print_setup(sheet, print_title)
    if data.printed:
        sheet.print_area = f"A1:{get_column_letter(data.printed)}{sheet.max_row}"


def _xlsx_cell(value: Cell) -> Cell:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _print_setup(sheet: Worksheet, print_title: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None
    if print_title:
        header.center.text = _NOT_XML.sub("", print_title).replace("&", "&&")
    footer.center.text = "&P / &N"


def _widths(columns: Sequence[Sequence[Cell]]) -> list[float]:
    """As wide as the text, up to a cap: the column of the longest text on average (the prose)
    may take ``_PROSE_WIDTH``, every other one ``_NARROW_WIDTH``; date columns fit a date."""
    means = [sum(_text_width(_text(c)) for c in col[1:]) / max(len(col) - 1, 1) for col in columns]
    prose = means.index(max(means)) if means else -1
    widths = []
    for index, column in enumerate(columns):
        if len(column) > 1 and all(isinstance(c, date) or c is None for c in column[1:]):
            widths.append(11.0)
            continue
        widest = max(max((_text_width(p) for p in _text(c).split("\n")), default=0) for c in column)
        cap = _PROSE_WIDTH if index == prose else _NARROW_WIDTH
        widths.append(float(min(max(_MIN_WIDTH, widest + 2), cap)))
    return widths


def _lines(value: Cell, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return max(1, sum(math.ceil(_text_width(p) / usable) or 1 for p in _text(value).split("\n")))


def _text(value: Cell) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _text_width(text: str) -> int:
    """Width in character units: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
