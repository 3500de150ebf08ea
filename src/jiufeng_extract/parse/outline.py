"""Stage 4a: main-text paragraphs → outline tree, with special actions attached.

Nesting follows the order markers appear in, not a fixed table: a marker kind not yet open
nests under the current heading; a kind already open closes back to that level. So a document
that starts at （一） (no 一、) still gets a correct tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..blocks import TableBlock
from ..layout.normalize import Item, Para
from ..model import Provenance, Warning
from ..patterns import (
    ARTICLE,
    FRAMEWORK_HEADING,
    HEADING_ARABIC_DOT,
    HEADING_ARABIC_PAREN,
    HEADING_CHAPTER,
    HEADING_CIRCLED,
    HEADING_CN_DUN,
    HEADING_CN_PAREN,
    HEADING_DECIMAL,
    HEADING_DECIMAL_TOP,
    SPECIAL_ACTION,
    on_first_use,
)
from ..text.dates import numeral_value

_MARKERS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("chapter", HEADING_CHAPTER),
    ("cn_dun", HEADING_CN_DUN),
    ("cn_paren", HEADING_CN_PAREN),
    ("arabic_dot", HEADING_ARABIC_DOT),
    ("arabic_paren", HEADING_ARABIC_PAREN),
    ("circled", HEADING_CIRCLED),
)
_TITLE_TRIM = "：:，, "
# "会议时间：2007年8月17日" (a short label, a colon, its text)
_LABEL_COLON = on_first_use(r"^(?P<label>[^：:，。,；;]{2,10})[：:](?=\S)")
# a plan's section label run into its text: "整治目标坚持…", "整治活动时间、范围2014年3月…"
_LABEL_RUN_IN = on_first_use(
    r"^(?P<label>(?:整治|工作|活动|实施|考核|检查|行动|专项|总体|基本|主要|具体|组织|保障)+"
    r"(?:思想|原则|目标|对象|内容|范围|时间|要求|措施|步骤|安排|背景)(?:、(?:范围|时间|对象|内容))?)"
    r"(?=[\p{Han}“\d])"
)
_FRAMEWORK_RUN_IN = on_first_use(
    "^(?P<label>" + FRAMEWORK_HEADING.pattern.removeprefix("^(?:").split(")(?:")[0] + ")"
    r"(?=[\p{Han}“])"
)


@dataclass
class ActionNode:
    number: str
    title: str
    provenance: Provenance
    parent: HeadingNode | None
    paras: list[str] = field(default_factory=list)


@dataclass
class HeadingNode:
    kind: str
    number: str
    value: int
    marker: str
    title: str
    run_in: bool
    provenance: Provenance
    # "一、会议时间：8月17日": a field of the document, never a task
    label: bool = False
    # "一、各单位要在4月底前开展自查自纠，形成问题清单。": an item that is one whole sentence,
    # a duty without a heading of its own (a short notice's items often are)
    sentence: bool = False
    parent: HeadingNode | None = None
    paras: list[str] = field(default_factory=list)
    children: list[HeadingNode] = field(default_factory=list)
    actions: list[ActionNode] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return 1 if self.parent is None else self.parent.depth + 1

    @property
    def text(self) -> str:
        return "\n".join(self.paras)

    def ancestors(self) -> list[HeadingNode]:
        chain: list[HeadingNode] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass
class Outline:
    preamble: list[str]
    roots: list[HeadingNode]
    headings: list[HeadingNode]  # every heading in document order
    actions: list[ActionNode]
    warnings: list[Warning] = field(default_factory=list)


_DECIMAL_HEADINGS = 2  # "1.1"-style headings a document needs for its decimal outline
_SENTENCE_LENGTH = 20  # a heading this long with no text of its own is a duty written out


def split_title(rest: str) -> tuple[str, str]:
    """'强化…建设。坚决贯彻…' → ('强化…建设', '坚决贯彻…'); a bare heading has no text.
    A label before a colon ('会议时间：8月17日') and a framework heading run into its text
    ('指导思想以…为指导') are titles too."""
    if m := _LABEL_COLON.match(rest):
        return m.group("label"), rest[m.end() :].strip()
    if FRAMEWORK_HEADING.match(rest) is None and (
        (m := _FRAMEWORK_RUN_IN.match(rest)) or (m := _LABEL_RUN_IN.match(rest))
    ):
        return m.group("label"), rest[m.end() :].strip()
    index = rest.find("。")
    if index == -1:
        return rest.strip().rstrip(_TITLE_TRIM), ""
    return rest[:index].strip().rstrip(_TITLE_TRIM), rest[index + 1 :].strip()


def _chapter_title(rest: str) -> tuple[str, str]:
    """'总 则' → '总则'; a chapter run into its first article: '总则第一条为…'."""
    rest = regex.sub(r"(?<=\p{Han})[ \u3000]+(?=\p{Han})", "", rest.strip())
    if (m := ARTICLE.search(rest)) and m.start() > 0:
        return rest[: m.start()].strip(), rest[m.start() :].strip()
    return split_title(rest)


def match_heading(text: str) -> tuple[str, str, str] | None:
    """(kind, number, rest) when ``text`` starts with an outline marker."""
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if m and m.group("rest").strip():
            return kind, m.group("num"), m.group("rest")
    return None


def parse_outline(items: list[Item]) -> Outline:
    outline = Outline(preamble=[], roots=[], headings=[], actions=[])
    stack: list[HeadingNode] = []
    action: ActionNode | None = None
    numbered = _decimal_majors(items)
    for item in items:
        if isinstance(item, TableBlock) or item.furniture:
            continue
        heading = match_heading(item.text) or _decimal_heading(item.text, numbered)
        if heading:
            node = _heading_node(*heading, item)
            _place(node, stack, outline)
            action = None
            continue
        sa = SPECIAL_ACTION.match(item.text)
        if sa:
            title, text = split_title(sa.group("title"))
            action = ActionNode(
                sa.group("num"), title, item.provenance, stack[-1] if stack else None
            )
            if text:
                action.paras.append(text)
            outline.actions.append(action)
            if action.parent is not None:
                action.parent.actions.append(action)
            continue
        if action is not None:
            action.paras.append(item.text)
        elif stack:
            stack[-1].paras.append(item.text)
        else:
            outline.preamble.append(item.text)
    outline.warnings = check_numbering(outline)
    return outline


def _decimal_majors(items: list[Item]) -> set[str]:
    """The top numbers of a document in decimal numbering ("1" of "1.1", "1.2"), when it has
    at least ``_DECIMAL_HEADINGS`` such headings; none otherwise."""
    found = [
        m.group("num")
        for item in items
        if isinstance(item, Para) and (m := HEADING_DECIMAL.match(item.text))
    ]
    return {num.split(".")[0] for num in found} if len(found) >= _DECIMAL_HEADINGS else set()


def _decimal_heading(text: str, majors: set[str]) -> tuple[str, str, str] | None:
    """("decimal2", "1.1", rest) for "1.1目的"; ("decimal1", "1", "总则") for a top heading."""
    if not majors:
        return None
    if (m := HEADING_DECIMAL.match(text)) and m.group("num").split(".")[0] in majors:
        return f"decimal{m.group('num').count('.') + 1}", m.group("num"), m.group("rest")
    if (m := HEADING_DECIMAL_TOP.match(text)) and m.group("num") in majors:
        return "decimal1", m.group("num"), m.group("rest")
    return None


def _heading_node(kind: str, number: str, rest: str, para: Para) -> HeadingNode:
    title, text = _chapter_title(rest) if kind == "chapter" else split_title(rest)
    marker = para.text[: len(para.text) - len(rest)].strip()
    node = HeadingNode(
        kind=kind,
        number=number,
        value=numeral_value(number.split(".")[-1]),
        marker=marker,
        title=title,
        run_in=bool(text),
        provenance=para.provenance,
        label=bool(_LABEL_COLON.match(rest) or _LABEL_RUN_IN.match(rest)) and kind != "chapter",
        sentence=not text
        and rest.rstrip().endswith("。")
        and kind != "chapter"
        and _is_sentence(title),
    )
    if text:
        node.paras.append(text)
    return node


def _is_sentence(title: str) -> bool:
    """A clause break or a sentence's length: '加强组织领导。' is a heading with a full stop."""
    return "，" in title or "；" in title or len(title) >= _SENTENCE_LENGTH


def _place(node: HeadingNode, stack: list[HeadingNode], outline: Outline) -> None:
    kinds = [open_node.kind for open_node in stack]
    if node.kind in kinds:
        del stack[kinds.index(node.kind) :]
    node.parent = stack[-1] if stack else None
    (node.parent.children if node.parent else outline.roots).append(node)
    stack.append(node)
    outline.headings.append(node)


def check_numbering(outline: Outline) -> list[Warning]:
    """Gaps and repeats, accepting both restart-per-parent and continuous numbering."""
    warnings: list[Warning] = []
    last_by_kind: dict[str, int] = {}

    def visit(siblings: list[HeadingNode]) -> None:
        previous: dict[str, int] = {}
        for node in siblings:
            if node.kind in previous:
                expected = {previous[node.kind] + 1}
            else:
                expected = {1, last_by_kind.get(node.kind, 0) + 1}
            if node.value not in expected:
                code = "numbering_repeat" if node.value <= min(expected) - 1 else "numbering_gap"
                want = " or ".join(str(e) for e in sorted(expected))
                warnings.append(
                    Warning.model_construct(
                        code=code,
                        message=f"heading {node.marker}{node.title} is numbered {node.value}, "
                        f"expected {want}",
                        where=node.provenance.describe(),
                    )
                )
            previous[node.kind] = node.value
            last_by_kind[node.kind] = node.value
            visit(node.children)

    visit(outline.roots)
    return warnings
