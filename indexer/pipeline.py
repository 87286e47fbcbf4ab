"""The indexing pipeline: raw store -> parse -> tag -> store -> assess -> search index.

``index_pending`` is idempotent: it only works on stored versions with status
``new``; a second run finds nothing to do. One bad document never stops the
run: its failure is recorded in ``index_errors`` with the reason.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import sqlite3
from contextlib import nullcontext
from pathlib import Path

from crawler.raw_store import RawStore, utcnow
from indexer.db import connect
from indexer.models import DocumentMeta, Law, Provision, StoredDocument
from indexer.repository import iter_index_docs, store_law
from indexer.settings import Settings, get_settings

log = logging.getLogger(__name__)

MANIFEST_REQUIRED = ("path", "jurisdiction_iso3", "title", "language", "format")


def read_manifest(text: str) -> list[dict[str, str]]:
    """Rows of a MANIFEST.csv; raises ValueError when a required column is missing."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in MANIFEST_REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"MANIFEST.csv lacks the column(s): {', '.join(missing)}")
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def meta_from_manifest_row(row: dict[str, str], url: str) -> DocumentMeta:
    """DocumentMeta of one manifest row (all columns kept in ``extra``)."""
    return DocumentMeta(
        url=url, source_id="manifest", jurisdiction=row["jurisdiction_iso3"].upper(), title=row["title"],
        language=row["language"], format=row["format"], extra=dict(row),
    )


def import_folder(folder: Path, settings: Settings | None = None) -> dict:
    """Ingest a local folder laid out like ../shared/corpus (MANIFEST.csv at its root) into the raw store."""
    settings = settings or get_settings()
    folder = Path(folder).resolve()
    manifest = folder / "MANIFEST.csv"
    if not manifest.is_file():
        raise FileNotFoundError(f"no MANIFEST.csv in {folder}")
    rows = read_manifest(manifest.read_text(encoding="utf-8"))
    store = RawStore(settings)
    report: dict = {"fetched": 0, "unchanged": 0, "new_versions": 0, "failed": []}
    for row in rows:
        path = Path(os.path.normpath(folder / row["path"]))  # symlinks inside the folder are followed
        url = path.as_uri()
        try:
            if not path.is_relative_to(folder):
                raise ValueError("path leaves the imported folder")
            body = path.read_bytes()
            if not body:
                raise ValueError("empty file")
        except (OSError, ValueError) as err:
            reason = f"{type(err).__name__}: {err}"
            store.record_failure(url, reason, source_id="import")
            report["failed"].append({"url": url, "reason": reason})
            continue
        report["fetched"] += 1
        _doc, created = store.save(meta_from_manifest_row(row, url), body, http_status=None)
        report["new_versions" if created else "unchanged"] += 1
    return report


def _record_error(conn: sqlite3.Connection, doc_id: int | None, stage: str, reason: str) -> None:
    conn.execute(
        "INSERT INTO index_errors(document_id, stage, reason, at) VALUES (?,?,?,?)",
        (doc_id, stage, reason[:2000], utcnow()),
    )
    conn.commit()


def context_heading(prov: Provision, ancestor_heading: str = "") -> str:
    """The heading the tagger reads for context: the provision's own (or, for a paragraph without
    one, its nearest ancestor's), then its two nearest enclosing levels ("Section 1 bis: De la traite
    des êtres humains"), where a chapter often names the victims or the offence its provisions are
    about."""
    own = prov.heading or ancestor_heading
    return "; ".join(x for x in (own, *prov.path[-2:]) if x)


SUBJECT_CONTEXTS = frozenset({"trafficking", "slavery_offence"})
# Recitals and preambles explain a law; they establish nothing, so they are not tagged.
NON_OPERATIVE_KINDS = frozenset({"recital", "preamble"})


GENERAL_PART_ELEMENTS = frozenset({"crim.attempt", "crim.complicity", "crim.organizing", "crim.legal_persons",
                                   "crim.confiscation", "crim.jurisdiction"})


def cited_subjects(law: Law, first_pass: dict[str, tuple[str | None, set[str]]]) -> dict[str, str]:
    """For each provision whose citations could be resolved: what the cited provisions are about.

    ``first_pass`` maps eid to (context, element ids) of the first tagging pass. A target is about
    trafficking when it, one of its parts or the provision it belongs to was classified
    trafficking/slavery; a target that states a general-part rule (attempt, legal persons,
    confiscation...) says nothing either way. The answer is "other" only when every citation was
    resolved and each one is about something else; otherwise the provision is left out (unknown).
    """
    from indexer.tagging.rules.base import CITES_OTHER, CITES_TRAFFICKING

    subjects = {eid for eid, (ctx, _) in first_pass.items() if ctx in SUBJECT_CONTEXTS}

    def about_trafficking(target: str) -> bool:
        if target in subjects:
            return True
        return any(s.startswith(target + "__") or target.startswith(s + "__") for s in subjects)

    def general_part(target: str) -> bool:
        return bool(first_pass.get(target, (None, set()))[1] & GENERAL_PART_ELEMENTS)

    cites: dict[str, str] = {}
    for prov in law.provisions:
        own = [r for r in prov.refs if r.target_eid != prov.eid and not r.target_law]
        targets = {r.target_eid for r in own if r.target_eid}
        if not targets:
            continue
        if any(map(about_trafficking, targets)):
            cites[prov.eid] = CITES_TRAFFICKING
        elif all(r.target_eid for r in own) and not any(map(general_part, targets)):
            cites[prov.eid] = CITES_OTHER
    return cites


def parse_and_tag(data: bytes, doc: StoredDocument, tagger, errors: list[str] | None = None) -> Law:
    """Parse one stored version and tag every provision (raises ParseError on bad input).

    Tagging takes two passes: the first finds which provisions define or punish trafficking; the
    second re-tags the provisions whose citations were resolved, telling the tagger whether they cite
    such a provision ("the penalty of article 311-4 is doubled where" aggravates theft, not trafficking).
    Recitals and preambles are not tagged. Provisions that cannot be tagged (unsupported language...)
    keep no tags; ``errors`` receives one line per distinct reason.
    """
    from indexer.parsers import parse_document

    law = parse_document(data, doc)
    law.document_id = doc.id
    language, title = law.language or doc.language, law.title or doc.title
    by_eid = {p.eid: p for p in law.provisions}

    def ancestor_heading(prov: Provision) -> str:
        parent = by_eid.get(prov.parent_eid or "")
        while parent is not None and not parent.heading:
            parent = by_eid.get(parent.parent_eid or "")
        return parent.heading if parent is not None else ""

    items = [
        {"text": "" if p.kind in NON_OPERATIVE_KINDS else p.text, "language": language,
         "heading": context_heading(p, ancestor_heading(p)), "law_title": title, "path": "; ".join(p.path)}
        for p in law.provisions
    ]
    results = tagger.tag_batch_detailed(items)
    cites = cited_subjects(law, {p.eid: (r.context, {t.element for t in r.tags})
                                 for p, r in zip(law.provisions, results, strict=True)})
    again = [i for i, p in enumerate(law.provisions) if p.eid in cites]
    for i, result in zip(again, tagger.tag_batch_detailed(
            [{**items[i], "cites": cites[law.provisions[i].eid]} for i in again]), strict=True):
        results[i] = result
    for prov, result in zip(law.provisions, results, strict=True):
        prov.tags = result.tags
    if errors is not None:
        failed = [r.error for r in results if r.error]
        errors.extend(f"{failed.count(reason)} provision(s) not tagged: {reason}"
                      for reason in sorted(set(failed)))
    return law


def index_pending(settings: Settings | None = None, *, progress: bool = False) -> dict:
    """Parse, tag, store, assess and index every stored version not yet indexed."""
    from indexer.assessment import record_verdicts
    from indexer.parsers import ParseError
    from indexer.search import get_backend
    from indexer.tagging import get_tagger

    settings = settings or get_settings()
    conn = connect(settings.db_path)
    store = RawStore(settings, conn)
    pending = store.pending()
    summary: dict = {"documents": len(pending), "indexed": 0, "failed": [], "provisions": 0, "laws": []}
    backend = get_backend(settings)
    if not pending:
        if backend.count() == 0 and _current_provision_count(conn):
            summary["search_documents"] = backend.rebuild(iter_index_docs(conn))
        conn.close()
        return summary
    tagger = get_tagger()
    bar = _progress(progress)
    with bar or nullcontext():
        task = bar.add_task("indexing", total=len(pending)) if bar else None
        for doc in pending:
            tag_errors: list[str] = []
            try:
                law = parse_and_tag(store.read_bytes(doc), doc, tagger, tag_errors)
                if not law.provisions:
                    raise ParseError("no provisions found")
                law_id = store_law(conn, law, doc)
            except ParseError as err:
                _fail(conn, store, doc, "parse", getattr(err, "reason", str(err)), summary)
            except Exception as err:  # one document never stops the run; the reason is kept
                log.exception("indexing document %s failed", doc.id)
                _fail(conn, store, doc, "index", f"{type(err).__name__}: {err}", summary)
            else:
                for reason in tag_errors:
                    _record_error(conn, doc.id, "tag", reason)
                store.mark(doc.id, "indexed")
                summary["indexed"] += 1
                summary["provisions"] += len(law.provisions)
                summary["laws"].append(law_id)
            if bar:
                bar.advance(task)
    touched = sorted(set(summary["laws"]))
    if touched:
        jurisdictions = sorted({r[0] for r in conn.execute(
            f"SELECT DISTINCT jurisdiction FROM laws WHERE id IN ({','.join('?' * len(touched))})", touched)})
        summary["verdict_changes"] = record_verdicts(conn, jurisdictions)
        stale = [r[0] for r in conn.execute(
            f"SELECT id FROM provisions WHERE is_current = 0 AND law_id IN ({','.join('?' * len(touched))})"
            " AND id NOT IN (SELECT id FROM provisions WHERE is_current = 1)", touched)]
        if backend.count() == 0:
            summary["search_documents"] = backend.rebuild(iter_index_docs(conn))
        else:
            backend.delete(stale)
            summary["search_documents"] = backend.upsert(iter_index_docs(conn, touched))
    conn.close()
    return summary


def reindex(settings: Settings | None = None) -> int:
    """Rebuild the search index from the system of record and swap it in; returns the document count."""
    from indexer.search import get_backend

    settings = settings or get_settings()
    conn = connect(settings.db_path)
    try:
        return get_backend(settings).rebuild(iter_index_docs(conn))
    finally:
        conn.close()


def _fail(conn, store: RawStore, doc: StoredDocument, stage: str, reason: str, summary: dict) -> None:
    _record_error(conn, doc.id, stage, reason)
    store.mark(doc.id, "failed", reason[:2000])
    summary["failed"].append({"document": doc.id, "url": doc.url, "stage": stage, "reason": reason})


def _current_provision_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM provisions WHERE is_current = 1").fetchone()[0]


def _progress(enabled: bool):
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    return Progress(*columns)
