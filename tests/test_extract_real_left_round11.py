"""Leftovers of earlier probes of public texts (issue 15), fixed by pattern in round eleven.

Shapes of stored public copies: a press-release distributor's header that dates a U.S. readout "06/11/2022";
a readout of the two allies' defense (or foreign) ministers meeting on a forum's margins ("met with ... today in
Singapore"), which recorded nothing; "participated in a trilateral ministerial today"; pledges worded as a
warning of the world's answer, an effect of a thing, or a vision held; a relative clause's party taking the
pledge of the main clause; "NATO Secretary General X" given the rank "General". The sentences are written for
the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, heads, meeting_nodes, pledges, recorded_node

from extractors.readers import read_bytes
from extractors.rules import extract_document
from extractors.rules.dates import find_dates, read_date, slash_order
from graph.model import GraphData, Node
from graph.schema import Kind


def _read(text: str) -> GraphData:
    return extract_document(read_bytes(text.encode(), suffix=".txt"))


# -- 1. numeric dates: read only in the order the text fixes -------------------------------------------------


def test_distributor_header_reads_numeric_date_month_first() -> None:
    for header, day in (
        ("07/09/2031 | Press release | Archived content", dt.date(2031, 7, 9)),
        ("04/05/2030 | Press release | Distributed by Public on 04/05/2030 21:10", dt.date(2030, 4, 5)),
    ):
        text = (
            "Ministry of National Defense\n\n" + header + "\n\n"
            "Defense Minister Kim Min-soo reviewed the readiness of the combined forces with commanders today.\n"
        )
        assert read_bytes(text.encode(), suffix=".txt").date == day, header


def test_numeric_date_order_fixed_by_a_day_above_twelve_in_the_same_text() -> None:
    assert slash_order("Issued 03/22/2030; updated 05/06/2030.") == "mdy"
    assert slash_order("Issued 22/03/2030; updated 05/06/2030.") == "dmy"
    got = [m.date for m in find_dates("Issued 22/03/2030; updated 05/06/2030.", dt.date(2030, 7, 1))]
    assert got == [dt.date(2030, 3, 22), dt.date(2030, 6, 5)]


def test_ambiguous_numeric_date_is_never_guessed() -> None:
    # nothing in the text says whether 05/06 is May 6 or June 5
    assert find_dates("The report was issued on 05/06/2030 in Seoul.", dt.date(2030, 7, 1)) == []
    assert read_date("05/06/2030") is None
    assert slash_order("Issued 03/22/2030 and 22/03/2030.") is None  # the text contradicts itself
    # a day above twelve, or equal parts, need no convention
    assert read_date("13/06/2030") == dt.date(2030, 6, 13)
    assert read_date("06/06/2030") == dt.date(2030, 6, 6)


def test_numbers_and_slashes_that_are_no_date() -> None:
    for text in ("file 1/2/3/2030 of the set", "*EPF405 10/08/92 *", "path 2030/06/11/page", "ratio 3/4"):
        assert find_dates(text, dt.date(2030, 7, 1)) == [], text


# -- 2. the two allies' ministers meeting outside their series ----------------------------------------------


MINISTERS_READOUT = (
    "Readout of Secretary of Defense Pat Smith's Meeting With Republic of Korea Minister of National Defense "
    "Kim Min-soo\n\n07/09/2031 | Press release | Archived content\n\n"
    "Secretary of Defense Pat Smith met with Republic of Korea (ROK) Minister of National Defense Kim Min-soo "
    "today in Singapore to review the alliance's readiness.\n\n"
    "The two leaders decided to coordinate closely on responses to future DPRK provocations.\n"
)


def _other_meetings(graph: GraphData) -> list[Node]:
    return [n for n in meeting_nodes(graph).values() if n.props.get("series") == "Other"]


def _only_meeting(graph: GraphData):  # noqa: ANN202 - a Node or None
    found = _other_meetings(graph)
    return found[0] if len(found) == 1 else None


def test_defense_ministers_meeting_on_a_forums_margins_is_recorded() -> None:
    graph = _read(MINISTERS_READOUT)
    meeting = recorded_node(graph)
    assert meeting is not None and meeting.kind == Kind.MEETING
    assert meeting.props["series"] == "Other" and "ordinal" not in meeting.props
    assert meeting.props["date"] == dt.date(2031, 7, 9)  # "today": the date line, month first in this layout
    assert meeting.props["location"] == "Singapore"
    assert meeting.label == "ROK-U.S. defense ministers' meeting, 2031-07-09"
    assert heads(graph, meeting) == {"Pat Smith", "Kim Min-soo"}


def test_foreign_ministers_meeting_and_the_reverse_order_are_recorded() -> None:
    text = (
        "Secretary's Meeting with Republic of Korea Foreign Minister\n\nReadout\n\nMarch 3, 2030\n\n"
        "Secretary of State John Roe met today with Republic of Korea Foreign Minister Lee Sang-woo on the "
        "sidelines of the G20 Summit in Jakarta.\n"
    )
    meeting = recorded_node(extract_text(text, dt.date(2030, 3, 3), "other"))
    assert meeting is not None and meeting.label == "ROK-U.S. foreign ministers' meeting, 2030-03-03"
    assert meeting.props.get("location") == "Jakarta"
    text = (
        "Minister of National Defense Kim Min-soo and Secretary of Defense Pat Smith met in Manila on "
        "November 17, 2030, on the margins of a regional defense forum.\n"
    )
    meeting = _only_meeting(extract_text(text, dt.date(2030, 11, 18), "news"))  # a report: mentioned, not filed
    assert meeting is not None and meeting.props["date"] == dt.date(2030, 11, 17)
    assert meeting.label == "ROK-U.S. defense ministers' meeting, 2030-11-17"


def test_named_bilateral_ministerial_has_the_same_name() -> None:
    # the ROK release names the meeting; it is the node the U.S. readout's sentence makes
    text = (
        "On July 9, 2031, Defense Minister Kim Min-soo and U.S. Secretary of Defense Pat Smith convened the "
        "South Korea-U.S. Defense Ministerial Meeting on the sidelines of a security forum in Singapore.\n"
    )
    meeting = recorded_node(extract_text(text, dt.date(2031, 7, 9), "other"))
    assert meeting is not None and meeting.label == "ROK-U.S. defense ministers' meeting, 2031-07-09"
    assert meeting.iri == recorded_node(_read(MINISTERS_READOUT)).iri  # type: ignore[union-attr]


def test_ministers_who_do_not_meet_or_meet_in_a_series_record_nothing() -> None:
    cases = {
        # a call, not a meeting
        "call": "Secretary of Defense Pat Smith spoke today with Republic of Korea Minister of National Defense "
        "Kim Min-soo by phone.",
        # a meeting told of inside another clause
        "told": "They recalled that Secretary of Defense Pat Smith met with Minister of National Defense Kim "
        "Min-soo in Singapore on June 2, 2030.",
        # still to come
        "future": "Secretary of Defense Pat Smith will meet with Minister of National Defense Kim Min-soo in "
        "Singapore on June 2, 2031.",
        # vice ministers meet in the allies' bodies
        "vice": "Vice Minister of National Defense Park Jun-ho met with Deputy Secretary of Defense Ann Lee in "
        "Seoul on June 2, 2031.",
    }
    for name, sentence in cases.items():
        graph = extract_text("Readout\n\nJune 2, 2031\n\n" + sentence + "\n", dt.date(2031, 6, 2), "other")
        assert _other_meetings(graph) == [], name
    # the ministers meeting on the day the series reference holds their SCM: that day's meeting is the SCM's
    graph = extract_text(
        "Secretary of Defense Lloyd J. Austin III met with Minister of National Defense Shin Won-sik in Seoul on "
        "November 13, 2023.\n",
        dt.date(2023, 11, 13),
        "news",
    )
    assert _other_meetings(graph) == []


# -- 3. a trilateral ministerial named by the noun alone -------------------------------------------------------


def test_participated_in_a_trilateral_ministerial_today() -> None:
    for phrase in (
        "participated in a trilateral ministerial today with",
        "attended the Trilateral Ministerial on June 3, 2031, with",
    ):
        text = (
            "Readout\n\nJune 3, 2031\n\n"
            f"Secretary of Defense Pat Smith {phrase} Japanese Minister of Defense Sato Kenji and Republic of "
            "Korea Minister of National Defense Kim Min-soo in Singapore.\n"
        )
        graph = extract_text(text, dt.date(2031, 6, 3), "other")
        tri = [n for n in meeting_nodes(graph).values() if n.props.get("series") == "Trilateral"]
        assert len(tri) == 1 and tri[0].props["date"] == dt.date(2031, 6, 3), phrase
        assert tri[0].props.get("location") == "Singapore", phrase


def test_trilateral_ministerial_before_another_noun_is_no_meeting() -> None:
    text = (
        "Joint Statement\n\nJune 3, 2031\n\n"
        "The ministers welcomed trilateral ministerial cooperation and agreed to hold trilateral "
        "ministerial-level talks regularly.\n"
    )
    graph = extract_text(text, dt.date(2031, 6, 3), "joint_statement")
    assert not [n for n in meeting_nodes(graph).values() if n.props.get("series") == "Trilateral"]


# -- 4. what pledges and what does not -------------------------------------------------------------------------


TRI_HEAD = "Joint Statement of the Trilateral Ministerial Meeting\n\nJune 3, 2031\n\n"


def _said(sentence: str) -> list[tuple[frozenset[str], str, str]]:
    return pledges(extract_text(TRI_HEAD + sentence + "\n", dt.date(2031, 6, 3), "joint_statement"))


def test_the_worlds_answer_foretold_is_no_pledge_of_the_parties() -> None:
    assert _said("The ministers stressed that any nuclear attack would meet with a strong response from the "
                 "international community.") == []
    assert _said("They warned that any provocation will be met by firm condemnation from the United Nations.") == []
    # the allies' own answer stays their declaratory pledge
    found = _said("The ministers stressed that any nuclear attack will be met with a swift and decisive response.")
    assert len(found) == 1 and "DeclaratoryPolicy" in found[0][0]


def test_what_a_thing_will_demonstrate_is_a_forecast() -> None:
    assert _said("The trilateral exercises will demonstrate that the alliance stands ready to deter aggression.") == []
    assert _said("Such deployments would demonstrate the strength of the partnership.") == []
    # a party that will demonstrate its commitment states its will
    found = _said("The United States will demonstrate its commitment to extended deterrence through the regular "
                  "deployment of strategic assets.")
    assert [p for _t, p, _d in found] == ["USA"]


def test_a_shared_vision_affirmed_is_a_view() -> None:
    assert _said("The ministers affirmed a shared vision of a free and open Indo-Pacific.") == []
    assert _said("They reaffirmed their common vision for regional security.") == []
    # a vision that goes on to what they will do is not one
    found = _said("The ministers affirmed their shared vision to build trilateral missile defense cooperation.")
    assert found and found[0][1] == "JPN+KOR+USA"


def test_a_stated_intention_is_a_pledge() -> None:
    found = _said("We intend to share missile warning data in real time by the end of the year.")
    assert [(t, p) for t, p, _d in found] == [(frozenset({"MissileDefense"}), "JPN+KOR+USA")]
    # an explained plan of a party is that party's pledge (the rules and both gold sets read it so)
    text = (
        "1. The 63rd Security Consultative Meeting (SCM) was held in Seoul on October 9, 2031. ROK Minister of "
        "National Defense Kim Min-soo and U.S. Secretary of Defense Pat Smith led their delegations.\n\n"
        "2. Minister Kim explained the ROK's plan to increase its share of the costs of stationing U.S. forces.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 10, 9), "communique"))
    assert [(t, p) for t, p, d in found if "explained" in d] == [(frozenset({"CostSharing"}), "KOR")]


# -- 5. a party in a relative clause is not the pledge's subject ------------------------------------------------


def test_party_of_a_relative_clause_never_takes_the_main_clauses_pledge() -> None:
    # the main clause's subject ("he", the President named before) commits; where the text leaves it to a
    # noun that is no party ("the delegation") the pledge is left unowned rather than given to the South Koreans
    text = (
        "Readout\n\nMay 21, 2022\n\nPresident Joe Biden visited the national cemetery in Seoul. Honoring those "
        "South Koreans who gave their lives for their country, he reaffirmed the commitment of the United States "
        "to the defense of the ROK.\n"
    )
    assert [p for _t, p, _d in pledges(extract_text(text, dt.date(2022, 5, 21), "other"))] == ["USA"]
    for sentence in (
        "The delegation laid a wreath, honoring those South Koreans who fell in the war, and reaffirmed the "
        "commitment of the United States to the defense of the ROK.",
        "During the visit to the cemetery honoring those South Koreans who fell in the war, the delegation "
        "reaffirmed the U.S. commitment to the defense of the ROK.",
    ):
        found = pledges(extract_text("Readout\n\nMay 21, 2031\n\n" + sentence + "\n", dt.date(2031, 5, 21), "other"))
        assert "KOR" not in {p for _t, p, _d in found}, sentence


def test_relative_clause_party_does_not_take_the_pledge() -> None:
    text = (
        "Readout\n\nMay 21, 2031\n\n"
        "Secretary of Defense Pat Smith laid a wreath at the national cemetery, honoring those South Koreans who "
        "gave their lives for their country, and reaffirmed the commitment of the United States to the defense of "
        "the Republic of Korea.\n\n"
        "Honoring the Americans who fought in the war, the ROK pledged to expand its support for "
        "U.S. forces in Korea.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 5, 21), "other"))
    assert [p for _t, p, d in found if "laid a wreath" in d] == ["USA"]
    assert [p for _t, p, d in found if "Honoring the Americans" in d] == ["KOR"]


def test_party_with_an_aside_after_a_comma_is_still_the_subject() -> None:
    text = (
        "Readout\n\nMay 21, 2031\n\n"
        "Honoring the fallen, the United States, which fought beside Korea, reaffirmed its commitment to the "
        "defense of the Republic of Korea.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 5, 21), "other"))
    assert [p for _t, p, _d in found] == ["USA"]


# -- 6. an organisation's Secretary General ---------------------------------------------------------------------


def test_secretary_general_is_an_office_not_the_rank_general() -> None:
    text = (
        "Joint Statement\n\nJuly 12, 2031\n\n"
        "The two presidents met NATO Secretary General Anna Berg in Vilnius. UN Secretary-General Omar Haddad "
        "welcomed the talks, as did General Paul Carter.\n"
    )
    graph = extract_text(text, dt.date(2031, 7, 12), "joint_statement")
    roles = {n.label: n.props.get("role") for n in graph.nodes if n.kind == Kind.PERSON}
    assert roles.get("Anna Berg") == "Secretary General"
    assert roles.get("Omar Haddad") == "Secretary-General"
    assert roles.get("Paul Carter") == "General"  # a rank before a name stays one
