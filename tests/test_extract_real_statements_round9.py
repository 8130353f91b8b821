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

from extraction_probe import extract_text, pledges

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
