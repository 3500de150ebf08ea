"""Stage 2: loader blocks → clean paragraphs and tables, with furniture set aside.

- page numbers and web chrome become furniture (kept, but out of the content);
- runs of tab-separated lines (scraped tables) become ``TableBlock``;
- wrapped lines and words cut by a page break are rejoined by the Chinese rule: no space
  between CJK characters, a space between Latin words, never across a heading or list marker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import regex

from ..blocks import Block, Line, TableBlock
from ..model import Provenance, Warning
from ..patterns import (
    ATTACHMENT_START,
    CLOSING_KIND,
    CLOSING_QUOTES,
    DATE_AFTER_SENTENCE,
    DATE_AT_END,
    DOC_NUMBER,
    HTML_PARAGRAPH_BREAK,
    HTML_TAG,
    JAMMER,
    LIST_BULLET,
    META_LABEL,
    ORG_SUFFIX,
    PAGE_NUMBER,
    PROSE_FIELD,
    SPACE_BETWEEN_CJK,
    TERMINAL_PUNCT,
    TEXT_START_MARK,
    TITLE_END,
    WEB_CHROME,
    WHITESPACE_RUN,
    on_first_use,
)
from ..text.joining import join_text, starts_heading, starts_structure
from .runs import split_runs, strip_page_marks

_SPACED_COLUMNS = on_first_use(r"\t|[ \u3000]{2,}")
# a prose line holds a clause separator; titles, issuer lines and headings usually do not
_PROSE = on_first_use(r"[，、；,]")
# hard-wrapped text: at least this share of the longer lines have the same width
_WRAP_SHARE = 0.3
_MIN_WRAP_WIDTH = 15
_WRAP_LINES = 3  # at least this many lines at the width (two lines of a short page may agree)
# share of lines after an empty line above which empty lines are spacing, not paragraph breaks
_ALL_SPACED = 0.8
# a site's field label, at the line's start or after a space: "层级:", "所在行业："
_SHORT_FIELD = on_first_use(r"(?:^|[ \t\u3000])\p{Han}{2,5}\s*[:：]")
_BOX_FIELDS = 3
# a jammer's token, and how many a run of short ASCII tokens needs to be one
_JAMMER_TOKEN = on_first_use(r"[!#$%&*;<=>?@\[\]^_`{|}~\"']|[A-Za-z]\d|\d[A-Za-z]")
_JAMMER_TOKENS = 3
# the rest of a heading cut by a page break is at most this long
_MAX_HEADING_TAIL = 20
# a line that ends in a labelled number ("联系人：…，联系电话：0771-2345678", "邮编：530021") is a
# note of its own: the line after it (often the 发文机关署名) never continues it
_ENDS_IN_NUMBER_FIELD = on_first_use(r"[:：]\s*[\d\-－—–()（）/、，,\s]{5,}$")
# a 发文字号 on a line of its own ends there, even in hard-wrapped text: "鄂卫监局发【2016】5号";
# with a longer agency it is cited in a narrow wrap ("省卫生健康委赣卫医政发〔2023〕5号")
_NUMBER_LINE = on_first_use(r"^\s*[(（]?" + DOC_NUMBER.pattern + r"[)）]?\s*$")
_MAX_LINE_AGENCY = 8
# a title's own 发文字号 in brackets after it: "…的通知（X函〔2025〕27号）"
_OWN_NUMBER = on_first_use(r"\s*[(（]" + DOC_NUMBER.pattern + r"[)）]$")


@dataclass(frozen=True)
class Para:
    text: str
    provenance: Provenance
    furniture: bool = False
    # length of the last physical line joined into this paragraph (hard-wrap detection)
    last_line: int = -1
    # an empty line stood before this one in the source: a paragraph break the writer made
    after_blank: bool = False

    @property
    def last_line_length(self) -> int:
        return self.last_line if self.last_line >= 0 else len(self.text)


Item = Para | TableBlock


@dataclass
class NormalizedDocument:
    items: list[Item]
    furniture: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def normalize(blocks: list[Block]) -> NormalizedDocument:
    doc = NormalizedDocument(items=[])
    lines: list[Para | TableBlock] = []
    blocks, after_blank = _drop_empty_lines(blocks)
    for block in _group_text_tables(blocks):
        if isinstance(block, TableBlock):
            lines.append(_clean_table(block))
            continue
        text = clean_line(block.text)
        if not text:
            continue
        furniture = block.furniture or bool(PAGE_NUMBER.match(text) or WEB_CHROME.match(text))
        if furniture:
            doc.furniture.append(text)
        blank = id(block) in after_blank
        lines.append(Para(text, block.provenance, furniture=furniture, after_blank=blank))
    doc.items = _split_run_together(_join_wrapped(_blank_lines_meaningful(lines), doc.warnings))
    return doc


def _split_run_together(items: list[Item]) -> list[Item]:
    """Run-together paragraphs cut apart (layout/runs.py), each piece where its paragraph
    stood: tables and furniture keep their places between them."""
    content = [
        (item.text, at)
        for at, item in enumerate(items)
        if isinstance(item, Para) and not item.furniture
    ]
    pieces = split_runs(strip_page_marks(content))
    if pieces == content:
        return items
    cut: dict[int, list[str]] = {}
    for text, at in pieces:
        cut.setdefault(at, []).append(text)
    out: list[Item] = []
    for at, item in enumerate(items):
        if isinstance(item, Para) and not item.furniture:
            out += [Para(text, item.provenance) for text in cut.get(at, [])]
        else:
            out.append(item)
    return out


def _drop_empty_lines(blocks: list[Block]) -> tuple[list[Block], set[int]]:
    """The blocks without empty lines, and (by identity) the lines that followed one."""
    kept: list[Block] = []
    after: set[int] = set()
    blank = False
    for block in blocks:
        if isinstance(block, Line) and not block.text.strip():
            blank = True
            continue
        if blank:
            after.add(id(block))
        kept.append(block)
        blank = False
    return kept, after


def _blank_lines_meaningful(lines: list[Item]) -> list[Item]:
    """A page that puts an empty line after every line says nothing by it: forget them there."""
    paras = [p for p in lines if isinstance(p, Para)]
    if paras and sum(p.after_blank for p in paras) >= _ALL_SPACED * len(paras):
        return [replace(p, after_blank=False) if isinstance(p, Para) else p for p in lines]
    return lines


def clean_line(text: str) -> str:
    text = HTML_TAG.sub("", HTML_PARAGRAPH_BREAK.sub(" ", text))
    text = JAMMER.sub(_jammed, text) if " " in text else text
    text = WHITESPACE_RUN.sub(" ", text).strip()
    cleaned: str = TEXT_START_MARK.sub("", LIST_BULLET.sub("", text))
    return cleaned


def _jammed(found: regex.Match[str]) -> str:
    """A run of short ASCII tokens is a jammer's when several are its kind of token: a
    letter with a digit ("m9", "G4") or a symbol prose does not use ("x*", "N#", "{3"). Words,
    numbers, initials, options and blood groups ("A. B. C. D.", "A( )", "AB+") stay."""
    tokens = found.group().split(" ")
    marked = sum(1 for token in tokens if _JAMMER_TOKEN.search(token))
    return "" if marked >= _JAMMER_TOKENS else found.group()


def clean_cell(text: str) -> str:
    """Cell text: <p>/<br> become line breaks, a space a wrapped cell left between CJK goes."""
    text = HTML_PARAGRAPH_BREAK.sub("\n", text)
    text = HTML_TAG.sub("", text)
    parts = [
        SPACE_BETWEEN_CJK.sub("", WHITESPACE_RUN.sub(" ", p)).strip() for p in text.split("\n")
    ]
    return "\n".join(p for p in parts if p)


def _clean_table(table: TableBlock) -> TableBlock:
    return replace(table, rows=[[clean_cell(cell) for cell in row] for row in table.rows])


def _cells(text: str) -> list[str]:
    cells: list[str] = _SPACED_COLUMNS.split(text.rstrip("\t \u3000").rstrip())
    return cells


def _is_table_line(line: Line) -> bool:
    return "\t" in line.text and sum(1 for c in _cells(line.text) if c.strip()) >= 2


def _group_text_tables(blocks: list[Block]) -> list[Block]:
    """Runs of at least two tab-separated lines are a scraped table."""
    out: list[Block] = []
    run: list[Line] = []

    def close() -> None:
        if all(_label_row(line) for line in run):
            # a web page's metadata box scraped as tab-separated cells: its "label：value" lines
            out.extend(replace(line, text=_label_line(line)) for line in run)
        elif len(run) >= 2:
            out.append(
                TableBlock(
                    rows=[_cells(line.text) for line in run],
                    page=run[0].page,
                    line=run[0].line,
                    row_lines=[line.line for line in run],
                    row_pages=[line.page for line in run],
                )
            )
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if isinstance(block, Line) and _is_table_line(block):
            run.append(block)
            continue
        close()
        out.append(block)
    close()
    return out


def _label_row(line: Line) -> bool:
    """Cells that go label, value, label, value… (索引号 | 1133…/2024-00318 | 主题分类 | 卫生)."""
    cells = [c.strip() for c in _cells(line.text) if c.strip()]
    return len(cells) % 2 == 0 and all(META_LABEL.fullmatch(f"{c}：") for c in cells[::2])


def _label_line(line: Line) -> str:
    cells = [c.strip() for c in _cells(line.text) if c.strip()]
    pairs = zip(cells[::2], cells[1::2], strict=True)
    return "  ".join(f"{label}：{value}" for label, value in pairs)


def _wrap_width(paras: list[Para]) -> int | None:
    """The line width of hard-wrapped text, or None when lines are whole paragraphs."""
    lengths = [len(p.text) for p in paras if len(p.text) >= _MIN_WRAP_WIDTH]
    if len(lengths) < 5:
        return None
    width, _ = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if width - 2 <= n <= width)
    enough = near >= max(_WRAP_LINES, len(lengths) * _WRAP_SHARE)
    return width if enough and width <= 60 else None


def _ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSING_QUOTES)[-1:] in TERMINAL_PUNCT or text[-1:] in TERMINAL_PUNCT


def _should_join(a: Para, b: Para, width: int | None, page_break: bool) -> bool:
    """``page_break``: page furniture (a page number, a running header) lies between a and b."""
    if a.furniture or b.furniture or _ends_sentence(a.text) or starts_structure(b.text):
        return False
    if b.after_blank and not page_break:
        return False
    if (
        DATE_AT_END.match(a.text)
        or DATE_AFTER_SENTENCE.search(a.text)
        or CLOSING_KIND.search(a.text)
        or ATTACHMENT_START.match(a.text)
        or _ENDS_IN_NUMBER_FIELD.search(a.text)
        or _box_line(a.text)
        or _number_line(a.text)
        or _box_line(b.text)
        or _names_row(a.text)
    ):
        # a 成文日期 (also glued to the last sentence), a closing formula without its full stop
        # (…特此通知), an item of the 附件说明, a contact note or a line of a web page's
        # metadata box ends its line; a box line never continues the one before
        return False
    if _title_wrapped_before_its_kind(a.text, b.text):
        return True
    if width is not None:
        return a.last_line_length >= width - 2 and not _title_then_addressees(a.text, b.text)
    if "。" not in a.text and (starts_structure(a.text) or _ends_in_kind(a.text)):
        # a bare heading ends where it ends, unless a page break cut it: "（二）持续推进医药价格和
        # 招采信用" | "— 3 —" | "评价" (the rest is short and no sentence of its own)
        return page_break and starts_heading(a.text) and _is_heading_tail(b.text)
    return len(a.text) >= _MIN_WRAP_WIDTH and bool(_PROSE.search(a.text))


def _number_line(text: str) -> bool:
    found = _NUMBER_LINE.match(text)
    return found is not None and len(found.group("agency")) <= _MAX_LINE_AGENCY


def _title_wrapped_before_its_kind(a: str, b: str) -> bool:
    """ "…先进单位的" | "通知": one title, whatever the page's line width."""
    return a.endswith("的") and bool(TITLE_END.fullmatch(b))


def _names_row(text: str) -> bool:
    """Issuers set side by side ("国家卫生健康委办公厅  中央网信办秘书局"): a row of the
    signature, not a wrapped line."""
    names = text.split(" ")
    return (
        len(names) >= 2
        and not _PROSE.search(text)
        and all(ORG_SUFFIX.search(name) for name in names)
    )


def _box_line(text: str) -> bool:
    """A line of a web page's metadata box: it starts with a label ("【发布日期】2019-12-25",
    "索引号：…"), holds two ("体裁分类:公告公示  主题分类:卫生、体育  文号:"), or is a row of
    a site's own short fields ("层级:国家级 发文系统:卫健 发文日期:2021-05-28")."""
    if PROSE_FIELD.search(text):
        return False  # prose: "时间：2024年6月12日至14日，6月11日起报到，" wraps on
    return (
        bool(META_LABEL.match(text))
        or len(META_LABEL.findall(text)) >= 2
        or len(_SHORT_FIELD.findall(text)) >= _BOX_FIELDS
    )


def _title_then_addressees(a: str, b: str) -> bool:
    """A cover title that happens to be as long as the wrapped lines, then its 主送机关 line
    (…实施方案的通知 | 各乡镇卫生院，县直各医疗卫生单位：): two lines, never one paragraph."""
    return (
        not any(c in a for c in "。，；")
        and _ends_in_kind(a)
        and b.rstrip().endswith(("：", ":"))
        and "。" not in b
    )


def _ends_in_kind(text: str) -> bool:
    """A title's end: a 公文 kind, before closing quotes or the title's own bracketed 发文字号
    (…的通知（X函〔2025〕27号）)."""
    return bool(TITLE_END.search(_OWN_NUMBER.sub("", text).rstrip("》」』”) ")))


def _is_heading_tail(text: str) -> bool:
    return len(text) <= _MAX_HEADING_TAIL and not any(c in text for c in "。，；")


def _join_wrapped(items: list[Item], warnings: list[Warning]) -> list[Item]:
    width = _wrap_width([p for p in items if isinstance(p, Para) and not p.furniture])
    out: list[Item] = []
    last: int | None = None  # index in out of the last content paragraph
    for item in items:
        if isinstance(item, TableBlock):
            out.append(item)
            last = None
            continue
        prev = out[last] if last is not None else None
        page_break = last is not None and len(out) - 1 > last
        if (
            item.furniture
            or not isinstance(prev, Para)
            or not _should_join(prev, item, width, page_break)
        ):
            out.append(item)
            if not item.furniture:
                last = len(out) - 1
            continue
        assert last is not None
        out[last] = Para(join_text(prev.text, item.text), prev.provenance, last_line=len(item.text))
        crossed_page = (prev.provenance.page or 0) != (item.provenance.page or 0)
        if crossed_page or (
            width is None and not _title_wrapped_before_its_kind(prev.text, item.text)
        ):
            warnings.append(
                Warning.model_construct(
                    code="rejoined_across_break",
                    message=f"joined '…{prev.text[-6:]}' + '{item.text[:6]}…' cut by a page break",
                    where=item.provenance.describe(),
                )
            )
    return out
