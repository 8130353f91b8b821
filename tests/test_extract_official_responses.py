"""Response links in the wordings of the official record (issue 15, patterns 8 and 9).

How real communiqués tie a pledge to a provocation: a cue before a
reference back to events named earlier ("In response to the April launch",
"Mindful of the August 1998 launch", "In light of the tunneling activity"),
a condemnation earlier in the same paragraph, standing threats condemned with
the events, and a cue that governs its own clause only. The sentences are
written for the tests in the shape of the genre; none is copied from one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, links

from graph.model import GraphData


def extract(text: str, date: dt.date) -> GraphData:
    return extract_text(text, date, "communique")


OPENING = "1. The 44th SCM was held in Washington on October 24, 2012.\n\n"


@pytest.mark.parametrize(
    ("body", "date", "pledge", "expected"),
    [
        pytest.param(
            "2. The two sides noted that the North's launch of a long-range rocket on April 13, 2012 and its "
            "launch on December 12, 2012 defied the Security Council.\n\n"
            "3. In response to the April launch, the two sides agreed to strengthen their missile defense.\n",
            dt.date(2012, 12, 20),
            "In response to the",
            {"unha-3-launch-2012-04-13"},
            id="a-month-picks-one-of-two-launches",
        ),
        pytest.param(
            "2. The Ministers recalled the launch of a three-stage rocket over Japan on August 31, 1998. "
            "Mindful of the August 1998 launch, they agreed to continue close trilateral coordination with Japan.\n",
            dt.date(1999, 11, 23),
            "Mindful of the August",
            {"taepodong-1-launch-1998"},
            id="month-and-year",
        ),
        pytest.param(
            "2. The delegations noted with grave concern the tunnels under the Demilitarized Zone that were "
            "discovered in November 1974 and March 1975. In light of the tunneling activity, the Secretary "
            "reaffirmed that the United States will render prompt and effective assistance to repel any armed "
            "attack against the Republic of Korea under the Mutual Defense Treaty.\n",
            dt.date(1975, 8, 27),
            "In light of the",
            {"infiltration-tunnel-1-1974", "infiltration-tunnel-2-1975"},
            id="the-tunneling-activity-is-every-tunnel-named",
        ),
    ],
)
def test_a_cue_before_a_reference_back_answers_the_events_it_refers_to(
    body: str, date: dt.date, pledge: str, expected: set[str]
) -> None:
    found = links(extract(OPENING + body, date))
    assert found[pledge] == expected


def test_a_month_that_fits_no_named_event_answers_nothing() -> None:
    found = links(
        extract(
            OPENING + "2. The two sides noted the North's launch of a long-range rocket on April 13, 2012. "
            "In response to the June launch, the two sides agreed to strengthen their missile defense.\n",
            dt.date(2012, 10, 24),
        )
    )
    assert found["In response to the"] == set()


def test_a_condemnation_carries_through_its_paragraph_but_not_into_the_next() -> None:
    found = links(
        extract(
            OPENING + "2. The Minister and the Secretary condemned the landmine provocation in the DMZ on August "
            "4, 2015, and the artillery fire that the North directed across the line on August 20. They assessed "
            "that the united response of the Alliance brought the crisis to an end. The two sides reaffirmed that "
            "the Alliance will answer any further provocation swiftly and resolutely.\n\n"
            "3. The Secretary reaffirmed that the United States will maintain its current level of forces in "
            "the ROK.\n",
            dt.date(2015, 11, 2),
        )
    )
    assert found["The two sides reaffirmed"] == {"dmz-mine-blast-2015", "dmz-artillery-exchange-2015"}
    assert found["The Secretary reaffirmed that"] == set()


def test_standing_threats_condemned_with_the_events_are_answered_with_them() -> None:
    found = links(
        extract(
            "1. The 56th SCM was held in Washington on October 30, 2024.\n\n"
            "2. The two sides strongly condemned the DPRK's continuing ballistic missile launches and the "
            "campaign of trash-laden balloons it has sent into the ROK since May. In light of these "
            "provocations, the Secretary and the Minister agreed to strengthen the combined readiness posture "
            "against them.\n",
            dt.date(2024, 10, 30),
        )
    )
    assert found["In light of these"] == {"trash-balloons-2024", "threat:BallisticMissiles"}


def test_a_threat_phrase_that_names_an_event_is_not_a_standing_threat() -> None:
    found = links(
        extract(
            OPENING + "2. The two sides condemned the North's armed attack on the Cheonan on March 26, 2010. "
            "The two sides agreed to develop a bilateral counter-provocation plan.\n",
            dt.date(2011, 10, 28),
        )
    )
    assert found["The two sides agreed"] == {"cheonan-sinking-2010"}


def test_what_a_capability_is_for_is_a_threat_cue() -> None:
    found = links(
        extract(
            OPENING + "2. The two sides agreed to develop a comprehensive Alliance counter-missile strategy to "
            "detect, defend, disrupt and destroy North Korean ballistic missiles.\n",
            dt.date(2013, 10, 2),
        )
    )
    assert found["The two sides agreed"] == {"threat:BallisticMissiles"}


def test_a_cue_links_its_own_clause_and_never_a_view() -> None:
    found = links(
        extract(
            OPENING + "2. The two sides noted with concern, particularly given the nuclear test of May 25, 2009, "
            "the growth of the North's arsenal. The Secretary reaffirmed the U.S. commitment to provide extended "
            "deterrence, particularly given the nuclear test of May 25, 2009, and the two sides agreed to "
            "expand cooperation in the space domain.\n",
            dt.date(2009, 10, 22),
        )
    )
    assert found["The Secretary reaffirmed the"] == {"prk-nuclear-test-2"}
    assert all(key == "The Secretary reaffirmed the" or not answered for key, answered in found.items())


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "2. The two sides noted the DPRK's sixth nuclear test on September 3, 2017. In this regard, the two "
            "sides agreed to strengthen the combined defense posture.\n",
            {"prk-nuclear-test-6"},
            id="same-paragraph",
        ),
        pytest.param(
            "2. The two sides noted the DPRK's sixth nuclear test on September 3, 2017.\n\n"
            "3. To this end, the Secretary reaffirmed the U.S. commitment to provide extended deterrence.\n",
            {"prk-nuclear-test-6"},
            id="opening-the-next-paragraph",
        ),
        pytest.param(
            "2. The two sides noted the DPRK's sixth nuclear test on September 3, 2017.\n\n"
            "3. The two sides discussed the alliance.\n\n"
            "4. To this end, the Secretary reaffirmed the U.S. commitment to provide extended deterrence.\n",
            set(),
            id="never-two-paragraphs-back",
        ),
    ],
)
def test_a_sentence_that_points_back_answers_the_incidents_before_it(body: str, expected: set[str]) -> None:
    found = links(extract("1. The 49th SCM was held in Seoul on October 28, 2017.\n\n" + body, dt.date(2017, 10, 28)))
    assert list(found.values()) == [expected]  # the one pledge of the text


def test_grave_concern_over_an_event_is_a_condemnation() -> None:
    found = links(
        extract(
            "1. The 38th SCM was held in Washington on October 20, 2006.\n\n"
            "2. The two sides expressed grave concern over the nuclear test that North Korea conducted on October "
            "9, 2006. The Secretary reaffirmed the U.S. commitment to provide extended deterrence for the ROK.\n",
            dt.date(2006, 10, 20),
        )
    )
    assert list(found.values()) == [{"prk-nuclear-test-1"}]
