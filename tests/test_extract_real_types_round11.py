"""Commitment types (and one of who commits) that an eleventh-round probe of public texts misread (issue 15).

Shapes of stored public copies (SCM communiqués of 2003-2006 on aggregator and document-sharing pages, a news
report of the 2024 trilateral summit in Lima, a newspaper's reprint of the 2017 Hamburg trilateral statement, the
2023 Camp David texts; read in /tmp, never copied here): the name of the forum a pledge is kept at typing it;
the forces between which consultations are held typing them as force presence; a pledge whose field the sentence
before named ("support for full recovery" after condolences for a hurricane's damage; "deployment of forces" after
a decision to send forces to Iraq); a view before a pledge, or listed with it, lending its field; the long name of
THAAD; adopting a meeting's own statement; an offer to the DPRK typed as alliance cooperation. The sentences are
written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, pledges, scm_pledges


def found(text: str, date: dt.date, kind: str) -> list[tuple[frozenset[str], str]]:
    """(types, party) of each commitment of ``text``."""
    return [(types, party) for types, party, _d in pledges(extract_text(text, date, kind))]


# -- 1. the forum a pledge is kept at is not its field ------------------------------------------------------------


def test_forum_name_types_no_pledge() -> None:
    got = scm_pledges(
        "The two sides pledged to keep a vigilant counter-terrorism posture at the Asia-Pacific Economic Cooperation "
        "(APEC) Economic Leaders' Meeting to be held in Busan."
    )
    assert got == {(frozenset({"GlobalSecurityCooperation"}), "KOR+USA")}
    got = scm_pledges(
        "The Minister and the Secretary agreed to coordinate counter-piracy efforts during the ASEAN Regional Forum."
    )
    assert got == {(frozenset({"GlobalSecurityCooperation"}), "KOR+USA")}


def test_forum_named_where_the_leaders_met_types_nothing() -> None:
    # a forum's name in a relative clause ("where the ... summit was held") and nothing else: the broadest concept
    text = (
        "The three leaders held a separate meeting in Lima, where the Asia-Pacific Economic Cooperation (APEC) "
        "summit took place, and pledged to work together closely.\n"
    )
    assert found(text, dt.date(2030, 11, 16), "news") == [(frozenset({"AllianceCooperation"}), "JPN+KOR+USA")]


def test_region_that_is_no_name_keeps_its_field() -> None:
    # guard: "in the Asia-Pacific" and "regional partners" are the pledge's own field
    got = scm_pledges("The two sides agreed at the meeting to deepen cooperation in the Asia-Pacific.")
    assert got == {(frozenset({"RegionalCooperation"}), "KOR+USA")}
    got = scm_pledges("The two sides agreed to work with ASEAN and other regional partners.")
    assert got == {(frozenset({"RegionalCooperation"}), "KOR+USA")}


# -- 2. the forces between which consultations are held -----------------------------------------------------------


def test_forces_between_which_they_consult_are_no_field() -> None:
    got = scm_pledges("The Minister assured continuing close consultations between ROK and U.S. forces in this regard.")
    assert got == {(frozenset({"ConsultationMechanism"}), "KOR")}
    got = scm_pledges("The two sides agreed to expand combined exercises between the ROK Navy and U.S. forces.")
    assert got == {(frozenset({"CombinedExercises"}), "KOR+USA")}


def test_forces_that_are_the_object_keep_force_presence() -> None:
    # guard: the forces' posture is the field; "between" alone with nothing else keeps what it names
    got = scm_pledges("The two sides agreed to maintain the current level of U.S. forces in Korea.")
    assert got == {(frozenset({"ForcePresence"}), "KOR+USA")}
    got = scm_pledges("The Secretary pledged to keep the balance between U.S. forces on the peninsula and in Japan.")
    assert got == {(frozenset({"ForcePresence"}), "USA")}


# -- 3. the field the sentence before named -----------------------------------------------------------------------


def test_will_without_a_field_takes_the_field_of_the_sentence_before() -> None:
    got = scm_pledges(
        "The Minister offered condolences for the damage the hurricanes had caused in Texas. The Minister "
        "expressed the ROK government's commitment to provide strong support for a full recovery."
    )
    assert got == {(frozenset({"GlobalSecurityCooperation"}), "KOR")}
    got = scm_pledges(
        "The Secretary expressed sympathy for the victims of the typhoon in the Philippines. The two sides "
        "pledged to work together to help the people rebuild."
    )
    assert got == {(frozenset({"GlobalSecurityCooperation"}), "KOR+USA")}


def test_will_after_a_sentence_of_several_fields_or_none_is_general() -> None:
    # guard: the sentence before names two fields, or none: the broadest concept, as on main
    got = scm_pledges(
        "The Minister reviewed the OPCON transition and the Special Measures Agreement. The two sides pledged "
        "to work together closely."
    )
    assert got == {(frozenset({"AllianceCooperation"}), "KOR+USA")}
    got = scm_pledges(
        "The Minister thanked the Secretary for his visit. The two sides pledged to work together closely."
    )
    assert got == {(frozenset({"AllianceCooperation"}), "KOR+USA")}


def test_cue_word_takes_the_field_the_paragraph_gave_it() -> None:
    got = scm_pledges(
        "The Secretary welcomed the decision to send additional forces to Afghanistan. He promised that the U.S. "
        "would work closely with the ROK to ensure a timely deployment of forces."
    )
    assert got == {(frozenset({"GlobalSecurityCooperation"}), "USA")}
    got = scm_pledges(
        "The Minister noted the plan to send engineering troops to the peacekeeping mission. The two sides agreed "
        "to support the troops closely."
    )
    assert got == {(frozenset({"GlobalSecurityCooperation"}), "KOR+USA")}


def test_cue_word_the_paragraph_did_not_name_keeps_its_concept() -> None:
    # guard: no earlier sentence uses the cue word: its own broad concept
    got = scm_pledges(
        "The Secretary welcomed the decision to send engineers to Afghanistan. The two sides agreed to keep "
        "the stationing of forces under review."
    )
    assert got == {(frozenset({"ForcePresence"}), "KOR+USA")}


# -- 4. views lend no field --------------------------------------------------------------------------------------


def test_views_before_a_pledge_lend_it_no_field() -> None:
    day = dt.date(2030, 8, 18)
    text = (
        "The leaders highlighted the importance of trilateral cooperation, underscored the need for complete "
        "denuclearization, and stressed President Smith's commitment to strengthening U.S. alliances.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"AllianceCooperation"}), "JPN+KOR+USA")]


def test_view_listed_with_a_pledge_gives_way() -> None:
    day = dt.date(2030, 8, 18)
    text = (
        "The leaders reaffirmed their mutual commitment to the defense of their nations as well as the importance "
        "of trilateral cooperation.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"MutualDefense"}), "JPN+KOR+USA")]
    text = "The two sides reaffirmed their commitment to extended deterrence, and the need for close consultation.\n"
    assert found(text, day, "joint_statement") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]


def test_matter_welcomed_before_a_pledge_still_lends_its_field() -> None:
    # guard: "welcomed the conclusion of the SMA" is no view; the pledge borrows it
    got = scm_pledges(
        "The two sides welcomed the conclusion of the 13th Special Measures Agreement and committed to its timely "
        "implementation."
    )
    assert got == {(frozenset({"CostSharing"}), "KOR+USA")}
    # guard: a view named in the pledge's own object still types it when it is all it names
    text = "The two sides reaffirmed their commitment to the importance of trilateral cooperation.\n"
    assert found(text, dt.date(2030, 8, 18), "joint_statement") == [(frozenset({"TrilateralCooperation"}), "KOR+USA")]


# -- 5. THAAD by its long name ----------------------------------------------------------------------------------


def test_thaad_battery_long_and_short_name_type_alike() -> None:
    both = {(frozenset({"ForcePresence", "MissileDefense"}), "KOR+USA")}
    assert (
        scm_pledges("The two sides agreed to deploy a Terminal High-Altitude Area Defense (THAAD) battery in Seongju.")
        == both
    )
    assert (
        scm_pledges("The two sides agreed to deploy a Terminal High Altitude Area Defense battery in Seongju.") == both
    )
    assert scm_pledges("The two sides agreed to deploy a THAAD battery in Seongju.") == both
    assert scm_pledges("The two sides agreed to complete the THAAD deployment this year.") == both


def test_thaad_without_a_battery_is_missile_defense() -> None:
    # guard: the system's readiness, not its stationing
    got = scm_pledges("The two sides agreed to raise the readiness of the Terminal High-Altitude Area Defense system.")
    assert got == {(frozenset({"MissileDefense"}), "KOR+USA")}


# -- 7. adopting the meeting's own texts -------------------------------------------------------------------------


def test_adopting_the_meetings_own_statement_is_no_pledge() -> None:
    day = dt.date(2030, 8, 18)
    text = "The leaders adopted the Camp David Principles and the Spirit of Camp David joint statement.\n"
    assert found(text, day, "joint_statement") == []
    text = "The three leaders adopted the 'Lima Summit Joint Statement' with these goals in mind.\n"
    assert found(text, day, "joint_statement") == []
    text = "The ministers endorsed the joint statement of the summit and agreed to expand trilateral exercises.\n"
    assert found(text, day, "joint_statement") == [
        (frozenset({"CombinedExercises", "TrilateralCooperation"}), "JPN+KOR+USA")
    ]


def test_a_declaration_that_names_its_field_stays_a_pledge() -> None:
    # guard: what the declaration is about is the pledge's field
    text = "The two presidents adopted a declaration on extended deterrence known as the Seoul Declaration.\n"
    assert found(text, dt.date(2030, 4, 26), "joint_statement") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]


# -- 8. an offer to the DPRK -----------------------------------------------------------------------------------


def test_offer_to_the_dprk_is_no_alliance_pledge() -> None:
    day = dt.date(2030, 7, 7)
    text = (
        "The three leaders emphasized that they, together with the international community, stand ready to offer "
        "a brighter future for the DPRK if it chooses the right path.\n"
    )
    assert found(text, day, "joint_statement") == []
    text = "The ministers stressed that they stand ready to provide a way forward for North Korea if it talks again.\n"
    assert found(text, day, "joint_statement") == []


def test_offer_to_an_ally_or_a_response_stays() -> None:
    day = dt.date(2030, 7, 7)
    text = "The ministers stressed that they stand ready to respond to any provocation by North Korea.\n"
    assert found(text, day, "joint_statement") == [(frozenset({"DeclaratoryPolicy"}), "KOR+USA")]
    text = "The United States stands ready to provide all necessary support to the ROK.\n"
    assert found(text, day, "joint_statement") != []


def test_will_after_a_sentence_that_pledged_is_another_matter() -> None:
    # guard: the sentence before made its own pledge: its field is not carried to the next one
    got = scm_pledges(
        "The two sides reaffirmed the goal of complete denuclearization and committed to work together toward it. "
        "They also agreed to work with the international community to help the people of the North."
    )
    assert got == {
        (frozenset({"Denuclearization"}), "KOR+USA"),
        (frozenset({"AllianceCooperation"}), "KOR+USA"),
    }


# -- 7. what one leader says all must do; a document's quoted title ------------------------------------------------


def test_one_leader_saying_what_all_must_do_is_no_pledge() -> None:
    day = dt.date(2023, 8, 18)  # (a president the gazetteer knows for the year)
    text = "President Yoon said our three nations must tighten our solidarity to face the threats.\n"
    assert found(text, day, "other") == []
    text = "President Yoon emphasized that the three countries must strengthen trilateral cooperation.\n"
    assert found(text, day, "other") == []


def test_must_of_the_speakers_own_country_or_agreed_by_all_stays() -> None:
    day = dt.date(2023, 8, 18)
    text = "Secretary Austin stressed that the United States must remain ready to defend the ROK.\n"
    assert found(text, day, "other") == [(frozenset({"MutualDefense"}), "USA")]
    text = "The two sides agreed that the allies must expand combined exercises.\n"
    assert found(text, day, "joint_statement") == [(frozenset({"CombinedExercises"}), "KOR+USA")]


def test_quoted_title_that_opens_with_a_pledge_noun_is_a_document() -> None:
    day = dt.date(2030, 8, 19)
    text = (
        'After the summit, the "Lima Principles", a joint statement and "Commitment to Consult among the Three '
        'Countries" were released.\n'
    )
    assert found(text, day, "other") == []
    text = "After the talks, \u201cPledge of Cooperation on Supply Chains\u201d was published.\n"
    assert found(text, day, "other") == []


def test_unquoted_pledge_noun_still_pledges() -> None:
    # guard: an owned pledge noun without a reporting verb
    text = "The U.S. commitment to the defense of the ROK remains ironclad.\n"
    assert found(text, dt.date(2030, 8, 19), "other") == [(frozenset({"MutualDefense"}), "USA")]


def test_forum_the_leaders_came_to_attend_types_nothing() -> None:
    text = (
        "The three leaders, who are in Lima to attend the Asia-Pacific Economic Cooperation (APEC) Summit, met on "
        "the 15th and agreed to set up a trilateral secretariat.\n"
    )
    assert found(text, dt.date(2030, 11, 16), "news") == [(frozenset({"TrilateralCooperation"}), "JPN+KOR+USA")]


# -- 7. the one ally that commits in a quoted declaration ---------------------------------------------------------


def test_us_commits_in_the_present_tense() -> None:
    # "The United States" is one party: its present-tense "commits" is a verb, not a noun
    day = dt.date(2023, 4, 27)
    text = "The United States commits to consult with the ROK on any possible nuclear weapons employment.\n"
    assert found(text, day, "other") == [(frozenset({"NuclearConsultation"}), "USA")]
    text = "The United States commits to the defense of the ROK.\n"
    assert found(text, day, "other") == [(frozenset({"MutualDefense"}), "USA")]


def test_quoted_pledge_of_one_ally_is_that_allys() -> None:
    day = dt.date(2023, 4, 27)
    text = (
        'In the declaration the two leaders stated: "The United States commits to make every effort to consult '
        'with the ROK on any possible nuclear weapons employment."\n'
    )
    assert found(text, day, "other") == [(frozenset({"NuclearConsultation"}), "USA")]
    text = (
        "According to the briefing, the two presidents announced that \u201cthe ROK commits to take part fully in "
        "combined exercises.\u201d\n"
    )
    assert found(text, day, "other") == [(frozenset({"CombinedExercises"}), "KOR")]


def test_quoted_pledge_of_both_stays_both() -> None:
    # guard: the quoted words name both allies, or no one: the group's pledge
    day = dt.date(2023, 4, 27)
    text = 'The two leaders stated: "Our two countries commit to consult closely with each other."\n'
    assert found(text, day, "other") == [(frozenset({"ConsultationMechanism"}), "KOR+USA")]
    text = (
        "The two sides reaffirmed that the United States remains steadfast in its commitment to extended deterrence.\n"
    )
    assert found(text, day, "joint_statement") == [(frozenset({"ExtendedDeterrence"}), "KOR+USA")]
