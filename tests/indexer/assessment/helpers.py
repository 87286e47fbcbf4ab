"""Insert synthetic laws, versions, provisions and tags (own example sentences, no statute text)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from indexer.db import connect
from indexer.models import text_hash


def make_db(tmp_path: Path) -> sqlite3.Connection:
    """A fresh system-of-record database in ``tmp_path``."""
    return connect(tmp_path / "palermo.db")


def add_law(conn: sqlite3.Connection, law_id: str, jurisdiction: str, title: str, *,
            in_force: bool | None = None, source_url: str = "", number: str = "") -> str:
    """A ``laws`` row."""
    conn.execute(
        "INSERT INTO laws(id, jurisdiction, title, number, in_force, source_url) VALUES (?,?,?,?,?,?)",
        (law_id, jurisdiction, title, number, None if in_force is None else int(in_force),
         source_url or f"https://example.org/{law_id}"))
    conn.commit()
    return law_id


def add_version(conn: sqlite3.Connection, law_id: str, *, version_date: str | None = None,
                fetched_at: str = "2024-01-01T00:00:00+00:00") -> int:
    """A new document + law version; older provisions of the law stop being current."""
    cur = conn.execute(
        "INSERT INTO documents(url, fetched_at, sha256, size, blob_path) VALUES (?,?,?,?,?)",
        (f"https://example.org/{law_id}", fetched_at, f"{law_id}-{fetched_at}-{version_date}", 1, "x"))
    doc_id = cur.lastrowid
    cur = conn.execute(
        "INSERT INTO law_versions(law_id, document_id, version_date, fetched_at) VALUES (?,?,?,?)",
        (law_id, doc_id, version_date, fetched_at))
    version_id = cur.lastrowid
    conn.execute("UPDATE provisions SET is_current = 0 WHERE law_id = ?", (law_id,))
    conn.execute("UPDATE laws SET current_version_id = ? WHERE id = ?", (version_id, law_id))
    conn.commit()
    return version_id


def add_provision(conn: sqlite3.Connection, law_id: str, version_id: int, eid: str, text: str, *,
                  num: str = "", tags: list[tuple[str, str] | tuple[str, str, float]] = (),
                  refs: list[dict] = ()) -> int:
    """A current provision with tags given as (element, quote[, confidence]); quotes must be in ``text``."""
    cur = conn.execute(
        "INSERT INTO provisions(id, law_id, version_id, eid, num, text, text_hash, refs_json, is_current,"
        " ord) VALUES (?,?,?,?,?,?,?,?,1,(SELECT COUNT(*) FROM provisions WHERE version_id = ?))",
        (f"{law_id}--{eid}", law_id, version_id, eid, num, text, text_hash(text), json.dumps(list(refs)),
         version_id))
    rowid = cur.lastrowid
    for item in tags:
        element, quote = item[0], item[1]
        confidence = item[2] if len(item) > 2 else 0.9
        start = text.index(quote)
        conn.execute(
            'INSERT INTO tags(provision_rowid, element, evidence, start, "end", confidence)'
            " VALUES (?,?,?,?,?,?)",
            (rowid, element, quote, start, start + len(quote), confidence))
    conn.commit()
    return rowid


ACTS = ["act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt"]
MEANS = ["means.threat", "means.force", "means.coercion", "means.abduction", "means.fraud", "means.deception",
         "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_or_benefits"]
PURPOSES = ["purpose.sexual_exploitation", "purpose.forced_labour", "purpose.slavery", "purpose.servitude",
            "purpose.organ_removal"]

# An invented offence, written for these tests: every act, every means, consent irrelevant.
OFFENCE_TEXT = (
    "Whoever recruits, transports, transfers, harbours or receives another person by threat, force, "
    "coercion, abduction, fraud, deception, abuse of power, abuse of vulnerability or payments, "
    "for exploitation as defined in section 2, commits an offence; the consent of the victim is no defence."
)
OFFENCE_TAGS = [
    ("crim.offence", "commits an offence"),
    ("act.recruitment", "recruits"), ("act.transportation", "transports"), ("act.transfer", "transfers"),
    ("act.harbouring", "harbours"), ("act.receipt", "receives"),
    ("means.threat", "threat"), ("means.force", "force"), ("means.coercion", "coercion"),
    ("means.abduction", "abduction"), ("means.fraud", "fraud"), ("means.deception", "deception"),
    ("means.abuse_of_power", "abuse of power"), ("means.abuse_of_vulnerability", "abuse of vulnerability"),
    ("means.payments_or_benefits", "payments"),
    ("definition.consent_irrelevant", "the consent of the victim is no defence"),
]
DEFINITION_TEXT = ("In this Act exploitation includes sexual exploitation, forced labour, slavery, servitude "
                   "and the removal of organs, and also forced begging.")
DEFINITION_TAGS = [
    ("purpose.sexual_exploitation", "sexual exploitation"), ("purpose.forced_labour", "forced labour"),
    ("purpose.slavery", "slavery"), ("purpose.servitude", "servitude"),
    ("purpose.organ_removal", "removal of organs"), ("purpose.forced_begging", "forced begging"),
]
REF_TO_SEC_2 = {"text": "section 2", "start": 0, "end": 9, "target_eid": "sec_2", "target_law": None}


def full_law(conn: sqlite3.Connection, iso3: str = "ESP", law_id: str = "ESP-test-act-aaaaaa", *,
             version_date: str = "2020-05-01", in_force: bool | None = True) -> tuple[str, int]:
    """An invented law with a complete offence (sec 1) referring to its exploitation definition (sec 2)."""
    add_law(conn, law_id, iso3, "Invented Trafficking Act", in_force=in_force)
    version = add_version(conn, law_id, version_date=version_date)
    add_provision(conn, law_id, version, "sec_1", OFFENCE_TEXT, num="1", tags=OFFENCE_TAGS,
                  refs=[REF_TO_SEC_2])
    add_provision(conn, law_id, version, "sec_2", DEFINITION_TEXT, num="2", tags=DEFINITION_TAGS)
    return law_id, version
