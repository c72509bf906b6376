"""Item 1: message framing per RFC 9112, each as an exact byte exchange."""
import json
import time

import h11

from conformance_support import LIMITS, connect, exchange, h11_parse, parse_responses, read_responses, read_until_close

H = b"Host: conf.test\r\n"


def auth(server):
    return f"Authorization: Bearer {server.token}\r\n".encode()


def test_h11_strict_client_get_and_keep_alive(server):
    """h11 (an independent, strict implementation) accepts two responses on one connection."""
    s = connect(server.port)
    conn = h11.Connection(our_role=h11.CLIENT)
    try:
        for _ in range(2):
            s.sendall(conn.send(h11.Request(method="GET", target="/healthz", headers=[("Host", "conf.test")])))
            s.sendall(conn.send(h11.EndOfMessage()))
            events = []
            while not events or type(events[-1]) is not h11.EndOfMessage:
                event = conn.next_event()
                if event is h11.NEED_DATA:
                    conn.receive_data(s.recv(65536))
                    continue
                events.append(event)
            response = events[0]
            assert isinstance(response, h11.Response) and response.status_code == 200
            body = b"".join(e.data for e in events if isinstance(e, h11.Data))
            assert json.loads(body) == {"status": "ok"}
            assert conn.our_state is h11.DONE and conn.their_state is h11.DONE
            conn.start_next_cycle()
    finally:
        s.close()


def test_chunked_request_body_with_extensions_and_trailers(server):
    """Chunked body: chunk extensions ignored, trailer fields read and dropped; the
    de-chunked JSON reaches the application (echoed back in the 201 body)."""
    body = json.dumps({"first_name": "Chunky", "last_name": "Framing"}).encode()
    a, b = body[:7], body[7:]
    request = (b"POST /v1/patients HTTP/1.1\r\n" + H + auth(server)
               + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
               + b"%x;name=value;flag\r\n" % len(a) + a + b"\r\n"
               + b"%X ; ext=\"quoted\"\r\n" % len(b) + b + b"\r\n"
               + b"0\r\nX-Trailer: dropped\r\nX-Other: also\r\n\r\n"
               + b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    responses, how, _ = exchange(server.port, request)
    assert [r.status for r in responses] == [201, 200], responses
    created = json.loads(responses[0].body)
    assert (created["first_name"], created["last_name"]) == ("Chunky", "Framing")
    assert not responses[0].closes
    assert responses[1].closes and how == "eof"


def test_chunked_body_through_h11(server):
    """The same through h11, which frames the chunks itself."""
    body = json.dumps({"first_name": "Ada", "last_name": "H11"}).encode()
    s = connect(server.port)
    conn = h11.Connection(our_role=h11.CLIENT)
    try:
        s.sendall(conn.send(h11.Request(method="POST", target="/v1/patients", headers=[
            ("Host", "conf.test"), ("Authorization", f"Bearer {server.token}"),
            ("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")])))
        for i in range(0, len(body), 5):
            s.sendall(conn.send(h11.Data(data=body[i:i + 5])))
        s.sendall(conn.send(h11.EndOfMessage()))
        events = []
        while not events or type(events[-1]) is not h11.EndOfMessage:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                conn.receive_data(s.recv(65536))
            else:
                events.append(event)
        assert events[0].status_code == 201
        assert json.loads(b"".join(e.data for e in events if isinstance(e, h11.Data)))["last_name"] == "H11"
    finally:
        s.close()


def test_expect_100_continue_is_sent_before_the_body(server):
    body = b'{"first_name":"Exp","last_name":"Ect"}'
    s = connect(server.port)
    try:
        s.sendall(b"POST /v1/patients HTTP/1.1\r\n" + H + auth(server)
                  + b"Content-Type: application/json\r\nExpect: 100-continue\r\n"
                  + b"Content-Length: %d\r\n\r\n" % len(body))
        s.settimeout(5)
        interim = s.recv(65536)
        assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
        s.sendall(body)
        (response,) = read_responses(s, 1)
        assert response.status == 201 and not response.closes
    finally:
        s.close()


def test_expect_100_continue_not_sent_when_body_is_rejected(server):
    """Declared body over the limit: 413 straight away, never 100, then close."""
    s = connect(server.port)
    try:
        s.sendall(b"POST /v1/patients HTTP/1.1\r\n" + H + b"Expect: 100-continue\r\n"
                  + b"Content-Length: 10000000\r\n\r\n")
        raw, how = read_until_close(s)
    finally:
        s.close()
    assert raw.startswith(b"HTTP/1.1 413 "), raw
    assert b"100 Continue" not in raw
    (response,), _ = parse_responses(raw)
    assert response.closes and how == "eof"


def test_expect_100_continue_not_sent_without_a_body(server):
    responses, how, _ = exchange(server.port, b"GET /healthz HTTP/1.1\r\n" + H
                                 + b"Expect: 100-continue\r\nConnection: close\r\n\r\n")
    assert [r.status for r in responses] == [200]
    assert how == "eof"


def test_head_has_get_headers_and_no_body(server):
    get, _, _ = exchange(server.port, b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    request = (b"HEAD /healthz HTTP/1.1\r\n" + H + b"\r\n"
               + b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    responses, how, leftover = exchange(server.port, request, head_requests=(0,))
    assert [r.status for r in responses] == [200, 200] and leftover == b""
    head = responses[0]
    assert head.header("content-length") == str(len(get[0].body))
    assert head.header("content-type") == get[0].header("content-type")
    assert responses[1].body == get[0].body     # so HEAD sent no body bytes in between
    assert how == "eof"


def test_http10_closes_by_default(server):
    s = connect(server.port)
    try:
        s.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
        raw, how = read_until_close(s)
    finally:
        s.close()
    (response,), leftover = parse_responses(raw)
    assert response.status == 200 and response.closes and how == "eof" and leftover == b""


def test_http10_keep_alive_stays_open(server):
    s = connect(server.port)
    try:
        s.sendall(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        (first,) = read_responses(s, 1)
        assert first.status == 200
        assert first.tokens("connection") == ["keep-alive"]
        s.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
        raw, how = read_until_close(s)
        (second,), _ = parse_responses(raw)
        assert second.status == 200 and second.closes and how == "eof"
    finally:
        s.close()


def test_pipelined_requests_are_answered_in_order(server):
    request = (b"GET /healthz HTTP/1.1\r\n" + H + b"\r\n"
               + b"GET /no/such/path HTTP/1.1\r\n" + H + b"\r\n"
               + b"HEAD /healthz HTTP/1.1\r\n" + H + b"\r\n"
               + b"GET /v1/me HTTP/1.1\r\n" + H + b"\r\n"
               + b"GET /v1/me HTTP/1.1\r\n" + H + auth(server) + b"\r\n"
               + b"PUT /healthz HTTP/1.1\r\n" + H + b"Content-Length: 3\r\n\r\nabc"
               + b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    responses, how, leftover = exchange(server.port, request, head_requests=(2,))
    assert [r.status for r in responses] == [200, 404, 200, 401, 200, 405, 200], responses
    raw = b"".join(r.raw_head + r.body for r in responses)
    checked = h11_parse(raw, ["GET", "GET", "HEAD", "GET", "GET", "PUT", "GET"])
    assert [c[0] for c in checked] == [200, 404, 200, 401, 200, 405, 200]
    assert [c[3] for c in checked] == [True] * 6 + [False]
    assert "wire@conf.test" in responses[4].body.decode()
    assert set(responses[5].tokens("allow")) == {"get", "head"}
    assert [r.closes for r in responses] == [False] * 6 + [True]
    assert how == "eof" and leftover == b""


def test_pipelined_requests_sent_byte_by_byte(server):
    request = (b"GET /healthz HTTP/1.1\r\n" + H + b"\r\n") * 2 + b"GET /x HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"
    s = connect(server.port)
    try:
        for i in range(len(request)):
            s.send(request[i:i + 1])
        raw, how = read_until_close(s)
    finally:
        s.close()
    responses, _ = parse_responses(raw)
    assert [r.status for r in responses] == [200, 200, 404] and how == "eof"


def test_unread_request_body_is_drained_before_the_next_request(server):
    """/healthz ignores bodies: the body bytes (which look like a request) must be
    skipped, not parsed as the next request."""
    smuggled = b"GET /v1/me HTTP/1.1\r\n" + H + b"\r\n"
    chunked = b"%x\r\n" % len(smuggled) + smuggled + b"\r\n0\r\n\r\n"
    request = (b"POST /healthz HTTP/1.1\r\n" + H + b"Content-Length: %d\r\n\r\n" % len(smuggled) + smuggled
               + b"GET /healthz HTTP/1.1\r\n" + H + b"Content-Length: %d\r\n\r\n" % len(smuggled) + smuggled
               + b"POST /healthz HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\n" + chunked
               + b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    responses, how, _ = exchange(server.port, request)
    assert [r.status for r in responses] == [405, 200, 405, 200], responses
    assert how == "eof"


def test_body_arriving_slowly_is_read_whole(server):
    body = b'{"first_name":"Slow","last_name":"Body"}'
    s = connect(server.port)
    try:
        s.sendall(b"POST /v1/patients HTTP/1.1\r\n" + H + auth(server)
                  + b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
        for i in range(0, len(body), 10):
            time.sleep(0.02)
            s.sendall(body[i:i + 10])
        (response,) = read_responses(s, 1)
        assert response.status == 201
        assert json.loads(response.body)["last_name"] == "Body"
    finally:
        s.close()


def test_absolute_form_target_and_leading_crlf(server):
    responses, how, _ = exchange(server.port, b"\r\nGET http://conf.test/healthz HTTP/1.1\r\n" + H
                                 + b"Connection: close\r\n\r\n")
    assert [r.status for r in responses] == [200] and how == "eof"


def test_connection_close_is_honoured(server):
    responses, how, _ = exchange(server.port, b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"
                                 + b"GET /healthz HTTP/1.1\r\n" + H + b"\r\n")
    assert [r.status for r in responses] == [200] and responses[0].closes and how == "eof"


def test_client_half_close_still_gets_its_responses(server):
    request = (b"GET /healthz HTTP/1.1\r\n" + H + b"\r\n") * 3
    responses, how, _ = exchange(server.port, request, shut=True)
    assert [r.status for r in responses] == [200, 200, 200] and how == "eof"


def test_gzip_response_is_well_framed(server):
    """Compressed responses keep exact framing (Content-Length matches the bytes)."""
    import gzip
    responses, how, leftover = exchange(server.port, b"GET /v1/subjects HTTP/1.1\r\n" + H + auth(server)
                                        + b"Accept-Encoding: gzip\r\nConnection: close\r\n\r\n")
    assert len(responses) == 1 and leftover == b"" and how == "eof"
    r = responses[0]
    assert r.status == 200
    if r.header("content-encoding") == "gzip":
        json.loads(gzip.decompress(r.body))
    else:
        json.loads(r.body)


def test_many_pipelined_requests_in_one_write(server):
    """2,000 requests in one burst are all answered, in order, while the client reads
    concurrently (the server bounds what it buffers but must not stall)."""
    import threading
    count = 2000
    request = b"".join(b"GET /healthz?n=%d HTTP/1.1\r\n" % i + H + b"\r\n" for i in range(count - 1))
    request += b"GET /no/such/%d HTTP/1.1\r\n" % (count - 1) + H + b"Connection: close\r\n\r\n"
    s = connect(server.port)
    sender = threading.Thread(target=s.sendall, args=(request,))
    sender.start()
    try:
        raw, how = read_until_close(s, timeout=20)
    finally:
        sender.join(timeout=20)
        s.close()
    responses, leftover = parse_responses(raw)
    assert len(responses) == count and leftover == b"" and how == "eof"
    assert all(r.status == 200 for r in responses[:-1]) and responses[-1].status == 404


def test_body_exactly_at_the_limit_is_accepted(server):
    limit = LIMITS["--max-body-bytes"]
    body = b"x" * limit
    responses, how, _ = exchange(server.port, b"POST /healthz HTTP/1.1\r\n" + H + b"Content-Length: %d\r\n\r\n" % limit
                                 + body + b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    assert [r.status for r in responses] == [405, 200] and how == "eof"
    half = limit // 2
    chunked = (b"%x\r\n" % half + b"y" * half + b"\r\n") * 2 + b"0\r\n\r\n"
    responses, how, _ = exchange(server.port, b"POST /healthz HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\n"
                                 + chunked + b"GET /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    assert [r.status for r in responses] == [405, 200] and how == "eof"


def test_streamed_response_framing_http11_chunked_and_http10_close_delimited(server):
    """A streamed body (the CSV export) is chunked for HTTP/1.1 and close-delimited
    for HTTP/1.0, and both parse the same under h11."""
    request = (b"GET /v1/cases?view=all HTTP/1.%d\r\n" + H + auth(server) + b"Accept: text/csv\r\n%s\r\n")
    chunked, how, leftover = exchange(server.port, request % (1, b"Connection: close\r\n"))
    assert len(chunked) == 1 and how == "eof" and leftover == b""
    assert chunked[0].tokens("transfer-encoding") == ["chunked"] and chunked[0].closes
    assert chunked[0].body.startswith(b"number,")
    plain, how, _ = exchange(server.port, request % (0, b""))
    assert len(plain) == 1 and how == "eof"
    assert plain[0].header("transfer-encoding") is None and plain[0].header("content-length") is None
    assert plain[0].closes and plain[0].body == chunked[0].body
    for r in (chunked[0], plain[0]):
        ((status, _, body, _),) = h11_parse(r.raw_head + (r.body if r is plain[0] else
                                             b"%x\r\n" % len(r.body) + r.body + b"\r\n0\r\n\r\n"))
        assert status == 200 and body == chunked[0].body
