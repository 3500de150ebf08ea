"""Property-based tests of the text pipeline: whatever the text, the result is a circular that
validates against the schema, or one of the project's own errors; never anything else."""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from jiufeng_extract import JiufengError, extract_text
from jiufeng_extract.validate import schema_problems

SEEDS = [
    (SAMPLES / name).read_text(encoding="utf-8")
    for name in ("shanghai-2023-jiufeng.txt", "national-2024-jiufeng.txt")
]
MARKERS = [
    "一、",
    "二、",
    "十、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2．",
    "3、",
    "（1）",
    "①",
    "附件",
    "附件1：",
    "专项行动之一：",
    "序号\t重点任务\t责任单位\t完成时限",
]
WORDS = [
    "强化纠风工作",
    "市卫生健康委牵头",
    "12月底前",
    "持续推进",
    "2023年10月31日前",
    "关于印发",
    "的通知",
    "国卫医急函〔2024〕101号",
    "\t",
    "\n",
    "\f",
    "　",
    "。",
]
COMMON = settings(
    max_examples=int(os.environ.get("JIUFENG_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def holds(text: str) -> None:
    try:
        circular = extract_text(text)
    except JiufengError:
        return
    assert schema_problems(circular.model_dump(mode="json")) == []


@COMMON
@given(st.text(max_size=2000))
def test_any_unicode_text(text: str) -> None:
    holds(text)


@COMMON
@given(st.lists(st.sampled_from(MARKERS + WORDS), max_size=200))
@example(["①", "一、"])  # found by this test: "①".isdigit() is True but int("①") fails
def test_any_mix_of_numbering_markers(pieces: list[str]) -> None:
    holds("".join(pieces))


@COMMON
@given(
    seed=st.sampled_from(range(len(SEEDS))),
    shuffle=st.randoms(use_true_random=False),
    keep=st.floats(min_value=0.0, max_value=1.0),
)
def test_shuffled_and_truncated_real_circulars(
    seed: int, shuffle: random.Random, keep: float
) -> None:
    lines = SEEDS[seed].splitlines()
    lines = lines[: int(len(lines) * keep)]
    if shuffle.random() < 0.5:
        shuffle.shuffle(lines)
    else:  # swap a few neighbouring blocks: a page out of order
        for _ in range(5):
            if len(lines) > 2:
                i = shuffle.randrange(len(lines) - 1)
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
    holds("\n".join(lines))


@COMMON
@given(seed=st.sampled_from(range(len(SEEDS))), cut=st.integers(min_value=0, max_value=20000))
def test_real_circular_cut_anywhere(seed: int, cut: int) -> None:
    holds(SEEDS[seed][:cut])
