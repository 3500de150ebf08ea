"""A forum's anti-copy jammer comes out of the lines; short ASCII runs that are words,
numbers or initials stay."""

from __future__ import annotations

import pytest

from jiufeng_extract.layout.normalize import clean_line


@pytest.mark.parametrize(
    ("jammed", "clean"),
    [
        ("关于开展专项检查的通知( _8 M1 x* {3 N# y1 D9 w", "关于开展专项检查的通知"),
        ("国家疾控局综合司* j- l, J: F+ X: x& u c' e( h j( c", "国家疾控局综合司"),
        (") m9 s. G4 T3 T3 H国家疾控局综合司", "国家疾控局综合司"),
    ],
)
def test_a_jammer_comes_out(jammed: str, clean: str) -> None:
    assert clean_line(jammed) == clean


@pytest.mark.parametrize(
    "text",
    [
        "分为 A B C D 四个等级",
        "按 1 2 3 4 的顺序排列",
        "采用 PDF 或 OFD 格式报送",
        "Q & A 问答",
    ],
)
def test_words_numbers_and_initials_stay(text: str) -> None:
    assert clean_line(text) == text
