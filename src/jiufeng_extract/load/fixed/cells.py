"""Ruling lines → table cells: pdfplumber's table finder (its "lines" strategy with the default
tolerances, 0.11) done again on plain tuples, step for step, so its cells come out the same,
number for number: rules snapped to the average of their neighbours, joined where they touch,
crossings found, the smallest cell closed at each crossing, cells grouped into tables by
shared corners.

The steps are pdfplumber's; what differs is the bookkeeping: a rule is a tuple, not a dict
copied at every move, and each crossing knows the rules through it as sets made once, not
made again for every pair of crossings compared. It spares importing pdfplumber and pdfminer
for the pages that draw tables.
"""

from __future__ import annotations

import itertools

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
# a rule: x0, top, x1, bottom, and its length (pdfplumber's width of a horizontal rule, height
# of a vertical one, kept as pdfplumber keeps it: set when the rule is made or joined)
Rule = tuple[float, float, float, float, float]
Point = tuple[float, float]

_SNAP = 3  # pdfplumber's DEFAULT_SNAP_TOLERANCE
_JOIN = 3  # DEFAULT_JOIN_TOLERANCE
_MIN_LENGTH = 3  # TableSettings.edge_min_length
_CROSS = 3  # intersection_tolerance


def find_cells(horizontal: list[Rule], vertical: list[Rule]) -> list[list[Box]]:
    """The cells of each table the rules draw (tables top to bottom, then left to right), from
    rules at least a point long, in the order the page gave them."""
    horizontal = _joined(_snapped(horizontal, 1), 0, 2)
    vertical = _joined(_snapped(vertical, 0), 1, 3)
    horizontal = [rule for rule in horizontal if rule[4] >= _MIN_LENGTH]
    vertical = [rule for rule in vertical if rule[4] >= _MIN_LENGTH]
    return _tables(_cells(_crossings(horizontal, vertical)))


def _snapped(rules: list[Rule], axis: int) -> list[Rule]:
    """pdfplumber's ``snap_objects``: rules whose position (x0 of a vertical rule, top of a
    horizontal one) chains within the tolerance move to the group's average, group by group
    in order of position, each group's rules in the order given."""
    if not rules:
        return []
    group_of: dict[float, int] = {}
    values = sorted({rule[axis] for rule in rules})
    group, last = 0, values[0]
    for value in values:
        if value > last + _SNAP:
            group += 1
        group_of[value] = group
        last = value
    groups: dict[int, list[Rule]] = {}
    for rule in rules:
        groups.setdefault(group_of[rule[axis]], []).append(rule)
    out: list[Rule] = []
    for index in sorted(groups):
        members = groups[index]
        average = sum(rule[axis] for rule in members) / len(members)
        for x0, top, x1, bottom, length in members:
            if axis == 0:
                shift = average - x0
                out.append((x0 + shift, top, x1 + shift, bottom, length))
            else:
                shift = average - top
                out.append((x0, top + shift, x1, bottom + shift, length))
    return out


def _joined(rules: list[Rule], start: int, stop: int) -> list[Rule]:
    """pdfplumber's ``join_edge_group`` over each line of rules (``merge_edges``): along one
    line (same top, or same x0), rules that overlap or come within the tolerance become one."""
    at = 1 if start == 0 else 0  # the position shared along the line: top, or x0
    out: list[Rule] = []
    ordered = sorted(rules, key=lambda rule: rule[at])
    for _, line in itertools.groupby(ordered, key=lambda rule: rule[at]):
        members = sorted(line, key=lambda rule: rule[start])
        joined = [members[0]]
        for rule in members[1:]:
            last = joined[-1]
            if rule[start] <= last[stop] + _JOIN:
                if rule[stop] > last[stop]:
                    joined[-1] = _extended(last, stop, rule[stop])
            else:
                joined.append(rule)
        out += joined
    return out


def _extended(rule: Rule, stop: int, value: float) -> Rule:
    """pdfplumber's ``resize_object`` of x1 (width = x1 - x0) or of bottom (height grown by
    the difference)."""
    x0, top, x1, bottom, length = rule
    if stop == 2:
        return x0, top, value, bottom, value - x0
    return x0, top, x1, value, length + (value - bottom)


def _crossings(
    horizontal: list[Rule], vertical: list[Rule]
) -> dict[Point, tuple[set[Box], set[Box]]]:
    """pdfplumber's ``edges_to_intersections``: each point where a vertical rule meets a
    horizontal one (within the tolerance), with the boxes of the vertical and horizontal rules
    through it."""
    crossings: dict[Point, tuple[set[Box], set[Box]]] = {}
    across = sorted(horizontal, key=lambda rule: (rule[1], rule[0]))
    for v in sorted(vertical, key=lambda rule: (rule[0], rule[1])):
        vx, vtop, _, vbottom, _ = v
        for h in across:
            htop = h[1]
            if (
                vtop <= htop + _CROSS
                and vbottom >= htop - _CROSS
                and h[0] - _CROSS <= vx <= h[2] + _CROSS
            ):
                verticals, horizontals = crossings.setdefault((vx, htop), (set(), set()))
                verticals.add(v[:4])
                horizontals.add(h[:4])
    return crossings


def _cells(crossings: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: from each crossing, the first crossing below it
    and the first to its right (nearest first) that a rule joins it to and that close a
    rectangle with a fourth crossing."""
    points = sorted(crossings)
    below: dict[Point, list[Point]] = {}
    right: dict[Point, list[Point]] = {}
    by_x: dict[float, list[Point]] = {}
    by_y: dict[float, list[Point]] = {}
    for point in reversed(points):  # the points after each one, nearest first
        below[point] = by_x.setdefault(point[0], [])[::-1]
        right[point] = by_y.setdefault(point[1], [])[::-1]
        by_x[point[0]].append(point)
        by_y[point[1]].append(point)
    cells = []
    for point in points[:-1]:
        cell = _smallest(point, below[point], right[point], crossings)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    point: Point,
    below: list[Point],
    right: list[Point],
    crossings: dict[Point, tuple[set[Box], set[Box]]],
) -> Box | None:
    """The smallest cell with ``point`` as its top-left corner. Points one above the other
    are joined when a vertical rule runs through both, side by side when a horizontal one
    does (pdfplumber's ``edge_connects``; two distinct points share an x or a y, not both)."""
    verticals, horizontals = crossings[point]
    for low in below:
        if verticals.isdisjoint(crossings[low][0]):
            continue
        for side in right:
            side_verticals, _ = crossings[side]
            if horizontals.isdisjoint(crossings[side][1]):
                continue
            corner = (side[0], low[1])
            through = crossings.get(corner)
            if (
                through is not None
                and not through[0].isdisjoint(side_verticals)
                and not through[1].isdisjoint(crossings[low][1])
            ):
                return point[0], point[1], corner[0], corner[1]
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's ``cells_to_tables``: cells gathered into a table while one shares a
    corner with it, in passes over the cells left; tables of one cell dropped."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[Box] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            its = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(corner in corners for corner in its):
                corners.update(its)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda table: min((cell[1], cell[0]) for cell in table))
    return [table for table in tables if len(table) > 1]
