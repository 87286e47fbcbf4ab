"""A tiny validator cache for the pages that are not documents (manifests, listings, robots.txt).

Documents keep their ETag/Last-Modified in the raw store. Auxiliary pages are
not stored as documents, yet a re-crawl must revalidate them too: this cache
keeps their last body and validators under ``<data_dir>/crawl_cache`` so that
a 304 can be answered with the cached body. Files are written to a temp name
and renamed, so a killed crawl never leaves a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ValidatorCache:
    """URL -> (ETag, Last-Modified, content type, body) for auxiliary pages."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _key(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / digest

    def get(self, url: str) -> dict | None:
        """The cached entry (with ``body`` bytes) or None when absent or damaged."""
        base = self._key(url)
        try:
            entry = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            body = base.with_suffix(".body").read_bytes()
        except (OSError, ValueError):
            return None
        if entry.get("url") != url or hashlib.sha256(body).hexdigest() != entry.get("sha256"):
            return None
        entry["body"] = body
        return entry

    def put(self, url: str, body: bytes, *, etag: str | None, last_modified: str | None,
            content_type: str = "", status: int = 200) -> None:
        """Remember a fresh response (only worth it when it carries a validator)."""
        if not (etag or last_modified):
            return
        base = self._key(url)
        _atomic_write(base.with_suffix(".body"), body)
        entry = {"url": url, "etag": etag, "last_modified": last_modified, "content_type": content_type,
                 "status": status, "sha256": hashlib.sha256(body).hexdigest()}
        _atomic_write(base.with_suffix(".json"), json.dumps(entry).encode("utf-8"))
