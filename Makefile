# Casework — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
# Test and benchmark Python runs in a project-local virtual environment built from Tests/requirements.txt.
VENV ?= .venv
PYTHON ?= $(VENV)/bin/python
PORT ?= 8080
DB ?= var/demo.sqlite
ERA_FILES ?= $(wildcard ../shared/data/x12/835/*)
BIN = $(shell $(SWIFT) build --show-bin-path)/casework

.PHONY: build run test test-swift test-e2e bench clean venv

build:
	$(SWIFT) build

# Builds, loads a fresh demo database (synthetic demo data and three work rules, then the real
# 835 remittance files posted as a payer's files would be, opening cases for their denials),
# prints a token and a curl example, then serves on 127.0.0.1:$(PORT).
run: build
	@mkdir -p var && rm -f $(DB) $(DB)-wal $(DB)-shm
	@$(BIN) demo --db $(DB) > var/token
	@if [ -n "$(ERA_FILES)" ]; then $(BIN) import-835 --db $(DB) $(ERA_FILES); else echo "(../shared/data/x12/835 not found: no remittances posted)"; fi
	@echo "token: $$(cat var/token)"
	@echo "try:   curl -s -H \"Authorization: Bearer $$(cat var/token)\" 'http://127.0.0.1:$(PORT)/v1/cases?view=open&limit=5'"
	@$(BIN) serve --db $(DB) --port $(PORT)

# Unit and integration tests (Swift), then the end-to-end suite against the real binary.
test: test-swift test-e2e

test-swift:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2

# The end-to-end suite runs on SQLite, then on a PostgreSQL server it starts itself (when Debian's postgresql
# is installed; CASEWORK_REQUIRE_POSTGRES=1, as .ci/run sets, makes that run required).
test-e2e: build venv
	CASEWORK_BIN=$(BIN) $(PYTHON) -m pytest -q Tests/EndToEnd
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || [ "$$CASEWORK_REQUIRE_POSTGRES" = 1 ]; then \
		echo "end-to-end suite on PostgreSQL:"; \
		CASEWORK_E2E_DATABASE=postgresql CASEWORK_BIN=$(BIN) $(PYTHON) -m pytest -q Tests/EndToEnd; \
	else echo "PostgreSQL is not installed: the end-to-end suite's PostgreSQL run is left out (apt install postgresql)"; fi

# Release build, var/bench.sqlite with 100,000 claims and 20,000 cases from `casework demo` (reused while the
# parameters and generator are unchanged), then each view's first page and each dashboard: the server's median
# latency over keep-alive HTTP beside the sqlite3 CLI running the same SQL (bench/sql/), as a ratio.
# Options go through BENCH_ARGS, e.g. make bench BENCH_ARGS='--requests 50 --breakdown'.
# Then bench/bench_835.py on a ~30 MB 835 file built by bench/make_835.py from ../shared/data/x12/835: read-835's
# MB/s ÷ oxedi's and pyx12's, claims/s posted (POST /v1/remittances on a fresh demo database) ÷ the sqlite3 CLI
# inserting the same rows, and the server's peak RSS over idle while posting; options through BENCH_835_ARGS,
# e.g. make bench BENCH_835_ARGS='--size-mb 20 --post both' (see bench/README.md).
# Last, bench/bench_databases.py: GET and POST of a case on SQLite, on PostgreSQL with one server and with two
# servers sharing the database (a throwaway PostgreSQL from Debian's `postgresql`), as ratios; BENCH_DB_ARGS.
bench: venv
	$(PYTHON) bench/bench_views.py --swift $(SWIFT) $(BENCH_ARGS)
	$(PYTHON) bench/bench_835.py --swift $(SWIFT) --no-build $(BENCH_835_ARGS)
	$(PYTHON) bench/bench_databases.py --swift $(SWIFT) --no-build $(BENCH_DB_ARGS)

clean:
	rm -rf .build var $(VENV)

# The virtual environment, rebuilt when the requirements change.
venv: $(VENV)/.installed

$(VENV)/.installed: Tests/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check -r Tests/requirements.txt
	touch $@

# Further targets live in make/*.mk, one file per concern (fuzzing, conformance, HTTP benchmarks).
-include make/*.mk
