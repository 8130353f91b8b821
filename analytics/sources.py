"""The graph-level link between a reported commitment and the primary one it reports.

A study's paraphrase of the 38th SCM is a commitment ``MADE_AT`` the 38th SCM
with source role ``reported`` (:func:`graph.model.source_role`); when the
meeting's own record states a commitment of the same type by the same party,
the report is further evidence of it (:attr:`analytics.aggregate.Statement.reports`).
:func:`write_reports` writes that as ``REPORTS`` relationships (``ak:reports``,
reported -> the statement's representative primary commitment), so a Cypher
query counts a meeting's pledges without the reports: ``WHERE
c.sourceRole = 'primary'``, or ``WHERE NOT (c)-[:REPORTS]->()`` to keep the
reports that stand alone.
"""

from __future__ import annotations

from analytics.aggregate import statements_at
from analytics.loader import StoreOrView, view_of
from graph.model import Relationship
from graph.schema import Rel
from graph.store import GraphStore


def reports_relationships(store: StoreOrView) -> list[Relationship]:
    """``REPORTS`` from each reported commitment to the primary commitment of its (meeting, type, party)."""
    view = view_of(store)
    out: dict[tuple[str, str], Relationship] = {}
    for meeting in sorted(view.by_meeting):
        for stmt in statements_at(view, meeting).values():
            for reported in stmt.reports:
                if reported != stmt.representative:
                    key = (reported, stmt.representative)
                    out[key] = Relationship(type=Rel.REPORTS, source=reported, target=stmt.representative)
    return [out[k] for k in sorted(out)]


def write_reports(store: GraphStore) -> int:
    """Upsert the ``REPORTS`` links into the store; return how many were not there before (idempotent)."""
    wanted = reports_relationships(store)
    if not wanted:
        return 0
    present = {(r.source, r.target) for r in store.relationships(types=[Rel.REPORTS])}
    new = [r for r in wanted if (r.source, r.target) not in present]
    if new:
        store.upsert_relationships(new)
    return len(new)
