"""The versioned raw store: every fetched version of every document, never overwritten.

Bytes are content-addressed under ``<data_dir>/blobs/ab/cd/<sha256>`` and
written to a temporary file that is renamed into place, so a crawl killed at
any moment leaves no half-written blob; the database row is committed after
the rename. A body whose sha256 equals the newest stored version of the same
URL stores nothing new.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from indexer.db import connect
from indexer.models import DocumentMeta, StoredDocument
from indexer.settings import Settings, get_settings


def utcnow() -> str:
    """ISO 8601 UTC timestamp with seconds precision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class RawStore:
    """Access to the ``documents`` and ``fetch_failures`` tables and the blob folder."""

    def __init__(self, settings: Settings | None = None, conn: sqlite3.Connection | None = None) -> None:
        self.settings = settings or get_settings()
        self.conn = conn or connect(self.settings.db_path)
        self.blob_dir = self.settings.blob_dir

    # -- reading -----------------------------------------------------------
    def latest(self, url: str) -> StoredDocument | None:
        """The newest stored version of ``url`` (used for conditional requests)."""
        row = self.conn.execute(
            "SELECT * FROM documents WHERE url = ? ORDER BY fetched_at DESC, id DESC LIMIT 1", (url,)
        ).fetchone()
        return row_to_document(row) if row else None

    def get(self, doc_id: int) -> StoredDocument | None:
        """One stored version by id."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row_to_document(row) if row else None

    def versions(self, url: str) -> list[StoredDocument]:
        """Every stored version of ``url``, oldest first."""
        rows = self.conn.execute("SELECT * FROM documents WHERE url = ? ORDER BY fetched_at, id", (url,))
        return [row_to_document(r) for r in rows]

    def pending(self) -> list[StoredDocument]:
        """Versions not yet indexed (status ``new``), oldest first."""
        rows = self.conn.execute("SELECT * FROM documents WHERE status = 'new' ORDER BY id")
        return [row_to_document(r) for r in rows]

    def read_bytes(self, doc: StoredDocument) -> bytes:
        """The stored bytes of a version."""
        return (self.blob_dir / doc.blob_path).read_bytes()

    def blob_path(self, sha256: str) -> Path:
        """Where the blob of a given hash lives."""
        return self.blob_dir / sha256[:2] / sha256[2:4] / sha256

    # -- writing -----------------------------------------------------------
    def save(
        self,
        meta: DocumentMeta,
        body: bytes,
        *,
        final_url: str = "",
        http_status: int | None = 200,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[StoredDocument, bool]:
        """Store a fetched body; returns (version, created). Unchanged bodies create nothing."""
        sha = hashlib.sha256(body).hexdigest()
        previous = self.latest(meta.url)
        if previous is not None and previous.sha256 == sha:
            self._refresh_validators(previous.id, etag, last_modified)
            return previous, False
        existing = self.conn.execute(
            "SELECT * FROM documents WHERE url = ? AND sha256 = ?", (meta.url, sha)
        ).fetchone()
        if existing is not None:  # the body went back to an older version: keep the old row
            return row_to_document(existing), False
        rel = self._write_blob(sha, body)
        cur = self.conn.execute(
            "INSERT INTO documents(source_id, url, final_url, jurisdiction, title, language, format,"
            " content_type, fetched_at, http_status, etag, last_modified, sha256, size, blob_path, status,"
            " headers_json, extra_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'new', ?, ?)",
            (
                meta.source_id, meta.url, final_url or meta.url, meta.jurisdiction, meta.title,
                meta.language, meta.format, meta.content_type, utcnow(), http_status, etag, last_modified,
                sha, len(body), rel, json.dumps(headers or {}), json.dumps(meta.extra),
            ),
        )
        self.conn.commit()
        doc = self.get(int(cur.lastrowid))
        assert doc is not None
        return doc, True

    def record_failure(self, url: str, reason: str, *, source_id: str = "", http_status: int | None = None) -> None:
        """Keep a failed fetch with its reason (the crawl goes on)."""
        self.conn.execute(
            "INSERT INTO fetch_failures(url, source_id, reason, http_status, at) VALUES (?,?,?,?,?)",
            (url, source_id, reason[:2000], http_status, utcnow()),
        )
        self.conn.commit()

    def mark(self, doc_id: int, status: str, error: str | None = None) -> None:
        """Set a version's indexing status (``indexed`` / ``failed`` / ``superseded``)."""
        self.conn.execute("UPDATE documents SET status = ?, error = ? WHERE id = ?", (status, error, doc_id))
        self.conn.commit()

    def _refresh_validators(self, doc_id: int, etag: str | None, last_modified: str | None) -> None:
        if etag or last_modified:
            self.conn.execute(
                "UPDATE documents SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified)"
                " WHERE id = ?",
                (etag, last_modified, doc_id),
            )
            self.conn.commit()

    def _write_blob(self, sha: str, body: bytes) -> str:
        target = self.blob_path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(body)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return str(target.relative_to(self.blob_dir))


def row_to_document(row: sqlite3.Row) -> StoredDocument:
    """Build a StoredDocument from a ``documents`` row."""
    return StoredDocument(
        id=row["id"], source_id=row["source_id"], url=row["url"], final_url=row["final_url"],
        jurisdiction=row["jurisdiction"], title=row["title"], language=row["language"], format=row["format"],
        content_type=row["content_type"], fetched_at=datetime.fromisoformat(row["fetched_at"]),
        http_status=row["http_status"], etag=row["etag"], last_modified=row["last_modified"],
        sha256=row["sha256"], size=row["size"], blob_path=row["blob_path"], status=row["status"],
        extra=json.loads(row["extra_json"] or "{}"),
    )
