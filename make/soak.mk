# The soak (issue 11): 256 keep-alive connections of mixed traffic (work lists, case reads, dashboard
# polls, creates, patches, notes, resolves) against `casework serve`; fails on any error or 5xx, memory
# outside SQLite's bounded page caches growing over 10% after warm-up, descriptors not back to the
# baseline, or a claim in two active cases (Tests/Soak/test_soak.py). `make soak` runs 60 s;
# `make test` runs the same soak for 15 s. SOAK_SECONDS and SOAK_CONNECTIONS override.
.PHONY: soak test-soak

soak: build venv
	SOAK_SECONDS=$${SOAK_SECONDS:-60} CASEWORK_BIN=$(BIN) $(PYTHON) -m pytest -q -s Tests/Soak

test-soak: build venv
	SOAK_SECONDS=$${SOAK_SECONDS:-15} CASEWORK_BIN=$(BIN) $(PYTHON) -m pytest -q -s Tests/Soak

test: test-soak
