"""Every sample against its golden JSON, the seed facts a reader checks, and invariants.

Set JIUFENG_UPDATE_GOLDEN=1 (``make golden``) to rewrite the golden files; that run fails on
purpose so an update can never pass green by accident.
"""

from __future__ import annotations

import difflib
import os
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLE_FILES
from jiufeng_extract import extract_path
from jiufeng_extract.emit.serialize import dumps
from jiufeng_extract.formats import OutputFormat
from jiufeng_extract.model import Circular, DeadlineKind

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("JIUFENG_UPDATE_GOLDEN") == "1"


def _relative(sample: Path) -> str:
    return str(sample.relative_to(ROOT))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_golden(sample: Path, at_root: Path) -> None:
    actual = dumps(extract_path(_relative(sample)), OutputFormat.JSON)
    golden = GOLDEN / f"{sample.name}.json"
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
        pytest.fail(f"rewrote {golden.name}; rerun without JIUFENG_UPDATE_GOLDEN to check it")
    assert golden.exists(), f"no golden file {golden.name}: run `make golden` and review it"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{golden.name}",
                tofile="actual",
                n=2,
            )
        )
        pytest.fail(f"output differs from golden file:\n{diff[:6000]}")


def test_every_sample_has_a_golden_file() -> None:
    names = {f"{p.name}.json" for p in SAMPLE_FILES}
    assert names == {p.name for p in GOLDEN.glob("*.json")}


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_invariants(sample: Path, at_root: Path) -> None:
    circular = extract_path(_relative(sample))
    as_json = dumps(circular, OutputFormat.JSON)
    assert "\\u" not in as_json, "Chinese must be written as characters, not escapes"
    assert Circular.model_validate_json(as_json) == circular
    assert Circular.model_validate(yaml.safe_load(dumps(circular, OutputFormat.YAML))) == circular
    assert dumps(extract_path(_relative(sample)), OutputFormat.JSON) == as_json


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_shanghai_2023(suffix: str, at_root: Path) -> None:
    c = extract_path(f"samples/shanghai-2023-jiufeng{suffix}")
    meta = c.metadata
    assert meta.doc_number == "沪卫医〔2023〕47号"
    assert meta.doc_number_parts is not None and meta.doc_number_parts.serial == 47
    assert meta.doc_type == "通知"
    assert len(meta.issuers) == 10 and meta.issuers[0] == "上海市卫生健康委员会"
    assert meta.signed_date == date(2023, 7, 31)
    assert meta.published_date == date(2023, 8, 7)
    assert meta.enclosure_title == "上海市2023年纠正医药购销领域和医疗服务中不正之风工作要点"
    assert [t.ordinal for t in c.tasks] == list(range(1, 17))
    assert c.tasks[6].title == "加强医保基金规范管理及使用"
    assert c.tasks[6].path == ["工作任务", "强化医保基金监督管理"]
    assert [a.task for a in c.special_actions] == [7, 10, 14]
    assert c.special_actions[1].title == "开展整治“红包”、回扣专项检查"
    assert c.special_actions[1].text.startswith("对医务人员")
    assert [m.title for m in c.milestones] == ["自查自纠", "监督检查", "重点检查"]
    assert c.milestones[0].deadline.date == date(2023, 10, 31)
    assert c.milestones[1].deadline.kind is DeadlineKind.RANGE
    assert [(a.number, a.kind.value) for a in c.attachments] == [
        ("1", "responsibility_table"),
        ("2", "form"),
    ]
    rows = c.responsibility_table
    assert len(rows) == 16 and all(r.category for r in rows)
    assert [r.task for r in rows] == list(range(1, 17))
    assert rows[0].category == "健全完善新时代纠风工作体系"
    assert rows[6].category == "强化医保基金监督管理"
    assert rows[6].units.lead == ["市医保局"]
    assert rows[6].units.support == ["市卫生健康委", "市公安局", "市财政局"]
    assert rows[4].deadline.date == date(2023, 12, 31)
    assert len(c.form_items) == 12 and c.form_items[-1].group == 4
    assert "医保发〔2023〕15号" in {r.doc_number for r in c.references}
    differs = {w.where for w in c.warnings if w.code == "row_wording_differs"}
    assert {"responsibility row 3", "responsibility row 8"} <= differs


def test_national_2024(at_root: Path) -> None:
    c = extract_path("samples/national-2024-jiufeng.txt")
    meta = c.metadata
    assert meta.doc_number == "国卫医急函〔2024〕101号"
    assert len(meta.issuers) == 14 and meta.issuers[-1] == "国家药监局"
    assert meta.signed_date == date(2024, 5, 17)
    assert meta.notes == ["信息公开形式：主动公开"]
    assert meta.web_fields["来源"] == "国家卫生健康委网站"
    assert len(c.sections) == 5
    assert [t.number for t in c.tasks][:3] == ["一", "二", "三"] and len(c.tasks) == 15
    assert c.tasks[0].title == "落实主体责任，诚信守法经营"
    joined = "".join(t.text for t in c.tasks)
    for word in ("扰乱药品流通秩序", "医疗器械购销领域", "行为监管", "定点医药机构"):
        assert word in joined
    assert all("\n" not in t.text for t in c.tasks), "a page-break split is left in a task"
    assert sum(w.code == "rejoined_across_break" for w in c.warnings) == 4
    assert not c.attachments and not c.responsibility_table
