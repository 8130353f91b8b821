"""Names and heads of delegation in the shapes of the official record (issue 15, pattern 4).

The texts are written for the tests in the shapes of public copies: comma-inverted
Korean names of older U.S. texts, spaced and joined romanisations, internal capitals,
middle initials and suffixes, ranks before names, upper-case cables.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.actors import find_actors
from extractors.rules.lexicon import default_lexicon
from extractors.rules.people import canonical_name, name_key, split_given
from graph.model import GraphData
from graph.schema import Kind, Rel


def make_doc(text: str, date: dt.date, kind: str = "communique") -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)


def persons(text: str, year: int) -> list[tuple[str, str | None]]:
    return [
        (a.actor.id, a.actor.role) for a in find_actors(text, default_lexicon(), year) if a.actor.kind == Kind.PERSON
    ]


def heads(graph: GraphData) -> list[str]:
    nodes = graph.node_map()
    return sorted(
        str(nodes[r.target].props.get("notation")) for r in graph.relationships if r.type == Rel.HEAD_OF_DELEGATION
    )


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        pytest.param(
            "Minister of National Defense Kim, Kwan Jin met the press.",
            2012,
            "person:Kim Kwan-jin",
            id="comma-inverted",
        ),
        pytest.param("Minister Jeong Kyeongdoo spoke.", 2019, "person:Jeong Kyeong-doo", id="joined-given-name"),
        pytest.param("General Park Hanki presided.", 2019, "person:Park Han-ki", id="joined-reference-person"),
        pytest.param("the Chairman, General Won Inchoul, spoke", 2021, "person:Won In-choul", id="joined-chairman"),
        pytest.param("the Chairman, General Lee, Sang-eui, spoke", 2009, "person:Lee Sang-eui", id="comma-hyphen"),
        pytest.param("U.S. Secretary of Defense Lloyd J. Austin III met", 2023, "person:Lloyd Austin", id="suffix"),
        pytest.param("General Joseph F. Dunford, Jr. presided", 2017, "person:Joseph Dunford", id="comma-jr"),
        pytest.param("General Vincent K. Brooks welcomed", 2017, "person:Vincent Brooks", id="rank-outside"),
        pytest.param(
            "Gen. Paul J. LaCamera, Commander of U.S. Forces Korea", 2023, "person:Paul LaCamera", id="internal-capital"
        ),
        pytest.param(
            "the Senior Officer Assigned to Korea General Leon LaPorte", 2005, "person:Leon LaPorte", id="no-truncation"
        ),
        pytest.param("Defense Minister Kihara Minoru of Japan", 2024, "person:Minoru Kihara", id="japanese-order"),
    ],
)
def test_record_spellings_resolve_to_one_person(text: str, year: int, expected: str) -> None:
    assert [p for p, _ in persons(text, year)] == [expected]


def test_unknown_names_take_the_canonical_form_and_one_node() -> None:
    found = persons(
        "ROK Minister of National Defense Hong, Gil Dong and Secretary of Defense Pat Q. McExample III.", 2031
    )
    assert [p for p, _ in found] == ["person:Hong Gil-dong", "person:Pat McExample III"]
    assert [p for p, _ in persons("ROK Minister of National Defense Hong Gildong met.", 2031)] == [
        "person:Hong Gil-dong"
    ]
    assert name_key("Hong, Gil Dong") == name_key("Hong Gil-dong") == name_key("HONG GILDONG")
    assert split_given("Gildong") == "Gil-dong"
    assert canonical_name("Pat Q. McExample") == "Pat McExample"


@pytest.mark.parametrize(
    "text",
    [
        "The ROK and U.S. Generals held the General Officer Talks in Seoul.",
        "General Officer Talks took place. President Day was observed.",
        "From the Minister Of National Defense",
    ],
)
def test_no_titles_or_meeting_names_as_persons(text: str) -> None:
    assert persons(text, 2020) == []


def test_roles_are_taken_at_the_date_of_the_document() -> None:
    text = "General Jeong Kyeong-doo spoke."
    assert persons(text, 2017) == [("person:Jeong Kyeong-doo", "Chairman of the Joint Chiefs of Staff")]
    assert persons(text, 2020) == [("person:Jeong Kyeong-doo", "Minister of National Defense")]
    assert persons("General Kim Kwan-jin", 2007) == [("person:Kim Kwan-jin", "Chairman of the Joint Chiefs of Staff")]


def test_upper_case_cables_name_their_persons() -> None:
    text = (
        "1. THE ANNUAL SECURITY CONSULTATIVE MEETING WAS HELD IN SEOUL. MINISTER OF NATIONAL DEFENSE SUH JYONG "
        "CHUL, SECRETARY OF DEFENSE JAMES R. SCHLESINGER AND OTHER SENIOR OFFICIALS PARTICIPATED IN THE MEETING."
    )
    assert [p for p, _ in persons(text, 1975)] == ["person:Suh Jyong-chul", "person:James Schlesinger"]


SCM_WITH_MCM = """Joint Communique of the 52nd ROK-U.S. Security Consultative Meeting

1. The 52nd United States (U.S.)-Republic of Korea (ROK) Security Consultative Meeting (SCM) was held in \
Washington, D.C., on October 14, 2020. U.S. Secretary of Defense Mark T. Esper and ROK Minister of National Defense \
Suh Wook led their respective delegations. On October 13, 2020, U.S. Chairman of the Joint Chiefs of Staff, \
General Mark A. Milley and ROK Chairman of the Joint Chiefs of Staff, General Won In-choul presided over the 45th \
U.S.-ROK Military Committee Meeting (MCM).

2. The Secretary and the Minister reaffirmed the Alliance.
"""


def test_heads_of_an_scm_are_its_defence_chiefs_not_the_mcm_chairmen() -> None:
    graph = extract_document(make_doc(SCM_WITH_MCM, dt.date(2020, 10, 14)))
    assert heads(graph) == ["person:Mark Esper", "person:Suh Wook"]


def test_heads_of_an_mcm_are_its_chairmen() -> None:
    text = (
        "Joint Communique of the 45th ROK-U.S. Military Committee Meeting\n\n"
        "1. The 45th Military Committee Meeting (MCM) was held in Washington, D.C. on October 13, 2020. "
        "General Won Inchoul, Chairman of the ROK Joint Chiefs of Staff, and General Mark A. Milley, Chairman of "
        "the U.S. Joint Chiefs of Staff, led their delegations, ahead of the 52nd SCM.\n\n"
        "2. The Chairmen reaffirmed the combined defense posture.\n"
    )
    assert heads(extract_document(make_doc(text, dt.date(2020, 10, 13)))) == [
        "person:Mark Milley",
        "person:Won In-choul",
    ]


def test_heads_of_a_two_plus_two_are_the_four_ministers() -> None:
    text = (
        "Joint Statement of the 2016 United States-Republic of Korea Foreign and Defense Ministers' Meeting\n\n"
        "U.S. Secretary of State John F. Kerry and Secretary of Defense Ashton B. Carter met ROK Minister of Foreign "
        "Affairs Yun Byung Se and Minister of National Defense Han Minkoo in Washington on October 19, 2016 for a "
        'Foreign and Defense Ministers\' ("2+2") Meeting.\n\nThe four officials reaffirmed the Alliance.\n'
    )
    graph = extract_document(make_doc(text, dt.date(2016, 10, 19), kind="joint_statement"))
    assert heads(graph) == ["person:Ashton Carter", "person:Han Min-koo", "person:John Kerry", "person:Yun Byung-se"]
    rec = next(graph.node_map()[r.target] for r in graph.relationships if r.type == Rel.ISSUED_AT)
    assert (rec.props["series"], rec.props["ordinal"]) == ("2+2", 4)


def test_co_chairs_lead_a_working_group_not_the_presidents_named_before() -> None:
    text = (
        "Joint Press Statement on the Inaugural Nuclear Consultative Group Meeting\n\n"
        "Following the declaration adopted by President Yoon Suk Yeol and President Joe Biden at their summit on "
        "April 26, 2023, the two governments convened the first meeting of the Nuclear Consultative Group in Seoul "
        "on July 18, 2023. The meeting was co-chaired by Dr. Kim Tae-hyo of the ROK and Dr. Kurt M. Campbell of the "
        "United States.\n\nThe two sides reaffirmed extended deterrence.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2023, 7, 18), kind="joint_statement"))
    assert heads(graph) == ["person:Kim Tae-hyo", "person:Kurt Campbell"]


def states_and_bodies(text: str, year: int = 2022) -> list[str]:
    return [a.actor.id for a in find_actors(text, default_lexicon(), year) if a.actor.kind != Kind.PERSON]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("peace and stability in the Taiwan Strait", [], id="strait"),
        pytest.param("South Koreans and Americans fought side by side in Viet-Nam", ["KOR", "USA"], id="fought-in"),
        pytest.param("the U.S. National Security Council coordinator", ["USA"], id="national-security-council"),
        pytest.param("the UN Security Council condemned it", ["UNSC"], id="un-security-council"),
        pytest.param(
            "THE UNITED STATES AND THE REPUBLIC OF KOREA SUPPORT THE UNITED NATIONS COMMAND AGAINST NORTH KOREA",
            ["USA", "KOR", "UNC", "PRK"],
            id="upper-case-cable",
        ),
    ],
)
def test_places_are_not_actors_and_cables_name_theirs(text: str, expected: list[str]) -> None:
    assert states_and_bodies(text) == expected


def test_heads_named_across_a_line_break_are_found() -> None:
    text = (
        "Joint Communique of the 53rd ROK-U.S. Security Consultative Meeting\n\n"
        "1. The 53rd SCM took place in Seoul on December 2, 2021. ROK Minister of National Defense Suh Wook and "
        "U.S. Secretary of Defense Lloyd J. Austin\n\nIII led their respective delegations.\n\n"
        "2. The Minister and the Secretary reaffirmed the Alliance.\n"
    )
    assert heads(extract_document(make_doc(text, dt.date(2021, 12, 2)))) == ["person:Lloyd Austin", "person:Suh Wook"]
