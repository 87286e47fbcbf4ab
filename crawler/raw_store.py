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
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from indexer.db import connect
from indexer.models import DocumentMeta, StoredDocument
from indexer.settings import Settings, get_settings

INSERT_DOCUMENT = (
    "INSERT INTO documents(source_id, url, final_url, jurisdiction, title, language, format,"
    " content_type, fetched_at, http_status, etag, last_modified, sha256, size, blob_path, status,"
    " headers_json, extra_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'new', ?, ?)"
)


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
        provenance = {"final_url": final_url, "http_status": http_status, "etag": etag,
                      "last_modified": last_modified, "headers": headers}
        return self.save_many([(meta, body, provenance)])[0]

    def save_many(
        self, entries: list[tuple[DocumentMeta, bytes, dict]], *, workers: int = 8
    ) -> list[tuple[StoredDocument, bool]]:
        """Store several fetched bodies at once; one ``(version, created)`` per entry, in order.

        Each entry is ``(meta, body, provenance)`` with the keyword arguments of :meth:`save`.
        New blobs are written (temp file, fsync, rename) in parallel, then all new rows are
        inserted and committed in one transaction: a kill at any point leaves either no row or
        a row whose blob is complete.
        """
        shas = [hashlib.sha256(body).hexdigest() for _meta, body, _prov in entries]
        to_write = {sha: body for sha, (meta, body, _prov) in zip(shas, entries, strict=True)
                    if not self._known(meta.url, sha)}
        if len(to_write) > 1 and workers > 1:
            with ThreadPoolExecutor(max_workers=min(workers, len(to_write))) as pool:
                rels = dict(zip(to_write, pool.map(lambda item: self._write_blob(*item), to_write.items()),
                                strict=True))
        else:
            rels = {sha: self._write_blob(sha, body) for sha, body in to_write.items()}
        results: list[tuple[int, bool]] = []
        for sha, (meta, body, prov) in zip(shas, entries, strict=True):
            previous = self.latest(meta.url)
            if previous is not None and previous.sha256 == sha:
                etag, modified = prov.get("etag"), prov.get("last_modified")
                self._refresh_validators(previous.id, etag, modified, commit=False)
                results.append((previous.id, False))
                continue
            existing = self.conn.execute(
                "SELECT id FROM documents WHERE url = ? AND sha256 = ?", (meta.url, sha)
            ).fetchone()
            if existing is not None:  # the body went back to an older version: keep the old row
                results.append((existing["id"], False))
                continue
            rel = rels.get(sha) or self._write_blob(sha, body)
            cur = self.conn.execute(INSERT_DOCUMENT, (
                meta.source_id, meta.url, prov.get("final_url") or meta.url, meta.jurisdiction, meta.title,
                meta.language, meta.format, meta.content_type, utcnow(), prov.get("http_status", 200),
                prov.get("etag"), prov.get("last_modified"), sha, len(body), rel,
                json.dumps(prov.get("headers") or {}), json.dumps(meta.extra),
            ))
            results.append((int(cur.lastrowid), True))
        self.conn.commit()
        out = []
        for doc_id, created in results:
            doc = self.get(doc_id)
            assert doc is not None
            out.append((doc, created))
        return out

    def _known(self, url: str, sha: str) -> bool:
        """Is this body already stored for this URL (so that no blob needs writing)?"""
        return self.conn.execute(
            "SELECT 1 FROM documents WHERE url = ? AND sha256 = ? LIMIT 1", (url, sha)
        ).fetchone() is not None

    def record_failure(
        self, url: str, reason: str, *, source_id: str = "", http_status: int | None = None
    ) -> None:
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

    def cleanup_temp(self) -> int:
        """Delete temp files left by a killed crawl (``.tmp-*`` in the blob folder); returns how many."""
        removed = 0
        if self.blob_dir.is_dir():
            for tmp in self.blob_dir.glob("*/*/.tmp-*"):
                tmp.unlink(missing_ok=True)
                removed += 1
        return removed

    def _refresh_validators(
        self, doc_id: int, etag: str | None, last_modified: str | None, *, commit: bool = True
    ) -> None:
        if etag or last_modified:
            self.conn.execute(
                "UPDATE documents SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified)"
                " WHERE id = ?",
                (etag, last_modified, doc_id),
            )
            if commit:
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
