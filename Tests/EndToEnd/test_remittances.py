"""X12 835 files in, claims and denials out (issue 8): every shared file posts, repeats post once,
concurrency, reversals, bad input refused whole, PHI kept out of answers' logs."""
import concurrent.futures
import gzip
import http.client
import socket

import x12_builder as x12
from remittance_support import era_files, fresh_org, post_835, snapshot


def test_every_shared_file_posts_and_posting_again_changes_nothing(server):
    client, _ = fresh_org(server, "Post all")
    first = {}
    for path in era_files():
        status, body, _ = post_835(client, path.read_bytes())
        assert status == 201, (path.name, status, body)
        assert body["payments"] and not any(p["duplicate"] for p in body["payments"]), path.name
        first[path.name] = body
    before = snapshot(client)
    assert len(before["payments"]) == sum(len(b["payments"]) for b in first.values())
    for path in era_files():
        status, body, _ = post_835(client, path.read_bytes())
        assert status == 200, (path.name, status, body)
        assert all(p["duplicate"] for p in body["payments"])
        # The earlier answer, payment by payment.
        assert [p["remittance_id"] for p in body["payments"]] == [p["remittance_id"] for p in first[path.name]["payments"]]
        assert [p["denials"] for p in body["payments"]] == [p["denials"] for p in first[path.name]["payments"]]
    assert snapshot(client) == before


def test_same_payment_reformatted_in_another_file_is_a_duplicate(server):
    client, _ = fresh_org(server, "Reformat")
    claims = [x12.claim_with_paid("RF-1", 9000, cas=[("CO", "45", 1000)])]
    status, body, _ = post_835(client, x12.file(claims, trace="RF-T"))
    assert status == 201
    # Other delimiters, line breaks between segments, other envelope control numbers: the same payment.
    other = x12.interchange([x12.payment(claims, trace="RF-T", control="7777")], control="000000099",
                            element="|", component=">", terminator="~\r\n")
    status, again, _ = post_835(client, other)
    assert status == 200, again
    assert again["payments"][0]["duplicate"] is True
    assert again["payments"][0]["remittance_id"] == body["payments"][0]["remittance_id"]
    # One trace number reused with other content: two payments, with a warning.
    changed = [x12.claim_with_paid("RF-1", 9500, cas=[("CO", "45", 500)])]
    status, third, _ = post_835(client, x12.file(changed, trace="RF-T"))
    assert status == 201
    assert any("Trace number RF-T" in w for w in third["payments"][0]["warnings"])
    assert len(client.all_pages("/v1/remittances?trace_number=RF-T")) == 2


def test_ten_concurrent_posts_of_one_file_post_it_once(server):
    client, _ = fresh_org(server, "Concurrent")
    data = x12.file([x12.claim_with_paid(f"CC-{i}", 0, cas=[("CO", "16", 10000)]) for i in range(20)], trace="CC-T")
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        results = list(pool.map(lambda _: post_835(client, data), range(10)))
    statuses = sorted(r[0] for r in results)
    assert statuses == [200] * 9 + [201], statuses
    ids = {r[1]["payments"][0]["remittance_id"] for r in results}
    assert len(ids) == 1
    assert len(client.all_pages("/v1/remittances")) == 1
    claims = client.all_pages("/v1/claims")
    assert len(claims) == 20 and all(c["paid_cents"] == 0 and c["denial_carc_codes"] == ["CO-16"] for c in claims)
    status, claim, _ = client.get(f"/v1/claims/{claims[0]['id']}")
    assert len(claim["remittances"]) == 1


def test_reversal_and_corrected_payment_net_to_the_corrected_amounts(server):
    """A real claim of managed-care.835 (CLP 5554555444: charge 800.00, paid 450.00, patient 300.00,
    CO-A2 50.00, PR-1 300.00), then the payer reverses it and pays a corrected amount."""
    client, _ = fresh_org(server, "Reversal")
    original = next(p for p in era_files() if p.name == "managed-care.835").read_bytes()
    assert post_835(client, original)[0] == 201
    claim = client.all_pages("/v1/claims?claim_number=5554555444")[0]
    assert (claim["billed_cents"], claim["paid_cents"], claim["cost_share_cents"], claim["expected_cents"]) == (80000, 45000, 30000, 75000)
    patient = ("BUDD", "WILLIAM", "33344555510")
    reversal = x12.claim("5554555444", status="22", charge=-80000, paid=-45000, patient_resp=-30000,
                         cas=[("CO", "A2", -5000), ("PR", "1", -30000)], payer_claim="94060555410000", patient=patient)
    corrected = x12.claim("5554555444", status="1", charge=80000, paid=60000, patient_resp=15000,
                          cas=[("CO", "A2", 5000), ("PR", "1", 15000)], payer_claim="94060555410001", patient=patient)
    data = x12.interchange([x12.payment([(reversal, -45000), (corrected, 60000)], trace="REV-1", payer=("RUSHMORE LIFE", ""))])
    status, body, _ = post_835(client, data)
    assert status == 201, body
    assert body["payments"][0]["reversals"] == 1 and body["payments"][0]["claims_matched"] == 1
    status, after, _ = client.get(f"/v1/claims/{claim['id']}")
    assert (after["paid_cents"], after["cost_share_cents"], after["expected_cents"]) == (60000, 15000, 75000)
    assert after["outstanding_cents"] == 0 and after["denial"] is None
    assert [r["status_code"] for r in after["remittances"]] == ["1", "22", "1"]
    assert sum(r["paid_cents"] for r in after["remittances"]) == 60000


def test_claim_shows_its_remittance_history_and_why_it_was_denied(server):
    client, _ = fresh_org(server, "Why denied")
    segs = x12.claim("WD-1", charge=30000, paid=10000, cas=[("CO", "45", 5000)],
                     lines=[("99213", 15000, 10000, [("CO", "45", 5000)]), ("93000", 15000, 0, [("CO", "50", 15000)])])
    segs.insert(-4, "MOA***MA130*N20")
    segs += ["LQ*HE*M15", "LQ*HE*N20"]                      # line-level remarks count too, each code once
    assert post_835(client, x12.file([(segs, 10000)], trace="WD-T"))[0] == 201
    claim = client.all_pages("/v1/claims?claim_number=WD-1")[0]
    status, detail, _ = client.get(f"/v1/claims/{claim['id']}")
    assert status == 200
    carc = {c["code"]: c["description"] for c in client.get("/v1/codes/carc")[1]["items"]}
    rarc = {c["code"]: c["description"] for c in client.get("/v1/codes/rarc")[1]["items"]}
    assert carc["50"].startswith("Non-covered") and rarc["MA130"] and rarc["N20"]
    remarks = [{"code": "MA130", "description": rarc["MA130"]}, {"code": "N20", "description": rarc["N20"]}]
    assert detail["denial"] == {"kind": "denial", "amount_cents": 15000, "category": "medical necessity",
                                "reasons": [{"carc_code": "CO-50", "description": carc["50"], "amount_cents": 15000,
                                             "category": "medical necessity"}],
                                "remark_codes": ["MA130", "N20", "M15"],
                                "remarks": remarks + [{"code": "M15", "description": rarc["M15"]}]}
    # Issue 9 item 13: each adjustment with group, code, description, amount and level; remarks with
    # their descriptions; the status code with its meaning; the payment date.
    [remit] = detail["remittances"]
    assert (remit["status_code"], remit["status"]) == ("1", "Processed as primary") and remit["paid_on"]
    assert remit["remarks"] == remarks
    assert remit["adjustments"] == [{"carc_code": "CO-45", "group": "CO", "group_description": "Contractual Obligations",
                                     "reason": "45", "description": carc["45"], "amount_cents": 5000, "level": "claim",
                                     "line_number": None}]
    assert [(l["procedure"], l["charge_cents"], l["paid_cents"], [(a["carc_code"], a["description"], a["level"]) for a in l["adjustments"]])
            for l in remit["service_lines"]] == [("HC:99213", 15000, 10000, [("CO-45", carc["45"], "line")]),
                                                 ("HC:93000", 15000, 0, [("CO-50", carc["50"], "line")])]
    status, payment, _ = client.get(f"/v1/remittances/{remit['remittance_id']}")
    assert status == 200 and payment["trace_number"] == "WD-T" and payment["claims"][0]["claim_number"] == "WD-1"


BAD_INPUTS = {
    "truncated file": lambda good: good[: len(good) // 2],
    "ISA of the wrong length": lambda good: good.replace(b"*ZZ*PAYERSENDER    *", b"*ZZ*PAYERSENDER*", 1),
    "undeclared delimiter": lambda good: good.replace(b"~CLP*", b"~CLP|", 1),
    "non-numeric amount": lambda good: good.replace(b"*100.00*0.00*", b"*100.00*1O.00*", 1),
    "wrong SE count": lambda good: good.replace(b"~SE*13*", b"~SE*12*", 1),
    "CAS with a dangling triplet": lambda good: good.replace(b"CAS*CO*29*100.00~", b"CAS*CO*29*100.00*1*45~", 1),
    # Amounts whose sums overflowed 64-bit cents and crashed the server: refused beyond $1,000,000,000.
    "adjustment beyond the largest amount": lambda good: good.replace(b"CAS*CO*29*100.00~", b"CAS*CO*29*92233720368547758.07~", 1),
    "charge beyond the largest amount": lambda good: good.replace(b"*100.00*0.00*", b"*-1000000000.01*0.00*", 1),
    "empty body": lambda good: b"",
    "binary garbage": lambda good: bytes(range(256)) * 8,
}


def test_bad_files_are_refused_whole_with_their_position(server):
    client, _ = fresh_org(server, "Bad input")
    good = x12.file([x12.claim_with_paid("BAD-1", 0, cas=[("CO", "29", 10000)])], trace="BAD-T")
    assert b"*100.00*0.00*" in good and b"~SE*13*" in good
    for name, damage in BAD_INPUTS.items():
        data = damage(good)
        status, body, headers = post_835(client, data)
        assert status == 422, (name, status, body)
        assert headers["content-type"].startswith("application/problem+json")
        assert body["type"] == "/problems/invalid-x12"
        assert set(body["position"]) == {"segment_number", "byte_offset", "segment_id"}, name
        assert 0 <= body["position"]["byte_offset"] <= len(data), name
    assert client.all_pages("/v1/remittances") == [] and client.all_pages("/v1/claims") == []


def test_a_bad_payment_after_a_good_one_posts_nothing(server):
    client, _ = fresh_org(server, "Whole file")
    good = x12.payment([x12.claim_with_paid("WF-1", 500)], trace="WF-1", control="0001")
    bad = x12.payment([x12.claim_with_paid("WF-2", 500)], trace="WF-2", control="0002")
    bad = [s.replace("CLP*WF-2*1*100.00*5.00", "CLP*WF-2*1*100.00*FIVE") for s in bad]
    status, body, _ = post_835(client, x12.interchange([good, bad]))
    assert status == 422, body
    assert body["position"]["segment_id"] == "CLP"
    assert client.all_pages("/v1/remittances") == [] and client.all_pages("/v1/claims") == []


def test_media_type_and_size_limits(server):
    client, _ = fresh_org(server, "Limits")
    good = x12.file([x12.claim_with_paid("LIM-1", 500)], trace="LIM-T")
    assert post_835(client, good, content_type="application/json")[0] == 415
    # A compressed file is refused as such, not read as a malformed 835 (and a JSON body alike).
    for coding in ["gzip", "deflate", "gzip, identity"]:
        status, body, headers = client.request("POST", "/v1/remittances", raw=gzip.compress(good),
                                               headers={"Content-Type": "application/edi-x12", "Content-Encoding": coding})
        assert (status, body["type"], headers["accept-encoding"]) == (415, "/problems/unsupported-media-type", "identity"), coding
    status, _, _ = client.request("POST", "/v1/cases", raw=gzip.compress(b"{}"), headers={"Content-Encoding": "gzip"})
    assert status == 415
    assert client.all_pages("/v1/remittances") == []
    assert post_835(client, good, content_type="text/plain; charset=utf-8")[0] == 201
    # A declared body over the 64 MiB limit is refused before any byte of it is read.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/remittances HTTP/1.1\r\nHost: x\r\nContent-Type: application/edi-x12\r\n"
                     b"Authorization: Bearer " + client.token.encode() + b"\r\nContent-Length: 5000000000\r\n\r\n")
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:80]
    # Other JSON routes keep the general 1 MiB limit.
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.putrequest("POST", "/v1/cases")
    conn.putheader("Content-Length", str(2 << 20))
    conn.putheader("Content-Type", "application/json")
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()


def test_a_large_file_is_answered_while_it_is_sent(server):
    """Above 200 payments the answer is streamed (chunked), payment by payment; it says the same."""
    client, _ = fresh_org(server, "Large answer")
    sets = [x12.payment([x12.claim_with_paid(f"LG-{i}", 0, cas=[("CO", "16", 10000)])], trace=f"LG-{i}", control=f"{i:04d}")
            for i in range(1, 211)]
    data = x12.interchange(sets)
    status, body, headers = post_835(client, data)
    assert status == 201, body
    assert headers.get("transfer-encoding") == "chunked" and "content-length" not in headers
    assert [p["trace_number"] for p in body["payments"]] == [f"LG-{i}" for i in range(1, 211)]
    assert all(p["claims_created"] == 1 and p["denials"][0]["carc_codes"] == ["CO-16"] for p in body["payments"])
    small = x12.file([x12.claim_with_paid("SM-1", 500)], trace="SM-T")
    status, body, headers = post_835(client, small)
    assert status == 201 and headers.get("content-length") and "transfer-encoding" not in headers
