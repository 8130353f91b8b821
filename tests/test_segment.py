"""Segmentation: communique paragraphs, wrapped lines, sentences and abbreviations."""

from __future__ import annotations

import pytest

from extractors.readers import read_bytes
from extractors.readers.layout import line_breaks, repair
from extractors.segment import (
    iter_sentences,
    paragraph_body,
    split_paragraphs,
    split_sentences,
)


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. Secretary met Gen. Kim in Washington, D.C. on Jan. 5. Talks followed.",
            ["The U.S. Secretary met Gen. Kim in Washington, D.C. on Jan. 5.", "Talks followed."],
            id="acronyms-titles-months",
        ),
        pytest.param(
            "Resolution No. 2375 was adopted. It tightened sanctions.",
            ["Resolution No. 2375 was adopted.", "It tightened sanctions."],
            id="number-abbreviation",
        ),
        pytest.param(
            "No. The answer was clear.",
            ["No.", "The answer was clear."],
            id="no-as-a-word",
        ),
        pytest.param(
            "Forces stayed with the U.S. The Minister agreed.",
            ["Forces stayed with the U.S.", "The Minister agreed."],
            id="acronym-ends-sentence-before-opener",
        ),
        pytest.param(
            "President John F. Kennedy spoke. Then Amb. Lee replied!",
            ["President John F. Kennedy spoke.", "Then Amb. Lee replied!"],
            id="initials-and-exclamation",
        ),
        pytest.param(
            'He said "we will respond." Officials agreed? Yes... They did.',
            ['He said "we will respond."', "Officials agreed?", "Yes...", "They did."],
            id="quotes-question-ellipsis",
        ),
        pytest.param(
            "It was held in 1968. The next one was in 1969.",
            ["It was held in 1968.", "The next one was in 1969."],
            id="year-before-period",
        ),
        pytest.param(
            "The ROK-U.S. alliance, e.g. its deterrence, grew. Lt. Gen. Park said so.",
            ["The ROK-U.S. alliance, e.g. its deterrence, grew.", "Lt. Gen. Park said so."],
            id="hyphenated-acronym-eg",
        ),
        pytest.param("A sentence without a final stop", ["A sentence without a final stop"], id="no-stop"),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_sentences_respect_bounds() -> None:
    text = "Skip this. Keep one. Keep two. Skip that."
    start = text.index("Keep one")
    end = text.index(" Skip that")
    spans = split_sentences(text, start, end)
    assert [text[s.start : s.end] for s in spans] == ["Keep one.", "Keep two."]


COMMUNIQUE = """JOINT COMMUNIQUE
The 42nd U.S.-ROK Security Consultative Meeting
Washington, D.C., October 8, 2010

1. The 42nd Security Consultative Meeting was held in Washington, D.C. on
October 8, 2010. The Secretary and the Minister led their delegations.
2. The Minister and the Secretary condemned the attack on the ROK Navy ship
Cheonan.

3. Both sides agreed to continue close consultation.
"""


def test_numbered_communique_paragraphs() -> None:
    text = COMMUNIQUE.strip()
    paragraphs = split_paragraphs(text)
    numbered = [p for p in paragraphs if p.numbered]
    assert [p.number for p in numbered] == [1, 2, 3]
    assert [text[p.start : p.end][:2] for p in numbered] == ["1.", "2.", "3."]
    headings = [text[p.start : p.end] for p in paragraphs if not p.numbered]
    assert headings == [
        "JOINT COMMUNIQUE",
        "The 42nd U.S.-ROK Security Consultative Meeting",
        "Washington, D.C., October 8, 2010",
    ]
    first = numbered[0]
    assert text[first.start : first.end].endswith("led their delegations.")
    body = paragraph_body(text, first)
    assert text[body.start :].startswith("The 42nd Security")


def test_decreasing_numbers_are_not_paragraph_numbers() -> None:
    text = "1. First point.\n\n2. Second point.\n\n1. A list restarting at one."
    paragraphs = split_paragraphs(text)
    assert [(p.number, p.numbered) for p in paragraphs] == [(1, True), (2, True), (3, False)]


def test_unwrapped_lines_are_paragraphs_and_lowercase_continues() -> None:
    text = "Short heading\nAnother heading line\nthat continues here"
    paragraphs = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == [
        "Short heading",
        "Another heading line\nthat continues here",
    ]


def test_line_breaks_of_wrapped_prose() -> None:
    lines = [
        "The Minister and the Secretary reviewed the security situation on the",
        "Korean Peninsula and agreed that the alliance remains strong and ready to",
        "respond to any provocation.",
        "They also discussed the transition of wartime operational control and",
        "agreed to continue the work.",
    ]
    assert line_breaks(lines) == [False, False, True, False]


def test_joined_wrapped_lines_map_back_to_the_text() -> None:
    text = COMMUNIQUE.strip()
    layout = repair(text)
    assert "Washington, D.C. on October 8, 2010." in layout.text
    assert layout.text.count("\n\n") == text.count("\n\n")
    at = layout.text.index("on October 8, 2010.")
    start, end = layout.omap.span(at, at + len("on October 8, 2010."))
    assert text[start:end] == "on\nOctober 8, 2010."


def test_iter_sentences_on_a_document() -> None:
    doc = read_bytes(COMMUNIQUE.encode(), suffix=".txt")
    found = [(p.number, doc.text[s.start : s.end]) for p, s in iter_sentences(doc) if p.numbered]
    assert found[0] == (1, "The 42nd Security Consultative Meeting was held in Washington, D.C. on October 8, 2010.")
    assert found[1] == (1, "The Secretary and the Minister led their delegations.")
    assert found[2][0] == 2
    assert found[2][1].endswith("ROK Navy ship Cheonan.")
    assert found[3] == (3, "Both sides agreed to continue close consultation.")


def test_pages_set_on_paragraphs() -> None:
    text = "Page one paragraph.\n\nStill page one.\n\nPage two starts."
    paragraphs = split_paragraphs(text, pages=[0, text.index("Page two")])
    assert [p.page for p in paragraphs] == [1, 1, 2]


@pytest.mark.slow
def test_large_text_segments_in_linear_time() -> None:
    import time

    unit = "1. The Minister and the U.S. Secretary met on Oct. 30, 2024 in Seoul. They agreed.\n\n"
    text = unit * 20_000  # about 1.7 MB
    t0 = time.perf_counter()
    paragraphs = split_paragraphs(text)
    count = sum(len(split_sentences(text, p.start, p.end)) for p in paragraphs)
    elapsed = time.perf_counter() - t0
    assert len(paragraphs) == 20_000
    assert count == 40_000
    assert elapsed < 10


def test_number_alone_on_its_line_opens_the_next_paragraph() -> None:
    text = "JOINT COMMUNIQUE\n\n1.\nThe Minister and the Secretary met in Seoul.\n\n2.\n\nThey agreed to meet again."
    paragraphs = split_paragraphs(text)
    assert [(p.number, p.numbered) for p in paragraphs] == [(1, False), (1, True), (2, True)]
    assert text[paragraphs[1].start : paragraphs[1].end] == "1.\nThe Minister and the Secretary met in Seoul."
    assert text[paragraphs[2].start : paragraphs[2].end] == "2.\n\nThey agreed to meet again."
    body = paragraph_body(text, paragraphs[2])
    assert text[body.start : body.end] == "They agreed to meet again."


class _Spy(str):
    """A text that records how many characters every slice of it copies."""

    sliced: list[int]

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self))
            self.sliced.append(max(0, stop - start))
        return str.__getitem__(self, key)


def _spy(text: str) -> _Spy:
    spy = _Spy(text)
    spy.sliced = []
    return spy


@pytest.mark.parametrize("unit", ["U.S. ", "The U.S. side met Gen. Kim on Oct. 3. ", "Abc. "])
def test_splitting_copies_a_bounded_window_per_candidate(unit: str) -> None:
    """Work per candidate period is bounded: no slice reaches far, and the characters copied grow
    linearly with the text (the rules' former splitter copied the rest of the text at every
    abbreviation, so "U.S. " repeated 40,000 times took seconds)."""
    copied = []
    for repeat in (10_000, 40_000):
        text = _spy(unit * repeat)
        spans = split_sentences(text)
        assert spans
        assert max(text.sliced, default=0) <= 100
        copied.append(sum(text.sliced))
    assert copied[1] <= 4.5 * max(copied[0], 1)


@pytest.mark.slow
def test_pathological_input_splits_in_linear_cpu_time() -> None:
    import time

    def cpu(repeat: int) -> float:
        text = "U.S. " * repeat
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            split_sentences(text)
            best = min(best, time.process_time() - t0)
        return best

    small, large = cpu(40_000), cpu(160_000)
    assert large < 8 * small  # linear: about 4x; quadratic would be 16x
