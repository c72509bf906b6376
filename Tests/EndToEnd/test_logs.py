"""Runs last (see conftest.pytest_collection_modifyitems): after the whole suite, the server's log
holds one structured line per request and no patient name, member id or issued token."""
import json


def test_log_lines_carry_no_phi_or_tokens(server, fixture_data):
    server.log.flush()
    text = open(server.log.name, encoding="utf-8", errors="replace").read()
    request_lines = [line for line in text.splitlines() if " request " in line or line.rstrip().endswith("request")]
    assert len(request_lines) > 100, "expected one log line per request"
    assert all("route=" in line and "request_id=" in line for line in request_lines)
    assert any("route=/v1/cases/{id}" in line for line in request_lines)
    secrets = [server.token, server.other_token, server.dash_token, server.dash_other_token, server.wire_token,
               server.viewer_token, server.biller_token, server.audit_token]
    for patient in fixture_data["patients"]:
        secrets += [patient["first_name"] + " " + patient["last_name"], patient["member_id"]]
    secrets += [p["last_name"] for p in fixture_data["patients"] if len(p["last_name"]) >= 6]
    leaked = sorted({s for s in secrets if s and s in text})
    assert leaked == [], f"the server log contains {leaked[:5]}"
