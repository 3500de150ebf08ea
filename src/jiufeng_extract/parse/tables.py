"""Stage 4c: attachment tables → responsibility rows and form items.

Scraped text tables are ragged: a row carries the merged category cell only where the page
printed it (often the middle row of its group), so columns are read by position from both ends:
序号 first, 完成时限 last, 责任单位 before it, and the task (with the category before it when
present) in between. Grids from HTML/DOCX/PDF have merged cells already copied into place.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..blocks import TableBlock
from ..model import FormItem, Provenance, TableRow
from ..patterns import MEASURE_UNIT, ROW_NUMBER
from ..units.deadlines import parse_deadline
from ..units.roles import UnitReader

_UNITS_HEADER = regex.compile(r"责任(?:单位|部门|处室|主体)|牵头(?:单位|部门)|承办单位")
_SUPPORT_HEADER = regex.compile(r"配合(?:单位|部门)|协办")
_DEADLINE_HEADER = regex.compile(r"时限|完成时间|时间安排|进度安排|时间节点")
_HEADER = regex.compile(r"序号|重点任务|工作任务|主要任务|任务|内容|项目")


@dataclass
class ParsedRow:
    seq: int | None
    category: str | None
    task_text: str
    units_raw: str
    deadline_raw: str
    provenance: Provenance


def is_responsibility_table(table: TableBlock) -> bool:
    return any(_UNITS_HEADER.search(cell) for row in table.rows[:3] for cell in row)


def _header_index(table: TableBlock) -> int | None:
    for i, row in enumerate(table.rows[:3]):
        if any(_HEADER.search(cell) for cell in row) and not any(
            ROW_NUMBER.match(c) for c in row[:1]
        ):
            return i
    return None


def parse_responsibility(table: TableBlock) -> list[ParsedRow]:
    header_at = _header_index(table)
    header = table.rows[header_at] if header_at is not None else []
    has_deadline = any(_DEADLINE_HEADER.search(c) for c in header) or header_at is None
    support_col = next((i for i, c in enumerate(header) if _SUPPORT_HEADER.search(c)), None)
    rows: list[ParsedRow] = []
    start = 0 if header_at is None else header_at + 1
    for index in range(start, len(table.rows)):
        cells = [c.strip() for c in table.rows[index]]
        if header and cells == header:
            continue  # header repeated after a page break (续表)
        cells = _dedupe_seq(cells)
        if len([c for c in cells if c]) < 2:
            continue
        seq_match = ROW_NUMBER.match(cells[0])
        seq = int(seq_match.group(1)) if seq_match else None
        rest = cells[1:] if seq_match or not cells[0] else cells
        deadline = rest.pop() if has_deadline and len(rest) >= 3 else ""
        support = ""
        if support_col is not None and len(cells) == len(header) and len(rest) >= 3:
            support = rest.pop()
        units = rest.pop() if len(rest) >= 2 else ""
        if support:
            units = f"{units}牵头，{support}配合" if units else f"{support}配合"
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


def _dedupe_seq(cells: list[str]) -> list[str]:
    """A merged 序号 copied into the next column by a colspan resolver: drop the copy."""
    if len(cells) >= 2 and cells[0] and cells[0] == cells[1] and ROW_NUMBER.match(cells[0]):
        return cells[:1] + cells[2:]
    return cells


def to_table_rows(parsed: list[ParsedRow], year: int | None, units: UnitReader) -> list[TableRow]:
    """Read the rows top to bottom with one ``UnitReader`` so that 下同 notes carry down."""
    return [
        TableRow(
            seq=row.seq,
            category=row.category,
            task_text=row.task_text,
            units=units.read(row.units_raw),
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
            items.append(FormItem(group=group, item=max(texts, key=len), unit=unit))
    return items
