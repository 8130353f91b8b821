"""Component ids, one constant each, prefixed by page (``explorer-graph``).

Callbacks and browser tests import these instead of spelling ids again.
"""

from __future__ import annotations

from typing import Any

# -- shell -------------------------------------------------------------
URL = "url"
PAGE = "page-content"
NAV = "nav"
STORE_NAME = "store-name"
PAGE_LOADING = "page-loading"
NOT_FOUND = "not-found"
URL_STATE_TYPE = "url-state"
"""Pattern-matching type of each page's state store: ``{"type": URL_STATE_TYPE, "page": <page>}``."""


PAGE_STATES = "page-states"
"""Store: the page state stores' data again, handed on by the page once it has painted and is idle after one changed
(see ``whenIdle`` in ``dashboard/assets/explorer.js``); the callback that writes them to the address follows it."""


def url_state(page: str) -> dict[str, Any]:
    """Id of a page's state store (its part of the URL)."""
    return {"type": URL_STATE_TYPE, "page": page}


def nav_link(page: str) -> str:
    """Id of the navigation link to a page."""
    return f"nav-{page}"


# -- explorer ----------------------------------------------------------
EXPLORER_GRAPH = "explorer-graph"
EXPLORER_YEARS = "explorer-years"
EXPLORER_KINDS = "explorer-kinds"
EXPLORER_TYPES = "explorer-types"
EXPLORER_SEARCH = "explorer-search"
EXPLORER_NOTICE = "explorer-notice"
EXPLORER_DETAILS = "explorer-details"
EXPLORER_LEGEND = "explorer-legend"
EXPLORER_RESET = "explorer-reset"
"""The "Latest meeting" button: back to the page's opening view."""
EXPLORER_COUNTS = "explorer-counts"
EXPLORER_RESULTS = "explorer-results"
"""Search results, grouped by kind."""
EXPLORER_CONNECTED = "explorer-connected"
"""The "Most connected" button: the whole graph's best-connected nodes."""
EXPLORER_EXPAND = "explorer-expand"
EXPLORER_COLLAPSE = "explorer-collapse"
EXPLORER_HIDE = "explorer-hide"
EXPLORER_UNHIDE = "explorer-unhide"
EXPLORER_PIN = "explorer-pin"
"""Pins the selected node where it is (or unpins it): it stays in the view, in place."""
EXPLORER_UNPIN_ALL = "explorer-unpin-all"
EXPLORER_PATH_FROM = "explorer-path-from"
"""Marks the selected node as the start of a path."""
EXPLORER_PATH_TO = "explorer-path-to"
"""Shows the shortest paths from the marked start to the selected node."""
EXPLORER_PATH_CLEAR = "explorer-path-clear"
EXPLORER_PATH_NOTE = "explorer-path-note"
"""What the path search found (or the path being picked)."""
EXPLORER_ZOOM = "explorer-zoom"
"""Holds the node the graph last zoomed to (written by the page's client-side zoom)."""
EXPLORER_OPEN_TYPE = "explorer-open"
"""Pattern-matching type of every link that opens a node (search results, the panel's lists):
``{"type": EXPLORER_OPEN_TYPE, "iri": <iri>}``."""
EXPLORER_MORE_TYPE = "explorer-more"
"""Type of the pattern-matching ids of the details panel's "show more" buttons:
``{"type": EXPLORER_MORE_TYPE, "iri": <iri>, "group": <group key>}``."""
EXPLORER_GROUP_TYPE = "explorer-group-items"
"""Type of the pattern-matching ids of the details panel's group lists (same keys as the buttons)."""
EXPLORER_DRAWN = "explorer-drawn"
"""Store: the state whose view the graph shows (so a change of focus alone sends classes, not elements)."""
EXPLORER_ELEMENTS = "explorer-elements"
"""Store: what the graph callback sends for the graph (the elements whole, or the classes that changed); the page's
script applies it to the drawn graph (``dashboard/assets/explorer.js``)."""
EXPLORER_SHOWN = "explorer-shown"
"""Store: the node whose details panel was last drawn; the graph callback waits for it (the panel comes first)."""


def explorer_more(iri: str, group: str, kind: str = EXPLORER_MORE_TYPE) -> dict[str, Any]:
    """Id of a details panel group's "show more" button (or, with ``kind``, of its list)."""
    return {"type": kind, "iri": iri, "group": group}


def explorer_open(iri: str) -> dict[str, Any]:
    """Id of a link that opens the node ``iri`` in the explorer."""
    return {"type": EXPLORER_OPEN_TYPE, "iri": iri}

# -- tracer ------------------------------------------------------------
TRACER_INCIDENT = "tracer-incident"
TRACER_RESULT = "tracer-result"
TRACER_COMPARISON = "tracer-comparison"
TRACER_CSV_BUTTON = "tracer-csv-button"
TRACER_CSV = "tracer-csv"
TRACER_NOTICE = "tracer-notice"
TRACER_SOURCES = "tracer-sources"
TRACER_MIN_CONFIDENCE = "tracer-min-confidence"

# -- crises ------------------------------------------------------------
CRISES_SOURCES = "crises-sources"
CRISES_MIN_CONFIDENCE = "crises-min-confidence"
CRISES_BODY = "crises-body"
CRISES_NOTICE = "crises-notice"

# -- timeline ----------------------------------------------------------
TIMELINE_GRAPH = "timeline-graph"
TIMELINE_YEARS = "timeline-years"
TIMELINE_COLOUR = "timeline-colour"
TIMELINE_EVIDENCE = "timeline-evidence"
TIMELINE_GRAPH_BOX = "timeline-graph-box"

# -- console -----------------------------------------------------------
CONSOLE_QUERY = "console-query"
CONSOLE_PARAMS = "console-params"
CONSOLE_EXAMPLES = "console-examples"
CONSOLE_RUN = "console-run"
CONSOLE_LIMIT = "console-limit"
CONSOLE_MESSAGE = "console-message"
CONSOLE_TABLE = "console-table"
CONSOLE_GRAPH = "console-graph"
CONSOLE_GRAPH_WRAP = "console-graph-wrap"
CONSOLE_CSV_BUTTON = "console-csv-button"
CONSOLE_CSV = "console-csv"
CONSOLE_RESULT = "console-result"
CONSOLE_SUBSET = "console-subset"
CONSOLE_EXAMPLE_NOTE = "console-example-note"

# -- exports -----------------------------------------------------------
EXPORTS_SCOPE = "exports-scope"
EXPORTS_FORMAT = "exports-format"
EXPORTS_RDF_BUTTON = "exports-rdf-button"
EXPORTS_CSV_NODES_BUTTON = "exports-csv-nodes-button"
EXPORTS_CSV_RELS_BUTTON = "exports-csv-rels-button"
EXPORTS_DOWNLOAD = "exports-download"
EXPORTS_MESSAGE = "exports-message"
EXPORTS_SUMMARY = "exports-summary"
