"""Commitments that earlier probes of public texts saw missed or mis-split (issue 15, round twelve).

Shapes of stored public copies (the Camp David Principles and the Commitment to Consult under a plain title, a
broadcaster's web page of the Spirit of Camp David with its title run into the opening, SCM communiqués with a run
of infinitives after one pledge verb, remarks after an EDSCG meeting, the U.S. presidential papers' titles of
joint news conferences; read in /tmp, never copied here). The sentences are written for the tests; none is copied
from a source, and the people and days are only those the gazetteer needs.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, links, meeting_nodes, pledges

from extractors.readers import read_bytes
from extractors.rules import extract_document
from extractors.rules.actors import find_actors
from extractors.rules.lexicon import default_lexicon
from graph.model import GraphData


def _read(text: str) -> GraphData:
    return extract_document(read_bytes(text.encode(), suffix=".txt"))


def _found(graph: GraphData) -> list[tuple[frozenset[str], str]]:
    return [(types, party) for types, party, _ in pledges(graph)]


# -- 1. "We, <the leaders listed>, affirm / commit ...": the listed leaders' parties pledge --------------------


def test_leaders_listed_in_the_opening_pledge_for_their_countries() -> None:
    text = (
        "Principles of Our Partnership\n\n"
        "March 3, 2030\n\n"
        "We, President Lee Jae-myung and President Donald J. Trump, reaffirm our steadfast commitment to the "
        "mutual defense of our two nations. We commit to expand combined exercises on the Peninsula.\n"
    )
    graph = _read(text)
    assert _found(graph) == [
        (frozenset({"MutualDefense"}), "KOR+USA"),
        (frozenset({"CombinedExercises"}), "KOR+USA"),
    ]
    assert not meeting_nodes(graph)  # no meeting verb, no place of a meeting: no summit
    text = (
        "A Pledge Among the Three Countries\n\n"
        "We, the leaders of Japan, the Republic of Korea, and the United States, commit our governments to consult "
        "one another without delay on regional challenges and provocations.\n"
    )
    assert _found(_read(text)) == [(frozenset({"ConsultationMechanism"}), "JPN+KOR+USA")]


def test_leaders_listed_who_say_they_met_record_their_summit() -> None:
    # the existing rule, kept: a meeting is recorded only where the text says the leaders met, and where
    text = (
        "Joint Statement\n\n"
        "April 26, 2023\n\n"
        "We, President Yoon Suk Yeol and President Joseph R. Biden, Jr., met in Washington today. We reaffirm our "
        "commitment to the mutual defense of our two nations.\n"
    )
    graph = _read(text)
    assert (frozenset({"MutualDefense"}), "KOR+USA") in _found(graph)
    assert meeting_nodes(graph)


# -- 2. a title glued to the opening by a web conversion -------------------------------------------------------


def test_title_glued_to_the_opening_is_split_where_the_sentence_starts() -> None:
    text = (
        "Joint Statement of the Republic of Korea and the United StatesWe, the leaders of the Republic of Korea and "
        "the United States, reaffirm our commitment to the defense of our two nations.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert doc.title == "Joint Statement of the Republic of Korea and the United States"
    paragraphs = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert paragraphs[1].startswith("We, the leaders of")
    text = (
        "Ministers meet in Seoul amid tensions in KoreaThe two ministers agreed on Tuesday to expand combined "
        "exercises.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs][1].startswith("The two ministers agreed")


def test_only_the_first_line_is_split() -> None:
    # a caption glued to a story's lead further down is left (it would become a heading the title rules may pick)
    text = (
        "Allies agree to widen drills\n\nOctober 20, 2016\n\nThe ministers pose for a photo in WashingtonThe two "
        "ministers agreed on Wednesday to expand combined exercises.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert doc.title == "Allies agree to widen drills"
    assert any("WashingtonThe two" in doc.text[p.start : p.end] for p in doc.paragraphs)


def test_capitals_inside_a_word_are_no_sentence_start() -> None:
    text = (
        "General LaCamera and General McConville met soldiers of the ROKs and Americans in Seoul. The soldiers "
        "showed an iPhone app. TheWe Corporation was not there.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert len(doc.paragraphs) == 1
    assert "LaCamera" in doc.text and "McConville" in doc.text and "iPhone" in doc.text and "ROKs" in doc.text


# -- 3. a run of infinitives after one pledge verb: one commitment per infinitive naming a field -------------


def test_run_of_infinitives_gives_one_commitment_per_field() -> None:
    day = dt.date(2031, 10, 9)
    text = (
        "The Minister and the Secretary committed to strengthen combined exercises, to expand missile defense "
        "cooperation and to deepen space cooperation.\n"
    )
    found = [(types, party, desc) for types, party, desc in pledges(extract_text(text, day, "communique"))]
    assert [(t, p) for t, p, _ in found] == [
        (frozenset({"CombinedExercises"}), "KOR+USA"),
        (frozenset({"MissileDefense"}), "KOR+USA"),
        (frozenset({"SpaceCooperation"}), "KOR+USA"),
    ]
    text = (
        "The two sides pledged to deepen combined exercises, to establish a missile defense working group, and to "
        "build up space cooperation.\n"
    )
    graph = extract_text(text, day, "communique")
    stances = [n.props.get("stance") for n in graph.nodes if n.kind == "Commitment"]
    assert _found(graph) == [
        (frozenset({"CombinedExercises"}), "KOR+USA"),
        (frozenset({"ConsultationMechanism", "MissileDefense"}), "KOR+USA"),
        (frozenset({"SpaceCooperation"}), "KOR+USA"),
    ]
    assert stances[:2] == ["strengthened", "new"]  # each infinitive keeps its own stance


def test_infinitive_without_a_field_stays_with_the_one_before() -> None:
    day = dt.date(2031, 10, 9)
    text = (
        "The two sides agreed to widen space coordination, to improve mission assurance, and to deepen cooperation "
        "in space situational awareness.\n"
    )
    found = pledges(extract_text(text, day, "communique"))
    assert [(t, p) for t, p, _ in found] == [
        (frozenset({"SpaceCooperation"}), "KOR+USA"),
        (frozenset({"SpaceCooperation"}), "KOR+USA"),
    ]
    assert "mission assurance" in found[0][2]
    # negative: noun objects after "commit to" are one pledge ("commit to a transition ... and to close consultation")
    text = (
        "The two sides commit to a conditions-based transition of wartime operational control and to close "
        "consultation as it proceeds.\n"
    )
    assert len(pledges(extract_text(text, day, "communique"))) == 1
    # negative: the objects of one pledge noun are one pledge ("commitment to X and to Y")
    text = "The Secretary reaffirmed the U.S. commitment to extended deterrence and to combined exercises.\n"
    assert len(pledges(extract_text(text, day, "communique"))) == 1


# -- 4. statements of will that were missed; hopes stay none ---------------------------------------------------


def test_looking_forward_to_working_together_is_a_statement_of_will() -> None:
    day = dt.date(2030, 9, 1)
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. We look forward to working together to "
        "further strengthen our extended deterrence cooperation.\n"
    )
    assert (frozenset({"ExtendedDeterrence"}), "KOR+USA") in _found(extract_text(text, day, "joint_statement"))
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. The two sides look forward to continuing "
        "combined exercises next spring.\n"
    )
    assert (frozenset({"CombinedExercises"}), "KOR+USA") in _found(extract_text(text, day, "joint_statement"))
    # negative: looking forward to a meeting or to another's act is no pledge
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. We look forward to the next meeting on "
        "extended deterrence in Seoul. We look forward to the DPRK's return to denuclearization talks.\n"
    )
    assert _found(extract_text(text, day, "joint_statement")) == []


def test_the_parties_stated_goal_is_a_statement_of_will() -> None:
    day = dt.date(2030, 9, 1)
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. However, our goal remains the complete "
        "denuclearization of the Korean Peninsula.\n"
    )
    assert _found(extract_text(text, day, "joint_statement")) == [(frozenset({"Denuclearization"}), "KOR+USA")]
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. Our shared goal is to strengthen extended "
        "deterrence.\n"
    )
    assert _found(extract_text(text, day, "joint_statement")) == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]
    # negative: the adversary's goal, and a hope, pledge nothing
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. The North's goal remains a nuclear "
        "arsenal. We hope that the DPRK will return to denuclearization talks.\n"
    )
    assert _found(extract_text(text, day, "joint_statement")) == []


def test_parties_united_in_a_common_pursuit_state_their_will() -> None:
    day = dt.date(2030, 9, 1)
    text = (
        "Remarks After the Trilateral Meeting\n\nThe three countries are united in our common pursuit of the "
        "denuclearization of North Korea.\n"
    )
    assert _found(extract_text(text, day, "other")) == [
        (frozenset({"Denuclearization", "TrilateralCooperation"}), "JPN+KOR+USA")
    ]
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. The two countries remain united in "
        "their pursuit of a conditions-based transition of wartime operational control.\n"
    )
    assert (frozenset({"OpconTransition"}), "KOR+USA") in _found(extract_text(text, day, "joint_statement"))
    # negative: the adversaries' shared pursuit is no pledge of the allies
    text = (
        "Joint Statement\n\nThe ROK and the United States held the meeting. Russia and the DPRK are united in "
        "their pursuit of ballistic missile cooperation.\n"
    )
    assert _found(extract_text(text, day, "joint_statement")) == []


# -- 6. the presidential papers' title: the guest named decides whose "The President" is ----------------------


def _the_president(text: str, year: int) -> list[str]:
    return [
        a.actor.label for a in find_actors(text, default_lexicon(), year) if text[a.start : a.end] == "The President"
    ]


def test_papers_title_names_the_us_president_for_a_foreign_guest() -> None:
    text = "The President's News Conference With President Moon Jae-in of South Korea\nApril 11, 2019\n"
    assert _the_president(text, 2019) == ["Donald Trump"]
    text = "The President's News Conference With President Kim in Cheju\nApril 16, 1996\n"
    assert _the_president(text, 1996) == ["Bill Clinton"]


def test_papers_title_with_a_us_president_as_guest_names_no_us_host() -> None:
    text = "The President's News Conference With President Biden in Seoul\nMay 21, 2022\n"
    assert _the_president(text, 2022) == []
    text = "The President's News Conference With President Joe Biden\nMay 21, 2022\n"
    assert _the_president(text, 2022) == []


# -- 5. a readout's pledges in the paragraph after it condemns the one test it is about -------------------------


def _responses(graph: GraphData) -> dict[str, set[str]]:
    """What each commitment (by its first four words) responds to."""
    return {k: v for k, v in links(graph).items() if k}


def test_readout_pledges_after_the_condemnation_answer_the_test() -> None:
    text = (
        "Readout of the Secretary's Call With the Minister\n\n"
        "December 19, 2023\n\n"
        "Secretary of Defense Lloyd J. Austin III spoke by phone today with Minister of National Defense Shin "
        "Won-sik to condemn the DPRK's launch of an intercontinental ballistic missile on December 18, 2023.\n\n"
        "Secretary Austin reaffirmed the ironclad U.S. commitment to the defense of the ROK. The two leaders agreed "
        "to expand trilateral missile warning data sharing with Japan. They discussed the Middle East.\n\n"
        "The two leaders also committed to continue combined exercises through the coming year.\n"
    )
    answered = _responses(_read(text))
    assert answered["Secretary Austin reaffirmed the"] == {"hwasong-18-launch-2023-12-18"}
    assert answered["The two leaders agreed"] == {"hwasong-18-launch-2023-12-18"}
    assert answered["The two leaders also"] == set()  # two paragraphs on: no longer the answer
    # the condemnation in the second body paragraph, the first to name the test (a wire copy of a DoD readout)
    text = (
        "Defense chiefs discuss the test\n\n"
        "September 4, 2017\n\n"
        "Secretary of Defense James Mattis and Minister of National Defense Song Young-moo held a call on the "
        "situation on the Peninsula.\n\n"
        "The two strongly condemned the DPRK's sixth nuclear test of September 3, 2017.\n\n"
        "The two pledged to strengthen the combined defense posture of the Alliance.\n"
    )
    answered = _responses(_read(text))
    assert answered["The two pledged to"] == {"prk-nuclear-test-6"}


def test_readout_rule_stays_narrow() -> None:
    # no condemnation: the call was "about" the launch, nothing is answered
    text = (
        "Readout of the Secretary's Call With the Minister\n\n"
        "December 19, 2023\n\n"
        "Secretary of Defense Lloyd J. Austin III spoke by phone today with Minister of National Defense Shin "
        "Won-sik about the DPRK's launch of an intercontinental ballistic missile on December 18, 2023.\n\n"
        "Secretary Austin reaffirmed the ironclad U.S. commitment to the defense of the ROK.\n"
    )
    assert _responses(_read(text))["Secretary Austin reaffirmed the"] == set()
    # two tests condemned in the opening: which one a later pledge answers, the text does not say
    text = (
        "Readout of the Secretary's Call With the Minister\n\n"
        "September 4, 2017\n\n"
        "Secretary Mattis and Minister Song condemned the DPRK's sixth nuclear test of September 3, 2017 and the "
        "launch of a Hwasong-12 missile over Japan on August 29, 2017.\n\n"
        "The two pledged to strengthen the combined defense posture of the Alliance.\n"
    )
    assert _responses(_read(text))["The two pledged to"] == set()
    # a news story of the call is a report of others: its pledges are linked only by their own sentence's cues
    text = (
        "Secretary Mattis and Minister Song condemned the DPRK's sixth nuclear test of September 3, 2017.\n\n"
        "The two pledged to strengthen the combined defense posture of the Alliance.\n"
    )
    assert _responses(extract_text(text, dt.date(2017, 9, 4), "news"))["The two pledged to"] == set()
