"""Persons of third states and offices that a second reading of round twelve's probe texts saw read wrong (issue 15
item 4).

Shapes of stored public copies: news of trilateral and regional meetings that title a minister of a third state
("Foreign Minister <name> of the Philippines", "Philippine Defense Secretary <name>"); timelines that name a North
Korean official by "North Korea's" or "of the DPRK"; a U.S. assistant secretary titled in full before the name;
Seoul's and Tokyo's releases that title officials "Ms."/"Mr." and give the office in apposition; news that reports
what officials of one state said, and a paraphrase closed by its speaker's tag. The sentences are written for the
tests; none is copied from a source. Names, offices and dates are the record's facts or invented (Pat Example).
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

from graph.model import GraphData
from graph.schema import Kind, Rel


def persons(graph: GraphData) -> dict[str, tuple[object, str | None]]:
    """Each person of a graph: (role, country notation)."""
    nodes = graph.node_map()
    country = {
        r.source: str(nodes[r.target].props.get("notation")) for r in graph.relationships if r.type == Rel.AFFILIATION
    }
    return {n.label: (n.props.get("role"), country.get(n.iri)) for n in graph.nodes if n.kind == Kind.PERSON}


DAY = dt.date(2023, 6, 3)

# -- 1. a third state's office names that state's holder ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role", "country"),
    [
        # the state after the name; a gazetteer name of the allies inside the longer name is not that person
        (
            "Foreign Minister Park Jin-woo of the Philippines met the delegation in Manila.",
            "Park Jin-woo",
            "Foreign Minister",
            None,
        ),
        # the state's adjective before the office: no U.S. office by the word "Defense Secretary"
        (
            "Philippine Defense Secretary Gilberto Teodoro welcomed the two ministers.",
            "Gilberto Teodoro",
            "Defense Secretary",
            None,
        ),
        (
            "Australian Defence Minister Pat Example and the two secretaries spoke by phone.",
            "Pat Example",
            "Defence Minister",
            None,
        ),
        # a third state the gazetteer has: that state
        (
            "Chinese Foreign Minister Pat Example criticised the drills on Monday.",
            "Pat Example",
            "Foreign Minister",
            "CHN",
        ),
        (
            "Vice Foreign Minister Pat Example of China met the envoy in Beijing.",
            "Pat Example",
            "Vice Foreign Minister",
            "CHN",
        ),
    ],
)
def test_a_third_states_office_is_that_states(text: str, name: str, role: str, country: str | None) -> None:
    found = persons(extract_text(text, DAY))
    assert found.get(name) == (role, country)
    assert "Park Jin" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Philippine Defense Minister Lee spoke after the two allies' ministers.",
        "Defense Minister Lee of the Philippines spoke after the two allies' ministers.",
    ],
)
def test_a_third_states_office_and_a_family_name_is_no_allys_person(text: str) -> None:
    # Lee Jong-sup was the ROK's defense minister that day: a third state's minister Lee is not he
    assert "Lee Jong-sup" not in persons(extract_text(text, DAY))


def test_the_allies_and_a_third_states_known_person_are_kept() -> None:
    # negative: the ally's own minister, Japan's, and a third state's person the gazetteer knows stay as they were
    found = persons(extract_text("Defense Minister Lee met Japanese Defense Minister Hamada.", DAY))
    assert found.get("Lee Jong-sup", (None, None))[1] == "KOR"
    assert found.get("Yasukazu Hamada", (None, None))[1] == "JPN"
    found = persons(extract_text("Russian President Putin met the North's leader.", DAY))
    assert found.get("Vladimir Putin", (None, None))[1] == "RUS"
    found = persons(extract_text("Foreign Minister Park Jin met the secretary in Seoul.", DAY))
    assert found.get("Park Jin", (None, None))[1] == "KOR"
    # ... and an English word joined to a known name by a hyphen does not make a longer name
    found = persons(extract_text("The Lloyd Austin-led delegation met the Park Jin-era negotiators.", DAY))
    assert {"Lloyd Austin", "Park Jin"} <= set(found)


# -- 2. an official of the North is the North's, whatever the family name ------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "North Korea's First Vice Foreign Minister Kang Sok-ju told the envoy that talks could resume.",
            "Kang Sok-ju",
        ),
        ("The envoy met Vice Foreign Minister Kim Kye-gwan of the DPRK in Beijing.", "Kim Kye-gwan"),
        ("Vice Foreign Minister Pat Example of North Korea walked out of the session.", "Pat Example"),
    ],
)
def test_an_official_of_the_north_is_prk(text: str, name: str) -> None:
    assert persons(extract_text(text, dt.date(2003, 4, 23))).get(name, (None, None))[1] == "PRK"


def test_a_korean_family_name_alone_still_reads_the_south() -> None:
    # negative: no state given, a Korean name with a minister's title is read as before (the South's)
    found = persons(extract_text("Vice Foreign Minister Hong Gil-dong met the envoy in Seoul.", dt.date(2003, 4, 23)))
    assert found.get("Hong Gil-dong", (None, None))[1] == "KOR"
    # ... and "Korea's" alone is the South
    found = persons(extract_text("Korea's Vice Foreign Minister Hong Gil-dong met the envoy.", dt.date(2003, 4, 23)))
    assert found.get("Hong Gil-dong", (None, None))[1] == "KOR"


# -- 3. the full office wins ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Assistant Secretary of State James Kelly led the U.S. delegation to Beijing.",
            "James Kelly",
            "Assistant Secretary of State",
        ),
        (
            "Deputy Assistant Secretary of Defense Pat Example briefed the committee.",
            "Pat Example",
            "Deputy Assistant Secretary of Defense",
        ),
    ],
)
def test_an_assistant_secretary_is_no_secretary(text: str, name: str, role: str) -> None:
    assert persons(extract_text(text, dt.date(2003, 4, 23))).get(name) == (role, "USA")


def test_the_secretary_of_state_is_still_read() -> None:
    # negative: the office itself, and the assistant secretary with the bureau after it, as before
    found = persons(extract_text("Secretary of State Pat Example met the minister.", dt.date(2003, 4, 23)))
    assert found.get("Pat Example") == ("Secretary of State", "USA")
    found = persons(
        extract_text("Assistant Secretary of State for East Asian and Pacific Affairs Pat Example spoke.", DAY)
    )
    assert found.get("Pat Example") == ("Assistant Secretary of State for East Asian and Pacific Affairs", "USA")


# -- 4. an office word is never part of a name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ms. Jang, Director of the North America Bureau, met the delegation.",
        "Mr. Hong, Counselor at the Embassy, and Ms. Jang, Director, attended the talks.",
    ],
)
def test_an_office_after_a_family_name_is_no_given_name(text: str) -> None:
    found = persons(extract_text(text, DAY))
    assert not any(w in name for name in found for w in ("Director", "Counselor"))


def test_a_comma_inverted_korean_name_is_still_read() -> None:
    # negative: "Kim, Kwan Jin" (a family name, a comma, the given name) is a name
    found = persons(
        extract_text("Minister of National Defense Kim, Kwan Jin led the delegation.", dt.date(2012, 10, 24))
    )
    assert "Kim Kwan-jin" in found


# -- 5. an apposition ends at its clause's verb --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr. OTSUKA Kengo, Deputy Director-General, met Pat Example, Minister-Counselor of the Embassy of the "
        "United States.",
        "Mr. HONG Gildo, Director, received Pat Example of the Embassy of the United States in Seoul.",
        "Mr. HONG Gildo, Director-General, visited the Embassy of the United States on Monday.",
    ],
)
def test_an_apposition_does_not_reach_past_the_verb(text: str) -> None:
    found = persons(extract_text(text, DAY))
    first = next(name for name in found if name.startswith(("Otsuka", "Hong")))
    assert found[first][1] is None


def test_an_apposition_still_gives_its_state() -> None:
    # negative: the state inside the apposition itself, before the verb
    text = (
        "Mr. HONG Gildo, Deputy Director-General, Asian Affairs Bureau, Ministry of Foreign Affairs of Japan, met "
        "the delegation."
    )
    assert persons(extract_text(text, DAY)).get("Hong Gildo", (None, None))[1] == "JPN"


# -- 6. a pronoun's party is its plain antecedent -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Japanese officials said they will continue to strengthen trilateral security cooperation.", "JPN"),
        ("U.S. defense officials said that they will strengthen extended deterrence on the Peninsula.", "USA"),
        (
            "Our goal remains the complete denuclearization of the Peninsula, and we will strengthen extended "
            "deterrence, the Secretary said.",
            "USA",
        ),
        ("We will strengthen the combined defense posture, the Minister said.", "KOR"),
    ],
)
def test_a_pronoun_takes_its_plain_antecedent(text: str, party: str) -> None:
    found = pledges(extract_text(text, DAY))
    assert found and {p for _t, p, _e in found} == {party}


@pytest.mark.parametrize(
    "text",
    [
        # the antecedent is not plain: "he said they" may be the allies; the tag does not close the sentence
        "Hamada said Japan would work with the allies. He said they will strengthen extended deterrence.",
        "The two ministers met in Seoul. They agreed to strengthen extended deterrence.",
        "We will strengthen extended deterrence, the Secretary said on Monday after the talks with the Minister.",
    ],
)
def test_a_pronoun_without_a_plain_antecedent_keeps_the_default(text: str) -> None:
    found = pledges(extract_text(text, DAY))
    assert found and {p for _t, p, _e in found} == {"KOR+USA"}
