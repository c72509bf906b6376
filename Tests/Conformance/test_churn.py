"""Acceptance: 10,000 connections opened and dropped at random points (before the
request, mid-headers, mid-body, mid-response, with FIN or RST), from 4 threads.
Afterwards the server still answers, and within a settle period (polled, at most
20 s) its descriptor count and RSS are back near the baseline:

    "near" := fds <= baseline + 5, VmRSS <= baseline + 30 MB, threads <= baseline + 16

The baseline is taken after a warm-up of 400 mixed requests, so the database pool,
Dispatch's worker threads and the allocator's arenas already exist.
"""
import random
import socket
import threading
import time

from conformance_support import exchange, read_responses, reset_close, wait_until

HOST_LINE = b"Host: conf.test\r\n"
TOTAL = 10_000
THREADS = 4
FD_SLACK = 5
RSS_SLACK_KB = 30 * 1024
THREAD_SLACK = 16


def requests(token):
    auth = b"Authorization: Bearer " + token.encode() + b"\r\n"
    get = b"GET /healthz HTTP/1.1\r\n" + HOST_LINE + b"\r\n"
    subjects = b"GET /v1/subjects HTTP/1.1\r\n" + HOST_LINE + auth + b"Accept-Encoding: gzip\r\n\r\n"
    body = b'{"first_name":"Churn","last_name":"Test"}'
    post = (b"POST /v1/patients HTTP/1.1\r\n" + HOST_LINE + auth
            + b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    chunked = (b"POST /healthz HTTP/1.1\r\n" + HOST_LINE + b"Transfer-Encoding: chunked\r\n\r\n"
               + b"400\r\n" + b"c" * 0x400 + b"\r\n0\r\n\r\n")
    csv = b"GET /v1/cases?view=all HTTP/1.1\r\n" + HOST_LINE + auth + b"Accept: text/csv\r\n\r\n"   # a streamed body
    return get, subjects + csv, post, chunked


def one_connection(rng, port, reqs):
    get, subjects, post, chunked = reqs
    mode = rng.randrange(7)
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        return "connect-failed"
    abrupt = rng.random() < 0.5
    try:
        if mode == 0:                                    # connect, then vanish
            pass
        elif mode == 1:                                  # mid-headers
            s.sendall(get[:rng.randrange(1, len(get) - 2)])
        elif mode == 2:                                  # mid-body (Content-Length)
            big = b"POST /healthz HTTP/1.1\r\n" + HOST_LINE + b"Content-Length: 50000\r\n\r\n"
            s.sendall(big + b"b" * rng.randrange(0, 20000))
        elif mode == 3:                                  # mid-body (chunked)
            s.sendall(chunked[:rng.randrange(len(chunked) - 600, len(chunked) - 1)])
        elif mode == 4:                                  # mid-response: many pipelined, read a little
            s.sendall(subjects * rng.randrange(1, 40) + get * rng.randrange(1, 100))
            if rng.random() < 0.5:
                s.recv(rng.randrange(1, 2000))
        elif mode == 5:                                  # complete exchange, keep-alive, then vanish
            s.sendall(post if rng.random() < 0.1 else get)
            read_responses(s, 1, timeout=5)
        else:                                            # a bad request mid-way through the stream
            s.sendall(get + b"GET /x HTTP/1.1\r\nBad Header\r\n\r\n" + get)
        if abrupt:
            reset_close(s)
        else:
            s.close()
    except OSError:
        s.close()
        return "oserror"
    return "ok"


def snapshot(server):
    return {"fds": server.fd_count(), "rss_kb": server.rss_kb(), "threads": server.threads()}


def test_ten_thousand_dropped_connections_leave_no_leak(server):
    reqs = requests(server.token)
    # warm-up: mixed, concurrent, complete requests
    def warm(n):
        for i in range(n):
            responses, how, _ = exchange(server.port, [reqs[0], reqs[1], reqs[2]][i % 3]
                                         + b"GET /healthz HTTP/1.1\r\n" + HOST_LINE + b"Connection: close\r\n\r\n")
            assert responses and responses[-1].status == 200
    workers = [threading.Thread(target=warm, args=(100,)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    time.sleep(0.5)
    baseline = snapshot(server)

    outcomes = {}
    lock = threading.Lock()
    deadline = time.monotonic() + 90

    def churn(seed, count):
        rng = random.Random(seed)
        local = {}
        for _ in range(count):
            if time.monotonic() > deadline:
                local["deadline"] = local.get("deadline", 0) + 1
                break
            result = one_connection(rng, server.port, reqs)
            local[result] = local.get(result, 0) + 1
        with lock:
            for k, v in local.items():
                outcomes[k] = outcomes.get(k, 0) + v

    start = time.monotonic()
    threads = [threading.Thread(target=churn, args=(1000 + i, TOTAL // THREADS)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=100)
    elapsed = time.monotonic() - start
    assert "deadline" not in outcomes, outcomes
    assert sum(outcomes.values()) == TOTAL, outcomes
    assert server.alive()

    # still answers, on a fresh connection
    responses, how, _ = exchange(server.port, b"GET /healthz HTTP/1.1\r\n" + HOST_LINE + b"Connection: close\r\n\r\n")
    assert [r.status for r in responses] == [200]

    def settled():
        now = snapshot(server)
        return (now["fds"] <= baseline["fds"] + FD_SLACK and now["rss_kb"] <= baseline["rss_kb"] + RSS_SLACK_KB
                and now["threads"] <= baseline["threads"] + THREAD_SLACK) and now
    after = wait_until(settled, 20, interval=0.2)
    final = snapshot(server)
    print(f"\nchurn: {TOTAL} connections in {elapsed:.1f}s, outcomes {outcomes}; "
          f"baseline {baseline}, after {final}")
    assert after, f"not back near baseline: baseline {baseline}, after {final}"
