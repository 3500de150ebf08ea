"""Mechanisms that real published pages need, each on a case written here (not from corpus/):
full-width indentation, Traditional script, pinyin debris, blank-line paragraphs, pages that
start at the 主送机关, and text that has no 公文 element at all."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from jiufeng_extract import extract_text
from jiufeng_extract.errors import NotACircularError
from jiufeng_extract.load.decode import check_text
from jiufeng_extract.text.script import Unfolder, clean, fold

NOTICE = """某某县卫生健康局关于印发2025年行风建设工作要点的通知
某卫发〔2025〕8号
各乡镇卫生院，县直各医疗卫生单位：
{i}现将《2025年行风建设工作要点》印发给你们，请认真贯彻落实。
某某县卫生健康局
2025年3月4日
2025年行风建设工作要点
一、加强组织领导
{i}各单位要把行风建设摆上重要位置。
二、开展专项整治
{i}聚焦群众反映强烈的突出问题，开展集中整治。
三、强化监督考核
{i}将行风建设纳入年度考核。
"""


def _summary(text: str) -> tuple[Any, ...]:
    c = extract_text(text)
    m = c.metadata
    return (
        m.title,
        m.doc_number,
        tuple(m.recipients),
        tuple(m.issuers),
        m.signed_date,
        m.enclosure_title,
        tuple((t.number, t.title) for t in c.tasks),
    )


def test_full_width_indentation_reads_like_ascii_spaces() -> None:
    assert check_text(NOTICE.format(i="\u3000\u3000"), "x.txt")  # not "binary data"
    with_u3000 = _summary(NOTICE.format(i="\u3000\u3000"))
    with_nbsp = _summary(NOTICE.format(i="\u00a0\u00a0"))
    with_ascii = _summary(NOTICE.format(i="  "))
    assert with_u3000 == with_ascii == with_nbsp
    assert with_ascii[1] == "某卫发〔2025〕8号"
    assert [t[1] for t in with_ascii[6]] == ["加强组织领导", "开展专项整治", "强化监督考核"]


def test_traditional_script_is_parsed_and_printed_as_traditional() -> None:
    simplified = _summary(NOTICE.format(i=""))
    traditional_text = fold_back(NOTICE.format(i=""))
    traditional = _summary(traditional_text)
    assert traditional[0] == "某某縣衛生健康局關於印發2025年行風建設工作要點的通知"
    assert traditional[1] == "某衛發〔2025〕8號"
    assert [t[1] for t in traditional[6]] == [fold_back(t[1]) for t in simplified[6]]
    assert fold(traditional[0] or "") == simplified[0]
    assert traditional[4] == simplified[4]


def fold_back(text: str) -> str:
    out: str = _s2t().convert(text)
    return out


@lru_cache(maxsize=1)
def _s2t() -> Any:
    """One converter for the whole run: building one reads OpenCC's dictionaries (a quarter of a
    second each time, which made this the slowest test of the mutation run)."""
    import opencc

    return opencc.OpenCC("s2t")


def test_pinyin_after_characters_and_zero_width_marks_are_debris() -> None:
    assert clean("關於印發(fā)通知\u200b&nbsp;") == "關於印發通知 "
    assert clean("⾏政") == "行政"  # a Kangxi radical → the ordinary character
    text = NOTICE.format(i="").replace("印发", "印发(fā)").replace("卫生", "卫(wèi)生")
    assert _summary(text) == _summary(NOTICE.format(i=""))


def test_unfolder_keeps_the_printed_characters() -> None:
    unfolder = Unfolder(["長春市人民政府", "關於印發方案的通知"])
    assert unfolder.changed
    assert unfolder.unfold("关于印发方案的通知") == "關於印發方案的通知"
    assert unfolder.unfold("长春市人民政府关于") == "長春市人民政府關於"  # across two lines
    assert not Unfolder(["关于印发方案的通知"]).changed


def test_blank_lines_are_paragraph_breaks() -> None:
    text = (
        "某市卫生局关于同意设立某某医院的批复\n\n某市卫生局关于同意设立某某医院的批复\n"
        "（某卫复〔2012〕3号）\n\n某某医院：\n你院请示收悉。经研究，同意设立。\n\n二〇一二年五月六日\n"
    )
    c = extract_text(text)
    assert c.metadata.title == "某市卫生局关于同意设立某某医院的批复"
    assert c.metadata.doc_type == "批复"
    assert c.metadata.recipients == ["某某医院"]
    assert c.metadata.doc_number == "某卫复〔2012〕3号"


def test_a_page_that_starts_at_the_recipients_is_not_refused() -> None:
    text = (
        "各乡镇人民政府，县政府各部门：\n现将有关事项通知如下，请遵照执行。\n"
        "某某县人民政府办公室\n2021年1月25日\n"
    )
    c = extract_text(text)
    assert c.metadata.title is None
    assert c.metadata.recipients == ["各乡镇人民政府", "县政府各部门"]
    assert str(c.metadata.signed_date) == "2021-01-25"


def test_text_without_any_document_part_is_still_refused() -> None:
    with pytest.raises(NotACircularError):
        extract_text("今天天气很好，我们去公园散步。\n晚上回家吃饭。\n")


@pytest.mark.parametrize(
    ("date_line", "issuers", "number"),
    [
        ("某某县卫生健康局\n二○二四年三月五日", ["某某县卫生健康局"], None),  # U+25CB as zero
        ("某某县卫生健康局\n二O二四年三月五日。", ["某某县卫生健康局"], None),  # Latin O, a 。
        ("某某县卫生健康局2024年3月5日", ["某某县卫生健康局"], None),  # issuer and date on a line
        ("??2024年3月5日", [], None),  # lost indentation before the date
        ("某卫发〔2024〕6号 2024年3月5日", [], "某卫发〔2024〕6号"),
    ],
)
def test_signature_dates_as_real_pages_print_them(
    date_line: str, issuers: list[str], number: str | None
) -> None:
    text = f"各乡镇卫生院：\n现将有关事项通知如下。\n{date_line}\n"
    c = extract_text(text)
    assert str(c.metadata.signed_date) == "2024-03-05"
    assert c.metadata.issuers == issuers
    assert c.metadata.doc_number == number


def test_a_single_enclosure_line_above_the_signature_is_the_list() -> None:
    text = (
        "各科室：\n现将任务分解表印发给你们，请抓好落实。\n附件：某某工作任务分解表\n"
        "某某区人民政府办公室\n2021年1月25日\n（此件公开发布）\n"
    )
    c = extract_text(text)
    assert str(c.metadata.signed_date) == "2021-01-25"
    assert c.metadata.issuers == ["某某区人民政府办公室"]


def test_recipients_below_site_chrome_and_never_a_widget_line() -> None:
    text = (
        "某市卫生健康委关于做好某项工作的通知\n发布时间：2024-05-06\n浏览次数：\n"
        "字号：[大 中 小]\n打印本页\n各区卫生健康委，委属各单位：\n现将有关事项通知如下。\n"
        "某市卫生健康委\n2024年5月6日\n"
    )
    c = extract_text(text)
    assert c.metadata.recipients == ["各区卫生健康委", "委属各单位"]
    assert c.metadata.title == "某市卫生健康委关于做好某项工作的通知"


def test_a_page_run_onto_one_line_is_cut_where_the_grammar_says() -> None:
    text = (
        "某市人民政府关于同意设立某某节的批复 某函〔2019〕12号 某市卫生健康委: "
        "你委《关于设立某某节的请示》收悉。经研究，同意自2020年起设立某某节。"
        "一、加强组织领导。各单位要高度重视。二、做好宣传工作。要广泛宣传。"
        "某市人民政府 2019年11月3日\n"
    )
    c = extract_text(text)
    assert c.metadata.title == "某市人民政府关于同意设立某某节的批复"
    assert c.metadata.doc_number == "某函〔2019〕12号"
    assert c.metadata.recipients == ["某市卫生健康委"]
    assert c.metadata.doc_type == "批复"


def test_letter_spaced_titles_are_not_cut() -> None:
    from jiufeng_extract.layout.runs import split_runs
    from jiufeng_extract.model import Provenance

    text = (
        "某某市医疗服务协议书 医 疗 服 务 协 议 书 "
        + "为规范医疗服务行为，根据有关规定，制定本协议。" * 6
    )
    pieces = [t for t, _ in split_runs([(text, Provenance())])]
    assert any("医 疗 服 务 协 议 书" in piece for piece in pieces)


@pytest.mark.parametrize(
    "line",
    [
        "发布时间：2024-05-06 10:00",
        "公开日期: 2024-05-06 09:22",
        "【公布日期】2024-05-06",
        "时间:2024-05-06 08:47:09 来源:某某网",
        "文章来源:某某委 浏览量: 发表时间:2024-05-06 10:49",
    ],
)
def test_site_date_labels_in_their_forms(line: str) -> None:
    text = f"某县卫生健康局关于做好某项工作的通知\n{line}\n各乡镇卫生院：\n现将有关事项通知如下。\n"
    assert str(extract_text(text).metadata.published_date) == "2024-05-06"


def test_without_a_title_the_closing_formula_names_the_kind() -> None:
    text = (
        "某某医院：\n你院请示收悉。经研究，同意你院设立某某科。\n特此批复。\n"
        "某市卫生局\n2015年3月2日\n"
    )
    c = extract_text(text)
    assert c.metadata.title is None
    assert c.metadata.doc_type == "批复"


def test_a_title_with_a_short_note_after_it() -> None:
    text = "关于某项监测情况的通报(7月2日)\n各市卫生健康委：\n现将监测情况通报如下。\n"
    c = extract_text(text)
    assert c.metadata.title == "关于某项监测情况的通报(7月2日)"
    assert c.metadata.doc_type == "通报"


@pytest.mark.parametrize(
    ("head", "title", "number"),
    [
        # the issuer on one line, 关于… on the next, a letter-spaced kind on the last
        ("某某市卫生健康局\n关于对某项建议的\n答 复", "某某市卫生健康局关于对某项建议的答复", None),
        # a phrase cut after 的, then the rest, then the kind
        ("某某县疫情防控的\n工作指挥部\n通 告", "某某县疫情防控的工作指挥部通告", None),
        # a plan title whose 通知 comes on the next line
        (
            "关于印发某某三年行动计划\n(2023—2025年)的通知",
            "关于印发某某三年行动计划(2023—2025年)的通知",
            None,
        ),
        # a breadcrumb above the title is not part of it
        ("首页 > 政务公开 > 通知公告\n关于做好某项工作的通知", "关于做好某项工作的通知", None),
        # the number before or after the title on its line, a site's label before it
        (
            "某卫发〔2021〕6号 某区卫生健康局关于做好某项工作的通知",
            "某区卫生健康局关于做好某项工作的通知",
            "某卫发〔2021〕6号",
        ),
        (
            "某区卫生健康局关于做好某项工作的批复(某卫复〔2011〕19号)",
            "某区卫生健康局关于做好某项工作的批复",
            "某卫复〔2011〕19号",
        ),
        ("政策解读:关于做好某项工作的通知", "关于做好某项工作的通知", None),
        ("【政策文件】关于做好某项工作的通知", "关于做好某项工作的通知", None),
        ("《某市人民政府关于表彰某某单位的通报》", "某市人民政府关于表彰某某单位的通报", None),
    ],
)
def test_titles_as_real_pages_print_them(head: str, title: str, number: str | None) -> None:
    c = extract_text(f"{head}\n各乡镇卫生院：\n现将有关事项通知如下。\n某某局\n2024年3月5日\n")
    assert c.metadata.title == title
    assert c.metadata.doc_number == number


def test_no_title_is_taken_from_below_the_recipients() -> None:
    text = (
        "各盟市卫生局，各有关单位：\n现将某某工作要点\n印发给你们。\n某某工作要点\n一、加强领导\n"
    )
    assert extract_text(text).metadata.title is None


PLAN = """某某县关于印发卫生健康三年行动计划的通知
各乡镇人民政府：
现将《某某县卫生健康三年行动计划》印发给你们，请认真贯彻执行。
某某县人民政府
2023年4月6日
某某县卫生健康三年行动计划
一、指导思想
以新时代中国特色社会主义思想为指导，坚持以人民健康为中心。
二、基本原则
1.坚持预防为主。把预防摆在更加突出的位置。
2.坚持改革创新。深化体制机制改革。
三、行动目标
到2025年，基本建成优质高效的服务体系。
四、重点任务
（一）提升基层服务能力。加强乡镇卫生院建设。
（二）完善公共卫生体系。健全疾病预防控制网络。
（三）推进智慧医疗建设。建设全民健康信息平台。
五、保障措施
（一）加强组织领导。各乡镇要高度重视。
"""


def test_framework_headings_and_their_items_are_not_tasks() -> None:
    c = extract_text(PLAN)
    titles = [t.title for t in c.tasks]
    assert titles == ["提升基层服务能力", "完善公共卫生体系", "推进智慧医疗建设"]
    assert [s.title for s in c.sections] == [
        "指导思想",
        "基本原则",
        "行动目标",
        "重点任务",
        "保障措施",
    ]


def test_run_in_framework_headings_and_labels_get_their_own_title() -> None:
    text = PLAN.replace("一、指导思想\n以", "一、指导思想以").replace(
        "三、行动目标\n到", "三、行动目标到"
    )
    c = extract_text(text)
    assert [s.title for s in c.sections][:3] == ["指导思想", "基本原则", "行动目标"]
    meeting = (
        "关于召开某某会议的通知\n各医院：\n一、会议时间:2007年8月17日下午\n"
        "二、会议地点:某某会议室\n"
    )
    assert [s.title for s in extract_text(meeting).sections] == ["会议时间", "会议地点"]


def test_chapter_and_article_documents() -> None:
    text = (
        "某某市医疗保险实施办法\n第一章 总 则\n第一条 为规范医疗保险管理，制定本办法。\n"
        "第二条 本办法适用于本市。\n第二章 经办职责\n第三条 医保经办机构负责经办。\n"
    )
    c = extract_text(text)
    assert [s.title for s in c.sections] == ["总则", "经办职责"]
    assert c.tasks == []
    run_together = (
        "某某医院考评实施方案第一章总则第一条为加强医德医风建设，提高医务人员职业道德素质，"
        "建立规范有效的激励和约束机制，制定本方案。第二条本方案适用于全院各科室的医师、护士及"
        "其他卫生技术人员。第二章考评组织第三条医院成立考评领导小组，负责全院的考评工作。"
    )
    assert [s.title for s in extract_text(run_together).sections] == ["总则", "考评组织"]


@pytest.mark.parametrize(
    ("printed", "read"),
    [("2022年1231", "2022-12-31"), ("2018815", "2018-08-15"), ("2020126", None)],
)
def test_damaged_signature_dates_are_recovered_or_reported(printed: str, read: str | None) -> None:
    c = extract_text(f"各乡镇卫生院：\n现将有关事项通知如下。\n某某县卫生健康局\n{printed}\n")
    assert (str(c.metadata.signed_date) if c.metadata.signed_date else None) == read
    assert c.metadata.issuers == ["某某县卫生健康局"]  # the signature is not lost with it
    assert [w.code for w in c.warnings if w.code == "damaged_date"] == ["damaged_date"]


def test_a_date_without_its_day_still_ends_the_signature() -> None:
    text = (
        "各单位：\n现将工作要点印发给你们。\n某市卫生计生委办公室\n2017年4月 日\n"
        "2017年工作要点\n一、加强领导\n"
    )
    c = extract_text(text)
    assert c.metadata.signed_date is None
    assert c.metadata.issuers == ["某市卫生计生委办公室"]
    assert c.metadata.enclosure_title == "2017年工作要点"


def test_enclosure_titles_wrapped_and_with_their_years() -> None:
    text = (
        "关于印发某某三年行动方案的通知\n各县区：\n现将方案印发你们。\n某某市人民政府\n"
        "2024年3月7日\n某某市安全生产三年行动方案\n(2024—2026年)\n一、总体要求\n"
    )
    assert extract_text(text).metadata.enclosure_title == "某某市安全生产三年行动方案(2024—2026年)"
    wrapped = text.replace(
        "某某市安全生产三年行动方案\n(2024—2026年)", "某某市2015年城乡居民基本\n医疗保险实施方案"
    )
    assert (
        extract_text(wrapped).metadata.enclosure_title == "某某市2015年城乡居民基本医疗保险实施方案"
    )


def test_an_enclosure_right_after_the_title() -> None:
    text = (
        "关于印发某州全面推进县域医共体建设实施方案的通知\n某州全面推进县域医共体\n建设实施方案\n"
        "为贯彻落实有关要求，制定本方案。\n一、总体目标\n到2025年基本建成。\n二、重点任务\n"
        "（一）完善管理体制。明确职责。\n"
    )
    assert extract_text(text).metadata.enclosure_title == "某州全面推进县域医共体建设实施方案"


def test_an_attachment_line_is_never_joined_to_the_signature() -> None:
    text = (
        "某市医疗保障局关于公开征求意见的公告\n为加强工作，现公开征求意见，欢迎提出意见建议。\n"
        "附件1:某某认定办法(征求意见稿).docx\n附件2:关于某某认定办法的说明.docx\n"
        "某市医疗保障局\n2020年10月22日\n"
    )
    c = extract_text(text)
    assert c.metadata.issuers == ["某市医疗保障局"]
    assert str(c.metadata.signed_date) == "2020-10-22"


def test_recipients_run_into_the_text_and_addressees_of_a_reply() -> None:
    text = (
        "某区人民政府办公室关于印发某某行动实施方案的通知\n"
        "各街道办事处、某某镇人民政府、区人民政府各部门：经区政府同意，现将方案印发给你们。\n"
        "某区人民政府办公室\n2021年2月22日\n"
    )
    assert extract_text(text).metadata.recipients == [
        "各街道办事处",
        "某某镇人民政府",
        "区人民政府各部门",
    ]
    reply = (
        "某某局关于对某某建议的答复\n尊敬的某某代表：\n您提出的建议收悉。\n某某局\n2023年6月29日\n"
    )
    assert extract_text(reply).metadata.recipients == ["尊敬的某某代表"]
    widget = (
        "关于做好某项工作的通知\n字号:[ ] [我要打印][关闭] 视力保护色:\n各乡镇：\n"
        "现将事项通知如下。\n"
    )
    assert extract_text(widget).metadata.recipients == ["各乡镇"]


def test_an_issuer_and_its_office_stay_one_name() -> None:
    text = "各区：\n现将事项通知如下。\n某某市人民政府办公厅\n2020年5月20日\n"
    assert extract_text(text).metadata.issuers == ["某某市人民政府办公厅"]
    spaced = text.replace("某某市人民政府办公厅", "某某市人民政府 办公厅")
    assert extract_text(spaced).metadata.issuers == ["某某市人民政府办公厅"]


def test_indentation_lost_as_question_marks() -> None:
    text = (
        "各县区人民政府：\n??经市政府同意，现将规划印发给你们。\n某市人民政府办公室\n"
        "??2018年5月14日\n??某市慢性病防治规划(2018—2025年)\n??一、规划背景\n"
        "??近年来，我市慢病防治取得进展。\n??二、总体要求\n??（一）指导思想。坚持预防为主。\n"
    )
    c = extract_text(text)
    assert str(c.metadata.signed_date) == "2018-05-14"
    assert c.metadata.enclosure_title == "某市慢性病防治规划(2018—2025年)"
    assert [s.title for s in c.sections] == ["规划背景", "总体要求"]


def test_a_subheading_run_into_its_heading() -> None:
    text = (
        "某某卫生局群众满意度提升工作方案\n一、指导思想\n坚持以人民为中心。\n"
        "二、工作措施(一)开展医疗下乡活动。组织卫生院开展巡回医疗。\n"
        "(二)提升医疗机构服务水平。落实首诊负责制。\n"
    )
    c = extract_text(text)
    assert [s.title for s in c.sections] == ["指导思想", "工作措施"]
    assert [t.title for t in c.tasks] == ["开展医疗下乡活动", "提升医疗机构服务水平"]


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("某某卫生健康委公告\n2021年第1号", "2021年第1号"),
        ("某县疫情防控指挥部\n通 告\n(县疫情防控指挥部第1号)", "县疫情防控指挥部第1号"),
        ("关于某某工作的通知\n•【字号】某政发[2010]55号", "某政发〔2010〕55号"),
    ],
)
def test_serial_numbers_and_bracketed_labels(head: str, number: str) -> None:
    c = extract_text(f"{head}\n为做好某项工作，现将有关事项公告如下。\n某某局\n2021年3月1日\n")
    assert c.metadata.doc_number == number


def test_a_title_in_brackets_after_its_number_is_not_joined_to_the_next_line() -> None:
    text = (
        "某政函〔2020〕38号《某市人民政府关于表彰某县(市、区)先进集体的通报》\n"
        "《某市人民政府关于表彰某县(市、区)先进集体的通报》\n某政函〔2020〕38号\n"
        "各县(市、区)人民政府：\n现将表彰情况通报如下。\n"
    )
    c = extract_text(text)
    assert c.metadata.title == "某市人民政府关于表彰某县(市、区)先进集体的通报"
    assert c.metadata.doc_number == "某政函〔2020〕38号"


def test_a_metadata_line_below_the_title_and_a_time_stamp() -> None:
    text = (
        "县卫健委2021年工作任务分解\n"
        "文章来源:某县卫生健康委员会 浏览量: 发表时间:2021-05-07 10:49\n"
        "1.加快发展健康产业。\n牵头责任单位:县卫健委\n"
    )
    assert str(extract_text(text).metadata.published_date) == "2021-05-07"
    stamped = "某某条例\n2021-02-20 11:25 某某网\n第一章 总则\n第一条 为了规范管理，制定本条例。\n"
    assert str(extract_text(stamped).metadata.published_date) == "2021-02-20"


def test_a_number_and_date_under_the_title_as_law_libraries_print_them() -> None:
    text = (
        "省政府关于授予某某区先进区称号的通知\n某政发〔2010〕9号 2010年1月12日\n"
        "各市、县人民政府，省各直属单位：\n近年来，各地认真开展创建工作。\n"
    )
    c = extract_text(text)
    assert c.metadata.doc_number == "某政发〔2010〕9号"
    assert str(c.metadata.signed_date) == "2010-01-12"


def test_a_page_cut_to_its_body_is_read_with_a_warning() -> None:
    text = (
        "2022年，全市卫生健康系统认真落实决策部署，各项重点工作圆满完成。\n"
        "为表彰先进，根据年度考核结果，经研究决定，授予某某医院为年度先进单位。\n"
    )
    c = extract_text(text)
    assert c.metadata.title is None and c.tasks == []
    assert "body_only" in [w.code for w in c.warnings]


def test_an_issuer_wrapped_over_two_lines() -> None:
    text = (
        "关于加强疫情防控工作的通告\n为切实做好防控工作，现通告如下。\n一、暂停集会活动。\n"
        "某某市新型冠状病毒感染的肺炎疫情\n防控指挥部\n2020年1月28日\n"
    )
    assert extract_text(text).metadata.issuers == ["某某市新型冠状病毒感染的肺炎疫情防控指挥部"]
    reply = "某某医院：\n你院请示收悉，同意。\n特此批复\n某市卫生健康委员会\n2015年3月2日\n"
    assert extract_text(reply).metadata.issuers == ["某市卫生健康委员会"]


def test_a_reply_or_a_commendation_has_parts_not_tasks() -> None:
    text = (
        "某市卫生局关于同意某某医院扩建住院楼的批复\n某某医院：\n你院请示收悉。经研究，批复如下：\n"
        "一、项目名称：某某医院住院楼扩建项目。\n二、项目业主：某某医院。\n某市卫生局\n2017年3月2日\n"
    )
    c = extract_text(text)
    assert c.tasks == []
    assert [s.title for s in c.sections] == ["项目名称", "项目业主"]
    assert "no_tasks" not in [w.code for w in c.warnings]
    # "label：value" headings are fields of any document, never tasks
    notice = text.replace("的批复", "的通知")
    assert extract_text(notice).tasks == []


def test_page_marks_of_a_document_sharing_site() -> None:
    # each page of the shared document is one line, numbered by the site, cut mid-word
    text = (
        "1、某县打击欺诈骗保专项整治行动方案根据上级部署，结合我县实际，制定本方案。"
        "一、指导思想坚持以人民为中心，持续推进打击欺诈\n"
        "2、骗保行为，确保基金安全。二、整治目标坚持全面覆盖与突出重点并重。"
        "三、整治内容：（一）加强对定点医疗机\n"
        "3、构的监管力度。严厉查处虚假住院。（二）强化医养结合机构的监管。打击虚假就医。\n"
    )
    c = extract_text(text)
    assert c.metadata.title == "某县打击欺诈骗保专项整治行动方案"
    assert [s.title for s in c.sections] == ["指导思想", "整治目标", "整治内容"]
    assert [t.title for t in c.tasks] == ["加强对定点医疗机构的监管力度", "强化医养结合机构的监管"]


def test_a_real_numbered_list_is_not_taken_for_page_marks() -> None:
    text = (
        "关于做好某项工作的通知\n各单位：\n请做好以下工作：\n1、加强组织领导。\n2、落实工作责任。\n"
    )
    sections = extract_text(text).sections
    assert [(s.number, s.title) for s in sections] == [("1", "加强组织领导"), ("2", "落实工作责任")]


def test_a_report_of_work_done_has_no_tasks_under_its_accounts() -> None:
    text = (
        "关于某项整改进展情况的通报\n根据统一部署，现将整改进展情况通报如下。\n"
        "一、整改组织领导情况\n（一）提高站位抓整改。深刻领会整改的重大意义。\n"
        "（二）压实责任抓整改。成立整改工作领导小组。\n"
    )
    c = extract_text(text)
    assert c.tasks == []


def test_a_metadata_box_flattened_into_a_pipe_table() -> None:
    text = (
        "索引号: | 307021/2024-00171 | 发布机构: | 某州卫生健康委 |\n"
        "生效日期: | 2024-10-31 | 废止日期: | |\n"
        "关于印发某某实施方案的通知\n各县卫生健康局：\n现将方案印发给你们。\n"
    )
    fields = extract_text(text).metadata.web_fields
    assert fields["索引号"] == "307021/2024-00171"
    assert fields["发布机构"] == "某州卫生健康委"
