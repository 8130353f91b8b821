"""Pledges in readouts and related statements that an eleventh-round probe of public texts misread (issue 15).

Shapes of stored public copies (DoD and State readouts of calls and meetings, KIDD joint press statements, ROK
ministry English releases, trilateral statements; read in /tmp, never copied here): a coordinated subject whose
second name carries an office word the mention leaves out ("Secretary X and Foreign Minister Y agreed"); the one
congratulated or met taken for the subject of the next verb; a speaker the text does not resolve, whose "that"-
clause opens with the ally that pledges; a ministry's passive "exercises will be further expanded" after the
ministers' own pledge; a view that the North "will bear responsibility"; a minister's advice ("should
cooperate"); what a meeting or call was for ("met ... to reaffirm their commitment to ..."); two fields named
in the record's own words. The sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, pledges


def found(text: str, date: dt.date, kind: str) -> list[tuple[frozenset[str], str]]:
    """(types, party) of each commitment of ``text``."""
    return [(types, party) for types, party, _d in pledges(extract_text(text, date, kind))]


# -- 1. "Secretary X and Foreign Minister Y": the office word does not break the pair ------------------------


def test_office_word_before_a_titled_mention_keeps_the_pair() -> None:
    # the mention of a minister in office that year begins at "Minister": "Foreign" stood alone between the names
    day = dt.date(2024, 3, 1)
    text = (
        "Secretary Blinken and Foreign Minister Cho agreed to keep working together for stability in the Taiwan "
        "Strait.\n"
    )
    assert found(text, day, "other") == [(frozenset({"RegionalCooperation"}), "KOR+USA")]
    text = "Secretary Austin and Defense Minister Shin agreed to expand combined exercises this year.\n"
    assert found(text, day, "other") == [(frozenset({"CombinedExercises"}), "KOR+USA")]


def test_office_word_after_an_object_marker_joins_nothing() -> None:
    # guard: the minister thanked is an object, the Secretary alone reaffirms
    text = (
        "Secretary Blinken thanked Foreign Minister Cho for his support and reaffirmed the U.S. commitment to the "
        "defense of the ROK.\n"
    )
    assert found(text, dt.date(2024, 3, 1), "other") == [(frozenset({"MutualDefense"}), "USA")]


# -- 2. the one congratulated or met is no subject -----------------------------------------------------------


def test_person_congratulated_is_the_object_not_the_subject() -> None:
    text = (
        "During the call, Secretary Austin congratulated Minister Lee on his appointment and underscored the U.S. "
        "commitment to the defense of the ROK.\n"
    )
    assert found(text, dt.date(2022, 5, 18), "other") == [(frozenset({"MutualDefense"}), "USA")]
    text = (
        "Secretary Austin congratulated Minister Kim Yong-hyun on his appointment and pledged to deepen trilateral "
        "cooperation with Japan.\n"
    )
    assert found(text, dt.date(2024, 9, 10), "other") == [(frozenset({"TrilateralCooperation"}), "USA")]


def test_two_who_met_together_still_pledge_together() -> None:
    # guard: "A and B met ... and reaffirmed": nobody stands after "met"
    text = (
        "Minister Shin and Secretary Austin met in Singapore and reaffirmed their commitment to extended deterrence.\n"
    )
    assert found(text, dt.date(2024, 6, 2), "other") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]


# -- 3. a speaker the text does not resolve: the ally that opens the "that"-clause pledges ---------------------


def test_unresolved_speaker_leaves_the_pledge_to_the_ally_of_the_clause() -> None:
    day = dt.date(2017, 2, 28)
    text = (
        "The special envoy reiterated that the United States stands firm in its defense commitments to the ROK "
        "and Japan.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"MutualDefense"}), "USA")]
    text = "The envoy added that the Republic of Korea remains resolute in its commitment to trilateral cooperation.\n"
    assert found(text, day, "joint_statement") == [(frozenset({"TrilateralCooperation"}), "KOR")]


def test_resolved_speaker_and_adversary_clause_are_unchanged() -> None:
    day = dt.date(2017, 2, 28)
    # guard: a named group speaks for itself
    text = (
        "The two sides reaffirmed that the United States remains steadfast in its commitment to extended deterrence.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]
    # guard: what the North must honour is no pledge
    text = "The envoy reiterated that North Korea must abide by its commitments to denuclearization.\n"
    assert found(text, day, "joint_statement") == []


# -- 4. a readout's passive will goes on with who pledged before it ---------------------------------------------


def test_passive_will_after_a_pledge_in_a_readout() -> None:
    day = dt.date(2023, 1, 31)
    text = (
        "The two ministers decided to keep strengthening extended deterrence. Combined exercises will be "
        "expanded in scale this year.\n"
    )
    assert found(text, day, "other") == [
        (frozenset({"ExtendedDeterrence"}), "KOR+USA"),
        (frozenset({"CombinedExercises"}), "KOR+USA"),
    ]
    text = (
        "Secretary Austin reaffirmed the U.S. commitment to extended deterrence. Strategic assets will be "
        "deployed to the peninsula more often.\n"
    )
    assert found(text, day, "other") == [
        (frozenset({"ExtendedDeterrence"}), "USA"),
        (frozenset({"ExtendedDeterrence"}), "USA"),
    ]


def test_passive_will_in_news_or_a_new_paragraph_stays_unowned() -> None:
    day = dt.date(2023, 1, 31)
    first = "The two ministers decided to keep strengthening extended deterrence."
    second = "Combined exercises will be expanded in scale this year.\n"
    assert found(f"{first} {second}", day, "news") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]
    assert found(f"{first}\n\n{second}", day, "other") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]


# -- 5. what the North will bear is no pledge --------------------------------------------------------------------


def test_adversary_consequence_in_a_view_is_no_pledge() -> None:
    day = dt.date(2013, 2, 22)
    text = (
        "The two sides affirmed the view, stated at the trilateral talks in Tokyo, that if North Korea carries "
        "out further provocations, it will bear responsibility for the consequences it will face.\n"
    )
    assert found(text, day, "joint_statement") == []
    text = (
        "They agreed that if the DPRK conducts another nuclear test, it will face further isolation from the "
        "international community.\n"
    )
    assert found(text, day, "joint_statement") == []


def test_attack_met_with_a_response_stays_declaratory() -> None:
    # guard: the passive answer to an attack is the allies' declaratory pledge
    for answer in ("be met with a decisive response", "face a swift and decisive response"):
        text = f"They agreed that if North Korea attacks the ROK, it will {answer} of the alliance.\n"
        (types, party), *_ = found(text, dt.date(2013, 2, 22), "joint_statement")
        assert "DeclaratoryPolicy" in types and party == "KOR+USA", answer


# -- 6. a minister's advice is no pledge ------------------------------------------------------------------------


def test_advice_said_with_should_is_no_pledge() -> None:
    day = dt.date(2023, 6, 14)
    text = (
        "Minister Lee emphasized that the two defense ministries should cooperate closely to strengthen the U.S. "
        "commitment to extended deterrence.\n"
    )
    assert found(text, day, "other") == []
    text = "The Minister stressed that the allies should expand combined exercises next year.\n"
    assert found(text, day, "joint_statement") == []


def test_agreed_that_they_should_still_pledges() -> None:
    # guard: an agreement worded with "should" is the parties' pledge
    text = "The two sides agreed that the allies should expand combined exercises next year.\n"
    assert found(text, dt.date(2023, 6, 14), "joint_statement") == [(frozenset({"CombinedExercises"}), "KOR+USA")]


# -- 7. what a meeting or call was for ---------------------------------------------------------------------------


def test_purpose_of_a_meeting_or_call_is_a_pledge() -> None:
    text = (
        "The foreign ministers of the United States, Japan and the Republic of Korea met today in New York to "
        "reaffirm their commitment to trilateral cooperation.\n"
    )
    assert found(text, dt.date(2022, 9, 22), "joint_statement") == [
        (frozenset({"TrilateralCooperation"}), "JPN+KOR+USA")
    ]
    text = "President Biden spoke today with President Yoon to stress his commitment to strengthening the alliance.\n"
    assert found(text, dt.date(2023, 2, 3), "other") == [(frozenset({"AllianceCooperation"}), "USA")]


def test_purpose_that_is_a_view_or_a_forecast_is_none() -> None:
    day = dt.date(2023, 2, 3)
    text = "President Biden met today with President Yoon to reaffirm the strength of the alliance.\n"
    assert found(text, day, "other") == []
    text = "The ministers are expected to reaffirm their commitment to trilateral cooperation.\n"
    assert found(text, day, "news") == []


# -- 8. fields in the record's own words ------------------------------------------------------------------------


def test_cooperation_in_the_region_and_emergency_aid_are_fields() -> None:
    day = dt.date(2023, 2, 3)
    text = "The two sides agreed to expand trilateral drills with Japan and deeper cooperation in the region.\n"
    ((types, party),) = found(text, day, "joint_statement")
    assert "RegionalCooperation" in types and party == "KOR+USA"
    text = (
        "The three leaders committed to continue building on the emergency aid their countries delivered after "
        "the earthquake.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"GlobalSecurityCooperation"}), "JPN+KOR+USA")]


def test_aid_alone_is_no_global_field() -> None:
    # guard: the plain word "aid" names no field
    text = (
        "The three leaders committed to continue building on the aid their countries delivered after the earthquake.\n"
    )
    assert found(text, dt.date(2023, 2, 3), "joint_statement") == [(frozenset({"AllianceCooperation"}), "JPN+KOR+USA")]


# -- second probe of the round: trilateral vice-ministerial texts, a ministry's outcome release, a wire copy ------

TRILATERAL_OPENING = (
    "The First Vice Foreign Minister of the Republic of Korea, the Deputy Secretary of State of the United States "
    "and the Vice Minister for Foreign Affairs of Japan met in Seoul.\n\n"
)


def test_rank_before_a_title_keeps_the_pair() -> None:
    # "The Vice Ministers and Deputy Secretary agreed": "Deputy" stood alone between the two references
    day = dt.date(2024, 10, 16)
    text = (
        TRILATERAL_OPENING
        + "The Vice Ministers and Deputy Secretary agreed to further advance trilateral cooperation.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"TrilateralCooperation"}), "JPN+KOR+USA")]
    text = TRILATERAL_OPENING + (
        "The Vice Ministers and the Acting Deputy Secretary committed to deepen trilateral cooperation on maritime "
        "security.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"TrilateralCooperation"}), "JPN+KOR+USA")]


def test_deputy_secretary_alone_is_the_united_states() -> None:
    # guard
    text = TRILATERAL_OPENING + "The Deputy Secretary agreed to further advance trilateral cooperation.\n"
    assert found(text, dt.date(2024, 10, 16), "joint_statement") == [(frozenset({"TrilateralCooperation"}), "USA")]


def test_praise_of_what_was_done_is_no_pledge() -> None:
    day = dt.date(2024, 10, 16)
    text = (
        "They applauded the first trilateral exercise, which illustrates the three countries' shared commitment to "
        "regional peace.\n"
    )
    assert found(text, day, "joint_statement") == []
    text = (
        "The ministers celebrated the signing of the framework that reflects their commitment to trilateral "
        "cooperation.\n"
    )
    assert found(text, day, "joint_statement") == []


def test_praise_then_a_pledge_still_pledges() -> None:
    # guard
    text = "They applauded the exercise and committed to hold combined exercises again next year.\n"
    assert found(text, dt.date(2024, 10, 16), "joint_statement") == [(frozenset({"CombinedExercises"}), "KOR+USA")]


def test_adversarys_pledge_highlighted_is_no_alliance_pledge() -> None:
    day = dt.date(2018, 7, 26)
    text = "The two sides highlighted North Korea's reaffirmation of its commitment to complete denuclearization.\n"
    assert found(text, day, "joint_statement") == []
    text = "The delegations stressed the DPRK's pledge to dismantle its missile engine test site.\n"
    assert found(text, day, "joint_statement") == []


def test_allys_commitment_highlighted_still_pledges() -> None:
    # guard
    text = "The two sides highlighted the United States' commitment to extended deterrence.\n"
    assert found(text, dt.date(2018, 7, 26), "joint_statement") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]


def test_pledges_made_at_another_meeting_are_cited_not_made() -> None:
    day = dt.date(2024, 1, 5)
    text = "The dialogue built upon commitments made during the Trilateral Leaders' Summit at Camp David.\n"
    assert found(text, day, "joint_statement") == []
    text = "Today's discussion advanced the pledges undertaken at the summit on regional security.\n"
    assert found(text, day, "joint_statement") == []


def test_a_standing_commitment_noun_still_pledges() -> None:
    # guard
    text = "The trilateral commitment to regional security remains firm.\n"
    assert found(text, dt.date(2024, 1, 5), "joint_statement") == [
        (frozenset({"RegionalCooperation", "TrilateralCooperation"}), "JPN+KOR+USA")
    ]


# -- "the Foreign Minister" of a readout of the two allies --------------------------------------------------------

BILATERAL_OPENING = (
    "Secretary of State Antony J. Blinken met with Republic of Korea Foreign Minister Chung Eui-yong in London "
    "today.\n\n"
)
TRILATERAL_FM_OPENING = (
    "Secretary Blinken, Foreign Minister Hayashi of Japan and Foreign Minister Park of the Republic of Korea met in "
    "New York.\n\n"
)


def test_the_foreign_minister_is_the_rok_in_a_bilateral_readout() -> None:
    day = dt.date(2021, 6, 12)
    text = BILATERAL_OPENING + (
        "The Secretary and the Foreign Minister reaffirmed their commitment to the complete denuclearization of the "
        "Korean Peninsula.\n"
    )
    assert found(text, day, "other") == [(frozenset({"Denuclearization"}), "KOR+USA")]
    text = (
        BILATERAL_OPENING + "The Foreign Minister and the Secretary agreed to expand cooperation in the Indo-Pacific.\n"
    )
    assert found(text, day, "other") == [(frozenset({"RegionalCooperation"}), "KOR+USA")]


def test_the_foreign_minister_of_a_trilateral_text_names_no_one_party() -> None:
    # guards: three allies' foreign ministers, and one named by his state
    day = dt.date(2022, 9, 22)
    text = TRILATERAL_FM_OPENING + "The Foreign Minister reaffirmed the commitment to trilateral cooperation.\n"
    assert found(text, day, "joint_statement") == [(frozenset({"TrilateralCooperation"}), "JPN+KOR+USA")]
    text = TRILATERAL_FM_OPENING + (
        "The Secretary and the Foreign Minister of Japan reaffirmed their commitment to trilateral cooperation.\n"
    )
    assert all("KOR" not in party for _types, party in found(text, day, "joint_statement"))
