"""Second reading of round eleven's rules (issue 15): over-reach found on texts of the rules' genres.

Each test holds sentences written for it in the shapes the round's rules were made for, with the case the
rule must still read and the case it must leave alone. None is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text

from graph.schema import Kind, is_a


def _incidents(text: str, date: dt.date | None) -> dict[str | None, dt.date]:
    graph = extract_text(text, date)
    return {n.props.get("notation"): n.props.get("date") for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}


# -- a weekday moved a week on names only a launch of Korea's next day ----------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "not_this"),
    [
        pytest.param(
            "SEOUL, Nov. 3 (Yonhap) -- The allies said Thursday they would respond firmly after North Korea fired a "
            "ballistic missile Friday toward the East Sea.",
            dt.date(2022, 11, 3),  # a Thursday: "Friday" is the week before, not the launch of this very day
            "hwasong-17-launch-2022-11-03",
            id="thursday-story-last-friday",
        ),
        pytest.param(
            "Officials in Seoul said the North fired a missile Saturday and warned of more launches.",
            dt.date(2017, 7, 28),  # a Friday
            "hwasong-14-launch-2017-07-28",
            id="friday-story-last-saturday",
        ),
    ],
)
def test_a_weekday_a_week_on_never_takes_the_launch_of_the_documents_own_day(
    text: str, date: dt.date, not_this: str
) -> None:
    found = _incidents(text, date)
    assert not_this not in found
    assert len(found) == 1 and next(iter(found.values())) < date - dt.timedelta(days=4)  # the week before


# -- the two allies' ministers meeting outside their series: only when they met each other --------------------


def _ministers_meetings(sentence: str) -> list[object]:
    graph = extract_text("Readout\n\nJune 2, 2031\n\n" + sentence + "\n", dt.date(2031, 6, 2), "other")
    return [n for n in graph.nodes if is_a(n.kind, Kind.MEETING) and n.props.get("series") == "Other"]


@pytest.mark.parametrize(
    "sentence",
    [
        # the verb of a relative clause: the one described met others
        "Minister of National Defense Kim Min-soo thanked Secretary of Defense Pat Smith, who met with the troops "
        "in Seoul today.",
        "Secretary of Defense Pat Smith praised Minister of National Defense Kim Min-soo, who met the families of "
        "the sailors in Pyeongtaek on June 2, 2031.",
        # the two met a third party together: a call on someone else, not their meeting
        "Secretary of Defense Pat Smith and Minister of National Defense Kim Min-soo met with veterans of the "
        "Korean War in Busan today.",
        "Minister of National Defense Kim Min-soo and Secretary of Defense Pat Smith held talks with shipbuilders "
        "in Ulsan today.",
    ],
)
def test_ministers_who_did_not_meet_each_other_record_no_meeting(sentence: str) -> None:
    assert _ministers_meetings(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Secretary of Defense Pat Smith met with Minister of National Defense Kim Min-soo today in Singapore.",
        "Minister of National Defense Kim Min-soo and Secretary of Defense Pat Smith met in Manila today.",
        "Minister of National Defense Kim Min-soo and Secretary of Defense Pat Smith met with each other in "
        "Manila today, after the forum's opening session.",
    ],
)
def test_ministers_who_met_each_other_still_record_their_meeting(sentence: str) -> None:
    assert len(_ministers_meetings(sentence)) == 1


# -- a news story's unnumbered meeting of the story's day: never an earlier one it names ------------------------


def _scm_ordinals(sentence: str) -> set[object]:
    # (the day of the 41st SCM)
    graph = extract_text("SEOUL, Oct. 22 (Yonhap) -- " + sentence, dt.date(2009, 10, 22))
    return {
        n.props.get("ordinal") for n in graph.nodes if is_a(n.kind, Kind.MEETING) and n.props.get("series") == "SCM"
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Since the last Security Consultative Meeting, the North has tested an atomic device, officials said.",
        "The allies agreed at the previous Security Consultative Meeting to keep the plan, officials said.",
        "The plan was approved at last year's annual Security Consultative Meeting, the ministry said.",
        # held, but at a time the sentence gives that is not the story's
        "The plan was first discussed at the Security Consultative Meeting held in Washington last year, officials "
        "said.",
        "The plan was first discussed at the Security Consultative Meeting held in Washington in 2008, officials said.",
    ],
)
def test_an_earlier_meeting_a_story_names_is_not_the_one_of_its_day(sentence: str) -> None:
    assert 41 not in _scm_ordinals(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers signed the plan at the Security Consultative Meeting held here, officials said.",
        "The allies reached the deal at the annual Security Consultative Meeting, officials said.",
        "The ministers signed the plan at the Security Consultative Meeting held here in 2009, officials said.",
    ],
)
def test_the_meeting_of_the_storys_day_still_takes_its_number(sentence: str) -> None:
    assert _scm_ordinals(sentence) == {41}


# -- an undated copy's day without a year: only where the catalogue holds every incident of the kind ----------


@pytest.mark.parametrize(
    "text",
    [
        # the catalogue holds the launch of May 4, 2022; the North fired missiles on May 4 of other years too
        "Saturday, May 4\n\nThe United States condemns North Korea's May 4 missile launch as a threat to its "
        "neighbors.",
        "Both ministers deplored the DPRK's July 28 intercontinental ballistic missile test and agreed to consult.",
    ],
)
def test_an_undated_copys_yearless_day_names_no_launch_of_a_catalogue_that_is_a_selection(text: str) -> None:
    assert _incidents(text, None) == {}


def test_an_undated_copys_yearless_day_still_names_the_one_nuclear_test_of_that_day() -> None:
    for text, expected in (
        ("Tuesday, January 6\n\nThe ministers condemn the January 6 nuclear test in the strongest terms.",
         "prk-nuclear-test-4"),
        ("Both sides denounced North Korea's February 12 nuclear test and vowed a firm answer.", "prk-nuclear-test-3"),
    ):
        assert set(_incidents(text, None)) == {expected}, text


# -- "a meeting of the foreign and defense ministers": the two allies' 2+2 only when the text says it is theirs --


def _two_plus_twos(text: str, kind: str) -> list[object]:
    graph = extract_text(text, dt.date(2031, 6, 3), kind)
    return [n for n in graph.nodes if is_a(n.kind, Kind.MEETING) and n.props.get("series") == "2+2"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("SEOUL, June 3 (Yonhap) -- Japan and Australia held a meeting of foreign and defense ministers in Tokyo on "
         "Tuesday, officials said.", "news"),
        ("SEOUL, June 3 (Yonhap) -- NATO held a meeting of Foreign and Defence Ministers in Brussels on Tuesday, "
         "officials said.", "news"),
        ("Joint Statement\n\nJune 3, 2031\n\nThe three countries held a meeting of Foreign and Defense Ministers in "
         "Tokyo on June 3, 2031, and agreed to deepen cooperation.", "joint_statement"),
        ("Readout\n\nOn June 3, 2031, the Secretaries held a meeting of the Korea-Japan Foreign and Defense "
         "Ministers in Seoul.\n", "joint_statement"),
    ],
)
def test_a_meeting_of_others_foreign_and_defense_ministers_is_no_rok_us_2_plus_2(text: str, kind: str) -> None:
    assert _two_plus_twos(text, kind) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The two governments held a meeting of Foreign and Defence Ministers in Seoul on June 3, 2031.",
        "The ROK and the United States held a meeting of Foreign and Defense Ministers in Seoul on June 3, 2031.",
        "The four ministers held a meeting of the Korea-US Foreign Affairs and Defense Ministers in Seoul on June 3, "
        "2031.",
    ],
)
def test_the_two_allies_meeting_of_foreign_and_defense_ministers_is_their_2_plus_2(sentence: str) -> None:
    assert len(_two_plus_twos("Joint Statement\n\n" + sentence + "\n", "joint_statement")) == 1


# -- rules as data: the participle that tells a pledge after a comma is the rule file's -------------------------


def test_the_participle_pledge_rule_reads_the_comma_and_the_participle() -> None:
    from extractors.rules.patterns import load_rules

    rule = load_rules("responses").regex("participle_pledge")
    # (a lower-case word of six letters or more ending in "ing", then a space: not a name, "sing" or "ringing.")
    text = "discussed responses to the test, reaffirming the commitment; met, Reaffirming it; met, sing; met, ringing."
    starts = [m.end() for m in rule.finditer(text)]
    assert [text[s : s + 11] for s in starts] == ["reaffirming"]
    assert rule.search(", pledging close coordination") is not None
    assert rule.search(", the commitment") is None


# -- a quotation attributed by title is an official release's, not a reporter's --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Minister Kim Meets U.S. Secretary of Defense\n\nJune 2, 2031\n\nMinister of National Defense Kim Min-soo met "
        "Secretary of Defense Pat Smith today. \u201cOur alliance is stronger than ever,\u201d Minister Kim said.\n",
        "Remarks at the Change of Command\n\nJune 2, 2031\n\n\u201cWe stand with our ally,\u201d the Secretary said at "
        "the ceremony on the parade field.\n",
        "Press Release\n\nJune 2, 2031\n\nThe ministry announced the plan. \"We will respond firmly to any "
        "provocation,\" Prime Minister Lee added.\n",
    ],
)
def test_a_release_quoting_its_principal_by_title_is_not_news(text: str) -> None:
    from extraction_probe import title_and_kind

    assert title_and_kind(text)[1] != "news"


# -- another state's nuclear test, placed at its own test site, is no North Korean test ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL, Sept. 10 (Yonhap) -- North Korea's leader toured a factory. Separately, Japan marked the atomic blast "
        "over Nagasaki with a ceremony.",
        "SEOUL, Sept. 10 (Yonhap) -- The museum exhibit recalls the first underground atomic explosion in Nevada in "
        "1951, officials said. North Korea denounced the exhibit.",
        "SEOUL, Sept. 10 (Yonhap) -- North Korea's leader toured a factory. Separately, the United States marked the "
        "anniversary of the first nuclear test at Alamogordo with a ceremony.",
    ],
)
def test_a_nuclear_test_at_another_states_site_is_not_the_norths(text: str) -> None:
    assert not [k for k in _incidents(text, dt.date(2016, 9, 10)) if str(k).startswith("prk-nuclear-test")]


def test_the_norths_nuclear_test_at_its_own_site_is_still_found() -> None:
    for text in (
        "SEOUL, Sept. 9 (Yonhap) -- North Korea carried out an underground atomic explosion at Punggye-ri on "
        "Friday, officials said.",
        "SEOUL, Sept. 9 (Yonhap) -- The allies condemned the North's nuclear test in the northeast on Friday.",
    ):
        assert "prk-nuclear-test-5" in _incidents(text, dt.date(2016, 9, 9)), text


# -- the MCM a story about a numbered SCM names: not one it names as earlier -------------------------------------


def _mcm_ordinals(second_sentence: str) -> set[object]:
    text = (
        "SEOUL, Oct. 22 (Yonhap) -- The 41st Security Consultative Meeting opened in Seoul on Thursday. "
        + second_sentence
    )
    graph = extract_text(text, dt.date(2009, 10, 22))
    return {
        n.props.get("ordinal") for n in graph.nodes if is_a(n.kind, Kind.MEETING) and n.props.get("series") == "MCM"
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan was first drafted at the previous Military Committee Meeting, officials said.",
        "Since the last Military Committee Meeting, the North has tested missiles, officials said.",
        "In the Military Committee Meeting held in 2007, the generals agreed on the plan.",
    ],
)
def test_an_earlier_mcm_a_story_names_is_not_the_one_held_with_its_scm(sentence: str) -> None:
    assert 31 not in _mcm_ordinals(sentence)


def test_the_mcm_held_with_the_storys_scm_is_still_numbered() -> None:
    assert _mcm_ordinals("In the Military Committee Meeting hours earlier, the generals agreed on the plan.") == {31}
    assert _mcm_ordinals("Following the Military Committee Meeting, the generals briefed the ministers.") == {31}
    # a weekday after the name is the story's week's day, counted from its date
    assert _mcm_ordinals("The Military Committee Meeting held in Seoul on Wednesday endorsed the plan.") == {31}
