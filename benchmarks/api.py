"""Load benchmark of the API: a 100k-provision synthetic index driven by locust (headless).

    .venv/bin/python benchmarks/api.py [--provisions 100000] [--users 50] [--duration 30] [--pace 7]

Builds (or reuses) a synthetic dataset under ``--data-dir`` (SQLite rows + the embedded
search index, via the production code path ``indexer.repository.iter_index_docs``), starts
``uvicorn --factory search_api.app:create_app`` on 127.0.0.1 and runs locust with ``--users``
concurrent clients for ``--duration`` seconds of mixed requests (search 50 %, provision 30 %,
assessment 20 %). Each client paces itself to ``--pace`` requests per second (0 = no wait,
closed loop). The last line printed is JSON: ``{"rps", "p50_ms", "p99_ms", "errors", ...}``.

This file is also the locustfile (locust imports it and finds :class:`ApiUser`).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.servers import start_api  # noqa: E402

IDS_ENV = "PALERMO_BENCH_IDS"
PACE_ENV = "PALERMO_BENCH_PACE"
SEARCH_WORDS = (
    "trafficking",
    "victim",
    "exploitation",
    "recruitment",
    "coercion",
    "labour",
    "residence",
    "assistance",
    "penalty",
    "child",
    "consent",
    "border",
    "court",
    "compensation",
    "harbouring",
)
SEARCH_ELEMENTS = ("crim.offence", "act.recruitment", "purpose.forced_labour", "prot.housing")

try:  # the locust side (only when locust imports this file)
    from locust import FastHttpUser, constant, constant_pacing, task
except ImportError:  # pragma: no cover - the driver side does not need locust imported
    FastHttpUser = None

if FastHttpUser is not None:

    class ApiUser(FastHttpUser):
        """One client: searches, opens provisions and reads assessments."""

        _pace = float(os.environ.get(PACE_ENV, "0") or 0)
        wait_time = constant_pacing(1.0 / _pace) if _pace > 0 else constant(0)
        _data = json.loads(Path(os.environ[IDS_ENV]).read_text()) if os.environ.get(IDS_ENV) else {}

        @task(5)
        def search(self) -> None:
            """A 1-3 word query, sometimes with a jurisdiction and/or element filter (facets always on)."""
            params = [("q", " ".join(random.sample(SEARCH_WORDS, random.randint(1, 3))))]
            if random.random() < 0.3:
                params.append(("jurisdiction", random.choice(self._data["jurisdictions"])))
            if random.random() < 0.25:
                params.append(("element", random.choice(SEARCH_ELEMENTS)))
            self.client.get("/api/search", params=params, name="/api/search")

        @task(3)
        def provision(self) -> None:
            """A provision with tags, reviews, hierarchy and citation."""
            self.client.get(
                f"/api/provisions/{random.choice(self._data['provisions'])}", name="/api/provisions/[id]"
            )

        @task(2)
        def assessment(self) -> None:
            """A jurisdiction's verdicts on R1-R22."""
            self.client.get(
                f"/api/jurisdictions/{random.choice(self._data['jurisdictions'])}/assessment",
                name="/api/jurisdictions/[iso3]/assessment",
            )


# Synthetic provisions: random legal vocabulary, 50 jurisdictions, 200 provisions per law, 1-3 tags on
# TAGGED_SHARE of them.
TAGGED_SHARE = 0.1
FILLER_WORDS = 5000
SYLLABLES = ("ka", "lo", "mi", "ne", "tu", "ra", "si", "po", "de", "an", "or", "ve", "ti", "su", "el", "ba")
VOCAB_TEXT = (
    "person victim offence exploitation recruitment transport harbouring receipt threat force coercion "
    "deception fraud abduction vulnerability payment consent child labour service slavery servitude organ "
    "removal sexual court penalty imprisonment fine assistance housing medical residence repatriation "
    "compensation protection identification prevention training border document authority shall may "
    "minister section article paragraph commits liable conviction indictment years"
)
VOCAB = tuple(VOCAB_TEXT.split())
ELEMENTS = (
    "crim.offence",
    "act.recruitment",
    "act.transportation",
    "means.threat",
    "means.force",
    "purpose.forced_labour",
    "purpose.sexual_exploitation",
    "prot.housing",
    "rights.non_punishment",
    "status.residence",
    "definition.consent_irrelevant",
    "crim.attempt",
)


def synthetic_laws(n_provisions: int, *, jurisdictions: int = 50, per_law: int = 200, seed: int = 7):
    """Yield fixture laws with ``n_provisions`` generated provisions in total (deterministic for a seed)."""
    from tests.fixtures_data import FixtureLaw, FixtureProvision

    rng = random.Random(seed)
    filler = sorted(
        {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(FILLER_WORDS)}
    )
    weights = list(itertools.accumulate(1.0 / rank for rank in range(1, len(filler) + 1)))
    codes = [f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(jurisdictions)]
    made, law_no = 0, 0
    while made < n_provisions:
        count = min(per_law, n_provisions - made)
        provisions = []
        for i in range(count):
            # Zipf-distributed filler words plus a few legal terms: a term matches ~10 % of provisions,
            # as in real statutes (a 53-word vocabulary alone would make every word match most of them)
            words = rng.choices(filler, cum_weights=weights, k=rng.randint(40, 120))
            for _ in range(rng.randint(2, 8)):
                words.insert(rng.randrange(len(words)), rng.choice(VOCAB))
            # like real statutes, most provisions carry no Protocol element (about 1 in 10 does)
            tagged = rng.random() < TAGGED_SHARE
            tags = [(e, rng.choice(words)) for e in rng.sample(ELEMENTS, rng.randint(1, 3))] if tagged else []
            provisions.append(FixtureProvision(f"sec_{i + 1}", str(i + 1), " ".join(words), tags=tags))
        year, code = 1990 + law_no % 35, codes[law_no % len(codes)]
        yield FixtureLaw(
            id=f"{code}-law-{law_no}",
            jurisdiction=code,
            title=f"Synthetic Act {law_no}",
            language="en",
            year=year,
            versions=[provisions],
            version_dates=[f"{year}-01-01"],
            source_url=f"https://example.org/{law_no}",
        )
        made += count
        law_no += 1


def build_dataset(data_dir: Path, provisions: int) -> dict:
    """Insert ``provisions`` synthetic provisions and build the search index (reused when already built)."""
    sys.path.insert(0, str(REPO))
    from indexer.db import connect, transaction
    from indexer.repository import iter_index_docs
    from indexer.search import get_backend
    from indexer.settings import Settings
    from tests.fixtures_data import insert_law

    marker = data_dir / "bench.json"
    if marker.is_file() and json.loads(marker.read_text()).get("key") == [
        provisions,
        TAGGED_SHARE,
        FILLER_WORDS,
    ]:
        return json.loads(marker.read_text())
    if data_dir.exists():
        for name in ("palermo.db", "palermo.db-wal", "palermo.db-shm"):
            (data_dir / name).unlink(missing_ok=True)
    settings = Settings(data_dir=data_dir, environment="test")
    started = time.perf_counter()
    conn = connect(settings.db_path)
    with transaction(conn):
        for law in synthetic_laws(provisions):
            insert_law(conn, law)
    inserted = time.perf_counter()
    indexed = get_backend(settings).rebuild(iter_index_docs(conn))
    built = time.perf_counter()
    ids = [
        r[0]
        for r in conn.execute("SELECT id FROM provisions WHERE is_current = 1 ORDER BY random() LIMIT 5000")
    ]
    jurisdictions = [r[0] for r in conn.execute("SELECT DISTINCT jurisdiction FROM laws ORDER BY 1")]
    conn.close()
    info = {
        "key": [provisions, TAGGED_SHARE, FILLER_WORDS],
        "provisions": provisions,
        "indexed": indexed,
        "insert_s": round(inserted - started, 1),
        "index_s": round(built - inserted, 1),
        "ids": ids,
        "jurisdictions": jurisdictions,
    }
    marker.write_text(json.dumps(info))
    return info


def start_server(data_dir: Path, workers: int, log_path: Path) -> tuple[subprocess.Popen, str]:
    """Start uvicorn on a free 127.0.0.1 port and wait for /readyz (at most 60 s)."""
    return start_api(data_dir, log_path, workers=workers, ready_path="/readyz", timeout=60)


def warm_up(url: str, info: dict, workers: int) -> None:
    """Compute each jurisdiction's assessment in every worker (the API caches it until the data change).

    Each request uses a fresh connection so that the workers' accept loops share them out.
    """
    import httpx

    for _ in range(3 * workers):
        for iso3 in info["jurisdictions"]:
            httpx.get(f"{url}/api/jurisdictions/{iso3}/assessment", timeout=120)
    httpx.get(f"{url}/api/search", params={"q": "victim"}, timeout=60)


def run_locust(url: str, ids_file: Path, users: int, duration: int, pace: float, out: Path) -> dict:
    """Run locust headless and return the aggregated figures from its CSV statistics."""
    env = {**os.environ, IDS_ENV: str(ids_file), PACE_ENV: str(pace)}
    prefix = out / "locust"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("locust")),
            "-f",
            str(Path(__file__).resolve()),
            "--headless",
            "--host",
            url,
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{duration}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "5",
        ],
        env=env,
        check=False,
        timeout=duration + 120,
        cwd=out,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    per_endpoint = {
        r["Name"]: {"requests": int(r["Request Count"]), "p50_ms": float(r["50%"]), "p99_ms": float(r["99%"])}
        for r in rows
        if r["Name"] != "Aggregated"
    }
    return {
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p99_ms": float(total["99%"]),
        "errors": int(total["Failure Count"]),
        "requests": int(total["Request Count"]),
        "endpoints": per_endpoint,
    }


def main(argv: list[str] | None = None) -> dict:
    """Build or reuse the dataset, start the server, run the load and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provisions", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument(
        "--pace", type=float, default=7.0, help="requests per second per client (0 = no wait)"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "palermo-bench-api")
    args = parser.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    info = build_dataset(args.data_dir, args.provisions)
    print(
        f"dataset: {info['provisions']} provisions, {len(info['jurisdictions'])} jurisdictions "
        f"(insert {info['insert_s']} s, index {info['index_s']} s)",
        flush=True,
    )
    ids_file = args.data_dir / "ids.json"
    ids_file.write_text(json.dumps({"provisions": info["ids"], "jurisdictions": info["jurisdictions"]}))
    load_before = os.getloadavg()[0]
    process, url = start_server(args.data_dir, args.workers, args.data_dir / "server.log")
    try:
        warm_up(url, info, args.workers)
        figures = run_locust(url, ids_file, args.users, args.duration, args.pace, args.data_dir)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
    for name, item in figures.pop("endpoints").items():
        print(f"{name}: {item['requests']} requests, p50 {item['p50_ms']} ms, p99 {item['p99_ms']} ms")
    result = {
        **figures,
        "provisions": info["provisions"],
        "users": args.users,
        "duration_s": args.duration,
        "pace_per_user": args.pace,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "loadavg_1m_before": round(load_before, 2),
        "loadavg_1m_after": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
