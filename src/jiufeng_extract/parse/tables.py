"""Stage 4c: attachment tables → responsibility rows and form items.

Scraped text tables are ragged: a row carries the merged category cell only where the page
printed it (often the middle row of its group), so columns are read by position from both ends:
序号 first, 完成时限 last, 责任单位 before it, and the task (with the category before it when
present) in between. Grids from HTML/DOCX/PDF have merged cells already copied into place.

A header may be two rows high ("责任单位" over "牵头单位 | 配合单位"): the rows below the first
header row that hold only header words, or the cell above copied down by a merge, are header
too, and each column is named by its lowest label. When the header names a 牵头 and a 配合 (or
主责 / 协同) column and a row fills the whole grid, the units are read from those columns by
position: the lead column's units lead, the support column's support, unless a role word in the
cell says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..blocks import TableBlock
from ..model import FormItem, Provenance, TableRow
from ..patterns import MEASURE_UNIT, ROW_NUMBER, on_first_use
from ..units.deadlines import parse_deadline
from ..units.roles import UnitReader

_UNITS_HEADER = on_first_use(
    r"责任(?:单位|部门|处室|主体)|(?:牵头|主责|主办|承办)(?:单位|部门|处室)"
)
_LEAD_HEADER = on_first_use(r"(?:牵头|主责|主办)(?:单位|部门|处室)?")
_SUPPORT_HEADER = on_first_use(r"(?:配合|协同|协办|参与)(?:单位|部门|处室)?|协办")
_DEADLINE_HEADER = on_first_use(r"时限|完成时间|时间安排|进度安排|时间节点")
_HEADER = on_first_use(r"序号|重点任务|工作任务|主要任务|任务|内容|项目")


@dataclass
class ParsedRow:
    seq: int | None
    category: str | None
    task_text: str
    units_raw: str
    deadline_raw: str
    provenance: Provenance
    # the support column's cell when the table prints one, and the two column labels
    support_raw: str | None = None
    labels: tuple[str, str] = ("牵头单位", "配合单位")


def is_responsibility_table(table: TableBlock) -> bool:
    return any(_UNITS_HEADER.search(cell) for row in table.rows[:3] for cell in row)


def _header_index(table: TableBlock) -> int | None:
    for i, row in enumerate(table.rows[:3]):
        if any(_HEADER.search(cell) for cell in row) and not any(
            ROW_NUMBER.match(c) for c in row[:1]
        ):
            return i
    return None


def _is_header_word(cell: str) -> bool:
    return any(
        p.search(cell) for p in (_UNITS_HEADER, _LEAD_HEADER, _SUPPORT_HEADER, _DEADLINE_HEADER)
    )


def _header_rows(table: TableBlock, first: int) -> tuple[list[str], int]:
    """The header's column labels (the lowest label of each column) and the first data row."""
    header = [c.strip() for c in table.rows[first]]
    end = first + 1
    while end < len(table.rows) and end <= first + 2:
        cells = [c.strip() for c in table.rows[end]]
        above = [c.strip() for c in table.rows[end - 1]]
        if cells == above or not any(cells) or ROW_NUMBER.match(cells[0]):
            break
        fits = [not c or c == a or _is_header_word(c) for c, a in zip(cells, above, strict=False)]
        if not all(fits) or not any(c != a and c for c, a in zip(cells, above, strict=False)):
            break
        header = [c or h for c, h in zip(cells, header, strict=False)] + header[len(cells) :]
        end += 1
    return header, end


@dataclass(frozen=True)
class _Columns:
    """Where a full-width row keeps its lead and support units and its deadline."""

    lead: int
    support: int
    deadline: int | None

    @classmethod
    def find(cls, header: list[str]) -> _Columns | None:
        lead = next((i for i, c in enumerate(header) if _LEAD_HEADER.search(c)), None)
        lead = lead if lead is not None else _first(header, _UNITS_HEADER)
        support = _first(header, _SUPPORT_HEADER)
        if lead is None or support is None or lead == support:
            return None
        return cls(lead, support, _first(header, _DEADLINE_HEADER))


def _first(header: list[str], pattern: regex.Pattern[str]) -> int | None:
    return next((i for i, c in enumerate(header) if pattern.search(c)), None)


def _responsibility_header(table: TableBlock) -> int:
    """The header row: the first naming a task or 序号, else the one naming the units column
    ("编号 | 工作事项 | 责任单位 | 完成时限"), which every responsibility table has."""
    found = _header_index(table)
    if found is not None:
        return found
    units_at = (i for i, row in enumerate(table.rows) if any(_UNITS_HEADER.search(c) for c in row))
    return next(units_at, 0)


def parse_responsibility(table: TableBlock) -> list[ParsedRow]:
    header_at = _responsibility_header(table)
    header, start = _header_rows(table, header_at)
    has_deadline = any(_DEADLINE_HEADER.search(c) for c in header)
    columns = _Columns.find(header)
    header_rows = [[c.strip() for c in r] for r in table.rows[header_at:start]]
    rows: list[ParsedRow] = []
    for index in range(start, len(table.rows)):
        cells = [c.strip() for c in table.rows[index]]
        if cells in header_rows:
            continue  # header repeated after a page break (续表)
        if columns is not None and len(cells) == len(header):
            if len({c for c in cells if c}) >= 2:
                rows.append(_by_columns(cells, header, columns, table.row_provenance(index)))
            continue
        cells = _dedupe_seq(cells)
        if len([c for c in cells if c]) < 2:
            continue
        seq_match = ROW_NUMBER.match(cells[0])
        seq = int(seq_match.group(1)) if seq_match else None
        rest = cells[1:] if seq_match or not cells[0] else cells
        deadline = rest.pop() if has_deadline and len(rest) >= 3 else ""
        units = rest.pop() if len(rest) >= 2 else ""
        category = rest[0] if len(rest) >= 2 else None
        task_text = "\n".join(rest[1:] if len(rest) >= 2 else rest)
        if category is not None and category == task_text:
            category = None
        rows.append(
            ParsedRow(
                seq, category or None, task_text, units, deadline, table.row_provenance(index)
            )
        )
    return rows


def _by_columns(
    cells: list[str], header: list[str], columns: _Columns, provenance: Provenance
) -> ParsedRow:
    """A full-width row of a table with separate 牵头 and 配合 columns, read by position."""
    seq_match = ROW_NUMBER.match(cells[0])
    seq = int(seq_match.group(1)) if seq_match else None
    taken = {columns.lead, columns.support, columns.deadline, 0 if seq_match else None}
    texts = [c for i, c in enumerate(cells) if i not in taken and c]
    texts = _dedupe_texts([c for c in texts if not (seq_match and c == cells[0])])
    category = texts[0] if len(texts) >= 2 else None
    task_text = "\n".join(texts[1:] if len(texts) >= 2 else texts)
    deadline = cells[columns.deadline] if columns.deadline is not None else ""
    labels = (header[columns.lead], header[columns.support])
    return ParsedRow(
        seq,
        category,
        task_text,
        cells[columns.lead],
        deadline,
        provenance,
        support_raw=cells[columns.support],
        labels=labels,
    )


def _dedupe_texts(texts: list[str]) -> list[str]:
    """A cell copied across the columns it spans counts once."""
    out: list[str] = []
    for text in texts:
        if not out or out[-1] != text:
            out.append(text)
    return out


def _dedupe_seq(cells: list[str]) -> list[str]:
    """A merged 序号 copied into the next column by a colspan resolver: drop the copy."""
    if len(cells) >= 2 and cells[0] and cells[0] == cells[1] and ROW_NUMBER.match(cells[0]):
        return cells[:1] + cells[2:]
    return cells


def to_table_rows(parsed: list[ParsedRow], year: int | None, units: UnitReader) -> list[TableRow]:
    """Read the rows top to bottom with one ``UnitReader`` so that 下同 notes carry down."""
    return [
        TableRow.model_construct(
            seq=row.seq,
            category=row.category,
            task_text=row.task_text,
            units=(
                units.read(row.units_raw)
                if row.support_raw is None
                else units.read_columns(row.units_raw, row.support_raw, row.labels)
            ),
            deadline=parse_deadline(row.deadline_raw, year),
            provenance=row.provenance,
        )
        for row in parsed
    ]


def parse_form(table: TableBlock) -> list[FormItem]:
    """A self-inspection form: rows grouped by 序号 (filled down), item text, unit of measure."""
    items: list[FormItem] = []
    group: int | None = None
    header_at = _header_index(table)
    for row in table.rows[(header_at + 1) if header_at is not None else 0 :]:
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        seq = ROW_NUMBER.match(cells[0]) if cells else None
        if seq:
            group = int(seq.group(1))
        body = cells[1:] if (seq or not cells[0]) else cells
        unit = body[-1] if len(body) >= 2 and MEASURE_UNIT.match(body[-1]) else None
        texts = [c for c in (body[:-1] if unit else body) if c]
        if texts:
            items.append(FormItem.model_construct(group=group, item=max(texts, key=len), unit=unit))
    return items
