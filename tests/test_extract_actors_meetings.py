"""Actors (gazetteer, venues, titles) and meetings (series, ordinals, dates, places, delegations)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.actors import find_actors
from extractors.rules.lexicon import default_lexicon
from extractors.rules.meetings import find_meeting_mentions, ordinal_value
from extractors.rules.reference import date_of
from graph.model import GraphData, Node
from graph.schema import WD, Kind, Prop, Rel, is_a


def make_doc(text: str, date: dt.date = dt.date(2024, 11, 2), kind: str = "communique") -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)


def actor_ids(text: str, year: int = 2024) -> list[str]:
    return [a.actor.id for a in find_actors(text, default_lexicon(), year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The ROK, South Korea and the Republic of Korea", ["KOR", "KOR", "KOR"], id="kor-names"),
        pytest.param("DPRK, North Korea and Pyongyang", ["PRK", "PRK", "PRK"], id="prk-names"),
        pytest.param("the U.S., the United States and Washington", ["USA", "USA", "USA"], id="usa-names"),
        pytest.param("Seoul and Washington agreed", ["KOR", "USA"], id="capitals-as-governments"),
        pytest.param("the meeting was held in Seoul", [], id="venue-in"),
        pytest.param("at the Pentagon in Washington, D.C., on Monday", [], id="venue-dc"),
        pytest.param("Washington, D.C., October 30, 2024", [], id="dateline"),
        pytest.param("U.S. Forces Korea and the UN Security Council", ["USFK", "UNSC"], id="longest-name"),
        pytest.param("a missile launched over Japan", [], id="state-as-place"),
        pytest.param("the Washington Declaration", [], id="capital-in-a-name"),
    ],
)
def test_actor_recognition(text: str, expected: list[str]) -> None:
    assert actor_ids(text) == expected


def test_titles_resolve_by_office_year() -> None:
    assert actor_ids("Secretary Austin and Minister Shin met.", 2023) == ["person:Lloyd Austin", "person:Shin Won-sik"]
    assert actor_ids("President Bush spoke.", 2002) == ["person:George W. Bush"]
    assert actor_ids("President Bush spoke.", 1990) == ["person:George H. W. Bush"]


def test_unknown_officials_get_a_person_with_the_country_of_their_title() -> None:
    found = find_actors("ROK Minister of National Defense Hong Gil-dong met the press.", default_lexicon(), 2031)
    person = next(a.actor for a in found if a.actor.kind == Kind.PERSON)
    assert (person.label, person.country) == ("Hong Gil-dong", "KOR")
    found = find_actors("General Pat Example, Chairman of the U.S. Joint Chiefs of Staff", default_lexicon(), 2031)
    person = next(a.actor for a in found if a.actor.kind == Kind.PERSON)
    # the office in apposition is the role, not the rank before the name
    assert (person.label, person.country, person.role) == (
        "Pat Example",
        "USA",
        "Chairman of the U.S. Joint Chiefs of Staff",
    )


def test_one_node_per_actor_with_wikidata_identity() -> None:
    graph = extract_document(make_doc("South Korea and the ROK. The Republic of Korea again."))
    states = [n for n in graph.nodes if n.kind == Kind.STATE]
    assert len(states) == 1
    assert states[0].props[Prop.SAME_AS.value] == WD + "Q884"
    assert states[0].props[Prop.NOTATION.value] == "KOR"
    evidence = [r for r in graph.relationships if r.type == Rel.EVIDENCE and r.source == states[0].iri]
    assert len(evidence) == 3


@pytest.mark.parametrize(
    ("text", "series", "ordinal"),
    [
        pytest.param("the 49th Security Consultative Meeting", "SCM", 49, id="digits"),
        pytest.param("the Forty-Ninth Security Consultative Meeting", "SCM", 49, id="words"),
        pytest.param("the XXXVIII Security Consultative Meeting", "SCM", 38, id="roman"),
        pytest.param("the tenth annual Security Consultative Meeting", "SCM", 10, id="annual"),
        pytest.param("the 42nd ROK-U.S. Military Committee Meeting", "MCM", 42, id="mcm"),
        pytest.param("the fourth U.S.-ROK Foreign and Defense Ministers' (2+2) Meeting", "2+2", 4, id="two-plus-two"),
        pytest.param("the first annual defense ministers' meeting", "SCM", 1, id="early-name"),
        pytest.param("the Camp David Trilateral Summit", "Trilateral", None, id="trilateral"),
        pytest.param("its first meeting", "Other", 1, id="other-body"),
    ],
)
def test_meeting_mentions(text: str, series: str, ordinal: int | None) -> None:
    [m] = [x for x in find_meeting_mentions(text) if x.ordinal is not None or ordinal is None][:1]
    assert (m.series, m.ordinal) == (series, ordinal)


def test_ordinal_values() -> None:
    assert [ordinal_value(t) for t in ("56th", "Fifty-Sixth", "fifty sixth", "LVI")] == [56, 56, 56, 56]


COMMUNIQUE = """JOINT COMMUNIQUE

1. The 56th United States (U.S.) - Republic of Korea (ROK) Security Consultative Meeting (SCM) was held in \
Washington, D.C., on October 30, 2024. U.S. Secretary of Defense Lloyd Austin and ROK Minister of National \
Defense Kim Yong-hyun led their respective delegations.

2. On October 17, 2024, the Chairmen of the Joint Chiefs of Staff presided over the 49th ROK-U.S. Military \
Committee Meeting (MCM). The SCM welcomed the results of the MCM.
"""


def meetings(graph: GraphData) -> dict[str, Node]:
    return {n.label: n for n in graph.nodes if is_a(n.kind, Kind.MEETING)}


def test_recorded_meeting_with_date_place_and_delegations() -> None:
    graph = extract_document(make_doc(COMMUNIQUE))
    found = meetings(graph)
    assert set(found) == {"56th SCM", "49th MCM"}
    scm = found["56th SCM"]
    assert scm.kind == Kind.SCM
    assert scm.props[Prop.DATE.value] == dt.date(2024, 10, 30)
    assert scm.props[Prop.LOCATION.value] == "Washington, D.C."
    mcm = found["49th MCM"]
    assert mcm.kind == Kind.MEETING and mcm.props[Prop.SERIES.value] == "MCM"
    assert mcm.props[Prop.DATE.value] == dt.date(2024, 10, 17)
    nodes = graph.node_map()
    heads = {nodes[r.target].label: r.props.get(Prop.ROLE.value) for r in graph.relationships
             if r.type == Rel.HEAD_OF_DELEGATION and r.source == scm.iri}  # fmt: skip
    assert heads == {"Lloyd Austin": "Secretary of Defense", "Kim Yong-hyun": "Minister of National Defense"}
    affiliations = {(nodes[r.source].label, nodes[r.target].props[Prop.NOTATION.value])
                    for r in graph.relationships if r.type == Rel.AFFILIATION}  # fmt: skip
    assert {("Lloyd Austin", "USA"), ("Kim Yong-hyun", "KOR")} <= affiliations
    [issued] = [r.target for r in graph.relationships if r.type == Rel.ISSUED_AT]
    assert issued == scm.iri


def test_news_meetings_resolve_relative_dates_and_summits() -> None:
    text = (
        "President Yoon Suk Yeol and President Joe Biden met at the White House on April 26 "
        "and adopted a declaration.\n\n"
        "The defense chiefs will hold the next SCM in the autumn."
    )
    graph = extract_document(make_doc(text, date=dt.date(2023, 5, 2), kind="news"))
    found = meetings(graph)
    assert set(found) == {"ROK-U.S. summit, 2023-04-26"}
    assert not [r for r in graph.relationships if r.type == Rel.ISSUED_AT]


def _meeting_props(text: str, kind: str = "communique", date: dt.date = dt.date(2011, 10, 28)) -> dict[str, dict]:
    return {label: dict(n.props) for label, n in meetings(extract_document(make_doc(text, date, kind))).items()}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        pytest.param(
            "1. The 43rd SCM was held in Seoul on October 28, 2011.\n\n"
            "2. The Ministers recalled the summit on October 13, 2011, and the Guidelines signed at the 42nd SCM.",
            "42nd SCM",
            id="another-meetings-date-before",
        ),
        pytest.param(
            "After the shelling of Yeonpyeong Island on November 23, 2010, the 43rd SCM (2011) recorded "
            "an American pledge to keep U.S. forces in Korea.",
            "43rd SCM",
            id="an-incidents-date-before",
        ),
        pytest.param(
            "The 43rd SCM recorded a pledge about the attack of November 23, 2010.",
            "43rd SCM",
            id="a-later-date-of-something-else",
        ),
        pytest.param(
            "The launch came a day after the 56th SCM in Washington on Wednesday.",
            "56th SCM",
            id="relative-date-of-a-numbered-mention",
        ),
    ],
)
def test_a_mentioned_meeting_takes_no_date_that_is_not_its_own(text: str, label: str) -> None:
    found = _meeting_props(text, kind="study")
    ordinal, series = label.split()
    # no date of the text: none, or the day the series reference holds that meeting on
    assert found[label].get(Prop.DATE.value) in (None, date_of(series, int(ordinal[:-2])))
    assert found[label].get(Prop.LOCATION.value) is None  # a numbered meeting's place comes from its record


@pytest.mark.parametrize(
    ("text", "label", "date"),
    [
        pytest.param("2. The Ministers welcomed the Guidelines signed at the 42nd SCM.", "42nd SCM",
                     dt.date(2010, 10, 8), id="passing-mention"),
        pytest.param("The Guidelines were signed at the 42nd SCM in 2010.", "42nd SCM", dt.date(2010, 10, 8),
                     id="passing-mention-with-its-year"),
        pytest.param("Both sides recalled the 23rd SCM.", "23rd SCM", dt.date(1991, 11, 20), id="older-meeting"),
        pytest.param("The Guidelines were signed at the 42nd SCM in 2009.", "42nd SCM", None,
                     id="a-year-the-reference-contradicts"),
        pytest.param("Both sides expect the 44th SCM to be held in Washington at a mutually convenient time.",
                     "44th SCM", None, id="future-expect-to-be-held"),
        pytest.param("They agreed to report the results of the review at the 46th SCM.", "46th SCM", None,
                     id="future-report-at"),
        pytest.param("The chairmen look forward to reporting the outcome at the 56th SCM later this month.",
                     "56th SCM", None, id="future-later-this-month"),
    ],
)  # fmt: skip
def test_a_numbered_meeting_named_in_passing_takes_the_references_day(
    text: str, label: str, date: dt.date | None
) -> None:
    found = _meeting_props(text, kind="study")
    assert found[label].get(Prop.DATE.value) == date
    assert found[label].get(Prop.LOCATION.value) is None


@pytest.mark.parametrize(
    ("text", "label", "date"),
    [
        pytest.param(
            "The 14th MCM, held in Washington, D.C., on October 7, 1992, reviewed plans.",
            "14th MCM",
            dt.date(1992, 10, 7),
            id="held-in-place-on",
        ),
        pytest.param(
            "The Military Committee Meeting, chaired by the two Chairmen, took place on June 7, 1988.",
            "MCM, 1988-06-07",
            dt.date(1988, 6, 7),
            id="aside-then-took-place",
        ),
        pytest.param(
            "On October 19, 2022, the Chairmen presided over the 47th ROK-U.S. Military Committee Meeting.",
            "47th MCM",
            dt.date(2022, 10, 19),
            id="opening-date-and-convening-verb",
        ),
    ],
)
def test_a_mentioned_meeting_takes_the_date_the_text_gives_it(text: str, label: str, date: dt.date) -> None:
    found = _meeting_props(text, kind="study", date=dt.date(2023, 1, 1))
    assert found[label][Prop.DATE.value] == date


OLD_COMMUNIQUE = """JOINT COMMUNIQUÉ
SIXTEENTH ANNUAL ROK-U.S. SECURITY CONSULTATIVE MEETING
Seoul, Republic of Korea, May 10, 1984

1. The sixteenth annual Security Consultative Meeting (SCM) between the Republic of Korea (ROK) and the \
United States (U.S.) was held in Seoul on May 9 and 10, 1984. Minister of National Defense Yoon Sung-min \
and Secretary of Defense Caspar Weinberger led their delegations.

2. The Minister and the Secretary agreed to further strengthen the combined defense posture of the two countries.
"""


@pytest.mark.parametrize("line_breaks", ["\n", "\n\n"], ids=["heading-lines", "heading-paragraphs"])
def test_a_communique_with_a_multi_line_heading_records_its_meeting(line_breaks: str) -> None:
    head, body = OLD_COMMUNIQUE.split("\n\n", 1)
    text = head.replace("\n", line_breaks) + "\n\n" + body
    graph = extract_document(make_doc(text, date=dt.date(1984, 5, 10)))
    found = meetings(graph)
    scm = found["16th SCM"]
    assert scm.props[Prop.DATE.value] == dt.date(1984, 5, 9)
    assert scm.props[Prop.LOCATION.value] == "Seoul"
    [issued] = [r.target for r in graph.relationships if r.type == Rel.ISSUED_AT]
    assert issued == scm.iri
    made_at = [r.target for r in graph.relationships if r.type == Rel.MADE_AT]
    assert made_at and set(made_at) == {scm.iri}
    heads = {graph.node_map()[r.target].label for r in graph.relationships if r.type == Rel.HEAD_OF_DELEGATION}
    assert heads == {"Yoon Sung-min", "Caspar Weinberger"}


def test_a_place_after_another_meeting_is_that_meetings() -> None:
    text = (
        "The ministers welcomed the declaration adopted by President Yoon Suk Yeol and President Joe Biden on "
        "April 26, 2023, and the new group, which held its first meeting in Seoul on July 18, 2023."
    )
    found = _meeting_props(text, kind="study", date=dt.date(2023, 11, 13))
    assert found["ROK-U.S. summit, 2023-04-26"][Prop.DATE.value] == dt.date(2023, 4, 26)
    assert Prop.LOCATION.value not in found["ROK-U.S. summit, 2023-04-26"]


def test_a_meeting_named_in_passing_with_its_day_takes_the_references_number() -> None:
    text = (
        "1. The ninth annual Security Consultative Meeting was held in Honolulu on May 26 and 27, 1976, as agreed at "
        "the annual Security Consultative Meeting in Seoul on August 26 and 27, 1975."
    )
    found = _meeting_props(text, date=dt.date(1976, 5, 27))
    assert found["8th SCM"][Prop.DATE.value] == dt.date(1975, 8, 26)
    assert found["8th SCM"][Prop.END_DATE.value] == dt.date(1975, 8, 27)


def test_a_meeting_still_to_come_is_not_dated_by_a_later_bare_mention() -> None:
    text = (
        "Secretary Esper looked forward to hosting Minister Suh at the Pentagon for the 52nd Security Consultative "
        "Meeting (SCM) later this month. Minister Suh committed to cooperate for a successful SCM."
    )
    found = _meeting_props(text, kind="other", date=dt.date(2020, 10, 7))
    assert found["52nd SCM"].get(Prop.DATE.value) is None
