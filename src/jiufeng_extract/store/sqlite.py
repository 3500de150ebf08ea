"""Circulars → the SQLite database of ``schema.py``, incrementally.

Each circular is keyed by the sha256 of its input: one already there is left alone (a rerun
touches nothing), one whose input path is there with another digest replaces that version
(its child rows cascade away), anything else is added. One transaction per call: a failure
leaves the database as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError, describe
from ..model import Circular, Deadline, Section
from ..units.index import index_units
from ..units.names import UnitNames
from .schema import DDL, SCHEMA_VERSION

Value = str | int | None


@dataclass
class StoreStats:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged"


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the database, with foreign keys on and the tables in place."""
    try:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys = ON")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise InputError(f"database schema {version}, this version writes {SCHEMA_VERSION}")
        connection.executescript(DDL)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.Error as exc:
        raise InputError(f"not a circulars database: {describe(exc)}", path) from None
    return connection


def update_database(
    path: Path, circulars: Iterable[Circular], names: UnitNames | None = None
) -> StoreStats:
    names = names or UnitNames.default()
    stats = StoreStats()
    connection = connect(path)
    try:
        with connection:
            for circular in circulars:
                _upsert(connection, circular, names, stats)
    except sqlite3.Error as exc:
        raise InputError(f"cannot write the database: {describe(exc)}", path) from None
    finally:
        connection.close()
    return stats


def _upsert(
    db: sqlite3.Connection, circular: Circular, names: UnitNames, stats: StoreStats
) -> None:
    source = circular.source
    if db.execute("SELECT 1 FROM circulars WHERE sha256 = ?", (source.sha256,)).fetchone():
        stats.unchanged += 1
        return
    old = [r[0] for r in db.execute("SELECT id FROM circulars WHERE path = ?", (source.path,))]
    for circular_id in old:
        db.execute(
            "DELETE FROM tasks_fts WHERE rowid IN (SELECT id FROM tasks WHERE circular_id = ?)",
            (circular_id,),
        )
        db.execute("DELETE FROM circulars WHERE id = ?", (circular_id,))
    if old:
        stats.replaced += 1
    else:
        stats.added += 1
    circular_id = _insert(db, "circulars", _circular_row(circular))
    _children(db, circular_id, circular, names)


def _circular_row(circular: Circular) -> dict[str, Value]:
    meta = circular.metadata
    parts = meta.doc_number_parts
    year = parts.year if parts else meta.signed_date.year if meta.signed_date else None
    return {
        "sha256": circular.source.sha256,
        "path": circular.source.path,
        "format": circular.source.format.value,
        "title": meta.title,
        "doc_number": meta.doc_number,
        "agency": parts.agency if parts else None,
        "year": year,
        "serial": parts.serial if parts else None,
        "doc_type": meta.doc_type,
        "issuers": "、".join(meta.issuers),
        "recipients": "、".join(meta.recipients),
        "signed_date": _iso(meta.signed_date),
        "published_date": _iso(meta.published_date),
        "schema_version": circular.schema_version,
    }


def _children(db: sqlite3.Connection, cid: int, circular: Circular, names: UnitNames) -> None:
    _sections(db, cid, circular.sections, None)
    for task in circular.tasks:
        task_id = _insert(
            db,
            "tasks",
            {
                "circular_id": cid,
                "ordinal": task.ordinal,
                "number": task.number,
                "title": task.title,
                "text": task.text,
                "path": " > ".join(task.path),
                "page": task.provenance.page,
            },
        )
        db.execute(
            "INSERT INTO tasks_fts (rowid, title, text) VALUES (?, ?, ?)",
            (task_id, task.title, task.text),
        )
    for action in circular.special_actions:
        first = action.deadlines[0] if action.deadlines else None
        _insert(
            db,
            "special_actions",
            {
                "circular_id": cid,
                "ordinal": action.ordinal,
                "number": action.number,
                "title": action.title,
                "text": action.text,
                "task": action.task,
                "deadline": first.raw if first else None,
                "due": _iso(first.date) if first else None,
            },
        )
    for milestone in circular.milestones:
        row = {"circular_id": cid, "title": milestone.title, **_deadline(milestone.deadline)}
        _insert(db, "milestones", row)
    for table_row in circular.responsibility_table:
        units = table_row.units
        _insert(
            db,
            "responsibility_rows",
            {
                "circular_id": cid,
                "seq": table_row.seq,
                "category": table_row.category,
                "task": table_row.task,
                "task_text": table_row.task_text,
                "units": units.raw,
                "lead": "、".join(units.lead),
                "support": "、".join(units.support),
                "joint": "、".join(units.joint),
                **_deadline(table_row.deadline),
            },
        )
    for unit in index_units(circular, names):
        for duty in unit.duties:
            _insert(
                db,
                "unit_duties",
                {
                    "circular_id": cid,
                    "unit": unit.unit,
                    "canonical": unit.canonical,
                    "role": duty.role.value,
                    "scope": duty.scope.value,
                    "row_seq": duty.row,
                    "task": duty.task,
                    "number": duty.number,
                    "title": duty.title,
                    "deadline": duty.deadline.raw,
                    "deadline_kind": duty.deadline.kind.value,
                    "due": _iso(duty.deadline.date),
                },
            )
    for reference in circular.references:
        row = {"circular_id": cid, "title": reference.title, "doc_number": reference.doc_number}
        _insert(db, "citations", row)
    for warning in circular.warnings:
        row = {
            "circular_id": cid,
            "code": warning.code,
            "message": warning.message,
            "location": warning.where,
        }
        _insert(db, "warnings", row)


def _sections(
    db: sqlite3.Connection, cid: int, sections: list[Section], parent: int | None
) -> None:
    for section in sections:
        row = {
            "circular_id": cid,
            "parent_id": parent,
            "ref": section.ref,
            "level": section.level,
            "number": section.number,
            "title": section.title,
            "text": section.text,
        }
        _sections(db, cid, section.children, _insert(db, "sections", row))


def _deadline(deadline: Deadline) -> dict[str, Value]:
    return {
        "deadline": deadline.raw,
        "deadline_kind": deadline.kind.value,
        "start": _iso(deadline.start),
        "due": _iso(deadline.date),
    }


def _insert(db: sqlite3.Connection, table: str, row: dict[str, Value]) -> int:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
