"""Idle keep-alive connections held against a server (bench/bench_http.py): the RSS they cost,
the descriptors they hold, and the CPU the server uses while they sit idle.

Python 3 standard library only; traffic to 127.0.0.1 only.
"""

import os
import re
import resource
import socket
import time
from pathlib import Path

IDLE_CONNECTIONS = 1000
IDLE_CPU_SECONDS = 10


def proc_status(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB
    return 0


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def read_response(sock):
    """Reads one HTTP/1.1 response with a Content-Length body; returns its status (0 on EOF)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return 0
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    length = int(match.group(1)) if match else 0
    while len(rest) < length:
        chunk = sock.recv(4096)
        if not chunk:
            return 0
        rest += chunk
    return int(head.split(b" ", 2)[1])


def cpu_ticks(pid):
    """utime + stime of the process, in clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def idle_connections(server, count):
    """VmRSS (kB) before and with `count` idle keep-alive connections, each having had one request,
    and the server's CPU (percent of one core) over IDLE_CPU_SECONDS while they are held."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < count + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1000), hard))
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    time.sleep(0.5)
    result = {"baseline_kb": proc_status(server.pid, "VmRSS"), "baseline_fds": open_fds(server.pid)}
    sockets = []
    answered = 0
    started = time.monotonic()
    try:
        for batch in range(0, count, 100):
            group = []
            for _ in range(min(100, count - batch)):
                sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
                sock.sendall(request)
                group.append(sock)
            for sock in group:
                answered += read_response(sock) == 200
            sockets.extend(group)
        time.sleep(1.0)
        result["held_kb"] = proc_status(server.pid, "VmRSS")
        result["held_fds"] = open_fds(server.pid)
        result["answered"] = answered
        result["open_seconds"] = round(time.monotonic() - started, 2)
        # Still open? One more request on each held connection.
        alive = 0
        for sock in sockets:
            try:
                sock.sendall(request)
            except OSError:
                continue
        for sock in sockets:
            try:
                alive += read_response(sock) == 200
            except OSError:
                pass
        result["still_open"] = alive
        # CPU while the connections sit idle: user + system ticks of the whole process.
        before = cpu_ticks(server.pid)
        time.sleep(IDLE_CPU_SECONDS)
        result["idle_cpu_percent"] = round(
            100 * (cpu_ticks(server.pid) - before) / os.sysconf("SC_CLK_TCK") / IDLE_CPU_SECONDS, 2)
    finally:
        for sock in sockets:
            sock.close()
    time.sleep(1.0)
    result["after_close_kb"] = proc_status(server.pid, "VmRSS")
    result["per_connection_kb"] = round((result["held_kb"] - result["baseline_kb"]) / count, 1)
    return result
