"""Issue 9 item 17: calls and e-mails are logged for when they happened (`occurred_at`, never in the
future), instants take any RFC 3339 offset and are kept in UTC, and "overdue" follows the
organization's time zone (an IANA name in the settings)."""
import datetime
import urllib.parse
import zoneinfo

from remittance_support import fresh_org


def open_case(client, name):
    payer = client.post("/v1/payers", {"name": f"{name} Payer"})[1]
    claim = client.post("/v1/claims", {"claim_number": f"{name}-1", "payer_id": payer["id"], "billed_cents": 100,
                                       "expected_cents": 100})[1]
    status, case, _ = client.post("/v1/cases", {"claims": [{"claim_id": claim["id"]}], "subject": "other"})
    assert status == 201, case
    return case


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def test_a_call_is_logged_for_when_it_happened_and_sorts_there(server):
    client, _ = fresh_org(server, "Occurred")
    case = open_case(client, "OCC")
    path = f"/v1/cases/{case['id']}/activities"
    status, note, _ = client.post(path, {"kind": "note", "subject": "logged first"})
    assert status == 201 and note["occurred_at"] == note["created_at"]
    yesterday = utc_now() - datetime.timedelta(days=1)
    local = yesterday.astimezone(datetime.timezone(datetime.timedelta(hours=-5))).isoformat()   # ...-05:00
    status, call, _ = client.post(path, {"kind": "phone_call", "direction": "outbound", "subject": "called payer",
                                         "occurred_at": local})
    assert status == 201, call
    assert call["occurred_at"] == yesterday.strftime("%Y-%m-%dT%H:%M:%SZ")          # stored and shown in UTC
    assert call["created_at"] >= note["created_at"]
    # Newest first by when it happened: the call logged later sorts below the note, page after page.
    timeline = [a["id"] for a in client.all_pages(path, limit=1) if a["kind"] != "system"]
    assert timeline == [note["id"], call["id"]]
    status, body, _ = client.get("/v1/cases/00000000-0000-0000-0000-000000000000/activities?cursor=bm9wZQ")
    assert status == 400 and [e["parameter"] for e in body["errors"]] == ["cursor"]   # the bad cursor before the missing case

    future = (utc_now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, body, _ = client.post(path, {"kind": "email", "direction": "inbound", "subject": "s", "occurred_at": future})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/occurred_at"]
    status, body, _ = client.post(path, {"kind": "note", "subject": "s", "occurred_at": local})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/occurred_at"]
    status, body, _ = client.post(path, {"kind": "phone_call", "direction": "inbound", "subject": "s", "occurred_at": "yesterday"})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/occurred_at"]

    # A wrong time is corrected, and audited; not into the future, and not on a task.
    status, moved, _ = client.patch(f"/v1/activities/{call['id']}", {"occurred_at": "2026-01-05T09:30:00+01:00"})
    assert status == 200 and moved["occurred_at"] == "2026-01-05T08:30:00Z"
    status, body, _ = client.patch(f"/v1/activities/{call['id']}", {"occurred_at": future})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/occurred_at"]
    status, task, _ = client.post(path, {"kind": "task", "subject": "t"})
    status, body, _ = client.patch(f"/v1/activities/{task['id']}", {"occurred_at": "2026-01-05T09:30:00Z"})
    assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/occurred_at"]
    events = client.all_pages(f"/v1/audit?entity_type=activity&entity_id={call['id']}")
    assert any("occurred_at" in (e.get("changes") or {}) for e in events), events


def test_instants_take_any_offset_and_are_kept_in_utc(server):
    client, _ = fresh_org(server, "Offsets")
    case = open_case(client, "OFS")
    status, appointment, _ = client.post(f"/v1/cases/{case['id']}/activities", {
        "kind": "appointment", "subject": "payer call-back",
        "starts_at": "2026-12-10T09:00:00-08:00", "ends_at": "2026-12-10t18:30:00.250+01:00"})
    assert status == 201, appointment
    assert (appointment["starts_at"], appointment["ends_at"]) == ("2026-12-10T17:00:00Z", "2026-12-10T17:30:00Z")
    since = urllib.parse.quote("2000-01-01T05:00:00+05:00")
    assert client.get(f"/v1/audit?from={since}")[0] == 200
    status, body, _ = client.get("/v1/audit?from=2000-01-01T05:00:00%2B25:00")
    assert status == 400 and [e["parameter"] for e in body["errors"]] == ["from"]


def test_overdue_follows_the_organizations_time_zone(server):
    client, ids = fresh_org(server, "Zone")
    assert client.get("/v1/settings")[1]["time_zone"] == "UTC"
    for bad in ("Mars/Olympus_Mons", "EST5EDT-ish", "utc ", "", "GMT+5", "../zoneinfo/UTC", "America/../UTC", "zone.tab"):
        status, body, _ = client.patch("/v1/settings", {"time_zone": bad})
        assert status == 422 and [e["pointer"] for e in body["errors"]] == ["/time_zone"], bad
    status, body, _ = client.patch("/v1/settings", {"time_zone": "X" * 100_000})
    assert status == 422 and len(body["errors"][0]["detail"]) < 200          # the value is not echoed whole
    for link in ("US/Eastern", "EST5EDT", "Etc/GMT+5"):                          # tz database links and legacy zones
        status, settings, _ = client.patch("/v1/settings", {"time_zone": link})
        assert status == 200 and settings["time_zone"] == link, settings
    case = open_case(client, "TZ")
    # UTC+14 and UTC-11: at any moment at least one of them is on another calendar day than UTC.
    differs = 0
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):
        status, settings, _ = client.patch("/v1/settings", {"time_zone": zone})
        assert status == 200 and settings["time_zone"] == zone
        for _ in range(2):          # a calendar day may turn between reading it and asking: ask again
            today = datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()
            utc_today = utc_now().date()
            follow_up = min(today, utc_today)          # overdue only where that zone is already a day ahead
            assert client.patch(f"/v1/cases/{case['id']}", {"follow_up_by": follow_up.isoformat()})[0] == 200
            row = next(r for r in client.all_pages("/v1/cases?view=all") if r["id"] == case["id"])
            overdue_ids = {r["id"] for r in client.all_pages("/v1/cases?view=all&overdue=true")}
            if datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date() == today:
                break
        assert row["overdue"] == (follow_up < today), (zone, row)
        assert (case["id"] in overdue_ids) == (follow_up < today), zone
        differs += today != utc_today
    assert differs >= 1
    events = client.all_pages("/v1/audit?entity_type=organization")
    assert any("time_zone" in (e.get("changes") or {}) for e in events)
