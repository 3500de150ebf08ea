"""Case files (tests/cases/*.txt): a circular, a line '# output', then the expected rendering.

Each case shows one layout quirk the seeds do not have. The rendering lists metadata, the
outline, tasks and their links, tables and warning codes: compact enough to read at a glance.
Set JIUFENG_UPDATE_CASES=1 to rewrite the expected part (that run fails on purpose).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from jiufeng_extract import extract_text
from jiufeng_extract.model import Circular, Section

CASES = sorted((Path(__file__).parent / "cases").glob("*.txt"))
MARK = "# output\n"


def hold_case(case: Path, source: str, expected: str, actual: str) -> None:
    """Fail with a diff unless ``actual`` is the case file's expected output; with
    JIUFENG_UPDATE_CASES=1, write ``actual`` into the file instead (and fail, to be reviewed)."""
    if os.environ.get("JIUFENG_UPDATE_CASES") == "1":
        case.write_text(source + MARK + actual, encoding="utf-8")
        pytest.fail(f"rewrote {case.name}; review it and rerun without JIUFENG_UPDATE_CASES")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            "expected",
            "actual",
        )
        pytest.fail(f"{case.name}:\n{''.join(diff)}")


def _outline(sections: list[Section], out: list[str]) -> None:
    for s in sections:
        out.append(f"{'  ' * s.level}{s.marker} {s.title}")
        _outline(s.children, out)


def render(c: Circular) -> str:
    m = c.metadata
    out = [
        f"title: {m.title}",
        f"doc_number: {m.doc_number}",
        f"doc_type: {m.doc_type}",
        f"issuers: {' | '.join(m.issuers)}",
        f"recipients: {' | '.join(m.recipients)}",
        f"signed_date: {m.signed_date}",
        f"enclosure_title: {m.enclosure_title}",
        "outline:",
    ]
    _outline(c.sections, out)
    out.append("tasks: " + " | ".join(f"{t.number} {t.title} …{t.text[-8:]}" for t in c.tasks))
    out.append("special_actions: " + " | ".join(f"{a.title} →{a.task}" for a in c.special_actions))
    out.append(
        "milestones: "
        + " | ".join(
            f"{x.title} {x.deadline.kind.value} {x.deadline.start or ''}..{x.deadline.date or ''}"
            for x in c.milestones
        )
    )
    out.append("references: " + " | ".join(f"{r.title} {r.doc_number}" for r in c.references))
    out.append(
        "attachments: "
        + " | ".join(
            f"{a.number} {a.title} {a.kind.value}{'' if a.found else ' MISSING'}"
            for a in c.attachments
        )
    )
    for r in c.responsibility_table:
        u = r.units
        out.append(
            f"row {r.seq} [{r.category}] →{r.task} lead={','.join(u.lead)} "
            f"support={','.join(u.support)} joint={','.join(u.joint)} "
            f"due={r.deadline.kind.value}:{r.deadline.date or ''}"
        )
    out.append("warnings: " + " ".join(w.code for w in c.warnings))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_case(case: Path) -> None:
    source, _, expected = case.read_text(encoding="utf-8").partition(MARK)
    actual = render(extract_text(source, path=case.name))
    hold_case(case, source, expected, actual)


# parse/*, text/dates.py, text/joining.py (issue 23, mutation testing): what the compact
# rendering leaves out, for the case files under tests/cases/details/: each table row's
# category and task text as read, the self-inspection form items, whether each attachment was
# listed and found and where, and where each warning points; the notes (附注 and the contact
# lines that close the notice) and the whole text of the last task; and the lines kept apart as
# furniture (the banner and the lines above the title).
DETAIL_CASES = sorted((Path(__file__).parent / "cases" / "details").glob("*.txt"))


def render_details(c: Circular) -> str:
    out = [render(c).rstrip("\n")]
    out.append("notes: " + " | ".join(c.metadata.notes))
    if c.tasks:
        out.append(f"last task text: {c.tasks[-1].text!r}")
    for r in c.responsibility_table:
        out.append(f"row {r.seq} [{r.category}] {r.task_text!r} due {r.deadline.raw!r}")
    for f in c.form_items:
        out.append(f"form {f.group} {f.item} [{f.unit}]")
    for a in c.attachments:
        where = a.provenance.describe() if a.provenance else None
        out.append(f"attachment {a.number} listed={a.listed} found={a.found} at {where}")
    for w in c.warnings:
        out.append(f"warning {w.code} at {w.where}: {w.message}")
    if c.furniture:
        out.append("furniture: " + " | ".join(c.furniture))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", DETAIL_CASES, ids=lambda p: p.stem)
def test_case_details(case: Path) -> None:
    source, _, expected = case.read_text(encoding="utf-8").partition(MARK)
    actual = render_details(extract_text(source, path=case.name))
    hold_case(case, source, expected, actual)


# parse/metadata.py, parse/cover.py (issue 23, mutation testing): the metadata the compact
# rendering leaves out, for the case files under tests/cases/metadata/: the 发文字号's parts, the
# web page's dates and its label box, the 附注 and 抄送; the preamble (the text between the
# 主送机关 and the outline) and where each reference is cited.
METADATA_CASES = sorted((Path(__file__).parent / "cases" / "metadata").glob("*.txt"))


def render_metadata(c: Circular) -> str:
    m = c.metadata
    parts = m.doc_number_parts
    out = [
        render(c).rstrip("\n"),
        f"doc_number_parts: {parts.agency} {parts.year} {parts.serial}" if parts else "",
        f"published_date: {m.published_date}",
        f"printed_date: {m.printed_date}",
        f"notes: {' | '.join(m.notes)}",
        f"copied_to: {' | '.join(m.copied_to)}",
    ]
    out += [f"web_field {label}: {value}" for label, value in m.web_fields.items()]
    out.append(f"preamble: {c.preamble!r}")
    out += [f"reference {r.doc_number} at {r.provenance.describe()}" for r in c.references]
    return "\n".join(line for line in out if line) + "\n"


@pytest.mark.parametrize("case", METADATA_CASES, ids=lambda p: p.stem)
def test_case_metadata(case: Path) -> None:
    source, _, expected = case.read_text(encoding="utf-8").partition(MARK)
    actual = render_metadata(extract_text(source, path=case.name))
    hold_case(case, source, expected, actual)
