"""Risk over the API: scope, levels, factor view, explanation, baseline."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi.testclient import TestClient

from tests.conftest import auth
from tests.factories import report_payload

AS_OF = date(2024, 11, 20)  # Pilkada 2024 campaign, H-7


def _violent(day_offset: int, kabupaten: str = "81.02") -> dict:
    when = datetime.combine(AS_OF - timedelta(days=day_offset), datetime.min.time()).replace(hour=10)
    return report_payload(
        kabupaten_kode=kabupaten,
        occurred_at=when.isoformat(),
        category="bentrokan",
        severity=5,
        title=f"Bentrokan antar pendukung hari -{day_offset}",
    )


def test_quiet_kabupaten_are_rendah_with_calendar(client: TestClient, make_token) -> None:
    response = client.get(
        "/api/v1/risk", params={"as_of": AS_OF.isoformat()}, headers=auth(make_token("admin"))
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 514
    assert {i["level"] for i in body["items"]} == {"rendah"}
    by_kode = {i["kabupaten_kode"]: i for i in body["items"]}
    assert by_kode["81.02"]["stage"] == "kampanye"
    assert by_kode["81.02"]["days_to_election"] == 7
    assert by_kode["31.71"]["stage"] == "kampanye"  # DKI holds the gubernur election
    assert by_kode["34.71"]["stage"] == "kampanye"  # DIY holds the walikota election
    assert body["params_hash"] == by_kode["81.02"]["params_hash"]


def test_severe_violence_at_end_of_campaign_is_tinggi(client: TestClient, make_token) -> None:
    officer, admin = make_token("officer", kabupaten="81.02"), make_token("admin")
    for offset in (0, 1, 1, 2):
        assert client.post("/api/v1/reports", json=_violent(offset), headers=auth(officer)).status_code == 201
    items = client.get("/api/v1/risk", params={"as_of": AS_OF.isoformat()}, headers=auth(admin)).json()[
        "items"
    ]
    by_kode = {i["kabupaten_kode"]: i for i in items}
    assert by_kode["81.02"]["level"] == "tinggi"
    assert by_kode["81.02"]["reports_7d"] == 4
    assert by_kode["81.02"]["surge"] is True
    assert by_kode["81.72"]["level"] == "rendah"  # a neighbour's reports don't leak
    factor_view = client.get(
        "/api/v1/risk",
        params={"as_of": AS_OF.isoformat(), "factor": "kekerasan", "provinsi": "81"},
        headers=auth(admin),
    ).json()["items"]
    row = next(i for i in factor_view if i["kabupaten_kode"] == "81.02")
    assert row["value"] == row["factor_scores"]["kekerasan"] > 0
    assert row["factor_scores"]["isu"] == 0


def test_detail_explains_with_top_reports(client: TestClient, make_token) -> None:
    officer = make_token("officer", kabupaten="81.02")
    sent = [_violent(o) for o in (0, 3)]
    for payload in sent:
        client.post("/api/v1/reports", json=payload, headers=auth(officer))
    detail = client.get(
        "/api/v1/risk/8102", params={"as_of": AS_OF.isoformat()}, headers=auth(officer)
    ).json()
    contributions = detail["contributions"]
    assert [c["id"] for c in contributions] == [sent[0]["id"], sent[1]["id"]]  # the newer weighs more
    assert contributions[0]["share"] > contributions[1]["share"] > 0
    assert abs(sum(c["share"] for c in contributions) - 1) < 0.01


def test_rejected_reports_count_for_nothing(client: TestClient, make_token) -> None:
    officer, analyst = make_token("officer", kabupaten="81.02"), make_token("analyst", provinsi="81")
    payload = _violent(0)
    client.post("/api/v1/reports", json=payload, headers=auth(officer))
    before = client.get(
        "/api/v1/risk/81.02", params={"as_of": AS_OF.isoformat()}, headers=auth(analyst)
    ).json()
    client.patch(
        f"/api/v1/reports/{payload['id']}",
        json={"status": "ditolak", "note": "Bukan kejadian pemilu"},
        headers=auth(analyst),
    )
    after = client.get(
        "/api/v1/risk/81.02", params={"as_of": AS_OF.isoformat()}, headers=auth(analyst)
    ).json()
    assert before["score"] > 0 and after["score"] == 0
    assert after["contributions"] == []


def test_scope_of_risk(client: TestClient, make_token) -> None:
    analyst, officer = make_token("analyst", provinsi="81"), make_token("officer", kabupaten="81.02")
    items = client.get("/api/v1/risk", headers=auth(analyst)).json()["items"]
    assert items and {i["kode_prov"] for i in items} == {"81"}
    assert [
        i["kabupaten_kode"] for i in client.get("/api/v1/risk", headers=auth(officer)).json()["items"]
    ] == ["81.02"]
    assert client.get("/api/v1/risk/64.01", headers=auth(analyst)).status_code == 404
    assert client.get("/api/v1/risk/81.72", headers=auth(officer)).status_code == 404


def test_baseline_import_is_all_or_nothing(client: TestClient, make_token) -> None:
    admin = make_token("admin")
    bad = "kode,score,source\n81.02,55.5,IKP 2024\n99.99,10,IKP 2024\n81.72,abc,IKP 2024\n"
    response = client.post(
        "/api/v1/risk/baseline", content=bad, headers={**auth(admin), "Content-Type": "text/csv"}
    )
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["detail"]]
    assert any("row 4" in f for f in fields)
    assert client.get("/api/v1/risk/baseline", headers=auth(admin)).json() == []
    good = "kode,score,source\n8102,55.5,IKP 2024\n81.72,20,IKP 2024\n"
    stored = client.post(
        "/api/v1/risk/baseline", content=good, headers={**auth(admin), "Content-Type": "text/csv"}
    )
    assert stored.json() == {"imported": 2}
    detail = client.get("/api/v1/risk/81.02", params={"as_of": AS_OF.isoformat()}, headers=auth(admin)).json()
    assert detail["baseline"] == 55.5
    assert detail["score"] == detail["dynamic_score"] == 0  # default blend weight is 0
    assert (
        client.post(
            "/api/v1/risk/baseline",
            content=good,
            headers={**auth(make_token("analyst")), "Content-Type": "text/csv"},
        ).status_code
        == 403
    )


def test_baseline_with_stray_carriage_returns_is_422_not_500(client: TestClient, make_token) -> None:
    response = client.post(
        "/api/v1/risk/baseline",
        content='kode,score,source\r81.02,40,"IKP\r2024"\r\r0',
        headers={**auth(make_token("admin")), "Content-Type": "text/csv"},
    )
    assert response.status_code == 422
    assert client.get("/api/v1/risk/baseline", headers=auth(make_token("admin"))).json() == []
