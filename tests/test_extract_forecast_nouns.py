"""A pledge noun of no party that is the subject of a forecast ("stated that the new plan will result in lower
costs") is what a thing will do, not a pledge; owned by a party ("the U.S. plan to deploy ...") it stays one.
Sentences written here in the shape of SCM communiqués."""

from __future__ import annotations

import pytest
from extraction_probe import scm_pledges


@pytest.mark.parametrize(
    "sentence",
    [
        "The Secretary stated that the new plan will result in lower costs for both sides.",
        "The Minister stated that the revised plan will contribute to a more efficient use of the facilities.",
    ],
)
def test_a_plan_of_no_party_foretold_is_no_pledge(sentence: str) -> None:
    assert scm_pledges(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("The Secretary stated that the U.S. plan to deploy additional assets will strengthen deterrence.", "USA"),
        ("The Secretary said that the U.S. commitment will remain unwavering.", "USA"),
        (
            "The Minister and the Secretary stated that any nuclear attack against the ROK will result in the end "
            "of the Kim regime.",
            "KOR+USA",
        ),
    ],
)
def test_an_owned_pledge_noun_or_a_declaratory_answer_stays_a_pledge(sentence: str, party: str) -> None:
    assert {p for _, p in scm_pledges(sentence)} == {party}
