"""Issue 11 item 3: logging is off the request path. With the server's stderr on a pipe that nobody
reads, every request is still answered (lines that do not fit the log buffer are dropped and
counted); once a reader drains the pipe, a "dropped N log lines" line says how many were lost."""
import concurrent.futures
import http.client
import os
import re
import subprocess
import threading
import time

from conftest import binary

REQUESTS = 10_000
CONNECTIONS = 4


def ask_health(port, count):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    answered = 0
    for _ in range(count):
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        response.read()
        answered += response.status == 200
    connection.close()
    return answered


def test_a_stalled_log_reader_never_stalls_requests(tmp_path):
    read_end, write_end = os.pipe()
    server = subprocess.Popen([binary(), "serve", "--db", str(tmp_path / "stall.sqlite"), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=write_end, text=True)
    os.close(write_end)
    try:
        line = server.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1])
        # Nobody reads stderr: the pipe (64 KiB) fills after a few hundred request lines.
        with concurrent.futures.ThreadPoolExecutor(CONNECTIONS) as pool:
            answered = sum(pool.map(lambda _: ask_health(port, REQUESTS // CONNECTIONS), range(CONNECTIONS)))
        assert answered == REQUESTS

        # Now a reader drains the pipe; the server owns up to the lines it had to drop.
        seen = []
        found = threading.Event()

        def drain():
            buffered = b""
            while True:
                chunk = os.read(read_end, 65536)
                if not chunk:
                    return
                buffered += chunk
                match = re.search(rb"dropped (\d+) log lines", buffered)
                if match:
                    seen.append(int(match.group(1)))
                    found.set()
                    buffered = b""
                else:
                    buffered = buffered[-200:]
        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        assert found.wait(20), "no 'dropped N log lines' line after the pipe drained"
        assert seen[0] > 0
        assert ask_health(port, 1) == 1                       # and the server is still there
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
        os.close(read_end)


def test_a_stderr_that_refuses_writes_costs_lines_not_the_server(tmp_path):
    """stderr on /dev/full (every write fails): the server starts, answers and stops cleanly."""
    with open("/dev/full", "w") as full:
        server = subprocess.Popen([binary(), "serve", "--db", str(tmp_path / "full.sqlite"), "--port", "0"],
                                  stdout=subprocess.PIPE, stderr=full, text=True)
    try:
        line = server.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        assert ask_health(int(line.rsplit(":", 1)[1]), 100) == 100
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
