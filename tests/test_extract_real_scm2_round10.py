"""SCM communiqué pages a second tenth-round probe of public texts showed failing (issue 15).

The probe read Defense White Paper flip-book pages from the middle and the end of the 49th-51st communiqués.
One shape recurred there and in the corpora: a view or a review of the two heads, then "and to this end,
pledged to ..." (or "and, in this regard, decided to ..."), whose pledge was lost because the linking phrase
stood between the "and" and the verb. Every text below is written for these tests in that shape (offices,
ordinals and dates are public facts or invented), none is copied from a copy.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

DAY = dt.date(2031, 10, 9)
OPENING = (
    "1. The 63rd Security Consultative Meeting (SCM) was held in Seoul on October 9, 2031. "
    "ROK Minister of National Defense Kim Min-soo and U.S. Secretary of Defense Pat Smith led their delegations.\n\n"
)
# a flip-book page from the middle of a communiqué: the page label, a paragraph cut at the top, two more
PAGE = (
    "Page 212 - 2031 Defense White Paper\nP. 212\n"
    "the posture of the Alliance remains ready, capable, and sound against the threats of the North.\n"
    "5. The Minister and the Secretary {sentence}\n"
    "6. The Minister and the Secretary reviewed the work of the combined staff over the past year.\n"
)


def read(sentence: str) -> set[tuple[frozenset[str], str]]:
    return {
        (types, party)
        for types, party, _ in pledges(extract_text(OPENING + "2. " + sentence + "\n", DAY, "communique"))
    }


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The Minister and the Secretary shared the understanding that it is needed to make the combined "
            "deterrence posture stronger, and to this end, pledged to look for ways to widen their cooperation.",
            id="to-this-end",
        ),
        pytest.param(
            "The two sides reviewed the results of the joint study and, in this regard, decided to expand the "
            "combined training of their forces.",
            id="in-this-regard",
        ),
        pytest.param(
            "Both sides noted the progress of the new planning framework and, to that end, agreed to meet twice a "
            "year to review it.",
            id="to-that-end",
        ),
    ],
)
def test_a_linking_phrase_after_and_keeps_the_pledge_of_the_subject(sentence: str) -> None:
    found = read(sentence)
    assert len(found) == 1, found
    assert next(iter(found))[1] == "KOR+USA"


def test_the_pledge_on_a_flip_book_page_is_found_and_typed() -> None:
    sentence = (
        "shared the understanding that the Alliance must keep extended deterrence credible, and to this end, "
        "pledged to explore further ways to make extended deterrence stronger."
    )
    page = PAGE.format(sentence=sentence)
    found = {(types, party) for types, party, _ in pledges(extract_text(page, None, "other"))}
    assert found == {(frozenset({"ExtendedDeterrence"}), "KOR+USA")}


@pytest.mark.parametrize(
    "sentence",
    [
        # a demand on the North after the linking phrase stays a demand
        pytest.param(
            "The two sides condemned the launch and, to this end, urged the North to return to talks.",
            id="demand-after-link",
        ),
        # the phrase inside a that-clause of a view: the verb after it is no verb of the sentence's subject
        pytest.param(
            "The Minister noted that the plan, to this end, committed more forces to the region.",
            id="inside-a-view",
        ),
        # a view after the phrase is still a view
        pytest.param(
            "The Minister and the Secretary reviewed the exercise results and, to this end, assessed that the "
            "readiness of the forces was high.",
            id="view-after-link",
        ),
    ],
)
def test_a_linking_phrase_makes_no_pledge_of_a_view_or_a_demand(sentence: str) -> None:
    assert read(sentence) == set()
