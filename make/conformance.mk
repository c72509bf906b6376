# HTTP conformance suite (issue 4): the real `casework serve` binary over 127.0.0.1, raw
# sockets and h11; framing, rejections, timeouts, limits, shutdown and a 10,000-connection
# churn. Takes about half a minute.
.PHONY: test-conformance

test-conformance: build venv
	CASEWORK_BIN=$(BIN) $(PYTHON) -m pytest -q Tests/Conformance

test: test-conformance
