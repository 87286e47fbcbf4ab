"""Embedded index specifics: versioned folders, atomic swap, several processes, get_backend()."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from indexer.search import get_backend, reset_backends
from indexer.search.base import SearchQuery
from indexer.search.embedded import EmbeddedBackend
from indexer.search.embedded_store import POINTER
from tests.indexer.search.corpus import DOCS


def test_fresh_directory_searches_empty(tmp_path):
    backend = EmbeddedBackend(tmp_path / "index")
    assert backend.count() == 0
    assert backend.search(SearchQuery(q="anything")).total == 0
    assert backend.health()["ok"] is True


def test_rebuild_publishes_a_new_version_and_keeps_one_previous(tmp_path):
    backend = EmbeddedBackend(tmp_path / "index")
    names = []
    for n in (3, 5, 7):
        backend.rebuild(DOCS[:n])
        names.append((tmp_path / "index" / POINTER).read_text().strip())
        assert backend.count() == n
    folders = sorted(p.name for p in (tmp_path / "index").iterdir() if p.is_dir())
    assert folders == sorted(names[1:])  # the live version and the one before it


def test_failed_rebuild_leaves_the_live_index_untouched(tmp_path):
    backend = EmbeddedBackend(tmp_path / "index")
    backend.rebuild(DOCS)
    version = backend.index_version()

    def broken():
        yield from DOCS[:4]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="went away"):
        backend.rebuild(broken())
    assert backend.count() == len(DOCS) and backend.index_version() == version
    assert len([p for p in (tmp_path / "index").iterdir() if p.is_dir()]) == 1


def test_a_reader_in_another_instance_sees_swaps_and_commits(tmp_path):
    writer, reader = EmbeddedBackend(tmp_path / "index"), EmbeddedBackend(tmp_path / "index")
    writer.rebuild(DOCS[:2])
    assert reader.count() == 2
    writer.rebuild(DOCS)
    assert reader.count() == len(DOCS)
    writer.upsert([dict(DOCS[0], id="NEW--1", text="unique okapi word")])
    assert [h.id for h in reader.search(SearchQuery(q="okapi")).results] == ["NEW--1"]


def test_another_process_can_write_while_we_read(tmp_path):
    backend = EmbeddedBackend(tmp_path / "index")
    backend.rebuild(DOCS)
    script = textwrap.dedent(f"""
        from indexer.search.embedded import EmbeddedBackend
        b = EmbeddedBackend({str(tmp_path / "index")!r})
        b.upsert([{{"id": "PROC--1", "text": "written by a quokka process", "language": "en"}}])
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert [h.id for h in backend.search(SearchQuery(q="quokka")).results] == ["PROC--1"]


def test_get_backend_uses_settings_and_caches(data_dir, monkeypatch):
    from indexer.settings import get_settings

    monkeypatch.setenv("PALERMO_BACKEND", "embedded")
    get_settings.cache_clear()
    try:
        backend = get_backend()
        assert isinstance(backend, EmbeddedBackend) and backend is get_backend()
        assert backend.store.root == data_dir / "index"
    finally:
        reset_backends()


def test_a_busy_writer_lock_is_waited_for_then_reported(tmp_path, monkeypatch):
    import indexer.search.embedded_store as store_module
    from indexer.search.base import BackendUnavailable

    monkeypatch.setattr(store_module, "LOCK_RETRY_SECONDS", 0.5)
    backend = EmbeddedBackend(tmp_path / "index")
    _name, index = backend.store.index()
    held = index.writer(heap_size=15_000_000, num_threads=1)  # another writer holds the lock
    with pytest.raises(BackendUnavailable, match="LockBusy"):
        backend.upsert([{"id": "A--1", "text": "lock test"}])
    del held
    assert backend.upsert([{"id": "A--1", "text": "lock test"}]) == 1


def test_cursor_pages_reuse_facets_until_the_index_changes(tmp_path):
    backend = EmbeddedBackend(tmp_path / "index")
    backend.rebuild(DOCS)
    first = backend.search(SearchQuery(sort="date", page_size=4))
    second = backend.search(SearchQuery(sort="date", page_size=4, cursor=first.next_cursor))
    assert second.facets == first.facets and second.total == len(DOCS)
    backend.upsert([dict(DOCS[0], id="NEW--2", text="fresh provision")])
    third = backend.search(SearchQuery(sort="date", page_size=4, cursor=second.next_cursor))
    assert third.total == len(DOCS) + 1
    assert sum(third.facets["language"].values()) == len(DOCS) + 1
