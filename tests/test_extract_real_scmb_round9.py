"""SCM communiqués of 2012-2024 as a ninth probe of public copies showed failing (issue 15).

The probe read the 47th-56th SCM communiqués in copies nobody had read: a hard-wrapped USFK copy, agency
reprints, a defense.gov archive page, a newspaper's own translation under a photo caption, reposts without a
heading, and Defense White Paper flip-book pages from the middle of a communiqué. Every text below is written for
these tests in those shapes (offices, ordinals and dates are public facts or invented), none is copied from a
copy. Each pattern has at least two variants, and each rule a guard that keeps what it must not change.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import SCM_DAY as DAY
from extraction_probe import extract_text, make_doc, pledges
from extraction_probe import scm_pledges as read

from extractors.metadata import infer_date, infer_title
from extractors.rules.text import paragraphs

# -- the wartime OPCON transition's own words: the future command, its capability stages, its principles -------


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "The Secretary and the Minister approved the updated Future Command arrangement and the terms of "
            "reference for the combined command.",
            {"OpconTransition"},
            id="future-command-paper",
        ),
        pytest.param(
            "The two sides are to work toward full operational capability verification of the ROK-led combined "
            "defense posture next year.",
            {"OpconTransition"},
            id="foc-verification",
        ),
        pytest.param(
            "The two sides decided to complete the full mission capability assessment in 2032.",
            {"OpconTransition"},
            id="fmc-assessment",
        ),
        pytest.param(
            "The Minister and the Secretary agreed to carry out the initial operational capability certification "
            "of the new combined command this year.",
            {"OpconTransition"},
            id="ioc-certification",
        ),
        pytest.param(
            "The Minister and the Secretary signed the Alliance Guiding Principles to keep the combined defense "
            "strong after the transition.",
            {"OpconTransition", "MutualDefense"},
            id="guiding-principles",
        ),
        pytest.param(
            "The Secretary and the Minister agreed that the future CFC is to be led by an ROK general with a U.S. "
            "general as its deputy.",
            {"OpconTransition"},
            id="future-cfc",
        ),
    ],
)
def test_the_transitions_own_words_type_it(sentence: str, types: set[str]) -> None:
    assert read(sentence) == {(frozenset(types), "KOR+USA")}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Secretary and the Minister decided to keep the present CFC structure.",
        "The two sides agreed to keep the CFC as the center of the combined defense.",
    ],
    ids=["cfc-structure", "cfc-center"],
)
def test_the_combined_command_by_its_acronym_is_combined_defense(sentence: str) -> None:
    assert {t for types, _ in read(sentence) for t in types} == {"MutualDefense"}


def test_an_operational_capability_outside_the_transition_keeps_its_field() -> None:
    # guard: a battery or a satellite reaching its full capability is no step of the transition
    for sentence in (
        "The Secretary and the Minister pledged to bring the THAAD battery to full operational capability soon.",
        "The two sides committed to reach initial operational capability of the shared space surveillance system.",
        # ... nor a battery's full mission capability, nor the future command and control of an exercise
        "The Secretary and the Minister agreed to reach full mission capability of the new missile defense battery.",
        "The two sides agreed to develop future command and control systems for combined space operations.",
        "The Minister and the Secretary pledged to hold a future command post exercise on cyber defense.",
    ):
        found = read(sentence)
        assert found
        assert all("OpconTransition" not in types for types, _ in found)


# -- what a pledge cites or the circumstance it is kept in is not its field ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "The Minister and the Secretary reaffirmed the two nations' firm mutual commitment to a combined defense "
            "posture to defend the ROK as stated in the Mutual Defense Treaty, and as reflected in the Washington "
            "Declaration.",
            {"MutualDefense"},
            id="as-reflected-in-a-declaration",
        ),
        pytest.param(
            "The two sides pledged to keep a strong combined defense posture, as agreed in the Washington "
            "Declaration.",
            {"MutualDefense"},
            id="as-agreed-in",
        ),
        pytest.param(
            "The Secretary and the Minister pledged to maintain a robust combined defense posture during the process "
            "of easing military tension and achieving complete denuclearization.",
            {"MutualDefense"},
            id="during-the-process-of",
        ),
        pytest.param(
            "The Minister and the Secretary committed to the complete denuclearization of the peninsula in "
            "accordance with UN Security Council resolutions.",
            {"Denuclearization"},
            id="in-accordance-with-resolutions",
        ),
    ],
)
def test_a_cited_document_or_circumstance_gives_way(sentence: str, types: set[str]) -> None:
    assert read(sentence) == {(frozenset(types), "KOR+USA")}


@pytest.mark.parametrize(
    ("sentence", "party", "expected"),
    [
        pytest.param(
            "The two sides reaffirmed their commitment to the Alliance as set forth in the Mutual Defense Treaty.",
            "KOR+USA",
            "MutualDefense",
            id="cited-alone-stays",
        ),
        pytest.param(
            "The Secretary offered assurances of firm U.S. commitment and immediate support to the ROK, including "
            "extended deterrence, consistent with the Mutual Defense Treaty.",
            "USA",
            "MutualDefense",
            id="consistent-with-is-no-citation",
        ),
    ],
)
def test_a_cited_document_that_is_all_or_part_of_the_pledge_stays(sentence: str, party: str, expected: str) -> None:
    found = read(sentence)
    assert {p for _, p in found} == {party}
    assert any(expected in types for types, _ in found)


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "The Ministers committed to keeping a strong combined defense posture during the process of the "
            "transition, including by widening extended deterrence and expanding combined exercises.",
            {"MutualDefense", "ExtendedDeterrence", "CombinedExercises"},
            id="during-the-process-of-then-including",
        ),
        pytest.param(
            "The Secretary pledged to keep the combined defense posture strong during the process of the transition, "
            "while widening trilateral cooperation with Japan.",
            {"MutualDefense", "TrilateralCooperation"},
            id="during-the-process-of-then-while",
        ),
        pytest.param(
            "The Secretary restated the U.S. commitment to the defense of the ROK in accordance with the Mutual "
            "Defense Treaty and to provide extended deterrence with the full range of capabilities.",
            {"MutualDefense", "ExtendedDeterrence"},
            id="in-accordance-with-then-and-to",
        ),
    ],
)
def test_the_pledge_goes_on_after_what_it_cites(sentence: str, types: set[str]) -> None:
    # guard: the citation or circumstance ends where the pledge goes on ("including", "while", "and to")
    assert {t for found, _ in read(sentence) for t in found} == types


# -- a flip-book page from the middle of a communiqué, and a news page under a photo caption ------------------


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            "Page 71 - 2031 Defense White Paper\nP. 71\n\n"
            "order to defend the ROK. The two sides honored the Combined Forces Command, which has kept the peace "
            "since its establishment in November 7, 1978, and pledged to keep it strong.\n",
            id="establishment-in",
        ),
        pytest.param(
            "Page 40 - 2031 Defense White Paper\nP. 40\n\n"
            "and the region. The Minister praised the command, which has served the alliance since its creation on "
            "July 1, 1957, and the Secretary thanked the service members.\n",
            id="creation-on",
        ),
    ],
)
def test_a_founding_day_is_not_the_pages_date(page: str) -> None:
    assert infer_date(page)[0] is None


def test_a_heading_date_still_dates_a_page_that_names_a_founding_day() -> None:
    text = (
        "Joint Communiqué of the 63rd ROK-U.S. Security Consultative Meeting\n\nSeoul, October 9, 2031\n\n"
        "1. The two sides marked the anniversary of the command's establishment in November 7, 1978.\n"
    )
    assert infer_date(text)[0] == DAY


@pytest.mark.parametrize(
    "caption",
    [
        "Minister of National Defense Kim Min-soo (right) and U.S. Secretary of Defense Pat Smith pose for a photo "
        "before their meeting at the ministry in Seoul on the 9th. Photo by Joint Press Corps",
        "Defense Minister Kim Min-soo shakes hands with U.S. Defense Secretary Pat Smith at the 63rd Security "
        "Consultative Meeting in Seoul on the 9th. (Photo = Joint Press Corps)",
    ],
    ids=["photo-by", "photo-equals"],
)
def test_a_photo_caption_is_never_the_title(caption: str) -> None:
    text = (
        caption + "\n"
        "[Example Daily reporter Lee Ji-hoon] On the 9th, the defense chiefs of the two countries held the 63rd "
        "Security Consultative Meeting in Seoul and issued a joint statement of 20 articles.\n"
        "Below is the full text of the joint statement.\n"
        "1. The 63rd Security Consultative Meeting between the Republic of Korea and the United States was held in "
        "Seoul on October 9, 2031.\n"
    )
    doc = make_doc(text, DAY, "news")
    title = infer_title(text, paragraphs(doc))
    assert title is None or "photo" not in title.lower()


def test_a_headline_about_a_photo_exhibition_stays_the_title() -> None:
    text = (
        "Photo exhibition marks 78 years of the alliance in Seoul\n\n"
        "SEOUL, Oct. 9 (Example) -- A photo exhibition on the alliance opened on Thursday at the war memorial.\n"
    )
    doc = make_doc(text, DAY, "news")
    assert infer_title(text, paragraphs(doc)) == "Photo exhibition marks 78 years of the alliance in Seoul"


# -- holdout pages (read after the rules above): the headquarters' move, camp returns, "the two", S&T ---------


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "The Minister and the Secretary pledged to finish the CFC Headquarters relocation without delay.",
            {"ForcePresence"},
            id="cfc-headquarters-relocation",
        ),
        pytest.param(
            "The two sides committed to complete the relocation of the Combined Forces Command to the garrison next "
            "year.",
            {"ForcePresence"},
            id="relocation-of-the-command",
        ),
        pytest.param(
            "The Secretary and the Minister agreed to settle the remaining camp returns through the joint "
            "environmental procedure.",
            {"ForcePresence"},
            id="camp-returns",
        ),
    ],
)
def test_moving_the_combined_command_is_a_basing_pledge(sentence: str, types: set[str]) -> None:
    assert read(sentence) == {(frozenset(types), "KOR+USA")}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Minister and the Secretary praised the new joint laboratories. The two also decided to widen science "
        "and technology cooperation on autonomous systems.",
        "The Secretary and the Minister reviewed the training areas. Accordingly, the two pledged to take the "
        "steps needed to expand combined training.",
    ],
    ids=["the-two-also-decided", "the-two-pledged"],
)
def test_a_bare_the_two_is_both_parties(sentence: str) -> None:
    found = read(sentence)
    assert found
    assert {p for _, p in found} == {"KOR+USA"}


def test_a_bare_the_two_in_a_news_story_is_both_parties() -> None:
    # a communique makes both parties its default subject, so the tests above pass without the rule; a news story
    # whose last subject is one of them does not
    text = (
        "SEOUL, Oct. 9 (Example) -- U.S. Defense Secretary Pat Smith met South Korean Defense Minister Kim Min-soo "
        "in Seoul on Thursday. Smith praised the new joint laboratories at the ministry. The two also decided to "
        "widen science and technology cooperation on autonomous systems.\n"
    )
    found = pledges(extract_text(text, DAY, "news"))
    assert [(t, p) for t, p, d in found if d.startswith("The two also")] == [
        (frozenset({"DefenseIndustryCooperation"}), "KOR+USA")
    ]


def test_science_and_technology_cooperation_is_defense_industry_cooperation() -> None:
    found = read(
        "The Minister and the Secretary assessed that defense science and technology cooperation adds to the "
        "Alliance's capabilities, and resolved to seek ways to deepen and widen that cooperation."
    )
    assert found == {(frozenset({"DefenseIndustryCooperation"}), "KOR+USA")}


def test_the_two_koreas_are_no_party() -> None:
    # guard: "the two" before a noun is not the allies
    found = read("The Secretary and the Minister noted that the two Koreas agreed to reopen the liaison office.")
    assert found == set()


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            "Page 66 - 2031 Defense White Paper\nP. 66\n\n"
            "systems. The Minister and the Secretary lauded the first space table-top exercise in Seoul in September "
            "2030, and pledged to widen space coordination.\n",
            id="month-in-prose",
        ),
        pytest.param(
            "Page 81 - 2031 Defence White Paper\nP. 81\n"
            "8. The Minister and the Secretary reviewed the move that the two sides had approved at the June 3, 2030, "
            "ministerial-level meeting, and pledged to finish it.\n",
            id="the-day-of-another-meeting",
        ),
    ],
)
def test_a_day_or_month_that_prose_gives_to_an_event_is_not_the_pages_date(page: str) -> None:
    assert infer_date(page)[0] is None


def test_a_month_line_under_a_title_still_dates_a_study() -> None:
    text = "The Alliance at Eighty: A Study of Combined Defense\n\nMarch 2031\n\nThis paper examines the alliance.\n"
    assert infer_date(text)[0] == dt.date(2031, 3, 1)


@pytest.mark.parametrize(
    "headline",
    [
        "Pentagon releases satellite image: new activity at the launch site",
        "Allies mark 78 years of the alliance with a photo by the DMZ",
        "Defense chiefs in photo: a handshake before the 63rd SCM",
    ],
    ids=["image-colon", "photo-by-a-place", "in-photo"],
)
def test_a_headline_that_names_a_photo_stays_the_title(headline: str) -> None:
    # guard of the caption rule: the credit closes a caption (after its last sentence, or in brackets)
    text = headline + "\n\nSEOUL, Oct. 9 (Example) -- The allies announced the plan on Thursday.\n"
    assert infer_title(text, paragraphs(make_doc(text, DAY, "news"))) == headline


def test_a_caption_credited_to_a_ministry_is_never_the_title() -> None:
    caption = (
        "Defense Minister Kim Min-soo and Secretary Pat Smith review an honor guard in Seoul on the 9th. Photo "
        "courtesy of the Ministry of National Defense"
    )
    text = caption + "\n\nSEOUL, Oct. 9 (Example) -- The 63rd Security Consultative Meeting was held in Seoul.\n"
    title = infer_title(text, paragraphs(make_doc(text, DAY, "news")))
    assert title is None or "courtesy" not in title
