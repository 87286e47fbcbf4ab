"""A small synthetic dataset (DB rows + search index) shared by the API and web tests.

All statute text here is written for the tests (not copied from any real law).
Use ``build_fixture(settings)`` on a fresh data dir; it inserts laws, versions,
provisions, tags and verdict history following ``indexer/db.py`` and builds the
search index with ``get_backend(settings).rebuild(index_docs(conn))``.
``benchmarks/api.py`` scales the same shapes up with ``insert_law``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from indexer.db import connect, transaction
from indexer.models import text_hash
from indexer.settings import Settings


@dataclass
class FixtureProvision:
    """A provision to insert: eid, num, heading, kind, text, tags as (element, evidence) pairs."""

    eid: str
    num: str
    text: str
    heading: str = ""
    kind: str = "section"
    parent_eid: str | None = None
    tags: list[tuple[str, str]] = field(default_factory=list)
    refs: list[dict] = field(default_factory=list)


@dataclass
class FixtureLaw:
    """A law to insert with one or more versions (list of provision lists, oldest first)."""

    id: str
    jurisdiction: str
    title: str
    language: str
    year: int
    versions: list[list[FixtureProvision]]
    version_dates: list[str]
    in_force: bool | None = True
    source_url: str = ""


P = FixtureProvision
GBR_OFFENCE = (
    "A person commits an offence of human trafficking where the person arranges the recruitment, "
    "transportation, transfer, harbouring or receipt of another person by threat, force, coercion, "
    "abduction, fraud or deception, for the purpose of exploitation of that other person."
)
GBR_EXPLOITATION = (
    "In this Act exploitation includes sexual exploitation, forced labour or services, slavery, servitude "
    "and the removal of organs."
)
GBR_NONPUNISH = (
    "A victim of trafficking is not guilty of an offence committed as a direct consequence of having been "
    "trafficked."
)
GBR_CONSENT = (
    "The consent of the victim to the intended exploitation is irrelevant to the offence in section 1."
)
GBR_HOUSING = "The Secretary of State shall provide safe accommodation and medical assistance to victims."
FRA_OFFENCE = (
    "La traite des êtres humains est le fait de recruter, transporter, transférer, héberger ou accueillir "
    "une personne, par la menace, la contrainte ou la tromperie, à des fins d'exploitation."
)
FRA_CHILD = "Les traites de mineurs de dix-huit ans sont punies même sans menace ni contrainte."
ESP_OFFENCE = (
    "Comete delito de trata de seres humanos quien capte, transporte, traslade, acoja o reciba a una "
    "persona mediante violencia, intimidación o engaño, con la finalidad de explotación laboral o sexual."
)
ESP_RESIDENCE = "Las víctimas de trata tendrán derecho a un permiso de residencia y a asistencia jurídica."
CAN_OFFENCE = (
    "Every person who recruits, transports, transfers, receives, holds, conceals or harbours a person for "
    "the purpose of exploiting them commits an indictable offence of trafficking in persons."
)
CAN_OFFENCE_V2 = CAN_OFFENCE + " The consent of the trafficked person is not a valid defence."
CAN_EXPLOITS = (
    "For the purposes of sections 279.01 to 279.03, a person exploits another person if they cause them "
    "to provide labour or a service by fear for their safety."
)
CAN_ATTEMPT = "Everyone who attempts or aids in the commission of an offence under section 279.01 is a party."

LAWS: list[FixtureLaw] = [
    FixtureLaw(
        id="GBR-modern-slavery-act-2015-a1b2c3", jurisdiction="GBR", title="Modern Slavery Act 2015",
        language="en", year=2015, version_dates=["2015-07-31"],
        source_url="https://www.legislation.gov.uk/ukpga/2015/30",
        versions=[[
            P("part_1", "Part 1", "", heading="Offences", kind="part"),
            P("part_1__sec_1", "1", GBR_OFFENCE, heading="Human trafficking", parent_eid="part_1",
              tags=[("crim.offence", "commits an offence of human trafficking"),
                    ("act.recruitment", "recruitment"), ("act.transportation", "transportation"),
                    ("act.transfer", "transfer"), ("act.harbouring", "harbouring"),
                    ("act.receipt", "receipt"), ("means.threat", "threat"), ("means.force", "force"),
                    ("means.coercion", "coercion"), ("means.abduction", "abduction"),
                    ("means.fraud", "fraud"), ("means.deception", "deception")],
              refs=[{"text": "section 3", "start": 0, "end": 0, "target_eid": "part_1__sec_3"}]),
            P("part_1__sec_2", "2", GBR_CONSENT, heading="Consent", parent_eid="part_1",
              tags=[("definition.consent_irrelevant",
                     "consent of the victim to the intended exploitation is irrelevant")],
              refs=[{"text": "section 1", "start": 0, "end": 0, "target_eid": "part_1__sec_1"}]),
            P("part_1__sec_3", "3", GBR_EXPLOITATION, heading="Meaning of exploitation", parent_eid="part_1",
              tags=[("purpose.sexual_exploitation", "sexual exploitation"),
                    ("purpose.forced_labour", "forced labour or services"), ("purpose.slavery", "slavery"),
                    ("purpose.servitude", "servitude"), ("purpose.organ_removal", "removal of organs")]),
            P("part_1__sec_45", "45", GBR_NONPUNISH, heading="Defence for victims", parent_eid="part_1",
              tags=[("rights.non_punishment", "is not guilty of an offence")]),
            P("part_1__sec_50", "50", GBR_HOUSING, heading="Assistance", parent_eid="part_1",
              tags=[("prot.housing", "safe accommodation"),
                    ("prot.medical_assistance", "medical assistance")]),
        ]],
    ),
    FixtureLaw(
        id="FRA-code-penal-d4e5f6", jurisdiction="FRA", title="Code pénal", language="fr", year=1992,
        version_dates=["2024-01-01"],
        source_url="https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070719",
        versions=[[
            P("art_225-4-1", "225-4-1", FRA_OFFENCE, kind="article",
              tags=[("crim.offence", "La traite des êtres humains"), ("act.recruitment", "recruter"),
                    ("act.transportation", "transporter"), ("act.transfer", "transférer"),
                    ("act.harbouring", "héberger"), ("act.receipt", "accueillir"), ("means.threat", "menace"),
                    ("means.coercion", "contrainte"), ("means.deception", "tromperie")]),
            P("art_225-4-2", "225-4-2", FRA_CHILD, kind="article",
              tags=[("definition.child_no_means", "même sans menace ni contrainte"),
                    ("definition.child_under_18", "mineurs de dix-huit ans")]),
        ]],
    ),
    FixtureLaw(
        id="ESP-codigo-penal-g7h8i9", jurisdiction="ESP", title="Código Penal", language="es", year=1995,
        version_dates=["2023-06-30"], source_url="https://www.boe.es/buscar/act.php?id=BOE-A-1995-25444",
        versions=[[
            P("art_177bis__para_1", "177 bis.1", ESP_OFFENCE, kind="paragraph",
              tags=[("crim.offence", "Comete delito de trata de seres humanos"), ("act.recruitment", "capte"),
                    ("act.transportation", "transporte"), ("means.force", "violencia"),
                    ("means.deception", "engaño"), ("purpose.forced_labour", "explotación laboral"),
                    ("purpose.sexual_exploitation", "explotación laboral o sexual")]),
            P("art_177bis__para_2", "177 bis.2", ESP_RESIDENCE, kind="paragraph",
              tags=[("status.residence", "permiso de residencia")]),
        ]],
    ),
    FixtureLaw(
        id="CAN-criminal-code-j1k2l3", jurisdiction="CAN", title="Criminal Code", language="en", year=1985,
        version_dates=["2019-06-21", "2024-03-01"], source_url="https://laws-lois.justice.gc.ca/eng/acts/C-46/",
        versions=[
            [
                P("sec_279.01__subsec_1", "279.01(1)", CAN_OFFENCE,
                  tags=[("crim.offence", "commits an indictable offence of trafficking in persons"),
                        ("act.recruitment", "recruits"), ("act.transportation", "transports")]),
                P("sec_21", "21", CAN_ATTEMPT, tags=[("crim.complicity", "aids in the commission")]),
            ],
            [
                P("sec_279.01__subsec_1", "279.01(1)", CAN_OFFENCE_V2,
                  tags=[("crim.offence", "commits an indictable offence of trafficking in persons"),
                        ("act.recruitment", "recruits"), ("act.transportation", "transports"),
                        ("definition.consent_irrelevant", "not a valid defence")]),
                P("sec_21", "21", CAN_ATTEMPT,
                  tags=[("crim.complicity", "aids in the commission"), ("crim.attempt", "attempts")]),
                P("sec_279.04", "279.04", CAN_EXPLOITS,
                  tags=[("purpose.forced_labour", "provide labour or a service")]),
            ],
        ],
    ),
]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _span(text: str, evidence: str) -> tuple[int, int]:
    start = text.find(evidence)
    if start < 0:
        raise ValueError(f"fixture evidence {evidence!r} is not in the text {text[:60]!r}...")
    return start, start + len(evidence)


def insert_law(conn: sqlite3.Connection, law: FixtureLaw) -> None:
    """Insert a law with its versions, provisions and tags (the newest version is current)."""
    conn.execute(
        "INSERT INTO laws(id, jurisdiction, title, year, language, format, in_force, source_url) "
        "VALUES (?, ?, ?, ?, ?, 'markdown', ?, ?)",
        (
            law.id,
            law.jurisdiction,
            law.title,
            law.year,
            law.language,
            None if law.in_force is None else int(law.in_force),
            law.source_url,
        ),
    )
    version_id = None
    for number, (provisions, vdate) in enumerate(zip(law.versions, law.version_dates, strict=True)):
        is_current = number == len(law.versions) - 1
        url = f"{law.source_url or 'file://' + law.id}#v{number}"
        doc = conn.execute(
            "INSERT INTO documents(url, jurisdiction, title, language, format, fetched_at, sha256, size, "
            "blob_path, status) VALUES (?, ?, ?, ?, 'markdown', ?, ?, 0, '', 'indexed')",
            (url, law.jurisdiction, law.title, law.language, f"{vdate}T00:00:00+00:00", f"{law.id}-{number}"),
        )
        version_id = conn.execute(
            "INSERT INTO law_versions(law_id, document_id, version_date, fetched_at, text) "
            "VALUES (?, ?, ?, ?, ?)",
            (law.id, doc.lastrowid, vdate, f"{vdate}T00:00:00+00:00", "\n".join(p.text for p in provisions)),
        ).lastrowid
        for ord_, prov in enumerate(provisions):
            rowid = conn.execute(
                "INSERT INTO provisions(id, law_id, version_id, eid, num, heading, kind, path_json, text, "
                'text_hash, "end", parent_eid, ord, refs_json, is_current) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f"{law.id}--{prov.eid}",
                    law.id,
                    version_id,
                    prov.eid,
                    prov.num,
                    prov.heading,
                    prov.kind,
                    json.dumps([prov.parent_eid] if prov.parent_eid else []),
                    prov.text,
                    text_hash(prov.text),
                    len(prov.text),
                    prov.parent_eid,
                    ord_,
                    json.dumps(prov.refs),
                    int(is_current),
                ),
            ).lastrowid
            for element, evidence in prov.tags:
                start, end = _span(prov.text, evidence)
                conn.execute(
                    'INSERT INTO tags(provision_rowid, element, evidence, start, "end", confidence, '
                    "rule_ids_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (rowid, element, evidence, start, end, 0.9, json.dumps([f"test.{element}"])),
                )
    conn.execute("UPDATE laws SET current_version_id = ? WHERE id = ?", (version_id, law.id))


def insert_verdict_history(conn: sqlite3.Connection) -> None:
    """A few verdict changes for the change feed."""
    rows = [
        ("CAN", "R5", "met", "not_found", "2024-03-01T00:00:00+00:00", "consent clause added to s. 279.01"),
        ("GBR", "R1", "met", None, "2015-08-01T00:00:00+00:00", "first assessment"),
    ]
    conn.executemany(
        "INSERT INTO verdict_history(jurisdiction, requirement, verdict, previous, at, cause) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def index_docs(conn: sqlite3.Connection) -> Iterator[dict]:
    """Index documents for every current provision, built by the production code path
    (:func:`indexer.repository.iter_index_docs`: reviewed tags, regions, requirements, citation labels)."""
    from indexer.repository import iter_index_docs

    return iter_index_docs(conn)


def build_fixture(settings: Settings, laws: Iterable[FixtureLaw] = LAWS) -> dict:
    """Insert the fixture laws into ``settings.db_path`` and build the search index; returns counts."""
    from indexer.search import get_backend

    conn = connect(settings.db_path)
    try:
        with transaction(conn):
            for law in laws:
                insert_law(conn, law)
            insert_verdict_history(conn)
        docs = list(index_docs(conn))
    finally:
        conn.close()
    indexed = get_backend(settings).rebuild(docs)
    return {"laws": len(list(laws)), "documents": indexed}


# -- a real index from a few files of ../shared/corpus (live-server and schemathesis tests) ---------------
SHARED_SAMPLE = (
    "ARG/Ley_26364_Trata_de_Personas.md",
    "CAN/SC_2005_c43_trafficking_in_persons_en.xml",
    "CAN/SC_2012_c15_trafficking_in_persons_en.xml",
    "IND/BNS_section_143_trafficking_of_person.md",
    "IND/BNS_section_144_exploitation_of_trafficked_person.md",
    "NLD/Wet_Nationaal_Rapporteur_mensenhandel_BWBR0034176.md",
    "AND/Llei_9-2017_trafic_essers_humans.md",
)


def build_shared_fixture(
    settings: Settings, shared_dir, folder, paths: Iterable[str] = SHARED_SAMPLE
) -> dict:
    """Import a few ../shared/corpus files with the lead's pipeline (``import_folder`` + ``index_pending``).

    ``folder`` (a temporary directory) receives a filtered MANIFEST.csv and copies of the corpus files;
    nothing is written into the repository. Returns the pipeline summaries.
    """
    import csv
    import shutil
    from pathlib import Path

    from indexer.pipeline import import_folder, index_pending

    corpus = Path(shared_dir) / "corpus"
    wanted = set(paths)
    folder = Path(folder)
    with (corpus / "MANIFEST.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        rows = [r for r in reader if r["path"] in wanted]
    with (folder / "MANIFEST.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            target = folder / row["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():  # a copy in the temporary folder (the importer refuses symlinks out)
                shutil.copyfile(corpus / row["path"], target)
            writer.writerow(row)
    imported = import_folder(folder, settings)
    indexed = index_pending(settings)
    return {"imported": imported, "indexed": indexed}
