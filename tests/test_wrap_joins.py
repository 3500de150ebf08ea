"""Lines of hard-wrapped text are joined where the wrap cut them, but some lines end where
they end even at the wrap width: a 发文字号 alone, a row of a site's own fields, issuers set
side by side."""

from __future__ import annotations

import pytest

from jiufeng_extract.layout.normalize import Para, _should_join
from jiufeng_extract.model import Provenance

WIDTH = 15  # a width lists of short names give (the wrap-width guess takes it)


def _para(text: str) -> Para:
    return Para(text, Provenance.model_construct(page=None, line=1, paragraph=None))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("鄂卫监局发【2016】5号", "各市(州)、直管市卫生计生综合监督执法局："),
        ("关于印发专项整治工作方案的通知", "层级:国家级 发文系统:卫健 发文日期:2021-05-28"),
        ("国家卫生健康委办公厅 中央网信办秘书局", "公安部办公厅 海关总署办公厅"),
    ],
    ids=["number line", "site facet row", "issuers side by side"],
)
def test_a_line_that_ends_where_it_ends(a: str, b: str) -> None:
    assert not _should_join(_para(a), _para(b), WIDTH, page_break=False)


def test_a_wrapped_line_is_still_joined() -> None:
    a, b = "各单位要高度重视，认真组织开展", "自查自纠工作，按时报送。"
    assert _should_join(_para(a), _para(b), WIDTH, page_break=False)
