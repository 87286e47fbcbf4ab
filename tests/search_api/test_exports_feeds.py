"""Streamed exports (CSV / JSON / JSON Lines) and the Atom / JSON change feeds."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

from search_api.services.exports import ASSESSMENT_COLUMNS, GAP_COLUMNS
from search_api.services.search import SEARCH_EXPORT_COLUMNS
from tests.search_api.conftest import GBR_OFFENCE, assert_problem

ATOM = "{http://www.w3.org/2005/Atom}"


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.reader(io.StringIO(response.text)))


def test_search_export_csv_and_json(client):
    rows = _csv(client.get("/api/export/search", params={"q": "trafficking"}))
    assert tuple(rows[0]) == SEARCH_EXPORT_COLUMNS
    total = client.get("/api/search", params={"q": "trafficking"}).json()["total"]
    assert len(rows) - 1 == total
    assert GBR_OFFENCE in [r[0] for r in rows[1:]]
    items = client.get("/api/export/search", params={"q": "trafficking", "format": "json"}).json()
    assert [list(i) for i in items] == [list(SEARCH_EXPORT_COLUMNS)] * total
    everything = _csv(client.get("/api/export/search", params={"format": "csv"}))
    assert len(everything) - 1 == client.get("/api/search").json()["total"]


def test_search_export_limit(rw_settings):
    from fastapi.testclient import TestClient

    from search_api.app import create_app

    small = rw_settings.model_copy(update={"export_max_rows": 3})
    with TestClient(create_app(small)) as limited:
        body = assert_problem(limited.get("/api/export/search"), 400)
        assert "3 rows" in body["detail"]
        assert limited.get("/api/export/search", params={"jurisdiction": "ESP"}).status_code == 200


def test_assessment_export(client):
    rows = _csv(client.get("/api/export/jurisdictions/GBR/assessment"))
    assert tuple(rows[0]) == ASSESSMENT_COLUMNS
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    r1 = [r for r in records if r["requirement"] == "R1"]
    assert r1[0]["status"] == "found" and r1[0]["provision_id"] == GBR_OFFENCE
    assert any(r["status"] == "missing" and r["part"] == "means.abuse_of_vulnerability" for r in records)
    assert {r["requirement"] for r in records} == {f"R{i}" for i in range(1, 23)}
    data = client.get("/api/export/jurisdictions/GBR/assessment", params={"format": "json"}).json()
    assert len(data) == len(records) and list(data[0]) == list(ASSESSMENT_COLUMNS)
    assert_problem(client.get("/api/export/jurisdictions/XXX/assessment"), 404)


def test_compare_and_gap_exports(client):
    rows = _csv(client.get("/api/export/compare", params=[("j", "FRA"), ("j", "GBR")]))
    assert rows[0] == ["requirement", "label", "group", "obligation", "differs", "FRA", "GBR"]
    r17 = next(r for r in rows if r[0] == "R17")
    assert r17[5:] == ["not_found", "met"] and r17[4] == "true"
    gaps = _csv(client.get("/api/export/gaps", params={"requirement": "R17"}))
    assert tuple(gaps[0]) == GAP_COLUMNS and {r[0] for r in gaps[1:]} == {"CAN", "ESP", "FRA"}
    as_json = client.get("/api/export/gaps", params={"requirement": "R17", "format": "json"}).json()
    assert [r["iso3"] for r in as_json] == [r[0] for r in gaps[1:]]
    assert_problem(client.get("/api/export/gaps", params={"format": "xml", "requirement": "R1"}), 422)


def test_dataset_dump(client):
    response = client.get("/api/export/dataset")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines[0]["type"] == "meta"
    laws = [x for x in lines if x["type"] == "law"]
    provisions = [x for x in lines if x["type"] == "provision"]
    assert len(laws) == 4 and len(provisions) == 13
    offence = next(p for p in provisions if p["id"] == GBR_OFFENCE)
    assert any(t["element"] == "crim.offence" for t in offence["tags"])
    # each provision line follows its law line
    current_law = None
    for line in lines[1:]:
        if line["type"] == "law":
            current_law = line["id"]
        else:
            assert line["law_id"] == current_law


def test_atom_feed(client):
    response = client.get("/api/feeds/changes.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 7  # 5 law versions + 2 verdict changes
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(e.find(f"{ATOM}id").text for e in entries)
    can = ElementTree.fromstring(
        client.get("/api/feeds/changes.atom", params={"jurisdiction": "CAN"}).content
    )
    titles = [e.find(f"{ATOM}title").text for e in can.findall(f"{ATOM}entry")]
    assert len(titles) == 3 and all(t.startswith("CAN") for t in titles)
    assert_problem(client.get("/api/feeds/changes.atom", params={"jurisdiction": "XXX"}), 404)


def test_json_feed(client):
    body = client.get("/api/feeds/changes.json", params={"limit": 2}).json()
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert len(body["items"]) == 2
    assert body["items"][0]["_palermo"]["kind"] in ("law_version", "verdict")


def test_dataset_dump_applies_reviews(rw_client, tokens):
    headers = {"Authorization": f"Bearer {tokens['reviewer']}"}
    body = {"provision_id": GBR_OFFENCE, "element": "means.fraud", "action": "reject"}
    assert rw_client.post("/api/reviews", json=body, headers=headers).status_code == 201
    lines = [json.loads(line) for line in rw_client.get("/api/export/dataset").text.splitlines()]
    offence = next(x for x in lines if x.get("id") == GBR_OFFENCE)
    assert "means.fraud" not in {t["element"] for t in offence["tags"]}
    assert [r["action"] for r in offence["reviews"]] == ["reject"]
    other = next(x for x in lines if x.get("id", "").endswith("--part_1__sec_3"))
    assert "reviews" not in other and other["tags"]
