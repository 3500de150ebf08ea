"""The 标题 of a 公文, found by evidence rather than by position.

Real pages put the title after banners and breadcrumbs, wrap it over two to four lines (the
issuer on one, 关于…的 on the next, a letter-spaced 通 告 on the last), print the 发文字号 before
or after it on the same line, wrap it in 《》, or prefix it with a site's label (政策解读：,
【政策文件】, 名称, ??). A title is a short line ending in a 公文 kind (通知, 批复, 方案…) with no
sentence punctuation; this module finds it and peels off what is not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..layout.normalize import Item, Para
from ..patterns import (
    ATTACHMENT_START,
    DOC_NUMBER,
    DOC_TYPES,
    ENCLOSING_TITLE,
    META_LABEL,
    ORG_SUFFIX,
    TITLE_END,
    on_first_use,
)
from ..text.joining import join_text, starts_heading
from .cover import find_recipients, same_title

_SEARCH_DEPTH = 30
# items after the title within which the page may show it again, followed by its 主送机关
_REPEAT_REACH = 30
_ENCLOSING_REACH = 5  # lines after a 《》 headline searched for the title that issues it
_MIN_TITLE, _MAX_TITLE = 6, 120
# a wrapped title: up to this many lines, each at most this long
_MAX_PIECES = 4
_MAX_PIECE = 45
# a short bracketed note after a title: a date, 第6号, 征求意见稿, the place of a mirror
_NOTE = on_first_use(r"\s*[(（][^()（）]{1,15}[)）]$")
# what sites put before a title: "??", "【政策文件】", "政策解读：", "名称 ", "1、", a news
# lead ("中国政府网消息，")
_PREFIX = on_first_use(
    r"^(?:[?？]+|[【\[][^】\]]{1,8}[】\]]|[^\s:：，。、]{1,6}[:：]|名\s*称\s+|标\s*题\s*|"
    r"\d{1,2}[、.．](?=\d{4}年)|(?!关于)[^\s:：，,。、]{1,10}(?:消息|讯)\s*[，,：:])\s*"
)
# a breadcrumb that runs into the title: "EHS中国 法规首页 内蒙古自治区人民政府办公厅关于…"
_SITE_HOME = on_first_use(r"^.{0,20}?首页\s*(?:>>|[>»＞])?\s+(?=\S)")
_NUMBER_BEFORE = on_first_use(r"^[(（]?(?P<number>" + DOC_NUMBER.pattern + r")[)）]?\s*")
_NUMBER_AFTER = on_first_use(r"\s*[(（]?(?P<number>" + DOC_NUMBER.pattern + r")[)）]?$")
# letter-spaced characters of a headline: "通 告", "答 复"
_LETTER_SPACED = on_first_use(r"(?<=^|\p{Han})[ \u3000]+(?=\p{Han}(?:[ \u3000]|$))")
_SENTENCE = on_first_use(r"[。；;！？!?]")
# a note a mirror adds after the title, set off by a space: "…通告(第6号) (玉环市)"
_SPACED_NOTE = on_first_use(r"[ \u3000]+[(（][^()（）]{1,15}[)）]$")
_CHROME_MARKS = on_first_use(r"[>»|]|--|\s")
_OPEN_ENDS = ("的", "和", "与", "及", "、")
# a forwarding notice named by the document it forwards: "转发…《关于…的通知》"
_FORWARDED = on_first_use(r"《[^《》]+》$")


@dataclass
class FoundTitle:
    title: Para
    number_line: Para | None  # the 发文字号 printed on the title's line
    start: int  # index of the title's first item
    end: int  # index just after its last item


def is_title_like(text: str) -> bool:
    core = _NOTE.sub("", _NOTE.sub("", text))
    return (
        _MIN_TITLE <= len(core) <= _MAX_TITLE
        and "。" not in core
        and not starts_heading(core)
        and not META_LABEL.match(core)
        and not ATTACHMENT_START.match(core)
        and bool(TITLE_END.search(core[:-1] if _FORWARDED.search(core) else core))
    )


def title_core(text: str) -> tuple[str, str | None]:
    """A candidate line without a site's prefix, 《》 and a 发文字号 before or after it:
    (the title text, the number as printed or None)."""
    number = None
    text = _LETTER_SPACED.sub("", text.strip())
    text = _SITE_HOME.sub("", text)
    for _ in range(2):
        text = _PREFIX.sub("", text)
    if m := _NUMBER_BEFORE.match(text):
        number, text = m.group("number"), text[m.end() :]
    elif m := _NUMBER_AFTER.search(text):
        number, text = m.group("number"), text[: m.start()]
    text = _SPACED_NOTE.sub("", text.strip(" |｜"))
    if not is_title_like(text) and (at := text.rfind(" 关于")) >= 0:
        text = text[at + 1 :]  # labels of a box before it: "索取号 … 分类 名称 关于…"
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    return text, number


def find_title(items: list[Item], enclosed: bool = False) -> FoundTitle | None:
    """The first title among the first items. ``enclosed``: the title of the document a notice
    encloses, right after its signature, whose wrapped first line may be any phrase."""
    paras = [(i, p) for i, p in enumerate(items[:_SEARCH_DEPTH]) if isinstance(p, Para)]
    for n, (_, para) in enumerate(paras):
        if para.furniture or ATTACHMENT_START.match(para.text):
            continue  # "附件：X" names an attachment, never the circular (X may end in 名单)
        if is_recipients_line(para.text):
            return None
        found = _wrapped_title(paras, n, enclosed) or _single_title(paras, n)
        if found is not None:
            return found
    return None


def _single_title(paras: list[tuple[int, Para]], n: int) -> FoundTitle | None:
    i, para = paras[n]
    text, number = title_core(para.text)
    if not is_title_like(text):
        return None
    return FoundTitle(
        title=Para(text, para.provenance),
        number_line=Para(number, para.provenance) if number else None,
        start=i,
        end=i + 1,
    )


def _wrapped_title(
    paras: list[tuple[int, Para]], n: int, enclosed: bool = False
) -> FoundTitle | None:
    """A title over several lines: the longest run of short lines that joins into a title,
    where the first line alone is not one or the join ends in a 公文 kind the first lacks."""
    first_text, _ = title_core(paras[n][1].text)
    first_alone = is_title_like(first_text)
    if not _can_wrap(first_text) or not (first_alone or enclosed or _starts_title(first_text)):
        return None
    issuer_first = bool(ORG_SUFFIX.search(first_text))
    best: FoundTitle | None = None
    text = first_text
    for k in range(n + 1, min(len(paras), n + _MAX_PIECES)):
        piece = paras[k][1]
        about_after_issuer = k == n + 1 and issuer_first and piece.text.startswith("关于")
        if piece.furniture or not (_continues_title(piece.text) or about_after_issuer):
            break
        next_text = _LETTER_SPACED.sub("", piece.text.strip())
        if not (about_after_issuer or enclosed or _attaches(text, next_text)):
            break
        is_note = bool(_NOTE.fullmatch(" " + next_text))
        text = join_text(text, next_text)
        core, number = title_core(text)
        if is_title_like(core) and (
            not first_alone or is_note or _names_kind_later(first_text, core)
        ):
            best = FoundTitle(
                title=Para(core, paras[n][1].provenance),
                number_line=Para(number, piece.provenance) if number else None,
                start=paras[n][0],
                end=paras[k][0] + 1,
            )
    return best


def _can_wrap(text: str) -> bool:
    return (
        0 < len(text) <= _MAX_PIECE
        and not _SENTENCE.search(text)
        and not starts_heading(text)
        and not META_LABEL.match(text)
        and not DOC_NUMBER.fullmatch(text)
    )


def _starts_title(text: str) -> bool:
    """The first line of a wrapped title: the issuer, a 关于… line, or a phrase cut after 的;
    never a breadcrumb or a site's name (>, |, --, spaces, Latin words)."""
    if _CHROME_MARKS.search(text):
        return False
    return (
        bool(ORG_SUFFIX.search(text))
        or "关于" in text
        or text.endswith(_OPEN_ENDS)
        or _unclosed(text)
    )


def _attaches(before: str, piece: str) -> bool:
    """Does ``piece`` go on the title so far? After a phrase left open (…的, 关于… not yet
    ending in a kind), or when it is the kind itself (通告, 的通知) or a bracketed part."""
    if piece.startswith(("的", "(", "（")) or TITLE_END.fullmatch(piece):
        return True
    # a kind inside the 《》 of a forwarded document is not the title's own: "关于转发《A的通知》"
    # goes on with "《B》的通知"
    # a kind of its own that is a 公文's: "…结果公示" | "工作的通知" goes on
    own_kind = is_title_like(before) and not _FORWARDED.search(before) and _ends_in_doc_type(before)
    return before.endswith(_OPEN_ENDS) or _unclosed(before) or ("关于" in before and not own_kind)


def _unclosed(text: str) -> bool:
    """A bracket left open: "…行动计划(" | "2018-2020" | "年)" is one title."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _continues_title(text: str) -> bool:
    return (_can_wrap(text) or bool(_NOTE.fullmatch(" " + text.strip()))) and not text.startswith(
        "关于"
    )


def _names_kind_later(first: str, joined: str) -> bool:
    """'…三年行动计划' + '(2023—2025年)的通知', '…管理办法（试行）' + '的通知', '关于《…的请示》'
    + '的批复': the join ends in a 公文 kind and the line in another or in none of its own (each
    read without a bracketed note at its end; a kind inside 《》 is the quoted document's)."""
    return _ends_in_doc_type(joined) and not _ends_in_doc_type(first)


def _ends_in_doc_type(text: str) -> bool:
    """Ends in a 公文 kind (通知, 批复…), read without a bracketed note at its end; 方案 or 公示
    is an end too, but no 公文 kind."""
    end = TITLE_END.search(_NOTE.sub("", text))
    return bool(end and end.group() in DOC_TYPES)


def is_recipients_line(text: str) -> bool:
    """'各区卫生健康委，委属各单位：': a title never comes after the 主送机关."""
    if not text.endswith(("：", ":")) or len(text) > _MAX_TITLE * 3:
        return False
    pieces = regex.split(r"[、，,；;]", text.rstrip("：:"))
    return any(p.startswith("各") or ORG_SUFFIX.search(p.strip(")）")) for p in pieces if p)


def _enclosing_later(items: list[Item], found: FoundTitle) -> FoundTitle | None:
    """A site's headline that is the enclosed document's name (often in 《》), then the
    notice's own title that issues it ("《X规划》" … "关于印发《X规划》的通知"): the notice's."""
    later = find_title(list(items[found.end : found.end + _ENCLOSING_REACH]))
    named = ENCLOSING_TITLE.match(later.title.text) if later else None
    if later is None or named is None or named.group("enclosed") != found.title.text:
        return None
    return FoundTitle(
        later.title, later.number_line, later.start + found.end, later.end + found.end
    )


def last_showing(items: list[Item], found: FoundTitle) -> FoundTitle:
    """A page that shows the title several times (a heading of the site's, an article
    attributes box, then the document itself) starts the document at the last showing before
    its 主送机关, when the first showing is not followed by them."""
    if (later := _enclosing_later(items, found)) is not None:
        return later
    if find_recipients(list(items), found.end) is not None:
        return found
    recipients: int | None = None
    for at in range(found.end, min(len(items), found.end + _REPEAT_REACH)):
        para = items[at]
        if recipients is not None and at >= recipients:
            break
        if isinstance(para, Para) and same_title(para.text, found.title.text):
            after = find_recipients(list(items), at + 1)
            if after is not None:
                recipients, found = after, FoundTitle(para, None, at, at + 1)
    return found
