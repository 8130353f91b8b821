"""Pins, paths and unknown links in the explorer, in real headless Chromium, on both stores.

Each test starts the app over the sample graph in a real store (embedded,
and Neo4j when a server is up), presses the toolbar's buttons as an analyst
does and reads the drawn graph back from cytoscape itself: classes, model
positions, lock state. The browser's console must stay free of errors.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from dashboard_sample import iri_of, sample_graph
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.app import create_app
from graph.schema import Kind

GRAPH = sample_graph()
NUCLEAR_TEST = iri_of(GRAPH, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
RUMSFELD = iri_of(GRAPH, Kind.PERSON, "Donald Rumsfeld")

DRAWN_JS = """
const box = document.getElementById(arguments[0]);
if (!box || !box._cyreg || !box._cyreg.cy) { return null; }
const cy = box._cyreg.cy;
const out = {nodes: {}, edges: []};
cy.nodes().forEach(n => { out.nodes[n.id()] = {classes: n.classes(), x: n.position('x'), y: n.position('y'),
                                                locked: n.locked()}; });
cy.edges().forEach(e => { out.edges.push({source: e.data('source'), target: e.data('target'),
                                          classes: e.classes()}); });
return out;
"""


def _drawn(dash_duo: Any) -> dict[str, Any]:
    return dash_duo.driver.execute_script(DRAWN_JS, ids.EXPLORER_GRAPH) or {"nodes": {}, "edges": []}


def _wait(dash_duo: Any, test: Any, what: str, timeout: float = 20.0) -> dict[str, Any]:
    """The drawn graph once ``test(drawn)`` holds (fails with ``what`` otherwise)."""
    deadline = time.monotonic() + timeout
    drawn = _drawn(dash_duo)
    while time.monotonic() < deadline:
        drawn = _drawn(dash_duo)
        if drawn["nodes"] and test(drawn):
            return drawn
        time.sleep(0.25)
    pytest.fail(f"{what}; drawn nodes: {sorted(drawn['nodes'])[:20]}")


def _open(dash_duo: Any, path: str) -> None:
    dash_duo.driver.set_window_size(1440, 1000)
    dash_duo.wait_for_page(url=dash_duo.server_url.rstrip("/") + path, timeout=20)


def _press(dash_duo: Any, button_id: str) -> None:
    dash_duo.find_element(f"#{button_id}").click()


def _severe(dash_duo: Any) -> list[Any]:
    return [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]


def _open_by_search(dash_duo: Any, text: str, label: str) -> None:
    """Search for ``text`` and open the result named ``label``."""
    box = dash_duo.find_element(f"#{ids.EXPLORER_SEARCH}")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            for link in dash_duo.find_elements(f"#{ids.EXPLORER_RESULTS} button.open-link"):
                if link.text == label:
                    link.click()
                    dash_duo.wait_for_text_to_equal("#explorer-details-title", label, timeout=15)
                    return
        except StaleElementReferenceException:
            pass
        time.sleep(0.2)
    pytest.fail(f"no search result {label!r} for {text!r}")


def test_a_pinned_node_stays_in_place_when_the_view_changes(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, f"/explorer?node={quote(NUCLEAR_TEST, safe='')}")
    dash_duo.wait_for_text_to_equal("#explorer-details-title", "First North Korean nuclear test", timeout=20)
    _wait(dash_duo, lambda d: "focus" in d["nodes"].get(NUCLEAR_TEST, {}).get("classes", []), "the test is not drawn")
    _press(dash_duo, ids.EXPLORER_PIN)
    pinned = _wait(
        dash_duo, lambda d: "pinned" in d["nodes"].get(NUCLEAR_TEST, {}).get("classes", []), "the pin is not drawn"
    )
    where = pinned["nodes"][NUCLEAR_TEST]
    assert where["locked"] is True
    # back to the latest meeting: another view, the pinned test is still there, where it was
    before = set(pinned["nodes"])
    _press(dash_duo, ids.EXPLORER_RESET)
    after = _wait(dash_duo, lambda d: set(d["nodes"]) != before, "the view did not change")
    assert NUCLEAR_TEST in after["nodes"]
    moved = after["nodes"][NUCLEAR_TEST]
    assert (round(moved["x"], 1), round(moved["y"], 1)) == (round(where["x"], 1), round(where["y"], 1))
    assert "pinned" in moved["classes"] and moved["locked"] is True
    dash_duo.driver.save_screenshot(str(artifacts / f"explorer-pinned-{store.name}.png"))
    # unpin: the next view no longer holds it
    _press(dash_duo, ids.EXPLORER_UNPIN_ALL)
    _wait(dash_duo, lambda d: NUCLEAR_TEST not in d["nodes"], "the unpinned test stayed in the view")
    assert _severe(dash_duo) == []


def test_the_shortest_path_between_two_nodes_is_highlighted(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    _open(dash_duo, f"/explorer?node={quote(NUCLEAR_TEST, safe='')}")
    dash_duo.wait_for_text_to_equal("#explorer-details-title", "First North Korean nuclear test", timeout=20)
    _press(dash_duo, ids.EXPLORER_PATH_FROM)
    dash_duo.wait_for_contains_text(f"#{ids.EXPLORER_PATH_NOTE}", "select another node", timeout=15)
    _open_by_search(dash_duo, "Rumsfeld", "Donald Rumsfeld")
    _press(dash_duo, ids.EXPLORER_PATH_TO)
    wanted = "Shortest path from First North Korean nuclear test to Donald Rumsfeld"
    dash_duo.wait_for_contains_text(f"#{ids.EXPLORER_PATH_NOTE}", wanted, timeout=20)
    note = dash_duo.find_element(f"#{ids.EXPLORER_PATH_NOTE}").text
    expected = store.paths(NUCLEAR_TEST, RUMSFELD, 5, kinds=["Actor", "Event", "Commitment", "Threat"], limit=5)
    assert expected.paths and f"{expected.hops} links" in note
    on_path = {iri for p in expected.paths for iri in p}
    drawn = _wait(
        dash_duo,
        lambda d: all("path" in d["nodes"].get(i, {}).get("classes", []) for i in on_path),
        "the path's nodes are not all highlighted",
    )
    assert not any("faded" in drawn["nodes"][i]["classes"] for i in on_path)
    path_edges = [e for e in drawn["edges"] if "path" in e["classes"]]
    assert len(path_edges) >= expected.hops
    assert all({e["source"], e["target"]} <= on_path for e in path_edges)
    dash_duo.driver.save_screenshot(str(artifacts / f"explorer-path-{store.name}.png"))
    _press(dash_duo, ids.EXPLORER_PATH_CLEAR)
    _wait(dash_duo, lambda d: not any("path" in n["classes"] for n in d["nodes"].values()), "the path stayed")
    assert dash_duo.find_element(f"#{ids.EXPLORER_PATH_NOTE}").text == ""
    assert _severe(dash_duo) == []


def test_an_unknown_node_link_says_so(dash_duo: Any, store: Any, artifacts: Path) -> None:
    dash_duo.start_server(create_app(store))
    missing = "https://w3id.org/alliancekg/id/state/no-such-node"
    _open(dash_duo, f"/explorer?node={quote(missing, safe='')}")
    dash_duo.wait_for_contains_text(f"#{ids.EXPLORER_NOTICE}", "not in the graph", timeout=20)
    assert missing in dash_duo.find_element(f"#{ids.EXPLORER_NOTICE}").text
    assert f"No node has the IRI {missing}" in dash_duo.find_element(f"#{ids.EXPLORER_DETAILS}").text
    # the graph is not left empty: it opens on the latest meeting
    drawn = _wait(dash_duo, lambda d: len(d["nodes"]) > 3, "nothing drawn under an unknown link")
    assert missing not in drawn["nodes"]
    dash_duo.driver.save_screenshot(str(artifacts / f"explorer-unknown-link-{store.name}.png"))
    assert _severe(dash_duo) == []
