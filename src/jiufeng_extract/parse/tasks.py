"""Stage 4b: outline → sections, tasks, special actions and milestones (output models).

Which level carries the tasks is read from the document: the depth whose headings most often
carry their own text (run-in "1.强化…。坚决…" counts double), deeper winning ties. Headings that
name a schedule phase with a deadline ("自查自纠 (2023年10月31日前)") are milestones, not tasks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Milestone, Section, SpecialAction, Task
from ..patterns import FRAMEWORK_HEADING, REPORT_HEADING, on_first_use
from ..units.deadlines import find_deadlines, parse_deadline
from .outline import HeadingNode, Outline

# "自查自纠 (2023年10月31日前)" / "动员部署阶段（2024年5月—6月）"
_PHASE = on_first_use(
    r"^(?P<title>.+?)\s*[（(](?P<deadline>[^（）()]*(?:\d{1,2}\s*月|年底|年内|季度|半年)[^（）()]*)[）)]$"
)


# the heading of a plan's list of tasks: "二、主要任务", "三、重点任务和措施"
_TASK_LIST = on_first_use(r"^(?:重点|主要|核心|具体)?(?:工作)?任务(?:[和与及]?(?:措施|举措))?$")

# kinds that assign no work of their own (see ``assigns_work``)
_NO_TASK_KINDS = frozenset({"批复", "通报", "通告", "公告", "决定", "函"})
# kinds whose items are provisions or a list, unless the page is addressed to units that must act
# on it (a 主送机关: then it is a notice in all but its title)
_PROVISION_KINDS = frozenset({"细则", "办法", "规定", "预案", "公示"})


@dataclass
class Structure:
    sections: list[Section]
    tasks: list[Task]
    special_actions: list[SpecialAction]
    milestones: list[Milestone]
    task_nodes: list[HeadingNode]


def is_milestone(node: HeadingNode) -> bool:
    return bool(_PHASE.match(node.title))


def in_framework(node: HeadingNode) -> bool:
    """A framework heading (指导思想, 基本原则…) or a report's (…情况, 主要做法) or under one:
    the plan's frame or an account of work done, not a task."""
    return any(
        FRAMEWORK_HEADING.match(n.title) or (n.depth == 1 and REPORT_HEADING.search(n.title))
        for n in [*node.ancestors(), node]
    )


def _candidate(node: HeadingNode) -> bool:
    return not (
        is_milestone(node)
        or in_framework(node)
        or node.kind == "chapter"
        or node.label
        or _enumerated(node)
    )


def _enumerated(node: HeadingNode) -> bool:
    """An entry of a list set out as numbered lines, each ending in a semicolon ("（二）医疗机构
    自查整改情况;"): what to report or check, not a task."""
    return node.title.endswith(("；", ";")) and not node.paras and not node.children


def task_depth(outline: Outline) -> int | None:
    """The depth of the tasks: that of the items of a task list that set out their own target
    (see ``_framed``), else the depth whose headings most often carry their own text."""
    framed = [node.depth for node in outline.headings if _framed(node)]
    if framed:
        return min(framed)
    scores: dict[int, int] = defaultdict(int)
    for node in outline.headings:
        if not _candidate(node) or not (node.paras or node.sentence):
            continue
        scores[node.depth] += 2 if node.run_in else 1
    if not scores:
        return None
    return max(scores, key=lambda depth: (scores[depth], depth))


def _framed(node: HeadingNode) -> bool:
    """An item of a task list ("二、主要任务") that has a frame of its own, its target and its
    measures ("（一）实施全民健康促进行动" › "1.工作目标" "2.重点举措" › "（1）…"): a task, however
    many measures are numbered under it."""
    return (
        node.parent is not None
        and bool(_TASK_LIST.match(node.parent.title))
        and _candidate(node)
        and any(FRAMEWORK_HEADING.match(child.title) for child in node.children)
    )


def assigns_work(doc_type: str | None, encloses: bool, addressed: bool) -> bool:
    """Does the document hand out work? A 批复 approves, a 通报 reports or commends, a 通告 or
    公告 announces, a 决定 decides: their numbered items are parts, not tasks, unless they
    enclose a document of their own (``encloses``: its text follows, or the title issues or
    passes it on). A 细则, 办法 or 预案 lays down provisions and a 公示 lists, unless it is
    ``addressed`` to units (a 主送机关)."""
    if encloses:
        return True
    if doc_type in _PROVISION_KINDS:
        return addressed
    return doc_type not in _NO_TASK_KINDS


def build_structure(
    outline: Outline,
    year: int | None,
    with_tasks: bool = True,
    cover: Outline | None = None,
) -> Structure:
    """The output's structure from the outline of the document's text (the enclosed document
    where there is one); ``cover`` is the outline of the letter that encloses it, whose numbered
    headings come first in the sections ("一、征求意见时间" before the enclosed 办法's chapters)
    and carry no tasks: the work is the enclosed document's."""
    depth = task_depth(outline) if with_tasks else None
    task_nodes = (
        [n for n in outline.headings if n.depth == depth and _candidate(n)] if depth else []
    )
    task_of = {id(node): i for i, node in enumerate(task_nodes, start=1)}
    action_ordinal = {id(a): i for i, a in enumerate(outline.actions, start=1)}

    tasks = [
        Task.model_construct(
            ref=f"#/tasks/{i - 1}",
            ordinal=i,
            number=node.number,
            title=node.title,
            text=node.text,
            path=[a.title for a in node.ancestors()],
            special_actions=[action_ordinal[id(a)] for a in node.actions],
            deadlines=find_deadlines(f"{node.title}。{node.text}", year),
            provenance=node.provenance,
        )
        for i, node in enumerate(task_nodes, start=1)
    ]
    actions = [
        SpecialAction.model_construct(
            ref=f"#/special_actions/{i - 1}",
            ordinal=i,
            number=action.number,
            title=action.title,
            text="\n".join(action.paras),
            task=_owning_task(action.parent, task_of),
            deadlines=find_deadlines("\n".join([action.title, *action.paras]), year),
            provenance=action.provenance,
        )
        for i, action in enumerate(outline.actions, start=1)
    ]
    milestones = [_milestone(node, year) for node in outline.headings if is_milestone(node)]
    sections = [
        _section(node, f"#/sections/{i}", action_ordinal)
        for i, node in enumerate([*(cover.roots if cover else []), *outline.roots])
    ]
    return Structure(sections, tasks, actions, milestones, task_nodes)


def _owning_task(node: HeadingNode | None, task_of: dict[int, int]) -> int | None:
    while node is not None:
        if id(node) in task_of:
            return task_of[id(node)]
        node = node.parent
    return None


def _milestone(node: HeadingNode, year: int | None) -> Milestone:
    match = _PHASE.match(node.title)
    assert match is not None
    return Milestone.model_construct(
        title=match.group("title").strip(),
        deadline=parse_deadline(match.group("deadline"), year),
        text=node.text,
        provenance=node.provenance,
    )


def _section(node: HeadingNode, ref: str, action_ordinal: dict[int, int]) -> Section:
    return Section.model_construct(
        ref=ref,
        number=node.number,
        marker=node.marker,
        level=node.depth,
        title=node.title,
        text=node.text,
        # a cover letter's actions are none of the document's special actions
        special_actions=[action_ordinal[id(a)] for a in node.actions if id(a) in action_ordinal],
        provenance=node.provenance,
        children=[
            _section(child, f"{ref}/children/{i}", action_ordinal)
            for i, child in enumerate(node.children)
        ],
    )
