"""Meeting facts, names and pledge types in the record's less common shapes (issue 15, items 3, 4, 6, 7).

The shapes come from public copies of the 1980s-2020s record: a Defense White
Paper appendix with its running header, a DoD release of 2003 with a
Western-order Korean name, the first 2+2, an EDSCG joint statement with two
heads per delegation, a trilateral ministerial statement naming a Japanese
minister family name first in capitals, NCG statements dated by month or by
"last Friday". Every text here is written for the tests; none is copied.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from extraction_probe import heads

from extractors.document import SourceDocument
from extractors.readers.layout import repair
from extractors.rules import extract_document
from extractors.rules.lexicon import default_lexicon
from extractors.rules.people import canonical_name, korean_spellings, true_case
from graph.model import GraphData, Node
from graph.schema import COMMITMENT_TYPES, Kind, Prop, Rel, concept_local_name, is_a


def make_doc(text: str, date: dt.date | None, kind: str = "communique", title: str | None = None) -> SourceDocument:
    return SourceDocument(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind, title=title
    )


def meetings(graph: GraphData) -> dict[str, Node]:
    return {n.label: n for n in graph.nodes if is_a(n.kind, Kind.MEETING)}


def recorded(graph: GraphData) -> Node:
    nodes = graph.node_map()
    [target] = [r.target for r in graph.relationships if r.type == Rel.ISSUED_AT]
    return nodes[target]


def pledges(graph: GraphData) -> set[tuple[str, str]]:
    nodes = graph.node_map()
    out: set[tuple[str, str]] = set()
    for c in (n for n in graph.nodes if n.kind == Kind.COMMITMENT):
        rels = [r for r in graph.relationships if r.source == c.iri]
        party = "+".join(sorted(str(nodes[r.target].props.get("notation")) for r in rels if r.type == Rel.COMMITTED_BY))
        out |= {(concept_local_name(r.target), party) for r in rels if r.type == Rel.COMMITMENT_TYPE}
    return out


SCM_HEAD = (
    "1. The 70th Republic of Korea-United States Security Consultative Meeting was held in Seoul on October 2, 2038. "
    "Minister of National Defense Kim Kwan-jin and Secretary of Defense Chuck Hagel led their delegations.\n\n"
)


# -- item 3: places and dates of meetings ---------------------------------------------------------------


def test_a_summit_on_an_island_and_one_named_after_its_place() -> None:
    text = SCM_HEAD + (
        "2. The two Ministers recalled that President Kim Young-sam and President Bill Clinton met on Cheju Island "
        "on April 16, 1996, and that the leaders of Japan, the ROK and the U.S. met at the Camp David summit of "
        "August 18, 2023."
    )
    found = meetings(extract_document(make_doc(text, dt.date(2038, 10, 2))))
    assert found["ROK-U.S. summit, 1996-04-16"].props[Prop.LOCATION.value] == "Cheju Island"
    assert found["Trilateral summit, 2023-08-18"].props[Prop.LOCATION.value] == "Camp David"


def test_a_future_meeting_lends_the_recorded_one_no_place() -> None:
    text = (
        "The two sides held the fourth meeting of the Extended Deterrence Strategy and Consultation Group (EDSCG) "
        "in Seoul on September 15, 2023. They decided to hold the next EDSCG meeting in Washington in 2024."
    )
    graph = extract_document(make_doc(text, dt.date(2023, 9, 15), "joint_statement"))
    rec = recorded(graph)
    assert (rec.props[Prop.ORDINAL.value], rec.props[Prop.LOCATION.value]) == (4, "Seoul")


def test_edscg_heads_two_per_delegation_from_the_reference() -> None:
    text = (
        "The fourth meeting of the Extended Deterrence Strategy and Consultation Group (EDSCG) was held in Seoul on "
        "September 15, 2023. First Vice Foreign Minister Chang Ho-jin and Vice Minister of National Defense Shin "
        "Beom-chul chaired it with Under Secretary of State Bonnie D. Jenkins and Acting Under Secretary of "
        "Defense for Policy Sasha Baker. The meeting followed the third EDSCG, held in Washington on September 16, "
        "2022."
    )
    graph = extract_document(make_doc(text, dt.date(2023, 9, 15), "joint_statement"))
    rec = recorded(graph)
    assert heads(graph, rec) == {"Chang Ho-jin", "Shin Beom-chul", "Bonnie Jenkins", "Sasha Baker"}
    third = meetings(graph)["3rd EDSCG"]
    assert third.props[Prop.DATE.value] == dt.date(2022, 9, 16)


def test_an_mcm_numbered_but_not_dated_takes_the_reference_day() -> None:
    text = (
        "1. The twenty-third annual Security Consultative Meeting took place in Seoul from 20 to 22 November 1991. "
        "Minister of National Defense Lee Jong-koo and Secretary of Defense Richard B. Cheney headed the two "
        "delegations. The 13th Military Committee Meeting was held on 20 November."
    )
    found = meetings(extract_document(make_doc(text, dt.date(1991, 11, 22))))
    assert found["13th MCM"].props[Prop.DATE.value] == dt.date(1991, 11, 20)
    assert found["23rd SCM"].props[Prop.END_DATE.value] == dt.date(1991, 11, 22)


def test_a_meeting_named_by_its_second_day_or_its_month_takes_the_reference_days() -> None:
    text = SCM_HEAD + (
        "2. The SCM has met every year since the first meeting on May 28, 1968, and the ninth meeting was held in "
        "Honolulu in May 1976."
    )
    found = meetings(extract_document(make_doc(text, dt.date(2038, 10, 2))))
    first, ninth = found["1st SCM"].props, found["9th SCM"].props
    assert (first[Prop.DATE.value], first[Prop.END_DATE.value]) == (dt.date(1968, 5, 27), dt.date(1968, 5, 28))
    assert (ninth[Prop.DATE.value], ninth[Prop.END_DATE.value]) == (dt.date(1976, 5, 26), dt.date(1976, 5, 27))


def test_following_an_earlier_meeting_is_not_a_future_one() -> None:
    text = (
        "1. The tenth annual Security Consultative Meeting was held in Seoul on July 25 and 26, 1977, following the "
        "ninth meeting held in Honolulu in May 1976."
    )
    found = meetings(extract_document(make_doc(text, dt.date(1977, 7, 26))))
    assert found["9th SCM"].props[Prop.DATE.value] == dt.date(1976, 5, 26)


def test_a_relative_date_is_kept_where_the_reference_holds_that_meeting() -> None:
    text = (
        "SEOUL -- South Korea and the United States held the second meeting of their Nuclear Consultative Group "
        "in Washington last Friday, an official said. The fourth meeting of their Nuclear Consultative Group will "
        "meet last Friday of next year."
    )
    found = meetings(extract_document(make_doc(text, dt.date(2023, 12, 19), "news")))
    assert found["2nd NCG"].props[Prop.DATE.value] == dt.date(2023, 12, 15)
    assert found["4th NCG"].props.get(Prop.DATE.value) is None  # no meeting of the reference that day


def test_a_meeting_between_its_heads_held_on_a_day() -> None:
    text = (
        "The meeting came a day before the 48th Security Consultative Meeting (SCM) between Secretary Carter and "
        "Minister Han, held at the Pentagon on October 20."
    )
    found = meetings(extract_document(make_doc(text, dt.date(2016, 10, 19), "joint_statement")))
    assert found["48th SCM"].props[Prop.DATE.value] == dt.date(2016, 10, 20)


def test_the_trilateral_ministerial_meeting_of_the_heading_is_dated_and_placed_by_the_opening() -> None:
    text = (
        "Japan-United States-Republic of Korea Trilateral Ministerial Meeting Joint Press Statement\n\n"
        "Minister of Defense of Japan KIHARA Minoru, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister "
        "of National Defense Shin Wonsik held a Trilateral Ministerial Meeting (TMM) in Tokyo on July 28, 2024."
    )
    graph = extract_document(make_doc(text, dt.date(2024, 7, 28), "joint_statement"))
    rec = recorded(graph)
    assert (rec.props[Prop.SERIES.value], rec.props[Prop.LOCATION.value]) == ("Trilateral", "Tokyo")
    assert heads(graph, rec) == {"Minoru Kihara", "Lloyd Austin", "Shin Won-sik"}


def test_an_appendix_header_with_its_title_is_page_furniture() -> None:
    text = (
        "4. The two Ministers decided to postpone the second phase of\n\n271\n"
        "Appendix 9  Joint Communiques of the Security Consultative Meeting\n\n"
        "the reduction of U.S. forces in Korea.\n"
    )
    view = repair(text).text
    assert "Appendix 9" not in view and "phase of the reduction" in " ".join(view.split())


# -- item 4: names --------------------------------------------------------------------------------------


def test_western_order_and_capitalised_family_name_spellings_are_aliases() -> None:
    spellings = korean_spellings("Cho Yung-kil")
    assert {"Yung Kil Cho", "Yung-kil Cho", "CHO Yung-kil"} <= spellings
    text = SCM_HEAD.replace("Minister of National Defense Kim Kwan-jin", "Minister of National Defense Kwan Jin Kim")
    graph = extract_document(make_doc(text, dt.date(2038, 10, 2)))
    assert "Kim Kwan-jin" in heads(graph, recorded(graph))


def test_names_in_capitals_are_true_cased_for_display() -> None:
    assert true_case("JAMES R. MCCONVILLE") == "James R. McConville"
    assert canonical_name("SUH JYONG CHUL") == "Suh Jyong-chul"


# -- items 6 and 7: pledge types ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Both sides reaffirmed their support for the peaceful unification of the Korean Peninsula.",
            {("PeaceAndUnification", "KOR+USA")},
            id="unification",
        ),
        pytest.param(
            "The two sides pledged to work for a durable peace regime on the peninsula.",
            {("PeaceAndUnification", "KOR+USA")},
            id="peace-regime",
        ),
        pytest.param(
            "They stated that the two governments will not tolerate nuclear weapons in North Korea.",
            {("DeclaratoryPolicy", "KOR+USA")},
            id="will-not-tolerate",
        ),
        pytest.param(
            "The Minister stated that the ROK will expand its defense investment so that the Combined Forces "
            "Command keeps its combat strength.",
            {("MutualDefense", "KOR")},
            id="cfc-is-not-force-presence",
        ),
        pytest.param(
            "Secretary Weinberger undertook to supply the equipment through foreign military sales credits.",
            {("DefenseIndustryCooperation", "USA")},
            id="undertook-to",
        ),
        pytest.param(
            "The two sides agreed that the ROK will expand its support for the costs of the U.S. forces in Korea.",
            {("CostSharing", "KOR")},
            id="costs-of-the-forces",
        ),
        pytest.param(
            "The United States will return the vacated installations to the ROK.",
            {("ForcePresence", "USA")},
            id="base-returns",
        ),
        pytest.param(
            "The U.S. side committed to continue raising the regular visibility of U.S. strategic assets on and "
            "around the Korean Peninsula.",
            {("ForcePresence", "USA"), ("ExtendedDeterrence", "USA")},
            id="strategic-asset-visibility",
        ),
        pytest.param(
            "The ROK will strengthen its conventional capabilities so that they can support U.S. nuclear operations.",
            {("NuclearConsultation", "KOR")},
            id="conventional-support",
        ),
        pytest.param(
            "The two sides agreed to keep cooperating on the reconstruction of Iraq.",
            {("GlobalSecurityCooperation", "KOR+USA")},
            id="iraq",
        ),
        pytest.param(
            "The two sides agreed that the Combined Forces Command has strengthened the combined defense posture.",
            set(),
            id="an-assessment-in-the-perfect",
        ),
        pytest.param(
            "The two sides also committed to strengthen their combined anti-submarine warfare capabilities.",
            {("MutualDefense", "KOR+USA")},
            id="capabilities-a-broad-cue",
        ),
        pytest.param(
            "The Secretary and the Minister agreed to launch a new working-level body on maritime affairs.",
            {("ConsultationMechanism", "KOR+USA")},
            id="a-body-a-broad-cue",
        ),
        pytest.param(
            "The two sides pledged to work together to bring North Korea back to the table.",
            {("AllianceCooperation", "KOR+USA")},
            id="no-field-named-the-broadest-concept",
        ),
        pytest.param(
            "Noting that the Eighth Special Measures Agreement runs through 2040, the Secretary and the Minister "
            "agreed to begin talks on the next agreement.",
            {("CostSharing", "KOR+USA")},
            id="the-introduction-names-the-field",
        ),
        pytest.param(
            "The two sides stated that a further long-range launch would have serious consequences.",
            {("DeclaratoryPolicy", "KOR+USA")},
            id="serious-consequences",
        ),
        pytest.param(
            "The Secretary affirmed that the 210th Fires Brigade will remain north of the Han River until 2050.",
            {("ForcePresence", "USA")},
            id="han-river",
        ),
        pytest.param("The four ministers agreed on the importance of closer cooperation.", set(), id="importance"),
        pytest.param("They endorsed the findings of the Joint Investigation Group.", set(), id="findings"),
        pytest.param("The ministers committed to hold this meeting again next year.", set(), id="this-meeting-again"),
    ],
)
def test_pledge_types_of_the_record(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert pledges(extract_document(make_doc(SCM_HEAD + "2. " + sentence, dt.date(2038, 10, 2)))) == expected


def test_the_new_concept_is_in_the_scheme_and_the_terms() -> None:
    lexicon = default_lexicon()
    assert "PeaceAndUnification" in COMMITMENT_TYPES and "PeaceAndUnification" in lexicon.concepts
    assert "peaceful unification" in lexicon.concepts["PeaceAndUnification"].alt_labels
    assert "peace regime" not in lexicon.concepts["RegionalCooperation"].alt_labels
    assert "Combined Forces Command" in lexicon.concepts["MutualDefense"].hidden_labels
