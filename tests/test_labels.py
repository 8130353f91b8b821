"""graph.labels.shorten: the one rule for shortening a label (its doctests show the common cases)."""

from __future__ import annotations

import pytest

from graph.labels import ELLIPSIS, shorten

TEXTS = [
    "",
    "a",
    "Mutual Defense Treaty between the Republic of Korea and the United States of America",
    "  leading and trailing  ",
    "대한민국 국방부 장관과 미국 국방장관은 제49차 한미안보협의회의를 개최하였다",
    "no-spaces-at-all-in-this-rather-long-identifier",
    "two  spaces   between words",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("words", [True, False])
def test_a_shortened_text_fits_and_starts_like_the_text(text: str, words: bool) -> None:
    for width in range(1, len(text) + 3):
        short = shorten(text, width, words=words)
        assert len(short) <= width
        if len(text) <= width:
            assert short == text
        else:
            assert short.endswith(ELLIPSIS)
            assert text.startswith(short[:-1])
            assert not short[:-1].endswith(" ")


def test_words_are_not_cut_when_a_space_allows_it() -> None:
    text = "Mutual Defense Treaty between the Republic of Korea"
    for width in range(8, len(text)):
        kept = shorten(text, width)[:-1]
        assert text[len(kept)] == " ", (width, kept)  # the cut falls just before a space


def test_width_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        shorten("text", 0)
