"""Versioned on-disk storage of the embedded (tantivy) index.

Layout under ``index_dir``::

    CURRENT          name of the live version folder (replaced atomically)
    v-<time>-<rand>/ tantivy files of one build

A rebuild writes a new folder and then atomically replaces ``CURRENT``; readers
in any process notice the new pointer (or a new commit in the live folder) on
their next search and reopen, so nobody ever sees a half-built index.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import tantivy

from indexer.search import analysis
from indexer.search.base import BackendUnavailable
from indexer.search.tantivy_schema import build_schema

POINTER = "CURRENT"
VERSION_PREFIX = "v-"
WRITER_HEAP = 128_000_000
LOCK_RETRY_SECONDS = 10.0


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class IndexStore:
    """Opens the live version for reading (reloading when it changes) and hands out writers."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._name: str | None = None
        self._index: tantivy.Index | None = None
        self._pointer_sig: tuple | None = None
        self._meta_sig: tuple | None = None

    # -- reading -----------------------------------------------------------------------------------
    def current_name(self) -> str | None:
        """Name of the live version folder, or ``None`` before the first build."""
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name or None

    def _open(self, name: str) -> tantivy.Index:
        path = self.root / name
        if not tantivy.Index.exists(str(path)):
            raise BackendUnavailable(f"embedded index version {name!r} is missing under {self.root}")
        index = tantivy.Index.open(str(path))
        analysis.register_analyzers(index)
        index.config_reader(reload_policy="manual")
        return index

    def index(self) -> tuple[str, tantivy.Index]:
        """The live ``(version name, index)``, reopened or reloaded if another writer changed it."""
        with self._lock:
            pointer_sig = _signature(self.root / POINTER)
            if self._index is None or pointer_sig != self._pointer_sig:
                name = self.current_name()
                if name is None:
                    name = self._create_empty()
                    pointer_sig = _signature(self.root / POINTER)
                self._index, self._name = self._open(name), name
                self._pointer_sig, self._meta_sig = pointer_sig, None
            meta_sig = _signature(self.root / self._name / "meta.json")
            if meta_sig != self._meta_sig:
                self._index.reload()
                self._meta_sig = meta_sig
            return self._name, self._index

    def version_token(self) -> str:
        """Changes whenever the live version or its last commit changes."""
        name, _index = self.index()
        sig = _signature(self.root / name / "meta.json") or (0, 0, 0)
        return f"{name}.{sig[0]:x}.{sig[1]:x}"

    # -- writing -----------------------------------------------------------------------------------
    def _create_empty(self) -> str:
        name, path = self.new_version()
        index = tantivy.Index(self.schema, path=str(path))
        analysis.register_analyzers(index)
        writer = index.writer(heap_size=15_000_000, num_threads=1)
        writer.commit()
        writer.wait_merging_threads()
        self.publish(name)
        return name

    def new_version(self) -> tuple[str, Path]:
        """Create an empty folder for a new build."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"{VERSION_PREFIX}{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:8]}"
        path = self.root / name
        path.mkdir()
        return name, path

    def publish(self, name: str) -> None:
        """Atomically point ``CURRENT`` at ``name`` and remove versions older than the previous one."""
        previous = self.current_name()
        tmp = self.root / f".{POINTER}.{uuid.uuid4().hex}"
        tmp.write_text(name + "\n", encoding="utf-8")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / POINTER)
        keep = {name, previous}
        for child in self.root.iterdir():
            if child.is_dir() and child.name.startswith(VERSION_PREFIX) and child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)

    def discard(self, name: str) -> None:
        """Remove an unpublished build folder (after a failed rebuild)."""
        shutil.rmtree(self.root / name, ignore_errors=True)

    @contextlib.contextmanager
    def writer(
        self, index: tantivy.Index | None = None, heap: int = WRITER_HEAP
    ) -> Iterator[tantivy.IndexWriter]:
        """A writer on ``index`` (default: the live one), committed on success, rolled back on error.

        Another process holding the writer lock is waited for, up to ``LOCK_RETRY_SECONDS``.
        """
        if index is None:
            _name, index = self.index()
        deadline = time.monotonic() + LOCK_RETRY_SECONDS
        while True:
            try:
                writer = index.writer(heap_size=heap, num_threads=1)
                break
            except ValueError as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise BackendUnavailable(f"cannot open the embedded index for writing: {exc}") from exc
                time.sleep(0.1)
        try:
            yield writer
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.rollback()
            raise
        finally:
            del writer

    def close(self) -> None:
        """Drop the open index (files stay on disk)."""
        with self._lock:
            self._index = None
            self._name = None
            self._pointer_sig = None
