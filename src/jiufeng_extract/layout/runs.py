"""Pages that run everything onto one line, split back into the parts a reader sees.

Some mirrors and template sites lose every line break: title, 发文字号, 主送机关, text, headings
and date follow each other in one paragraph, at best separated by a space or by the ``||||`` of a
flattened layout table. A paragraph is cut only where the 公文's own grammar marks a boundary:

- a run of ``|`` (a layout table's cell borders), or a space between two pieces of Chinese text
  that are not letter-spaced single characters (医 疗 服 务 stays one piece);
- before a heading (一、 （一） 第一章 第一条) that follows the end of a sentence;
- after a title that runs into the text, around a 发文字号 run in between the title and the
  主送机关 ("…的指导意见国办发〔2015〕70号各省…："), after a 主送机关 that opens the page
  (各…、…：), before a closing formula (特此通知) or a signature (its issuer, its 成文日期 or
  both) that follows the end of a sentence, and between such an issuer and its date.

Only long paragraphs of pages with few paragraphs are cut: a normal page keeps its paragraphs.
"""

from __future__ import annotations

from typing import TypeVar

from ..patterns import (
    DATE_AFTER_ISSUER,
    DATE_AFTER_SENTENCE,
    SIGNATURE_AFTER_SENTENCE,
    TITLE_END,
    on_first_use,
)

# a page with at most this many paragraphs, and paragraphs at least this long, are examined
_FEW_PARAGRAPHS = 12
_LONG_PARAGRAPH = 60
_MAX_RECIPIENTS = 150
_MIN_PAGE_MARKS = 2

_PIPES = on_first_use(r"\s*\|{2,}\s*|\s+\|\s+")
# a space between Chinese pieces, not inside letter-spaced text ("医 疗 服 务")
_SPACE = on_first_use(r"(?<=[\p{Han}\p{Ps}\p{Pe}”’。：:号）)])[ \u3000]+(?=[\p{Han}“‘（(《\d])")
_HEADING_AFTER_SENTENCE = on_first_use(
    r"(?<=[。；;！？：:])\s*(?="
    r"(?:[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|第[一二三四五六七八九十百零〇]{1,4}[章条节])"
    r")"
    # a chapter starts a part wherever it stands in a run-together page: "…方案第一章总则"
    r"|(?<=\p{Han})(?=第[一二三四五六七八九十]{1,3}章)"
    # the closing formula after the last sentence: "…完成整改。特此通知。"
    r"|(?<=[。！!])\s*(?=特此(?:通知|通报|通告|公告|函告)[。.！!]?)"
)
# the first subheading run into its heading, on any page: "二、工作措施(一)开展…"
_SUBHEADING_RUN_IN = on_first_use(
    r"(?<=^[一二三四五六七八九十]{1,3}[、.．][^。，,；;（()）]{2,12})(?=[（(]一[）)])"
)
_RECIPIENTS = on_first_use(rf"^(?P<to>各[^。：:]{{1,{_MAX_RECIPIENTS}}}?[：:])(?=\S)")
# two-character labels of a form or a list of members, which pages letter-space ("组 长：")
_SPACED_LABELS = frozenset({"组长", "成员", "地址", "邮编", "电话", "传真", "备注", "姓名", "职务"})
# a 发文字号 with the 主送机关 run on after it: "国办发〔2015〕70号各省、自治区…："
_NUMBER_TEXT = r"\p{Han}{1,10}[〔\[［【]\s*(?:19|20)\d{2}\s*[〕\]］】]\s*\d{1,5}\s*号"
_NUMBER_THEN_RECIPIENTS = on_first_use(rf"^(?P<number>{_NUMBER_TEXT})(?=各)")
# a title run into the first sentence: "…实施方案为深入开展…", "…的通知各区卫生健康委："
_TITLE_THEN_TEXT = on_first_use(
    # after the first page's mark of a document-sharing site, if any ("1、…行动计划为提高…")
    r"^(?:1、)?(?P<title>[^。，,；;：:]{6,80}?(?:通知|通报|通告|公告|决定|意见|批复|方案|要点|办法|细则|规定|"
    r"计划|规划)(?:[(（][^()（）]{1,15}[)）])?)"
    rf"(?=为了?|根据|按照|依据|现将|近年来|近日|各|{_NUMBER_TEXT}各)"
)


# where a piece of a run-together paragraph is cut, in this order
_BOUNDARIES = (
    _HEADING_AFTER_SENTENCE,
    _SUBHEADING_RUN_IN,
    SIGNATURE_AFTER_SENTENCE,
    DATE_AFTER_SENTENCE,
    DATE_AFTER_ISSUER,
)

# what travels with each paragraph's text: the caller's way back to where it came from
Origin = TypeVar("Origin")

_PAGE_MARK = on_first_use(r"^(?P<n>\d{1,2})、(?=\S)")
_SENTENCE_END = tuple("。；;！？!?：:")


def strip_page_marks(texts: list[tuple[str, Origin]]) -> list[tuple[str, Origin]]:
    """Document-sharing sites number their pages '1、', '2、', '3、' at the start of each page,
    cutting the text mid-sentence: '…打击欺诈' | '2、骗保行为…'. Such marks count up from 1,
    and at least one of them cuts a sentence; they are removed and the cut text rejoined.
    A real list (1、 2、 after a sentence or a colon) never cuts one, so it stays."""
    marks = [i for i, (text, _) in enumerate(texts) if _PAGE_MARK.match(text)]
    numbers = [int(_PAGE_MARK.match(texts[i][0])["n"]) for i in marks]  # type: ignore[index]
    cuts = [i for i in marks[1:] if not texts[i - 1][0].endswith(_SENTENCE_END)]
    if len(marks) < _MIN_PAGE_MARKS or numbers != list(range(1, len(marks) + 1)) or not cuts:
        return texts
    out: list[tuple[str, Origin]] = []
    for i, (text, provenance) in enumerate(texts):
        if i not in marks:
            out.append((text, provenance))
            continue
        rest = _PAGE_MARK.sub("", text)
        if out and i in cuts:
            out[-1] = (out[-1][0] + rest, out[-1][1])
        else:
            out.append((rest, provenance))
    return out


def split_runs(texts: list[tuple[str, Origin]]) -> list[tuple[str, Origin]]:
    """Paragraph texts (each with its origin) → the same, run-together paragraphs cut apart
    (every piece with the origin of the paragraph it was cut from)."""
    texts = [(piece, p) for text, p in texts for piece in _SUBHEADING_RUN_IN.split(text)]
    if len(texts) > _FEW_PARAGRAPHS:
        return texts
    out: list[tuple[str, Origin]] = []
    for text, provenance in texts:
        if len(text) < _LONG_PARAGRAPH or _whole_title(text):
            out.append((text, provenance))
            continue
        out += [(piece, provenance) for piece in _cut(text)]
    return out


def _whole_title(text: str) -> bool:
    """A long title alone, no sentence in it: a joint notice's issuers before 关于 are spaced
    apart ("甲委员会 乙局 丙局关于…的通知") and stay in it."""
    return not any(mark in text for mark in _SENTENCE_END) and bool(
        TITLE_END.search(text.rstrip("》」』”） "))
    )


def _cut(text: str) -> list[str]:
    pieces = [p for p in _PIPES.split(text) if p.strip(" |.")]
    pieces = [q for p in pieces for q in _split_spaces(p)]
    out: list[str] = []
    if pieces and (m := _TITLE_THEN_TEXT.match(pieces[0])):
        out.append(m.group("title"))
        pieces[0] = pieces[0][m.end() :]
    for piece in pieces:
        if m := _NUMBER_THEN_RECIPIENTS.match(piece):
            out.append(m.group("number"))
            piece = piece[m.end() :]
        if m := _RECIPIENTS.match(piece):
            out.append(m.group("to"))
            piece = piece[m.end() :]
        parts = [piece]
        for boundary in _BOUNDARIES:  # each cut applied to the parts the one before left
            parts = [q for p in parts for q in boundary.split(p.strip())]
        out += parts
    return [p.strip() for p in out if p.strip()]


def _split_spaces(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in _SPACE.finditer(text):
        last = text[start : m.start()].split()[-1:]
        first = text[m.end() :].split()[:1]
        if not last or not first or len(last[0]) == 1 or len(first[0]) == 1:
            continue  # letter-spaced text: 医 疗 服 务, 总 则
        label = text[m.start() - 1] + first[0][:1]
        if label in _SPACED_LABELS and first[0][1:2] in (":", "："):
            # a two-character label letter-spaced ("组 长：") whose first half ends the piece
            pieces.append(text[start : m.start() - 1])
            start = m.start() - 1
            continue
        pieces.append(text[start : m.start()])
        start = m.end()
    pieces.append(text[start:])
    return pieces
