"""SCM texts of 1994-2008 in the shapes an eighth probe of public copies showed failing (issue 15).

The record keeps many SCMs of these years only as Pentagon transcripts, wire stories and embassy or reprint-site
copies, not as communiqués: the heads of delegation are named by a speaker label or as the two who "took part in
the 38th annual SCM", the place is never said, a chrome line stands where a title should, a transcript's time line
looks like a dateline, and incidents are named by their day without a year ("the October 9 nuclear test") or as
an event still to come ("might conduct a second nuclear test"). Every text below is written for these tests in
those shapes (persons, offices, ordinals and dates are public facts; the sentences are invented), none is copied
from a copy. Each shape has at least two variants and a guard.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.metadata import infer_kind, is_chrome
from extractors.rules import extract_document
from graph.model import GraphData, Node
from graph.schema import Kind, Prop, Rel
from tests.extraction_probe import extract_text, incidents, make_doc, meeting_nodes, pledges, recorded_label


def heads(graph: GraphData, label: str) -> dict[str, str | None]:
    """The heads of delegation of the meeting ``label``: person -> country notation."""
    nodes = graph.node_map()
    meeting = meeting_nodes(graph)[label]
    out: dict[str, str | None] = {}
    for r in graph.relationships:
        if r.type == Rel.HEAD_OF_DELEGATION and r.source == meeting.iri:
            person = nodes[r.target]
            out[person.label] = next(
                (
                    str(nodes[x.target].props.get("notation"))
                    for x in graph.relationships
                    if x.source == person.iri and x.type == Rel.AFFILIATION
                ),
                None,
            )
    return out


def meeting(graph: GraphData, label: str) -> Node:
    return meeting_nodes(graph)[label]


# -- heads the reference confirms: named by a speaker label or beside the meeting, not "led their delegations" --

TRANSCRIPTS = [
    pytest.param(
        "Joint Press Availability with Secretary of Defense Donald Rumsfeld and Minister Yoon Kwang-ung\n\n"
        "October 22, 2004\n\n"
        "SEC. RUMSFELD: Thank you all for coming. It is good to have Minister Yoon Kwang-ung here at the Pentagon "
        "for this 36th U.S.-Republic of Korea Security Consultative Meeting, and I thank him for the work of his "
        "troops abroad.\n\n"
        "MINISTER YOON (through interpreter): Thank you, Mr. Secretary.",
        dt.date(2004, 10, 22),
        "36th SCM",
        {"Donald Rumsfeld": "USA", "Yoon Kwang-ung": "KOR"},
        id="speaker-label-upper-case",
    ),
    pytest.param(
        "Joint Media Availability with Secretary Rumsfeld and the Korean Defense Minister\n\n"
        "Thursday, December 05, 2002 - 11:41 a.m. EST\n\n"
        "Rumsfeld: Good morning. I am pleased to welcome the Minister of National Defense, Mr. Lee Jun, to "
        "Washington for "
        "this 34th Security Consultative Meeting. My last Security Consultative Meeting before this one was the "
        "8th meeting, in 1975.\n\n"
        "Lee: Thank you for the kind welcome.",
        dt.date(2002, 12, 5),
        "34th SCM",
        {"Donald Rumsfeld": "USA", "Lee Jun": "KOR"},
        id="speaker-label-mixed-case-time-line",
    ),
]


@pytest.mark.parametrize(("text", "day", "label", "expected"), TRANSCRIPTS)
def test_a_transcript_of_its_scm_is_filed_with_both_heads_and_the_place(
    text: str, day: dt.date, label: str, expected: dict[str, str]
) -> None:
    graph = extract_text(text, day, kind="other")
    assert recorded_label(graph) == label
    assert heads(graph, label) == expected
    props = meeting(graph, label).props
    # the text never says where: the series reference does, and says it did
    assert props.get(Prop.LOCATION.value) == "Washington"
    assert Prop.LOCATION.value in (props.get(Prop.FROM_REFERENCE.value) or [])


def test_a_meeting_named_in_passing_by_a_transcript_gets_no_heads() -> None:
    graph = extract_text(str(TRANSCRIPTS[1].values[0]), dt.date(2002, 12, 5), kind="other")
    nodes = meeting_nodes(graph)
    assert "8th SCM" in nodes  # kept as a meeting the text names ...
    assert heads(graph, "8th SCM") == {}  # ... but not the one it records: no heads, no place
    assert nodes["8th SCM"].props.get(Prop.LOCATION.value) is None


def test_a_transcripts_weekday_and_time_line_is_no_news_dateline() -> None:
    transcript = "Joint Media Availability\n\nThursday, December 05, 2002 - 11:41 a.m. EST\n\nRumsfeld: Hello."
    kind, _ = infer_kind(transcript, None)
    assert kind != "news"
    kind, _ = infer_kind("SEOUL, Dec. 5 (Agency) -- The defense chiefs met on Thursday.", None)
    assert kind == "news"


REPORTS = [
    pytest.param(
        "WASHINGTON, Oct. 20, 2006 - Defense Secretary Donald H. Rumsfeld and South Korean Defense Minister "
        "Yoon Kwang-ung took part in the 38th annual U.S.-Republic of Korea Security Consultative Meeting at the "
        "Pentagon today, a week and a half after the North's nuclear test.",
        dt.date(2006, 10, 20),
        "38th SCM",
        {"Donald Rumsfeld": "USA", "Yoon Kwang-ung": "KOR"},
        id="took-part-in",
    ),
    pytest.param(
        "SEOUL - The two defense chiefs came out of their yearly talks with a plan to cut troops.\n\n"
        "U.S. Secretary of Defense Donald Rumsfeld and South Korean Minister of National Defense Yoon Kwang-ung "
        "answered questions together and released a joint communique after the 36th Security Consultative Meeting.",
        None,
        "36th SCM",
        {"Donald Rumsfeld": "USA", "Yoon Kwang-ung": "KOR"},
        id="communique-after-the-meeting-undated",
    ),
    pytest.param(
        "Seoul, Nov. 17 (Agency) - Defense Secretary Donald Rumsfeld and Defense Minister Cho Young-kil started "
        "the annual Security Consultative Meeting (SCM) earlier Monday at the ministry in Seoul.",
        dt.date(2003, 11, 17),
        "35th SCM",
        {"Donald Rumsfeld": "USA", "Cho Young-kil": "KOR"},
        id="annual-scm-earlier-monday",
    ),
]


@pytest.mark.parametrize(("text", "day", "label", "expected"), REPORTS)
def test_a_report_of_one_scm_names_its_heads(
    text: str, day: dt.date | None, label: str, expected: dict[str, str]
) -> None:
    graph = extract_text(text, day, kind="news")
    assert recorded_label(graph) is None  # a report is not filed under the meeting it reports
    assert heads(graph, label) == expected
    # a report writes no place of a numbered meeting: the record's own wins
    assert meeting(graph, label).props.get(Prop.LOCATION.value) is None


@pytest.mark.parametrize(
    ("text", "day", "label"),
    [
        pytest.param(
            "The launch came a day after the 56th Security Consultative Meeting in Washington, where the allies "
            "condemned the North's troop dispatch to Russia.",
            dt.date(2024, 11, 1),
            "56th SCM",
            id="past-meeting-named-without-its-heads",
        ),
        pytest.param(
            "Secretary Robert Gates said the alliance had grown stronger since the 37th Security Consultative "
            "Meeting.",
            dt.date(2007, 11, 7),
            "37th SCM",
            id="a-person-who-did-not-lead-it",
        ),
    ],
)
def test_a_report_gives_no_heads_the_reference_does_not_confirm(text: str, day: dt.date, label: str) -> None:
    graph = extract_text(text, day, kind="news")
    if label in meeting_nodes(graph):
        assert heads(graph, label) == {}


# -- undated copies: a glued ordinal, a day without a year, a spelling of a name, an event still to come --

EMBASSY = (
    "U.S. Restates Its Defense Commitment to Seoul\n\n"
    "Washington - The defense chiefs met at the Pentagon October 20 against the backdrop of North Korea's "
    "October 9 nuclear test.\n\n"
    "South Korean Minister Yoon Kwang-woong was in Washington for the 38thannual U.S.-Korean Security Consultative "
    "Meeting with Secretary Donald Rumsfeld.\n\n"
    "Asked whether the North might conduct a second nuclear test soon, the minister said the allies were watching."
)


def test_an_undated_copy_of_a_numbered_meeting_dates_its_incidents_by_that_meeting() -> None:
    graph = extract_text(EMBASSY, None, kind="other")
    assert heads(graph, "38th SCM") == {"Donald Rumsfeld": "USA", "Yoon Kwang-ung": "KOR"}  # one node per spelling
    found = {n.props.get("notation"): n.props.get("date") for n in graph.nodes if n.kind == Kind.NUCLEAR_TEST}
    assert found == {"prk-nuclear-test-1": dt.date(2006, 10, 9)}  # never the 2009 test "still to come"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Officials feared Pyongyang might conduct a second nuclear test within weeks.", set(),
                     id="might-conduct"),
        pytest.param("The North was said to be ready to stage a third nuclear test at any time.", set(),
                     id="ready-to-stage"),
        pytest.param("North Korea conducted a second nuclear test on May 25, 2009.", {"prk-nuclear-test-2"},
                     id="guard-a-past-test"),
    ],
)
def test_a_test_still_to_come_is_not_the_records_test(text: str, expected: set[str]) -> None:
    assert incidents(text, dt.date(2009, 6, 1)) == expected


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        pytest.param(
            "The two officials voiced grave concern over the threat, especially after North Korea's admission to a "
            "nuclear weapons program.",
            dt.date(2002, 12, 9),
            {"heu-admission-2002"},
            id="heu-admission",
        ),
        pytest.param(
            "An allied military committee met this afternoon after the exchange of gunfire today between the navies "
            "of the two Koreas near the Northern Limit Line.",
            dt.date(1999, 6, 15),
            {"yeonpyeong-naval-clash-1999"},
            id="exchange-of-gunfire-today",
        ),
        pytest.param(
            "The North has a nuclear weapons program that the allies want dismantled.",
            dt.date(2002, 12, 9),
            set(),
            id="guard-a-programme-is-no-admission",
        ),
    ],
)
def test_incidents_of_the_period_by_description(text: str, day: dt.date, expected: set[str]) -> None:
    assert incidents(text, day) == expected


# -- titles: a department's masthead and a reprint site's labels are chrome --


@pytest.mark.parametrize(
    "line",
    [
        "United States Department of Defense United States Department of Defense",
        "United States Department of Defense United States Department of Defense News Transcript",
        "US Department of Defense",
        "News Transcript",
        "Press Operations Bookmark and Share",
        "American Forces Press Service",
        "Weapons of Mass Destruction (WMD)",
        "UNITED24 - Make a charitable donation in support of Ukraine!",
    ],
)
def test_mastheads_and_labels_are_never_a_title(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Joint News Conference with Secretary of Defense and the South Korean Minister of National Defense",
        "Department of Defense Reaffirms Commitment to Korea",
    ],
)
def test_a_title_naming_the_department_is_kept(line: str) -> None:
    assert not is_chrome(line)


# -- pledges of the period's reports: a wire story's routing line, "a U.S. presence", forecasts of a plan --

WIRE = (
    "Weapons of Mass Destruction (WMD)\n\n"
    "09 December 2002\n\n"
    "Allies Pledge Closer Work on Peninsula Security\n\n"
    "(Pentagon regrets training accident) (980)\n"
    "The United States and the Republic of Korea remain committed to deepening their\n"
    "cooperation on security on the Korean peninsula, according to a joint communique the\n"
    "two defense chiefs issued on December 5.\n"
    "Meeting in Washington, the two sides \"agreed on the need to continue to maintain a U.S.\n"
    "presence in the Korean Peninsula,\" the communique said.\n"
)


def test_a_wire_storys_routing_line_keeps_its_lead_sentence_apart() -> None:
    graph = extract_document(make_doc(WIRE, dt.date(2002, 12, 9), "news"))
    found = {(frozenset(t), p) for t, p, _ in pledges(graph)}
    assert (frozenset({"AllianceCooperation"}), "KOR+USA") in found  # the lead under the routing line
    assert (frozenset({"ForcePresence"}), "KOR+USA") in found  # "maintain a U.S. presence"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Both agreed that the realignment of U.S. forces, once fully implemented, will significantly strengthen "
            "the alliance.",
            set(),
            id="plan-will-strengthen",
        ),
        pytest.param(
            "The two sides agreed that the reduction of U.S. troops would not weaken the combined deterrence.",
            set(),
            id="reduction-would-not-weaken",
        ),
        pytest.param(
            "Both sides agreed that the two nations will strengthen the combined defense posture.",
            {"KOR+USA"},
            id="guard-parties-will-strengthen",
        ),
        pytest.param(
            "The Secretary reaffirmed that U.S. Forces Korea will continue to enhance its combined defense posture.",
            {"USA"},
            id="guard-the-allies-own-command-will-enhance",
        ),
    ],
)
def test_what_a_plan_will_do_is_a_forecast(text: str, expected: set[str]) -> None:
    assert {p for _, p, _ in pledges(extract_text(text, dt.date(2004, 10, 23)))} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The ROK-U.S. Military Committee decided to cooperate closely to handle the situation together.",
            {(frozenset({"AllianceCooperation"}), "KOR+USA")},
            id="the-allies-joint-committee",
        ),
        pytest.param(
            "From now on, the United States will quickly provide added support for the combined defense posture.",
            {(frozenset({"MutualDefense"}), "USA")},
            id="a-comma-after-from-now-on",
        ),
        pytest.param(
            "They agreed to work together toward a peaceful resolution of this problem.",
            {(frozenset({"Denuclearization"}), "KOR+USA")},
            id="peaceful-resolution-is-no-sanction",
        ),
        pytest.param(
            "Both agreed that the two Koreas should lead the search for a permanent peace arrangement.",
            {(frozenset({"PeaceAndUnification"}), "KOR+USA")},
            id="permanent-peace-arrangement",
        ),
        pytest.param(
            "The two sides agreed that the armistice must remain in force until it is replaced by a permanent "
            "peace arrangement.",
            {(frozenset({"ArmisticeSupport"}), "KOR+USA")},
            id="guard-the-armistice-until-a-peace-arrangement",
        ),
        pytest.param(
            "Secretary Cohen reconfirmed unswerving U.S. support for Seoul's policy toward North Korea.",
            {(frozenset({"PeaceAndUnification"}), "USA")},
            id="support-of-the-north-korea-policy",
        ),
        pytest.param(
            "The two sides agreed to implement the Security Council resolutions in full.",
            {(frozenset({"SanctionsEnforcement"}), "KOR+USA")},
            id="guard-security-council-resolutions",
        ),
        pytest.param(
            "The 45th ROK-U.S. Military Committee Meeting was held in Seoul.",
            set(),
            id="guard-the-committee-meeting-is-no-party",
        ),
    ],
)
def test_pledges_of_the_period_type_and_party(text: str, expected: set[tuple[frozenset[str], str]]) -> None:
    found = {(frozenset(t), p) for t, p, _ in pledges(extract_text(text, dt.date(1999, 6, 15)))}
    assert found == expected
