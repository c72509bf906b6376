"""Conformance suite for Casework's HTTP/1.1 server (issue 4, items 1-3).

Starts the real `casework serve` binary on a temporary database and talks to it over
127.0.0.1 with raw sockets: each test sends exact bytes and checks the exact response
(status line, key headers, `Connection: close`, and whether the server closed the
socket). `h11` serves as a strict, independent client where a well-formed exchange is
the point. Every wait is bounded.
"""
import os
import subprocess
import tempfile

import pytest

from conformance_support import LIMITS, Server, binary

# ---------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="session")
def workdir():
    with tempfile.TemporaryDirectory(prefix="casework-conformance-") as tmp:
        yield tmp


@pytest.fixture(scope="session")
def database(workdir):
    db = os.path.join(workdir, "casework.sqlite")

    def cli(*args):
        out = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, (args, out.stdout, out.stderr)
        return out.stdout.strip()

    cli("users", "add", "--db", db, "--org", "Conformance", "--email", "wire@conf.test", "--name", "Wire Tester")
    token = cli("tokens", "create", "--db", db, "--org", "Conformance", "--email", "wire@conf.test")
    return db, token


@pytest.fixture(scope="session")
def server(database, workdir):
    """The main server: default timeouts, small size limits."""
    db, token = database
    args = [x for pair in LIMITS.items() for x in pair]
    s = Server(db, args, log_dir=workdir).start()
    s.token = token
    yield s
    s.stop()


@pytest.fixture
def make_server(database, workdir):
    """Starts extra servers with their own flags; stops (SIGTERM, exit 0) those still running."""
    started = []

    def make(*args, preexec_fn=None):
        s = Server(database[0], args, preexec_fn=preexec_fn, log_dir=workdir).start()
        s.token = database[1]
        started.append(s)
        return s

    yield make
    for s in started:
        if s.alive():
            s.stop()
