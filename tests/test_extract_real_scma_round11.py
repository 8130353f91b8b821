"""Pledges in SCM joint communiqués of 1999-2011 that an eleventh-round probe of public copies misread (issue 15).

Shapes of stored public copies (DoD releases, a wire service's and a ministry's reprints, document-sharing copies of
the 31st-41st communiqués; read in /tmp, never copied here): "He" after a sentence that a title of one party opens
("The Secretary expressed his regret ... . He reiterated the U.S. commitment ...") taken for the minister named
last; a party's modal inside a relative clause that describes a noun ("the World Cup, which the ROK will co-host
with Japan") read as that party's pledge; "counter-terror" not naming global security cooperation. The
sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, pledges

from graph.model import GraphData
from graph.schema import Kind, Rel

DAY = dt.date(2002, 12, 5)
OPENING = (
    "1. The 34th ROK-U.S. Security Consultative Meeting (SCM) was held in Washington, D.C. on December 5, 2002. "
    "ROK Minister of National Defense Lee Jun and U.S. Secretary of Defense Donald Rumsfeld led their respective "
    "delegations.\n\n"
)


def found(text: str, date: dt.date = DAY, kind: str = "communique") -> list[tuple[frozenset[str], str]]:
    """(types, party) of each commitment of ``text``."""
    return [(types, party) for types, party, _d in pledges(extract_text(text, date, kind))]


# -- 1. "He" after a sentence opened by a title of one party -------------------------------------------------


def test_he_after_the_secretary_opens_the_sentence_before_is_the_secretary() -> None:
    # the minister was named last (in the paragraph before); the Secretary is the subject just before "He"
    text = OPENING + (
        "2. Minister Lee confirmed his government's continued support for the reconstruction of Afghanistan.\n\n"
        "3. The Secretary voiced his sorrow over the road accident of last summer. He reiterated the commitment to "
        "work closely with Korean authorities to keep such accidents from recurring.\n"
    )
    assert (frozenset({"AllianceCooperation"}), "USA") in found(text)
    assert all(party != "KOR" for types, party in found(text) if "AllianceCooperation" in types)


def test_he_after_the_minister_opens_the_sentence_before_is_the_minister() -> None:
    day = dt.date(2005, 10, 21)
    text = (
        "1. The 37th ROK-U.S. Security Consultative Meeting (SCM) was held in Seoul on October 21, 2005. ROK "
        "Minister of National Defense Yoon Kwang Ung and U.S. Secretary of Defense Donald H. Rumsfeld led their "
        "respective delegations.\n\n"
        "2. Secretary Rumsfeld reviewed the plans for the relocation of the Yongsan base. The Minister thanked the "
        "U.S. side for its patience. He pledged to expand host-nation support for the relocated units.\n"
    )
    assert found(text, day) == [(frozenset({"CostSharing"}), "KOR")]


def test_he_after_a_full_title_with_its_state_is_that_state() -> None:
    # "The U.S. Secretary of Defense" (no name after it) opening the paragraph's sentence before "He"
    text = OPENING + (
        "2. Minister Lee described the new training ranges. The U.S. Secretary of Defense voiced regret over the fire "
        "at the depot. He pledged to work for a more stable stationing environment for U.S. Forces Korea.\n"
    )
    assert [party for _types, party in found(text)] == ["USA"]


def test_he_in_a_new_paragraph_is_not_read_from_the_paragraph_before() -> None:
    # guard: the title opened the last sentence of the paragraph before; "He" opens a new one and keeps the
    # party of the person named last
    text = OPENING + (
        "2. The Secretary voiced regret over the fire at the depot.\n\n"
        "3. Minister Lee described the new training ranges. He pledged to work for a more stable stationing "
        "environment for U.S. Forces Korea.\n"
    )
    assert [party for _types, party in found(text)] == ["KOR"]


def test_he_after_a_pair_of_titles_is_not_read_from_the_pair() -> None:
    # guard: "The Minister and the Secretary" are two; the first title of the pair does not make "He" the
    # Minister ("He" keeps the party of the person named last, Secretary Rumsfeld, as before)
    text = OPENING + (
        "2. The Minister and the Secretary reviewed the security situation. He reiterated the commitment to prevent "
        "training accidents.\n"
    )
    assert [party for _types, party in found(text)] == ["USA"]
    text = OPENING + (
        "2. The Minister, together with the Secretary, reviewed the security situation. He reiterated the "
        "commitment to prevent training accidents.\n"
    )
    assert [party for _types, party in found(text)] == ["USA"]


def test_a_named_subject_still_wins_over_a_title() -> None:
    # guard: "Secretary Rumsfeld" (a named person) opening the sentence before is read as before
    text = OPENING + (
        "2. Secretary Rumsfeld thanked the Minister for the ROK's support. He pledged to keep working with the ROK "
        "to prevent training accidents.\n"
    )
    assert [party for _types, party in found(text)] == ["USA"]


# -- 2. a party's modal inside a relative clause that describes a noun --------------------------------------


def test_modal_in_a_which_clause_after_a_concern_is_no_pledge() -> None:
    day = dt.date(2001, 11, 15)
    text = (
        "The 33rd ROK-U.S. Security Consultative Meeting (SCM) was held in Washington, D.C. on November 15, 2001.\n\n"
        "The minister voiced his worry about terrorist threats to the football tournament, which the ROK will "
        "co-host with Japan next year, and to the regional games, which the ROK will host in Busan.\n"
    )
    assert found(text, day) == []
    text = (
        "2. The Secretary spoke of the risks to the leaders' summit which the United States will host in the autumn.\n"
    )
    assert found(text, day) == []


def test_a_that_clause_of_a_pledge_and_a_pledge_before_a_which_clause_still_pledge() -> None:
    # guards: "agreed that the ROK will host ..." states what is agreed; a pledge whose object a relative clause
    # describes stays a pledge of its own subject
    text = "2. The Minister and the Secretary agreed that the ROK will host the next combined exercise.\n"
    assert found(text) == [(frozenset({"CombinedExercises"}), "KOR")]
    text = "2. The Minister pledged full support for the regional games, which the ROK will host in 2002.\n"
    assert [party for _types, party in found(text)] == ["KOR"]


# -- 3. "counter-terror" ---------------------------------------------------------------------------------------


def test_counter_terror_names_global_security_cooperation() -> None:
    text = OPENING + (
        "2. Both sides pledged to keep a close information exchange to sustain a vigilant counter-terror posture "
        "during the games in Busan.\n"
    )
    assert found(text) == [(frozenset({"GlobalSecurityCooperation"}), "KOR+USA")]
    text = OPENING + "2. The two sides agreed to strengthen their anti-terrorism cooperation.\n"
    assert found(text) == [(frozenset({"GlobalSecurityCooperation"}), "KOR+USA")]


def test_regional_partners_without_terror_stay_regional() -> None:
    # guard: the new words add a field only where they stand
    text = OPENING + "2. The Minister and the Secretary pledged to deepen cooperation with Asia-Pacific partners.\n"
    assert found(text) == [(frozenset({"RegionalCooperation"}), "KOR+USA")]


# -- 4. terrorism is the North's threat only where the North is named near it --------------------------------


def threats(graph: GraphData) -> set[tuple[str, str]]:
    """(threat type, poser) of each Threat node."""
    nodes = graph.node_map()
    out = set()
    for n in graph.nodes:
        if n.kind != Kind.THREAT:
            continue
        for r in graph.relationships:
            if r.source == n.iri and r.type == Rel.POSED_BY:
                out.add((str(n.props.get("notation")), str(nodes[r.target].props.get("notation"))))
    return out


def answers(graph: GraphData) -> int:
    """How many commitment -> threat or incident links the graph has."""
    return sum(1 for r in graph.relationships if r.type == Rel.RESPONDS_TO)


def test_the_campaign_against_terrorism_is_no_north_korean_threat() -> None:
    text = OPENING + (
        "2. Minister Lee restated his government's support for the campaign against international terrorism, and the "
        "two sides pledged to keep cooperating against terrorism.\n\n"
        "3. The Minister and the Secretary assessed that North Korea's nuclear weapons program is a grave threat.\n"
    )
    graph = extract_text(text, DAY, "communique")
    assert not any(t.endswith("ConventionalProvocation") for t, _p in threats(graph))
    assert ("PRK/NuclearWeapons", "PRK") in threats(graph)
    assert answers(graph) == 0
    text = OPENING + (
        "2. The two sides pledged to keep working together against global challenges such as terrorism and "
        "infectious disease.\n\n"
        "3. They condemned North Korea's missile launches.\n"
    )
    graph = extract_text(text, DAY, "communique")
    assert not any(t.endswith("ConventionalProvocation") for t, _p in threats(graph))


def test_terrorism_in_a_paragraph_that_names_the_north_is_still_its_threat() -> None:
    # guard: the poser named in the sentence or the paragraph is read as before; other threat words keep the default
    text = OPENING + (
        "2. The Minister recalled North Korea's terrorist bombing of an airliner and the two sides pledged to deter "
        "any such provocation.\n"
    )
    assert ("PRK/ConventionalProvocation", "PRK") in threats(extract_text(text, DAY, "communique"))
    text = OPENING + (
        "2. The two sides pledged to deter any armed provocation along the border.\n\n"
        "3. They discussed North Korea's missile programs.\n"
    )
    assert ("PRK/ConventionalProvocation", "PRK") in threats(extract_text(text, DAY, "communique"))
