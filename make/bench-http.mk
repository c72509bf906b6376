# `make bench-http`: wrk (2 threads, 16 and 256 connections, 10 s each, 3 rounds interleaving the servers,
# medians reported) against GET /healthz and an
# authenticated GET /v1/cases/{id} of the release server, beside a Hummingbird 2 peer
# (bench/peers/hummingbird-peer, its own package, built here and never by `make test`) and nginx
# returning a fixed body; requests/s, p50, p99, ratios, a new connection per request (Connection: close),
# and RSS and CPU with 1,000 idle keep-alive connections, each against issue 11's targets.
# Options go through BENCH_HTTP_ARGS, e.g. make bench-http BENCH_HTTP_ARGS='--seconds 5 --rounds 5 --no-build'.
.PHONY: bench-http

bench-http: venv
	$(PYTHON) bench/bench_http.py --swift $(SWIFT) $(BENCH_HTTP_ARGS)

# `make bench-healthz`: GET /healthz p50/p99 with wrk, idle and then while two connections keep the
# release server computing Case Insights afresh at 100,000 claims (bench/bench_healthz_load.py);
# goal p99 under 5 ms while loaded. Options through BENCH_HEALTHZ_ARGS, e.g. '--seconds 5 --no-build'.
.PHONY: bench-healthz

bench-healthz: venv
	$(PYTHON) bench/bench_healthz_load.py --swift $(SWIFT) $(BENCH_HEALTHZ_ARGS)
