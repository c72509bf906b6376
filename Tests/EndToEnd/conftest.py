"""Starts the real `casework` binary on a temporary database for the end-to-end suite."""
import http.client
import json
import os
import pathlib
import sqlite3
import subprocess
import tempfile
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = ROOT.parent / "shared" / "data" / "claims" / "remittance-claims.json"


def binary():
    path = os.environ.get("CASEWORK_BIN")
    if not path:
        path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip() + "/casework"
    return path


class Client:
    """A small JSON client over one keep-alive connection per call site thread."""

    def __init__(self, port, token):
        self.port = port
        self.token = token

    def request(self, method, path, body=None, token=..., headers=None, raw=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            h = {"Accept": "application/json"}
            tok = self.token if token is ... else token
            if tok:
                h["Authorization"] = "Bearer " + tok
            data = raw
            if body is not None:
                data = json.dumps(body).encode()
            if data is not None:
                h["Content-Type"] = "application/json"
            h.update(headers or {})
            conn.request(method, path, body=data, headers=h)
            resp = conn.getresponse()
            payload = resp.read()
            parsed = json.loads(payload) if payload and "json" in (resp.getheader("Content-Type") or "") else None
            return resp.status, parsed, dict((k.lower(), v) for k, v in resp.getheaders())
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def all_pages(self, path, limit=200):
        items, cursor = [], None
        sep = "&" if "?" in path else "?"
        while True:
            url = f"{path}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
            status, body, _ = self.get(url)
            assert status == 200, (url, status, body)
            items += body["items"]
            cursor = body["next_cursor"]
            if not cursor:
                return items


# The suite runs on SQLite (the default) or, with CASEWORK_E2E_DATABASE=postgresql, on a PostgreSQL
# server it starts itself; `make test` runs it both ways.
DATABASE = os.environ.get("CASEWORK_E2E_DATABASE", "sqlite")
# Several servers share a PostgreSQL database; an SQLite file has one server: that module is the PostgreSQL run's.
collect_ignore = [] if DATABASE == "postgresql" else ["test_two_servers.py"]


class Server:
    def __init__(self, tmp, postgres=None, shares=None, log_name="server.log"):
        """A server on a new database, or with `shares` (another Server) on that server's database."""
        self.tmp = tmp
        self.postgres = postgres
        self.db = os.path.join(tmp, "casework.sqlite")
        # The options naming the database on every casework command.
        if shares:
            self.postgres, self.db = shares.postgres, shares.db
            self.pg_database, self.db_args = getattr(shares, "pg_database", None), shares.db_args
        elif postgres:
            self.pg_database, url = postgres.database()
            self.db_args = ["--database", url]
        else:
            self.db_args = ["--db", self.db]
        self.bin = binary()
        self.log = open(os.path.join(tmp, log_name), "w+")

    def cli(self, *args):
        out = subprocess.run([self.bin, *args], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, (args, out.stdout, out.stderr)
        return out.stdout.strip()

    def sql(self, statement, params=()):
        """Runs one SQL statement on the server's database behind its back (a test's inspection or
        tampering) and returns its rows as tuples: integers as int, blobs as bytes, NULL as None.
        `?` parameters; on PostgreSQL they are inlined as literals (psql has no bind parameters)."""
        if not self.postgres:
            with sqlite3.connect(self.db, timeout=10) as db:
                return [tuple(row) for row in db.execute(statement, params).fetchall()]
        parts = statement.split("?")
        assert len(parts) == len(params) + 1, statement

        def literal(value):
            if value is None:
                return "NULL"
            if isinstance(value, int):
                return str(value)
            return "'" + str(value).replace("'", "''") + "'"

        inlined = parts[0] + "".join(literal(value) + part for value, part in zip(params, parts[1:]))

        def typed(field):
            if field is None:
                return None
            if field.startswith("\\x"):
                return bytes.fromhex(field[2:])
            return int(field) if field.lstrip("-").isdigit() else field

        return [tuple(typed(field) for field in row) for row in self.postgres.psql(self.pg_database, inlined)]

    def start(self):
        self.proc = subprocess.Popen([self.bin, "serve", *self.db_args, "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        self.port = int(line.rsplit(":", 1)[1])

    def stop(self):
        self.proc.terminate()
        assert self.proc.wait(timeout=30) == 0

    def log_lines_once(self, ready, timeout=10):
        """The server log's lines, read once `ready(lines)` holds (or, for a string, once a line contains
        it). The server writes its log from a thread of its own, a moment after answering, so a test that
        just got an answer waits for the answer's line (up to `timeout` seconds, then fails)."""
        check = (lambda lines: any(ready in line for line in lines)) if isinstance(ready, str) else ready
        deadline = time.monotonic() + timeout
        while True:
            with open(self.log.name, encoding="utf-8", errors="replace") as log:
                lines = log.read().splitlines()
            if check(lines):
                return lines
            assert time.monotonic() < deadline, f"the server log did not get the expected lines within {timeout} s"
            time.sleep(0.01)


@pytest.fixture(scope="session")
def postgres():
    """The PostgreSQL server of a PostgreSQL run, else None."""
    if DATABASE != "postgresql":
        yield None
        return
    # Imported here: other suites load this file by path (Tests/Browser), where this folder is not on sys.path.
    from postgres_server import PostgresServer
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def server(postgres):
    with tempfile.TemporaryDirectory() as tmp:
        s = Server(tmp, postgres)
        s.cli("users", "add", *s.db_args, "--org", "E2E Billing", "--email", "ann@e2e.test", "--name", "Ann Biller")
        s.cli("users", "add", *s.db_args, "--org", "E2E Billing", "--email", "bo@e2e.test", "--name", "Bo Biller")
        s.token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Billing", "--email", "ann@e2e.test")
        s.other_token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Billing", "--email", "bo@e2e.test")
        s.cli("users", "add", *s.db_args, "--org", "E2E Billing", "--email", "vic@e2e.test", "--name", "Vic Viewer", "--role", "viewer")
        s.cli("users", "add", *s.db_args, "--org", "E2E Billing", "--email", "bill@e2e.test", "--name", "Bill Biller", "--role", "biller")
        s.viewer_token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Billing", "--email", "vic@e2e.test")
        s.biller_token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Billing", "--email", "bill@e2e.test")
        # A second organization with the same real claims, for the dashboard script, so its
        # figures depend on nothing the other tests do.
        s.cli("users", "add", *s.db_args, "--org", "E2E Dashboards", "--email", "dee@e2e.test", "--name", "Dee Manager")
        s.cli("users", "add", *s.db_args, "--org", "E2E Dashboards", "--email", "eli@e2e.test", "--name", "Eli Biller")
        s.dash_token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Dashboards", "--email", "dee@e2e.test")
        s.dash_other_token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Dashboards", "--email", "eli@e2e.test")
        s.cli("users", "add", *s.db_args, "--org", "E2E Wire", "--email", "wes@e2e.test", "--name", "Wes Wire")
        s.wire_token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Wire", "--email", "wes@e2e.test")
        s.cli("users", "add", *s.db_args, "--org", "E2E Wire", "--email", "ada@e2e.test", "--name", "Ada Auditor")
        s.audit_token = s.cli("tokens", "create", *s.db_args, "--org", "E2E Wire", "--email", "ada@e2e.test")
        if FIXTURE.exists():
            s.cli("import-claims", *s.db_args, "--org", "E2E Dashboards", str(FIXTURE))
            s.cli("import-claims", *s.db_args, "--org", "E2E Wire", str(FIXTURE))
            s.import_output = s.cli("import-claims", *s.db_args, "--org", "E2E Billing", str(FIXTURE))
            s.reimport_output = s.cli("import-claims", *s.db_args, "--org", "E2E Billing", str(FIXTURE))
        s.start()
        yield s
        s.stop()


@pytest.fixture(scope="session")
def client(server):
    return Client(server.port, server.token)


@pytest.fixture(scope="session")
def dash_client(server):
    return Client(server.port, server.dash_token)


@pytest.fixture(scope="session")
def wire_client(server):
    """A third organization whose data only the wire-level tests touch."""
    return Client(server.port, server.wire_token)


@pytest.fixture(scope="session")
def fixture_data():
    if not FIXTURE.exists():
        pytest.skip(f"{FIXTURE} is absent: the real-claims end-to-end test cannot run here")
    return json.loads(FIXTURE.read_text())


def pytest_collection_modifyitems(items):
    """The log check reads what every other test made the server write: run it last."""
    items.sort(key=lambda item: item.module.__name__ == "test_logs")
