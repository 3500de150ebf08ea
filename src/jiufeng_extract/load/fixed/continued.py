"""A table continued on the next page, joined to its first part: the repeated header row is
dropped, a row split by the page break is rejoined, a merged cell split by the break gets its
text back."""

from __future__ import annotations

from ...patterns import ROW_NUMBER
from ...text.joining import join_text
from .tables import PageTable


def _squash(row: list[str]) -> list[str]:
    return ["".join(cell.split()) for cell in row]


def join_continued(first: PageTable, more: PageTable) -> None:
    """Append ``more`` (the table's part on the next page) to ``first``: drop a repeated
    header row; a first row with no 序号 whose cells go on from text cut mid-line is the rest
    of ``first``'s last row; an empty merged cell at the top gets the text it had above."""
    rows, origins, full = more.rows, more.origins, more.full
    if rows and _squash(rows[0]) == _squash(first.rows[0]):
        rows, origins, full = rows[1:], origins[1:], full[1:]  # the repeated header
    if not rows:
        return
    seq_col = _seq_column(first.rows + rows)
    last = len(first.rows) - 1
    fragment = seq_col is not None and (
        (
            not rows[0][seq_col].strip()
            and any(
                first.full[last][c] and rows[0][c].strip()
                for c in range(len(rows[0]))
                if c != seq_col
            )
        )
        # the 序号 of a cut row, centred in its cell, may fall on the part below the break
        or (not first.rows[last][seq_col].strip() and bool(rows[0][seq_col].strip()))
    )
    # a merged cell cut by the page break: its part on this page is empty, give it the text
    for c in range(len(rows[0])):
        origin = origins[0][c]
        region = [r for r in range(len(rows)) if origins[r][c] == origin]
        if not rows[0][c].strip() and (len(region) > 1 or fragment):
            for r in region:
                rows[r][c] = "" if (fragment and r == 0) else first.rows[last][c]
    if fragment:
        first.rows[last] = [
            _join_cell(a, b, ends_full)
            for a, b, ends_full in zip(first.rows[last], rows[0], first.full[last], strict=True)
        ]
        first.full[last] = full[0]
        rows, full = rows[1:], full[1:]
    first.rows += rows
    first.full += full
    first.row_pages += [more.page] * len(rows)


def _join_cell(before: str, after: str, cut_mid_line: bool) -> str:
    if not after or after == before:
        return before
    return join_text(before, after) if cut_mid_line else f"{before}\n{after}"


def _seq_column(rows: list[list[str]]) -> int | None:
    """The column holding row numbers (序号), if one does in most rows."""
    if not rows:
        return None
    for c in range(min(2, len(rows[0]))):
        numbered = sum(1 for row in rows if ROW_NUMBER.match(row[c]))
        if numbered >= max(2, len(rows) // 2):
            return c
    return None
