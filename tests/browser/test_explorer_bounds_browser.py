"""The explorer's bounded work, in real headless Chromium: the first graph arrives with the page, a click
that only moves the focus restyles the drawn graph, and a hub's details panel lists a page and fetches the next.

A script added before the page loads records every Dash callback request
(its outputs and the answer's text), as ``bench/bench_browser.py`` does.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from conftest import STORE_KINDS
from selenium.webdriver.common.by import By
from test_dashboard_browser import _click_node, _cy_state, _open, _severe
from test_explorer_bounds import HUB_COMMITMENTS, SCM, USA, hub_graph

from dashboard import ids
from dashboard.app import create_app
from dashboard.explorer_panel import PANEL_MORE, PANEL_SHOWN
from graph.nx_store import NetworkXStore
from graph.schema import Kind

RECORD_JS = r"""
window.__calls = [];
const realFetch = window.fetch.bind(window);
window.fetch = function (url, opts) {
  const name = String(url && url.url ? url.url : url);
  if (name.indexOf('_dash-update-component') < 0) { return realFetch(url, opts); }
  let output = '?';
  try { output = JSON.parse(opts.body).output; } catch (e) {}
  return realFetch(url, opts).then(function (res) {
    res.clone().text().then(function (text) { window.__calls.push({output: output, text: text}); });
    return res;
  });
};
"""


@pytest.fixture(params=STORE_KINDS)
def hub_store(request: pytest.FixtureRequest) -> Any:
    """The hub graph (one SCM, a party with hundreds of commitments) in each store (a store of its own:
    the shared sample store is left as it is)."""
    if request.param == "embedded":
        store: Any = NetworkXStore()
    else:
        store = request.getfixturevalue("neo4j_store")
    store.load(hub_graph())
    return store


def _recording(dash_duo: Any) -> None:
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_JS})


def _graph_calls(dash_duo: Any) -> list[dict[str, Any]]:
    calls = dash_duo.driver.execute_script("return window.__calls || []")
    return [c for c in calls if f"{ids.EXPLORER_ELEMENTS}.data" in c["output"]]


def _classes(dash_duo: Any, iri: str) -> str:
    return str(dash_duo.driver.execute_script(
        "const cy = document.getElementById(arguments[0])._cyreg.cy; "
        "return cy.getElementById(arguments[1]).classes().join(' ');",
        ids.EXPLORER_GRAPH, iri,
    ))  # fmt: skip


def test_first_graph_by_one_call_and_a_focus_click_sends_classes(dash_duo: Any, hub_store: Any) -> None:
    _recording(dash_duo)
    dash_duo.start_server(create_app(hub_store))
    _open(dash_duo, "/explorer")
    dash_duo.wait_for_contains_text("#explorer-details-title", "50th", timeout=15)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not _cy_state(dash_duo, ids.EXPLORER_GRAPH)["nodes"]:
        time.sleep(0.1)
    first = _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    assert any(n["id"] == SCM for n in first["nodes"]) and len(first["nodes"]) == 8  # the SCM, 2 states, 5 pledges
    time.sleep(0.5)
    # the page came without its graph; one call of the graph callback drew it whole (preset positions)
    (drawn,) = _graph_calls(dash_duo)
    assert isinstance(json.loads(drawn["text"])["response"][ids.EXPLORER_ELEMENTS]["data"]["elements"], list)
    dash_duo.driver.execute_script("window.__calls = [];")  # from here: the click's calls only
    # a commitment whose neighbours are all drawn: the focus moves, the picture stays, only classes travel
    pledge = sorted(n["id"] for n in first["nodes"] if "/commitment/" in n["id"])[0]
    places = {n["id"]: n for n in dash_duo.driver.execute_script(
        "return document.getElementById(arguments[0])._cyreg.cy.nodes().map(n => ({id: n.id(), p: n.position()}))",
        ids.EXPLORER_GRAPH)}  # fmt: skip
    _click_node(dash_duo, ids.EXPLORER_GRAPH, pledge)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and "focus" not in _classes(dash_duo, pledge):
        time.sleep(0.2)
    assert "focus" in _classes(dash_duo, pledge) and "faded" not in _classes(dash_duo, SCM)
    calls = _graph_calls(dash_duo)
    assert len(calls) == 1
    answer = json.loads(calls[0]["text"])["response"][ids.EXPLORER_ELEMENTS]["data"]
    assert set(answer) == {"classes"} and "focus" in answer["classes"][pledge].split()
    after = dash_duo.driver.execute_script(
        "return document.getElementById(arguments[0])._cyreg.cy.nodes().map(n => ({id: n.id(), p: n.position()}))",
        ids.EXPLORER_GRAPH,
    )
    assert {n["id"]: n for n in after} == places  # same nodes, same model positions
    # the address and the navigation links follow the state (one answer carries both)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "node=" not in dash_duo.driver.current_url:
        time.sleep(0.2)
    query = "?" + dash_duo.driver.current_url.split("?", 1)[1]
    assert "node=" in query
    for page in ("timeline", "tracer"):
        href = dash_duo.find_element(f"#{ids.nav_link(page)}").get_attribute("href")
        assert href.endswith(f"/{page}{query}"), (href, query)
    assert _severe(dash_duo) == []


def test_a_hub_panel_lists_a_page_and_fetches_the_next(dash_duo: Any, hub_store: Any) -> None:
    dash_duo.start_server(create_app(hub_store))
    _open(dash_duo, f"/explorer?node={USA}")
    dash_duo.wait_for_text_to_equal("#explorer-details-title", "United States", timeout=15)
    panel = dash_duo.find_element(f"#{ids.EXPLORER_DETAILS}")
    heading = next(h for h in panel.find_elements(By.CSS_SELECTOR, "h5") if f"({HUB_COMMITMENTS:,})" in h.text)
    group = heading.find_element(By.XPATH, "..")
    assert len(group.find_elements(By.CSS_SELECTOR, "ul > li")) == PANEL_SHOWN
    button = group.find_element(By.CSS_SELECTOR, "button.explorer-more")
    assert button.text == f"Show {PANEL_MORE} more ({HUB_COMMITMENTS - PANEL_SHOWN:,} not listed)"
    button.click()
    deadline = time.monotonic() + 15
    wanted = PANEL_SHOWN + PANEL_MORE
    while time.monotonic() < deadline and len(group.find_elements(By.CSS_SELECTOR, "ul > li")) < wanted:
        time.sleep(0.2)
    items = group.find_elements(By.CSS_SELECTOR, "ul > li")
    assert len(items) == PANEL_SHOWN + PANEL_MORE
    assert button.text == f"Show {PANEL_MORE} more ({HUB_COMMITMENTS - PANEL_SHOWN - PANEL_MORE:,} not listed)"
    # an item of the new page opens its node
    name = items[-1].find_element(By.CSS_SELECTOR, "button.open-link").text
    items[-1].find_element(By.CSS_SELECTOR, "button.open-link").click()
    dash_duo.wait_for_text_to_equal("#explorer-details-title", name, timeout=15)
    assert Kind.COMMITMENT.value.lower() in dash_duo.find_element(".kind-badge").text.lower()
    assert _severe(dash_duo) == []


def _drawn_focus(dash_duo: Any) -> dict[str, Any]:
    """The drawn graph's focus: the nodes classed ``focus``, and per node whether it is faded and next to a focus."""
    return dict(dash_duo.driver.execute_script(
        "const cy = document.getElementById(arguments[0])._cyreg.cy; const focus = cy.nodes('.focus'); "
        "const near = focus.closedNeighborhood().nodes(); "
        "return {focus: focus.map(n => n.id()), nodes: cy.nodes().map(n => "
        "({id: n.id(), faded: n.hasClass('faded'), near: near.contains(n)}))};",
        ids.EXPLORER_GRAPH,
    ))  # fmt: skip


def test_focus_classes_after_a_click_that_added_nodes(dash_duo: Any) -> None:
    """A click that opens a hub adds nodes; the next click only moves the focus (a patch of classes). The patch
    must land on the elements the server meant: the clicked node is the only focus, its neighbours stand out,
    the rest fade (the page's copy of the elements keeps the server's order and classes)."""
    store = NetworkXStore()
    store.load(hub_graph())
    dash_duo.start_server(create_app(store))
    _open(dash_duo, "/explorer")
    dash_duo.wait_for_contains_text("#explorer-details-title", "50th", timeout=15)
    first = _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    _click_node(dash_duo, ids.EXPLORER_GRAPH, USA)  # the hub: its neighbours are added
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(_cy_state(dash_duo, ids.EXPLORER_GRAPH)["nodes"]) <= len(first["nodes"]):
        time.sleep(0.2)
    time.sleep(0.5)  # past dash-cytoscape's debounced handlers of added elements (100 ms)
    drawn = _cy_state(dash_duo, ids.EXPLORER_GRAPH)
    assert len(drawn["nodes"]) > len(first["nodes"])
    pledge = sorted(n["id"] for n in first["nodes"] if "/commitment/" in n["id"])[-1]
    _click_node(dash_duo, ids.EXPLORER_GRAPH, pledge)  # its neighbours are drawn: the focus moves only
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _drawn_focus(dash_duo)["focus"] != [pledge]:
        time.sleep(0.2)
    time.sleep(0.5)
    seen = _drawn_focus(dash_duo)
    assert seen["focus"] == [pledge]
    assert {n["id"] for n in seen["nodes"] if n["near"]} == {pledge, SCM, USA}
    assert [n["id"] for n in seen["nodes"] if n["near"] and n["faded"]] == []
    assert [n["id"] for n in seen["nodes"] if not n["near"] and not n["faded"]] == []
    assert len(_cy_state(dash_duo, ids.EXPLORER_GRAPH)["nodes"]) == len(drawn["nodes"])
    assert _severe(dash_duo) == []
