"""How each node kind looks: one colour and one shape per :class:`graph.schema.Kind`.

Colours follow the kind's family (actors blue, meetings green, incidents
red and orange, commitments violet, threats maroon, sources slate and sand,
concepts gold); verdicts (stances, changes) have teals, pinks and greys that
no kind uses and every kind also gets its own cytoscape shape, so a reader who cannot
tell two colours apart still tells the kinds apart. The cytoscape stylesheet,
the explorer's HTML legend (:func:`swatch_style`) and the timeline's colours are all derived from the tables here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dash import dcc

from graph import labels
from graph.schema import STANCES, Kind


@dataclass(frozen=True)
class KindStyle:
    """How nodes of one kind are drawn."""

    colour: str
    shape: str
    size: int


KIND_STYLES: dict[Kind, KindStyle] = {
    Kind.ACTOR: KindStyle("#1f4e79", "heptagon", 34),
    Kind.STATE: KindStyle("#2e75b6", "round-octagon", 42),
    Kind.ORGANIZATION: KindStyle("#5b9bd5", "barrel", 34),
    Kind.PERSON: KindStyle("#9dc3e6", "ellipse", 28),
    Kind.EVENT: KindStyle("#385723", "round-rectangle", 30),
    Kind.MEETING: KindStyle("#70ad47", "rectangle", 32),
    Kind.SCM: KindStyle("#548235", "round-pentagon", 40),
    Kind.INCIDENT: KindStyle("#c55a11", "triangle", 34),
    Kind.NUCLEAR_TEST: KindStyle("#c00000", "star", 44),
    Kind.MISSILE_LAUNCH: KindStyle("#ed7d31", "vee", 36),
    Kind.ARMED_PROVOCATION: KindStyle("#ff5050", "round-triangle", 34),
    Kind.CYBER_OPERATION: KindStyle("#f4b183", "concave-hexagon", 32),
    Kind.CRISIS: KindStyle("#843c0c", "octagon", 36),
    Kind.EXERCISE: KindStyle("#a9d18e", "cut-rectangle", 30),
    Kind.COMMITMENT: KindStyle("#7030a0", "diamond", 26),
    Kind.AGREEMENT: KindStyle("#b084cc", "round-diamond", 32),
    Kind.THREAT: KindStyle("#7b1e3a", "hexagon", 34),
    Kind.DOCUMENT: KindStyle("#4a5a6a", "tag", 26),
    Kind.MENTION: KindStyle("#c8b89a", "rhomboid", 18),
    Kind.CONCEPT: KindStyle("#bf9000", "round-tag", 30),
}
"""Colour, shape and base size of every kind (a test checks both are unique)."""

STANCE_COLOURS: dict[str, str] = {
    "new": "#00b4c5",
    "strengthened": "#00665e",
    "reaffirmed": "#80cdc1",
    "weakened": "#f49ac2",
    "suspended": "#c51b7d",
}
"""Colours of the commitment stances (timeline and tracer badges): teals for what holds or grows, pinks for
what weakens or stops. No kind has any of them (nor one near it: a test measures the distance), so a verdict
is never read as a kind: the timeline's "weakened" is not the missile launches' orange."""

UNKNOWN_STANCE = "unstated"
UNKNOWN_STANCE_COLOUR = "#d9d9d9"

CHANGE_COLOURS: dict[str, str] = {
    "new": STANCE_COLOURS["new"],
    "stronger": STANCE_COLOURS["strengthened"],
    "continued": STANCE_COLOURS["reaffirmed"],
    "weaker": STANCE_COLOURS["weakened"],
    "not restated": "#7f7f7f",
    "unknown": UNKNOWN_STANCE_COLOUR,
}
"""Colours of the tracer's change classes (the stances' verdict colours, greys for no verdict)."""


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (``#rrggbb``)."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#1a1a1a" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"

if set(STANCE_COLOURS) != set(STANCES):  # pragma: no cover - guards the schema contract
    msg = f"stance colours {sorted(STANCE_COLOURS)} do not match graph.schema.STANCES {sorted(STANCES)}"
    raise RuntimeError(msg)


def options(pairs: Iterable[tuple[str, Any]]) -> list[Any]:
    """Dropdown or radio options from ``(label, value)`` pairs."""
    return [{"label": label, "value": value} for label, value in pairs]


def inline_radio(component_id: str, pairs: Iterable[tuple[str, Any]], value: Any) -> dcc.RadioItems:
    """Radio buttons in a row from ``(label, value)`` pairs: how every page offers a choice."""
    return dcc.RadioItems(id=component_id, options=options(pairs), value=value, inline=True, inputStyle=RADIO_INPUT)


def year_marks(lo: int, hi: int) -> dict[Any, Any]:
    """Slider marks every 1, 5 or 10 years (depending on the span), plus both ends."""
    step = 10 if hi - lo > 30 else 5 if hi - lo > 10 else 1
    first = lo - lo % step + (step if lo % step else 0)
    marks: dict[Any, Any] = {y: str(y) for y in range(first, hi + 1, step) if min(y - lo, hi - y) >= step * 0.7}
    marks.update({lo: str(lo), hi: str(hi)})
    return dict(sorted(marks.items()))


def kind_style(kind: Kind | str) -> KindStyle:
    """Style of a kind given as enum or name (unknown names get the root's style)."""
    try:
        return KIND_STYLES[Kind(kind)]
    except ValueError:
        return KindStyle("#7f7f7f", "ellipse", 24)


def stance_colour(stance: str | None) -> str:
    """Colour of a commitment stance (grey when unstated)."""
    if stance is None:
        return UNKNOWN_STANCE_COLOUR
    return STANCE_COLOURS.get(stance, UNKNOWN_STANCE_COLOUR)


def cytoscape_stylesheet() -> list[dict[str, Any]]:
    """The cytoscape stylesheet: a selector per kind, edges, selection, focus."""
    sheet: list[dict[str, Any]] = [
        {
            "selector": "node",
            "style": {
                "label": "data(short)",
                "font-size": 10,
                "color": "#1a1a1a",
                "text-valign": "bottom",
                "text-halign": "center",
                "text-margin-y": 3,
                "text-wrap": "wrap",
                "text-max-width": 110,
                "text-background-color": "#ffffff",
                "text-background-opacity": 0.75,
                "text-background-padding": 1,
                "border-width": 1,
                "border-color": "#ffffff",
                "min-zoomed-font-size": 6,
            },
        },
        {
            "selector": "edge",
            "style": {
                "width": 1.2,
                "line-color": "#b7b7b7",
                "target-arrow-color": "#b7b7b7",
                "target-arrow-shape": "triangle",
                "arrow-scale": 0.7,
                "curve-style": "bezier",
                "label": "data(short)",
                "font-size": 7,
                "color": "#7f7f7f",
                "text-rotation": "autorotate",
                "min-zoomed-font-size": 8,
            },
        },
    ]
    for kind, style in KIND_STYLES.items():
        sheet.append(
            {
                "selector": f"node[kind = '{kind.value}']",
                "style": {
                    "background-color": style.colour,
                    "shape": style.shape,
                    "width": style.size,
                    "height": style.size,
                },
            }
        )
    sheet.extend(
        [
            {"selector": "node.focus", "style": {"border-width": 4, "border-color": "#ffc000"}},
            {"selector": "node:selected", "style": {"border-width": 4, "border-color": "#000000"}},
            {"selector": "node.hit", "style": {"border-width": 3, "border-color": "#ff00ff"}},
        ]
    )
    return sheet


def _regular(n: int, turn: float = 0.0) -> str:
    """A regular ``n``-gon in a unit box, first corner at the top, as CSS ``polygon()`` points."""
    corners = (
        (50 + 50 * math.sin(2 * math.pi * (i + turn) / n), 50 - 50 * math.cos(2 * math.pi * (i + turn) / n))
        for i in range(n)
    )
    return ", ".join(f"{x:.0f}% {y:.0f}%" for x, y in corners)


def _star() -> str:
    points = []
    for i in range(10):
        r = 50 if i % 2 == 0 else 20
        a = math.pi * i / 5
        points.append(f"{50 + r * math.sin(a):.0f}% {50 - r * math.cos(a):.0f}%")
    return ", ".join(points)


SHAPE_OUTLINES: dict[str, str] = {
    "triangle": "50% 0%, 100% 100%, 0% 100%",
    "diamond": "50% 0%, 100% 50%, 50% 100%, 0% 50%",
    "pentagon": _regular(5),
    "hexagon": _regular(6, 0.5),
    "concave-hexagon": "0% 0%, 100% 0%, 85% 50%, 100% 100%, 0% 100%, 15% 50%",
    "heptagon": _regular(7),
    "octagon": _regular(8, 0.5),
    "star": _star(),
    "vee": "0% 0%, 50% 40%, 100% 0%, 50% 100%",
    "tag": "0% 0%, 75% 0%, 100% 50%, 75% 100%, 0% 100%",
    "rhomboid": "25% 0%, 100% 0%, 75% 100%, 0% 100%",
    "cut-rectangle": "20% 0%, 80% 0%, 100% 20%, 100% 80%, 80% 100%, 20% 100%, 0% 80%, 0% 20%",
}
"""CSS outlines of the cytoscape shapes that are not boxes (``round-`` shapes use their plain outline)."""


def shape_words(shape: str) -> str:
    """A cytoscape shape in words (``round-octagon`` -> ``round octagon``)."""
    return shape.replace("-", " ")


def swatch_style(kind: Kind | str, size: int = 14) -> dict[str, Any]:
    """CSS of a small swatch drawn like the kind's nodes: its colour, its shape's outline."""
    style = kind_style(kind)
    css: dict[str, Any] = {
        "display": "inline-block",
        "width": f"{size}px",
        "height": f"{size}px",
        "background": style.colour,
        "flex": "0 0 auto",
    }
    outline = SHAPE_OUTLINES.get(style.shape.removeprefix("round-"))
    if outline:
        css["clipPath"] = f"polygon({outline})"
    elif style.shape == "ellipse":
        css["borderRadius"] = "50%"
    elif style.shape.startswith("round") or style.shape == "barrel":
        css["borderRadius"] = "30%"
    return css


def kind_label(kind: Kind | str) -> str:
    """Readable name of a kind (``SecurityConsultativeMeeting`` -> ``SCM``): :func:`graph.labels.kind_label`."""
    return labels.kind_label(Kind(kind).value if isinstance(kind, Kind) else str(kind))


RADIO_INPUT: dict[str, Any] = {"marginLeft": "10px"}
PAGE_STYLE: dict[str, Any] = {"fontFamily": "system-ui, -apple-system, 'Segoe UI', sans-serif", "margin": "0 12px"}
PANEL_STYLE: dict[str, Any] = {
    "border": "1px solid #d9d9d9",
    "borderRadius": "6px",
    "padding": "8px 10px",
    "background": "#fafafa",
    "overflowY": "auto",
}
MARK_STYLE: dict[str, Any] = {"background": "#ffe699", "padding": "0 1px", "fontWeight": 600}
WHOLE_MARK_STYLE: dict[str, Any] = {"background": "#fff5d6", "padding": "0 1px"}
"""When the span is the whole sentence, a light mark keeps it readable."""
ERROR_STYLE: dict[str, Any] = {
    "color": "#9c0006",
    "background": "#ffc7ce",
    "padding": "6px 10px",
    "borderRadius": "4px",
    "whiteSpace": "pre-wrap",
}
NOTICE_STYLE: dict[str, Any] = {
    "color": "#7f6000",
    "background": "#fff2cc",
    "padding": "4px 10px",
    "borderRadius": "4px",
}
