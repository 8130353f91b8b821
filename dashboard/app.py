"""The app factory: a navigation bar, a router and one module per page.

``create_app(store)`` builds a :class:`dash.Dash` whose callbacks close over
the store (no global state, so tests can build several apps). The URL is the
view state: the path names the page and the query string carries the view
(see :mod:`dashboard.state`). Each page keeps its part of the state in a
``dcc.Store`` with the pattern id ``{"type": "url-state", "page": ...}``; one
callback writes the merged state back to the query string, so the address bar
is always a link to what the analyst sees.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from types import ModuleType
from typing import Any

import dash
import flask
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, dcc, html

from dashboard import ids, styles
from dashboard.context import DEFAULT_MAX_ELEMENTS, AppContext
from dashboard.explorer_graph import explorer_view, initial_state
from dashboard.explorer_panel import search_results
from dashboard.pages import console, crises, explorer, exports, timeline, tracer
from dashboard.security import harden
from dashboard.serving import ServingStore, remember_answers
from dashboard.state import PAGE_TITLES, PAGES, ViewState, encode_query, known_page, page_of, parse_query
from graph.errors import AllianceKGError
from graph.store import GraphStore

log = logging.getLogger(__name__)

PAGE_MODULES: dict[str, ModuleType] = {
    "explorer": explorer,
    "tracer": tracer,
    "crises": crises,
    "timeline": timeline,
    "console": console,
    "exports": exports,
}


NAV_STYLE: dict[str, Any] = {"padding": "6px 12px", "textDecoration": "none", "borderRadius": "4px"}
NAV_ACTIVE: dict[str, Any] = {**NAV_STYLE, "color": "#fff", "background": "#1f4e79"}
NAV_IDLE: dict[str, Any] = {**NAV_STYLE, "color": "#1f4e79", "background": "transparent"}


def _nav(store_name: str) -> html.Nav:
    links = [dcc.Link(PAGE_TITLES[page], href=f"/{page}", id=ids.nav_link(page), style=NAV_IDLE) for page in PAGES]
    return html.Nav(
        [
            html.Strong("alliancekg", style={"marginRight": "16px", "fontSize": 18, "color": "#1f4e79"}),
            *links,
            html.Span(
                f"store: {store_name}",
                id=ids.STORE_NAME,
                style={"marginLeft": "auto", "fontSize": 12, "color": "#7f7f7f"},
            ),
        ],
        id=ids.NAV,
        style={
            "display": "flex",
            "alignItems": "center",
            "gap": "4px",
            "padding": "8px 0",
            "borderBottom": "1px solid #d9d9d9",
            "marginBottom": "8px",
        },
    )


def nav_state(pathname: str | None, search: str | None) -> list[Any]:
    """Hrefs (carrying the view state) and styles of the navigation links (none active on the 404 page)."""
    active = known_page(pathname)
    query = encode_query(parse_query(search))
    hrefs = [f"/{page}{query}" for page in PAGES]
    looks = [NAV_ACTIVE if page == active else NAV_IDLE for page in PAGES]
    return [*hrefs, *looks]


ROUTER_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.PAGE, "children"),
    *((ids.nav_link(p), "href") for p in PAGES),
    *((ids.nav_link(p), "style") for p in PAGES),
)
"""The router's outputs, in order: the page for the address, then the navigation links' hrefs and styles
(:func:`nav_state`). A client that builds the router's request by hand names these."""


def router_request(pathname: str, search: str = "") -> dict[str, Any]:
    """The body of the router's ``/_dash-update-component`` request for an address, as the page sends it."""
    return {
        "output": "..{}..".format("...".join(f"{c}.{p}" for c, p in ROUTER_OUTPUTS)),
        "outputs": [{"id": c, "property": p} for c, p in ROUTER_OUTPUTS],
        "inputs": [{"id": ids.URL, "property": "pathname", "value": pathname}],
        "state": [{"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [f"{ids.URL}.pathname"],
    }


def render_page(app_ctx: AppContext, pathname: str | None, search: str | None) -> list[Any]:
    """Content of the page a URL names (the 404 page for a path that names none)."""
    if known_page(pathname) is None:
        return [not_found(pathname)]
    page = page_of(pathname)
    view = parse_query(search)
    return [PAGE_MODULES[page].layout(app_ctx, view)]


def not_found(pathname: str | None) -> html.Div:
    """The page for a path that names no page: what was asked, and a link to every page."""
    return html.Div(
        [
            html.H2("Page not found", style={"marginTop": "8px"}),
            html.P(["There is no page at ", html.Code(pathname or "/"), ". The explorer has these pages:"]),
            html.Ul([html.Li(dcc.Link(PAGE_TITLES[page], href=f"/{page}")) for page in PAGES]),
        ],
        id=ids.NOT_FOUND,
        className="akg-not-found",
    )


def sync_query(page_states: list[dict[str, Any] | None], search: str | None) -> str:
    """The query string after a page's state changed (other pages' keys are kept)."""
    view = parse_query(search)
    for part in page_states:
        view = view.merged({k: v for k, v in (part or {}).items() if k in ViewState().to_dict()})
    return encode_query(view)


def create_app(
    store: GraphStore,
    *,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
    warm_up: bool = False,
    allowed_hosts: Iterable[str] = (),
    query_timeout: float | None = None,
    **dash_kwargs: Any,
) -> Dash:
    """Build the explorer over ``store``.

    Args:
        store: the graph to explore.
        max_elements: most cytoscape elements (nodes + edges) sent to the browser.
        warm_up: compute the per-graph caches (analytics view, timeline, overview ranking)
            in a background thread now, so the first visitor does not wait for them.
        allowed_hosts: host names served besides 127.0.0.1 and localhost (any other
            ``Host`` gets 400; see :mod:`dashboard.security`).
        query_timeout: seconds a console query may run (None: the default of :class:`AppContext`).
        **dash_kwargs: passed to :class:`dash.Dash` (e.g. ``requests_pathname_prefix``).
    """
    serving = store if isinstance(store, ServingStore) else ServingStore(store)
    app_ctx = AppContext(store=serving, max_elements=max_elements)
    if query_timeout is not None:
        app_ctx.query_timeout = query_timeout
    app = Dash(
        __name__,
        title="alliancekg explorer",
        suppress_callback_exceptions=True,
        update_title="",
        **dash_kwargs,
    )
    app.layout = html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.PAGE_STATES),
            html.A("Skip to the page", href=f"#{ids.PAGE}", className="akg-skip"),
            _nav(store.name),
            dcc.Loading(
                html.Div(id=ids.PAGE),
                id=ids.PAGE_LOADING,
                type="dot",
                delay_show=300,
                target_components={ids.PAGE: "children"},
            ),
        ],
        style=styles.PAGE_STYLE,
    )

    # the page and the navigation links in one answer: both follow the same address, and as two callbacks a fresh
    # load made two requests whose answers each waited for the page's render (round ten in BENCHMARKS.md)
    @app.callback(
        [Output(component, prop) for component, prop in ROUTER_OUTPUTS],
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )
    def _route(pathname, search):
        return [render_page(app_ctx, pathname, search), *nav_state(pathname, search)]

    # a page's state reaches the address once the page has painted and the browser is idle: when a page appears, its
    # state store is new and its state is written to the address, but that request's answer could only wait while
    # the page renders, and then (round ten) while the explorer draws its first graph
    app.clientside_callback(
        ClientsideFunction(namespace="page", function_name="whenIdle"),
        Output(ids.PAGE_STATES, "data"),
        Input({"type": ids.URL_STATE_TYPE, "page": ALL}, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.URL, "search"),
        [Output(ids.nav_link(p), "href", allow_duplicate=True) for p in PAGES],
        Input(ids.PAGE_STATES, "data"),
        State(ids.URL, "search"),
        State(ids.URL, "pathname"),
        prevent_initial_call=True,
    )
    def _sync(states, search, pathname):
        # the address and the navigation links in one answer (the links follow the address: one round trip,
        # not a second callback fired by the address's change)
        states = states if isinstance(states, list) else []
        query = sync_query(states, search)
        if query == (search or ""):
            return [dash.no_update] * (1 + len(PAGES))
        return [query, *nav_state(pathname, query)[: len(PAGES)]]

    _answer_404(app)
    for module in PAGE_MODULES.values():
        module.register(app, app_ctx)
    app.server.config["ALLIANCEKG_CONTEXT"] = app_ctx
    harden(app, allowed_hosts)
    remember_answers(app, app_ctx, repeats)
    _set_up_before_serving(app)
    if warm_up:
        threading.Thread(target=warm, args=(app_ctx,), name="alliancekg-warm-up", daemon=True).start()
    return app


REPEATING_OUTPUTS = frozenset(
    {
        f"{ids.PAGE}.children",  # the router: a page's layout and the navigation links for a URL
        f"{ids.CRISES_NOTICE}.children",  # the crises table for a filter
        f"{ids.TIMELINE_GRAPH}.figure",  # the timeline for a range of years and a colouring
        f"{ids.TIMELINE_EVIDENCE}.children",  # a timeline cell's evidence
        f"{ids.TRACER_RESULT}.children",  # a trace
        f"{ids.TRACER_INCIDENT}.options",  # the incidents matching a search
    }
)
"""Callbacks (by their first output) whose answer follows from the request and the graph alone, so a repeated
request is answered from the cache (see :func:`dashboard.serving.remember_answers`)."""


def repeats(output: str) -> bool:
    """True when the callback with ``output`` (as Dash names it in a request) is one of :data:`REPEATING_OUTPUTS`."""
    return output.strip(".").split("...")[0] in REPEATING_OUTPUTS


def _set_up_before_serving(app: Dash) -> None:
    """Let Dash finish its set-up now, before any browser asks.

    Dash completes its set-up (which scripts and styles it may serve) on the first request a server process
    receives, and marks it done before finishing: a second thread answering the browser's next script request
    meanwhile finds none registered and answers 500, so a first visit could stay on "Loading...". One request
    through Flask's test client here does the set-up in this process (before gunicorn forks its workers, or in
    each worker that builds its own app).
    """
    with app.server.test_client() as client:
        client.get(str(app.config.requests_pathname_prefix or "/"), headers={"Host": "127.0.0.1"})


def _answer_404(app: Dash) -> None:
    """A path that names no page is answered with status 404 (the page itself says so, see :func:`not_found`).

    Dash answers every path with its single page; this hook only changes the
    status of that HTML answer, so a link checker or a crawler sees the 404.
    """
    prefix = str(app.config.requests_pathname_prefix or "/")

    @app.server.after_request
    def _status(response: Any) -> Any:
        path = flask.request.path
        if flask.request.method != "GET" or response.status_code != 200 or response.mimetype != "text/html":
            return response
        if not path.startswith(prefix) or path.startswith((f"{prefix}_", f"{prefix}assets/")):
            return response
        if known_page("/" + path[len(prefix) :]) is None:
            response.status_code = 404
        return response


def warm(app_ctx: AppContext) -> None:
    """Fill the per-graph caches (what the first visit of each page needs)."""
    try:
        explorer_view(app_ctx, initial_state(ViewState(), app_ctx.year_bounds()))
        app_ctx.concept_labels()
        tracer.incident_options(app_ctx)
        timeline.timeline_data(app_ctx)
        search_results(app_ctx, "warm-up")  # the search's lower-cased texts and meeting names, and the type terms
    except AllianceKGError:
        log.exception("warming the dashboard's caches failed; pages will compute them on first use")
