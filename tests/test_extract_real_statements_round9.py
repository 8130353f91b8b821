"""Joint statements, trilateral statements and consultative-group press statements that a ninth probe of
public texts misread (issue 15).

Shapes of stored public copies: a ministers' joint statement that opens on a topic heading and in which one
party "re-emphasized" its commitment; a leaders' trilateral statement whose leaders "concurred to" act; a
chiefs-of-defense press statement that reviews "the progress since" a summit; a consultative group's press
statement (a re-translated copy) that foretells what "the collective strength of our two nations will"
bring. The sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, heads, pledges, recorded_node

from extractors.readers import read_bytes
from graph.schema import Kind, Rel


def read(text: str):  # noqa: ANN201 - a SourceDocument
    return read_bytes(text.encode(), suffix=".txt")


# -- 1. pledges the verb list missed ------------------------------------------------------------------


def test_hyphenated_re_verb_before_a_commitment_is_a_pledge() -> None:
    # a 2+2 joint statement that opens on its "North Korea" heading
    text = (
        "North Korea\n"
        "The Ministers urged North Korea to stop its threats and to keep the terms of the Armistice. "
        "The United States re-emphasized its firm and lasting commitment through the Alliance to defend the "
        "Republic of Korea against any attack. The Ministers re-affirmed their commitment to close coordination "
        "on sanctions.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 6, 14), "joint_statement"))
    assert any(p == "USA" and "MutualDefense" in t and "re-emphasized" in d for t, p, d in found)
    assert any(p == "KOR+USA" and "re-affirmed" in d for t, p, d in found)
    assert not any("urged" in d for _t, _p, d in found)


def test_leaders_concurred_to_act_is_a_pledge_concurred_that_a_view() -> None:
    text = (
        "Today in Hanoi, Prime Minister Sato Ichiro of Japan, President Kim Dae-ho of the Republic of Korea (ROK), "
        "and President Jane Smith of the United States reaffirmed their trilateral partnership. "
        "The Leaders concurred to work in a trilateral format at every level of government to carry out their "
        "approaches to the Indo-Pacific. The Leaders concurred that the missile launches of this year are a "
        "grave threat to the region.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 11, 13), "joint_statement"))
    concurred = [(t, p) for t, p, d in found if "concurred to work" in d]
    assert concurred == [(concurred[0][0], "JPN+KOR+USA")]
    assert "TrilateralCooperation" in concurred[0][0]
    assert not any("concurred that" in d for _t, _p, d in found)


# -- 2. what is not a pledge ----------------------------------------------------------------------------


def test_reaffirming_the_progress_since_a_summit_is_a_review() -> None:
    text = (
        "The chiefs of defense of the United States, Japan and the Republic of Korea met in Tokyo on July 2, 2031. "
        "During a visit to an air base, they reaffirmed the progress since the Hanoi Summit, including the work on "
        "a real-time missile warning data sharing mechanism. They reaffirmed their commitment to deepen "
        "trilateral cooperation.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 7, 2), "joint_statement"))
    assert not any("progress since" in d for _t, _p, d in found)
    assert any("deepen trilateral cooperation" in d for _t, _p, d in found)


def test_explaining_the_progress_of_a_plan_and_a_resolve_keeps_the_pledge() -> None:
    text = (
        "Minister Park explained the progress of the new force plan and the ROK's resolve to keep spending "
        "five percent of its national product on defense industry projects.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 3, 1), "communique"))
    assert any(p == "KOR" and "resolve to keep spending" in d for _t, p, d in found)


def test_what_the_strength_of_the_two_nations_will_bring_is_a_forecast() -> None:
    # a consultative group's press statement: the thing that "will contribute" is no party
    text = (
        "In line with the decision of the two Presidents to set up the Nuclear Consultative Group (NCG), the "
        "security offices of the United States and the Republic of Korea held the second meeting of the NCG on "
        "May 3, 2031 in Washington. The combined strength of our two nations will directly contribute to peace "
        "and stability in the Indo-Pacific region. The United States reaffirmed its commitment to provide "
        "extended deterrence to the Republic of Korea.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 5, 3), "joint_statement"))
    assert not any("combined strength" in d for _t, _p, d in found)
    assert any(p == "USA" and "ExtendedDeterrence" in t for t, p, _d in found)
    # the two nations as the subject still pledge
    text2 = text.replace("The combined strength of our two nations will", "Our two nations will")
    found2 = pledges(extract_text(text2, dt.date(2031, 5, 3), "joint_statement"))
    assert any(d.startswith("Our two nations will") for _t, _p, d in found2)


# -- 3. the Japanese head of a trilateral meeting ---------------------------------------------------------


def _recorded_heads(text: str, date: dt.date) -> dict[str, tuple[str, str]]:
    graph = extract_text(text, date, "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None
    nodes = graph.node_map()
    out = {}
    for label in heads(graph, meeting):
        person = next(n for n in graph.nodes if n.kind == Kind.PERSON and n.label == label)
        country = next(
            str(nodes[r.target].props.get("notation"))
            for r in graph.relationships
            if r.source == person.iri and r.type == Rel.AFFILIATION
        )
        out[label] = (str(person.props.get("role")), country)
    return out


def test_japanese_director_general_with_family_name_in_capitals_heads_the_talks() -> None:
    # a defense trilateral talks statement: Tokyo writes the family name first, in capitals
    text = (
        "Joint Statement of the Defense Trilateral Talks\n\n"
        "Republic of Korea (ROK) Deputy Minister for National Defense Policy Kim Dae-ho, U.S. Assistant Secretary "
        "of Defense for Indo-Pacific Security Affairs Pat Example, and Japan Director General for Defense Policy "
        "SATO Ichiro convened the Defense Trilateral Talks in Tokyo on May 2, 2031. The officials reaffirmed their "
        "commitment to deepen trilateral security cooperation.\n"
    )
    found = _recorded_heads(text, dt.date(2031, 5, 2))
    assert found["Sato Ichiro"] == ("Director General for Defense Policy", "JPN")
    assert {c for _r, c in found.values()} == {"KOR", "USA", "JPN"}


def test_chief_of_staff_joint_staff_in_capitals_is_the_gazetteer_person() -> None:
    text = (
        "U.S. Chairman of the Joint Chiefs of Staff Gen. CQ Brown, Jr., Japan Chief of Staff, Joint Staff Gen. "
        "YOSHIDA Yoshihide, and Republic of Korea (ROK) Joint Chiefs of Staff Adm. Kim Myung-soo convened a "
        "Trilateral Chiefs of Defense Meeting on March 3, 2024, in Hawaii.\n"
    )
    found = _recorded_heads(text, dt.date(2024, 3, 3))
    assert found["Yoshihide Yoshida"] == ("Chief of Staff, Joint Staff", "JPN")


def test_vice_foreign_ministers_of_three_countries_are_named() -> None:
    text = (
        "Today, U.S. Deputy Secretary of State Antony Blinken, Vice Minister for Foreign Affairs of Japan Shinsuke "
        "Sugiyama, and First Vice Minister of Foreign Affairs of the Republic of Korea (ROK) Lim Sung-nam met in "
        "Washington.\n"
    )
    graph = extract_text(text, dt.date(2017, 1, 5), "joint_statement")
    roles = {n.label: n.props.get("role") for n in graph.nodes if n.kind == Kind.PERSON}
    assert roles == {
        "Antony Blinken": "Deputy Secretary of State",
        "Shinsuke Sugiyama": "Vice Minister for Foreign Affairs",
        "Lim Sung-nam": "First Vice Minister of Foreign Affairs",
    }


@pytest.mark.parametrize(
    "text", ["General CIA Records\n", "The ROK Minister spoke. USFK Commander Gen. Pat Example spoke.\n"]
)
def test_an_acronym_before_a_capitalised_word_is_no_name(text: str) -> None:
    graph = extract_text(text, dt.date(1984, 5, 1), "other")
    labels = {n.label for n in graph.nodes if n.kind == Kind.PERSON}
    assert not any(label.split()[0].isupper() or label.startswith(("Cia", "Rok", "Usfk")) for label in labels)


# -- 4. a spokesperson's page carrying a joint fact sheet; the Pacific Islands are the region -------------


def test_page_leading_into_a_joint_fact_sheet_is_a_joint_statement() -> None:
    # a spokesperson's page: its date-prefixed title twice, a label block, the lead, then the text
    text = (
        "03/04/31 \u2013 Key Outcomes of the Trilateral Vice Ministerial Meetings\n\n"
        "Key Outcomes of the Trilateral Vice Ministerial Meetings\n\n"
        "Fact Sheet\nOffice of the Spokesperson\nWashington, DC\nMarch 4, 2031\n\n"
        "The following is a joint fact sheet on the key outcomes of the trilateral vice ministerial meetings:\n\n"
        " Today, the three vice ministers met in Washington, DC, for the eighth round of their trilateral "
        "consultations. The mechanism has given the three countries a steady way to pool their strength against "
        "the main problems of the region and, more and more, to work together on matters of global reach, from "
        "space to public health.\n\n"
        "  \u2022 Answering the threat: the three countries hold that the complete denuclearization of North Korea "
        "remains the only path to lasting security in the region, and they will keep working with partners to "
        "enforce the sanctions.\n"
    )
    assert read(text).kind == "joint_statement"


def test_work_with_pacific_island_countries_is_regional_cooperation() -> None:
    text = (
        "We, the leaders of Japan, the Republic of Korea and the United States, met at Camp David. We are resolved "
        "to work closely with Pacific Island countries and the Pacific Islands Forum, the region's leading body.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 8, 18), "joint_statement"))
    assert [t for t, _p, d in found if "Pacific Island" in d] == [frozenset({"RegionalCooperation"})]


# -- 5. a round of the trilateral vice foreign ministers' consultations ------------------------------------


def test_round_of_trilateral_vice_foreign_ministerial_consultations_is_the_recorded_meeting() -> None:
    text = (
        "Key Outcomes of the Trilateral Vice Foreign Ministerial Meetings\n\n"
        "Office of the Spokesperson\nWashington, DC\nMarch 4, 2031\n\n"
        "Today, U.S. Deputy Secretary of State Pat Example, Vice Minister for Foreign Affairs of Japan SATO Ichiro, "
        "and First Vice Minister of Foreign Affairs of the Republic of Korea (ROK) Kim Dae-ho met in Washington, DC, "
        "for the ninth round of Trilateral Vice Foreign Ministerial consultations. Since the May 2028 inaugural "
        "meeting in Tokyo, the three countries have answered the threat from North Korea together.\n"
    )
    graph = extract_text(text, dt.date(2031, 3, 4), "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None
    assert meeting.props["series"] == "Trilateral"
    assert meeting.props["date"] == dt.date(2031, 3, 4)
    assert "vice foreign ministers" in meeting.label
    assert heads(graph, meeting) == {"Pat Example", "Sato Ichiro", "Kim Dae-ho"}
    # the inaugural meeting is one of the same body, dated by its month; no numbered meeting of no body
    others = [n for n in graph.nodes if n.kind == Kind.MEETING and n.iri != meeting.iri]
    assert [(n.props["series"], n.props.get("ordinal"), n.props["date"]) for n in others] == [
        ("Trilateral", None, dt.date(2028, 5, 1))
    ]


# -- 6. who commits in a trilateral statement ---------------------------------------------------------------


def test_the_secretary_and_the_two_ministers_of_a_trilateral_are_three() -> None:
    text = (
        "U.S. Secretary of Defense Pat Example, Japan Minister of Defense SATO Ichiro, and Republic of Korea (ROK) "
        "Minister of National Defense Kim Dae-ho convened a Trilateral Ministerial Meeting on June 1, 2031, in "
        "Singapore. The Secretary and the two Ministers affirmed their lasting commitment to strengthen trilateral "
        "security cooperation to deter the missile threats of the DPRK and to achieve the complete "
        "denuclearization of the DPRK. The two sides also agreed to hold the next bilateral meeting soon.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 6, 1), "joint_statement"))
    assert {p for _t, p, d in found if "two Ministers" in d or d.startswith("to achieve")} == {"JPN+KOR+USA"}


def test_quoted_we_of_a_statement_released_by_three_governments_is_the_three() -> None:
    text = (
        "The following text was released by the Governments of the United States of America, Japan, and the "
        "Republic of Korea on the occasion of their trilateral dialogue.\n\n"
        '"We reaffirm our commitment to use our collective capacity to maintain peace and stability across the '
        'Indo-Pacific region."\n'
    )
    found = pledges(extract_text(text, dt.date(2031, 5, 31), "other"))
    assert [p for _t, p, _d in found] == ["JPN+KOR+USA"]


def test_second_verb_of_an_infinitive_after_enabled_is_no_pledge() -> None:
    text = (
        "Key Outcomes of the Trilateral Vice Foreign Ministerial Meetings\n\n"
        "Today, the three vice foreign ministers met in Washington for the ninth round of Trilateral Vice Foreign "
        "Ministerial consultations. This framework has already enabled us to widen our cooperation and establish "
        "habits of trilateral partnership. The three sides agreed to widen their cooperation and establish a "
        "working group on maritime security.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 3, 4), "joint_statement"))
    assert not any(d.startswith("This framework") for _t, _p, d in found)
    assert any(d.startswith("The three sides agreed") for _t, _p, d in found)


def test_us_commitment_to_the_defense_of_japan_and_the_rok_is_mutual_defense() -> None:
    text = (
        "U.S. Chairman of the Joint Chiefs of Staff Gen. Pat Example, Japan Chief of Staff, Joint Staff Gen. SATO "
        "Ichiro, and Republic of Korea (ROK) Joint Chiefs of Staff Adm. Kim Dae-ho convened a Trilateral Chiefs of "
        "Defense Meeting on July 2, 2031, in Seoul. Gen. Example reaffirmed the ironclad commitment of the United "
        "States to the defense of Japan and the ROK.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 7, 2), "joint_statement"))
    assert [(t, p) for t, p, _d in found] == [(frozenset({"MutualDefense"}), "USA")]


def test_committed_in_a_series_of_participles_describes_the_partnership() -> None:
    text = (
        "Today in Hanoi, Prime Minister Sato Ichiro of Japan, President Kim Dae-ho of the Republic of Korea (ROK), "
        "and President Jane Smith of the United States reaffirmed their trilateral partnership guided by shared "
        "values, driven by innovation, and committed to shared prosperity and security. The three leaders are "
        "committed to a free and open Indo-Pacific.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 11, 13), "joint_statement"))
    assert not any(d.startswith("committed to shared") for _t, _p, d in found)
    assert any(d.startswith("The three leaders are committed") for _t, _p, d in found)


def test_the_pledges_own_infinitive_keeps_both_verbs_fields() -> None:
    # guard of the rule above: "pledged to X and Y" is the pledge's own infinitive, not one a non-pledge verb governs;
    # as two pledges each keeps its field (as one, the cue word "cyber" gave way to the named "working group")
    text = (
        "The Minister and the Secretary met in Seoul on October 9, 2031. The Minister and the Secretary pledged to "
        "deepen cooperation on cyber and establish a new working group on space.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 10, 9), "joint_statement"))
    assert {t for types, _p, _d in found for t in types} >= {"CyberCooperation", "SpaceCooperation"}
    assert {p for _t, p, _d in found} == {"KOR+USA"}


def test_an_earlier_trilateral_meeting_of_no_day_or_month_is_not_the_recorded_one() -> None:
    # guard of the inaugural-meeting rule: "the first meeting, held in 2009" (a year only) cannot be identified;
    # it was merged into the meeting the statement records
    text = (
        "Joint Statement of the Trilateral Ministerial Meeting\n\n"
        "U.S. Secretary of Defense Pat Example, Japan Minister of Defense SATO Ichiro and ROK Minister of National "
        "Defense Kim Dae-ho held a Trilateral Ministerial Meeting in Tokyo on July 28, 2031. The ministers looked "
        "back to the first meeting, in 2009, and to all that the three had built since.\n"
    )
    graph = extract_text(text, dt.date(2031, 7, 28), "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None and meeting.props["date"] == dt.date(2031, 7, 28)
    nodes = graph.node_map()
    evidence = {
        str(nodes[r.target].props.get("text"))
        for r in graph.relationships
        if r.source == meeting.iri and r.type == Rel.EVIDENCE
    }
    assert evidence and not any("first meeting" in e for e in evidence)
    assert [n for n in graph.nodes if n.kind == Kind.MEETING] == [meeting]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Document Type: General FOIA Release\nCollection: General NARA Collection\n\n"
            "The Secretary met the Minister.",
            set(),
            id="archive-fields-after-general",
        ),
        pytest.param("Dr. KIDA Wargame results were briefed. Mr. KOTRA Trade officials joined.", set(), id="acronyms"),
        pytest.param(
            "Gen. KANO Koji, Chief of Staff, Joint Staff, met Adm. Kim Dae-ho.",
            {"Kano Koji", "Kim Dae-ho"},
            id="rank-then-office-in-apposition",
        ),
    ],
)
def test_a_word_in_capitals_after_a_bare_rank_is_no_family_name(text: str, expected: set[str]) -> None:
    # guard of the family-name-in-capitals form: after a rank or honorific alone, an acronym and the next word
    # ("General FOIA Release") made a person; Tokyo's releases give the office with the name
    graph = extract_text(text, dt.date(2031, 3, 1), "news")
    assert {n.label for n in graph.nodes if n.kind == Kind.PERSON} == expected


def test_hyphenated_re_verbs_restate_a_pledge() -> None:
    # the test above passes without the 're-affirm' verbs ("commitment" alone pledges); what they add is the stance,
    # and a that-clause after "re-confirmed"
    text = (
        "The Ministers re-affirmed their commitment to close coordination on sanctions. The Secretary re-confirmed "
        "that the United States will keep its forces in Korea.\n"
    )
    graph = extract_text(text, dt.date(2031, 6, 14), "joint_statement")
    stances = {
        " ".join(str(n.props.get("description")).split()[:3]): n.props.get("stance")
        for n in graph.nodes
        if n.kind == Kind.COMMITMENT
    }
    assert stances == {"The Ministers re-affirmed": "reaffirmed", "The Secretary re-confirmed": "reaffirmed"}


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param("The NCG will strengthen extended deterrence.", {"ExtendedDeterrence"}, id="ncg"),
        pytest.param("The Combined Forces Command will help deter aggression.", {"MutualDefense"}, id="cfc-opens"),
    ],
)
def test_the_allies_bodies_opening_a_sentence_keep_their_will(sentence: str, types: set[str]) -> None:
    # guard of the top-level forecast rule: a capitalised "The" before the command, and the consultative group
    text = (
        "The United States and the Republic of Korea held the fifth meeting of the Nuclear Consultative Group in "
        "Washington on June 3, 2031. " + sentence + "\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 6, 3), "joint_statement"))
    assert [(t, p) for t, p, d in found if d == sentence] == [(frozenset(types), "KOR+USA")]


def test_a_pledge_noun_in_what_a_forecast_foretells_is_no_pledge() -> None:
    # a minister's remarks at a press conference: once the top-level forecast is set aside, the sentence has no verb
    # left and its pledge noun ("the U.S. commitment") was read as a pledge of its own
    text = (
        "The Secretary and I signed the tailored strategy today. It gives the allies new options against nuclear "
        "threats. This will greatly enhance the alliance's deterrence against the North, as well as our people's trust "
        "towards U.S. commitment to provide extended deterrence.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 10, 2), "other"))
    assert found and not any(d.startswith("This will") for _t, _p, d in found)
    # ... while a pledge noun that is the subject keeps its pledge
    subject = "The U.S. commitment to the defense of the ROK will help deter aggression on the peninsula.\n"
    assert [(t, p) for t, p, _d in pledges(extract_text(subject, dt.date(2031, 10, 2), "other"))] == [
        (frozenset({"MutualDefense"}), "USA")
    ]
