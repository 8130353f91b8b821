"""A summit a sentence names with its own date is the only summit of that sentence: the two leaders named "between"
or after it are its participants, and a day said of something else earlier in the sentence ("officials said
Monday") dates no second summit (issue 15, patterns 3 and 10).

Texts written here in the shape of agency reports that look back at a summit; names public, dates invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, meeting_props, pledges, scm_pledges


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL, June 20, 2031 (Agency) -- The allies will widen their combined drills, officials said Monday, "
        "following the summit held in Seoul last month between President Yoon Suk Yeol and President Joe Biden.\n",
        "WASHINGTON, June 20, 2031 (Agency) -- A defense official said Monday that since the summit in Seoul in May "
        "2031, President Yoon Suk Yeol and President Joe Biden have agreed to expand the exercises.\n",
    ],
)
def test_a_day_said_of_the_report_dates_no_second_summit(text: str) -> None:
    props = meeting_props(extract_text(text, dt.date(2031, 6, 20)))
    summits = {label for label, p in props.items() if p.get("series") == "Summit"}
    assert summits and all("2031-06-20" not in label for label in summits), summits


def test_leaders_who_met_on_a_day_before_their_names_still_hold_that_summit() -> None:
    text = (
        "Joint Fact Sheet\n\nMay 23, 2031\n\nOn May 21, 2031, President Yoon Suk Yeol and President Joseph R. Biden "
        "held a summit in Seoul and reaffirmed the ironclad alliance.\n"
    )
    props = meeting_props(extract_text(text, dt.date(2031, 5, 23), "joint_statement"))
    assert [p.get("date") for p in props.values() if p.get("series") == "Summit"] == [dt.date(2031, 5, 21)]


# A readout whose date line is the day before the meeting (released in Washington, held in Asia), whose opening
# sentence dates the ministers' meeting before naming them.
_READOUT = "Joint Press Release\n\nJuly 27, 2031\n\n{opening} They discussed the security of the Korean Peninsula.\n"


@pytest.mark.parametrize(
    ("opening", "series", "day"),
    [
        ("On July 28, 2031, Minister of National Defense Shin Won-sik and Secretary of Defense Lloyd J. Austin III "
         "met in Tokyo to review the Alliance.", "Other", dt.date(2031, 7, 28)),
        ("On July 28, 2031, Secretary of Defense Lloyd J. Austin III, Minister of National Defense Shin Won-sik and "
         "Japanese Minister of Defense Minoru Kihara met in Tokyo.", "Trilateral", dt.date(2031, 7, 28)),
        # a day said of something else before them is not the meeting's: the date line dates "today"
        ("Following the launch on July 3, 2031, Secretary of Defense Lloyd J. Austin III met with Minister of "
         "National Defense Shin Won-sik today in Tokyo.", "Other", dt.date(2031, 7, 27)),
    ],
)
def test_a_day_that_opens_the_officials_sentence_dates_their_meeting(opening: str, series: str, day: dt.date) -> None:
    graph = extract_text(_READOUT.format(opening=opening), dt.date(2031, 7, 27), "joint_statement")
    dates = [p.get("date") for p in meeting_props(graph).values() if p.get("series") == series]
    assert dates == [day]


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides reaffirmed the shared vision, common values, and unwavering commitment to their combined "
        "defense posture and the Mutual Defense Treaty as the bedrock of their partnership.",
        "The Minister and the Secretary reaffirmed the importance of the Alliance and their commitment to the "
        "Mutual Defense Treaty.",
    ],
)
def test_a_list_of_views_that_goes_on_to_a_commitment_pledges_it(sentence: str) -> None:
    assert (frozenset({"MutualDefense"}), "KOR+USA") in scm_pledges(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # the commitment is what the view is of, not a second object of the verb
        "The Minister and the Secretary reaffirmed the importance of the U.S. commitment to the Mutual Defense Treaty.",
        "The two sides affirmed a shared vision of a free and open region.",
    ],
)
def test_a_view_alone_is_no_pledge(sentence: str) -> None:
    assert scm_pledges(sentence) == set()


def test_a_reference_head_in_a_later_office_takes_the_office_of_the_text_s_year() -> None:
    """The series reference knows Cho Hyun-dong only as the ROK's First Vice Minister at the 2022 EDSCG; a 2023
    story names him as ambassador (news probe of round eleven): the gazetteer holds both offices."""
    from extractors.rules.lexicon import default_lexicon

    person = default_lexicon().gazetteer.actors["person:Cho Hyun-dong"]
    assert person.role_in(2022) == "First Vice Minister of Foreign Affairs"
    assert person.role_in(2023) == "Ambassador to the United States"


_CALL = (
    "Readout of the Secretary's Call\n\nMarch 3, 2031\n\nSecretary of Defense Pat Smith spoke with Minister of "
    "National Defense Kim Min-soo today. The Secretary reaffirmed the ironclad U.S. commitment to the defense of the "
    "Republic of Korea. {second}\n"
)


def test_a_passive_will_of_the_norths_own_goes_on_with_no_speaker() -> None:
    """A readout's passive will continues the pledge of the sentence before ("... . Combined exercises will be
    further expanded"), but not when its sentence opens with the North as owner (reviewer, round eleven)."""
    north = pledges(extract_text(_CALL.format(second="North Korea's sanctions will be eased only if it takes "
                                              "concrete steps toward denuclearization."), dt.date(2031, 3, 3), "other"))
    assert [(types, party) for types, party, _ in north] == [(frozenset({"MutualDefense"}), "USA")]
    ours = pledges(extract_text(_CALL.format(second="Combined exercises will be further expanded this year."),
                                dt.date(2031, 3, 3), "other"))
    assert (frozenset({"CombinedExercises"}), "USA") in {(types, party) for types, party, _ in ours}


@pytest.mark.parametrize(
    "sentence",
    [
        "President Yoon Suk Yeol and President Joe Biden held a phone call on March 3, 2031 and reaffirmed the "
        "Alliance.",
        "President Yoon Suk Yeol held a telephone conversation with President Joe Biden on March 3, 2031.",
        "President Joe Biden spoke by phone with President Yoon Suk Yeol on March 3, 2031 and agreed to strengthen "
        "extended deterrence.",
        "President Joe Biden, President Yoon Suk Yeol and Prime Minister Fumio Kishida held a trilateral call on "
        "March 3, 2031.",
    ],
)
def test_leaders_who_spoke_by_telephone_held_no_summit(sentence: str) -> None:
    graph = extract_text(f"Readout\n\nMarch 3, 2031\n\n{sentence}\n", dt.date(2031, 3, 3), "other")
    assert meeting_props(graph) == {}


def test_leaders_who_met_and_called_for_something_held_a_summit() -> None:
    sentence = (
        "President Joe Biden and President Yoon Suk Yeol met in Washington on March 3, 2031 and called for the "
        "complete denuclearization of the Korean Peninsula."
    )
    graph = extract_text(f"Readout\n\nMarch 3, 2031\n\n{sentence}\n", dt.date(2031, 3, 3), "other")
    assert [p.get("date") for p in meeting_props(graph).values() if p.get("series") == "Summit"] == [
        dt.date(2031, 3, 3)
    ]
