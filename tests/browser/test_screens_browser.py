"""Screens and feedback in real headless Chromium: narrow windows, the 404 page, unknown links, console messages.

Each test starts the app over a real store (the sample graph; the embedded
store, and Neo4j when a server is up, where the answer does not depend on
the store) and reads what an analyst would see: element boxes inside the
window, messages in the page, and the browser's own console log.
Screenshots at 1440, 900 and 390 px go to ``test-artifacts/``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.app import create_app
from dashboard.state import PAGE_TITLES, PAGES

PAGE_READY = {
    "explorer": f"#{ids.EXPLORER_GRAPH} canvas",
    "tracer": f"#{ids.TRACER_INCIDENT}",
    "timeline": f"#{ids.TIMELINE_GRAPH} .main-svg",
    "console": f"#{ids.CONSOLE_QUERY}",
    "exports": f"#{ids.EXPORTS_RDF_BUTTON}",
    "crises": "#crises-table",
}
WIDTHS = (1440, 900, 390)
HEIGHT = 1000

BOX_JS = """
const e = document.querySelector(arguments[0]);
if (!e) { return null; }
const r = e.getBoundingClientRect();
const s = getComputedStyle(e);
return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
        visible: s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0,
        viewport: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth};
"""


def _box(dash_duo: Any, selector: str) -> dict[str, Any]:
    box = dash_duo.driver.execute_script(BOX_JS, selector)
    assert box is not None, f"{selector} is not on the page"
    return box


def _open(dash_duo: Any, path: str, width: int = 1440) -> None:
    dash_duo.driver.set_window_size(width, HEIGHT)
    dash_duo.wait_for_page(url=dash_duo.server_url.rstrip("/") + path, timeout=20)


def _severe(dash_duo: Any, allow: tuple[str, ...] = ()) -> list[Any]:
    return [
        e
        for e in dash_duo.get_logs() or []
        if e.get("level") == "SEVERE" and not any(a in e.get("message", "") for a in allow)
    ]


def _shot(dash_duo: Any, artifacts: Path, name: str) -> None:
    dash_duo.driver.save_screenshot(str(artifacts / f"{name}.png"))


def _fully_inside(box: dict[str, Any]) -> bool:
    return box["visible"] and box["left"] >= -0.5 and box["right"] <= box["viewport"] + 0.5


def test_every_page_at_900_and_390_px_keeps_a_clean_console(
    dash_duo: Any, sample_store: Any, artifacts: Path
) -> None:
    """Each page renders at three widths, nothing wider than the window, no error in the browser's log."""
    dash_duo.start_server(create_app(sample_store))
    for width in WIDTHS:
        for page in PAGES:
            _open(dash_duo, f"/{page}", width)
            dash_duo.wait_for_element(PAGE_READY[page], timeout=20)
            time.sleep(0.8)  # late callbacks
            box = _box(dash_duo, f"#{ids.PAGE}")
            assert box["scroll"] <= box["viewport"] + 1, f"/{page} at {width}px is wider than the window"
            _shot(dash_duo, artifacts, f"screen-{page}-{width}")
            assert _severe(dash_duo) == [], f"/{page} at {width}px"


def test_at_900_px_the_panels_are_whole(dash_duo: Any, store: Any, artifacts: Path) -> None:
    """The explorer's details panel is not cut off; the timeline keeps most of the window."""
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/explorer", 900)
    dash_duo.wait_for_element(PAGE_READY["explorer"], timeout=20)
    details = _box(dash_duo, f"#{ids.EXPLORER_DETAILS}")
    assert _fully_inside(details), details
    assert details["width"] >= 300 and details["top"] < HEIGHT, details
    graph = _box(dash_duo, f"#{ids.EXPLORER_GRAPH}")
    assert _fully_inside(graph) and graph["width"] >= 450, graph
    _shot(dash_duo, artifacts, f"explorer-900-{store.name}")
    _open(dash_duo, "/timeline", 900)
    dash_duo.wait_for_element(PAGE_READY["timeline"], timeout=20)
    chart = _box(dash_duo, f"#{ids.TIMELINE_GRAPH}")
    assert chart["width"] >= 700, chart  # it was squeezed to 250 px beside a fixed panel
    assert _fully_inside(_box(dash_duo, f"#{ids.TIMELINE_EVIDENCE}"))
    _shot(dash_duo, artifacts, f"timeline-900-{store.name}")
    assert _severe(dash_duo) == []


def test_at_390_px_every_navigation_link_is_on_screen(dash_duo: Any, sample_store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(sample_store))
    _open(dash_duo, "/explorer", 390)
    dash_duo.wait_for_element(f"#{ids.nav_link('exports')}")
    for page in PAGES:
        link = _box(dash_duo, f"#{ids.nav_link(page)}")
        assert _fully_inside(link), (page, link)
        assert link["bottom"] <= 200, (page, link)  # the bar wraps to a few lines, not off the page
    dash_duo.find_element(f"#{ids.nav_link('console')}").click()
    dash_duo.wait_for_element(PAGE_READY["console"], timeout=20)
    assert _fully_inside(_box(dash_duo, f"#{ids.CONSOLE_QUERY}"))
    assert _fully_inside(_box(dash_duo, f"#{ids.CONSOLE_RUN}"))
    _shot(dash_duo, artifacts, "console-390")
    assert _severe(dash_duo) == []


def test_an_unknown_path_gets_the_404_page(dash_duo: Any, sample_store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(sample_store))
    _open(dash_duo, "/nosuchpage")
    dash_duo.wait_for_contains_text(f"#{ids.NOT_FOUND}", "Page not found", timeout=20)
    text = dash_duo.find_element(f"#{ids.NOT_FOUND}").text
    assert "/nosuchpage" in text
    assert all(PAGE_TITLES[p] in text for p in PAGES)
    assert dash_duo.find_elements(f"#{ids.EXPLORER_GRAPH}") == []  # not the explorer
    _shot(dash_duo, artifacts, "not-found")
    # the document itself came back with status 404: the only error the log may hold
    assert _severe(dash_duo, allow=("status of 404",)) == []
    links = dash_duo.find_elements(f"#{ids.NOT_FOUND} a")
    next(a for a in links if a.text == PAGE_TITLES["timeline"]).click()
    dash_duo.wait_for_element(PAGE_READY["timeline"], timeout=20)
    assert dash_duo.driver.current_url.split("?")[0].endswith("/timeline")


def test_an_unknown_incident_link_says_so(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    missing = "https://w3id.org/alliancekg/id/incident/no-such-incident"
    _open(dash_duo, f"/tracer?incident={quote(missing, safe='')}")
    dash_duo.wait_for_contains_text(f"#{ids.TRACER_NOTICE}", "not in the graph", timeout=20)
    assert missing in dash_duo.find_element(f"#{ids.TRACER_NOTICE}").text
    _shot(dash_duo, artifacts, f"tracer-unknown-link-{store.name}")
    assert _severe(dash_duo) == []


def _type(dash_duo: Any, selector: str, text: str) -> None:
    """Replace the text of a textarea as a person does (select all, then type)."""
    box = dash_duo.find_element(selector)
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    if text:
        box.send_keys(text)


def _run(dash_duo: Any, query: str) -> str:
    _type(dash_duo, f"#{ids.CONSOLE_QUERY}", query)
    _type(dash_duo, f"#{ids.CONSOLE_PARAMS}", "")
    before = dash_duo.find_element(f"#{ids.CONSOLE_MESSAGE}").text
    dash_duo.find_element(f"#{ids.CONSOLE_RUN}").click()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        text = dash_duo.find_element(f"#{ids.CONSOLE_MESSAGE}").text
        if text and text != before:
            return str(text)
        time.sleep(0.1)
    pytest.fail(f"no console message for {query!r}")


def test_console_messages_say_what_is_wrong(dash_duo: Any, sample_store: Any, artifacts: Path) -> None:
    """A typo, a construct the embedded store lacks, a slow query: each says which it is."""
    dash_duo.start_server(create_app(sample_store, query_timeout=1.0))
    _open(dash_duo, "/console")
    dash_duo.wait_for_element(PAGE_READY["console"], timeout=20)
    typo = _run(dash_duo, "MATCH (n:Incident) RETRUN n")
    assert typo.startswith("Syntax error at line 1, column 20") and "RETURN" in typo and "Neo4j" not in typo
    _shot(dash_duo, artifacts, "console-syntax-error")
    unsupported = _run(dash_duo, "MATCH (n:Incident) WITH n RETURN n")
    assert unsupported.startswith("Not available on the embedded store: WITH"), unsupported
    slow = _run(dash_duo, "MATCH (a)-[*1..12]->(b)-[*1..12]->(c) RETURN count(a) AS n")
    assert slow.startswith("Timeout: the query was stopped after 1 s"), slow
    ordered = _run(dash_duo, "MATCH (c:Commitment) RETURN c.label AS c ORDER BY c.nosuch")
    assert "rows in" in ordered, ordered  # nulls sort, no TypeError
    assert _severe(dash_duo) == []


def test_a_slow_wait_shows_a_loading_indicator(dash_duo: Any, sample_store: Any) -> None:
    dash_duo.start_server(create_app(sample_store, query_timeout=3))
    _open(dash_duo, "/console")
    dash_duo.wait_for_element(PAGE_READY["console"], timeout=20)
    # two variable-length hops multiply: no machine answers this within the 3 s timeout (one hop took 2.6 s on a
    # quiet machine and answered before it)
    _type(dash_duo, f"#{ids.CONSOLE_QUERY}", "MATCH (a)-[*1..12]->(b)-[*1..12]->(c) RETURN count(a) AS n")
    dash_duo.find_element(f"#{ids.CONSOLE_RUN}").click()
    seen = False
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not seen:
        seen = bool(dash_duo.driver.execute_script("return document.querySelector('.dash-spinner') !== null;"))
        time.sleep(0.05)
    assert seen, "no loading indicator while the console waited"
    # the answer (a timeout) arrives before the test ends, so no request is cut off when the server stops
    dash_duo.wait_for_contains_text(f"#{ids.CONSOLE_MESSAGE}", "Timeout", timeout=30)
    assert _severe(dash_duo) == []


def test_keyboard_reaches_the_navigation_with_a_visible_focus(dash_duo: Any, sample_store: Any) -> None:
    dash_duo.start_server(create_app(sample_store))
    _open(dash_duo, "/console")
    dash_duo.wait_for_element(PAGE_READY["console"], timeout=20)
    dash_duo.driver.execute_script("document.activeElement && document.activeElement.blur(); window.focus();")
    focused: list[str] = []
    for _ in range(len(PAGES) + 1):
        ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
        active = "return document.activeElement.id || document.activeElement.className;"
        focused.append(dash_duo.driver.execute_script(active))
    assert [f for f in focused if f.startswith("nav-")] == [ids.nav_link(p) for p in PAGES], focused
    outline = dash_duo.driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle;")
    assert outline not in ("", "none"), outline
    ActionChains(dash_duo.driver).send_keys(Keys.ENTER).perform()  # the focused link opens its page
    dash_duo.wait_for_element(PAGE_READY[PAGES[-1]], timeout=20)
    assert _severe(dash_duo) == []
