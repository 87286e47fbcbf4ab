"""Provisions, laws, jurisdictions, compare, gaps, taxonomy through HTTP."""

from __future__ import annotations

from tests.search_api.conftest import CAN_LAW, GBR_LAW, GBR_OFFENCE, assert_problem


def test_provision_detail(client):
    response = client.get(f"/api/provisions/{GBR_OFFENCE}")
    assert response.status_code == 200
    body = response.json()
    assert body["law_id"] == GBR_LAW and body["eid"] == "part_1__sec_1"
    assert body["citation"] == "Modern Slavery Act 2015, s. 1 (GBR), version of 2015-07-31"
    assert body["official_url"].startswith("https://www.legislation.gov.uk/")
    assert [h["eid"] for h in body["hierarchy"]] == ["part_1"]
    assert body["next"]["eid"] == "part_1__sec_2" and body["previous"]["eid"] == "part_1"
    tags = {t["element"]: t for t in body["tags"]}
    assert "crim.offence" in tags
    for tag in body["tags"]:
        assert body["text"][tag["start"] : tag["end"]] == tag["evidence"]
        assert 0 <= tag["confidence"] <= 1
    refs = body["cross_references"]
    assert refs[0]["target_id"] == f"{GBR_LAW}--part_1__sec_3"
    assert body["reviews"] == []


def test_provision_children_and_404(client):
    part = client.get(f"/api/provisions/{GBR_LAW}--part_1").json()
    assert [c["eid"] for c in part["children"]][:2] == ["part_1__sec_1", "part_1__sec_2"]
    assert_problem(client.get(f"/api/provisions/{GBR_LAW}--sec_999"), 404)
    assert_problem(client.get("/api/provisions/no-separator"), 404)


def test_laws_list_and_detail(client):
    body = client.get("/api/laws").json()
    assert body["total"] == 4
    assert [law["jurisdiction"] for law in body["results"]] == sorted(
        law["jurisdiction"] for law in body["results"]
    )
    gbr = client.get("/api/laws", params={"jurisdiction": "gbr"}).json()
    assert [law["id"] for law in gbr["results"]] == [GBR_LAW]
    assert client.get("/api/laws", params={"q": "pénal"}).json()["total"] == 1
    assert client.get("/api/laws", params={"q": "100%_"}).json()["total"] == 0
    assert_problem(client.get("/api/laws", params={"jurisdiction": "G1"}), 422)
    detail = client.get(f"/api/laws/{GBR_LAW}").json()
    assert detail["provisions"] == len(detail["toc"]) == 6
    assert detail["toc"][1]["level"] == 1 and detail["toc"][0]["level"] == 0
    assert "crim.offence" in detail["toc"][1]["elements"]
    assert_problem(client.get("/api/laws/unknown-law"), 404)


def test_law_versions_and_diff(client):
    versions = client.get(f"/api/laws/{CAN_LAW}/versions").json()
    assert [v["is_current"] for v in versions] == [False, True]
    diff = client.get(
        f"/api/laws/{CAN_LAW}/diff", params={"from": versions[0]["id"], "to": versions[1]["id"]}
    )
    assert diff.status_code == 200
    body = diff.json()
    assert [a["eid"] for a in body["added"]] == ["sec_279.04"]
    assert {c["eid"] for c in body["changed"]} == {"sec_279.01__subsec_1"}
    assert "+" in body["changed"][0]["diff"] and body["unchanged"] == 1
    by_date = client.get(
        f"/api/laws/{CAN_LAW}/diff", params={"from": "2020-01-01", "to": "2024-12-31"}
    ).json()
    assert by_date["from_version"]["id"] == versions[0]["id"]
    assert_problem(
        client.get(f"/api/laws/{CAN_LAW}/diff", params={"from": "1900-01-01", "to": "2024-12-31"}), 404
    )
    assert_problem(
        client.get(f"/api/laws/{CAN_LAW}/diff", params={"from": "2020-13-45", "to": "2024-12-31"}), 400
    )
    assert_problem(client.get(f"/api/laws/{CAN_LAW}/diff", params={"from": "yesterday", "to": "1"}), 422)
    assert_problem(client.get(f"/api/laws/{CAN_LAW}/diff", params={"to": "1"}), 422)


def test_jurisdictions(client):
    items = client.get("/api/jurisdictions").json()
    assert [j["iso3"] for j in items] == ["CAN", "ESP", "FRA", "GBR"]
    gbr = next(j for j in items if j["iso3"] == "GBR")
    assert gbr["laws"] == 1 and gbr["provisions"] == 6 and gbr["tagged_provisions"] == 5
    assert gbr["scores"]["mandatory"]["total"] > 0
    detail = client.get("/api/jurisdictions/gbr").json()
    assert detail["iso3"] == "GBR" and detail["law_list"][0]["id"] == GBR_LAW
    assert detail["elements"]["crim.offence"] == 1
    assert_problem(client.get("/api/jurisdictions/ZZZ"), 404)
    assert_problem(client.get("/api/jurisdictions/Z1Z"), 422)


def test_assessment_spine_and_as_of(client):
    body = client.get("/api/jurisdictions/GBR/assessment").json()
    assert body["jurisdiction"] == "GBR"
    verdicts = {r["id"]: r for r in body["requirements"]}
    assert {"id", "verdict", "found", "missing"} <= set(verdicts["R1"])
    assert verdicts["R1"]["verdict"] == "met"
    assert verdicts["R1"]["found"][0]["provisions"][0]["provision_id"] == GBR_OFFENCE
    assert (
        verdicts["R3"]["verdict"] == "partial" and "means.abuse_of_vulnerability" in verdicts["R3"]["missing"]
    )
    now = {
        r["id"]: r["verdict"] for r in client.get("/api/jurisdictions/CAN/assessment").json()["requirements"]
    }
    before = client.get("/api/jurisdictions/CAN/assessment", params={"as_of": "2020-01-01"}).json()
    assert now["R5"] == "met" and {r["id"]: r["verdict"] for r in before["requirements"]}["R5"] == "not_found"
    assert_problem(client.get("/api/jurisdictions/CAN/assessment", params={"as_of": "soon"}), 422)


def test_changes_of_a_jurisdiction(client):
    body = client.get("/api/jurisdictions/CAN/changes").json()
    kinds = [(e["kind"], e.get("requirement")) for e in body["entries"]]
    assert ("verdict", "R5") in kinds and kinds.count(("law_version", None)) == 2
    assert [e["at"] for e in body["entries"]] == sorted((e["at"] for e in body["entries"]), reverse=True)


def test_compare_and_limits(client, fixture_settings):
    body = client.get("/api/compare", params=[("j", "GBR"), ("j", "FRA")]).json()
    assert [j["iso3"] for j in body["jurisdictions"]] == ["GBR", "FRA"]
    r17 = next(r for r in body["rows"] if r["requirement"] == "R17")
    assert r17["cells"]["GBR"]["verdict"] == "met" and r17["cells"]["FRA"]["verdict"] == "not_found"
    assert r17["differs"] is True
    assert_problem(client.get("/api/compare", params={"j": "GBR"}), 400)
    many = [("j", f"{chr(65 + i // 26)}{chr(65 + i % 26)}A") for i in range(fixture_settings.compare_max + 1)]
    assert "2 to 20" in assert_problem(client.get("/api/compare", params=many), 400)["detail"]
    assert_problem(client.get("/api/compare", params=[("j", "GBR"), ("j", "XXX")]), 404)
    assert_problem(client.get("/api/compare"), 422)


def test_gaps(client):
    rows = client.get("/api/gaps", params={"requirement": "R17"}).json()
    assert {r["iso3"] for r in rows} == {"CAN", "ESP", "FRA"}
    assert all(r["verdict"] in ("partial", "not_found") and r["missing"] for r in rows)
    europe = client.get("/api/gaps", params={"requirement": "R17", "region": "Western Europe"}).json()
    assert {r["iso3"] for r in europe} == {"FRA"}
    assert_problem(client.get("/api/gaps"), 400)
    assert_problem(client.get("/api/gaps", params={"requirement": "R99"}), 400)
    assert_problem(client.get("/api/gaps", params={"requirement": "17"}), 422)


def test_taxonomy(client):
    elements = client.get("/api/elements").json()
    assert len(elements) == 72 and len({e["id"] for e in elements}) == 72
    assert {e["group"] for e in client.get("/api/elements", params={"group": "prot"}).json()} == {"prot"}
    requirements = client.get("/api/requirements").json()
    assert [r["id"] for r in requirements] == [f"R{i}" for i in range(1, 23)]
    assert requirements[0]["parts"] == ["crim.offence"]


def test_list_filters(client):
    europe = client.get("/api/jurisdictions", params={"region": "Western Europe", "scores": False}).json()
    assert [j["iso3"] for j in europe] == ["FRA"] and europe[0]["scores"] is None
    assert client.get("/api/laws", params={"in_force": False}).json()["total"] == 0
    assert client.get("/api/laws", params={"in_force": True}).json()["total"] == 4
    page = client.get("/api/laws", params={"page": 2, "page_size": 3}).json()
    assert page["total"] == 4 and len(page["results"]) == 1
    assert_problem(client.get("/api/laws", params={"page_size": 101}), 422)


def test_rejected_tag_is_not_shown_as_evidence(rw_client, tokens):
    headers = {"Authorization": f"Bearer {tokens['reviewer']}"}
    body = {"provision_id": GBR_OFFENCE, "element": "means.fraud", "action": "reject", "note": "no means"}
    assert rw_client.post("/api/reviews", json=body, headers=headers).status_code == 201
    detail = rw_client.get(f"/api/provisions/{GBR_OFFENCE}").json()
    assert "means.fraud" not in {t["element"] for t in detail["tags"]}
    assert [r["action"] for r in detail["reviews"]] == ["reject"]
    verdicts = {r["id"]: r for r in rw_client.get("/api/jurisdictions/GBR/assessment").json()["requirements"]}
    assert "means.fraud" in verdicts["R3"]["missing"]
