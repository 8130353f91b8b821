"""The token lookup of a phrase (``Tokens.phrase_starts``) finds exactly what the per-phrase regex finds.

``Extraction._named_before`` looks for a pledge's cue word in the paragraph's earlier sentences; it used to
compile ``\\b<word>\\b`` (case-insensitive) for each word and now looks the word up among the tokens. These
tests hold the lookup to the regex: on texts of our own, on random texts full of the cases where the two could
part (case folding outside ASCII, a window that cuts a word, a phrase that repeats itself), and on the corpus.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extractors.rules.scan import Tokens


def _regex_starts(text: str, phrase: str, start: int, end: int) -> list[int]:
    rx = re.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE)
    return [m.start() for m in rx.finditer(text, start, end)]


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # whole words only, any case; the separators as written ("readiness\nposture" is not "readiness posture")
        ("Readiness posture was kept; readiness\nposture too; the READINESS POSTURE'S reach.", "readiness posture",
         [0, 55]),
        ("The troops stayed. Troopships left; troops.", "troops", [4, 36]),
        # a word inside a longer one, or glued to a digit or an underscore, is no match
        ("deterrence, deterrent_force, predeter, deter2, deter.", "deter", [47]),
    ],
)  # fmt: skip
def test_phrase_starts_on_texts_of_our_own(text: str, phrase: str, expected: list[int]) -> None:
    tokens = Tokens.of(text)
    assert tokens.phrase_starts(text, phrase, 0, len(text)) == expected == _regex_starts(text, phrase, 0, len(text))


def test_phrase_starts_is_the_regex_on_random_texts() -> None:
    """Texts of few letters (so that phrases recur and touch), with characters whose case the regex engine folds
    onto ASCII letters ("İ" matches "i", "ſ" matches "s", the Kelvin sign "k"), underscores and digits, searched
    in random windows (a window's end may cut a word: the regex ends the word there)."""
    rnd = random.Random(28)
    alphabet = "aAsSkKiI" + "\u0130\u017f\u212a" + "_1" + "  \n-'."
    checked = matched = 0
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 40)))
        tokens = Tokens.of(text)
        words = re.findall(r"\w+", text) or ["as"]
        first = rnd.choice(words)
        phrases = [first, first.lower(), first.upper(), f"{first} {rnd.choice(words)}", "as", "a a", "s-k", "ſa"]
        for phrase in phrases:
            start = rnd.randrange(len(text) + 1)
            end = rnd.randrange(start, len(text) + 1)
            for lo, hi in ((0, len(text)), (start, end)):
                expected = _regex_starts(text, phrase, lo, hi)
                assert tokens.phrase_starts(text, phrase, lo, hi) == expected, (text, phrase, lo, hi)
                checked += 1
                matched += bool(expected)
    assert checked == 48000 and matched > 5000


def test_phrase_starts_is_the_regex_on_the_corpus() -> None:
    """Every commitment cue word (the words ``_named_before`` looks up) over every corpus document, by sentence."""
    from extractors.readers import read_document
    from extractors.rules.lexicon import default_lexicon
    from extractors.rules.text import paragraphs, sentences

    cues = sorted({p for group in default_lexicon().commitment_cues._groups.values() for p in group})
    assert len(cues) > 50
    root = Path(__file__).resolve().parent.parent / "corpus"
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".html") and "_pdf_src" not in p.parts)
    found = 0
    for path in paths:
        doc = read_document(path)
        text = doc.text
        tokens = Tokens.of(text)
        for s in sentences(text, paragraphs(doc)):
            for cue in cues:
                expected = _regex_starts(text, cue, s.start, s.end)
                assert tokens.phrase_starts(text, cue, s.start, s.end) == expected, (path.name, cue, s.start)
                found += len(expected)
    assert found > 100
