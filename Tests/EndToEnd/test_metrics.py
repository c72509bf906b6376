"""Issue 12 item 3: GET /metrics in the Prometheus text format (swift-metrics through swift-prometheus),
read with the metrics token only; it parses with prometheus-client's parser and its figures move with
traffic: requests by route and status, latency, representation cache hits and misses, remittances posted."""
import http.client

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import Client, Server
from remittance_support import era_files, post_835

TOKEN = "metrics-token-for-tests"


def scrape(port, token=TOKEN):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/metrics", headers={"Authorization": f"Bearer {token}"} if token else {})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read().decode()
    finally:
        connection.close()


def samples(port):
    """{(sample name, sorted labels): value} of one scrape."""
    status, content_type, text = scrape(port)
    assert status == 200 and content_type.startswith("text/plain; version=0.0.4"), (status, content_type)
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(figures, name, **labels):
    return figures.get((name, tuple(sorted(labels.items()))), 0)


@pytest.fixture(scope="module")
def metered(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("CASEWORK_METRICS_TOKEN", TOKEN)
    server = Server(str(tmp_path_factory.mktemp("metrics")))
    server.cli("users", "add", *server.db_args, "--org", "Metered", "--email", "mo@metrics.test", "--name", "Mo Admin")
    server.token = server.cli("tokens", "create", *server.db_args, "--org", "Metered", "--email", "mo@metrics.test")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def monkeypatch_module():
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def test_metrics_need_the_metrics_token(metered):
    assert scrape(metered.port, token=None)[0] == 401
    assert scrape(metered.port, token="wrong")[0] == 401
    assert scrape(metered.port, token=metered.token)[0] == 401     # a user's token opens the API, not the metrics
    assert scrape(metered.port)[0] == 200


def test_counters_move_with_traffic(metered):
    client = Client(metered.port, metered.token)
    before = samples(metered.port)
    for _ in range(5):
        assert client.get("/healthz", token=None)[0] == 200
    assert client.get("/v1/cases/nope")[0] == 404
    first, second = client.get("/v1/views"), client.get("/v1/views")
    assert first[0] == second[0] == 200
    status, body, _ = post_835(client, era_files()[0].read_bytes())
    assert status == 201, body
    posted = [p for p in body["payments"] if not p["duplicate"]]
    after = samples(metered.port)

    def moved(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)
    assert moved("http_requests_total", method="GET", route="/healthz", status="200") == 5
    assert moved("http_requests_total", method="GET", route="/v1/cases/{id}", status="404") == 1
    assert moved("http_request_duration_seconds_count", method="GET", route="/healthz") == 5
    assert moved("representation_cache_total", result="miss") >= 1 and moved("representation_cache_total", result="hit") >= 1
    assert moved("case_representation_cache_total", result="miss") == 1        # the 404: no case to keep
    # A case on a posted claim: its second read is served from the case cache.
    claim_id = client.get("/v1/claims?limit=1")[1]["items"][0]["id"]
    status, created, _ = client.request("POST", "/v1/cases", {"claims": [{"claim_id": claim_id}], "subject": "other"})
    case_id = created["id"] if status == 201 else created["active_case"]["id"]
    hits = value(samples(metered.port), "case_representation_cache_total", result="hit")
    first, second = client.get(f"/v1/cases/{case_id}"), client.get(f"/v1/cases/{case_id}")
    assert first[0] == second[0] == 200 and first[1] == second[1]
    assert value(samples(metered.port), "case_representation_cache_total", result="hit") == hits + 1
    assert moved("remittance_payments_posted_total") == len(posted) > 0
    assert moved("remittance_claims_posted_total") == sum(p["claims_matched"] + p["claims_created"] for p in posted)
    assert value(after, "http_open_connections") >= 1                # the scrape's own connection at least
    for name in ("http_worker_queue_depth", "log_lines_dropped_total", "db_pool_waits_total"):
        assert any(key[0] == name for key in after), name
    # Reads and writes wait for workers of their own: the depth of each lane is reported.
    assert {dict(key[1]).get("lane") for key in after if key[0] == "http_worker_queue_depth"} == {"read", "write"}
    # The database's memory, read at each scrape: the page caches hold something after these reads, within their budget.
    budget = value(after, "sqlite_page_cache_budget_bytes")
    assert budget == (16_384 + 4 * 8_192) * 1024
    assert 0 < value(after, "sqlite_page_cache_bytes") <= budget * 1.25
    # The C heap holds SQLite's allocations and the server's own, and after this traffic some freed memory
    # it keeps; live and free together lie within the process's data memory (VmData: heap and private maps).
    in_use, free = value(after, "process_heap_in_use_bytes"), value(after, "process_heap_free_bytes")
    assert in_use > value(after, "sqlite_page_cache_bytes") and free > 0
    with open(f"/proc/{metered.proc.pid}/status") as status:
        data_kib = next(int(line.split()[1]) for line in status if line.startswith("VmData:"))
    assert in_use + free <= data_kib * 1024
