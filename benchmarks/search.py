"""Search benchmark: synthetic multilingual statute corpus, build speed and query latency per backend.

Usage::

    .venv/bin/python benchmarks/search.py --sizes 10000,100000 --backends embedded,fts5

Prints one line per (backend, size) and, last, a JSON line::

    {"results": [{"backend": ..., "provisions": N, "build_provisions_per_s": ..., "p50_ms": ...,
                  "p99_ms": ..., "db_mb": ...}, ...]}

The query mix is fixed (seeded): 2-3 word queries, a phrase, a prefix, each with two
filters, facet counts and highlighted snippets (page size 20). ``fts5`` is a
comparison baseline kept in this file only (SQLite FTS5, unicode61 + porter).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.models import SearchResult  # noqa: E402
from indexer.search.base import SearchQuery  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


VOCAB = {
    "en": _words(
        "person persons trafficking recruitment transportation transfer harbouring receipt threat force "
        "coercion abduction fraud deception abuse power position vulnerability giving receiving payments "
        "benefits consent control exploitation prostitution sexual forced labour services slavery "
        "practices servitude removal organs child victim offence penalty imprisonment years fine court "
        "shall may section subsection paragraph act regulation minister authority protection assistance "
        "compensation residence permit border document identity travel carrier liability corporation "
        "company officer commits guilty conviction indictment summary aggravated circumstances"
    ),
    "fr": _words(
        "personne personnes traite recrutement transport transfert hébergement accueil menace force "
        "contrainte enlèvement fraude tromperie abus autorité situation vulnérabilité paiements "
        "avantages consentement contrôle exploitation prostitution sexuelle travail forcé services "
        "esclavage pratiques servitude prélèvement organes enfant victime infraction peine "
        "emprisonnement ans amende tribunal article alinéa loi décret ministre autorité protection "
        "assistance indemnisation séjour titre frontière document identité voyage transporteur "
        "responsabilité personne morale dirigeant commet coupable condamnation"
    ),
    "es": _words(
        "persona personas trata captación transporte traslado acogida recepción amenaza fuerza coacción "
        "rapto fraude engaño abuso poder situación vulnerabilidad pagos beneficios consentimiento "
        "control explotación prostitución sexual trabajo forzoso servicios esclavitud prácticas "
        "servidumbre extracción órganos menor víctima delito pena prisión años multa tribunal artículo "
        "apartado ley reglamento ministro autoridad protección asistencia indemnización residencia "
        "permiso frontera documento identidad viaje transportista responsabilidad jurídica comete "
        "culpable condena agravante circunstancias"
    ),
}
FILLER = {
    "en": _words("the of and to in a or by for with any that is be as on who which"),
    "fr": _words("le la les de des du et à en un une ou par pour qui est dans sur"),
    "es": _words("el la los las de del y a en un una o por para que es con se"),
}
ELEMENTS = [f"element_{i:02d}" for i in range(72)]
REQUIREMENTS = [f"R{i}" for i in range(1, 23)]
REGIONS = ["Europe", "Americas", "Africa", "Asia", "Oceania"]
QUERIES = {
    "en": ["forced labour", "trafficking child victim", "abuse vulnerability", '"forced labour"', "exploit*",
           "victim consent"],
    "fr": ["travail forcé", "traite enfant victime", "abus vulnérabilité", '"travail forcé"', "exploit*",
           "victime consentement"],
    "es": ["trabajo forzoso", "trata menor víctima", "abuso vulnerabilidad", '"trabajo forzoso"', "explot*",
           "víctima consentimiento"],
}


def jurisdictions(n: int) -> list[tuple[str, str, str]]:
    """``n`` synthetic jurisdictions as (code, language, region)."""
    out = []
    for i in range(n):
        code = "".join(chr(65 + (i // 26 ** k) % 26) for k in (2, 1, 0))
        out.append((code, ("en", "fr", "es")[i % 3], REGIONS[i % len(REGIONS)]))
    return out


def corpus(n: int, n_jurisdictions: int = 60, seed: int = 7) -> Iterator[dict]:
    """``n`` synthetic provisions (realistic length distribution: median ~150 words, long tail)."""
    rng = random.Random(seed)
    jurs = jurisdictions(n_jurisdictions)
    laws_per_jur = 8
    for i in range(n):
        jur, lang, region = jurs[i % len(jurs)]
        law_no = (i // len(jurs)) % laws_per_jur
        words = max(8, min(1500, int(rng.lognormvariate(math.log(150), 0.6))))
        vocab, filler = VOCAB[lang], FILLER[lang]
        text = " ".join(rng.choice(filler if rng.random() < 0.45 else vocab) for _ in range(words))
        year = 1990 + zlib.crc32(f"{jur}{law_no}".encode()) % 35
        version_date = f"{year + rng.randint(0, 5)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        yield {
            "id": f"{jur}-law-{law_no}--sec_{i}", "law_id": f"{jur}-law-{law_no}",
            "law_title": f"Synthetic act {law_no} of {jur}", "jurisdiction": jur, "region": region,
            "language": lang, "eid": f"sec_{i}", "num": str(i), "ref": f"s. {i}",
            "heading": " ".join(rng.choice(vocab) for _ in range(3)), "text": text.capitalize() + ".",
            "elements": rng.sample(ELEMENTS, rng.randint(0, 4)), "requirements": rng.sample(REQUIREMENTS, 2),
            "year": year, "version_date": version_date,
            "in_force": rng.random() < 0.9, "ord": i,
        }


def read_jsonl(path: Path) -> Iterator[dict]:
    """Stream documents back from a JSON-lines file."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def query_mix(n_jurisdictions: int, count: int = 200, seed: int = 11) -> list[SearchQuery]:
    """The fixed query mix: text in one language plus two filters (language/region/element/year)."""
    rng = random.Random(seed)
    jurs = jurisdictions(n_jurisdictions)
    out = []
    for i in range(count):
        lang = ("en", "fr", "es")[i % 3]
        q = QUERIES[lang][i % len(QUERIES[lang])]
        kind = i % 4
        if kind == 0:
            filters = {"language": [lang], "in_force": True}
        elif kind == 1:
            filters = {"region": [rng.choice(REGIONS)], "year_from": 2000}
        elif kind == 2:
            filters = {"element": [rng.choice(ELEMENTS)], "in_force": True}
        else:
            filters = {"jurisdiction": [c for c, lg, _ in rng.sample(jurs, 10) if lg == lang] or [jurs[0][0]],
                       "year_to": 2020}
        out.append(SearchQuery(q=q, page_size=20, **filters))
    return out


class Fts5Baseline:
    """Comparison only: SQLite FTS5 (unicode61 + porter) with the same filters, facets and snippets."""

    name = "fts5"
    FACETS = {"jurisdiction": "jurisdiction", "region": "region", "language": "language", "law": "law_id",
              "year": "year", "in_force": "in_force"}

    def __init__(self, path: Path) -> None:
        import sqlite3

        self.db = sqlite3.connect(path)

    def rebuild(self, docs) -> int:
        """Load documents into a plain table, an element table and an external-content FTS5 index."""
        self.db.executescript("""
            CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, law_id TEXT, jurisdiction TEXT, region TEXT,
                              language TEXT, year INT, in_force INT, text TEXT);
            CREATE TABLE elements(rowid INT, element TEXT);
            CREATE INDEX elements_e ON elements(element, rowid);
            CREATE VIRTUAL TABLE fts USING fts5(text, content='docs', content_rowid='rowid',
                                                tokenize='porter unicode61 remove_diacritics 2');
        """)
        n = 0
        for n, doc in enumerate(docs, 1):
            self.db.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)", (
                n, doc["id"], doc["law_id"], doc["jurisdiction"], doc["region"], doc["language"], doc["year"],
                int(doc["in_force"]), doc["text"]))
            self.db.executemany("INSERT INTO elements VALUES (?,?)", [(n, e) for e in doc["elements"]])
        self.db.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
        self.db.commit()
        return n

    @staticmethod
    def _match(q: str) -> str:
        phrases = [p for p in q.split('"')[1::2] if p.strip()]
        words = " ".join(q.split('"')[0::2]).split()
        parts = [f'"{p}"' for p in phrases]
        parts += [f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in words]
        return " AND ".join(parts)

    def search(self, query: SearchQuery):
        """Filtered FTS5 match, facet GROUP BYs over the matches, top 20 by bm25 with snippets."""
        where, params = ["fts MATCH ?"], [self._match(query.q)]
        for column in ("jurisdiction", "region", "language"):
            values = getattr(query, column)
            if values:
                where.append(f"d.{column} IN ({','.join('?' * len(values))})")
                params += values
        if query.element:
            where.append("d.rowid IN (SELECT rowid FROM elements WHERE element = ?)")
            params.append(query.element[0])
        if query.year_from is not None:
            where.append("d.year >= ?")
            params.append(query.year_from)
        if query.year_to is not None:
            where.append("d.year <= ?")
            params.append(query.year_to)
        if query.in_force is not None:
            where.append("d.in_force = ?")
            params.append(int(query.in_force))
        self.db.execute("DROP TABLE IF EXISTS temp.hits")
        self.db.execute(f"CREATE TEMP TABLE hits AS SELECT d.rowid AS rowid, bm25(fts) AS score FROM fts "
                        f"JOIN docs d ON d.rowid = fts.rowid WHERE {' AND '.join(where)}", params)
        facets = {name: dict(self.db.execute(
            f"SELECT d.{col}, count(*) FROM hits JOIN docs d USING(rowid) GROUP BY 1").fetchall())
            for name, col in self.FACETS.items()}
        facets["element"] = dict(self.db.execute(
            "SELECT element, count(*) FROM hits JOIN elements USING(rowid) GROUP BY 1").fetchall())
        top = self.db.execute(
            "SELECT h.rowid, snippet(fts, 0, '<mark>', '</mark>', '...', 24) FROM hits h "
            "JOIN fts ON fts.rowid = h.rowid AND fts MATCH ? ORDER BY h.score LIMIT 20",
            [self._match(query.q)]).fetchall()
        total = self.db.execute("SELECT count(*) FROM hits").fetchone()[0]
        return SearchResult(total=total, results=[], facets={k: {str(a): b for a, b in v.items()}
                                                             for k, v in facets.items()},
                            page_size=len(top))

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def dir_mb(path: Path) -> float:
    """Size of a folder (or file) in MB."""
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(pct / 100 * len(ordered)) - 1))]


def run_backend(name: str, size: int, n_jur: int, workdir: Path, queries: int) -> dict:
    """Build one backend at ``size`` provisions, then time the query mix."""
    if name == "embedded":
        from indexer.search.embedded import EmbeddedBackend

        backend = EmbeddedBackend(workdir / "index")
        path = workdir / "index"
    elif name == "fts5":
        backend = Fts5Baseline(workdir / "fts5.db")
        path = workdir / "fts5.db"
    elif name == "elasticsearch":
        from indexer.search import make_backend
        from indexer.settings import Settings

        backend = make_backend(Settings(backend="elasticsearch", elasticsearch_index=f"palermo-bench-{size}"))
        path = None
    else:
        raise SystemExit(f"unknown backend {name!r}")
    source = workdir / "corpus.jsonl"  # generated before timing: the build reads it like rows from SQLite
    with open(source, "w", encoding="utf-8") as fh:
        for doc in corpus(size, n_jur):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    start, cpu_start = time.perf_counter(), time.process_time()
    built = backend.rebuild(read_jsonl(source))
    build_s, build_cpu_s = time.perf_counter() - start, time.process_time() - cpu_start
    mix = query_mix(n_jur, queries)
    for q in mix[:20]:  # warm caches
        backend.search(q)
    latencies, cpu, totals = [], [], 0
    for q in mix:
        t0, c0 = time.perf_counter(), time.thread_time()
        res = backend.search(q)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        totals += res.total
    deep_ms = deep_page(backend) if name != "fts5" else None
    backend.close()
    source.unlink()
    return {
        "backend": name, "provisions": built, "build_s": round(build_s, 1),
        "build_provisions_per_s": round(built / build_s), "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(percentile(latencies, 99), 2), "mean_hits": round(totals / len(mix)),
        # CPU time of the searching thread: comparable across runs on a busy shared machine.
        "p50_cpu_ms": round(statistics.median(cpu), 2), "p99_cpu_ms": round(percentile(cpu, 99), 2),
        "build_cpu_s": round(build_cpu_s, 1), "load_avg": round(os.getloadavg()[0], 1),
        "deep_page_ms": deep_ms, "db_mb": round(dir_mb(path), 1) if path else None,
    }


def deep_page(backend) -> float:
    """Mean latency of following a date-sorted cursor 50 pages deep (keyset pagination)."""
    query = SearchQuery(q="", sort="date", page_size=20)
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        res = backend.search(query)
        times.append((time.perf_counter() - t0) * 1000)
        if not res.next_cursor:
            break
        query = query.model_copy(update={"cursor": res.next_cursor})
    return round(statistics.mean(times[-10:]), 2)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="embedded")
    parser.add_argument("--jurisdictions", type=int, default=60)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workdir", default=None, help="where to build (default: a temporary folder)")
    args = parser.parse_args(argv)
    results = []
    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="palermo-bench-"))
    try:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
                workdir = root / f"{name}-{size}"
                shutil.rmtree(workdir, ignore_errors=True)
                workdir.mkdir(parents=True)
                try:
                    row = run_backend(name, size, args.jurisdictions, workdir, args.queries)
                finally:
                    shutil.rmtree(workdir, ignore_errors=True)
                print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
                results.append(row)
    finally:
        if not args.workdir:
            shutil.rmtree(root, ignore_errors=True)
    print(json.dumps({"results": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
