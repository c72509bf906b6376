"""The billing team's page in a real browser (issue 12): Debian's chromium driven by Selenium
through chromium-driver, against `casework serve` on a database loaded as `make run` loads it —
the demo organization, then the real 835 files of ../shared/data/x12/835 posted through the same
path, so the cases on the page are the ones real denials opened."""
import importlib.util
import os
import pathlib
import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
ERA = ROOT.parent / "shared" / "data" / "x12" / "835"
SCREENSHOTS = ROOT / "var" / "screenshots"

# The end-to-end suite's client and server wrappers, reused as they are.
_spec = importlib.util.spec_from_file_location("e2e_support", ROOT / "Tests" / "EndToEnd" / "conftest.py")
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)


def browser_paths():
    """chromium and chromedriver from Debian (`.ci/run` installs them); CHROMIUM / CHROMEDRIVER override."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    assert chromium and driver, "chromium and chromedriver are needed (apt-get install chromium chromium-driver)"
    return chromium, driver


@pytest.fixture(scope="session")
def server():
    files = sorted(ERA.iterdir())
    assert files, f"{ERA} holds no 835 files"
    with tempfile.TemporaryDirectory() as tmp:
        s = e2e.Server(tmp)
        s.token = s.cli("demo", "--db", s.db).splitlines()[0].strip()
        s.cli("import-835", "--db", s.db, *map(str, files))
        s.start()
        yield s
        s.stop()


@pytest.fixture(scope="session")
def api(server):
    return e2e.Client(server.port, server.token)


@pytest.fixture(scope="session")
def browser():
    chromium, driver = browser_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1600",
                     "--disable-gpu", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_page_load_timeout(30)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield session
    session.quit()
