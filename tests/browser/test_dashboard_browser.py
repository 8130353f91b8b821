"""The explorer in real headless Chromium: every page, clicks, downloads, safety.

Each test starts the app over a real store (embedded, and Neo4j when a server
is up: the ``store`` fixture) and drives it like an analyst. A page counts as
working only when it renders without a SEVERE entry in the browser's console.
Screenshots go to ``test-artifacts/`` (the docs' screenshots are copies).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import pytest
import rdflib
from dashboard_sample import SCRIPT_TEXT, iri_of, sample_graph
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids, styles
from dashboard.app import create_app
from dashboard.state import PAGES
from graph import labels
from graph.schema import Kind

GRAPH = sample_graph()
NUCLEAR_TEST = iri_of(GRAPH, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
LAUNCH = iri_of(GRAPH, Kind.MISSILE_LAUNCH, "Taepodong-2 launch")

PAGE_MARKERS = {
    "explorer": f"#{ids.EXPLORER_GRAPH} canvas",
    "tracer": f"#{ids.TRACER_INCIDENT}",
    "timeline": f"#{ids.TIMELINE_GRAPH} .main-svg",
    "console": f"#{ids.CONSOLE_QUERY}",
    "exports": f"#{ids.EXPORTS_RDF_BUTTON}",
    "crises": "#crises-table",
}

CY_JS = """
const box = document.getElementById(arguments[0]);
if (!box || !box._cyreg || !box._cyreg.cy) { return null; }
const cy = box._cyreg.cy;
const r = box.getBoundingClientRect();
return {
  width: r.width, height: r.height, left: r.left, top: r.top, animated: cy.animated(),
  nodes: cy.nodes().map(n => ({id: n.id(), x: n.renderedPosition().x, y: n.renderedPosition().y,
                               w: n.renderedWidth(), h: n.renderedHeight()}))
};
"""


def _shot(dash_duo: Any, artifacts: Path, name: str) -> Path:
    path = artifacts / f"{name}.png"
    dash_duo.driver.save_screenshot(str(path))
    return path


def _severe(dash_duo: Any) -> list[Any]:
    return [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]


def _open(dash_duo: Any, path: str) -> None:
    dash_duo.wait_for_page(url=dash_duo.server_url.rstrip("/") + path, timeout=20)


def _laid_out(state: dict[str, Any] | None) -> bool:
    if not state or not state["nodes"]:
        return False
    spots = {(round(n["x"]), round(n["y"])) for n in state["nodes"]}
    return len(state["nodes"]) == 1 or len(spots) > 1


def _cy_state(dash_duo: Any, element_id: str, wait: float = 15.0) -> dict[str, Any]:
    """Size of a cytoscape container and its nodes' rendered positions, once laid out and still.

    Waits until the graph has nodes, the layout has moved them apart (right
    after the elements arrive they all sit at the origin) and the explorer's
    zoom to its focus has ended (no animation, the same positions twice); a
    canvas that never gets there is returned as it is, for the caller's
    assertions to report.
    """
    deadline = time.monotonic() + wait
    state: dict[str, Any] | None = None
    previous: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        state = dash_duo.driver.execute_script(CY_JS, element_id)
        if _laid_out(state) and state is not None and not state.get("animated") and state == previous:
            return state
        previous = state
        time.sleep(0.25)
    if not state or not state["nodes"]:
        pytest.fail(f"cytoscape #{element_id} never drew any node: {state}")
    return state


def _click_node(dash_duo: Any, element_id: str, iri: str) -> None:
    state = _cy_state(dash_duo, element_id)
    node = next((n for n in state["nodes"] if n["id"] == iri), None)
    assert node is not None, f"{iri} is not drawn"
    # viewport coordinates: the same in every selenium version (element offsets changed origin in 4.3)
    x, y = int(state["left"] + node["x"]), int(state["top"] + node["y"])
    ActionChains(dash_duo.driver).move_to_location(x, y).click().perform()


def _query(dash_duo: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_without_console_errors(dash_duo: Any, store: Any, artifacts: Path, page: str) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, f"/{page}")
    dash_duo.wait_for_element(PAGE_MARKERS[page], timeout=20)
    dash_duo.wait_for_element(f"#{ids.nav_link(page)}")
    time.sleep(1.0)  # let late callbacks finish and log
    _shot(dash_duo, artifacts, f"page-{page}-{store.name}")
    assert _severe(dash_duo) == []


def test_cytoscape_draws_a_real_graph(dash_duo: Any, store: Any, artifacts: Path) -> None:
    """Catches the collapsed-canvas failure (dash-cytoscape under Dash 4 in headless Chromium)."""
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/explorer?mode=connected")
    state = _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    assert state["width"] > 400 and state["height"] > 300, state
    canvas = dash_duo.find_element(f"#{ids.EXPLORER_GRAPH} canvas")
    assert canvas.size["width"] > 400 and canvas.size["height"] > 300
    xs = [n["x"] for n in state["nodes"]]
    ys = [n["y"] for n in state["nodes"]]
    assert len(state["nodes"]) >= 10
    assert max(xs) - min(xs) > 100 and max(ys) - min(ys) > 100, "nodes are piled on one spot"
    inside = [n for n in state["nodes"] if 0 <= n["x"] <= state["width"] and 0 <= n["y"] <= state["height"]]
    assert len(inside) == len(state["nodes"]), "nodes drawn outside the visible canvas"
    assert all(n["w"] > 5 and n["h"] > 5 for n in state["nodes"])
    counts = dash_duo.driver.execute_script(
        "const c = {}; document.getElementById(arguments[0])._cyreg.cy.nodes()"
        ".forEach(n => { c[n.data('kind')] = (c[n.data('kind')] || 0) + 1; }); return c;",
        ids.EXPLORER_GRAPH,
    )
    # the legend is plain HTML (no second canvas): one entry per kind drawn, its count, its colour and shape
    legend = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#' + arguments[0] + ' li')].map(li => {"
        " const s = li.querySelector('.legend-swatch'); const cs = getComputedStyle(s);"
        " return {kind: li.dataset.kind, text: li.innerText, colour: cs.backgroundColor,"
        " clip: cs.clipPath, w: s.getBoundingClientRect().width}; });",
        ids.EXPLORER_LEGEND,
    )
    assert dash_duo.find_elements(f"#{ids.EXPLORER_LEGEND} canvas") == []
    assert {e["kind"] for e in legend} == set(counts) and len(legend) == len(counts)
    for entry in legend:
        style = styles.kind_style(entry["kind"])
        r, g, b = (int(style.colour[i : i + 2], 16) for i in (1, 3, 5))
        assert entry["colour"] == f"rgb({r}, {g}, {b})", entry
        assert entry["w"] > 5, entry
        assert labels.kind_label(entry["kind"]) in entry["text"] and f"({counts[entry['kind']]})" in entry["text"]
        assert styles.shape_words(style.shape) in entry["text"]
        assert (entry["clip"] != "none") == (style.shape.removeprefix("round-") in styles.SHAPE_OUTLINES), entry
    _shot(dash_duo, artifacts, f"explorer-graph-{store.name}")
    assert _severe(dash_duo) == []


def test_clicking_a_node_shows_its_evidence(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/explorer?mode=connected")
    _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    time.sleep(0.5)  # the layout has settled
    _click_node(dash_duo, ids.EXPLORER_GRAPH, NUCLEAR_TEST)
    dash_duo.wait_for_text_to_equal("#explorer-details-title", "First North Korean nuclear test", timeout=10)
    dash_duo.wait_for_contains_text(f"#{ids.EXPLORER_DETAILS} .evidence-sentence", "October 9, 2006", timeout=10)
    marks = dash_duo.find_elements(f"#{ids.EXPLORER_DETAILS} mark.ev-span")
    assert any("nuclear test" in m.text for m in marks)
    assert "Joint Communique of the 38th SCM" in dash_duo.find_element(f"#{ids.EXPLORER_DETAILS}").text
    # the link now points at the selection (the address is written once the page is idle)
    deadline = time.monotonic() + 5
    while _query(dash_duo).get("node") != [NUCLEAR_TEST] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _query(dash_duo).get("node") == [NUCLEAR_TEST]
    # the clicked node's neighbourhood is open: its perpetrator is drawn
    drawn = {n["id"] for n in _cy_state(dash_duo, ids.EXPLORER_GRAPH)["nodes"]}
    assert iri_of(GRAPH, Kind.STATE, "Democratic People's Republic of Korea") in drawn
    _shot(dash_duo, artifacts, f"explorer-evidence-{store.name}")
    assert _severe(dash_duo) == []


def test_source_markup_shows_as_characters(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, f"/explorer?node={quote(LAUNCH, safe='')}")
    dash_duo.wait_for_contains_text(f"#{ids.EXPLORER_DETAILS} .evidence-sentence", SCRIPT_TEXT, timeout=10)
    details = dash_duo.find_element(f"#{ids.EXPLORER_DETAILS}")
    assert details.find_elements(By.TAG_NAME, "script") == []
    assert SCRIPT_TEXT in details.text
    with pytest.raises(NoAlertPresentException):
        dash_duo.driver.switch_to.alert.text  # noqa: B018 - reading it is the probe
    _shot(dash_duo, artifacts, f"explorer-script-text-{store.name}")
    assert _severe(dash_duo) == []


def test_tracing_the_first_nuclear_test_shows_the_next_scm(dash_duo: Any, corpus_store: Any, artifacts: Path) -> None:
    """On the ingested sample corpus: the 2006-10-09 test, answered by the 38th SCM eleven days later."""
    dash_duo.start_server(create_app(corpus_store))
    _open(dash_duo, "/tracer")
    box = dash_duo.wait_for_element(f"#{ids.TRACER_INCIDENT} input", timeout=20)
    box.send_keys("2006-10-09")
    dash_duo.wait_for_contains_text(f"#{ids.TRACER_INCIDENT}", "First North Korean nuclear test", timeout=10)
    box.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#tracer-meetings", "38th SCM", timeout=20)
    meetings = dash_duo.find_element("#tracer-meetings").text
    assert "(2006-10-20)" in meetings and "11 days after" in meetings
    assert "Extended deterrence" in meetings and "Nuclear umbrella" in meetings
    assert "Rumsfeld" in meetings  # the evidence sentence of the 38th SCM communique
    assert dash_duo.find_elements("#tracer-meetings mark.ev-span")
    comparison = dash_duo.find_element(f"#{ids.TRACER_COMPARISON}").text
    assert "\u2192 38th SCM" in comparison and "only after" in comparison
    # the record's previous meeting, the 37th SCM, has no text: the panel says so and compares with no older one
    assert "no text for the 37th SCM loaded" in comparison and "30th" not in comparison
    incident = _query(dash_duo)["incident"][0]
    assert "prk-nuclear-test-1" in incident
    _shot(dash_duo, artifacts, f"tracer-{corpus_store.name}")
    # the URL is a shareable link: opening it again shows the same trace
    dash_duo.wait_for_page(url=dash_duo.driver.current_url)
    dash_duo.wait_for_contains_text("#tracer-meetings", "38th SCM", timeout=20)
    assert _severe(dash_duo) == []


def test_every_crisis_table_and_chart_open_the_tracer(dash_duo: Any, store: Any, artifacts: Path) -> None:
    """The cross-incident table and its lag chart render; an incident's row opens the tracer for it."""
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/crises")
    dash_duo.wait_for_element("#crises-lag-chart .main-svg", timeout=20)
    table = dash_duo.wait_for_element("#crises-table", timeout=20).text
    assert "First North Korean nuclear test" in table and "lag (days)" in table
    _shot(dash_duo, artifacts, f"crises-{store.name}")
    link = next(
        a for a in dash_duo.find_elements("#crises-table a.crisis-link") if a.text == "First North Korean nuclear test"
    )
    link.click()
    dash_duo.wait_for_element(f"#{ids.TRACER_INCIDENT}", timeout=20)
    assert urlparse(dash_duo.driver.current_url).path == "/tracer"
    assert _query(dash_duo)["incident"] == [NUCLEAR_TEST]
    dash_duo.wait_for_contains_text("#tracer-meetings", "SCM", timeout=20)
    assert _severe(dash_duo) == []


def test_explorer_on_the_corpus(dash_duo: Any, corpus_store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(corpus_store))
    _open(dash_duo, "/explorer?from=2005&to=2010")
    state = _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    assert len(state["nodes"]) > 20 and state["height"] > 300
    time.sleep(1.0)
    test = next(n["id"] for n in state["nodes"] if "prk-nuclear-test-1" in n["id"])
    _click_node(dash_duo, ids.EXPLORER_GRAPH, test)
    dash_duo.wait_for_text_to_equal("#explorer-details-title", "First North Korean nuclear test", timeout=10)
    dash_duo.wait_for_element(f"#{ids.EXPLORER_DETAILS} mark.ev-span", timeout=10)
    time.sleep(1.0)
    _shot(dash_duo, artifacts, f"explorer-corpus-{corpus_store.name}")
    _open(dash_duo, "/timeline?from=2000&to=2020")
    dash_duo.wait_for_element(f"#{ids.TIMELINE_GRAPH} .scatterlayer .point", timeout=20)
    time.sleep(1.0)
    _shot(dash_duo, artifacts, f"timeline-corpus-{corpus_store.name}")
    assert _severe(dash_duo) == []


def test_timeline_cell_opens_evidence(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/timeline?from=2005&to=2007")
    dash_duo.wait_for_element(f"#{ids.TIMELINE_GRAPH} .scatterlayer .point", timeout=20)
    time.sleep(0.5)
    points = dash_duo.find_elements(f"#{ids.TIMELINE_GRAPH} .scatterlayer .trace:first-child .point")
    assert points
    ActionChains(dash_duo.driver).move_to_element(points[0]).click().perform()
    dash_duo.wait_for_element("#timeline-cell-title", timeout=10)
    assert dash_duo.find_elements(f"#{ids.TIMELINE_EVIDENCE} .evidence-sentence")
    _shot(dash_duo, artifacts, f"timeline-{store.name}")
    assert _severe(dash_duo) == []


def test_console_query_returns_rows_and_write_is_refused(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/console?example=heads-of-delegation")
    dash_duo.wait_for_element(f"#{ids.CONSOLE_QUERY}")
    dash_duo.find_element(f"#{ids.CONSOLE_RUN}").click()
    dash_duo.wait_for_contains_text(f"#{ids.CONSOLE_MESSAGE}", "2 rows", timeout=15)
    table = dash_duo.find_element(f"#{ids.CONSOLE_TABLE}").text
    assert "Donald Rumsfeld" in table and "Yoon Kwang-ung" in table
    graph = _cy_state(dash_duo, ids.CONSOLE_GRAPH)
    assert len(graph["nodes"]) == 3 and graph["height"] > 100
    _shot(dash_duo, artifacts, f"console-{store.name}")

    query = dash_duo.find_element(f"#{ids.CONSOLE_QUERY}")
    query.clear()
    query.send_keys("MATCH (n) DETACH DELETE n")
    dash_duo.find_element(f"#{ids.CONSOLE_RUN}").click()
    dash_duo.wait_for_contains_text(f"#{ids.CONSOLE_MESSAGE}", "Refused", timeout=15)
    assert "Traceback" not in dash_duo.find_element("body").text
    assert sum(store.count_by_kind().values()) == len(GRAPH.nodes)
    _shot(dash_duo, artifacts, f"console-refused-{store.name}")
    assert _severe(dash_duo) == []


def _wait_for_download(folder: Path, suffix: str, timeout: float = 20.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.25)
    pytest.fail(f"no *{suffix} file appeared in {folder}: {list(folder.iterdir())}")


def test_export_downloads_and_parses(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/exports?kinds=Event")
    dash_duo.wait_for_element(f"#{ids.EXPORTS_RDF_BUTTON}", timeout=20).click()
    folder = Path(dash_duo.download_path)
    turtle = _wait_for_download(folder, ".ttl")
    parsed = rdflib.Graph().parse(turtle, format="turtle")
    subjects = {str(s) for s in parsed.subjects()}
    assert NUCLEAR_TEST in subjects
    assert iri_of(GRAPH, Kind.STATE, "United States") not in subjects  # the view held events only
    scope = f"//*[@id='{ids.EXPORTS_SCOPE}']//label[contains(., 'whole graph')]"
    dash_duo.driver.find_element(By.XPATH, scope).click()
    dash_duo.find_element(f"#{ids.EXPORTS_CSV_NODES_BUTTON}").click()
    nodes = _wait_for_download(folder, "-nodes.csv")
    assert len(nodes.read_text(encoding="utf-8").splitlines()) == len(GRAPH.nodes) + 1
    _shot(dash_duo, artifacts, f"exports-{store.name}")
    assert _severe(dash_duo) == []


def test_every_page_runs_under_the_content_security_policy(dash_duo: Any, store: Any, artifacts: Path) -> None:
    """The CSP (dashboard/security.py) is sent, and Dash, Plotly and Cytoscape run under it: every page
    draws and the browser's console log stays empty (a blocked script or style is logged there)."""
    app = create_app(store)
    dash_duo.start_server(app)
    policy = app.server.test_client().get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    for page in PAGES:
        _open(dash_duo, f"/{page}")
        dash_duo.wait_for_element(PAGE_MARKERS[page], timeout=20)
        time.sleep(1.0)
        logs = dash_duo.driver.get_log("browser")
        assert logs == [], (page, logs)


def test_crises_filters_redraw_the_table(dash_duo: Any, store: Any, artifacts: Path) -> None:
    """Sources and minimum confidence redraw the cross-incident table (the page is not reloaded)."""
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/crises")
    dash_duo.wait_for_element("#crises-table", timeout=20)
    radio = next(
        r for r in dash_duo.find_elements(f"#{ids.CRISES_SOURCES} label") if "records of the meeting" in r.text
    )
    radio.click()
    dash_duo.wait_for_contains_text("#crises-table", "First North Korean nuclear test", timeout=20)
    before = dash_duo.find_element("#crises-table").text
    # every commitment of the sample graph was extracted with confidence 0.9: above it, none counts
    box = dash_duo.find_element(f"#{ids.CRISES_MIN_CONFIDENCE}")
    box.send_keys("0.95")
    box.send_keys(Keys.ENTER)
    deadline = time.monotonic() + 20
    while dash_duo.find_element("#crises-table").text == before and time.monotonic() < deadline:
        time.sleep(0.2)
    after = dash_duo.find_element("#crises-table").text
    assert after != before and "First North Korean nuclear test" in after  # the incidents stay, their counts fall
    _shot(dash_duo, artifacts, f"crises-filters-{store.name}")
    assert _severe(dash_duo) == []


# -- search first, focus, the meeting panel, a view export that validates ------------------------

CLASSES_JS = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
const out = {};
cy.nodes().forEach(n => { out[n.id()] = n.classes(); });
return out;
"""


def _search(dash_duo: Any, text: str, timeout: float = 15.0) -> None:
    """Type a search and wait for its results to replace what was there."""
    before = dash_duo.find_element(f"#{ids.EXPLORER_RESULTS}").text
    box = dash_duo.find_element(f"#{ids.EXPLORER_SEARCH}")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)  # clear() does not reach React's value
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if dash_duo.find_element(f"#{ids.EXPLORER_RESULTS}").text != before:
                return
        except StaleElementReferenceException:
            pass
        time.sleep(0.2)
    pytest.fail(f"the search {text!r} changed nothing")


def _result_link(dash_duo: Any, label: str, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            for link in dash_duo.find_elements(f"#{ids.EXPLORER_RESULTS} button.open-link"):
                if link.text == label:
                    return link
        except StaleElementReferenceException:
            pass
        time.sleep(0.2)
    text = dash_duo.find_element(f"#{ids.EXPLORER_RESULTS}").text
    pytest.fail(f"no search result {label!r}; the results read: {text!r}")


def _in_middle(dash_duo: Any, iri: str) -> bool:
    state = _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    node = next((n for n in state["nodes"] if n["id"] == iri), None)
    if node is None:
        return False
    return 0.1 * state["width"] < node["x"] < 0.9 * state["width"] and 0.1 * state["height"] < node["y"] < 0.9 * state[
        "height"
    ]


def test_search_by_date_and_by_evidence_phrase_opens_the_node(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/explorer")
    _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    # a month finds the incident dated in it, under its kind
    _search(dash_duo, "2006-10")
    _result_link(dash_duo, "First North Korean nuclear test")
    groups = [h.text for h in dash_duo.find_elements(f"#{ids.EXPLORER_RESULTS} h5")]
    assert any(g.startswith("Incidents (") for g in groups), groups
    # words of a source sentence find the commitment it evidences; the result opens it
    _search(dash_duo, "keep its nuclear umbrella")
    link = _result_link(dash_duo, "U.S. reaffirmed: Nuclear umbrella")
    assert "nuclear umbrella" in dash_duo.find_element(f"#{ids.EXPLORER_RESULTS}").text.lower()
    link.click()
    dash_duo.wait_for_text_to_equal("#explorer-details-title", "U.S. reaffirmed: Nuclear umbrella", timeout=10)
    # the address is written once the page is idle (after the redraw), so read the opened node from it only when it
    # names the node the graph focuses: until then it may still hold the state the click started from
    deadline = time.monotonic() + 10
    while True:
        opened = (_query(dash_duo).get("node") or [""])[0]
        classes = dash_duo.driver.execute_script(CLASSES_JS, ids.EXPLORER_GRAPH)
        settled = "focus" in classes.get(opened, []) and _in_middle(dash_duo, opened)
        if settled or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    assert "focus" in classes.get(opened, []), (opened, [k for k, v in classes.items() if "focus" in v])
    assert _in_middle(dash_duo, opened), "the graph did not zoom to the opened node"
    assert "commitment" in opened, opened  # the address names the commitment the result opened
    _shot(dash_duo, artifacts, f"explorer-search-{store.name}")
    assert _severe(dash_duo) == []


def test_click_focuses_the_neighbourhood_and_fades_the_rest(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/explorer?mode=connected")
    _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    time.sleep(0.5)
    _click_node(dash_duo, ids.EXPLORER_GRAPH, NUCLEAR_TEST)
    dash_duo.wait_for_text_to_equal("#explorer-details-title", "First North Korean nuclear test", timeout=10)
    deadline = time.monotonic() + 10
    classes: dict[str, str] = {}
    while time.monotonic() < deadline:
        classes = dash_duo.driver.execute_script(CLASSES_JS, ids.EXPLORER_GRAPH)
        if "focus" in str(classes.get(NUCLEAR_TEST)):
            break
        time.sleep(0.25)
    prk = iri_of(GRAPH, Kind.STATE, "Democratic People's Republic of Korea")
    assert "focus" in classes[NUCLEAR_TEST]
    assert "near" in classes[prk]  # its perpetrator: a neighbour, highlighted
    faded = [iri for iri, c in classes.items() if "faded" in c]
    assert faded and NUCLEAR_TEST not in faded and prk not in faded
    assert _in_middle(dash_duo, NUCLEAR_TEST)
    # the panel lists what it is linked to, each item a link
    panel = dash_duo.find_element(f"#{ids.EXPLORER_DETAILS}").text
    assert "Perpetrator (1)" in panel and "Commitments that answer it" in panel
    _shot(dash_duo, artifacts, f"explorer-focus-{store.name}")
    assert _severe(dash_duo) == []


def test_the_meeting_panel_lists_its_commitments(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/explorer")
    _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    # the page opens on the latest meeting: its name in the analyst's words, its commitments listed
    dash_duo.wait_for_text_to_equal(
        "#explorer-details-title", "39th Security Consultative Meeting (Seoul, 2007-11-07)", timeout=10
    )
    panel = dash_duo.find_element(f"#{ids.EXPLORER_DETAILS}")
    headings = [h.text for h in panel.find_elements(By.CSS_SELECTOR, "h5")]
    commitments = next(h for h in headings if h.startswith("Commitments ("))
    count = int(commitments.split("(")[1].rstrip(")"))
    items = panel.find_elements(By.XPATH, ".//h5[starts-with(., 'Commitments (')]/following-sibling::ul[1]/li")
    assert count >= 1 and len(items) == count
    assert all("worded" in li.text for li in items)  # each with its wording
    assert "Documents (" in panel.text and "SCM" not in [e.text for e in panel.find_elements(By.CSS_SELECTOR, "mark")]
    first = items[0].find_element(By.CSS_SELECTOR, "button.open-link")
    name = first.text
    first.click()
    dash_duo.wait_for_text_to_equal("#explorer-details-title", name, timeout=10)
    panel = dash_duo.find_element(f"#{ids.EXPLORER_DETAILS}").text
    for heading in ("Meeting (1)", "Type (", "Party (", "Evidence ("):
        assert heading in panel, heading
    assert "39th Security Consultative Meeting (Seoul, 2007-11-07)" in panel
    _shot(dash_duo, artifacts, f"explorer-meeting-{store.name}")
    assert _severe(dash_duo) == []


def test_a_view_export_validates(dash_duo: Any, store: Any, artifacts: Path) -> None:
    from ontology.validate import validate

    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/exports")
    dash_duo.wait_for_element(f"#{ids.EXPORTS_RDF_BUTTON}", timeout=20).click()
    turtle = _wait_for_download(Path(dash_duo.download_path), ".ttl")
    report = validate(rdflib.Graph().parse(turtle, format="turtle"))
    assert report.conforms, report.describe()
    dash_duo.wait_for_contains_text(f"#{ids.EXPORTS_MESSAGE}", "passes the project's SHACL validation", timeout=20)
    _shot(dash_duo, artifacts, f"exports-view-{store.name}")
    assert _severe(dash_duo) == []
