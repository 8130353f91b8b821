"""Pledges a seventh probe of public texts missed (issue 15).

Shapes of stored public copies of leaders' joint statements (2021-2023) and the Washington
Declaration: a shared resolve stated as the parties' own ("we are united in our determination
to ...", "unite with a common resolve to ..."), and a present-tense pledge verb joined by "and"
to a view ("highly appreciate ... and pledge to ..."). The sentences are written for the tests;
none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

DAY = dt.date(2031, 3, 4)
ALLIES = "President Kim of the Republic of Korea and President Smith of the United States met in Seoul.\n"


def read(text: str, kind: str = "joint_statement") -> set[tuple[frozenset[str], str]]:
    return {(types, party) for types, party, _ in pledges(extract_text(ALLIES + text, DAY, kind))}


# -- 1. a resolve the parties share, stated as their own -------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Today we are united in our determination to modernize our partnership.", id="we-united-in"),
        pytest.param(
            "The Republic of Korea and the United States are united in their shared determination to deepen "
            "their ties.",
            id="named-united-in",
        ),
        pytest.param(
            "The United States and the Republic of Korea unite with a common resolve to widen the bonds between "
            "their peoples.",
            id="unite-with-resolve",
        ),
    ],
)
def test_a_shared_resolve_is_a_joint_pledge(sentence: str) -> None:
    assert read(sentence) == {(frozenset({"AllianceCooperation"}), "KOR+USA")}


def test_united_in_a_view_is_no_pledge() -> None:
    # guard: being united in a view or an assessment states no will
    view = "The Republic of Korea and the United States are united in the view that the alliance is sound."
    assert read(view) == set()


# -- 2. a present-tense pledge joined by "and" to the subject's view --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The two Presidents warmly appreciate what the alliance has achieved and pledge to keep building on it.",
            id="appreciate-and-pledge",
        ),
        pytest.param(
            "The two Presidents welcome the new arrangement and commit to carry it out in good faith.",
            id="welcome-and-commit",
        ),
    ],
)
def test_a_pledge_joined_to_a_view_is_the_subjects(sentence: str) -> None:
    assert read(sentence) == {(frozenset({"AllianceCooperation"}), "KOR+USA")}


def test_a_pledge_noun_joined_to_a_commitment_stays_one_pledge() -> None:
    # guard: "their commitment and pledge to defend ..." coordinates two nouns, one pledge
    found = pledges(
        extract_text(
            ALLIES + "The two Presidents reaffirm their commitment and pledge to defend the Republic of Korea.",
            DAY,
            "joint_statement",
        )
    )
    assert [(types, party) for types, party, _ in found] == [(frozenset({"MutualDefense"}), "KOR+USA")]


def test_a_past_view_and_a_present_noun_is_no_pledge() -> None:
    # guard: after a past-tense view, "and pledge to the alliance" is no verb of the clause
    assert read("The two Presidents noted the plan and pledge to the alliance.") == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders reaffirmed their shared commitment to defend universal human rights and the rule of law.",
        "The ROK and the United States pledged to defend democracy and freedom in the region.",
        "Both sides committed to the defense of our shared values and the rules-based international order.",
    ],
)
def test_defending_shared_values_is_no_mutual_defense(sentence: str) -> None:
    assert not any("MutualDefense" in types for types, _party in read(sentence))


def test_defending_the_ally_stays_mutual_defense() -> None:
    found = read("The two leaders reaffirmed their shared commitment to defend the ROK against any attack.")
    assert any("MutualDefense" in types for types, _party in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Both sides agreed that the Guidelines will lay a solid foundation for deeper cooperation on deterrence.",
        "The two sides agreed that the new plan will provide a firm basis for combined exercises.",
    ],
)
def test_a_things_foretold_effect_is_no_pledge(sentence: str) -> None:
    assert read(sentence) == set()


def test_a_body_that_will_continue_to_serve_is_still_a_pledge() -> None:
    found = read(
        "The two sides reaffirmed that the Nuclear Consultative Group will continue to serve as the main "
        "channel for consultation on nuclear deterrence."
    )
    assert found
