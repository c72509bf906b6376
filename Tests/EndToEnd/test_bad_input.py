"""Malformed JSON, wrong types, unknown enum values, bad CARCs and bad ids: problem+json with a pointer, never a 500."""
import http.client
import json

import pytest


def problem(resp):
    status, body, headers = resp
    assert headers["content-type"] == "application/problem+json", (status, body)
    assert body["status"] == status and body["type"].startswith("/problems/") and body["title"] and body["detail"]
    return status, body


def pointers(body):
    return {e.get("pointer") or e.get("parameter") for e in body.get("errors", [])}


def test_health_is_open_and_everything_else_needs_a_token(client):
    status, body, _ = client.get("/healthz", token=None)
    assert status == 200 and body == {"status": "ok"}
    for path in ["/v1/me", "/v1/cases", "/v1/claims", "/v1/payers", "/v1/subjects"]:
        status, body, headers = client.get(path, token=None)
        assert status == 401 and headers["www-authenticate"].startswith("Bearer"), path
        status, body, _ = client.get(path, token="cw_" + "0" * 64)
        assert status == 401, path


def test_authorization_sent_twice_is_400_whichever_comes_first(client):
    # Which of two tokens would count is ambiguous; a valid one beside a bogus one must not pass.
    for pair in [(client.token, "bogus"), ("bogus", client.token), (client.token, client.token)]:
        conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=30)
        conn.putrequest("GET", "/v1/me")
        for token in pair:
            conn.putheader("Authorization", f"Bearer {token}")
        conn.endheaders()
        response = conn.getresponse()
        body = json.loads(response.read())
        conn.close()
        assert response.status == 400 and body["type"] == "/problems/invalid-header", pair


@pytest.mark.parametrize("raw", [b"{", b"not json", b"[1,2", b"\xff\xfe", b'{"claims": [}'])
def test_malformed_json_is_400(client, raw):
    status, body = problem(client.post("/v1/cases", raw=raw))
    assert status == 400 and body["type"] == "/problems/malformed-json"


@pytest.mark.parametrize("body, pointer", [
    ({"subject": "other"}, "/claims"),
    ({"claims": "abc", "subject": "other"}, "/claims"),
    ({"claims": [{"claim_id": 5}], "subject": "other"}, "/claims/0/claim_id"),
    ({"claims": [{"claim_id": "x"}], "subject": 7}, "/subject"),
    ({"claims": [{"claim_id": "x"}], "subject": "other", "priority": "urgent"}, "/priority"),
    ({"claims": [{"claim_id": "x"}], "subject": "other", "stage": "done"}, "/stage"),
    ({"claims": [{"claim_id": "x"}], "subject": "other", "carc_codes": ["CO-16", "XX-1"]}, "/carc_codes/1"),
    ({"claims": [{"claim_id": "x"}], "subject": "other", "carc_codes": ["CO-1234567"]}, "/carc_codes/0"),
    ({"claims": [{"claim_id": "x"}], "subject": "other", "follow_up_by": "2026-02-30"}, "/follow_up_by"),
    ({"claims": [{"claim_id": "x"}], "subject": "other", "owner": {"type": "robot", "id": "r"}}, "/owner/type"),
    ({"claims": [{"claim_id": "x"}], "subject": "no such subject"}, "/subject"),
    ({"claims": [{"claim_id": "clm_doesnotexist"}], "subject": "other"}, "/claims/0/claim_id"),
    ({"claims": [], "subject": "other"}, "/claims"),
])
def test_invalid_case_bodies_are_422_with_a_pointer(client, body, pointer):
    status, problem_body = problem(client.post("/v1/cases", body))
    assert status == 422, problem_body
    assert pointer in pointers(problem_body), problem_body


def test_unknown_ids_are_404(client):
    for path in ["/v1/cases/case_nope", "/v1/claims/clm_nope", "/v1/payers/pay_nope", "/v1/patients/pat_nope",
                 "/v1/claims/clm_nope/submissions", "/v1/claims/clm_nope/cases", "/v1/teams/team_nope"]:
        status, body = problem(client.get(path))
        assert status == 404 and body["type"] == "/problems/not-found", path
    status, body = problem(client.patch("/v1/cases/case_nope", {"stage": "in_progress"}))
    assert status == 404
    status, body = problem(client.post("/v1/cases/case_nope/resolve"))
    assert status == 404


def test_bad_query_parameters_are_400(client):
    for query, name in [("view=mine", "view"), ("limit=0", "limit"), ("limit=abc", "limit"), ("limit=1000", "limit"),
                        ("overdue=yes", "overdue"), ("sort=colour", "sort"), ("carc_code=ZZ-1", "carc_code"),
                        ("cursor=bm9wZQ", "cursor"), ("follow_up_before=tomorrow", "follow_up_before")]:
        status, body = problem(client.get(f"/v1/cases?{query}"))
        assert status == 400 and name in pointers(body), query
    status, body = problem(client.get("/v1/claims?denied=maybe"))
    assert status == 400 and "denied" in pointers(body)


def test_a_cursor_is_read_only_by_the_list_that_gave_it(client):
    # Every list's ids sort alike, so a cursor of one once paged another from the wrong place.
    lists = ["/v1/claims", "/v1/payers", "/v1/patients", "/v1/users", "/v1/audit"]
    cursors = {}
    for path in lists:
        status, body, _ = client.get(f"{path}?limit=1")
        assert status == 200 and body["next_cursor"], path
        cursors[path] = body["next_cursor"]
        assert client.get(f"{path}?limit=1&cursor={body['next_cursor']}")[0] == 200, path
    for path in lists:
        for other, cursor in cursors.items():
            if other != path:
                status, body = problem(client.get(f"{path}?limit=1&cursor={cursor}"))
                assert status == 400 and "cursor" in pointers(body), (path, other)


def test_an_empty_cursor_and_a_repeated_parameter_are_400_everywhere(client):
    for path in ["/v1/claims", "/v1/cases", "/v1/payers", "/v1/remittances", "/v1/audit", "/v1/patients"]:
        status, body = problem(client.get(f"{path}?cursor="))
        assert status == 400 and "cursor" in pointers(body), path
        status, body = problem(client.get(f"{path}?limit=1&limit=2"))
        assert status == 400 and "limit" in pointers(body), path


def test_patch_rejects_unknown_members_and_types(client):
    status, body = problem(client.patch("/v1/cases/case_nope", {"stage": 3}))
    assert status == 422 and "/stage" in pointers(body)
    status, body = problem(client.patch("/v1/cases/case_nope", {"colour": "red"}))
    assert status == 422 and "/colour" in pointers(body)


def test_unknown_routes_and_methods(client):
    status, body = problem(client.get("/v1/nothing-here"))
    assert status == 404
    status, body, headers = client.request("PUT", "/v1/cases")
    assert status == 405 and "GET" in headers["allow"] and "POST" in headers["allow"]


def test_wrong_content_type_is_415(client):
    status, body = problem(client.post("/v1/payers", raw=b"name=x", headers={"Content-Type": "application/x-www-form-urlencoded"}))
    assert status == 415


def test_huge_and_odd_values_do_not_break_the_server(client):
    status, body = problem(client.post("/v1/claims", {"claim_number": "Z1", "payer_id": "pay_x", "billed_cents": 10**30, "expected_cents": 1}))
    assert status in (400, 422)
    status, body = problem(client.post("/v1/claims", {"claim_number": "Z1", "payer_id": "pay_x", "billed_cents": 1.5, "expected_cents": 1}))
    assert status == 422 and "/billed_cents" in pointers(body)
    status, body = problem(client.post("/v1/payers", {"name": "\u0000" * 5}))
    assert status == 422
    status, body, _ = client.get("/healthz")
    assert status == 200


def test_extreme_integers_and_oversized_lists_are_refused(client):
    status, body = problem(client.post("/v1/claims", {"claim_number": "Z2", "payer_id": "pay_x", "billed_cents": 0,
                                                      "expected_cents": -9223372036854775808}))
    assert status == 422 and "/expected_cents" in pointers(body)
    status, body = problem(client.post("/v1/cases", {"claims": [{"claim_id": "x"}], "subject": "other", "tags": ["t"] * 51}))
    assert status == 422 and "/tags" in pointers(body)
    status, body = problem(client.post("/v1/cases", {"claims": [{"claim_id": "x"}], "subject": "other", "carc_codes": ["x"] * 5000}))
    assert status == 422 and len(body["errors"]) <= 21
    status, body, _ = client.get("/healthz")
    assert status == 200


def test_invisible_characters_are_refused_in_names(client):
    for name in ["\ufeff", "Ann\u202eeb", "\u200b"]:
        status, body = problem(client.post("/v1/patients", {"first_name": name, "last_name": "Moss"}))
        assert status == 422 and "/first_name" in pointers(body), repr(name)
    status, body = problem(client.post("/v1/patients", {"first_name": "Ann", "last_name": "Moss", "member_id": "M\u0000"}))
    assert status == 422 and "/member_id" in pointers(body)
    # Issue 9 item 10: a joiner inside an emoji sequence is part of the emoji, not a disguise; one that
    # joins letters, dangles at an end, or a tag outside a flag sequence still is.
    for name in ["\U0001F469\u200D\u2695\uFE0F", "\U0001F468\U0001F3FD\u200D\U0001F4BB",
                 "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "Dr \U0001F469\u200D\U0001F52C Ann"]:
        status, body, _ = client.post("/v1/patients", {"first_name": name, "last_name": "Moss"})
        assert status == 201 and body["first_name"] == name, repr(name)
    for name in ["A\u200Db", "\U0001F469\u200D", "\u200D\U0001F469", "a\U000E0067", "\U0001F469\u200D\u202E\U0001F52C"]:
        status, body = problem(client.post("/v1/patients", {"first_name": name, "last_name": "Moss"}))
        assert status == 422 and "/first_name" in pointers(body), repr(name)


def test_the_servers_own_refusals_carry_a_request_id_and_a_log_line(server, client):
    """Issue 9 item 9: a request refused while it is read (framing, limits) is answered and logged like
    every other request: with an X-Request-Id that the log line names."""
    import socket
    refusals = [
        (b"GET /v1/cases HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
        (b"GET /v1/cases HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", 431),
        (b"POST /v1/cases HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n", 413),
    ]
    for raw, status in refusals:
        with socket.create_connection(("127.0.0.1", client.port), timeout=10) as conn:
            conn.sendall(raw)
            answer = b""
            while b"\r\n\r\n" not in answer:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                answer += chunk
        head = answer.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
        assert head[0].split(" ")[1] == str(status), head[0]
        ids = [line.split(":", 1)[1].strip() for line in head[1:] if line.lower().startswith("x-request-id:")]
        assert len(ids) == 1 and ids[0], head
        lines = [line for line in server.log_lines_once(f"request_id={ids[0]}") if f"request_id={ids[0]}" in line]
        assert len(lines) == 1 and f"status={status}" in lines[0] and "route=(refused)" in lines[0], lines


@pytest.mark.parametrize("raw", [b'{"tags":["a","b",],}', b'{"subject":"other",}', b'{"a":[1,]}', b'{"a":01}', b'{"a":.5}',
                                 b'{"a":"\\ud800"}', b'{"a":"\\udc00x"}', b"{'a':1}", b'{"a":"tab\there"}', b'{"a":1} {"b":2}',
                                 b'{"a":NaN}', b'{"a":tru}', b"[" * 100_000, b'{"a":' * 70 + b"1" + b"}" * 70, b'{"a":"\\x"}'])
def test_only_strict_json_is_read(client, raw):
    """Issue 9 item 4: trailing commas, leading zeros, lone surrogates, bare control characters, deep nesting and
    other near-JSON are refused with 400 naming the byte, never read one way by us and another by the client."""
    status, body = problem(client.post("/v1/cases", raw=raw))
    assert status == 400 and body["type"] == "/problems/malformed-json" and " at byte " in body["detail"], body
    assert client.get("/healthz")[0] == 200


@pytest.mark.parametrize("raw, pointer", [
    (b'{"priority":"low","priority":"normal"}', "/priority"),
    (b'{"priority":"high","priority":"bogus"}', "/priority"),
    (b'{"claims":[{"claim_id":"a","claim_id":"b"}],"subject":"other"}', "/claims/0/claim_id"),
    (b'{"a~b/c":1,"a~b/c":2}', "/a~0b~1c"),
])
def test_a_member_named_twice_is_refused_with_its_pointer(client, raw, pointer):
    status, body = problem(client.post("/v1/cases", raw=raw))
    assert status == 422 and [e["pointer"] for e in body["errors"]] == [pointer], body


def test_every_problem_of_a_body_is_reported_at_once(client):
    """Issue 9 item 5: a type error no longer hides the others, nor the value errors elsewhere."""
    status, body = problem(client.post("/v1/cases", {"claims": [{"claim_id": "x"}], "subject": "other", "priority": 7, "tags": "a"}))
    assert status == 422 and pointers(body) == {"/priority", "/tags"}, body
    status, body = problem(client.post("/v1/cases", {"claims": [{"claim_id": 5}, {}], "subject": None, "priority": "urgent",
                                                     "follow_up_by": "2026-02-30", "carc_codes": ["CO-16", 3, "XX-1"]}))
    assert status == 422 and pointers(body) == {"/claims/0/claim_id", "/claims/1/claim_id", "/subject", "/priority",
                                                 "/follow_up_by", "/carc_codes/1", "/carc_codes/2"}, body
    assert len(body["errors"]) == 7          # one per problem: no second error for a stand-in value
    status, body = problem(client.post("/v1/claims", {"claim_number": 12, "payer_id": None, "billed_cents": 1.5, "expected_cents": "9"}))
    assert status == 422 and {"/claim_number", "/payer_id", "/billed_cents", "/expected_cents"} <= pointers(body), body


@pytest.mark.parametrize("path, body, extra", [
    ("/v1/cases", {"claims": [{"claim_id": "x", "note": "n"}], "subject": "other", "status": "resolved", "id": "case_1", "number": 5},
     {"/status", "/id", "/number", "/claims/0/note"}),
    ("/v1/payers", {"name": "P", "bogus": 1}, {"/bogus"}),
    ("/v1/patients", {"first_name": "A", "last_name": "B", "ssn": "1"}, {"/ssn"}),
    ("/v1/claims", {"claim_number": "U-1", "payer_id": "pay_x", "billed_cents": 1, "expected_cents": 1, "outstanding_cents": 0},
     {"/outstanding_cents"}),
    ("/v1/subjects", {"name": "s", "color": "red"}, {"/color"}),
    ("/v1/teams", {"name": "t", "lead": "x"}, {"/lead"}),
    ("/v1/rules", {"name": "r", "action": "leave", "when": {}}, {"/when"}),
])
def test_every_post_refuses_members_it_does_not_take(server, client, path, body, extra):
    """Issue 9 item 6: POST treats unknown and read-only members as PATCH does: 422 with a pointer to each."""
    admin = type(client)(client.port, server.audit_token)       # an admin, for the admin-only lists
    status, problem_body = problem(admin.post(path, body))
    assert status == 422 and extra <= pointers(problem_body), problem_body
    for e in problem_body["errors"]:
        if e["pointer"] in extra:
            assert e["detail"] == "Not a member this request accepts.", e
