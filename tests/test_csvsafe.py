"""CSV files never carry a spreadsheet formula: cells starting with = + - @ tab or CR are neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from alliancekg.cli.output import write_result
from dashboard.pages.console import rows_csv
from dashboard.pages.exports import nodes_csv, relationships_csv
from graph.csvsafe import safe_cell, safe_frame
from graph.model import GraphData, Node, Relationship
from graph.schema import Kind, Prop, Rel

EVIL = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_the_helper_quotes_formula_starts_only() -> None:
    for text in EVIL:
        assert safe_cell(text) == "'" + text
    assert safe_cell("plain = text") == "plain = text"
    assert safe_cell(-3) == -3 and safe_cell(None) is None
    frame = safe_frame(pd.DataFrame({"a": ["=1", "b"], "n": [-1, 2]}))
    assert frame["a"].tolist() == ["'=1", "b"] and frame["n"].tolist() == [-1, 2]


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_dashboard_and_cli_csvs_hold_no_formula(tmp_path: Path) -> None:
    nodes = [Node(iri=f"urn:x:{i}", kind=Kind.PERSON, label=t, props={Prop.ROLE.value: t}) for i, t in enumerate(EVIL)]
    rels = [Relationship(type=Rel.AFFILIATION, source="urn:x:0", target="urn:x:1", props={Prop.ROLE.value: EVIL[0]})]
    graph = GraphData(nodes=nodes, relationships=rels)
    written = [
        nodes_csv(graph),
        relationships_csv(graph),
        rows_csv(["a"], [{"a": t} for t in EVIL]),
    ]
    out = tmp_path / "rows.csv"
    write_result(pd.DataFrame({"label": EVIL}), {}, out, None)
    written.append(out.read_text(encoding="utf-8"))
    for text in written:
        cells = _cells(text)
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], text
