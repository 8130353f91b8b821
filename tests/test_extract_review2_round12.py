"""A second reading of round twelve's later merges for over-reach (issue 15): a rule that wrote a fact its text does
not state is narrowed here, with the over-reach as a negative case and the intended case kept.

The sentences are written for the tests in the shapes the probes showed (a wire story on talks of other states, a
trilateral readout, a joint statement's "we", a chronology's month-dated entry); none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, pledges

from extractors.readers import read_bytes
from extractors.rules import extract_document
from graph.schema import Kind

DAY = dt.date(2031, 5, 14)


def _parties(text: str, kind: str = "news") -> list[str]:
    return [party for _types, party, _ in pledges(extract_text(text, DAY, kind))]


# -- a bare "the three" after a list of three states that are not the allies ------------------------------------


def test_the_three_after_three_other_states_is_not_the_allies() -> None:
    # over-reach on main: "the three" with no noun was read as the ROK, the United States and Japan whatever three
    # states the text had just named
    for text in (
        "China, Russia and North Korea held a round of talks in Beijing last week. The three agreed to hold more "
        "joint drills in the region. The three also pledged to oppose missile defense deployments.\n",
        "Officials of Iran, Russia and China met in Tehran on Monday, and the three agreed to expand their naval "
        "exercises in the Gulf of Oman.\n",
    ):
        assert all("JPN" not in p for p in _parties(text)), (text, _parties(text))


def test_the_three_after_the_allies_is_still_the_three_allies() -> None:
    # the rule kept: the allies named before "the three", or one other state (the North whose launch was condemned)
    for text in (
        "The Deputy Secretary spoke with the ROK First Vice Foreign Minister and Japan's Vice Foreign Minister to "
        "condemn the DPRK's missile launch, and the three agreed to hold a trilateral meeting in Tokyo soon.\n",
        "Foreign ministers of the United States, Japan and South Korea met in London. The three agreed to call on "
        "North Korea to return to talks on denuclearization.\n",
    ):
        assert "JPN+KOR+USA" in _parties(text), (text, _parties(text))


# -- an unquoted "we" with one ally: only a "with" of working together, and the ally as the whole object ----------


def _we_parties(sentence: str, title: str) -> set[str]:
    text = f"{title}\n\nMarch 3, 2031\n\n{sentence}\n"
    return {party for _types, party, _ in pledges(extract_document(read_bytes(text.encode(), suffix=".txt")))}


def test_we_with_a_name_that_holds_an_ally_stays_both() -> None:
    # over-reach on main: in a joint statement, "with the ROK-U.S. Mutual Defense Treaty", "in line with the United
    # States' strategy", "with the Republic of Korea's neighbors" and "with the United States Congress" made the "we"
    # the other ally alone
    title = "Joint Statement of the Republic of Korea and the United States"
    for sentence in (
        "We will strengthen combined defense consistent with the ROK-U.S. Mutual Defense Treaty.",
        "We will deepen regional cooperation in line with the United States' Indo-Pacific Strategy.",
        "We will work together with the Republic of Korea's neighbors to promote regional cooperation.",
        "We pledge to cooperate with the United States Congress to expand the missile defense program.",
    ):
        assert _we_parties(sentence, title) == {"KOR+USA"}, sentence


def test_we_working_with_the_ally_itself_is_still_the_other() -> None:
    # the rule kept: "working together with the ROK Government", "working closely with the Republic of Korea"
    title = "Remarks after the Deterrence Dialogue"
    for sentence in (
        "Good afternoon. We will keep working together with the ROK Government to strengthen extended deterrence.",
        "Good afternoon. We look forward to working closely with the Republic of Korea to expand combined exercises.",
    ):
        assert _we_parties(sentence, title) == {"USA"}, sentence


# -- a launch outside the catalogue dated by a month: the label says the month, not a day -----------------------


def _incident_labels(text: str) -> set[str]:
    graph = extract_document(read_bytes(text.encode(), suffix=".txt"))
    return {n.label for n in graph.nodes if n.kind == Kind.MISSILE_LAUNCH}


def test_a_month_dated_launch_is_labelled_by_its_month() -> None:
    # over-reach on main: "_ October 2003: North Korea fires ..." became "Missile launch of 2003-10-01", a day the
    # text does not give (the date stays the month's first day, estimated)
    for text, label in (
        (
            "Chronology of North Korea's missile tests\n\n_ October 2003: North Korea fires two land-to-ship "
            "missiles.\n",
            "Missile launch of 2003-10",
        ),
        (
            "Chronology of North Korea's missile tests\n\n_ May 2005: North Korea fires a short-range missile into "
            "the sea.\n",
            "Missile launch of 2005-05",
        ),
    ):
        labels = _incident_labels(text)
        assert label in labels, (text, labels)
        assert not any(x.endswith("-01") for x in labels), labels


def test_a_day_dated_launch_keeps_its_day() -> None:
    text = "Chronology of North Korea's missile tests\n\n_ March 10, 2003: North Korea fires a land-to-ship missile.\n"
    assert "Missile launch of 2003-03-10" in _incident_labels(text)


# -- a capitalised "Under" is the office's only before "Secretary" ----------------------------------------------


def test_under_before_another_title_is_the_preposition() -> None:
    # over-reach on main: "Under President Moon, the United States agreed ..." made the President's name a subject,
    # so that the ROK pledged with the United States
    for text in (
        "Under President Moon, the United States agreed to expand combined exercises with Japan.\n",
        "Under Minister Jeong, the United States pledged to strengthen missile defense in the region.\n",
    ):
        found = [p for _t, p, _ in pledges(extract_text(text, dt.date(2019, 5, 2), "news"))]
        assert found == ["USA"], (text, found)


def test_under_secretary_is_still_an_office() -> None:
    # the rule kept: the Under Secretary and the Minister are the pair
    text = "News\n\nUnder Secretary Smith and Minister Lee Jong-sup agreed to strengthen space cooperation.\n"
    assert [p for _t, p, _ in pledges(extract_text(text, dt.date(2022, 9, 1), "news"))] == ["KOR+USA"]
