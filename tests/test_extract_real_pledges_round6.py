"""Parties and types of pledges in the shapes a sixth probe of public texts found wrong (issue 15).

Shapes of stored public copies of trilateral statements released by one government's office
(kind ``other`` or a joint statement whose opening lists the three governments), trilateral
national security advisers' statements and SCM communiqués. The sentences are written for the
tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

DAY = dt.date(2031, 3, 4)


def read(text: str, kind: str = "other", date: dt.date = DAY) -> set[tuple[frozenset[str], str]]:
    return {(types, party) for types, party, _ in pledges(extract_text(text, date, kind))}


# -- 1. a release that opens with the three allies acting together is a trilateral's ---------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "Office of the Press Secretary\n"
            "Japan, the Republic of Korea, and the United States denounce the ballistic missile the DPRK fired "
            "this morning.\n"
            "The Ministers agreed to cooperate so that every member state carries out the UN Security Council "
            "resolutions on the DPRK in full.",
            "other",
            id="office-release-japan-first",
        ),
        pytest.param(
            "The following statement was issued by the Governments of the United States, the Republic of Korea "
            "(ROK), and Japan.\n"
            "We will work with partners at the United Nations so that the sanctions imposed on the DPRK are "
            "enforced without gaps.",
            "joint_statement",
            id="joint-statement-release-line",
        ),
        pytest.param(
            "U.S., S. Korea, Japan denounce latest North Korean launch\n"
            "The foreign ministers spoke by telephone on Sunday. They affirmed they will work together so that "
            "the Security Council resolutions on North Korea are implemented by all states.",
            "other",
            id="headline-list",
        ),
    ],
)
def test_the_three_listed_in_the_opening_make_joint_pledges_trilateral(text: str, kind: str) -> None:
    assert read(text, kind) == {(frozenset({"SanctionsEnforcement"}), "JPN+KOR+USA")}


def test_a_news_story_opening_with_the_three_keeps_its_bilateral_allies() -> None:
    # guard: in a news story "the allies" after a bilateral sentence are still the two
    text = (
        "SEOUL -- South Korea, the United States and Japan began sharing radar data on Monday, officials said.\n"
        "Separately, South Korea and the United States met in Washington last week. The allies agreed to hold "
        "combined exercises with a nuclear scenario next summer, an official said."
    )
    found = read(text, "news")
    assert found and all(party == "KOR+USA" for _, party in found)


def test_a_bilateral_release_stays_bilateral() -> None:
    # guard: the ROK and the United States alone in the opening
    text = (
        "Office of the Spokesperson\n"
        "The United States and the Republic of Korea denounce the DPRK's launch of a ballistic missile today.\n"
        "The Ministers agreed to cooperate so that every member state carries out the UN Security Council "
        "resolutions on the DPRK in full."
    )
    assert read(text) == {(frozenset({"SanctionsEnforcement"}), "KOR+USA")}


# -- 2. cutting off the regime's illicit revenue is sanctions enforcement ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The two sides will keep working with the international community to cut off the DPRK's illicit "
            "revenue generation through overseas laborers and crypto theft.",
            id="illicit-revenue-generation",
        ),
        pytest.param(
            "The Ministers pledged to choke off the illicit revenues that pay for Pyongyang's weapons programs.",
            id="illicit-revenues",
        ),
        pytest.param(
            "Both sides committed to close the illicit revenue sources the North uses to evade the UN measures.",
            id="revenue-sources",
        ),
    ],
)
def test_blocking_illicit_revenue_is_sanctions_enforcement(sentence: str) -> None:
    assert read(sentence, "joint_statement") == {(frozenset({"SanctionsEnforcement"}), "KOR+USA")}


def test_naming_illicit_revenue_in_a_view_pledges_nothing() -> None:
    # guard: an assessment that names the revenue is no pledge
    found = read(
        "The Ministers noted that the DPRK's illicit revenue generation pays for its weapons programs.",
        "joint_statement",
    )
    assert found == set()


# -- 3. the three's own words: "our nations", the national security advisers, a series of verbs -----

TRI_OPENING = (
    "Office of the Spokesperson\n"
    "Japan, the United States, and the Republic of Korea denounce the missiles the DPRK fired on Sunday.\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Our nations are also committed to deepen trilateral security cooperation.",
            {(frozenset({"TrilateralCooperation"}), "JPN+KOR+USA")},
            id="our-nations-are-also-committed",
        ),
        pytest.param(
            "Our three countries are firmly committed to the complete denuclearization of the Korean Peninsula.",
            {(frozenset({"Denuclearization", "TrilateralCooperation"}), "JPN+KOR+USA")},
            id="our-three-countries",
        ),
        pytest.param(
            "The national security advisers stated their intent to step up their joint efforts for regional security.",
            {(frozenset({"RegionalCooperation"}), "JPN+KOR+USA")},
            id="advisers-stated-their-intent",
        ),
    ],
)
def test_the_three_pledge_in_their_own_words(sentence: str, expected: set[tuple[frozenset[str], str]]) -> None:
    assert read(TRI_OPENING + sentence) == expected


def test_our_nations_in_a_bilateral_release_are_the_two() -> None:
    # guard: without the three in the opening "our nations" are the ROK and the United States
    text = (
        "Office of the Spokesperson\n"
        "The United States and the Republic of Korea denounce the missiles the DPRK fired on Sunday.\n"
        "Our nations are also committed to the complete denuclearization of the Korean Peninsula."
    )
    assert read(text) == {(frozenset({"Denuclearization"}), "KOR+USA")}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param(
            TRI_OPENING
            + "The three governments denounce the launches, commit to reinforce trilateral cooperation toward "
            "the complete denuclearization of the Korean Peninsula, and stress that dialogue remains open.",
            "other",
            {(frozenset({"Denuclearization", "TrilateralCooperation"}), "JPN+KOR+USA")},
            id="present-series",
        ),
        pytest.param(
            "The Minister and the Secretary denounced the test, pledged to reinforce the combined defense "
            "posture, and urged the North to return to talks.",
            "joint_statement",
            {(frozenset({"MutualDefense"}), "KOR+USA")},
            id="past-series-closed-by-a-verb",
        ),
    ],
)
def test_a_pledge_verb_in_a_series_of_verbs_is_the_subjects_pledge(
    text: str, kind: str, expected: set[tuple[frozenset[str], str]]
) -> None:
    assert read(text, kind) == expected


def test_a_past_verb_after_a_comma_without_a_closing_verb_is_not_read_as_a_series() -> None:
    # guard: "the forces, committed to ..." may be a participle; without a later verb of the series
    # ("..., and urged ...") the rule does not read the past form as the subject's verb
    found = read(
        "The Minister and the Secretary denounced the test, committed to reinforce the combined defense posture.",
        "joint_statement",
    )
    assert found == set()


# -- 4. "security commitments", plural, are the defence pledge as the singular is -------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The United States reaffirms unequivocally its ironclad security commitments to the Republic of Korea.",
            id="reaffirms-ironclad-security-commitments",
        ),
        pytest.param(
            "The Secretary stressed that the United States will honor its security commitments to its ally.",
            id="will-honor-security-commitments",
        ),
    ],
)
def test_security_commitments_are_mutual_defense(sentence: str) -> None:
    assert read(sentence, "joint_statement") == {(frozenset({"MutualDefense"}), "USA")}


def test_security_commitments_in_a_welcome_pledge_nothing() -> None:
    # guard: a welcome that names the commitments makes none
    found = read(
        "The Ministers welcomed a study of the history of security commitments in Northeast Asia.",
        "joint_statement",
    )
    assert found == set()


# -- review guards: revenue of a business is no sanction; concern about another's intent is no pledge ----


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers committed to expanding trade and developing new sources of revenue for small businesses in "
        "both countries.",
        "The ministers pledged to deepen cooperation on supply chains and revenue generation in the clean energy "
        "sector.",
    ],
)
def test_revenue_outside_sanctions_is_not_sanctions_enforcement(sentence: str) -> None:
    from extraction_probe import extract_text, pledges

    found = pledges(extract_text(sentence, dt.date(2023, 5, 3), "joint_statement"))
    assert found and all("SanctionsEnforcement" not in types for types, _, _ in found), found


def test_concern_about_anothers_intent_is_no_pledge() -> None:
    from extraction_probe import extract_text, pledges

    text = "The ministers expressed concern about Pyongyang's stated intent to expand its nuclear arsenal."
    assert pledges(extract_text(text, dt.date(2023, 5, 3), "joint_statement")) == []


def test_the_two_sides_stay_two_in_a_release_that_names_three_allies() -> None:
    from extraction_probe import extract_text, pledges

    text = (
        "Press release\n\nSeoul, April 26, 2023 -- The United States, Japan, and the Republic of Korea each "
        "announced new sanctions this week. Seoul and Washington held talks today. The two sides committed to "
        "strengthen extended deterrence.\n"
    )
    found = pledges(extract_text(text, dt.date(2023, 4, 26), "other"))
    assert found and {party for _, party, _ in found} == {"KOR+USA"}, found
