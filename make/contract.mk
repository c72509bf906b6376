# The contract proven by a fuzzer (issue 12 item 4): schemathesis runs every operation of
# openapi.yaml against a live `casework serve` over a demo database with real ids, and fails on
# any 5xx, undocumented status, or body, content type or header the schema does not describe.
# Bounded: CONTRACT_EXAMPLES examples per operation (default 8), about a minute on two cores.
.PHONY: test-contract

test-contract: build venv
	CASEWORK_BIN=$(BIN) $(PYTHON) -m pytest -q Tests/Contract

test: test-contract
