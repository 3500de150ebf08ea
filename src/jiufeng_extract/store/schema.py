"""The tables of the circulars database (SQLite): one row per circular, keyed by the sha256 of
its input, and its parts in child tables that cascade when the circular is replaced.

Dates are ISO text (``2023-12-31``), so ``strftime('%Y', due)`` and ranges work; lists of
names are joined with 、 as printed. ``tasks_fts`` indexes task titles and text with the
trigram tokenizer: ``MATCH '高值耗材'`` finds any run of three or more characters.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS circulars (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    doc_number TEXT,
    agency TEXT,
    year INTEGER,
    serial INTEGER,
    doc_type TEXT,
    issuers TEXT NOT NULL,
    recipients TEXT NOT NULL,
    signed_date TEXT,
    published_date TEXT,
    schema_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS circulars_path ON circulars (path);
CREATE INDEX IF NOT EXISTS circulars_doc_number ON circulars (doc_number);
CREATE INDEX IF NOT EXISTS circulars_year ON circulars (year);

CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES sections (id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    level INTEGER NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sections_circular ON sections (circular_id);

CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    path TEXT NOT NULL,
    page INTEGER,
    UNIQUE (circular_id, ordinal)
);

CREATE TABLE IF NOT EXISTS special_actions (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    task INTEGER,
    deadline TEXT,
    due TEXT,
    UNIQUE (circular_id, ordinal)
);

CREATE TABLE IF NOT EXISTS milestones (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    deadline TEXT NOT NULL,
    deadline_kind TEXT NOT NULL,
    start TEXT,
    due TEXT
);
CREATE INDEX IF NOT EXISTS milestones_circular ON milestones (circular_id);
CREATE INDEX IF NOT EXISTS milestones_due ON milestones (due);

CREATE TABLE IF NOT EXISTS responsibility_rows (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    seq INTEGER,
    category TEXT,
    task INTEGER,
    task_text TEXT NOT NULL,
    units TEXT NOT NULL,
    lead TEXT NOT NULL,
    support TEXT NOT NULL,
    joint TEXT NOT NULL,
    deadline TEXT NOT NULL,
    deadline_kind TEXT NOT NULL,
    start TEXT,
    due TEXT
);
CREATE INDEX IF NOT EXISTS responsibility_rows_circular ON responsibility_rows (circular_id);

CREATE TABLE IF NOT EXISTS unit_duties (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    canonical TEXT NOT NULL,
    role TEXT NOT NULL,
    scope TEXT NOT NULL,
    row_seq INTEGER,
    task INTEGER,
    number TEXT,
    title TEXT NOT NULL,
    deadline TEXT NOT NULL,
    deadline_kind TEXT NOT NULL,
    due TEXT
);
CREATE INDEX IF NOT EXISTS unit_duties_circular ON unit_duties (circular_id);
CREATE INDEX IF NOT EXISTS unit_duties_unit ON unit_duties (unit, role);
CREATE INDEX IF NOT EXISTS unit_duties_canonical ON unit_duties (canonical, role);
CREATE INDEX IF NOT EXISTS unit_duties_due ON unit_duties (due);

CREATE TABLE IF NOT EXISTS citations (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    title TEXT,
    doc_number TEXT
);
CREATE INDEX IF NOT EXISTS citations_circular ON citations (circular_id);
CREATE INDEX IF NOT EXISTS citations_doc_number ON citations (doc_number);

CREATE TABLE IF NOT EXISTS warnings (
    id INTEGER PRIMARY KEY,
    circular_id INTEGER NOT NULL REFERENCES circulars (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    location TEXT
);
CREATE INDEX IF NOT EXISTS warnings_circular ON warnings (circular_id);

CREATE VIRTUAL TABLE IF NOT EXISTS tasks_fts USING fts5 (title, text, tokenize = 'trigram');
"""
