"""Stage 4d: segments → ``Metadata`` (title, 发文字号, issuers, recipients, dates, 附注, 抄送)."""

from __future__ import annotations

from datetime import date

import regex

from ..layout.normalize import Para
from ..model import DocNumberParts, Metadata
from ..patterns import (
    CLOSING_KIND,
    COPY_TO,
    DAMAGED_DOC_NUMBER,
    DOC_NUMBER,
    DOC_NUMBER_AGENCY_NOISE,
    DOC_TYPES,
    ENCLOSING_TITLE,
    FILE_EXTENSION,
    META_LABEL,
    NOTE_LINE,
    ORG_SUFFIX,
    PRINTED_BY,
    SERIAL_NUMBER,
    on_first_use,
)
from ..text.dates import parse_date, recover_date
from .segment import Segments
from .title import is_title_like

# what sets issuers apart on their line: spaces, or 、 and ， outside brackets
_ISSUER_SEPARATOR = on_first_use(r"\s+|[、，,](?![^（(]*[)）])")
# run-together issuers "国家卫生健康委教育部公安部": cut after an org suffix (not inside 委员会)
_RUN_TOGETHER_ORG = on_first_use(r".+?(?:委员会|总局|委(?!员)|部(?!门)|署|局|厅|办公室|中心|政府)")


def normalise_doc_number(text: str) -> tuple[str, DocNumberParts] | None:
    """'国卫医急函[2024]101号' → ('国卫医急函〔2024〕101号', parts)."""
    match = DOC_NUMBER.search(text) or DAMAGED_DOC_NUMBER.match(text)
    if not match:
        return None
    printed = match.group("agency")
    agency = DOC_NUMBER_AGENCY_NOISE.sub("", printed)
    if len(agency) == len(printed) - 1 and not text[: match.start("agency")].strip():
        # a number opening its line: its first character is its agency's, not a word joining
        # it to a sentence ("并政发〔2013〕16号", where 并 is a city's short name)
        agency = printed
    if agency.startswith("日") and text[: match.start("agency")][-1:].isdigit():
        agency = agency[1:]  # the end of a date before it: "1997年8月13日豫政〔1997〕44号"
    if not agency:
        return None
    year, serial = int(match.group("year")), int(match.group("serial"))
    return f"{agency}〔{year}〕{serial}号", DocNumberParts.model_construct(
        agency=agency, year=year, serial=serial
    )


# kinds of documents issued on their own (not 公文 kinds of the 条例, but what users ask for)
_STANDALONE_KINDS = ("方案", "要点", "计划", "规划", "细则", "办法", "规定", "公示", "预案")
_TITLE_TAIL = " 。.|｜"
_TITLE_NOTE = on_first_use(r"[(（][^()（）]{1,12}[)）]$")  # "…的通报(7月2日)"
# a title that ends in the document it passes on or issues: "…转发《省卫生健康委关于…的通知》"
_PASSED_ON = on_first_use(r"(?:转发|批转|印发)《[^《》]+》$")
# the cover's sentence that passes a document on: "现将…《X》（…号）转发给你们"
_PASSING_ON = on_first_use(
    r"现将[^。《]{0,60}《(?P<name>[^《》]+)》[^。]{0,40}?(?:转发|印发|下发)给你们"
)
_PUNCTUATION = on_first_use(r"[\p{P}\s]")  # set aside when names are compared
_PASSING_ON_REACH = 5  # paragraphs of the cover and body searched for it
# a form to fill in is attached, not a document enclosed: 报名表, 回执, 整改台账（样式）
_FORM = on_first_use(r"(?:表|回执|台账|模板|样式|样表|格式)[)）]?$")
# kinds that assign no work and publish what they attach (a body-only page has no kind)
_PUBLISHING_KINDS = frozenset({None, "通报", "公示", "公告", "决定"})
_CLOSING_KINDS = {"函告": "函", "函复": "函", "复函": "函"}

# the first year a title names: '关于印发2025年纠风工作要点的通知' → 2025
_TITLE_YEAR = on_first_use(r"(?:19|20)\d{2}(?=年)")

# the office part of a name, never an issuer on its own
_OFFICE_ONLY = on_first_use(r"(?:办公厅|办公室|综合司|办事处|常务委员会|委员会|党组|党委)")

# a site's metadata line below the title holds at least two labels ("来源:… 发表时间:…")
_EARLY_LINES = 8
_BOX_LABELS = 2
# a page's time stamp on a line of its own: "2021-02-20 11:25 某某网"
_WEB_STAMP = on_first_use(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}")
_BYLINE = on_first_use(r"\s*(?:信息)?来\s*源\s*[:：]")
# a line that is only a date in the form sites print ("2014-06-11"); a 成文日期 is 年月日
_BARE_ISO_DATE = on_first_use(r"^\s*[•·]?\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*$")

# the number of a document a sentence cites: "我局印发了《关于…的通知》(国中医药办发〔2016〕28号)"
_CITED_NUMBER = on_first_use(
    r"(?:印发|转发|下发|根据|按照|依据|参照|落实)了?《[^《》]+》\s*[（(][^（()）]*\d{4}\s*"
    r"[〕\]］)）】]\s*\d{1,5}\s*号"
)
# labels under which a page's box gives the document's title
_TITLE_LABELS = ("标题", "文件名称", "信息名称", "名称")
# labels under which sites show the date they published the page, most specific first
_PUBLISHED_LABELS = (
    "发布日期",
    "发布时间",
    "公开日期",
    "公布日期",
    "发表时间",
    "添加时间",
    "颁布时间",
    "生成日期",
    "时间",
    "日期",
    "编辑日期",
    "更新日期",
)
# a site's date that lost its 日: "发布日期:2018年03月27"
_DAY_WITHOUT_MARK = on_first_use(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*$")


def web_fields(paras: list[Para]) -> dict[str, str]:
    """'发文字号：X 来 源：Y' → {'发文字号': 'X', '来源': 'Y'}; the first value of a label wins."""
    fields: dict[str, str] = {}
    for para in paras:
        matches = list(META_LABEL.finditer(para.text))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(para.text)
            label = regex.sub(r"\s+", "", m.group("label"))
            value = para.text[m.end() : end].strip(" |｜\t")
            number = DOC_NUMBER.search(value)
            if number and label not in ("发文字号", "文号") and number.start() > 0:
                # "发布日期: 2023-08-07 沪卫医〔2023〕47号": an unlabelled number ends the value
                fields.setdefault("发文字号", value[number.start() :].strip())
                value = value[: number.start()].strip()
            fields.setdefault(label, value)
    return fields


def _site_date(value: str) -> date | None:
    return parse_date(value + "日" if _DAY_WITHOUT_MARK.match(value) else value)


def _box_title(fields: dict[str, str]) -> str | None:
    """The title a page's metadata box gives, when it reads as one."""
    for label in _TITLE_LABELS:
        value = fields.get(label, "").strip(_TITLE_TAIL)
        if value and is_title_like(value):
            return value
    return None


def _web_stamp(text: str) -> date | None:
    """The date of a page's time stamp: a line that starts with one ("2019-12-25 08:47") or is
    a bare "2014-06-11", or a byline that ends in one ("来源:… 编辑:… 2017-11-21 09:06:49")."""
    found = _WEB_STAMP.match(text.strip()) or _BARE_ISO_DATE.match(text)
    if found is None and _BYLINE.match(text):
        found = _WEB_STAMP.search(text)
    return parse_date(found.group()) if found else None


def doc_type(title: str | None) -> str | None:
    """The 公文 kind a title ends in; a plan or rules issued on their own count by their kind
    (方案, 要点, 办法…) when the title names no 公文 kind."""
    if not title:
        return None
    title = _TITLE_NOTE.sub("", title.rstrip(_TITLE_TAIL))
    if _PASSED_ON.search(title):
        return "通知"  # 批转 and 转发 are done by a 通知, whatever the kind of what is passed on
    for kind in (*sorted(DOC_TYPES, key=len, reverse=True), *_STANDALONE_KINDS):
        if title.endswith(kind):
            return kind
    return None


def closing_type(seg: Segments) -> str | None:
    """Without a title, the kind a closing formula names: 特此批复 / 特此通告 / 特此函告."""
    for item in seg.cover + seg.main + seg.closing:
        if isinstance(item, Para) and (m := CLOSING_KIND.search(item.text)):
            return _CLOSING_KINDS.get(m.group("kind"), m.group("kind"))
    return None


def _serial_number(seg: Segments) -> str | None:
    """A 公告/通告 numbered in its own series ('2021年第1号', '(…指挥部第1号)'), on a line
    near the title or in a note after it."""
    lines = [p.text for p in seg.head[-3:]] + [p.text for p in seg.cover[:2] if isinstance(p, Para)]
    if seg.title and (note := _TITLE_NOTE.search(seg.title.text)):
        lines.insert(0, note.group().strip())
    for line in lines:
        if m := SERIAL_NUMBER.match(line.strip()):
            return regex.sub(r"\s+", "", m.group("number"))
    return None


def split_issuers(line: str) -> list[str]:
    """An issuer line's issuers: set apart by spaces or by 、/，("院办公室、门诊部"), else run
    together and cut after their suffixes."""
    pieces = [p for p in _ISSUER_SEPARATOR.split(line.strip()) if p]
    if len(pieces) > 1:
        return _rejoin_cut_names(pieces)
    found = _rejoin_cut_names(_RUN_TOGETHER_ORG.findall(line))
    return found if "".join(found) == line and len(found) > 1 else [line]


def _rejoin_cut_names(pieces: list[str]) -> list[str]:
    """'杭州市人民政府 办公厅': a piece that is only an office of the one before is part of it."""
    out: list[str] = []
    for piece in pieces:
        if out and _OFFICE_ONLY.fullmatch(piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def split_recipients(text: str) -> list[str]:
    """Split 主送机关 on ，/、 outside brackets, keeping '各省、自治区、直辖市卫生健康委' whole."""
    text = text.rstrip("：:").strip()
    pieces: list[tuple[str, str]] = []  # (text, separator after it)
    depth, current = 0, list[str]()
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and char in "，,、；;":
            pieces.append(("".join(current).strip(), char))
            current = []
        else:
            current.append(char)
    pieces.append(("".join(current).strip(), ""))
    items: list[str] = []
    pending = ""
    for piece, separator in pieces:
        pending += piece
        bare = regex.sub(r"[（(][^（）()]*[）)]$", "", pending)
        if ORG_SUFFIX.search(bare) or separator in ("，", ",", "；", ";", ""):
            if pending:
                items.append(pending)
            pending = ""
        else:
            pending += separator
    return items


def build_metadata(seg: Segments) -> Metadata:
    meta = Metadata.model_construct()
    meta.title = seg.title.text if seg.title else None
    early = [p for p in (seg.cover + seg.main)[:_EARLY_LINES] if isinstance(p, Para)]
    boxes = [p for p in early if len(META_LABEL.findall(p.text)) >= _BOX_LABELS]
    fields = web_fields(seg.trailer + [p for p in seg.head if META_LABEL.search(p.text)] + boxes)
    meta.web_fields = fields
    if meta.title is None:  # a title printed only in the page's box: "名 称：…检查计划"
        meta.title = _box_title(fields)
    candidates = (
        ([seg.doc_number_line.text] if seg.doc_number_line else [])
        # a line above the title citing another document's number ("印发了《X》(…〔2016〕28号)")
        + [p.text for p in seg.head if not _CITED_NUMBER.search(p.text)]
        + [fields.get(k, "") for k in ("发文字号", "文号", "字号")]
        + [p.text for p in seg.trailer]
    )
    for text in candidates:
        parsed = normalise_doc_number(text)
        if parsed:
            meta.doc_number, meta.doc_number_parts = parsed
            break
    meta.doc_type = doc_type(meta.title) or doc_type(fields.get("公文种类"))
    if meta.doc_number is None:
        meta.doc_number = _serial_number(seg)
    if meta.title is None:
        meta.doc_type = meta.doc_type or closing_type(seg)
    if seg.signature:
        meta.issuers = [name for p in seg.signature for name in split_issuers(p.text)]
    elif fields.get("发文机关") or fields.get("发文单位"):
        meta.issuers = split_recipients(fields.get("发文机关") or fields["发文单位"])
    if seg.recipients:
        meta.recipients = split_recipients(seg.recipients.text)
    if seg.signed_date:
        meta.signed_date = parse_date(seg.signed_date.text) or recover_date(seg.signed_date.text)
    meta.signed_date = meta.signed_date or parse_date(fields.get("成文日期", ""))
    if meta.signed_date is None and seg.doc_number_line is not None:
        # law libraries print "苏政发〔2010〕9号 2010年1月12日" under the title
        number = DOC_NUMBER.search(seg.doc_number_line.text)
        meta.signed_date = parse_date(seg.doc_number_line.text[number.end() :]) if number else None
    meta.published_date = next(
        (d for label in _PUBLISHED_LABELS if (d := _site_date(fields.get(label, "")))), None
    ) or next((d for p in seg.head + early + seg.trailer if (d := _web_stamp(p.text))), None)
    meta.printed_date = parse_date(fields.get("印发日期", ""))
    meta.notes = [m.group("note") if (m := NOTE_LINE.match(p.text)) else p.text for p in seg.notes]
    for para in seg.trailer:
        if m := COPY_TO.match(para.text):
            meta.copied_to.extend(split_recipients(m.group("items")))
        elif m := PRINTED_BY.match(para.text):
            meta.printed_date = meta.printed_date or parse_date(m.group("date"))
    enclosure = seg.enclosure_title
    meta.enclosure_title = enclosure.text if enclosure else _attached(seg, meta.doc_type)
    return meta


def _attached(seg: Segments, doc_type: str | None) -> str | None:
    """The enclosure when no enclosed text follows, read from the 附件 alone: the attachment
    the title or the cover's '现将《X》转发给你们' names (also as a link 'X.pdf'); else the one
    document (not a form) that a 通报, 公示, 公告, 决定 or body-only page attaches."""
    named = ENCLOSING_TITLE.match(seg.title.text) if seg.title else None
    names = [named.group("enclosed")] if named else []
    for para in (seg.cover + seg.main)[:_PASSING_ON_REACH]:
        if isinstance(para, Para):
            names += [m.group("name") for m in _PASSING_ON.finditer(para.text)]
    plain = {_plain(name) for name in names}
    titles = [part.title for part in seg.attachments] + [t for _, t, _ in seg.attachment_list]
    bare = [b for t in titles if _plain(b := FILE_EXTENSION.sub("", t.strip("《》 ")))]
    for title in bare:
        if _plain(title) in plain:  # quotes aside: "2011年“上海市名中医”名单"
            return title
    if (
        doc_type in _PUBLISHING_KINDS
        and len({_plain(t) for t in bare}) == 1
        and not _FORM.search(bare[0])
    ):
        return bare[0]  # the one document a 通报 or 公示 attaches: the list it publishes
    return None


def _plain(text: str) -> str:
    return _PUNCTUATION.sub("", text)


def document_year(meta: Metadata) -> int | None:
    """The year a deadline printed without one ('6月30日前') falls in: the year the title says
    the document is about ('2025年纠风工作要点') when it is the year the document is dated
    (成文日期, else its 发文字号) or the next, a plan being issued before its year begins;
    else the dated year (a title naming an earlier year reviews it, '2023年度考核结果的通报',
    and one further ahead a horizon, '到2027年', and neither is when the work falls due)."""
    dated = meta.signed_date.year if meta.signed_date else None
    if dated is None and meta.doc_number_parts:
        dated = meta.doc_number_parts.year
    titled = _TITLE_YEAR.search(meta.title) if meta.title else None
    if titled and (dated is None or int(titled.group()) == dated + 1):
        return int(titled.group())
    return dated
