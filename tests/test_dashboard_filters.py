"""The source-role and confidence filters of the tracer and crises pages (issue 10, item 4)."""

from __future__ import annotations

from typing import Any

import pytest
from dashboard_sample import iri_of, sample_graph

from dashboard import ids, styles
from dashboard.context import AppContext
from dashboard.pages import crises, tracer
from graph import labels
from graph.model import GraphData
from graph.nx_store import NetworkXStore
from graph.schema import Kind


@pytest.fixture(scope="module")
def graph() -> GraphData:
    return sample_graph()


@pytest.fixture(scope="module")
def app_ctx(graph: GraphData) -> AppContext:
    store = NetworkXStore()
    store.load(graph)
    return AppContext(store)


def _texts(component: Any) -> list[str]:
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for c in component for t in _texts(c)]
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else []


def test_the_tracer_counts_only_what_the_filters_keep(app_ctx: AppContext, graph: GraphData) -> None:
    test = iri_of(graph, Kind.NUCLEAR_TEST, "First North Korean nuclear test")
    everything = tracer.tracer_data(app_ctx, test)
    assert any(everything.blocks[0].items.values())
    # every commitment of the sample was extracted with confidence 0.9; the reports are none
    for kwargs in ({"min_confidence": 0.95}, {"sources": "reported"}):
        data = tracer.tracer_data(app_ctx, test, **kwargs)  # type: ignore[arg-type]
        assert [b.label for b in data.blocks] == ["38th SCM"]  # the meeting's record is still loaded
        assert not any(data.blocks[0].items.values()), kwargs
    kept = tracer.tracer_data(app_ctx, test, sources="primary", min_confidence=0.9)
    assert kept.blocks[0].items == everything.blocks[0].items


def test_the_crises_page_redraws_with_the_filters_and_refuses_bad_values(app_ctx: AppContext) -> None:
    notice, figure, rows = crises.crises_outputs(app_ctx, "primary", None)
    assert "incidents" in str(notice) and rows and figure["data"]
    notice, figure, rows = crises.crises_outputs(app_ctx, "all", 2)
    assert rows == [] and "min_confidence must be between 0 and 1" in " ".join(_texts(notice))
    page = crises.layout(app_ctx, None)  # type: ignore[arg-type]
    found = {getattr(c, "id", None) for c in page.children[1].children}
    assert {ids.CRISES_SOURCES, ids.CRISES_MIN_CONFIDENCE} <= found


def test_the_crises_page_names_kinds_in_words_with_their_counts_and_colours(app_ctx: AppContext) -> None:
    result = crises.crises_data(app_ctx)
    figure = crises.lag_figure(result)
    by_kind = result.table.dropna(subset=["lag_days"]).groupby("kind")["incident"].nunique()
    wanted = {f"{labels.kind_label(str(k))} ({n})": styles.kind_style(str(k)).colour for k, n in by_kind.items()}
    assert {t["name"]: t["marker"]["color"] for t in figure["data"]} == wanted
    cells = [str(c.children) for row in crises.table_rows(result) for c in row.children]
    assert "Nuclear test" in cells and "NuclearTest" not in cells


def test_the_crises_page_says_which_meetings_of_the_record_have_a_text(app_ctx: AppContext) -> None:
    # the sample holds the 37th-39th SCM only: the page names the rest as without a text, by ordinal
    page = crises.layout(app_ctx, None)  # type: ignore[arg-type]
    (line,) = [c for c in page.children if getattr(c, "className", None) == "crises-coverage"]
    assert "SCM 3 of 57 (no text for the 1st-36th, 40th-57th)" in str(line.children)
    assert "2+2 0 of 6" in str(line.children)
