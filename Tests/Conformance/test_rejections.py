"""Item 2: rejections, each with the right status, `Connection: close`, and the
server closing the socket afterwards. Every case also proves that bytes after the
bad request are not served (a smuggled second request gets no response)."""
import pytest

from conformance_support import LIMITS, exchange, rejected

H = b"Host: conf.test\r\n"
NEXT = b"GET /healthz HTTP/1.1\r\n" + H + b"\r\n"      # must never be answered
TE = b"Transfer-Encoding: chunked\r\n"


def post(headers, body=b""):
    return b"POST /healthz HTTP/1.1\r\n" + H + headers + b"\r\n" + body


CASES = [
    # framing
    ("content-length and transfer-encoding", post(b"Content-Length: 5\r\n" + TE, b"0\r\n\r\n"), 400),
    ("transfer-encoding then content-length", post(TE + b"Content-Length: 5\r\n", b"0\r\n\r\n"), 400),
    ("te not ending in chunked", post(b"Transfer-Encoding: chunked, identity\r\n", b"0\r\n\r\n"), 400),
    ("te gzip only", post(b"Transfer-Encoding: gzip\r\n", b"xx"), 400),
    ("te chunked twice", post(b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", b"0\r\n\r\n"), 400),
    ("te with unknown coding before chunked", post(b"Transfer-Encoding: gzip, chunked\r\n", b"0\r\n\r\n"), 501),
    ("te in http/1.0", b"POST /healthz HTTP/1.0\r\n" + TE + b"\r\n0\r\n\r\n", 400),
    ("content-length repeated, different", post(b"Content-Length: 3\r\nContent-Length: 4\r\n", b"abcd"), 400),
    ("content-length list, different", post(b"Content-Length: 3, 4\r\n", b"abcd"), 400),
    ("content-length repeated, same value", post(b"Content-Length: 4\r\nContent-Length: 4\r\n", b"abcd"), 400),
    ("content-length list, same value", post(b"Content-Length: 4, 4\r\n", b"abcd"), 400),
    ("content-length negative", post(b"Content-Length: -1\r\n"), 400),
    ("content-length plus sign", post(b"Content-Length: +3\r\n", b"abc"), 400),
    ("content-length hex", post(b"Content-Length: 0x3\r\n", b"abc"), 400),
    ("content-length hex digits", post(b"Content-Length: 3a\r\n", b"abc"), 400),
    ("content-length space inside", post(b"Content-Length: 1 0\r\n", b"abcdefghij"), 400),
    ("content-length empty", post(b"Content-Length: \r\n"), 400),
    ("content-length beyond 64 bits", post(b"Content-Length: 18446744073709551617\r\n"), 400),
    ("content-length 2^63", post(b"Content-Length: 9223372036854775808\r\n"), 400),
    ("content-length fraction", post(b"Content-Length: 3.0\r\n", b"abc"), 400),
    # chunk sizes
    ("chunk size with plus sign", post(TE, b"+3\r\nabc\r\n0\r\n\r\n"), 400),
    ("chunk size with minus sign", post(TE, b"-3\r\nabc\r\n0\r\n\r\n"), 400),
    ("chunk size 0x prefix", post(TE, b"0x3\r\nabc\r\n0\r\n\r\n"), 400),
    ("chunk size over 16 hex digits", post(TE, b"00000000000000003\r\nabc\r\n0\r\n\r\n"), 400),
    ("chunk size 2^64 overflow", post(TE, b"10000000000000000\r\nabc\r\n0\r\n\r\n"), 400),
    ("chunk size empty", post(TE, b"\r\nabc\r\n0\r\n\r\n"), 400),
    ("chunk data without crlf", post(TE, b"3\r\nabcX\r\n0\r\n\r\n"), 400),
    ("chunk data with bare lf", post(TE, b"3\r\nabc\n0\r\n\r\n"), 400),
    ("chunk size line with bare lf", post(TE, b"3\nabc\r\n0\r\n\r\n"), 400),
    ("chunk size line missing crlf", post(TE, b"3 abc\r\n0\r\n\r\n"), 400),
    ("chunk extension with control byte", post(TE, b"3;a=\x01\r\nabc\r\n0\r\n\r\n"), 400),
    ("malformed trailer", post(TE, b"0\r\nno colon here\r\n\r\n"), 400),
    # header syntax
    ("obs-fold", b"GET /healthz HTTP/1.1\r\n" + H + b"X-Folded: a\r\n b\r\n\r\n", 400),
    ("obs-fold with tab", b"GET /healthz HTTP/1.1\r\n" + H + b"X-Folded: a\r\n\tb\r\n\r\n", 400),
    ("space before colon", b"GET /healthz HTTP/1.1\r\nHost : conf.test\r\n\r\n", 400),
    ("tab before colon", b"GET /healthz HTTP/1.1\r\n" + H + b"Content-Length\t: 0\r\n\r\n", 400),
    ("leading whitespace on first field", b"GET /healthz HTTP/1.1\r\n " + H + b"\r\n", 400),
    ("field without colon", b"GET /healthz HTTP/1.1\r\n" + H + b"NoColon\r\n\r\n", 400),
    ("empty field name", b"GET /healthz HTTP/1.1\r\n" + H + b": value\r\n\r\n", 400),
    ("NUL in header value", b"GET /healthz HTTP/1.1\r\n" + H + b"X-A: a\x00b\r\n\r\n", 400),
    ("NUL in header name", b"GET /healthz HTTP/1.1\r\n" + H + b"X\x00A: b\r\n\r\n", 400),
    ("control byte in header value", b"GET /healthz HTTP/1.1\r\n" + H + b"X-A: a\x1bb\r\n\r\n", 400),
    ("DEL in header value", b"GET /healthz HTTP/1.1\r\n" + H + b"X-A: a\x7fb\r\n\r\n", 400),
    ("bare CR in header value", b"GET /healthz HTTP/1.1\r\n" + H + b"X-A: a\rb\r\n\r\n", 400),
    ("bare LF ending a header line", b"GET /healthz HTTP/1.1\r\nHost: conf.test\n\r\n", 400),
    ("missing host in http/1.1", b"GET /healthz HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
    ("two host fields", b"GET /healthz HTTP/1.1\r\n" + H + H + b"\r\n", 400),
    # request line
    ("NUL in request target", b"GET /heal\x00thz HTTP/1.1\r\n" + H + b"\r\n", 400),
    ("NUL in method", b"G\x00T /healthz HTTP/1.1\r\n" + H + b"\r\n", 400),
    ("control byte in request line", b"GET /healthz\x01 HTTP/1.1\r\n" + H + b"\r\n", 400),
    ("NUL in version", b"GET /healthz HTTP/1.\x001\r\n" + H + b"\r\n", 400),
    ("bare CR in request line", b"GET /healthz\rHTTP/1.1\r\n" + H + b"\r\n", 400),
    ("tab as request line separator", b"GET\t/healthz HTTP/1.1\r\n" + H + b"\r\n", 400),
    ("double space in request line", b"GET  /healthz HTTP/1.1\r\n" + H + b"\r\n", 400),
    ("non-ascii in target", b"GET /h\xc3\xa9 HTTP/1.1\r\n" + H + b"\r\n", 400),
    ("request line with bare LF", b"GET /healthz HTTP/1.1\n" + H + b"\r\n", 400),
    ("malformed version", b"GET /healthz HTTP/1.10\r\n" + H + b"\r\n", 400),
    ("lowercase version", b"GET /healthz http/1.1\r\n" + H + b"\r\n", 400),
    # versions
    ("http/2.0", b"GET /healthz HTTP/2.0\r\n" + H + b"\r\n", 505),
    ("http/1.2", b"GET /healthz HTTP/1.2\r\n" + H + b"\r\n", 505),
    ("http/0.9", b"GET /healthz HTTP/0.9\r\n" + H + b"\r\n", 505),
    ("http/3.0", b"GET /healthz HTTP/3.0\r\n" + H + b"\r\n", 505),
    # methods
    ("unknown method", b"BREW /healthz HTTP/1.1\r\n" + H + b"\r\n", 501),
    ("unknown method on unknown path", b"PROPFIND /nowhere HTTP/1.1\r\n" + H + b"\r\n", 501),
    ("lowercase method is unknown", b"get /healthz HTTP/1.1\r\n" + H + b"\r\n", 501),
    # limits
    ("body over the limit (declared)", post(b"Content-Length: %d\r\n" % (LIMITS["--max-body-bytes"] + 1)), 413),
    ("huge declared body", post(b"Content-Length: 9223372036854775807\r\n"), 413),
    ("chunked body over the limit", post(TE, b"%x\r\n" % (LIMITS["--max-body-bytes"] + 1)), 413),
    ("request target over the limit",
     b"GET /" + b"a" * LIMITS["--max-request-line-bytes"] + b" HTTP/1.1\r\n" + H + b"\r\n", 414),
    ("request target over the limit, no line end yet",
     b"GET /?" + b"q" * (LIMITS["--max-request-line-bytes"] + 100), 414),
    ("header block over the limit",
     b"GET /healthz HTTP/1.1\r\n" + H + b"X-Big: " + b"v" * LIMITS["--max-header-bytes"] + b"\r\n\r\n", 431),
    ("header block over the limit in many fields",
     b"GET /healthz HTTP/1.1\r\n" + H + b"".join(b"X-%d: %s\r\n" % (i, b"v" * 400) for i in range(15)) + b"\r\n", 431),
    ("too many header fields",
     b"GET /healthz HTTP/1.1\r\n" + H + b"".join(b"X-%d: v\r\n" % i for i in range(LIMITS["--max-header-count"])) + b"\r\n",
     431),
    ("trailer section over the limit", post(TE, b"0\r\nX-T: " + b"t" * LIMITS["--max-header-bytes"] + b"\r\n\r\n"), 431),
]


@pytest.mark.parametrize("name,data,status", CASES, ids=[c[0] for c in CASES])
def test_rejected_with_status_and_close(server, name, data, status):
    rejected(server.port, data + NEXT, status)


def test_body_over_limit_is_413_before_any_body_byte(server):
    """The 413 comes from the declared length alone: no body byte is sent."""
    from conformance_support import connect, parse_responses, read_until_close
    s = connect(server.port)
    try:
        s.sendall(post(b"Content-Length: 100000000\r\n"))
        raw, how = read_until_close(s)
    finally:
        s.close()
    (response,), _ = parse_responses(raw)
    assert response.status == 413 and response.closes and how == "eof"


def test_limits_at_the_boundary_are_accepted(server):
    """Exactly at the limits is fine (the limits are not off by one)."""
    line_room = LIMITS["--max-request-line-bytes"] - len(b"GET /healthz? HTTP/1.1")
    at_line = b"GET /healthz?" + b"q" * line_room + b" HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"
    responses, how, _ = exchange(server.port, at_line)
    assert [r.status for r in responses] == [200]
    fields = b"".join(b"X-%d: v\r\n" % i for i in range(LIMITS["--max-header-count"] - 2))
    at_count = b"GET /healthz HTTP/1.1\r\n" + H + fields + b"Connection: close\r\n\r\n"
    responses, how, _ = exchange(server.port, at_count)
    assert [r.status for r in responses] == [200]


def test_known_method_not_allowed_is_405_with_allow(server):
    responses, how, _ = exchange(server.port, b"DELETE /healthz HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    (response,) = responses
    assert response.status == 405
    assert set(response.tokens("allow")) == {"get", "head"}


def test_chunked_body_growing_past_the_limit_is_413(server):
    """Each chunk is small, their sum is over the limit: 413 as soon as a chunk size
    would cross it."""
    limit = LIMITS["--max-body-bytes"]
    chunk = b"%x\r\n" % 4096 + b"z" * 4096 + b"\r\n"
    body = chunk * (limit // 4096) + b"1\r\nz\r\n0\r\n\r\n"
    rejected(server.port, post(TE, body) + NEXT, 413)
