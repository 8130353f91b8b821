"""Commitments, responses and threats round twelve's unseen measurement found wrong (issue 15, items 5-8).

The shapes come from stored public copies read in /tmp (an SCM communiqué flattened by a document site, a Defense
White Paper page, a press release of a sub-ministerial consultation, a wire story on an SCM, a press conference
transcript). Every text below is written for these tests; none is copied from a source. Each rule has two or more
texts in its shape and a case it must not change.
"""

from __future__ import annotations

import pytest
from extraction_probe import scm_pledges

from extractors.readers import read_bytes
from extractors.rules import extract_document
from graph.schema import Kind, Rel


def _types(paragraph: str) -> set[str]:
    return {t for types, _ in scm_pledges(paragraph) for t in types}


# -- 1. a pledge whose subject joins an ally with the North is no allied commitment ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Minister said that South Korea and North Korea agreed to jointly endeavor to reduce tension on the "
        "peninsula.",
        "Minister Kim explained that the ROK and the DPRK agreed to reduce military tension along the border.",
        "The Minister said that North Korea and South Korea had agreed to reopen the liaison office.",
    ],
    ids=["south-and-north", "rok-and-dprk", "north-first"],
)
def test_a_reported_inter_korean_agreement_is_no_allied_pledge(sentence: str) -> None:
    assert scm_pledges(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("The Minister said that the ROK and the United States agreed to reduce tension on the peninsula.", "KOR+USA"),
        ("Minister Kim explained that the ROK will work with North Korea to reduce tension on the peninsula.", "KOR"),
    ],
    ids=["allies-reported", "north-as-object"],
)
def test_a_reported_pledge_of_allies_or_with_the_north_as_object_stays(sentence: str, party: str) -> None:
    assert {p for _, p in scm_pledges(sentence)} == {party}


# -- 2. "these respective areas" takes the fields listed before, up to the list's own predicate -------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Minister and the Secretary agreed that cooperation in the areas of research and development, defense "
        "industrial cooperation, and logistics is vital to combined readiness. Accordingly, they committed to "
        "continue coordination through the consultative bodies focused on these respective areas.",
        "The two sides noted that work in the fields of co-development, defense industrial cooperation and "
        "acquisition reform is essential for combined defense. They agreed to keep consulting through the working "
        "groups of those same fields.",
    ],
    ids=["these-respective-areas", "those-same-fields"],
)
def test_these_respective_areas_take_the_fields_listed_before(paragraph: str) -> None:
    found = _types(paragraph)
    assert "DefenseIndustryCooperation" in found
    # the list ends at its predicate: "combined readiness/defense" after "is vital/essential" is no field of it
    assert "MutualDefense" not in found


def test_respective_without_the_anaphor_takes_no_field_from_before() -> None:
    paragraph = (
        "The two sides noted that cooperation in the areas of research and development and defense industrial "
        "cooperation is vital. They agreed to hold consultations in their respective capitals on cyber threats."
    )
    assert "DefenseIndustryCooperation" not in _types(paragraph)


# -- 3. "the position that the North will not be recognized as a nuclear-weapon state" is declaratory ------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Both parties reaffirmed the position that North Korea will not be recognized as a nuclear-weapon State.",
        "The two ministers reiterated their position that the DPRK would never be accepted as a nuclear weapons state.",
    ],
    ids=["will-not-be-recognized", "would-never-be-accepted"],
)
def test_a_position_that_the_north_will_not_be_recognized_is_declaratory(sentence: str) -> None:
    assert "DeclaratoryPolicy" in _types(sentence)


def test_a_position_on_anything_else_stays_a_view() -> None:
    sentence = "The two ministers reiterated their position that the Six-Party Talks should resume at an early date."
    assert scm_pledges(sentence) == set()


# -- 4. "this problem" in a pledge points back to the incident a cue of the sentence before introduced ------------


def _answered(text: str) -> set[str]:
    graph = extract_document(read_bytes(text.encode(), suffix=".txt"))
    labels = {n.iri: n.label for n in graph.nodes}
    return {labels[r.target] for r in graph.relationships if r.type == Rel.RESPONDS_TO}


@pytest.mark.parametrize(
    ("text", "incident"),
    [
        (
            "SEOUL, December 5, 2002 -- The two defense chiefs voiced concern about the threat North Korea poses to "
            "the region, especially in light of North Korea's admission to a nuclear weapons program. They agreed "
            "to work together for a peaceful resolution of this problem.",
            "uranium enrichment",
        ),
        (
            "SEOUL, February 20, 2013 -- The ministers met in Seoul, in view of North Korea's third nuclear test on "
            "February 12. The ministers pledged to respond firmly to this provocation together.",
            "nuclear test",
        ),
    ],
    ids=["this-problem", "this-provocation"],
)
def test_a_deictic_noun_answers_the_cued_incident_of_the_sentence_before(text: str, incident: str) -> None:
    assert any(incident in label.lower() for label in _answered(text))


@pytest.mark.parametrize(
    "text",
    [
        # no cue before the incident in the sentence before
        "SEOUL, December 5, 2002 -- The two defense chiefs discussed North Korea's admission to a nuclear weapons "
        "program. They agreed to work together for a peaceful resolution of this problem.",
        # the cued incident is two sentences back
        "SEOUL, December 5, 2002 -- The two defense chiefs voiced concern, especially in light of North Korea's "
        "admission to a nuclear weapons program. They reviewed the budget. They agreed to work together for a "
        "peaceful resolution of this problem.",
        # no deictic noun in the pledge
        "SEOUL, December 5, 2002 -- The two defense chiefs voiced concern, especially in light of North Korea's "
        "admission to a nuclear weapons program. They agreed to work together on the transfer of wartime "
        "operational control.",
    ],
    ids=["no-cue", "two-back", "no-deictic-noun"],
)
def test_no_link_without_a_cue_right_before_and_a_deictic_noun(text: str) -> None:
    assert _answered(text) == set()


# -- 5. "nuclear and other WMD threats" is a nuclear-weapons threat (and, by the scheme's "WMD", proliferation) ----


def _threats(text: str) -> set[str]:
    graph = extract_document(read_bytes(text.encode(), suffix=".txt"))
    return {n.label for n in graph.nodes if n.kind == Kind.THREAT}


@pytest.mark.parametrize(
    "sentence",
    [
        "The two ministers signed the tailored deterrence strategy against North Korean nuclear and other WMD threats.",
        "The allies will deter North Korea's nuclear and other weapons of mass destruction threats together.",
    ],
    ids=["other-wmd", "other-weapons-of-mass-destruction"],
)
def test_nuclear_and_other_wmd_is_a_nuclear_weapons_threat(sentence: str) -> None:
    assert _threats(sentence) == {"DPRK nuclear weapons", "DPRK proliferation"}


def test_weapons_of_mass_destruction_alone_stay_proliferation() -> None:
    threats = _threats("The allies will work together to counter North Korea's weapons of mass destruction.")
    assert threats == {"DPRK proliferation"}


def test_the_allies_own_nuclear_and_other_capabilities_are_no_threat() -> None:
    sentence = (
        "The Secretary reaffirmed the U.S. commitment to provide extended deterrence using U.S. nuclear and other "
        "military capabilities."
    )
    assert _threats(sentence) == set()
