# Fuzzing and sanitizer runs for the HTTP request parser (issue 4, item 4).
# Everything here works in fuzz/, a separate package whose sources are symlinks to
# Sources/HTTPServer/{Parsing,Message} and to the parser's unit tests; see fuzz/Package.swift.
#
#   make fuzz                     libFuzzer + ASan over the parser for FUZZ_SECONDS (600);
#                                 non-zero exit on a crash, the input is left in fuzz/crashes/
#   make fuzz FUZZ_SECONDS=60     a shorter run
#   make fuzz-replay              runs the committed seeds and fuzz/crashes/* once (no fuzzing)
#   make fuzz-repro FUZZ_INPUT=f  runs one input, printing the broken invariant
#   make test-sanitizers          the parser unit tests under AddressSanitizer, then ThreadSanitizer,
#                                 then the whole HTTP server's tests under ThreadSanitizer
#                                 (make test-tsan-server, in the main package, not fuzz/)
#
# New inputs found while fuzzing go to fuzz/.corpus/ (ignored); fuzz/corpus/ holds the
# committed seeds and is only read. Minimise a crash with
#   fuzz/.build-fuzz/http-parser-fuzz -minimize_crash=1 -runs=100000 fuzz/crashes/crash-…
# and turn it into a unit test (Tests/HTTPServerTests/Parser*Tests.swift).

SWIFTC ?= swiftc
FUZZ_SECONDS ?= 600
FUZZ_MAX_LEN ?= 65536
FUZZ_RSS_MB ?= 2048
# Extra libFuzzer flags, e.g. FUZZ_ARGS='-fork=2' to use both cores.
FUZZ_ARGS ?=
# Extra compiler flags, e.g. FUZZ_SWIFTFLAGS=-DTOLERATE_BARE_LF_AFTER_LONG_LINE (see the harness).
FUZZ_SWIFTFLAGS ?=
FUZZ_INPUT ?=

# A build with extra flags gets its own binary, named after a checksum of the flags.
FUZZ_BIN := fuzz/.build-fuzz/http-parser-fuzz$(if $(strip $(FUZZ_SWIFTFLAGS)),-$(shell printf '%s' '$(strip $(FUZZ_SWIFTFLAGS))' | cksum | cut -d' ' -f1))
FUZZ_PARSER_SOURCES = $(sort $(wildcard Sources/HTTPServer/Parsing/*.swift Sources/HTTPServer/Message/*.swift))
# The Swift runtime's own crash backtracer trips ASan (it reads the stack of the
# crashing thread) and can hang; libFuzzer prints the trace instead.
FUZZ_ENV := SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
FUZZ_FLAGS = -max_len=$(FUZZ_MAX_LEN) -rss_limit_mb=$(FUZZ_RSS_MB) -timeout=20 \
	-dict=fuzz/http.dict -use_value_profile=1 -print_final_stats=1 \
	-artifact_prefix=fuzz/crashes/

.PHONY: fuzz fuzz-build fuzz-replay fuzz-repro fuzz-clean test-sanitizers test-asan test-tsan test-tsan-server

# Release build with libFuzzer and AddressSanitizer, the harness compiled into the same
# module as the parser (no @testable needed). Rebuilt when the parser or harness changes.
fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): fuzz/Fuzzer/HTTPParserFuzz.swift $(FUZZ_PARSER_SOURCES) make/fuzz.mk
	@mkdir -p $(@D)
	$(SWIFTC) -O -sanitize=fuzzer,address -parse-as-library -module-name HTTPServer \
		$(FUZZ_SWIFTFLAGS) fuzz/Fuzzer/HTTPParserFuzz.swift $(FUZZ_PARSER_SOURCES) -o $@ \
		2>&1 | { grep -v "Cannot export local symbol" || true; }; test $${PIPESTATUS[0]} -eq 0

fuzz: $(FUZZ_BIN)
	@mkdir -p fuzz/.corpus fuzz/crashes
	$(FUZZ_ENV) $(FUZZ_BIN) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_ARGS) fuzz/.corpus fuzz/corpus

fuzz-replay: $(FUZZ_BIN)
	@mkdir -p fuzz/crashes
	$(FUZZ_ENV) $(FUZZ_BIN) $(FUZZ_FLAGS) $(wildcard fuzz/corpus/* fuzz/crashes/crash-*)

fuzz-repro: $(FUZZ_BIN)
	@test -n "$(FUZZ_INPUT)" || { echo "usage: make fuzz-repro FUZZ_INPUT=fuzz/crashes/crash-…"; exit 2; }
	$(FUZZ_ENV) $(FUZZ_BIN) $(FUZZ_INPUT)

fuzz-clean:
	rm -rf fuzz/.build-fuzz fuzz/.build-asan fuzz/.build-tsan fuzz/.corpus

# The parser unit tests (symlinked, unchanged) built and run under each sanitizer, each in
# its own scratch folder. XCTest is disabled: the tests use swift-testing, and XCTest's
# empty run leaks a few objects that LeakSanitizer would report. The output is also
# scanned, so a sanitizer report fails the target even if the exit code were lost.
SANITIZER_TEST = $(SWIFT) test --skip-build --disable-xctest --package-path fuzz

test-sanitizers: test-asan test-tsan test-tsan-server

test-asan:
	$(SWIFT) build --build-tests --package-path fuzz --scratch-path fuzz/.build-asan --sanitize=address
	set -o pipefail; SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
		$(SANITIZER_TEST) --scratch-path fuzz/.build-asan --sanitize=address 2>&1 | tee fuzz/.build-asan/test.log
	@! grep -q "Sanitizer" fuzz/.build-asan/test.log || { echo "AddressSanitizer reported a problem"; exit 1; }

test-tsan:
	$(SWIFT) build --build-tests --package-path fuzz --scratch-path fuzz/.build-tsan --sanitize=thread
	set -o pipefail; SWIFT_BACKTRACE=enable=no TSAN_OPTIONS=halt_on_error=1 \
		$(SANITIZER_TEST) --scratch-path fuzz/.build-tsan --sanitize=thread 2>&1 | tee fuzz/.build-tsan/test.log
	@! grep -q "Sanitizer" fuzz/.build-tsan/test.log || { echo "ThreadSanitizer reported a problem"; exit 1; }
# The server's event loops, worker hand-offs, log writer and timers under ThreadSanitizer with live
# traffic (issue 11): the main package built with -sanitize=thread in .build-tsan, then every
# HTTPServerTests test (fifty concurrent clients, pipelining, streamed bodies, back-pressure,
# timeouts, shutdown, the loop's own tests). One test at a time: under TSan the 4 MiB responses are
# slow enough that parallel tests would hit the test client's 5 s read timeout.
test-tsan-server:
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	set -o pipefail; SWIFT_BACKTRACE=enable=no TSAN_OPTIONS=halt_on_error=1 \
		$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --no-parallel \
		--filter HTTPServerTests 2>&1 | tee .build-tsan/server-test.log
	@! grep -q "ThreadSanitizer" .build-tsan/server-test.log || { echo "ThreadSanitizer reported a problem"; exit 1; }

test: test-sanitizers

# ---------------------------------------------------------------------------------------
# X12 835 reader (Sources/X12): make fuzz-835
#
#   make fuzz-835                    libFuzzer + ASan over ERAReader for FUZZ_SECONDS (600);
#                                    non-zero exit on a crash, the input is left in
#                                    fuzz/crashes/x12-*
#   make fuzz-835 FUZZ_SECONDS=60    a shorter run
#   make fuzz-835-replay             runs the seeds and fuzz/crashes/x12-* once (no fuzzing)
#
# The harness (fuzz/Fuzzer/X12ReaderFuzz.swift) is compiled with Sources/X12/*.swift as
# module X12, except FingerprintHasher.swift (it imports Crypto, which plain swiftc does not
# have): fuzz/Fuzzer/X12FingerprintStub.swift takes its place. Seeds: fuzz/corpus-835/
# (committed) and the shared sample files $(FUZZ835_SAMPLES), both only read; new inputs go
# to fuzz/.corpus-835/ (ignored). Turn each crash into a unit test in Tests/X12Tests.

FUZZ835_BIN := fuzz/.build-fuzz/x12-reader-fuzz
FUZZ835_SAMPLES ?= ../shared/data/x12/835
FUZZ835_SOURCES = $(filter-out Sources/X12/FingerprintHasher.swift,$(sort $(wildcard Sources/X12/*.swift)))
FUZZ835_HARNESS = fuzz/Fuzzer/X12ReaderFuzz.swift fuzz/Fuzzer/X12FingerprintStub.swift
FUZZ835_FLAGS = -max_len=$(FUZZ_MAX_LEN) -rss_limit_mb=$(FUZZ_RSS_MB) -timeout=20 \
	-dict=fuzz/x12.dict -use_value_profile=1 -print_final_stats=1 \
	-artifact_prefix=fuzz/crashes/x12-

.PHONY: fuzz-835 fuzz-835-build fuzz-835-replay

fuzz-835-build: $(FUZZ835_BIN)

$(FUZZ835_BIN): $(FUZZ835_HARNESS) $(FUZZ835_SOURCES) make/fuzz.mk
	@mkdir -p $(@D)
	$(SWIFTC) -O -sanitize=fuzzer,address -parse-as-library -module-name X12 \
		$(FUZZ_SWIFTFLAGS) $(FUZZ835_HARNESS) $(FUZZ835_SOURCES) -o $@ \
		2>&1 | { grep -v "Cannot export local symbol" || true; }; test $${PIPESTATUS[0]} -eq 0

fuzz-835: $(FUZZ835_BIN)
	@test -d $(FUZZ835_SAMPLES) || { echo "$(FUZZ835_SAMPLES) not found: the sample seeds are missing"; exit 2; }
	@mkdir -p fuzz/.corpus-835 fuzz/crashes
	$(FUZZ_ENV) $(FUZZ835_BIN) $(FUZZ835_FLAGS) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_ARGS) \
		fuzz/.corpus-835 fuzz/corpus-835 $(FUZZ835_SAMPLES)

fuzz-835-replay: $(FUZZ835_BIN)
	@mkdir -p fuzz/crashes
	$(FUZZ_ENV) $(FUZZ835_BIN) $(FUZZ835_FLAGS) $(wildcard fuzz/corpus-835/* $(FUZZ835_SAMPLES)/* fuzz/crashes/x12-crash-*)
