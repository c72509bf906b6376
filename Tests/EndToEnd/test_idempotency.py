"""Idempotency-Key on POST: retries replay the first answer; concurrent retries create one case."""
import collections
import concurrent.futures
import uuid


def test_twenty_concurrent_retries_create_one_case(server, wire_client, fixture_data):
    free = [c for c in wire_client.all_pages("/v1/claims?denied=true&has_active_case=false")]
    claim = free[-1]
    key = str(uuid.uuid4())
    body = {"claims": [{"claim_id": claim["id"]}], "subject": "eligibility"}

    def links():
        return server.sql("SELECT COUNT(*) FROM case_claims WHERE claim_id = ?", (claim["id"],))[0][0]

    # Other tests may have had this claim on a case they closed: count only what these retries add.
    before = links()
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: wire_client.post("/v1/cases", body, headers={"Idempotency-Key": key}), range(20)))
    assert collections.Counter(status for status, _, _ in results) == {201: 20}
    assert len({made["id"] for _, made, _ in results}) == 1
    assert sum(h.get("idempotent-replayed") == "true" for _, _, h in results) == 19
    assert links() == before + 1


def test_same_key_with_another_body_is_refused(wire_client):
    key = str(uuid.uuid4())
    status, payer, _ = wire_client.post("/v1/payers", {"name": "Idempotent Payer"}, headers={"Idempotency-Key": key})
    assert status == 201
    status, again, headers = wire_client.post("/v1/payers", {"name": "Idempotent Payer"}, headers={"Idempotency-Key": key})
    assert status == 201 and again == payer and headers["idempotent-replayed"] == "true"
    status, problem, _ = wire_client.post("/v1/payers", {"name": "Another Payer"}, headers={"Idempotency-Key": key})
    assert status == 422 and problem["type"] == "/problems/idempotency-key-reused"
    names = [p["name"] for p in wire_client.all_pages("/v1/payers")]
    assert names.count("Idempotent Payer") == 1 and "Another Payer" not in names
    status, problem, _ = wire_client.post("/v1/payers", {"name": "x"}, headers={"Idempotency-Key": "bad key with spaces"})
    assert status == 400


def test_new_token_secrets_are_not_replayed_or_stored(server, wire_client):
    key = str(uuid.uuid4())
    status, first, _ = wire_client.post("/v1/tokens", headers={"Idempotency-Key": key})
    status2, second, _ = wire_client.post("/v1/tokens", headers={"Idempotency-Key": key})
    assert status == status2 == 201 and first["token"] != second["token"]
    bodies = [row[0] for row in server.sql("SELECT body FROM idempotency_keys")]
    assert not any(first["token"].encode() in body for body in bodies)


def test_a_large_files_key_still_guards_its_request(wire_client):
    """A file of more than 200 payments is answered streamed and its answer is not kept; its key still
    refuses another file (422), and a retry of the same file acts again, posting nothing twice."""
    import x12_builder as x12

    def big_file(tag):
        return x12.interchange([x12.payment([x12.claim_with_paid(f"IDEM-{tag}-{n}", 1000)], trace=f"IDEM-{tag}-{n}",
                                            control=f"{n:04d}") for n in range(201)])
    key = str(uuid.uuid4())
    headers = {"Idempotency-Key": key, "Content-Type": "application/edi-x12"}
    status, first, _ = wire_client.request("POST", "/v1/remittances", raw=big_file("A"), headers=headers)
    assert status == 201 and len(first["payments"]) == 201
    status, problem, _ = wire_client.request("POST", "/v1/remittances", raw=big_file("B"), headers=headers)
    assert status == 422 and problem["type"] == "/problems/idempotency-key-reused"
    assert not [c for c in wire_client.all_pages("/v1/claims?q=IDEM-B-")]                   # file B was not posted
    status, again, _ = wire_client.request("POST", "/v1/remittances", raw=big_file("A"), headers=headers)
    assert status == 200 and all(p["duplicate"] for p in again["payments"])


def test_two_keys_on_one_request_are_refused(wire_client):
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", wire_client.port, timeout=30)
    connection.putrequest("POST", "/v1/payers")
    for header, value in (("Authorization", f"Bearer {wire_client.token}"), ("Content-Type", "application/json"),
                          ("Idempotency-Key", "first"), ("Idempotency-Key", "second"), ("Content-Length", "19")):
        connection.putheader(header, value)
    connection.endheaders(b'{"name": "Twice K"}')
    response = connection.getresponse()
    assert response.status == 400 and b"Idempotency-Key" in response.read()
    connection.close()
    assert "Twice K" not in [p["name"] for p in wire_client.all_pages("/v1/payers")]
