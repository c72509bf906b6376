"""Issue 12 item 4: schemathesis (PyPI) against openapi.yaml and the live server, with a token: every
operation exercised with real ids (from a demo database plus the shared 835 files), and 0 failures —
no 5xx, every response's status documented and its body, content type and headers as the schema says.
Bounded: a few examples per operation (CONTRACT_EXAMPLES, default 8) and a time limit."""
import http.client
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
ERA = ROOT.parent / "shared" / "data" / "x12" / "835"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance"
METRICS_TOKEN = "contract-metrics-token"


def binary():
    path = os.environ.get("CASEWORK_BIN")
    assert path and os.path.exists(path), "set CASEWORK_BIN to the casework binary (make test does)"
    return path


def call(port, token, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        all_headers = {"Authorization": f"Bearer {token}", "Accept": "application/json", **(headers or {})}
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        if body is not None and "Content-Type" not in all_headers:
            all_headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
        return response.status, (json.loads(payload) if payload and "json" in (response.getheader("Content-Type") or "") else None)
    finally:
        connection.close()


def known_ids(port, token, cli):
    """Real ids for every path parameter, each of a row that the run may change without harming the rest."""
    def first(path):
        status, body = call(port, token, "GET", path)
        assert status == 200 and body["items"], (path, status, body)
        return body["items"][0]
    for file in sorted(ERA.iterdir())[:2]:
        status, body = call(port, token, "POST", "/v1/remittances", file.read_bytes(), {"Content-Type": "application/edi-x12"})
        assert status in (200, 201), (file, status, body)
    me = call(port, token, "GET", "/v1/me")[1]["user"]["id"]
    users = [u for u in call(port, token, "GET", "/v1/users")[1]["items"] if u["id"] != me]
    case = first("/v1/cases?view=all&status=active")
    claim_of_case = case["claim_ids"][0] if case.get("claim_ids") else call(port, token, "GET", f"/v1/cases/{case['id']}/claims")[1]["items"][0]["claim_id"]
    claim = first("/v1/claims")
    activity = first(f"/v1/cases/{case['id']}/activities")
    rule = call(port, token, "POST", "/v1/rules", {"name": "Contract rule", "carc_code": "CO-16", "action": "open_case"})[1]
    # A token of its own for the revoke operation, so the run keeps the one it uses.
    def token_ids():
        return {t["id"] for t in call(port, token, "GET", "/v1/tokens")[1]["items"]}
    before = token_ids()
    cli("tokens", "create", "--email", "dana@demo.casework.dev")
    [spare_id] = token_ids() - before
    return {
        "/v1/users/{id}": {"id": users[0]["id"]},
        "/v1/teams/{id}": {"id": first("/v1/teams")["id"]},
        "/v1/payers/{id}": {"id": first("/v1/payers")["id"]},
        "/v1/patients/{id}": {"id": first("/v1/patients")["id"]},
        "/v1/claims/{id}": {"id": claim["id"]},
        "/v1/remittances/{id}": {"id": first("/v1/remittances")["id"]},
        "/v1/rules/{id}": {"id": rule["id"]},
        "/v1/denial-categories/{carc}": {"carc": "16"},
        "/v1/codes/{list}": {"list": "carc"},
        "/v1/cases/{id}": {"id": case["id"]},
        "/v1/cases/{id}/claims/{claim_id}": {"id": case["id"], "claim_id": claim_of_case},
        "/v1/activities/{id}": {"id": activity["id"]},
        "/v1/tokens/{id}": {"id": spare_id},
    }


def config(port, token, ids):
    """schemathesis.toml: the base URL and token, and per path the ids to use."""
    lines = [f'base-url = "http://127.0.0.1:{port}"', f'headers = {{ Authorization = "Bearer {token}" }}', "",
             # Methods a resource lacks get 405 with Allow. QUERY (an Internet-Draft) is not a method this server
             # knows: RFC 9110 §15.6.2 answers an unrecognized method 501, as Tests/Conformance pins.
             "[phases.coverage]", 'unexpected-methods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "PATCH", "TRACE"]', ""]
    for path, values in sorted(ids.items(), key=lambda item: -len(item[0])):
        regex = "^" + path.replace("{", "\\\\{").replace("}", "\\\\}") + ("(/.*)?$" if path.endswith("}") else "$")
        parameters = ", ".join(f'"path.{name}" = "{value}"' for name, value in values.items())
        lines += ["[[operations]]", f'include-path-regex = "{regex}"', f"parameters = {{ {parameters} }}", ""]
    lines += ["[[operations]]", 'include-path = "/metrics"', f'headers = {{ Authorization = "Bearer {METRICS_TOKEN}" }}', ""]
    return "\n".join(lines)


def test_every_operation_keeps_the_contract():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "contract.sqlite")
        token = subprocess.run([binary(), "demo", "--db", db], capture_output=True, text=True, timeout=120, check=True).stdout.strip().splitlines()[-1]

        def cli(*args):
            return subprocess.run([binary(), *args, "--db", db, "--org", "Demo Billing"], capture_output=True, text=True,
                                  timeout=60, check=True).stdout.strip()
        log = open(os.path.join(tmp, "server.log"), "w")
        server = subprocess.Popen([binary(), "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE, stderr=log, text=True,
                                  env={**os.environ, "CASEWORK_METRICS_TOKEN": METRICS_TOKEN})
        try:
            port = int(server.stdout.readline().strip().rsplit(":", 1)[1])
            ids = known_ids(port, token, cli)
            config_path = os.path.join(tmp, "schemathesis.toml")
            pathlib.Path(config_path).write_text(config(port, token, ids))
            examples = os.environ.get("CONTRACT_EXAMPLES", "8")
            run = subprocess.run(
                [sys.executable, "-m", "schemathesis.cli", "--config-file", config_path, "run", str(SPEC),
                 "--phases", "examples,coverage,fuzzing", "--max-examples", examples, "--checks", CHECKS,
                 "--generation-deterministic", "--request-timeout", "30", "--no-color"],
                capture_output=True, text=True, timeout=900, cwd=tmp,
                env={**os.environ, "SCHEMATHESIS_HOOKS": "x12_body", "PYTHONPATH": str(pathlib.Path(__file__).parent)})
            report = ROOT / "var" / "contract"
            report.mkdir(parents=True, exist_ok=True)
            (report / "schemathesis.txt").write_text(run.stdout + run.stderr)     # the whole run, for reading failures
            summary = run.stdout[-6000:]
            assert run.returncode == 0, summary + run.stderr[-2000:]
            # Every operation of the document was exercised, not only some.
            selected = re.search(r"Selected: (\d+)/(\d+)", run.stdout)
            tested = re.search(r"Tested: (\d+)", run.stdout)
            operations = sum(1 for methods in yaml.safe_load(SPEC.read_text())["paths"].values()
                             for method in methods if method in ("get", "put", "post", "delete", "patch"))
            assert selected and tested, summary
            assert int(selected.group(1)) == int(selected.group(2)) == int(tested.group(1)) == operations, summary
        finally:
            server.terminate()
            server.wait(timeout=30)
