"""Spellings of one romanised Korean name, and the office a person held in the document's year (issue 15, item 4)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from extraction_probe import extract_text

from extractors.rules.lexicon import GAZETTEER_PATH, load_gazetteer
from extractors.rules.people import romanised_variants
from graph.model import GraphData
from graph.schema import Kind


def persons(graph: GraphData) -> dict[str, object]:
    return {n.label: n.props.get("role") for n in graph.nodes if n.kind == Kind.PERSON}


@pytest.mark.parametrize(
    ("text", "date", "name"),
    [
        # a ministry's romanisation of the chairman the gazetteer writes "Won In-choul"
        (
            "The meeting was attended by Chairman of the JCS Won In-cheol and General Mark Milley.",
            dt.date(2020, 10, 14),
            "Won In-choul",
        ),
        # a machine translation's "g" for "k"
        ("Minister Han Min-goo and Secretary Carter hosted the 47th SCM.", dt.date(2015, 11, 2), "Han Min-koo"),
        # "u" for "eo" in the first syllable
        ("Defense Minister Jeong Kyung-doo met Secretary Mattis in Seoul.", dt.date(2018, 10, 31), "Jeong Kyeong-doo"),
        # "l" for "r" at the start of a syllable, spaced rather than hyphenated (a U.S. release's "Cho Chang Lae")
        ("Deputy Minister for Defense Policy Cho Chang Lae met Dr. Vipin Narang in Washington.", dt.date(2024, 6, 10),
         "Cho Chang-rae"),
    ],
)
def test_another_romanisation_of_a_known_name_is_the_same_person(text: str, date: dt.date, name: str) -> None:
    found = persons(extract_text(text, date))
    assert name in found
    assert len([n for n in found if n.split()[0] == name.split()[0]]) == 1  # no second node for the other spelling


def test_a_spelling_shared_by_two_persons_is_neither_ones(tmp_path: Path) -> None:
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    data["persons"] = [
        {"name": "Kim In-choul", "aliases": [], "role": "Minister", "country": "KOR", "from": 2001, "to": 2002},
        {"name": "Kim In-cheol", "aliases": [], "role": "General", "country": "KOR", "from": 2001, "to": 2002},
        {"name": "Park Min-koo", "aliases": [], "role": "Minister", "country": "KOR", "from": 2001, "to": 2002},
    ]
    path = tmp_path / "gazetteer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    gaz = load_gazetteer(path)

    def owners(name: str) -> set[str]:
        return {i for _s, _e, ids in gaz.names.finditer(name) for i in ids}

    assert owners("Kim In-chul") == set()  # one spelling away from both: neither
    assert owners("Kim In-cheol") == {"person:Kim In-cheol"}  # a name stays its bearer's
    assert owners("Park Min-goo") == {"person:Park Min-koo"}


def test_family_names_keep_their_bearers_spelling() -> None:
    assert romanised_variants("Suh Wook") == set()  # no given-name syllable with another spelling
    assert all(v.startswith("Han ") for v in romanised_variants("Han Min-koo"))


def test_a_later_office_is_not_the_role_of_an_earlier_year() -> None:
    # the 2023 J5 director who became JCS chairman in 2025: no chairman in a 2023 text
    text = "Lt. Gen. Jin Yeong-seung, Chief Director of J5, joined the delegation."
    found = persons(extract_text(text, dt.date(2023, 11, 13)))
    assert found.get("Jin Yeong-seung") != "Chairman of the Joint Chiefs of Staff"
    # an office the record gives for that year is kept
    found = persons(extract_text("Foreign Minister Fumio Kishida met Secretary Kerry.", dt.date(2016, 2, 16)))
    assert found["Fumio Kishida"] == "Minister for Foreign Affairs"
