"""Every regular expression the extractor uses, compiled once, each with an example it matches.

Uses the ``regex`` module for ``\\p{Han}``. Patterns are anchored where they classify a whole
line; the ones used with ``finditer`` are not.

Each is compiled when it is first used (``on_first_use``), not when the module is imported:
the ``regex`` module compiles in Python, and a circular needs about two thirds of them; and
what one process compiled the next reads compiled (``patternstore.py``).
"""

from __future__ import annotations

from typing import Any, cast

import regex

from . import patternstore

# what the stand-in hands over once compiled: a call goes straight to the compiled pattern
_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class _OnFirstUse:
    """Stands in for a compiled pattern until something of it is asked for."""

    def __init__(self, source: str, flags: int) -> None:
        self.pattern = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = patternstore.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def on_first_use(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, done when the pattern is first used."""
    patternstore.declare(source, flags)
    return cast(regex.Pattern[str], _OnFirstUse(source, flags))


_CN_NUM = r"[一二三四五六七八九十百]+"
_OPEN = r"[（(]"
_CLOSE = r"[）)]"

# --- outline markers (GB/T 9704 §7.3.3 and variants seen in the wild) -----------------------
# "一、总体要求"
HEADING_CN_DUN = on_first_use(rf"^(?P<num>{_CN_NUM})\s*[、，.．]\s*(?P<rest>.*)$")
# "（一）健全完善…" / "(三) 强化…" (half-width brackets)
HEADING_CN_PAREN = on_first_use(rf"^{_OPEN}\s*(?P<num>{_CN_NUM})\s*{_CLOSE}\s*(?P<rest>.*)$")
# "1.强化…" / "1．" / "1、" / "11. 树牢…" — not "1.5倍" nor "2023年"
HEADING_ARABIC_DOT = on_first_use(r"^(?P<num>\d{1,3})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
# "（1）…" / "(2)…"
HEADING_ARABIC_PAREN = on_first_use(rf"^{_OPEN}\s*(?P<num>\d{{1,3}})\s*{_CLOSE}\s*(?P<rest>.*)$")
# "①…"
HEADING_CIRCLED = on_first_use(r"^(?P<num>[①-⑳])\s*(?P<rest>.*)$")
# GB/T 1.1 decimal numbering (预案, 规划): "1.1 目的", "2.1.1 县应急领导小组"; and the top
# level it numbers, "1  总则" / "1总则" (a short title alone, only where "1.1" follows)
HEADING_DECIMAL = on_first_use(
    r"^(?P<num>\d{1,2}(?:\.(?!0)\d{1,2}){1,2})(?![.．\d])\s*(?P<rest>\p{Han}[^。，；,;！？!?]{0,29})$"
)
HEADING_DECIMAL_TOP = on_first_use(
    r"^(?P<num>\d{1,2})(?![.．\d])\s*(?P<rest>\p{Han}[^。，；,;:：\d]{0,24})$"
)
# "第一章 总 则" (chapter-and-article documents: 办法, 细则, 条例); articles ("第一条 …") are text
HEADING_CHAPTER = on_first_use(rf"^第\s*(?P<num>{_CN_NUM}|\d{{1,2}})\s*章\s*(?P<rest>.*)$")
ARTICLE = on_first_use(rf"第\s*(?:{_CN_NUM}|\d{{1,3}})\s*条")
# first-level headings of a report on work done ("一、巡视整改组织领导情况"): what they hold
# is an account, not a task (a plan's "巩固整治成效" is a goal, so 成效 is not one of them)
REPORT_HEADING = on_first_use(r"(?:情况|主要做法|取得的成绩|存在的问题|工作回顾)$")
# headings of a plan's framework, not its tasks: 指导思想, 基本原则, 总体要求, 工作目标, 保障措施…
FRAMEWORK_HEADING = on_first_use(
    r"^(?:指导思想|基本原则|工作原则|总体要求|总体思路|总体目标|工作思路|"
    r"(?:工作|主要|行动|发展|总体|具体)?目标(?:任务|要求|指标)?|主要目标指标|工作重点和目标|"
    r"目标和原则|原则和目标|适用范围|实施范围|组织领导|保障措施|工作要求|组织保障|实施步骤|"
    r"工作步骤|时间安排|进度安排|方法步骤|实施时间|活动时间|总\s*则|附\s*则)(?:[:：]|$)"
)

# "专项行动之一：开展高值耗材专项检查" / "专项行动二：…" / "专项行动3：…"
SPECIAL_ACTION = on_first_use(
    rf"^专项(?:行动|整治|检查)(?:之)?(?P<num>{_CN_NUM}|\d+)\s*[:：]\s*(?P<title>.*)$"
)

# --- document number (发文字号): "沪卫医〔2023〕47号", "国卫医急函[2024]101号", "X发(2023)5号"
DOC_NUMBER = on_first_use(
    r"(?P<agency>[\p{Han}A-Za-z]{1,12}?)\s*[〔\[［(（【]\s*(?P<year>(?:19|20)\d{2})\s*"
    r"[〕\]］)）】]\s*(?P<serial>\d{1,5})\s*号"
)
# a 发文字号 alone on its line that lost its closing bracket and 号: "赣市府办字〔2015118"
DAMAGED_DOC_NUMBER = on_first_use(
    r"^\s*(?P<agency>\p{Han}{2,12}?)\s*[〔\[［(（【]\s*(?P<year>(?:19|20)\d{2})(?P<serial>\d{1,4})\s*$"
)
# words that precede a cited number in prose and are not part of its agency code: the code is
# what follows the last of them ("各单位要对照国卫医急发〔2023〕20号" cites 国卫医急发〔2023〕20号)
DOC_NUMBER_AGENCY_NOISE = on_first_use(
    r"^.*(?:根据|按照|依据|参照|对照|落实|贯彻|执行|印发|转发|见|及|和|与|要|的|各|并)"
)

# --- dates -----------------------------------------------------------------------------------
# "2023年7月31日"
DATE_ARABIC = on_first_use(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
)
# "二〇二三年七月三十一日"; the zero also printed as ○ (U+25CB), a Latin O or a full-width ０
DATE_CHINESE = on_first_use(
    r"(?P<y>[〇○Oo０零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)
# "2023-08-07" / "2023/8/7" / "2023.08.07"
DATE_ISO = on_first_use(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
# a whole printed date, Arabic or Chinese numerals (the day may be left blank: "2017年4月 日")
_DATE_TEXT = (
    r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{0,2}\s*日"
    r"|[〇○Oo０零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*"
    r"[一二三四五六七八九十]{1,3}\s*日)"
)
# a line that is only a date (成文日期 line): "2024年5月17日"
# a web page may put the label of its attachment links after the date: "2014年3月5日 附件:"
_LINK_LABEL = r"(?:\s附件\s*[:：]?)?"
DATE_LINE = on_first_use(rf"^\s*{_DATE_TEXT}\s*[。.]?{_LINK_LABEL}\s*$")
# a line ending in a date: "东莞市卫生局2016年4月20日", "??2018年5月14日",
# "苏政发〔2010〕9号 2010年1月12日"
DATE_AT_END = on_first_use(
    rf"^(?P<before>.{{0,60}}?)\s*(?P<date>{_DATE_TEXT})\s*[。.]?{_LINK_LABEL}\s*$"
)
# a date closing a paragraph of a run-together page: "…贯彻执行。二○○○年二月二十一日"
DATE_AFTER_SENTENCE = on_first_use(rf"(?<=[。！])\s*(?={_DATE_TEXT}[。.]?\s*$)")

# the serial number of a 公告 or 通告: "2021年第1号", "(县疫情防控指挥部第1号)"
SERIAL_NUMBER = on_first_use(
    r"^[(（]?(?P<number>(?:[\p{Han}]{0,20}?(?:公告|通告))?\s*(?:(?:19|20)\d{2}\s*年\s*)?"
    r"[\p{Han}]{0,12}?第\s*\d{1,4}\s*号)[)）]?$"
)

# the formulas of official prose: a 公文's body speaks this way even without its parts
OFFICIAL_PROSE = on_first_use(
    r"经研究(?:决定)?|现将|特此|为(?:深入|进一步|表彰|加强|贯彻|切实|全面|推动)|"
    r"根据[^。]{0,40}(?:要求|精神|规定|决定|部署)|请(?:认真|各|结合)|贯彻落实|印发给你们|"
    r"决策部署|重要指示|授予[^。]{0,40}(?:称号|单位)"
)

# a 成文日期 whose separators were lost: "2022年1231", "2018815" (text/dates.py reads it when
# only one month/day split is a real date)
# or its 年: "20223月23日"
DAMAGED_DATE = on_first_use(
    r"^\s*(?P<y>(?:19|20)\d{2})"
    r"(?:\s*年?\s*(?P<md>\d{2,4})\s*日?|(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日)\s*$"
)

# --- web metadata blocks: "标 题：…", "发文字号：…", "印发日期: 2023-07-31" --------------------
# Label variants of real sites; "【公布日期】", a colon, or a space before the value; a bare 时间
# only before a date ("时间:2019-12-25 08:47").
META_LABEL = on_first_use(
    r"[•·]?\s*[【\[]?(?P<label>标\s*题|文件名称|发\s*文\s*机\s*关|发文单位|发布单位|发布机构|"
    r"发文字号|文\s*号|来\s*源|主题分类|信息分类|体裁分类|组配分类|公开方式|公开范围|"
    r"信息名称|(?<!\p{Han})名\s*称|废止日期|废止时间|生效时间|公文种类|成文日期|印发日期|发文日期|"
    r"发布日期|发布时间|编辑日期|公开日期|归档时间|关\s*键\s*词|内容概述|作\s*者|"
    r"(?:浏览|阅读)(?:次数|数|量)?(?=\s*[:：])|"
    r"发表时间|添加时间|生成日期|公布日期|颁布时间|更新日期|索\s*引\s*号|生效日期|有\s*效\s*性|"
    r"主\s*题\s*词|所属机构|信息来源|制定机关|施行日期|时\s*间(?=\s*[:：]\s*(?:19|20)\d{2}\s*[-/.年])|"
    r"日\s*期(?=\s*[:：]\s*(?:19|20)\d{2}\s*[-/.年])|"
    r"字\s*号(?=[】\]]))"
    r"(?:[】\]]\s*[:：]?|\s*[:：]|[ \t\u3000]+(?=[^\s:：]))\s*"
)

# a labelled line that is prose, not a field: it goes on ("时间：…至14日，") or holds a sentence
PROSE_FIELD = on_first_use(r"[，,]\s*$|。")

# --- page furniture ----------------------------------------------------------------------------
# "— 3 —", "-3-", "- 12 -", "第3页", "第 3 页 共 10 页", "3/10"
PAGE_NUMBER = on_first_use(
    r"^\s*(?:[—–\-－一]{1,2}\s*\d{1,4}\s*[—–\-－一]{1,2}|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$"
)
# lines that belong to a web page's chrome, not to the circular
WEB_CHROME = on_first_use(
    r"^(?:字[号体]\s*[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小|.*无障碍|.*打印本页|.*关闭窗口|"
    r".*【\s*(?:打印|关闭|大|中|小|我要纠错|发表评论|互动社区|收藏|推荐)\s*】|.*(?:分享到|扫一扫)|"
    r"当前位置|您现在的位置|(?:网站)?首页\s*[>/»＞]|"
    r"(?:您|当前).{0,6}(?:位置|页面)\s*[:：]|"
    r".{0,8}(?:位置|页面)\s*[:：]\s*.{0,12}?(?:首页|主页)\s*(?:>>|[>»＞/\-])|"
    r"(?:责任编辑|编辑|审核|校对)\s*[:：]\s*\S{1,12}$|"
    r".*版权所有|.*Copyright|.*ICP备|.*网站标识码|.*公网安备|网站地图|联系我们|"
    r"本站\s*搜索|原标题\s*[:：][^，。；]{5,}$|[【\[]?免责声明[】\]]|.*\(/[\w/.\-]*\)\s*(?:[/>]|$)|"
    r"(?:阅读)?(?:上一篇|下一篇)|相关(?:链接|文章|阅读)|"
    # a rating widget: "该内容对我有帮助 赞一个"
    r".*(?:内容|文章|信息)对(?:我|您)有(?:帮助|用)|.*赞一个|简\s*介\s*[:：]?\s*$|"
    # an item of a list of related pages, its date run into its title: "2013-08-30某某法"
    r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?=\p{Han})|"
    # the rest of a <meta content="…" /> tag that a scraper kept: the page's description
    r'.*"\s*/?>\s*$)'
)
# "- 附件：…" bullets left by scraping (not the "- 4 -" of a page number)
LIST_BULLET = on_first_use(r"^[-•·*]\s+(?=\D)")
# the mark a journal database (CNKI) puts where a document's own text starts: "<正>国办发…"
TEXT_START_MARK = on_first_use(r"^<正>\s*")
# HTML tags surviving in scraped text: "<p>", "</i>", "<br/>"
HTML_TAG = on_first_use(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
HTML_PARAGRAPH_BREAK = on_first_use(r"</p>\s*<p[^>]*>|<br\s*/?>", regex.IGNORECASE)

# --- titles and cover notices -----------------------------------------------------------------
DOC_TYPES = (
    "决议",
    "决定",
    "命令",
    "令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
)
# the end of a title line: "…工作要点的通知", "…实施方案", "…工作要点"
TITLE_END = on_first_use(
    r"(?:决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|要点|方案|答复|"
    r"办法|规定|细则|计划|规划|安排|清单|名单|措施|规则|总结|任务分工表|分工表|公示|预案|"
    r"计划[(（]\d{4}\s*[-—－–]+\s*\d{4}年[)）]|"
    # an order with its serial: "…防控指挥部2号令", "第3号令"
    r"第?\d{1,3}\s*号令)$"
)
# the file an attachment is linked as on a web page: "附件：关于…的通知.pdf"
FILE_EXTENSION = on_first_use(r"\.(?:pdf|docx?|wps|xlsx?|ofd|rar|zip)$", regex.IGNORECASE)
# "关于印发《X》的通知" / "关于印发X的通知", also after its issuer ("卫生部关于印发《X》和Y的
# 通知"): group "enclosed" is X
ENCLOSING_TITLE = on_first_use(
    r"^[^《》]{0,40}?关于(?:印发|转发|下发|公布)《?(?P<enclosed>.+?)》?的(?:通知|函)$"
)
# a closing formula at the end of a paragraph, naming the document's kind: "…执行。特此通告。"
CLOSING_KIND = on_first_use(
    r"特此(?P<kind>通知|通报|通告|公告|批复|决定|函告|函复|复函|报告)[。.！!]?\s*$"
)
# "特此通知。"
CLOSING_FORMULA = on_first_use(r"^特此(?:通知|通报|函告|公告|报告)[。.]?$")
# 附注 "（信息公开形式：主动公开）"
NOTE_LINE = on_first_use(
    r"^[（(](?P<note>[^（()）]*?(?:公开|联系人|联系电话|此件)[^（()）]*)[）)]$"
)
# a contact line of the body, "联系人：李华，联系电话：0738-6123456" / "邮  箱：…"
CONTACT_LINE = on_first_use(
    r"^[（(]?\s*(?:联\s*系\s*人|联系(?:电话|方式|单位|地址)|咨询电话|监督电话|举报电话|"
    r"电\s*话|传\s*真|电子邮箱|电子信箱|邮\s*箱|E-?mail|通讯地址|地\s*址|邮\s*编)"
    r"[^:：。；;]{0,8}[:：]"
)
# 版记 "抄送：…。"
COPY_TO = on_first_use(r"^抄\s*送\s*[:：]\s*(?P<items>.+?)[。.]?$")
# 版记 "XX办公室 2023年7月31日印发"
PRINTED_BY = on_first_use(r"^(?P<org>\S.*?)\s+(?P<date>\S+年\S+月\S+日)\s*印发$")

# --- attachments --------------------------------------------------------------------------------
# 附件说明 "附件：1.XXX" / "附件: XXX"
ATTACHMENT_LIST = on_first_use(r"^附\s*件\s*[:：]\s*(?P<rest>.+)$")
# attachment item "1.XXX" / "2、XXX"
ATTACHMENT_ITEM = on_first_use(r"^(?P<num>\d{1,2})\s*[.．、]\s*(?P<title>.+)$")
# attachment start "附件1" / "附件1：" / "附件 2" / "附件"
ATTACHMENT_START = on_first_use(r"^附\s*件\s*(?P<num>\d{1,2})?\s*[:：]?\s*(?P<title>.*)$")

# --- references -----------------------------------------------------------------------------
# "《关于印发…的通知》" (no nested 《》)
BOOK_TITLE = on_first_use(r"《(?P<title>[^《》]{2,80})》")

# --- sentence and org structure -----------------------------------------------------------------
TERMINAL_PUNCT = "。！？；：!?;:"
CLOSING_QUOTES = "”’」』）)】"
# suffixes that end an organisation name: "…委员会", "…局", "…中心"
_ORG_END = (
    r"(?:委员会|委|局|厅|部|署|办|会|院|中心|单位|机构|部门|大学|学校|学院|联|处|室|所|站|公司|集团|"
    r"企业|医院|政府|分局|办公室|支队|总队|党委|党组|司)"
)
ORG_SUFFIX = on_first_use(rf"{_ORG_END}$")
# a signature run on after the last sentence, with or without its date: "…整改。某市医疗保障局"
SIGNATURE_AFTER_SENTENCE = on_first_use(
    rf"(?<=[。！!])\s*(?=[\p{{Han}}（）()]{{2,40}}?{_ORG_END}\s*(?:{_DATE_TEXT})?\s*$)"
)
# the date run on after the issuer it is signed by: "某省卫生健康委员会2019年3月18日"
DATE_AFTER_ISSUER = on_first_use(rf"(?<={_ORG_END})\s*(?={_DATE_TEXT}\s*$)")
# 责任单位 grammar (units.py). A role word after the units it applies to: "市医保局牵头",
# "…按职责分别牵头", "…为配合单位", "…按职责共同推进"; 落实/实施 count only after 共同, since
# unit names end in 落实办.
UNIT_ROLE = on_first_use(
    r"(?:按(?:照)?职责(?:分工)?|依职责)?(?:为|作为)?"
    r"(?P<role>共同牵头|分别牵头|牵头负责|牵头|共同(?:推进|负责|落实|实施|开展)|分别负责|负责|"
    r"配合|参与|协助|协同|协办)(?:单位|部门)?"
)
# a role label before the units: "牵头单位：市医保局", "配合部门:市公安局"
UNIT_ROLE_LABEL = on_first_use(r"^(?P<role>牵头|配合|参与|协办|责任)(?:单位|部门)\s*[:：]\s*")
# "市卫生健康委会同市医保局": the first leads, the others support (not the 联合会 of a name)
UNIT_TOGETHER_WITH = on_first_use(r"会同|联合(?!会)")
# a bracketed note inside a cell: "（含市中医药管理局，下同）"
UNIT_NOTE = on_first_use(r"[（(](?P<note>[^（）()]*)[）)]")
# "含市中医药管理局，下同": the unit before the bracket includes these; 下同 = also in later rows
UNIT_INCLUDES = on_first_use(r"^(?:含|包括)(?P<units>.+?)(?P<standing>[，,、]?\s*下同)?$")
# "专项行动由市卫生健康委牵头", "专项行动之三由市医保局负责": the special action's own lead
UNIT_ACTION_LEAD = on_first_use(
    r"^(?P<what>专项(?:行动|整治|治理)\p{Han}{0,4})由(?P<units>.+?)(?:牵头|负责)(?:实施|推进)?$"
)
# separators between unit names: "市卫生健康委、市医保局", "市公安局和市财政局"
UNIT_SEPARATOR = on_first_use(r"[、/／]|和(?=\p{Han}{2,}(?:委|局|厅|部|署|办|院|会|中心))")
# what trails a list of units: "…等部门", "…等单位"
UNIT_LIST_TAIL = on_first_use(r"等(?:有关|相关)?(?:部门|单位|成员单位)?$|^由")
UNIT_LEAD_FIRST = on_first_use(r"列第一位的?为牵头单位|排(?:在|列)第一位的?为牵头")
# a table's 序号 cell: "7", "7.", "7、"
ROW_NUMBER = on_first_use(r"^\s*(\d{1,3})\s*[.．、]?\s*$")
# cell text that is a unit of measure in a self-inspection form: "次", "人", "%"
MEASURE_UNIT = on_first_use(r"^(?:次|人|张|份|个|家|元|万元|例|件|项|篇|场|人次|%|％|天|批|条)$")

HAN = on_first_use(r"\p{Han}")
# a forum's anti-copy jammer (Discuz): one- and two-character ASCII tokens between spaces,
# "( _8 M1 x* {3 N# y1 D9 w", glued to the text around them ("…综合司* j- l, J: F+ X")
JAMMER = on_first_use(r"[!-~]{1,2}(?: [!-~]{1,2}){3,}")
WHITESPACE_RUN = on_first_use(r"[ \t\u00a0\u2002\u2003\u3000]+")
# a space between two CJK characters that a line join or a table cell left behind
SPACE_BETWEEN_CJK = on_first_use(
    r"(?<=[\p{Han}，。、；：“”（）《》])\s+(?=[\p{Han}，。、；：“”（）《》])"
)
