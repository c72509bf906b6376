"""Runs last (see conftest.pytest_collection_modifyitems): after the whole suite, the server's log
holds one structured line per request and no patient name, member id or issued token."""
import json
import re

from conftest import Client, Server
from remittance_support import era_files


def era_people():
    """Patient and insured names and member ids of the NM1 segments of the shared 835 files (PHI the
    remittance tests posted): every distinctive one, at least five characters, not a mask of X or 9, not all digits."""
    found = set()
    for path in era_files():
        for segment in re.split(rb"[~\n]", path.read_bytes()):
            fields = segment.strip().decode("latin-1").split("*")
            if fields[0] == "NM1" and len(fields) > 3 and fields[1] in ("QC", "IL", "74"):
                for value in [fields[3]] + ([fields[9]] if len(fields) > 9 else []):
                    value = value.strip()
                    # All-digit ids are left out: a duration or a count in a log line could match one by chance.
                    if len(value) >= 5 and not value.isdigit() and not set(value) <= set("X9 ") and "LAST" not in value:
                        found.add(value)
    assert found, "the shared 835 files name patients"
    return sorted(found)


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
    secrets += era_people()
    leaked = sorted({s for s in secrets if s and s in text})
    assert leaked == [], f"the server log contains {leaked[:5]}"


def test_an_unexpected_failure_is_a_500_whose_log_line_names_it_but_not_its_message(postgres, tmp_path):
    """A table gone behind the server's back: the request gets a plain 500 problem, and its log line says
    which driver failure it was (type and code, which an operator can look up) and nothing of the
    driver's message, which may quote stored values."""
    broken = Server(str(tmp_path), postgres)
    broken.cli("users", "add", *broken.db_args, "--org", "Broken Billing", "--email", "bea@e2e.test", "--name", "Bea Biller")
    token = broken.cli("tokens", "create", *broken.db_args, "--org", "Broken Billing", "--email", "bea@e2e.test")
    broken.start()
    try:
        client = Client(broken.port, token)
        assert client.get("/v1/rules")[0] == 200
        broken.sql("ALTER TABLE work_rules RENAME TO work_rules_gone")
        status, problem, headers = client.get("/v1/rules")
        assert status == 500 and headers["content-type"].startswith("application/problem+json")
        assert problem["title"] == "Internal error" and "work_rules" not in json.dumps(problem)
        request_id = headers["x-request-id"]
        lines = broken.log_lines_once(f"request_id={request_id} ")
        line = next(line for line in lines if f"request_id={request_id} " in line)
        failure = "PostgreSQLError sqlstate 42P01" if postgres else "SQLiteError sqlite 1"
        assert "status=500" in line and f'failure="{failure}"' in line, line
        assert "work_rules" not in line and "does not exist" not in line and "no such table" not in line
    finally:
        broken.stop()
