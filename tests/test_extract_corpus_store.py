"""The whole sample corpus ingested into a real embedded store: meeting facts across documents.

A meeting recorded by one document is mentioned by others (a study cites "the
43rd SCM (2011)" after the date of an incident; a communiqué recalls "the 42nd
SCM" next to a summit's date). The store lets the last loaded value of a
property win, so a mention must never carry a date or place the text does not
state as that meeting's own. These tests ingest every sample document, in file
order and in reverse order, and compare every recorded meeting with the gold.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from alliancekg.ingest import expand_paths, ingest_paths
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Prop, Rel, Series

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _recorded_gold() -> dict[str, dict[str, Any]]:
    """Gold recorded meeting per document path (relative to corpus/)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        recorded = [m for m in gold.get("meetings", []) if m.get("recorded")]
        if recorded:
            out[gold["document"]] = recorded[0]
    return out


def _ingest(reverse: bool) -> NetworkXStore:
    files = [str(p) for p in expand_paths([CORPUS / d for d in ("communiques", "statements", "news", "studies")])]
    if reverse:
        files.reverse()
    store = NetworkXStore()
    report = ingest_paths(files, store, progress=False, save=False)
    if not report.ok:
        pytest.fail(f"ingest failed: {[(f.path, f.error) for f in report.failed]}")
    return store


@pytest.fixture(scope="module", params=[False, True], ids=["file-order", "reverse-order"])
def store(request: pytest.FixtureRequest) -> NetworkXStore:
    return _ingest(reverse=bool(request.param))


def _meetings(store: NetworkXStore) -> dict[tuple[str, int], dict[str, Any]]:
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for node in store.nodes(kinds=[Kind.MEETING]):
        ordinal = node.props.get("ordinal")
        if ordinal is not None:
            out[(str(node.props.get("series")), int(ordinal))] = {"iri": node.iri, **node.props}
    return out


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def test_every_recorded_meeting_keeps_its_gold_date_and_ordinal(store: NetworkXStore) -> None:
    gold = _recorded_gold()
    assert len(gold) >= 19
    meetings = _meetings(store)
    wrong: list[str] = []
    for doc, g in gold.items():
        if g.get("ordinal") is None:
            continue
        node = meetings.get((g["series"], g["ordinal"]))
        if node is None:
            wrong.append(f"{doc}: no node for {g['series']} {g['ordinal']}")
        elif _iso(node.get("date")) != g["date"]:
            wrong.append(f"{doc}: {g['series']} {g['ordinal']} dated {node.get('date')}, gold {g['date']}")
    assert wrong == []


def test_every_recorded_meeting_is_issued_at_by_its_document(store: NetworkXStore) -> None:
    gold = _recorded_gold()
    issued: dict[str, str] = {}
    for rel in store.relationships(types=[Rel.ISSUED_AT]):
        issued[rel.source] = rel.target
    docs = {str(n.props.get("source", "")): n.iri for n in store.nodes(kinds=[Kind.DOCUMENT])}
    missing: list[str] = []
    for doc, g in gold.items():
        doc_iri = next((iri for src, iri in docs.items() if src.endswith(doc)), None)
        if doc_iri is None or doc_iri not in issued:
            missing.append(doc)
            continue
        target = store.get_node(issued[doc_iri]).node
        key = g.get("ordinal") if g.get("ordinal") is not None else g.get("date")
        got = target.props.get("ordinal") if g.get("ordinal") is not None else _iso(target.props.get("date"))
        if target.props.get("series") != g["series"] or got != key:
            missing.append(f"{doc}: issued at {target.label}")
    assert missing == []


def test_the_42nd_and_43rd_scm_keep_their_own_dates(store: NetworkXStore) -> None:
    """The reported regression: 42nd SCM became 2011-10-13 and the 43rd 2010-11-23."""
    meetings = _meetings(store)
    assert _iso(meetings[("SCM", 42)]["date"]) == "2010-10-08"
    assert _iso(meetings[("SCM", 43)]["date"]) == "2011-10-28"
    assert meetings[("SCM", 56)]["location"] == "Washington, D.C."


def test_meeting_series_are_the_schema_values_as_plain_text(store: NetworkXStore) -> None:
    found = {node.props.get(Prop.SERIES.value) for node in store.nodes(kinds=[Kind.MEETING])}
    assert found <= set(Series) and Series.SCM in found
    assert all(type(value) is str for value in found)  # what is stored and exported is the text, not the enum
