"""The raw store and the repository on real SQLite files."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from crawler.raw_store import RawStore
from indexer.db import connect
from indexer.models import DocumentMeta, Law, Provision, Tag
from indexer.pipeline import import_folder, read_manifest
from indexer.repository import citation_label, law_id_for, provision_id, slugify, store_law
from indexer.settings import get_settings


@pytest.fixture
def store(data_dir) -> RawStore:
    """A raw store in a fresh data dir."""
    return RawStore(get_settings())


def meta(url: str = "https://example.org/law.xml") -> DocumentMeta:
    """Metadata of a made-up document."""
    return DocumentMeta(
        url=url, jurisdiction="XYZ", title="Act against trafficking", language="en", format="text"
    )


def test_save_is_content_addressed_and_versioned(store: RawStore) -> None:
    """Same bytes store nothing new; changed bytes add a version beside the old one."""
    first, created = store.save(meta(), b"version one", etag='"a"')
    assert created and first.sha256 == hashlib.sha256(b"version one").hexdigest()
    assert store.read_bytes(first) == b"version one"
    again, created = store.save(meta(), b"version one")
    assert not created and again.id == first.id
    second, created = store.save(meta(), b"version two")
    assert created and second.id != first.id
    assert [v.sha256 for v in store.versions(meta().url)] == [first.sha256, second.sha256]
    assert store.read_bytes(first) == b"version one"  # the old version is never overwritten
    assert not list(store.blob_dir.rglob(".tmp-*"))


def test_failures_and_status(store: RawStore) -> None:
    """Failed fetches are recorded with their reason; statuses move a version out of pending."""
    store.record_failure("https://example.org/gone", "HTTP 410 Gone", http_status=410)
    row = store.conn.execute("SELECT reason, http_status FROM fetch_failures").fetchone()
    assert tuple(row) == ("HTTP 410 Gone", 410)
    doc, _ = store.save(meta(), b"text")
    assert [d.id for d in store.pending()] == [doc.id]
    store.mark(doc.id, "indexed")
    assert store.pending() == []


def law_with(text: str) -> Law:
    """A parsed law of one article with one tag."""
    tag = Tag(
        element="act.recruitment",
        evidence="recruits",
        start=text.index("recruits"),
        end=text.index("recruits") + 8,
        confidence=0.9,
        rule_ids=["en.act.recruitment.verb"],
    )
    return Law(
        jurisdiction="XYZ",
        title="Act against trafficking",
        language="en",
        text=text,
        version_date=date(2020, 1, 1),
        provisions=[Provision(eid="art_1", num="1", kind="article", text=text, end=len(text), tags=[tag])],
    )


def test_store_law_keeps_versions_and_marks_current(store: RawStore) -> None:
    """A new version of a law becomes current; the old provisions stay for history."""
    doc1, _ = store.save(meta(), b"v1")
    law_id = store_law(store.conn, law_with("Whoever recruits a person commits an offence."), doc1)
    assert law_id == law_id_for(doc1, "Act against trafficking")
    doc2, _ = store.save(meta(), b"v2")
    assert store_law(store.conn, law_with("Whoever recruits or harbours a person."), doc2) == law_id
    rows = store.conn.execute(
        "SELECT id, is_current, text FROM provisions WHERE law_id = ? ORDER BY rowid", (law_id,)
    ).fetchall()
    assert [r["is_current"] for r in rows] == [0, 1]
    assert {r["id"] for r in rows} == {provision_id(law_id, "art_1")}
    tags = store.conn.execute("SELECT element, evidence FROM tags").fetchall()
    assert [tuple(t) for t in tags] == [("act.recruitment", "recruits")] * 2


def test_duplicate_eids_are_kept_with_a_suffix(store: RawStore) -> None:
    """A parser that repeats an eId loses no provision."""
    doc, _ = store.save(meta(), b"x")
    law = law_with("Whoever recruits a person.")
    law.provisions.append(law.provisions[0].model_copy())
    law_id = store_law(store.conn, law, doc)
    eids = [r[0] for r in store.conn.execute("SELECT eid FROM provisions WHERE law_id = ?", (law_id,))]
    assert eids == ["art_1", "art_1_2"]


def test_import_folder_records_bad_rows(tmp_path, data_dir) -> None:
    """Missing, empty and escaping paths are recorded; good rows are stored once."""
    corpus = tmp_path / "corpus"
    (corpus / "XYZ").mkdir(parents=True)
    (corpus / "XYZ" / "law.md").write_text("# Act\n\nArticle 1\n\nText.\n", encoding="utf-8")
    (corpus / "XYZ" / "empty.md").write_bytes(b"")
    (corpus / "MANIFEST.csv").write_text(
        "path,jurisdiction_iso3,title,language,format\n"
        "XYZ/law.md,XYZ,Act,en,markdown\nXYZ/empty.md,XYZ,Empty,en,markdown\n"
        "XYZ/missing.md,XYZ,Missing,en,markdown\n../outside.md,XYZ,Outside,en,markdown\n",
        encoding="utf-8",
    )
    report = import_folder(corpus, get_settings())
    assert report["new_versions"] == 1 and report["fetched"] == 1
    assert len(report["failed"]) == 3
    assert import_folder(corpus, get_settings())["unchanged"] == 1
    conn = connect(get_settings().db_path)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


def test_manifest_requires_columns() -> None:
    """A manifest without the contract's columns is refused with their names."""
    with pytest.raises(ValueError, match="format"):
        read_manifest("path,jurisdiction_iso3,title,language\n")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ley Orgánica 10/1995, del Código Penal", "ley-organica-10-1995-del-codigo-penal"),
        ("", "law"),
        ("§§§", "law"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    """Slugs are ASCII and never empty."""
    assert slugify(title) == slug


def test_citation_label() -> None:
    """Citation labels follow each tradition's abbreviation."""
    assert citation_label("177 bis", "article", "es") == "art. 177 bis"
    assert citation_label("279.01", "section", "en") == "s. 279.01"
    assert citation_label("232a", "section", "de") == "§ 232a"
    assert citation_label("", "hcontainer", "en") == "unnumbered provision"
    assert citation_label("", "preamble", "en") == "preamble"


def test_context_heading_adds_the_nearest_enclosing_levels() -> None:
    """The tagger sees the chapter that names the victims, not only the article's own heading."""
    from indexer.pipeline import context_heading

    prov = Provision(
        eid="art_5",
        text="They shall receive shelter.",
        heading="Shelter",
        path=["Part II: Offences", "Chapter 3: Protection of victims of trafficking", "Article 5"],
    )
    assert context_heading(prov) == "Shelter; Chapter 3: Protection of victims of trafficking; Article 5"
    assert context_heading(Provision(eid="art_1", text="x")) == ""
