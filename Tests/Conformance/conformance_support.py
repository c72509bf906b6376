"""Raw-socket, response-parsing and process helpers for the conformance suite
(see conftest.py). A module of its own name, so it never clashes with another
suite's conftest."""
import os
import pathlib
import signal
import socket
import struct
import subprocess
import time

import h11

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"

# Limits the main conformance server runs with (small, so the limit cases are quick).
LIMITS = {
    "--max-request-line-bytes": 2048,
    "--max-header-bytes": 4096,
    "--max-header-count": 20,
    "--max-body-bytes": 65536,
}


def binary():
    path = os.environ.get("CASEWORK_BIN")
    if not path:
        path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip() + "/casework"
    return path


class Server:
    """One `casework serve` process on a port the kernel picks."""

    def __init__(self, db, args=(), preexec_fn=None, log_dir=None):
        self.db = db
        self.args = [str(a) for a in args]
        self.preexec_fn = preexec_fn
        self.log_path = os.path.join(log_dir or os.path.dirname(db), f"serve-{time.monotonic_ns()}.log")
        self.proc = None

    def start(self):
        self.log = open(self.log_path, "w+")
        self.proc = subprocess.Popen([binary(), "serve", "--db", self.db, "--port", "0", *self.args],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True,
                                     preexec_fn=self.preexec_fn)
        line = self.proc.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), (line, self.stderr())
        self.port = int(line.rsplit(":", 1)[1])
        self.pid = self.proc.pid
        return self

    def stderr(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def config_line(self):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for line in self.stderr().splitlines():
                if line.startswith("http configuration:"):
                    return line
            time.sleep(0.02)
        raise AssertionError("no configuration line on stderr: " + self.stderr())

    def alive(self):
        return self.proc.poll() is None

    def stop(self, timeout=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
                raise AssertionError("server did not exit after SIGTERM")
            assert code == 0, (code, self.stderr()[-2000:])

    # /proc measurements of the server process
    def fd_count(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def status_field(self, name):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
        raise KeyError(name)

    def rss_kb(self):
        return self.status_field("VmRSS")

    def threads(self):
        return self.status_field("Threads")


# ---------------------------------------------------------------------------
# Raw socket helpers


def connect(port, timeout=5.0):
    s = socket.create_connection((HOST, port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def reset_close(s):
    """Close with RST (SO_LINGER 0): the peer vanishes abruptly."""
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    s.close()


def read_until_close(s, timeout=5.0, limit=1 << 22):
    """Reads until EOF; returns (bytes, how) with how in {"eof", "reset", "timeout"}."""
    deadline = time.monotonic() + timeout
    data = b""
    while len(data) < limit:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return data, "timeout"
        s.settimeout(remaining)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            return data, "timeout"
        except (ConnectionResetError, BrokenPipeError):
            return data, "reset"
        if not chunk:
            return data, "eof"
        data += chunk
    return data, "limit"


class Response:
    def __init__(self, status, reason, headers, body, raw_head):
        self.status = status
        self.reason = reason
        self.headers = headers          # list of (lowercase name, value)
        self.body = body
        self.raw_head = raw_head

    def header(self, name):
        values = [v for n, v in self.headers if n == name.lower()]
        assert len(values) <= 1, (name, values)
        return values[0] if values else None

    def tokens(self, name):
        return [t.strip().lower() for n, v in self.headers if n == name.lower() for t in v.split(",") if t.strip()]

    @property
    def closes(self):
        return "close" in self.tokens("connection")

    def __repr__(self):
        return f"<Response {self.status} {self.headers} body={self.body[:200]!r}>"


def parse_responses(data, head_requests=()):
    """Splits a byte stream into responses, strictly: CRLF line ends, HTTP/1.1 status
    lines, Content-Length or chunked framing. `head_requests` holds the indexes of
    responses that answer HEAD (no body whatever the framing says).
    Returns (responses, leftover bytes)."""
    responses = []
    rest = data
    while rest:
        end = rest.find(b"\r\n\r\n")
        if end < 0:
            break
        head = rest[:end].decode("latin-1")
        lines = head.split("\r\n")
        assert "\n" not in head.replace("\r\n", ""), head
        version, code, reason = (lines[0].split(" ", 2) + [""])[:3]
        assert version == "HTTP/1.1", lines[0]
        assert len(code) == 3 and code.isdigit(), lines[0]
        headers = []
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            assert sep and name and name == name.strip(), line
            headers.append((name.lower(), value.strip()))
        status = int(code)
        body_start = end + 4
        response = Response(status, reason, headers, b"", rest[:body_start])
        names = [n for n, _ in headers]
        if len(responses) in head_requests or status in (204, 304) or 100 <= status < 200:
            body_end = body_start
        elif "transfer-encoding" in names:
            assert response.tokens("transfer-encoding")[-1] == "chunked"
            pos, body = body_start, b""
            while True:
                line_end = rest.find(b"\r\n", pos)
                if line_end < 0:
                    return responses, rest
                size = int(rest[pos:line_end].split(b";")[0], 16)
                pos = line_end + 2
                if size == 0:
                    trailer_end = rest.find(b"\r\n\r\n", pos - 2)
                    body_end = trailer_end + 4
                    break
                body += rest[pos:pos + size]
                assert rest[pos + size:pos + size + 2] == b"\r\n"
                pos += size + 2
            response.body = body
        else:
            length = response.header("content-length")
            if length is None:      # close-delimited (HTTP/1.0 streamed body): the rest
                assert response.closes, ("response without framing", head)
                length = len(rest) - body_start
            body_end = body_start + int(length)
            if len(rest) < body_end:
                break
            response.body = rest[body_start:body_end]
        responses.append(response)
        rest = rest[body_end:]
    return responses, rest


def exchange(port, data, timeout=5.0, head_requests=(), shut=False):
    """Sends `data` at once, reads until the server closes (or `timeout`);
    returns (responses, how, leftover)."""
    s = connect(port)
    try:
        s.sendall(data)
        if shut:
            s.shutdown(socket.SHUT_WR)
        raw, how = read_until_close(s, timeout)
    finally:
        s.close()
    responses, leftover = parse_responses(raw, head_requests)
    return responses, how, leftover


def read_responses(s, count, timeout=5.0, head_requests=()):
    """Reads from an open socket until `count` complete responses arrived."""
    deadline = time.monotonic() + timeout
    data = b""
    while True:
        responses, _ = parse_responses(data, head_requests)
        if len(responses) >= count:
            return responses
        remaining = deadline - time.monotonic()
        assert remaining > 0, ("timed out waiting for responses", data)
        s.settimeout(remaining)
        chunk = s.recv(65536)
        assert chunk, ("connection closed early", data)
        data += chunk


def wait_until(condition, timeout, interval=0.05):
    """Polls `condition` until it returns truthy or `timeout` passes; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def h11_parse(raw, methods=("GET",)):
    """Parses a response stream with h11, a strict independent implementation, as the
    answers to requests with `methods`; returns [(status, headers, body, keeps_alive)]."""
    conn = h11.Connection(our_role=h11.CLIENT)
    conn.receive_data(raw)
    conn.receive_data(b"")
    results = []
    for method in methods:
        conn.send(h11.Request(method=method, target="/", headers=[("Host", "conf.test")]))
        conn.send(h11.EndOfMessage())
        response, body = None, b""
        while True:
            event = conn.next_event()
            if isinstance(event, h11.InformationalResponse):
                continue
            if isinstance(event, h11.Response):
                response = event
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                break
            else:
                raise AssertionError(f"h11 got {event!r} before the end of the response")
        headers = [(n.decode().lower(), v.decode()) for n, v in response.headers]
        results.append((response.status_code, headers, body, conn.their_state is h11.DONE))
        if conn.their_state is not h11.DONE:
            break
        conn.start_next_cycle()
    return results


def rejected(port, data, status, timeout=5.0):
    """Asserts `data` gets exactly one response, `status` with `Connection: close`,
    and that the server then closes the socket."""
    responses, how, leftover = exchange(port, data, timeout)
    assert len(responses) == 1, (responses, how, leftover)
    response = responses[0]
    assert response.status == status, response
    assert response.closes, response
    assert response.header("content-type") == "application/problem+json", response
    assert how == "eof", how
    assert leftover == b""
    ((h_status, h_headers, h_body, h_keeps_alive),) = h11_parse(response.raw_head + response.body)
    assert (h_status, h_body, h_keeps_alive) == (status, response.body, False)
    return response


