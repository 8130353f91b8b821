"""Who commits when states stand as adjectives before a group noun ("the Russian and Chinese foreign ministers
pledged ..."): those states, not the text's own parties. The two allies' own adjectives change nothing, and a
third ally among them makes the pledge trilateral. Sentences written here in the shape of agency reports.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges


def _parties(sentence: str) -> set[str]:
    graph = extract_text(f"SEOUL, Oct. 5 (Agency) -- {sentence}\n", dt.date(2024, 10, 5), "news")
    return {party for _, party, _ in pledges(graph)}


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        ("The Russian and Chinese foreign ministers pledged to deepen their partnership.", {"CHN+RUS"}),
        ("The Chinese defense ministers pledged to strengthen military cooperation with Moscow.", {"CHN"}),
        ("Japanese, ROK and U.S. defense ministers pledged to strengthen trilateral cooperation.", {"JPN+KOR+USA"}),
        # the two allies' own adjectives, hyphenated or not: the pair, as before
        ("The ROK-U.S. defense ministers pledged to strengthen the combined defense posture.", {"KOR+USA"}),
        ("The ROK and U.S. defense ministers pledged to strengthen the combined defense posture.", {"KOR+USA"}),
        # a state named before, not as the noun's adjective
        ("Unlike China, the two defense ministers pledged to strengthen the combined defense posture.", {"KOR+USA"}),
    ],
)
def test_states_before_a_group_noun_are_who_commits(sentence: str, parties: set[str]) -> None:
    assert _parties(sentence) == parties
