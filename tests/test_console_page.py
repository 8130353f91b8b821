"""The console page explains itself: each failure says what is wrong, examples say what they need.

Runs the page's own functions over the real embedded store loaded with the
sample graph (``tests/dashboard_sample.py``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from dashboard_sample import sample_graph

from dashboard.context import AppContext
from dashboard.pages import console
from dashboard.state import ViewState
from graph.model import GraphData
from graph.nx_store import NetworkXStore
from graph.schema import Rel
from graph.store import DEFAULT_ROW_LIMIT


def _texts(component: Any) -> list[str]:
    if isinstance(component, str):
        return [component]
    out: list[str] = []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None:
            out.extend(_texts(child))
    return out


@pytest.fixture
def app_ctx() -> AppContext:
    store = NetworkXStore()
    store.load(sample_graph())
    return AppContext(store=store)


@pytest.mark.parametrize(
    ("query", "starts", "words"),
    [
        pytest.param("MATCH (n:Incident) RETRUN n", "Syntax error at line 1, column 20", ["RETURN"], id="typo"),
        pytest.param("MATCHH (n) RETURN n", "Syntax error at line 1, column 1", ["did you mean MATCH"], id="clause"),
        pytest.param("MATCH (n:Incident RETURN n", "Syntax error at line 1, column 7", ["never closed"], id="bracket"),
        pytest.param(
            "MATCH (n:Incident) WITH n RETURN n",
            "Not available on the embedded store: WITH",
            ["--store neo4j"],
            id="with",
        ),
        pytest.param(
            "MATCH (a)-[*1..12]->(b)-[*1..12]->(c) RETURN count(a) AS n",
            "Timeout: the query was stopped after 0.5 s",
            [],
            id="timeout",
        ),
    ],
)
def test_console_failures_say_what_is_wrong(app_ctx: AppContext, query: str, starts: str, words: list[str]) -> None:
    app_ctx.query_timeout = 0.5  # the slow query's worker is killed then
    outcome = console.run_query(app_ctx, query, "{}")
    assert not outcome.ok
    assert outcome.message.startswith(starts), outcome.message
    assert all(w in outcome.message for w in words), outcome.message
    if not starts.startswith("Not available"):
        assert "Neo4j" not in outcome.message  # a typo or a slow query is not Neo4j's business


def test_order_by_a_missing_value_is_answered(app_ctx: AppContext) -> None:
    outcome = console.run_query(app_ctx, "MATCH (c:Commitment) RETURN c.label AS c ORDER BY c.nosuch DESC", "{}")
    assert outcome.ok, outcome.message
    assert len(outcome.rows) == len([n for n in sample_graph().nodes if n.kind.value == "Commitment"])


def test_aggregations_are_not_said_to_need_neo4j(app_ctx: AppContext) -> None:
    note = " ".join(_texts(console.layout(app_ctx, ViewState())))
    assert "count/sum/avg/min/max/collect" in note
    assert "Aggregations" not in note
    outcome = console.run_query(app_ctx, "MATCH (n:Incident) RETURN count(n) AS incidents", "{}")
    assert outcome.ok and outcome.rows == [{"incidents": "2"}]


def test_one_row_limit(app_ctx: AppContext) -> None:
    assert app_ctx.row_limit == DEFAULT_ROW_LIMIT
    assert all("LIMIT" not in e.query for e in console.EXAMPLES.values())
    assert console.row_limit(None, app_ctx.row_limit) == DEFAULT_ROW_LIMIT
    assert console.row_limit(10**9, app_ctx.row_limit) == DEFAULT_ROW_LIMIT
    outcome = console.run_query(app_ctx, "MATCH (n:Mention) RETURN n.label", "{}", limit=2)
    assert outcome.ok and len(outcome.rows) == 2
    assert outcome.message.startswith("Row limit reached: showing the first 2 rows")


def _without(graph: GraphData, rel: Rel) -> GraphData:
    return GraphData(nodes=graph.nodes, relationships=[r for r in graph.relationships if r.type != rel])


def test_the_lineage_example_says_it_needs_derived_links() -> None:
    store = NetworkXStore()
    store.load(_without(sample_graph(), Rel.REAFFIRMS))
    ctx = AppContext(store=store)
    example = console.EXAMPLES["extended-deterrence"]
    note = " ".join(_texts(console.layout(ctx, ViewState(example=example.key))))
    assert "alliancekg lineage --write-reaffirms" in note
    outcome = console.run_query(ctx, example.query, json.dumps(example.params))
    assert outcome.ok and outcome.rows == []
    assert "alliancekg lineage --write-reaffirms" in outcome.message


def test_the_lineage_example_is_quiet_when_links_exist(app_ctx: AppContext) -> None:
    example = console.EXAMPLES["extended-deterrence"]
    assert console.derived_missing(app_ctx, example) is None
    assert "lineage --write-reaffirms" not in " ".join(_texts(console.layout(app_ctx, ViewState(example=example.key))))


def test_an_unknown_example_link_says_so(app_ctx: AppContext) -> None:
    text = " ".join(_texts(console.layout(app_ctx, ViewState(example="no-such-example"))))
    assert "names an example the console does not have (no-such-example)" in text
    assert "does not have" not in " ".join(_texts(console.layout(app_ctx, ViewState(example="heads-of-delegation"))))
