"""gzip content coding on real responses: same JSON after decompression, curl --compressed, and
conditional polling with the gzip representation's ETag."""
import gzip
import http.client
import json
import shutil
import subprocess

import pytest


def raw_get(client, path, headers):
    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Authorization": "Bearer " + client.token, **headers})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def client(wire_client, fixture_data):
    """The wire organization with a dozen open cases, so bodies are large enough to compress."""
    for claim in wire_client.all_pages("/v1/claims?denied=true&has_active_case=false")[:12]:
        status, body, _ = wire_client.post("/v1/cases", {"claims": [{"claim_id": claim["id"]}], "subject": "other",
                                                         "description": "Payer denied; appeal with records. " * 3})
        assert status == 201, body
    return wire_client


def test_gzip_bodies_decompress_to_the_same_json(client):
    for path in ["/v1/claims?limit=50", "/v1/cases?view=all&limit=50", "/v1/dashboards/case-insights?drill_down=carc_code",
                 "/v1/dashboards/tier1?period=all"]:
        status, plain_headers, plain = raw_get(client, path, {})
        status_gz, headers, body = raw_get(client, path, {"Accept-Encoding": "gzip"})
        assert status == status_gz == 200
        assert "accept-encoding" in headers["vary"].lower()
        if len(plain) >= 1024:
            assert headers["content-encoding"] == "gzip", path
            assert json.loads(gzip.decompress(body)) == json.loads(plain)
        else:
            assert "content-encoding" not in headers
    status, headers, body = raw_get(client, "/healthz", {"Accept-Encoding": "gzip"})
    assert "content-encoding" not in headers and json.loads(body) == {"status": "ok"}


def test_polling_with_the_gzip_etag_gets_304(client):
    path = "/v1/cases?view=all&limit=100"
    status, headers, body = raw_get(client, path, {"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip"
    etag = headers["etag"]
    assert etag.endswith('-gzip"')
    status, again, body = raw_get(client, path, {"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert status == 304 and body == b""


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_compressed_works(client):
    url = f"http://127.0.0.1:{client.port}/v1/cases?view=all&limit=100"
    auth = f"Authorization: Bearer {client.token}"
    compressed = subprocess.run(["curl", "-sf", "--compressed", "-H", auth, url], capture_output=True, check=True).stdout
    plain = subprocess.run(["curl", "-sf", "-H", auth, url], capture_output=True, check=True).stdout
    assert json.loads(compressed) == json.loads(plain)
    csv = subprocess.run(["curl", "-sf", "--compressed", "-H", auth, "-H", "Accept: text/csv", url], capture_output=True, check=True).stdout
    assert csv.startswith(b"number,payer,patient")


def test_a_case_etag_moves_when_only_its_claims_amounts_do_gzip_or_not(client):
    """A claim correction moves the case's totals, not its revision: the case's ETag (either coding)
    must still change, a poll with the old one gets the new body, and an If-Match with it is 412."""
    case = client.get("/v1/cases?view=open&limit=1")[1]["items"][0]
    path = f"/v1/cases/{case['id']}"
    status, headers, body = raw_get(client, path, {"Accept-Encoding": "gzip"})
    assert status == 200
    old = headers["etag"]
    plain = client.get(path)[1]
    claim = plain["claims"][0]
    outstanding = plain["totals"]["total_outstanding_cents"]
    assert outstanding > 0
    status, corrected, _ = client.patch(f"/v1/claims/{claim['claim_id']}", {"write_off_cents": 1})
    assert status == 200, corrected

    status, headers, body = raw_get(client, path, {"Accept-Encoding": "gzip", "If-None-Match": old})
    assert status == 200 and headers["etag"] != old
    fresh = json.loads(gzip.decompress(body)) if headers.get("content-encoding") == "gzip" else json.loads(body)
    assert fresh["revision"] == plain["revision"]
    assert fresh["totals"]["total_outstanding_cents"] == outstanding - 1
    status, problem, h = client.patch(path, {"priority": "high"}, headers={"If-Match": old})
    assert status == 412 and problem["type"] == "/problems/precondition-failed"
    assert h["etag"] == headers["etag"].replace("-gzip", "")
    status, changed, h = client.patch(path, {"priority": "high"}, headers={"If-Match": headers["etag"]})
    assert status == 200 and changed["priority"] == "high" and changed["revision"] == plain["revision"] + 1
