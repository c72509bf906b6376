# The billing team's page in a real browser (issue 12): Tests/Browser drives Debian's chromium
# through chromium-driver with Selenium, on a server loaded as `make run` loads it, and writes a
# screenshot of each page to var/screenshots/. `.ci/run` installs chromium and sets
# CASEWORK_REQUIRE_BROWSER=1, so there a missing browser fails the build. On a machine with only
# Swift, Python and pip the test cannot run: it says so loudly and counts nothing as passed.
.PHONY: test-browser

test-browser: build venv
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		CASEWORK_BIN=$(BIN) $(PYTHON) -m pytest -q Tests/Browser; \
	elif [ -n "$$CASEWORK_REQUIRE_BROWSER" ]; then \
		echo "test-browser: chromium and chromedriver are required (apt-get install chromium chromium-driver)" >&2; exit 1; \
	else \
		echo "*** test-browser NOT RUN: no chromium/chromedriver here (apt-get install chromium chromium-driver; .ci/run does) ***"; \
	fi

test: test-browser
