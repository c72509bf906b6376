"""Shared helpers of the remittance tests: fresh organizations, posting files, reading counts."""
import itertools
import pathlib

from conftest import Client, ROOT

ERA_DIR = ROOT.parent / "shared" / "data" / "x12" / "835"
_orgs = itertools.count(1)


def era_files():
    files = sorted(p for p in ERA_DIR.iterdir() if p.is_file()) if ERA_DIR.exists() else []
    assert files, f"{ERA_DIR} holds no 835 files: the shared test data must sit beside the project"
    return files


def fresh_org(server, name):
    """A new organization with an admin (Ada), a biller (Ben) and a viewer; returns (admin client, ids)."""
    org = f"E2E {name} {next(_orgs)}"
    ids = {
        "admin": server.cli("users", "add", *server.db_args, "--org", org, "--email", "ada@era.test", "--name", "Ada Admin"),
        "biller": server.cli("users", "add", *server.db_args, "--org", org, "--email", "ben@era.test", "--name", "Ben Biller",
                             "--role", "biller"),
    }
    token = server.cli("tokens", "create", *server.db_args, "--org", org, "--email", "ada@era.test")
    ids["biller_token"] = server.cli("tokens", "create", *server.db_args, "--org", org, "--email", "ben@era.test")
    return Client(server.port, token), ids


def post_835(client, data, content_type="application/edi-x12", **kw):
    return client.request("POST", "/v1/remittances", raw=data, headers={"Content-Type": content_type}, **kw)


def snapshot(client):
    """Everything posting can change, in a comparable form."""
    claims = sorted((c["claim_number"], c["paid_cents"], c["cost_share_cents"], c["expected_cents"], tuple(c["denial_carc_codes"]))
                    for c in client.all_pages("/v1/claims"))
    cases = sorted((c["number"], c["status"], c["stage"], tuple(c["carc_codes"])) for c in client.all_pages("/v1/cases?view=all"))
    payments = sorted(p["id"] for p in client.all_pages("/v1/remittances"))
    return {"claims": claims, "cases": cases, "payments": payments}
