"""The billing team's page (issue 12) as files: `/` and every script or style sheet it loads,
followed through the modules' imports, are served with their types, the page's security headers
and content ETags (304 on revalidation) without a token; nothing embedded is unreachable, and an
unknown file is a 404 problem."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = ROOT / "Sources" / "CaseworkPage" / "Files"
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def fetch(client, path, headers=None):
    status, _, response_headers = client.request("GET", path, token=None, headers=headers)
    return status, response_headers


def references(text):
    """`/page/x` links of the HTML and `./x.js` imports of a module, as file names."""
    return set(re.findall(r'"/page/([\w.-]+)"', text)) | set(re.findall(r"from '\./([\w.-]+)'", text))


def test_the_page_and_every_file_it_loads_are_served_without_a_token(client):
    status, headers = fetch(client, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"
    seen, waiting = set(), references((FILES / "index.html").read_text())
    while waiting:
        name = waiting.pop()
        seen.add(name)
        status, headers = fetch(client, f"/page/{name}")
        assert status == 200, name
        assert headers["content-type"] == TYPES[pathlib.Path(name).suffix], name
        assert headers["cache-control"] == "no-cache" and re.fullmatch(r'"[0-9a-f]{32}"', headers["etag"]), headers
        assert fetch(client, f"/page/{name}", {"If-None-Match": headers["etag"]})[0] == 304, name
        waiting |= references((FILES / name).read_text()) - seen
    embedded = {path.name for path in FILES.iterdir()} - {"index.html"}
    assert seen == embedded, f"embedded but never loaded: {embedded - seen}; loaded but missing: {seen - embedded}"


def test_an_unknown_page_file_is_a_404_problem(client):
    for name in ("nope.js", "..%2Fconftest.py", "index.html"):
        status, body, headers = client.request("GET", f"/page/{name}", token=None)
        assert status == 404 and headers["content-type"] == "application/problem+json", name
