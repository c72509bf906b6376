"""Issue 9 item 2: every shell block of README.md runs as written, in order, against a server set up
the way `make run` sets one up (the demo organization, then the shared 835 files posted, then
`serve`), and every request it sends succeeds except those a `# 4xx` comment in its block calls out.

Two substitutions only, each checked to be there: the server's address (`make run` serves on 8080;
this one on a free port) and the token file (`make run` writes var/token). Blocks that run `make`
are the harness itself (make run, make test) or the benchmarks, and are left out."""
import collections
import os
import re
import subprocess
import tempfile

import pytest

from conftest import ROOT, Server
from remittance_support import era_files

README = ROOT / "README.md"
ADDRESS, TOKEN_FILE = "http://127.0.0.1:8080", "var/token"


def runnable_blocks():
    """(first line number, text) of each ```sh block that does not run make."""
    text = README.read_text()
    blocks = []
    for match in re.finditer(r"```sh\n(.*?)```", text, re.S):
        body = match.group(1)
        if not any(line.lstrip().startswith("make ") for line in body.splitlines()):
            blocks.append((text[:match.start()].count("\n") + 2, body))
    return blocks


def expected_refusals(block):
    """The 4xx statuses a block's comments announce (`# 409: ...`), as a multiset."""
    return collections.Counter(int(code) for code in re.findall(r"#\s*(4\d\d)\b", block))


@pytest.fixture(scope="module")
def make_run_server():
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(tmp)
        token = os.path.join(tmp, "token")
        with open(token, "w") as out:
            out.write(server.cli("demo", "--db", server.db))
        server.cli("import-835", *server.db_args, *map(str, era_files()))
        server.start()
        server.token_file = token
        try:
            yield server
        finally:
            server.stop()


def test_every_readme_block_runs_as_written(make_run_server):
    server = make_run_server
    blocks = runnable_blocks()
    assert len(blocks) >= 4, "the tour, its second part, the remittance walk-through and the command line"
    readme = README.read_text()
    assert ADDRESS in readme and TOKEN_FILE in readme, "the README's tour must still name the make run address and token file"
    address = f"http://127.0.0.1:{server.port}"
    script = ["set -e"]          # as a person runs them: a failing command stops the tour; `| head` may cut a pipe short
    for number, (line, block) in enumerate(blocks):
        # A marker request between blocks, so the server log splits into what each block sent.
        script.append(f"curl -sf -o /dev/null '{address}/healthz?readme_block={number}'")
        script.append(block.replace(ADDRESS, address).replace(TOKEN_FILE, server.token_file))
    script.append(f"curl -sf -o /dev/null '{address}/healthz?readme_block=end'")
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"a README block failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    segments = None                      # requests after each marker: segments[i] belongs to block i
    # Every marker's line is in the log before it is split (one per block, then the end marker).
    markers = len(blocks) + 1
    for entry in server.log_lines_once(lambda lines: sum("route=/healthz" in line for line in lines) >= markers):
        if "route=" not in entry:
            continue
        if "route=/healthz" in entry:
            segments = [] if segments is None else segments
            segments.append([])
        elif segments is not None:
            segments[-1].append(int(re.search(r"status=(\d{3})", entry).group(1)))
    assert segments is not None and len(segments) == len(blocks) + 1 and segments[-1] == [], "one marker per block, then the end"
    for (line, block), sent in zip(blocks, segments):
        assert sent or "$H" not in block, f"the block at README.md:{line} sent no request"
        refused = collections.Counter(code for code in sent if code >= 400)
        assert refused == expected_refusals(block), f"README.md:{line}: statuses {sent}"
