"""The cover of a 公文 between its title and its text: the 发文字号 and the 主送机关, found
below the site's chrome (浏览次数, 字号, 打印) and never taken from a widget line; and the
signature when it is laid out as a table (issuers side by side in cells, often borderless, the
成文日期 in a cell below or on the line after), which is read as the lines it prints."""

from __future__ import annotations

import regex

from ..blocks import TableBlock
from ..layout.normalize import Item, Para
from ..patterns import DATE_LINE, DOC_NUMBER, META_LABEL, ORG_SUFFIX, WEB_CHROME, on_first_use
from ..text.joining import starts_heading

# lines of chrome that may stand between the title and the 主送机关
_RECIPIENT_REACH = 12  # a law database puts ten lines of widgets and its box there
_MAX_WIDGET_LABEL = 5
_MAX_ADDRESSEE = 24
# how a reply to a deputy's proposal or a letter addresses its reader: "郑某代表：", "李某同志："
_PERSON_ADDRESSED = on_first_use(r"\p{Han}{1,4}(?:代表|委员|同志|先生|女士)$")
_MAX_ORG_LINE = 80
# recipients run into the first sentence of the text
_RECIPIENTS_RUN_IN = on_first_use(r"^(?P<to>各[^。：:]{1,150}?[：:])(?=\S)")


def para_at(content: list[Item], index: int) -> Para | None:
    item = content[index] if 0 <= index < len(content) else None
    return item if isinstance(item, Para) else None


def is_org_line(text: str) -> bool:
    """A 发文机关署名 line: one or more organisation names, no sentence punctuation."""
    if len(text) > _MAX_ORG_LINE or any(c in text for c in "。，；：:,"):
        return False
    return all(ORG_SUFFIX.search(piece) for piece in text.split())


def unfold_signature_tables(items: list[Item]) -> list[Item]:
    """A table holding nothing but issuer names and a 成文日期 (in a cell, or on the line
    after it) becomes its lines: each row's issuers on one line (also those a cell stacks on two
    lines), the date on a line of its own."""
    out: list[Item] = []
    for index, item in enumerate(items):
        after = para_at(items, index + 1)
        if not isinstance(item, TableBlock) or not _is_signature_table(item, after):
            out.append(item)
            continue
        dates: list[Para] = []
        for r, row in enumerate(item.rows):
            cells = list(dict.fromkeys(c.strip() for c in row if c.strip()))
            # a cell may stack two issuers on two lines: they go on the row's line
            names = [" ".join(c.split()) for c in cells if not DATE_LINE.match(c)]
            where = item.row_provenance(r)
            if names:
                out.append(Para(" ".join(names), where))
            dates += [Para(c, where) for c in cells if DATE_LINE.match(c)]
        out += dates
    return out


def _is_signature_table(table: TableBlock, after: Para | None) -> bool:
    cells = [c.strip() for row in table.rows for c in row if c.strip()]
    dated = [c for c in cells if DATE_LINE.match(c)]
    names = [c for c in cells if not DATE_LINE.match(c)]
    # is_org_line reads each name of a cell, also those it stacks on two lines
    if not names or len(dated) > 1 or not all(is_org_line(c) for c in names):
        return False
    return bool(dated) or (after is not None and DATE_LINE.match(after.text) is not None)


def is_doc_number_line(para: Para, title: Para | None = None) -> bool:
    """A line that holds the 发文字号, alone or after the title printed again."""
    text = para.text
    if title is not None and text.startswith(title.text):
        text = text[len(title.text) :]
    return len(text) <= 40 and bool(DOC_NUMBER.search(text))


def same_title(text: str, title: str) -> bool:
    return text == title or (
        len(title) >= 8 and text.startswith(title) and len(text) < len(title) + 30
    )


def _is_recipients(text: str) -> bool:
    return text.endswith(("：", ":")) and not starts_heading(text) and len(text) < 600


def find_recipients(content: list[Item], start: int) -> int | None:
    """The 主送机关 line: next after the title and number, or below a few lines of site chrome
    (浏览次数, 字号 大中小, 打印). It names organisations; a widget line ending in a colon does
    not, and a sentence of the text ends the search."""
    for j in range(start, min(len(content), start + _RECIPIENT_REACH)):
        para = para_at(content, j)
        if para is None:
            return None
        text = para.text
        if (m := _RECIPIENTS_RUN_IN.match(text)) and _names_organisations(m.group("to")):
            # "各街道办事处、区政府各部门：经区政府同意，现将…" on one line
            content[j : j + 1] = [Para(m.group("to"), para.provenance)] + (
                [Para(text[m.end() :].strip(), para.provenance)] if text[m.end() :].strip() else []
            )
            return j
        if _is_recipients(text) and not _is_widget(text) and _names_organisations(text):
            return j
        if _is_recipients(text) and j == start and _is_addressee(text):
            return j
        if "。" in para.text or starts_heading(para.text) or DATE_LINE.match(para.text):
            return None
    return None


def _is_addressee(text: str) -> bool:
    """A short addressee line that names no organisation: '尊敬的某某代表：', '某某同志：'."""
    return (
        len(text) <= _MAX_ADDRESSEE
        and not _is_widget(text)
        and not regex.search(r"[\s\[\]【】|]", text)
    )


def _is_widget(text: str) -> bool:
    """A page's label or control ending in a colon (浏览次数：, 字号：), not a 主送机关 nor a
    person a reply is addressed to (张某代表：)."""
    label = text.rstrip("：: ")
    if META_LABEL.match(text) or WEB_CHROME.match(text):
        return True
    return (
        len(label) <= _MAX_WIDGET_LABEL
        and not ORG_SUFFIX.search(label)
        and not label.startswith("各")
        and not _PERSON_ADDRESSED.search(label)
    )


def _names_organisations(text: str) -> bool:
    pieces = regex.split(r"[、，,；;]", text.rstrip("：:"))
    return any(p.startswith("各") or ORG_SUFFIX.search(p.strip(")）")) for p in pieces if p)
