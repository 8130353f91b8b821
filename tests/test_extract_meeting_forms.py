"""Meeting forms found missing on real public copies (issue 15, fifth probe): a 2+2 the text introduces by who
convened it, with no title and no number; a 2+2 named by its abbreviation after "Ministerial Meeting"; a body's
numbered meeting outside the reference's series (the KIDD); a trilateral meeting that is not a summit; "the first
... since 2018"; an announcement of a meeting to come; archive address lines and release routing as titles; and
which values of a meeting the series reference completed.

The texts are written for the tests in the shapes of the real copies (a State Department media note as an archive
reprints it, a DoD joint press statement, a wire story); the facts they lean on (the fourth 2+2 in Washington on
2016-10-19, the sixth on 2024-10-31, the 17th KIDD held by video on 2020-04-21, the trilateral chiefs of defense
meeting at the Pentagon on 2022-10-20) are from the public record.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import make_doc as probe_doc
from extraction_probe import meeting_props as meetings
from extraction_probe import recorded_label as recorded

from extractors.document import SourceDocument
from extractors.metadata import infer_kind, infer_title, is_chrome
from extractors.rules import extract_document
from extractors.rules.meetings import find_meeting_mentions
from extractors.rules.text import paragraphs
from graph.labels import short_meeting_label
from graph.model import GraphData
from graph.schema import Kind, Prop, Rel, Series, is_a


def make_doc(text: str, date: dt.date | None, kind: str = "other") -> SourceDocument:
    return probe_doc(text, date, kind)


def heads(graph: GraphData, label: str) -> set[str]:
    labels = {n.iri: n.label for n in graph.nodes}
    iri = next(n.iri for n in graph.nodes if n.label == label)
    return {labels[r.target] for r in graph.relationships if r.type == Rel.HEAD_OF_DELEGATION and r.source == iri}


ARCHIVE_NOTE = """2009-2017.state.gov /r/pa/prs/ps/2016/10/000000.htm

Media Note
Office of the Spokesperson
Washington, DC
October 19, 2016

Preamble

U.S. Secretary of State John Kerry and Secretary of Defense Ashton Carter convened a “2+2” meeting with their \
Republic of Korea (ROK) counterparts, Foreign Minister Yun Byung-se and Minister of National Defense Han Minkoo, \
in Washington, D.C. on October 19, 2016. The U.S.-ROK “2+2” session came one day before the 48th Security \
Consultative Meeting (SCM) that Secretary Carter and Minister Han held at the Pentagon on October 20, 2016.

The four officials reaffirmed that the Alliance stands ready to defend the ROK.
"""


def test_a_2plus2_introduced_by_who_convened_it_is_the_record_of_an_untitled_note() -> None:
    graph = extract_document(make_doc(ARCHIVE_NOTE, dt.date(2016, 10, 19)))
    found = meetings(graph)
    assert recorded(graph) == "4th 2+2"
    four = found["4th 2+2"]
    assert four[Prop.DATE.value] == dt.date(2016, 10, 19)
    assert four[Prop.LOCATION.value] == "Washington, D.C."
    assert heads(graph, "4th 2+2") == {"John Kerry", "Ashton Carter", "Yun Byung-se", "Han Min-koo"}
    # the text never numbers it: the number is the reference's, and the node says so; its day is the text's
    assert four[Prop.FROM_REFERENCE.value] == ["ordinal"]
    # the SCM it names is dated by its own text: nothing completed
    assert Prop.FROM_REFERENCE.value not in found["48th SCM"]


def test_an_archive_address_line_and_release_routing_are_never_a_title() -> None:
    assert is_chrome("2009-2017.state.gov /r/pa/prs/ps/2016/10/000000.htm")
    assert is_chrome("https://www.defense.gov/News/Releases/")
    assert is_chrome("IMMEDIATE RELEASE November 23, 1999")
    assert is_chrome("Release No: 619-02")
    assert is_chrome("Washington, DC")
    assert not is_chrome("Joint Statement of the 2016 U.S.-ROK Foreign and Defense Ministers' Meeting")
    text = "IMMEDIATE RELEASE November 23, 1999\n\n1. The 31st ROK-US Security Consultative Meeting (SCM) was held.\n"
    assert infer_title(text, paragraphs(make_doc(text, None))) is None


MINISTERIAL_2024 = """Joint Statement of the 2024 United States-Republic of Korea Foreign and Defense Ministerial \
Meeting (2+2)

The two governments released the following joint statement.

U.S. Secretary of State Antony J. Blinken and Secretary of Defense Lloyd J. Austin III hosted a Joint Foreign and \
Defense Ministerial with ROK Minister of Foreign Affairs Cho Tae-yul and Minister of National Defense Kim Yong-hyun \
in Washington on October 31, 2024.

The two sides pledged to coordinate closely in the event of any provocation.
"""


def test_a_2plus2_named_by_its_abbreviation_after_ministerial_meeting() -> None:
    graph = extract_document(make_doc(MINISTERIAL_2024, dt.date(2024, 10, 31), "joint_statement"))
    assert recorded(graph) == "6th 2+2"
    six = meetings(graph)["6th 2+2"]
    assert six[Prop.DATE.value] == dt.date(2024, 10, 31)
    assert six[Prop.LOCATION.value] == "Washington"
    assert heads(graph, "6th 2+2") == {"Antony Blinken", "Lloyd Austin", "Cho Tae-yul", "Kim Yong-hyun"}


@pytest.mark.parametrize(
    ("text", "series"),
    [
        pytest.param("the Foreign and Defense Ministerial Meeting (2+2) in Seoul", Series.TWO_PLUS_TWO, id="abbr"),
        pytest.param("hosted a Joint Foreign and Defense Ministerial with", Series.TWO_PLUS_TWO, id="joint"),
        pytest.param("the three ministers' Ministerial Meeting (TMM) in Tokyo", Series.TRILATERAL, id="tmm-abbr"),
    ],
)
def test_a_meeting_named_by_the_abbreviation_after_it(text: str, series: str) -> None:
    assert [m.series for m in find_meeting_mentions(text)] == [series]


KIDD = """Joint Press Statement for the 17th Korea-U.S. Integrated Defense Dialogue (KIDD)

Immediate Release

The ROK Ministry of National Defense and the U.S. Department of Defense held the 17th Korea-U.S. Integrated Defense \
Dialogue (KIDD) on April 21, 2020. Because of travel limits during the pandemic, the delegations met by secure video \
teleconference.
"""


def test_a_body_meeting_outside_the_reference_keeps_its_number_and_its_name() -> None:
    graph = extract_document(make_doc(KIDD, dt.date(2020, 4, 21), "joint_statement"))
    found = meetings(graph)
    assert recorded(graph) == "17th KIDD"
    assert found["17th KIDD"][Prop.SERIES.value] == Series.OTHER
    assert found["17th KIDD"][Prop.ORDINAL.value] == 17
    assert found["17th KIDD"][Prop.DATE.value] == dt.date(2020, 4, 21)


def test_a_range_of_days_after_a_body_meeting_that_took_place() -> None:
    text = (
        "22nd Korea-US Integrated Defense Dialogue (KIDD) held\n\n"
        "The 22nd Korea-US Integrated Defense Dialogue (KIDD) took place in Washington, DC from April 11 to 12, 2023, "
        "between the two defense ministries.\n"
    )
    found = meetings(extract_document(make_doc(text, dt.date(2023, 4, 13))))
    assert found["22nd KIDD"][Prop.DATE.value] == dt.date(2023, 4, 11)
    assert found["22nd KIDD"][Prop.END_DATE.value] == dt.date(2023, 4, 12)


def test_a_numbered_meeting_of_no_known_body_is_named_by_its_number() -> None:
    assert short_meeting_label("Other", 3) == "3rd meeting"
    assert short_meeting_label("Other", 22, dt.date(2023, 4, 11), "KIDD") == "22nd KIDD"


CHIEFS = """Top officers of South Korea, the U.S. and Japan vow close ties against the North's threats

Oct. 21, 2022

SEOUL (Wire) -- Gen. Kim Seung-kyum, chairman of the Joint Chiefs of Staff, participated in the Trilateral Chiefs \
of Defense Meeting at the Pentagon, along with his American and Japanese counterparts, on Thursday (local time).
"""


def test_a_trilateral_meeting_is_named_by_who_met() -> None:
    found = meetings(extract_document(make_doc(CHIEFS, dt.date(2022, 10, 21), "news")))
    assert found["Trilateral chiefs of defense meeting, 2022-10-20"][Prop.SERIES.value] == Series.TRILATERAL


@pytest.mark.parametrize(
    ("name", "label"),
    [
        pytest.param("the Camp David Trilateral Summit", "Trilateral summit, 2023-08-18", id="summit"),
        pytest.param(
            "the Trilateral Ministerial Meeting (TMM)", "Trilateral defense ministers' meeting, 2023-08-18", id="tmm"
        ),
        pytest.param(
            "the trilateral foreign ministers' meeting",
            "Trilateral foreign ministers' meeting, 2023-08-18",
            id="foreign",
        ),
        pytest.param("the trilateral meeting", "Trilateral meeting, 2023-08-18", id="unknown"),
    ],
)
def test_trilateral_meetings_by_level(name: str, label: str) -> None:
    text = f"The three countries' officials held {name} on August 18, 2023."
    found = meetings(extract_document(make_doc(text, dt.date(2023, 8, 19), "news")))
    assert label in found


@pytest.mark.parametrize(
    "text",
    [
        "This will be the first EDSCG meeting since 2018.",
        "It was the first SCM in four years.",
    ],
)
def test_the_first_after_a_pause_is_not_the_first_of_its_series(text: str) -> None:
    assert all(m.ordinal is None for m in find_meeting_mentions(text))


def test_the_series_first_meeting_keeps_its_number() -> None:
    assert [m.ordinal for m in find_meeting_mentions("the first NCG meeting in Seoul")] == [1]


ANNOUNCEMENT = """United States and Republic of Korea to Hold “2+2” Ministerial Meeting

Washington, DC - Secretary of State John Kerry and Secretary of Defense Ashton Carter will hold a “2+2” ministerial \
meeting with their ROK counterparts on October 19, 2016, at the Department of State.
"""


def test_an_announcement_records_no_meeting_of_its_own_day() -> None:
    graph = extract_document(make_doc(ANNOUNCEMENT, dt.date(2016, 10, 11)))
    assert recorded(graph) is None
    assert not any(props.get(Prop.DATE.value) == dt.date(2016, 10, 11) for props in meetings(graph).values())
    # the day it announces, with its year, is the meeting's own (named by the reference's row of that day)
    assert meetings(graph)["4th 2+2"][Prop.DATE.value] == dt.date(2016, 10, 19)


REPRINT = """Joint Communique of the 49th ROK-U.S. Security Consultative Meeting

1. The 49th ROK-U.S. Security Consultative Meeting (SCM) was held in Seoul. ROK Minister of National Defense \
Song Young-moo and U.S. Secretary of Defense James Mattis led their respective delegations.
"""


def test_values_the_reference_completed_are_marked_on_the_meeting() -> None:
    # a reprint dated a year later that never dates the meeting: the day is the reference's
    found = meetings(extract_document(make_doc(REPRINT, dt.date(2018, 12, 31), "communique")))
    assert found["49th SCM"][Prop.DATE.value] == dt.date(2017, 10, 28)
    assert found["49th SCM"][Prop.FROM_REFERENCE.value] == ["date"]
    dated = REPRINT.replace("was held in Seoul.", "was held in Seoul on October 28, 2017.")
    found = meetings(extract_document(make_doc(dated, dt.date(2018, 12, 31), "communique")))
    assert Prop.FROM_REFERENCE.value not in found["49th SCM"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        pytest.param(
            "The historic inter-Korean summit meeting was held in Pyongyang on June 13, 2000.",
            "Inter-Korean summit, 2000-06-13",
            id="inter-korean",
        ),
        pytest.param(
            "The U.S.-DPRK summit was held in Singapore on June 12, 2018.", "U.S.-DPRK summit, 2018-06-12", id="us-dprk"
        ),
        pytest.param(
            "The ROK-U.S. summit was held in Washington on June 30, 2017.", "ROK-U.S. summit, 2017-06-30", id="allies"
        ),
    ],
)
def test_a_summit_is_named_for_who_met(text: str, label: str) -> None:
    graph = extract_document(make_doc(text, dt.date(2018, 9, 1), "news"))
    assert label in [n.label for n in graph.nodes if is_a(n.kind, Kind.MEETING)]


def persons(text: str, day: dt.date) -> dict[str, object]:
    graph = extract_document(make_doc(text, day))
    return {n.label: n.props.get(Prop.ROLE.value) for n in graph.nodes if n.kind == Kind.PERSON}


def test_an_office_with_its_acronym_before_the_name_is_read_without_it() -> None:
    text = (
        "ROK Deputy Minister for National Defense Policy Chung Sukhwan and U.S. Deputy Assistant Secretary of "
        "Defense (DASD) for East Asia Heino Klinck led their respective delegations."
    )
    found = persons(text, dt.date(2020, 4, 21))
    assert found["Heino Klinck"] == "Deputy Assistant Secretary of Defense for East Asia"
    assert found["Chung Suk-hwan"] == "Deputy Minister for National Defense Policy"


def test_a_person_s_role_is_the_office_held_at_the_document_s_date() -> None:
    text = "Chung Eui-yong, the national security adviser, presided over the session."
    assert persons(text, dt.date(2019, 8, 8))["Chung Eui-yong"] == "National Security Adviser"
    assert persons(text, dt.date(2021, 6, 1))["Chung Eui-yong"] == "Minister of Foreign Affairs"


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        pytest.param("The U.S.-ROK “2+2” session, the fourth of its kind since 2010, preceded the SCM.", 4, id="kind"),
        pytest.param(
            'a Foreign and Defense Ministers\' ("2+2") Meeting, the fourth such meeting since 2010', 4, id="such"
        ),
    ],
)
def test_a_number_given_after_the_name_is_the_meetings_own(text: str, ordinal: int) -> None:
    assert [m.ordinal for m in find_meeting_mentions(text) if m.series == Series.TWO_PLUS_TWO] == [ordinal]


READOUT = """Readout of the Security Consultative Meeting

The 53rd ROK-U.S. Security Consultative Meeting (SCM) was held on December 2, 2021. Minister Suh Wook and \
Secretary Lloyd J. Austin III led their delegations. The two sides reviewed the outcomes of the 52nd SCM.
"""


def test_the_recorded_meeting_that_says_not_where_it_met_takes_the_reference_s_city() -> None:
    found = meetings(extract_document(make_doc(READOUT, dt.date(2021, 12, 2))))
    assert found["53rd SCM"][Prop.LOCATION.value] == "Seoul"
    assert found["53rd SCM"][Prop.FROM_REFERENCE.value] == ["location"]
    # a meeting named in passing never takes one
    assert found["52nd SCM"].get(Prop.LOCATION.value) is None
    # a text that says where: its own words, nothing marked
    said = READOUT.replace("was held on", "was held in Seoul on")
    found = meetings(extract_document(make_doc(said, dt.date(2021, 12, 2))))
    assert found["53rd SCM"][Prop.LOCATION.value] == "Seoul"
    assert Prop.FROM_REFERENCE.value not in found["53rd SCM"]
    # a day the reference does not give it: not its row, no city
    wrong = READOUT.replace("December 2, 2021", "March 3, 2021")
    found = meetings(extract_document(make_doc(wrong, dt.date(2021, 3, 3))))
    assert found["53rd SCM"].get(Prop.LOCATION.value) is None


def test_a_number_the_text_gives_is_not_marked_as_the_reference_s() -> None:
    text = ARCHIVE_NOTE.replace(
        "The U.S.-ROK “2+2” session came", "The U.S.-ROK “2+2” session, the fourth of its kind, came"
    )
    found = meetings(extract_document(make_doc(text, dt.date(2016, 10, 19))))
    assert found["4th 2+2"][Prop.ORDINAL.value] == 4
    assert Prop.FROM_REFERENCE.value not in found["4th 2+2"]


MCM_READOUT = """Readout of the 49th ROK-U.S. Military Committee Meeting

October 17, 2024

WASHINGTON, D.C. -- The Joint Staff spokesperson gave the following readout:

Chairman of the Joint Chiefs of Staff Gen. CQ Brown, Jr., met with Chairman of the Republic of Korea (ROK) Joint \
Chiefs of Staff Adm. Kim Myung-Soo by video today during the 49th Republic of Korea and United States Military \
Committee Meeting (MCM).
"""


def test_a_readout_records_the_meeting_its_principals_met_during() -> None:
    graph = extract_document(make_doc(MCM_READOUT, dt.date(2024, 10, 17)))
    assert recorded(graph) == "49th MCM"
    assert heads(graph, "49th MCM") == {"Charles Q. Brown Jr.", "Kim Myung-soo"}


def test_a_meeting_recalled_in_the_sentence_after_the_principals_met_is_not_recorded() -> None:
    # "met" closes its own sentence; the next one only recalls what was decided at the SCM
    text = (
        "Readout of the Deputy Secretary's Meeting with the Vice Minister\n\nMarch 4, 2025\n\n"
        "Deputy Secretary Lee met with Vice Minister Park in Seoul on March 3, 2025. They went over what was "
        "decided during the 56th Security Consultative Meeting and how to carry it out.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2025, 3, 4)))
    assert recorded(graph) is None
    assert "56th SCM" in meetings(graph)


def test_a_sentence_opening_during_is_still_a_meeting_named_in_passing() -> None:
    (mention,) = find_meeting_mentions("During the 45th SCM, the two sides agreed to review the plan.")
    assert not mention.held


def test_a_meeting_held_with_an_aside_before_was_held() -> None:
    text = (
        "The 45th Republic of Korea (ROK)-United States (US) Military Committee Meeting (MCM), attended by the two "
        "chairmen, was held by videoconference on the night of October 13."
    )
    (mention,) = find_meeting_mentions(text)
    assert mention.held


def test_a_year_guessed_for_a_numbered_meeting_yields_to_the_reference() -> None:
    # a page dated (wrongly) by another date of its text: "November 12" is guessed into 2022, the 48th MCM met in 2023
    text = (
        "48th ROK-US Military Committee Meeting Held in Seoul\n\n"
        "On November 12, GEN. Kim Seung-kyum met with Gen. Charles Q. Brown Jr. during the 48th ROK-US Military "
        "Committee Meeting (MCM) in Seoul. Gen. Brown took office on October 1, 2023.\n"
    )
    found = meetings(extract_document(make_doc(text, dt.date(2023, 10, 1))))
    assert found["48th MCM"][Prop.DATE.value] == dt.date(2023, 11, 12)
    assert found["48th MCM"][Prop.FROM_REFERENCE.value] == ["date"]


def test_a_place_stops_before_an_abbreviated_month() -> None:
    text = "Gen. Dunford hosted his counterparts for a trilateral meeting at the Pentagon Oct. 14, 2016."
    found = meetings(extract_document(make_doc(text, dt.date(2016, 10, 15))))
    assert found["Trilateral meeting, 2016-10-14"][Prop.LOCATION.value] == "Washington, D.C."


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        pytest.param(
            "It was attended by Chairman of the JCS Won In-cheol and others.",
            "Won In-choul",  # the gazetteer's spelling of the same chairman
            "Chairman of the Joint Chiefs of Staff",
            id="jcs-syllable",
        ),
    ],
)
def test_a_given_name_whose_syllable_is_an_english_word(text: str, name: str, role: str) -> None:
    assert persons(text, dt.date(2020, 10, 14))[name] == role


PRESS_STATEMENT = """Press Statement: Chairmen Meet to Discuss a Stronger Alliance

By Col. Example Spokesman
Spokesperson for the Chairman of the Joint Chiefs of Staff

Chairman of the Joint Chiefs of Staff Gen. Joseph F. Dunford, Jr., met with Chairman of the Republic of Korea Joint \
Chiefs of Staff Gen. Kyeong Doo Jeong during the 42nd Republic of Korea and U.S. Military Committee Meeting (MCM) in \
Seoul Oct. 27.
"""


def test_a_spokesperson_s_press_statement_is_no_news_story_and_titles_its_principals() -> None:
    # an undated page: the ROK chairman is the chairman the text calls him, not the minister he later became
    graph = extract_document(make_doc(PRESS_STATEMENT, None, kind=infer_kind(PRESS_STATEMENT, None)[0]))
    assert recorded(graph) == "42nd MCM"
    assert heads(graph, "42nd MCM") == {"Joseph Dunford", "Jeong Kyeong-doo"}
    assert meetings(graph)["42nd MCM"][Prop.LOCATION.value] == "Seoul"


def test_two_bodies_meetings_of_the_same_number_are_two_meetings_and_a_long_name_keeps_its_acronym() -> None:
    # an invented 2031 meeting: the KIDD named in full without "(KIDD)", and another body's 30th meeting after it
    text = (
        "Joint Press Statement for the 30th Korea-U.S. Integrated Defense Dialogue\n\nSeptember 27, 2031\n\n"
        "The 30th Korea-U.S. Integrated Defense Dialogue was held in Seoul on September 26 and 27, 2031. The "
        "delegations went over the outcome of the 30th DSC meeting, held in Seoul on September 18, 2031.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2031, 9, 27)))
    found = meetings(graph)
    assert recorded(graph) == "30th KIDD"
    assert found["30th KIDD"][Prop.DATE.value] == dt.date(2031, 9, 26)
    assert found["30th DSC"][Prop.DATE.value] == dt.date(2031, 9, 18)
    iris = {n.label: n.iri for n in graph.nodes if is_a(n.kind, Kind.MEETING)}
    assert iris["30th KIDD"] != iris["30th DSC"]
