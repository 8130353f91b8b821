"""graph.labels: the one rule for shortening a label, and the one mapping from codes to display labels."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import graph
from graph.labels import (
    ELLIPSIS,
    cell_label,
    column_label,
    commitment_label,
    kind_label,
    meeting_label,
    ordinal_text,
    party_label,
    relationship_label,
    short_meeting_label,
    shorten,
    threat_label,
    threat_label_of,
    type_label,
)
from graph.schema import AK, COMMITMENT_TYPES, FROM_REFERENCE_VALUES, STANCES, THREAT_TYPES, Kind, Prop, Rel, Series

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"

TEXTS = [
    "",
    "a",
    "Mutual Defense Treaty between the Republic of Korea and the United States of America",
    "  leading and trailing  ",
    "대한민국 국방부 장관과 미국 국방장관은 제49차 한미안보협의회의를 개최하였다",
    "no-spaces-at-all-in-this-rather-long-identifier",
    "two  spaces   between words",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("words", [True, False])
def test_a_shortened_text_fits_and_starts_like_the_text(text: str, words: bool) -> None:
    for width in range(1, len(text) + 3):
        short = shorten(text, width, words=words)
        assert len(short) <= width
        if len(text) <= width:
            assert short == text
        else:
            assert short.endswith(ELLIPSIS)
            assert text.startswith(short[:-1])
            assert not short[:-1].endswith(" ")


def test_words_are_not_cut_when_a_space_allows_it() -> None:
    text = "Mutual Defense Treaty between the Republic of Korea"
    for width in range(8, len(text)):
        kept = shorten(text, width)[:-1]
        assert text[len(kept)] == " ", (width, kept)  # the cut falls just before a space


def test_width_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        shorten("text", 0)


# -- the display-label mapping (graph/data/labels.json) --------------------------------------


def _pref_labels() -> dict[str, str]:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(ONTOLOGY / "schemes.ttl")
    out: dict[str, str] = {}
    for concept, label in graph.subject_objects(rdflib.SKOS.prefLabel):
        name = str(concept).removeprefix(AK)
        if name in COMMITMENT_TYPES or name in THREAT_TYPES:
            out[name] = str(label)
    return out


@pytest.mark.parametrize("code", [*COMMITMENT_TYPES, *THREAT_TYPES])
def test_every_type_label_is_the_skos_pref_label(code: str) -> None:
    assert type_label(code) == _pref_labels()[code]
    assert type_label(AK + code) == _pref_labels()[code]


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("KOR", "ROK"),
        ("USA", "U.S."),
        ("PRK", "DPRK"),
        ("KOR+USA", "ROK and U.S."),
        ("JPN+KOR+USA", "Japan, ROK and U.S."),
    ],
)
def test_parties_in_the_analysts_words(code: str, label: str) -> None:
    assert party_label(code) == label


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (("Other", 1, dt.date(2023, 7, 18)), "1st Nuclear Consultative Group meeting (Seoul, 2023-07-18)"),
        (("SCM", 49, dt.date(2017, 10, 28), "Seoul"), "49th Security Consultative Meeting (Seoul, 2017-10-28)"),
        (("SCM", 48, dt.date(2016, 10, 20), "Pentagon"), "48th Security Consultative Meeting (Washington, 2016-10-20)"),
        (("SCM", 23), "23rd Security Consultative Meeting (Seoul, 1991-11-20)"),
        (("Summit", None, dt.date(2023, 4, 26)), "ROK-U.S. summit (2023-04-26)"),
        (("MCM", None, dt.date(1988, 6, 7)), "Military Committee Meeting (1988-06-07)"),
        (("2+2", 1, "2010-07-21"), "1st 2+2 Foreign and Defense Ministers' Meeting (Seoul, 2010-07-21)"),
        # a trilateral meeting is a summit only where its text says so (see test_trilateral_meetings_by_level)
        (("Trilateral", None, "2023-08-18"), "Trilateral meeting (2023-08-18)"),
        (("Other", None, None), "Meeting"),
    ],
)
def test_meetings_are_named_as_an_analyst_names_them(args: tuple[Any, ...], label: str) -> None:
    assert meeting_label(*args) == label


def test_no_meeting_is_named_by_its_code() -> None:
    for series in Series:
        for ordinal in (None, 1, 2):
            label = meeting_label(series.value, ordinal, dt.date(2001, 2, 3))
            assert "Other" not in label
            assert label != f"{series.value} 2001-02-03"
            if ordinal is not None:
                assert not label.startswith(f"{ordinal_text(ordinal)} {series.value} (")
            assert short_meeting_label(series.value, ordinal, dt.date(2001, 2, 3)) != f"{series.value} 2001-02-03"


def test_the_table_covers_every_code_of_the_schema() -> None:
    data = json.loads((Path(graph.__file__).parent / "data" / "labels.json").read_text(encoding="utf-8"))
    assert set(data["series"]) == {s.value for s in Series}
    assert set(data["kinds"]) == set(data["kinds_plural"]) == {k.value for k in Kind}
    assert set(data["relationships"]) == {r.value for r in Rel}
    assert set(data["stances"]) == set(STANCES)
    assert set(data["links"]) == {f"{r.value}{d}" for r in Rel for d in "<>"}
    assert set(data["types"]) == {*COMMITMENT_TYPES, *THREAT_TYPES}
    for prop in Prop:
        assert column_label(prop.value)[:1].isupper(), prop


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("meeting_label", "Meeting"),
        ("lag_days", "Days after"),
        ("iri", "IRI"),
        ("party", "Party"),
        ("new_thing", "New thing"),
    ],
)
def test_columns_have_readable_headers(name: str, label: str) -> None:
    assert column_label(name) == label


def test_kinds_relationships_commitments_in_words() -> None:
    assert kind_label(Kind.NUCLEAR_TEST.value) == "Nuclear test"
    assert kind_label(Kind.SCM.value) == "SCM"
    assert kind_label(Kind.CRISIS.value, plural=True) == "Crises"
    assert relationship_label(Rel.RESPONDS_TO.value) == "responds to"
    label = commitment_label(["USA"], "reaffirmed", ["ExtendedDeterrence"])
    assert label == "U.S. reaffirmed: Extended deterrence"


def test_threats_are_named_by_poser_and_type() -> None:
    assert threat_label("PRK", "NuclearWeapons") == "DPRK nuclear weapons"
    assert threat_label_of("PRK/NuclearWeapons", "PRK nuclear weapons") == "DPRK nuclear weapons"
    assert threat_label_of(None, "a stored label") == "a stored label"
    assert threat_label_of("odd", "a stored label") == "a stored label"
    for name in THREAT_TYPES:  # every threat type of the schema has its own words, none the code
        assert name not in threat_label("PRK", name)


@pytest.mark.parametrize(
    ("column", "value", "shown"),
    [
        ("party", "KOR+USA", "ROK and U.S."),
        ("baseline_party", "USA", "U.S."),
        ("kind", "MissileLaunch", "Missile launch"),
        ("commitment_types", ["ExtendedDeterrence", "NuclearUmbrella"], "Extended deterrence, Nuclear umbrella"),
        ("commitment_types", "OpconTransition", "Wartime OPCON transition"),
        ("text_loaded", True, "yes"),
        ("wording", None, None),
        ("lag_days", 11, 11),
        ("label", "KOR", "KOR"),  # a column that holds no code is left alone
        ("fromReference", ["date", "endDate"], "Date, End date"),
        ("fromReference", ["ordinal"], "Number"),
    ],
)
def test_table_cells_in_words(column: str, value: Any, shown: Any) -> None:
    assert cell_label(column, value) == shown


def test_every_value_the_reference_may_supply_has_its_own_words() -> None:
    table = json.loads((Path(graph.__file__).parent / "data" / "labels.json").read_text(encoding="utf-8"))
    shown = cell_label(Prop.FROM_REFERENCE.value, list(FROM_REFERENCE_VALUES))
    assert shown == ", ".join(table["columns"][name] for name in FROM_REFERENCE_VALUES)  # the table's, not spaced
    assert not set(FROM_REFERENCE_VALUES) & set(shown.split(", "))  # no code shows
    assert table["columns"][Prop.FROM_REFERENCE.value] == column_label(Prop.FROM_REFERENCE.value)
