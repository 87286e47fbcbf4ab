"""The SQLite system of record: schema, connections and migrations.

One database file (``<data_dir>/palermo.db``, WAL mode) holds every fetched
document version, the parsed laws and provisions, tags, reviews, tokens and
the audit log. The search index is derived from it and can be rebuilt.

Versioning: a law (stable ``laws.id``) has one row in ``law_versions`` per
stored document version; provisions belong to a version and carry
``is_current`` (1 for the newest version of their law). The public provision
id is ``<law_id>--<eid>``; with the version it identifies one row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL,
    final_url TEXT NOT NULL DEFAULT '',
    jurisdiction TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,
    http_status INTEGER,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    blob_path TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    headers_json TEXT NOT NULL DEFAULT '{}',
    extra_json TEXT NOT NULL DEFAULT '{}',
    error TEXT
);
CREATE INDEX IF NOT EXISTS documents_url ON documents(url, fetched_at);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status);
CREATE UNIQUE INDEX IF NOT EXISTS documents_url_sha ON documents(url, sha256);

CREATE TABLE IF NOT EXISTS fetch_failures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    source_id TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    http_status INTEGER,
    at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS laws (
    id TEXT PRIMARY KEY,
    jurisdiction TEXT NOT NULL,
    title TEXT NOT NULL,
    short_title TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL DEFAULT '',
    year INTEGER,
    language TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    in_force INTEGER,
    source_url TEXT NOT NULL DEFAULT '',
    is_amending INTEGER NOT NULL DEFAULT 0,
    amends_title TEXT NOT NULL DEFAULT '',
    current_version_id INTEGER
);
CREATE INDEX IF NOT EXISTS laws_jurisdiction ON laws(jurisdiction);

CREATE TABLE IF NOT EXISTS law_versions (
    id INTEGER PRIMARY KEY,
    law_id TEXT NOT NULL REFERENCES laws(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    version_date TEXT,
    fetched_at TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    warnings_json TEXT NOT NULL DEFAULT '[]',
    UNIQUE(law_id, document_id)
);

CREATE TABLE IF NOT EXISTS provisions (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    law_id TEXT NOT NULL REFERENCES laws(id),
    version_id INTEGER NOT NULL REFERENCES law_versions(id),
    eid TEXT NOT NULL,
    num TEXT NOT NULL DEFAULT '',
    heading TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'section',
    path_json TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    start INTEGER NOT NULL DEFAULT 0,
    "end" INTEGER NOT NULL DEFAULT 0,
    parent_eid TEXT,
    ord INTEGER NOT NULL DEFAULT 0,
    refs_json TEXT NOT NULL DEFAULT '[]',
    amends TEXT,
    is_current INTEGER NOT NULL DEFAULT 1,
    UNIQUE(version_id, eid)
);
CREATE INDEX IF NOT EXISTS provisions_id ON provisions(id, is_current);
CREATE INDEX IF NOT EXISTS provisions_law ON provisions(law_id, is_current, ord);

CREATE TABLE IF NOT EXISTS tags (
    id INTEGER PRIMARY KEY,
    provision_rowid INTEGER NOT NULL REFERENCES provisions(rowid) ON DELETE CASCADE,
    element TEXT NOT NULL,
    evidence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    rule_ids_json TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL DEFAULT 'auto'
);
CREATE INDEX IF NOT EXISTS tags_provision ON tags(provision_rowid);
CREATE INDEX IF NOT EXISTS tags_element ON tags(element);

CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    provision_id TEXT NOT NULL,
    law_id TEXT NOT NULL,
    eid TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    element TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'add')),
    evidence TEXT NOT NULL DEFAULT '',
    start INTEGER,
    "end" INTEGER,
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    before_json TEXT NOT NULL DEFAULT 'null',
    after_json TEXT NOT NULL DEFAULT 'null'
);
CREATE INDEX IF NOT EXISTS reviews_provision ON reviews(provision_id);
CREATE TRIGGER IF NOT EXISTS reviews_append_only_update BEFORE UPDATE ON reviews
    BEGIN SELECT RAISE(ABORT, 'reviews are an append-only audit trail'); END;
CREATE TRIGGER IF NOT EXISTS reviews_append_only_delete BEFORE DELETE ON reviews
    BEGIN SELECT RAISE(ABORT, 'reviews are an append-only audit trail'); END;

CREATE TABLE IF NOT EXISTS index_errors (
    id INTEGER PRIMARY KEY,
    document_id INTEGER,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER IF NOT EXISTS audit_log_append_only_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_append_only_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE IF NOT EXISTS verdict_history (
    id INTEGER PRIMARY KEY,
    jurisdiction TEXT NOT NULL,
    requirement TEXT NOT NULL,
    verdict TEXT NOT NULL,
    previous TEXT,
    at TEXT NOT NULL,
    cause TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS verdict_history_j ON verdict_history(jurisdiction, at);
"""


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the database (creating it and its schema when missing) with WAL and foreign keys on."""
    path = Path(path)
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Create tables and record the schema version (idempotent)."""
    conn.executescript(SCHEMA)
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (str(SCHEMA_VERSION),),
    )
    conn.commit()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block in one IMMEDIATE transaction: committed on success, rolled back on error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    else:
        conn.commit()


def get_meta(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    """Read one value of the ``meta`` table."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Write one value of the ``meta`` table (caller commits)."""
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
