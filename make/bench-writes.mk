# `make bench-writes`: POST /v1/cases, linking a claim and import-835 of a 4 MB file, timed with the
# working tree's release build and with an earlier revision's (default: the commit before the first
# rollup migration, built once in a git worktree under var/), alternating over rounds; medians and
# ratios against issue 13's limit of 1.3x (bench/bench_writes.py). Options through BENCH_WRITES_ARGS,
# e.g. make bench-writes BENCH_WRITES_ARGS='--rounds 7 --base HEAD~3'.
.PHONY: bench-writes

bench-writes: venv
	$(PYTHON) bench/bench_writes.py --swift $(SWIFT) $(BENCH_WRITES_ARGS)
