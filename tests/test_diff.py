"""jiufeng diff: invariants (self-diff, mirror, determinism), a constructed pair whose true
changes are known, the two seeds, every output format, and the HTML in a real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SAMPLES
from jiufeng_extract import extract_path
from jiufeng_extract.diff import DiffReport, compare
from jiufeng_extract.diff.model import ChangeKind
from jiufeng_extract.model import Circular

OLD, NEW = DATA / "diff" / "county-2024.txt", DATA / "diff" / "county-2025.txt"
SHANGHAI, NATIONAL = SAMPLES / "shanghai-2023-jiufeng.txt", SAMPLES / "national-2024-jiufeng.txt"
MIRROR = {
    ChangeKind.ADDED: ChangeKind.REMOVED,
    ChangeKind.REMOVED: ChangeKind.ADDED,
    ChangeKind.SPLIT: ChangeKind.MERGED,
    ChangeKind.MERGED: ChangeKind.SPLIT,
}


@pytest.fixture(scope="module")
def county() -> tuple[Circular, Circular]:
    return extract_path(OLD), extract_path(NEW)


@pytest.fixture(scope="module")
def seeds() -> tuple[Circular, Circular]:
    return extract_path(SHANGHAI), extract_path(NATIONAL)


def _links(report: DiffReport) -> set[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return {(c.kind.value, tuple(c.old), tuple(c.new)) for c in report.task_changes}


@pytest.mark.parametrize("path", [SHANGHAI, NATIONAL, OLD], ids=lambda p: p.name)
def test_a_circular_against_itself_is_unchanged(path: Path) -> None:
    circular = extract_path(path)
    report = compare(circular, circular)
    assert {c.kind for c in report.task_changes} == {ChangeKind.UNCHANGED}
    assert all(c.similarity == 1.0 for c in report.task_changes)
    assert not report.differs


@pytest.mark.parametrize("pair", ["county", "seeds"])
def test_diff_mirrors_and_is_deterministic(pair: str, request: pytest.FixtureRequest) -> None:
    a, b = request.getfixturevalue(pair)
    forward, backward = compare(a, b), compare(b, a)
    mirrored = {
        (MIRROR.get(c.kind, c.kind).value, tuple(c.new), tuple(c.old))
        for c in backward.task_changes
    }
    assert _links(forward) == mirrored
    assert forward.summary["added"] == backward.summary["removed"]
    assert forward.summary["split"] == backward.summary["merged"]
    assert forward.term_changes.appeared == backward.term_changes.disappeared
    assert compare(a, b).model_dump_json() == forward.model_dump_json()


def test_constructed_pair_finds_every_known_change(county: tuple[Circular, Circular]) -> None:
    report = compare(*county)
    by_kind = {(c.kind, tuple(c.old), tuple(c.new)) for c in report.task_changes}
    assert by_kind == {
        (ChangeKind.REWORDED, (1,), (1,)),  # 每季度 → 每月
        (ChangeKind.SPLIT, (2,), (2, 3)),  # 治理医药购销 → 带金销售 + 医药代表
        (ChangeKind.MERGED, (3, 4), (4,)),  # 欺诈骗保 + 收费 → 医保基金安全
        (ChangeKind.UNCHANGED, (5,), (5,)),
        (ChangeKind.REMOVED, (6,), ()),  # 满意度调查
        (ChangeKind.ADDED, (), (6,)),  # 直播带货
    }
    reworded = next(c for c in report.task_changes if c.kind is ChangeKind.REWORDED)
    assert [(s.op, s.text) for s in reworded.text_diff if s.op != "equal"] == [
        ("delete", "每季度"),  # whole words, never half of one
        ("insert", "每月"),
    ]
    assert all(c.shared_terms for c in report.task_changes if c.old and c.new)
    units = {(u.role, tuple(u.added), tuple(u.removed)) for u in report.unit_changes}
    assert units == {
        ("lead", ("县医保局",), ("县卫健局",)),
        ("support", ("县卫健局",), ("县医保局",)),
    }
    [deadline] = report.deadline_changes
    assert (deadline.old_deadline.raw, deadline.new_deadline.raw) == ("12月底前", "10月底前")
    from jiufeng_extract.diff.labels import summary_paragraph

    summary = summary_paragraph(report)  # by the heading the tasks stand under
    assert "拆分任务 1 项（“规范医疗服务”1 项）" in summary and "完成时限变化 1 处" in summary
    assert report.term_changes.appeared == ["直播带货"]
    assert {m.field for m in report.metadata_changes} >= {"doc_number", "signed_date"}


def test_seeds_link_as_a_policy_reader_would(seeds: tuple[Circular, Circular]) -> None:
    """The two pairs of issue 21, and the 2023 special actions the national text does not have
    (every link of the seeds is checked against tests/data/diff/labels/seeds.yaml in
    test_diff_labels.py)."""
    report = compare(*seeds)
    links = {(tuple(c.old_numbers), tuple(c.new_numbers)): c for c in report.task_changes}
    split = links[(("6",), ("二", "三"))]  # 带量采购 and 带金销售 go separate ways
    assert split.kind is ChangeKind.SPLIT
    assert {"带金销售", "集中带量采购"} <= set(split.shared_terms)
    merged = links[(("14", "16"), ("十三",))]  # 行业教育 + 典型案例通报 → 以案为鉴
    assert merged.kind is ChangeKind.MERGED and "警示教育" in merged.shared_terms
    added = {c.new_numbers[0] for c in report.task_changes if c.kind is ChangeKind.ADDED}
    assert "九" in added  # 规范直播带货 is not the 2023 九项准则 task, even as a suggestion
    edits = [c for c in report.task_changes if c.old and c.new and not c.weak]
    assert not any("一" in c.new_numbers for c in edits)  # 企业主体责任 is new in 2024
    assert {c.kind for c in report.special_action_changes} == {ChangeKind.REMOVED}
    assert "直播带货" not in report.term_changes.appeared  # Shanghai 2023 already named it


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiufeng_extract", "diff", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "NO_COLOR": "1", "COLUMNS": "200"},
        timeout=120,
    )


def test_cli_formats_and_check(tmp_path: Path) -> None:
    text = run(str(OLD), str(NEW))
    assert text.returncode == 0, text.stderr
    assert "[拆分]" in text.stdout and "[-每季度-]" in text.stdout  # texts with whole words marked
    data = json.loads(run(str(OLD), str(NEW), "-f", "json").stdout)
    assert set(data) >= {
        "old",
        "new",
        "summary",
        "task_changes",
        "unit_changes",
        "deadline_changes",
        "term_changes",
        "metadata_changes",
        "special_action_changes",
    }
    assert data["summary"]["split"] == 1 and data["old"]["doc_number"] == "某卫发〔2024〕3号"
    markdown = run(str(OLD), str(NEW), "-f", "md").stdout
    assert markdown.startswith("# 某卫发〔2024〕3号 → 某卫发〔2025〕5号") and "| 拆分 |" in markdown
    page = tmp_path / "diff.html"
    assert run(str(OLD), str(NEW), "-f", "html", "-o", str(page)).returncode == 0
    assert "<ins>" in page.read_text(encoding="utf-8")
    assert run(str(OLD), str(NEW), "--check").returncode == 1
    assert run(str(OLD), str(OLD), "--check").returncode == 0
    assert run(str(OLD), str(NEW), "--threshold", "1.5").returncode == 2


def test_extracted_json_and_source_give_the_same_diff(tmp_path: Path) -> None:
    extracted = tmp_path / "old.json"
    subprocess.run(
        [sys.executable, "-m", "jiufeng_extract", "extract", str(OLD), "-q", "-o", str(extracted)],
        check=True,
        cwd=ROOT,
    )
    from_json = json.loads(run(str(extracted), str(NEW), "-f", "json").stdout)
    from_source = json.loads(run(str(OLD), str(NEW), "-f", "json").stdout)
    assert from_json["task_changes"] == from_source["task_changes"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_html_report_renders_in_a_real_browser(
    tmp_path: Path, seeds: tuple[Circular, Circular]
) -> None:
    """The page renders with no console error, its filters hide and show rows by change kind,
    a possible counterpart is never marked as an edit, and unit and deadline changes sit on
    their task's row."""
    from playwright.sync_api import sync_playwright

    report = compare(*seeds)
    page_file, county_file = tmp_path / "diff.html", tmp_path / "county.html"
    assert run(str(SHANGHAI), str(NATIONAL), "-f", "html", "-o", str(page_file)).returncode == 0
    assert run(str(OLD), str(NEW), "-f", "html", "-o", str(county_file)).returncode == 0
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        rows = page.locator("#tasks tbody tr")
        assert rows.count() == len(report.task_changes)
        assert page.locator("nav.toc a").count() >= 5
        assert page.locator("#tasks tr.added").count() == report.summary["added"]
        possible = page.locator("#tasks tr.possible")
        assert possible.count() == report.summary["possible"] > 0
        assert possible.locator("del, ins").count() == 0  # a suggestion, never an edit
        assert page.locator("#tasks tr.split td.old .text").first.inner_text().strip()
        page.screenshot(path=str(tmp_path / "top.png"))
        # filters: only the added tasks, then everything again
        for kind in report.summary:
            if report.summary[kind] and kind != "added":
                page.click(f'.filters button[data-kind="{kind}"]')
        visible = page.locator("#tasks tbody tr:visible")
        assert visible.count() == report.summary["added"]
        assert page.locator("#shown").inner_text() == str(report.summary["added"])
        page.screenshot(path=str(tmp_path / "filtered.png"), full_page=True)
        page.click(".filters button[data-all]")
        assert page.locator("#tasks tbody tr:visible").count() == len(report.task_changes)
        page.goto(county_file.as_uri())
        reworded = page.locator("#tasks tr.reworded")
        assert "牵头单位" in reworded.locator("td.notes").inner_text()
        assert "完成时限：12月底前 → 10月底前" in reworded.locator("td.notes").inner_text()
        deleted = reworded.locator("del").first
        assert deleted.inner_text() == "每季度"
        assert deleted.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
        inserted = reworded.locator("ins").first
        assert inserted.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
        page.emulate_media(media="print")
        assert page.locator(".filters").evaluate("e => getComputedStyle(e).display") == "none"
        browser.close()
    assert errors == []
    assert (tmp_path / "top.png").stat().st_size > 10_000


def test_a_task_moved_to_another_section_is_moved() -> None:
    from jiufeng_extract import extract_text

    text = OLD.read_text(encoding="utf-8")
    old = extract_text(text)
    new = extract_text(text.replace("三、加强队伍建设", "三、深化作风纪律整顿"))
    change = next(c for c in compare(old, new).task_changes if c.old == [5])
    assert (change.kind, change.new, change.moved, change.reworded) == (
        ChangeKind.MOVED,
        [5],
        True,
        False,
    )


def test_terminal_view_wraps_and_never_truncates_when_piped(
    seeds: tuple[Circular, Circular],
) -> None:
    """Piped into a narrow pager, every title, text and evidence word is still there in full
    (lines wrap; nothing ends in an ellipsis)."""
    result = subprocess.run(
        [sys.executable, "-m", "jiufeng_extract", "diff", str(SHANGHAI), str(NATIONAL)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "NO_COLOR": "1", "COLUMNS": "60"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
    joined = result.stdout.replace("\n", "")
    report = compare(*seeds)
    for change in report.task_changes:
        for piece in change.old_titles + change.new_titles + change.shared_terms:
            assert piece in joined
        if change.kind not in (ChangeKind.UNCHANGED, ChangeKind.MOVED):
            for text in change.old_texts + change.new_texts:
                assert text.replace("\n", "") in joined
