"""The shareable view state carried by the page URL.

The path names the page (``/explorer``, ``/tracer``, ...) and the query
string carries the view: ``?from=2005&to=2010&kinds=Commitment,Incident&node=<iri>``.
Parsing is forgiving (a hand-edited link with a bad value falls back to the
default for that key) because a shared link must always open a page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

from graph.schema import Kind

PAGES: tuple[str, ...] = ("explorer", "tracer", "crises", "timeline", "console", "exports")
"""Page names, in navigation order; the first is the home page."""

PAGE_TITLES: dict[str, str] = {
    "explorer": "Graph explorer",
    "tracer": "Crisis tracer",
    "crises": "Every crisis",
    "timeline": "Timeline",
    "console": "Cypher console",
    "exports": "Exports",
}

_LIST_KEYS = ("kinds", "types")
_IRI_LIST_KEYS = ("expanded", "hidden")
"""Lists of IRIs, joined by ``|`` in the link (an IRI may hold a comma, never a ``|``)."""
_TEXT_KEYS = ("node", "incident", "example", "mode")


@dataclass(frozen=True)
class ViewState:
    """What a link restores.

    Attributes:
        year_from, year_to: the time range (inclusive years; None = open).
        kinds: node kinds shown by the explorer (empty = the default set).
        types: commitment- or threat-type concept local names (empty = all).
        node: IRI of the selected node.
        incident: IRI of the incident traced.
        example: key of the console example loaded.
        opened: IRIs of the nodes the explorer opened (their neighbourhoods are shown).
        hidden: IRIs of the nodes the explorer hides.
        mode: the explorer's view: ``focus`` (opened nodes; the default) or ``connected``.
        pinned: the explorer's pinned nodes, each ``(IRI, x, y)`` (where it is held).
    """

    year_from: int | None = None
    year_to: int | None = None
    kinds: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    node: str | None = None
    incident: str | None = None
    example: str | None = None
    opened: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    mode: str | None = None
    pinned: tuple[tuple[str, float, float], ...] = ()

    def with_(self, **changes: Any) -> ViewState:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (for ``dcc.Store``)."""
        return {
            "from": self.year_from,
            "to": self.year_to,
            "kinds": list(self.kinds),
            "types": list(self.types),
            "node": self.node,
            "incident": self.incident,
            "example": self.example,
            "expanded": list(self.opened),
            "hidden": list(self.hidden),
            "mode": self.mode,
            "pinned": {iri: [x, y] for iri, x, y in self.pinned},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ViewState:
        """Inverse of :meth:`to_dict`; unknown or bad values are dropped."""
        if not data:
            return cls()
        return cls(
            year_from=_int_or_none(data.get("from")),
            year_to=_int_or_none(data.get("to")),
            kinds=_valid_kinds(data.get("kinds") or ()),
            types=tuple(str(t) for t in (data.get("types") or ()) if str(t).isidentifier()),
            node=_text_or_none(data.get("node")),
            incident=_text_or_none(data.get("incident")),
            example=_text_or_none(data.get("example")),
            opened=_texts(data.get("expanded")),
            hidden=_texts(data.get("hidden")),
            mode=_text_or_none(data.get("mode")),
            pinned=_pins(data.get("pinned")),
        )

    def merged(self, data: dict[str, Any] | None) -> ViewState:
        """This state with the keys present in ``data`` (a page's part) overriding it."""
        if not data:
            return self
        mine = self.to_dict()
        mine.update(data)
        return ViewState.from_dict(mine)


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _texts(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list | tuple):
        return ()
    return tuple(dict.fromkeys(t for t in (_text_or_none(v) for v in values) if t))


def _pins(value: Any) -> tuple[tuple[str, float, float], ...]:
    """``(IRI, x, y)`` of each pin of ``{iri: [x, y]}``; a pin without two finite numbers is dropped."""
    if not isinstance(value, dict):
        return ()
    out: list[tuple[str, float, float]] = []
    for iri, xy in value.items():
        text = _text_or_none(iri)
        try:
            x, y = (float(v) for v in xy)
        except (TypeError, ValueError):
            continue
        if text and math.isfinite(x) and math.isfinite(y):
            out.append((text, x, y))
    return tuple(out)


def _valid_kinds(values: Any) -> tuple[str, ...]:
    names = {k.value for k in Kind}
    return tuple(v for v in (str(x) for x in values) if v in names)


def parse_query(search: str | None) -> ViewState:
    """State from a URL query string (with or without the leading ``?``)."""
    if not search:
        return ViewState()
    raw = parse_qs(search.lstrip("?"), keep_blank_values=False)
    data: dict[str, Any] = {}
    for key, values in raw.items():
        value = values[-1]
        if key in _LIST_KEYS:
            data[key] = [v for v in value.split(",") if v]
        elif key in _IRI_LIST_KEYS:
            data[key] = [v for v in value.split("|") if v]
        elif key == "pinned":  # iri@x,y|iri@x,y
            pins = (v.rpartition("@") for v in value.split("|"))
            data[key] = {iri: xy.split(",") for iri, at, xy in pins if at}
        elif key in ("from", "to") or key in _TEXT_KEYS:
            data[key] = value
    return ViewState.from_dict(data)


def encode_query(state: ViewState) -> str:
    """Query string (with ``?``, or empty) of a state; stable key order."""
    pairs: list[tuple[str, str]] = []
    if state.year_from is not None:
        pairs.append(("from", str(state.year_from)))
    if state.year_to is not None:
        pairs.append(("to", str(state.year_to)))
    if state.kinds:
        pairs.append(("kinds", ",".join(state.kinds)))
    if state.types:
        pairs.append(("types", ",".join(state.types)))
    for key in _TEXT_KEYS:
        value = getattr(state, key)
        if value and not (key == "mode" and value == "focus"):
            pairs.append((key, value))
    if state.opened:
        pairs.append(("expanded", "|".join(state.opened)))
    if state.hidden:
        pairs.append(("hidden", "|".join(state.hidden)))
    if state.pinned:
        pairs.append(("pinned", "|".join(f"{iri}@{x:g},{y:g}" for iri, x, y in state.pinned)))
    return "?" + urlencode(pairs) if pairs else ""


def page_of(pathname: str | None) -> str:
    """Page name of a URL path (unknown paths go to the home page)."""
    name = (pathname or "/").strip("/").split("/")[-1]
    return name if name in PAGES else PAGES[0]


def known_page(pathname: str | None) -> str | None:
    """Page name of a URL path, the home page for ``/``, or None for a path that names no page."""
    parts = [p for p in (pathname or "/").split("/") if p]
    if not parts:
        return PAGES[0]
    return parts[-1] if parts[-1] in PAGES else None
