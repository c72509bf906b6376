"""Issue 9 item 12: the CARC and RARC lists ship with Casework, load into the database, are served at
/v1/codes/carc and /v1/codes/rarc, are replaced whole by `casework codes import FILE`, and CARCs a
client sends are checked against them (unknown or retired: 422 naming the code, unless overridden)."""
import subprocess

from conftest import Client, Server
from remittance_support import fresh_org

SHIPPED = "Sources/CaseworkStorage/CodeLists"


def shipped_codes(name):
    lines = [l for l in open(f"{SHIPPED}/{name}.tsv", encoding="utf-8").read().splitlines() if l and not l.startswith("#")]
    return {row.split("\t")[0]: row.split("\t")[1] for row in lines[1:]}


def test_the_shipped_lists_are_served_with_their_source(server):
    client, _ = fresh_org(server, "Codes")
    for name in ("carc", "rarc"):
        status, body, _ = client.get(f"/v1/codes/{name}")
        assert status == 200 and body["list"] == name and "x12.org" in body["source"] and body["date"]
        assert {e["code"]: e["description"] for e in body["items"]} == shipped_codes(name)
        assert all(e["retired"] is False for e in body["items"])
    carc = [e["code"] for e in client.get("/v1/codes/carc")[1]["items"]]
    assert carc.index("2") < carc.index("16") < carc.index("253") < carc.index("A1")      # numbers by value, then letters
    assert client.get("/v1/codes/hcpcs")[0] == 404
    assert client.request("GET", "/v1/codes/carc", token=None)[0] == 401


def test_unlisted_carcs_are_refused_by_name_unless_overridden(server):
    client, _ = fresh_org(server, "Code check")
    payer = client.post("/v1/payers", {"name": "Code Payer"})[1]
    claim = client.post("/v1/claims", {"claim_number": "CC-1", "payer_id": payer["id"], "billed_cents": 100, "expected_cents": 100})[1]
    body = {"claims": [{"claim_id": claim["id"]}], "subject": "other", "carc_codes": ["CO-45", "CO-ZZ9", "PR-1", "OA-777"]}
    status, problem, _ = client.post("/v1/cases", body)
    assert status == 422
    assert [(e["pointer"], e["detail"].split(" ")[0]) for e in problem["errors"]] == [("/carc_codes/1", "CO-ZZ9"), ("/carc_codes/3", "OA-777")]
    assert client.all_pages("/v1/cases") == []                       # nothing was written
    status, problem, _ = client.post("/v1/cases", dict(body, subject=" ", carc_codes=["CO-ZZ9", "45"]))
    assert status == 422                                             # bad format and unlisted codes in one answer
    assert sorted(e["pointer"] for e in problem["errors"]) == ["/carc_codes/0", "/carc_codes/1", "/subject"]
    status, problem, _ = client.post("/v1/cases", dict(body, subject="no such subject", carc_codes=["CO-ZZ9", "45"]))
    assert status == 422                                             # an unknown subject is listed with them too
    assert sorted(e["pointer"] for e in problem["errors"]) == ["/carc_codes/0", "/carc_codes/1", "/subject"]
    status, case, _ = client.post("/v1/cases?allow_unlisted_codes=true", body)
    assert status == 201 and sorted(case["carc_codes"]) == ["CO-45", "CO-ZZ9", "OA-777", "PR-1"]
    carc = shipped_codes("carc")
    expected = {"CO-45": {"code": "CO-45", "group_description": "Contractual Obligations", "description": carc["45"]},
                "CO-ZZ9": {"code": "CO-ZZ9", "group_description": "Contractual Obligations", "description": None},
                "OA-777": {"code": "OA-777", "group_description": "Other Adjustments", "description": None},
                "PR-1": {"code": "PR-1", "group_description": "Patient Responsibility", "description": carc["1"]}}
    assert case["carcs"] == [expected[code] for code in case["carc_codes"]]
    [row] = client.all_pages("/v1/cases?view=all")                   # work-list rows show the meanings too
    assert row["carcs"] == case["carcs"]
    status, problem, _ = client.patch(f"/v1/cases/{case['id']}", {"carc_codes": ["CO-45", "PI-X1"]})
    assert status == 422 and [e["pointer"] for e in problem["errors"]] == ["/carc_codes/1"]
    status, again, _ = client.patch(f"/v1/cases/{case['id']}", {"carc_codes": ["OA-777", "CO-45", "CO-ZZ9"]})
    assert status == 200 and sorted(again["carc_codes"]) == ["CO-45", "CO-ZZ9", "OA-777"]   # codes it holds stay allowed
    status, problem, _ = client.patch("/v1/cases/00000000-0000-0000-0000-000000000000", {"carc_codes": ["CO-ZZ8"]})
    assert status == 404                                              # a missing case is missing, whatever the codes
    claim_body = {"claim_number": "CC-2", "payer_id": payer["id"], "billed_cents": 100, "expected_cents": 100,
                  "adjustment_carc_codes": ["CO-45", "CO-ZZ7"]}
    status, problem, _ = client.post("/v1/claims", claim_body)
    assert status == 422 and [e["pointer"] for e in problem["errors"]] == ["/adjustment_carc_codes/1"]
    assert "CO-ZZ7" in problem["errors"][0]["detail"]
    assert [c["claim_number"] for c in client.all_pages("/v1/claims")] == ["CC-1"]
    assert client.post("/v1/claims?allow_unlisted_codes=true", claim_body)[0] == 201
    assert client.post("/v1/cases?allow_unlisted_codes=maybe", body)[0] == 400
    assert client.post("/v1/cases?allow_unlisted_codes=maybe", {"claims": "wrong type"})[0] == 400      # whatever the body
    assert client.post("/v1/cases?allow_unlisted_codes=true&allow_unlisted_codes=false", body)[0] == 400
    status, problem, _ = client.post("/v1/rules", {"name": "r", "carc_code": "CO-ZZ9", "action": "open_case"})
    assert status == 422 and [e["pointer"] for e in problem["errors"]] == ["/carc_code"]
    status, problem, _ = client.request("PUT", "/v1/denial-categories/ZZ9", {"subject": "other"})
    assert status == 422 and [e["parameter"] for e in problem["errors"]] == ["carc"]
    assert problem["errors"][0]["detail"].startswith("ZZ9 is not in the CARC list")          # a reason code, no group
    assert client.request("PUT", "/v1/denial-categories/ZZ9?allow_unlisted_codes=true", {"subject": "other"})[0] == 200


def test_codes_import_replaces_a_list_whole_and_retired_codes_are_refused(tmp_path):
    server = Server(str(tmp_path))
    server.cli("users", "add", *server.db_args, "--org", "Import", "--email", "ivy@era.test", "--name", "Ivy Admin")
    token = server.cli("tokens", "create", *server.db_args, "--org", "Import", "--email", "ivy@era.test")
    bad = tmp_path / "bad.tsv"
    bad.write_text("# list: carc\n# source: test\ncode\tdescription\tstarts_on\tstops_on\n45\tFee schedule.\t\t\n"
                   "45\tAgain.\t\t\nB!\tx\t\t\n50\tNot necessary.\t2026-02-30\t\n")
    out = subprocess.run([server.bin, "codes", "import", *server.db_args, str(bad)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "Usage" not in out.stderr                  # a bad file, not a bad command line
    for problem in ("line 5: code 45 is listed twice", "line 6: \"B!\" is not a code", "line 7: starts_on \"2026-02-30\"", "# date: ...\" (as of when) is required"):
        assert problem in out.stderr, (problem, out.stderr)
    good = tmp_path / "carc.tsv"
    good.write_text("# list: carc\n# source: Test list\n# date: 2026-11-01\ncode\tdescription\tstarts_on\tstops_on\n"
                    "45\tFee schedule.\t\t\n42\tOld fee schedule.\t1995-01-01\t2008-06-30\n301\tFrom next year.\t2999-01-01\t\n")
    assert server.cli("codes", "import", *server.db_args, str(good)) == "imported 3 CARC codes (Test list; 2026-11-01)"
    server.start()
    try:
        client = Client(server.port, token)
        body = client.get("/v1/codes/carc")[1]
        assert (body["source"], body["date"]) == ("Test list", "2026-11-01")
        assert [(e["code"], e["stops_on"], e["retired"]) for e in body["items"]] == [("42", "2008-06-30", True), ("45", None, False),
                                                                                   ("301", None, False)]
        assert len(client.get("/v1/codes/rarc")[1]["items"]) == len(shipped_codes("rarc"))     # the other list is untouched
        payer = client.post("/v1/payers", {"name": "P"})[1]
        claim = client.post("/v1/claims", {"claim_number": "I-1", "payer_id": payer["id"], "billed_cents": 1, "expected_cents": 1})[1]
        case = {"claims": [{"claim_id": claim["id"]}], "subject": "other", "carc_codes": ["CO-42", "CO-16"]}
        status, problem, _ = client.post("/v1/cases", case)
        assert status == 422
        assert [e["detail"] for e in problem["errors"]][0].startswith("CO-42 was retired")
        assert [e["pointer"] for e in problem["errors"]] == ["/carc_codes/0", "/carc_codes/1"]    # 16 is not in this list
        status, problem, _ = client.post("/v1/cases", dict(case, carc_codes=["CO-301"]))
        assert status == 422 and problem["errors"][0]["detail"].startswith("CO-301 is not in use yet: CARC 301 starts on 2999-01-01")
        assert client.post("/v1/cases?allow_unlisted_codes=true", case)[0] == 201
    finally:
        server.stop()
