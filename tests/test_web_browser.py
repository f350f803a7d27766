"""The web app in real headless Chromium (selenium), against a uvicorn server started here on a free
loopback port, over a store built from the bundled sample corpus (invented events)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.ingest import read_paths
from storyline.store import Store
from storyline.store import reports as stored
from storyline.web.ingest import run_pipeline

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-corpus"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# The flags headless Chromium needs in a container without a GPU, sandbox or network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
# A 1280x800 browser window shows about 1280x720 of page under its toolbars: "above the fold" is this.
FOLD = 720


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        pytest.skip(
            "headless browser tests need Debian's chromium and chromium-driver "
            "(scripts/sysdeps.sh installs them; `make test` runs it as root)"
        )
    pytest.importorskip("selenium")
    db = str(tmp_path_factory.mktemp("browser") / "web.db")
    store = Store(db)
    run_pipeline(store, read_paths([str(SAMPLE)], max_bytes=20 << 20))
    stored.refresh_stale(store, limit=50)  # pages read stored reports
    port = _free_port()
    code = (
        "import uvicorn; from storyline.web import create_app; "
        f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "HF_HUB_OFFLINE": "1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the web server did not start") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    profile = tempfile.mkdtemp(prefix="storyline-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument("--window-size=1280,800")
    driver = webdriver.Chrome(options=opts, service=Service(DRIVER))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _story_with_conflicts(server: str) -> int:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{server}/api/stories?sort=articles") as r:  # noqa: S310 - loopback test server
        items = json.load(r)["items"]
    return int(next(s["id"] for s in items if s["conflicts"]))


def _top(driver, css: str) -> float:  # type: ignore[no-untyped-def]
    return float(
        driver.execute_script(
            "const e = document.querySelector(arguments[0]); return e ? e.getBoundingClientRect().top : 1e9;",
            css,
        )
    )


def test_story_page_at_a_glance_and_citation_opens_the_span(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    sid = _story_with_conflicts(server)
    browser.get(f"{server}/stories/{sid}")
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, "svg.matrix")))
    browser.save_screenshot(str(tmp_path / "story.png"))
    assert (tmp_path / "story.png").stat().st_size > 10_000
    # overview, a badge, a conflict, the matrix and the timeline all start in the first screen
    for css in (
        "#overview",
        ".glance-claims .badge",
        ".glance-conflicts .conflict .sides",
        "svg.matrix",
        "svg.timeline",
    ):
        assert _top(browser, css) < FOLD, css
    # the bottom of the matrix too
    bottom = browser.execute_script(
        "return document.querySelector('svg.matrix').getBoundingClientRect().bottom"
    )
    assert bottom < FOLD

    cite = browser.find_element(By.CSS_SELECTOR, "#overview sup.cite a")
    href = cite.get_attribute("href")
    assert "/articles/" in href and "start=" in href
    cite.click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "hl")))
    mark = browser.find_element(By.ID, "hl")
    assert mark.is_displayed() and mark.text
    top = _top(browser, "#hl")
    assert 0 <= top < 800  # scrolled into view by the #hl fragment
    browser.save_screenshot(str(tmp_path / "citation.png"))
    # every highlighted piece together is the cited span, in the article's body
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('.body mark.hl')).map(m => m.textContent).join('')"
    )
    assert shown.startswith(mark.text) and len(shown) > 40


def test_search_from_the_navigation_bar(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.stories tbody tr")
    assert len(rows) >= 3 and browser.find_elements(By.CSS_SELECTOR, "svg.spark")
    box = browser.find_element(By.ID, "nav-q")
    box.send_keys("spillway", Keys.ENTER)
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, "section.hits")))
    browser.save_screenshot(str(tmp_path / "search.png"))
    groups = browser.find_elements(By.CSS_SELECTOR, "section.hits")
    assert len(groups) == 1  # every hit is in the dam story
    assert (
        groups[0].find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href").split("/stories/")[1].isdigit()
    )
    marks = browser.find_elements(By.CSS_SELECTOR, "section.hits .snippet mark")
    assert marks and all(m.text.lower().startswith("spillway") for m in marks)


def test_second_visit_offers_what_changed(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    sid = _story_with_conflicts(server)
    browser.get(f"{server}/stories/{sid}")
    browser.get(f"{server}/stories/{sid}")
    link = browser.find_element(By.CSS_SELECTOR, "#last-visit a")
    assert link.is_displayed() and "since=" in link.get_attribute("href")
    link.click()
    assert "What changed since" in browser.find_element(By.ID, "changes").text
    # no script error came from the page (CSP would report a blocked inline script here)
    logs = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not logs, logs
