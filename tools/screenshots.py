"""Take the screenshots of docs/ and the README from a running explorer, as a new user sees it.

Usage (the sample corpus, the embedded store, headless Chromium from Debian)::

    ALLIANCEKG_DATA=/tmp/shots/graph.json.gz alliancekg ingest corpus/communiques corpus/statements \\
        corpus/news corpus/studies
    ALLIANCEKG_DATA=/tmp/shots/graph.json.gz alliancekg serve --port 8611 &
    python tools/screenshots.py http://127.0.0.1:8611 docs/screenshots

Each page is opened at its bare address (the default view), 1440 px wide and
900 px high, except where a shot needs a step a user takes first (the
tracer's incident, a search, a path); the steps are listed in ``SHOTS``.
Nothing here is imported by the package.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.keys import Keys

FIRST_TEST = "https://w3id.org/alliancekg/id/nuclear-test/prk-nuclear-test-1-71e658b5eabe"
SETTLE = 6.0
"""Seconds a page gets to finish its callbacks and animations before the shot."""


def _search(driver: Any, text: str, result: str) -> None:
    box = driver.find_element("id", "explorer-search")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    time.sleep(3)
    for link in driver.find_elements("css selector", "#explorer-results button.open-link"):
        if link.text.startswith(result):
            link.click()
            return
    msg = f"screenshots: no search result {result!r} for {text!r}"
    raise SystemExit(msg)


def _path(driver: Any) -> None:
    """From the meeting the page opens on to the first nuclear test."""
    driver.find_element("id", "explorer-path-from").click()
    time.sleep(2)
    _search(driver, "2006-10", "First North Korean nuclear test")
    time.sleep(3)
    driver.find_element("id", "explorer-path-to").click()


Step = Callable[[Any], None] | None

SHOTS: list[tuple[str, str, int, Step]] = [
    ("explorer", "/explorer", 1440, None),
    ("explorer-meeting", "/explorer", 1440, lambda d: _search(d, "2017-10", "49th Security Consultative")),
    ("explorer-path", "/explorer", 1440, _path),
    ("tracer", f"/tracer?incident={quote(FIRST_TEST, safe='')}", 1440, None),
    ("timeline", "/timeline", 1440, None),
    ("timeline-900", "/timeline", 900, None),
    ("crises", "/crises", 1440, None),
    ("console", "/console", 1440, lambda d: d.find_element("id", "console-run").click()),
    ("exports", "/exports", 1440, None),
    ("tracer-390", f"/tracer?incident={quote(FIRST_TEST, safe='')}", 390, None),
]


def main(base: str, out: Path) -> None:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options)
    out.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[3:])
    try:
        for name, path, width, step in SHOTS:
            if only and name not in only:
                continue
            driver.set_window_size(width, 900)
            driver.get(base.rstrip("/") + path)
            time.sleep(SETTLE)
            if step is not None:
                step(driver)
                time.sleep(SETTLE)
            driver.save_screenshot(str(out / f"{name}.png"))
            errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            line = f"{name}: {out / (name + '.png')}" + (f"  console errors: {errors}" if errors else "")
            sys.stdout.write(line + "\n")
    finally:
        driver.quit()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit("usage: python tools/screenshots.py BASE_URL OUT_DIR [NAME...]")
    main(sys.argv[1], Path(sys.argv[2]))
