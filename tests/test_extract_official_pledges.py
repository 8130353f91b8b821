"""Pledges, assessments and incidents in wordings of the official record (issue 15, patterns 6, 7, 9).

The sentences are written for the tests in the formulae of real communiqués
("advanced non-nuclear capabilities", strategic assets deployed to the
peninsula, a missile "that flew over Japan", "as agreed at the eighth
meeting"); none is copied from one.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extractors.document import SourceDocument
from extractors.rules import extract_document
from graph.model import GraphData
from graph.schema import Kind, Rel, concept_local_name, is_a


def extract(text: str, date: dt.date) -> GraphData:
    doc = SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind="communique")
    return extract_document(doc)


def pledges(graph: GraphData) -> list[tuple[set[str], str, set[str]]]:
    """(types, party, incidents answered) per commitment."""
    nodes = graph.node_map()
    out = []
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        rels = [r for r in graph.relationships if r.source == n.iri]
        types = {concept_local_name(r.target) for r in rels if r.type == Rel.COMMITMENT_TYPE}
        party = "+".join(sorted(str(nodes[r.target].props.get("notation")) for r in rels if r.type == Rel.COMMITTED_BY))
        answered = {str(nodes[r.target].props.get("notation")) for r in rels if r.type == Rel.RESPONDS_TO}
        out.append((types, party, answered))
    return out


def test_non_nuclear_capabilities_are_no_denuclearization_pledge() -> None:
    graph = extract(
        "1. The 54th SCM was held in Washington on November 3, 2022. Secretary Austin reaffirmed the firm U.S. "
        "commitment to provide extended deterrence to the ROK using the full range of capabilities, including "
        "nuclear, conventional and missile defense capabilities and advanced non-nuclear capabilities.\n",
        dt.date(2022, 11, 3),
    )
    (types, party, _) = pledges(graph)[0]
    assert party == "USA"
    assert "ExtendedDeterrence" in types and "NuclearUmbrella" in types
    assert "Denuclearization" not in types


def test_strategic_assets_deployed_and_forces_that_remain_are_force_presence() -> None:
    graph = extract(
        "1. The 11th SCM was held in Seoul on July 27, 1978. Secretary Brown stated that United States air "
        "units and support forces will remain in Korea.\n\n"
        "2. The two sides decided to deploy U.S. strategic assets to the Korean Peninsula in a timely manner.\n",
        dt.date(1978, 7, 27),
    )
    found = {(frozenset(t), p) for t, p, _ in pledges(graph)}
    assert (frozenset({"ForcePresence"}), "USA") in found
    assert (frozenset({"ForcePresence"}), "KOR+USA") in found


def test_a_meeting_held_as_agreed_earlier_makes_no_pledge() -> None:
    graph = extract(
        "1. THE NINTH ANNUAL SECURITY CONSULTATIVE MEETING TOOK PLACE IN HONOLULU ON MAY 26 AND 27, 1976, AS "
        "AGREED AT THE EIGHTH ANNUAL MEETING HELD IN SEOUL.\n",
        dt.date(1976, 5, 27),
    )
    assert pledges(graph) == []


def test_a_missile_that_flew_over_japan_and_the_dprks_launch_are_the_catalogue_launch() -> None:
    graph = extract(
        "1. The 54th SCM was held in Washington on November 3, 2022.\n\n"
        "2. The two sides condemned the intermediate-range ballistic missile that flew over Japan on October 4 "
        "and the short-range missile that crossed the Northern Limit Line on November 2.\n\n"
        "3. In response to the DPRK's launch over Japan on October 4, the Secretary and the Minister decided "
        "to strengthen combined exercises and training.\n",
        dt.date(2022, 11, 3),
    )
    incidents = {n.props.get("notation") for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}
    assert {"irbm-overflight-japan-2022", "srbm-nll-crossing-2022-11-02"} <= incidents
    assert ({"CombinedExercises"}, "KOR+USA", {"irbm-overflight-japan-2022"}) in pledges(graph)


def test_ready_to_defend_and_committing_ones_government_are_pledges() -> None:
    graph = extract(
        "1. The 46th SCM was held in Washington on October 23, 2014. The Secretary assured the Minister that "
        "the United States stands ready to defend the ROK.\n\n"
        "2. The Minister committed the ROK to acquiring the capabilities needed for the transition of wartime "
        "operational control.\n",
        dt.date(2014, 10, 23),
    )
    found = {(frozenset(t), p) for t, p, _ in pledges(graph)}
    assert (frozenset({"MutualDefense"}), "USA") in found
    assert (frozenset({"OpconTransition"}), "KOR") in found


def test_exercises_held_each_year_are_a_pledge_and_the_next_meetings_date_is_not() -> None:
    graph = extract(
        "1. The 11th SCM was held in San Diego on July 27, 1978. They agreed that combined exercises, including "
        "Team Spirit, will be held each year to keep the combined forces ready.\n\n"
        "2. Both sides agreed that the 12th SCM will be held in Seoul in 1979 at a mutually convenient time.\n",
        dt.date(1978, 7, 27),
    )
    assert [(t, p) for t, p, _ in pledges(graph)] == [({"CombinedExercises"}, "KOR+USA")]
