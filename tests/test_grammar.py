"""The small grammars, with cases beyond the seeds."""

from __future__ import annotations

from datetime import date

import pytest

from jiufeng_extract.model import DeadlineKind
from jiufeng_extract.parse.metadata import (
    doc_type,
    normalise_doc_number,
    split_issuers,
    split_recipients,
)
from jiufeng_extract.parse.outline import match_heading, split_title
from jiufeng_extract.text.dates import chinese_number, parse_date, recover_date
from jiufeng_extract.units.deadlines import parse_deadline
from jiufeng_extract.units.roles import split_units


@pytest.mark.parametrize(
    ("raw", "kind", "start", "due"),
    [
        ("持续推进", "ongoing", None, None),
        ("长期坚持", "ongoing", None, None),
        ("每年开展", "ongoing", None, None),
        ("12月底前", "by_date", None, date(2023, 12, 31)),
        ("年底前", "by_date", None, date(2023, 12, 31)),
        ("10月25日前", "by_date", None, date(2023, 10, 25)),
        ("2024年3月31日前", "by_date", None, date(2024, 3, 31)),
        ("2023年10月底前", "by_date", None, date(2023, 10, 31)),
        ("2月底前", "by_date", None, date(2023, 2, 28)),
        ("6月中旬", "by_date", None, date(2023, 6, 20)),
        ("上半年", "by_date", None, date(2023, 6, 30)),
        ("下半年", "range", date(2023, 7, 1), date(2023, 12, 31)),
        ("第三季度", "range", date(2023, 7, 1), date(2023, 9, 30)),
        ("2023年7月-10月31日", "range", date(2023, 7, 1), date(2023, 10, 31)),
        ("2023年7月—2024年6月", "range", date(2023, 7, 1), date(2024, 6, 30)),
        ("5月至9月", "range", date(2023, 5, 1), date(2023, 9, 30)),
        ("2025年", "by_date", None, date(2025, 12, 31)),
        ("按要求", "unspecified", None, None),
        ("", "unspecified", None, None),
    ],
)
def test_deadlines(raw: str, kind: str, start: date | None, due: date | None) -> None:
    d = parse_deadline(raw, 2023)
    assert (d.kind, d.start, d.date) == (DeadlineKind(kind), start, due)
    assert d.raw == raw


@pytest.mark.parametrize(
    ("raw", "lead", "support", "joint", "notes"),
    [
        (
            "市医保局牵头，市卫生健康委、市公安局配合（专项行动由市卫生健康委牵头）",
            ["市医保局"],
            ["市卫生健康委", "市公安局"],
            [],
            ["专项行动由市卫生健康委牵头"],
        ),
        ("省卫生健康委", ["省卫生健康委"], [], [], []),
        ("区卫健委、区医保局按职责分别牵头", ["区卫健委", "区医保局"], [], [], []),
        ("各成员单位按职责共同推进", [], [], ["各成员单位"], []),
        (
            "县卫健局（含县中医院，下同）牵头，县财政局参与；县审计局协助",
            ["县卫健局"],
            ["县财政局", "县审计局"],
            [],
            ["含县中医院，下同"],
        ),
        ("市市场监管局负责", ["市市场监管局"], [], [], []),
    ],
)
def test_unit_roles(
    raw: str, lead: list[str], support: list[str], joint: list[str], notes: list[str]
) -> None:
    u = split_units(raw)
    assert (u.lead, u.support, u.joint, u.notes) == (lead, support, joint, notes)


def test_first_listed_unit_leads_when_the_table_says_so() -> None:
    u = split_units("区卫生健康委、区医保局、区财政局", first_is_lead=True)
    assert (u.lead, u.support) == (["区卫生健康委"], ["区医保局", "区财政局"])


@pytest.mark.parametrize(
    ("text", "number", "agency", "year", "serial"),
    [
        ("沪卫医〔2023〕47号", "沪卫医〔2023〕47号", "沪卫医", 2023, 47),
        ("国卫医急函[2024]101号", "国卫医急函〔2024〕101号", "国卫医急函", 2024, 101),
        ("粤卫(2022) 9号", "粤卫〔2022〕9号", "粤卫", 2022, 9),
        ("根据京卫发［2021］3号文件", "京卫发〔2021〕3号", "京卫发", 2021, 3),
        ("(1997年8月13日豫政〔1997〕44号公布)", "豫政〔1997〕44号", "豫政", 1997, 44),
        ("日照卫发〔2020〕12号", "日照卫发〔2020〕12号", "日照卫发", 2020, 12),
        ("赣市府办字〔2015118", "赣市府办字〔2015〕118号", "赣市府办字", 2015, 118),
        # a city's one-character short name that is also a conjunction, opening the line
        ("并政发〔2013〕16号", "并政发〔2013〕16号", "并政发", 2013, 16),
        ("和政办发〔2021〕7号", "和政办发〔2021〕7号", "和政办发", 2021, 7),
        # the same character joining the number to a sentence goes
        ("认真学习并京卫发〔2021〕3号", "京卫发〔2021〕3号", "京卫发", 2021, 3),
    ],
)
def test_doc_numbers(text: str, number: str, agency: str, year: int, serial: int) -> None:
    parsed = normalise_doc_number(text)
    assert parsed is not None
    assert parsed[0] == number
    assert (parsed[1].agency, parsed[1].year, parsed[1].serial) == (agency, year, serial)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年5月17日", date(2024, 5, 17)),
        ("二〇二三年七月三十一日", date(2023, 7, 31)),
        ("二〇二四年十二月一日", date(2024, 12, 1)),
        ("发布日期：2023-08-07", date(2023, 8, 7)),
        ("2024年2月30日", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_chinese_numbers() -> None:
    assert [chinese_number(s) for s in ("一", "十", "十五", "二十", "二十三", "一百零二")] == [
        1,
        10,
        15,
        20,
        23,
        102,
    ]


def test_recipients_keep_region_lists_and_brackets_whole() -> None:
    assert split_recipients(
        "各省、自治区、直辖市卫生健康委，市场监管局（厅、委），各有关单位："
    ) == ["各省、自治区、直辖市卫生健康委", "市场监管局（厅、委）", "各有关单位"]


def test_issuers_spaced_and_run_together() -> None:
    assert split_issuers("江南省卫生健康委员会 江南省医疗保障局") == [
        "江南省卫生健康委员会",
        "江南省医疗保障局",
    ]
    assert split_issuers("国家卫生健康委教育部公安部") == ["国家卫生健康委", "教育部", "公安部"]
    assert split_issuers("中共上海市教育卫生工作委员会") == ["中共上海市教育卫生工作委员会"]


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("一、总体要求", "cn_dun", "一"),
        ("（十二）分类处置", "cn_paren", "十二"),
        ("(三) 强化监管", "cn_paren", "三"),
        ("1.强化建设。坚决贯彻", "arabic_dot", "1"),
        ("2．规范采购", "arabic_dot", "2"),
        ("3、加强培训", "arabic_dot", "3"),
        ("（1）建立台账", "arabic_paren", "1"),
        ("②开展检查", "circled", "②"),
    ],
)
def test_heading_markers(text: str, kind: str, number: str) -> None:
    assert match_heading(text)[:2] == (kind, number)  # type: ignore[index]


@pytest.mark.parametrize("text", ["2023年工作", "1.5倍以上", "一是加强领导", "10月25日前报送"])
def test_not_headings(text: str) -> None:
    assert match_heading(text) is None


def test_title_split_at_first_full_stop() -> None:
    assert split_title("强化纠风工作思想体系建设。坚决贯彻。") == (
        "强化纠风工作思想体系建设",
        "坚决贯彻。",
    )
    assert split_title("健全完善新时代纠风工作体系") == ("健全完善新时代纠风工作体系", "")


def test_doc_type_from_title() -> None:
    assert doc_type("关于印发…工作要点的通知") == "通知"
    assert doc_type("关于…的意见") == "意见"
    # a plan issued on its own counts by its own kind (it names no 公文 kind of the 条例)
    assert doc_type("2024年纠风工作要点") == "要点"
    assert doc_type("某某医院医德医风专项整治活动实施方案") == "方案"
    assert doc_type("某某市城乡居民医疗保险办法") == "办法"
    assert doc_type("某某情况汇总") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年1231", date(2022, 12, 31)),  # lost 月 and 日
        ("20223月23日", date(2022, 3, 23)),  # lost 年
        ("202212月5日", date(2022, 12, 5)),
        ("2020126", None),  # 1月26日 or 12月6日: no guess
        ("20221332", None),
    ],
)
def test_damaged_dates(text: str, expected: date | None) -> None:
    assert recover_date(text) == expected
