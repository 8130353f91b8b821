"""The vocabularies: SKOS schemes (the single place of the phrases), gazetteer, phrase matching."""

from __future__ import annotations

import json

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from extractors.rules.lexicon import (
    GAZETTEER_PATH,
    SCHEMES_PATH,
    PhraseMatcher,
    concepts_copy_path,
    concepts_from_turtle,
    default_lexicon,
    load_catalogue,
    load_concepts,
    load_gazetteer,
    trie_pattern,
    write_concepts_copy,
)
from graph.errors import ExtractionError
from graph.schema import COMMITMENT_SCHEME, COMMITMENT_TYPES, THREAT_SCHEME, THREAT_TYPES, WD, Kind, concept_iri


@pytest.fixture(scope="module")
def schemes() -> rdflib.Graph:
    return rdflib.Graph().parse(SCHEMES_PATH, format="turtle")


def test_schemes_file_is_an_ontology(schemes: rdflib.Graph) -> None:
    assert (rdflib.URIRef("https://w3id.org/alliancekg/ontology/schemes"), RDF.type, OWL.Ontology) in schemes


@pytest.mark.parametrize(
    ("names", "scheme"),
    [(COMMITMENT_TYPES, COMMITMENT_SCHEME), (THREAT_TYPES, THREAT_SCHEME)],
    ids=["commit", "threat"],
)
def test_every_schema_concept_is_described(schemes: rdflib.Graph, names: tuple[str, ...], scheme: str) -> None:
    for name in names:
        c = rdflib.URIRef(concept_iri(name))
        assert (c, RDF.type, SKOS.Concept) in schemes
        assert (c, SKOS.inScheme, rdflib.URIRef(scheme)) in schemes
        assert schemes.value(c, SKOS.prefLabel) is not None, name
        assert len(str(schemes.value(c, SKOS.definition) or "")) > 20, name
        assert len(list(schemes.objects(c, SKOS.altLabel))) >= 3, name
    concepts_in_scheme = set(schemes.subjects(SKOS.inScheme, rdflib.URIRef(scheme)))
    assert concepts_in_scheme == {rdflib.URIRef(concept_iri(n)) for n in names}


def test_broader_links(schemes: rdflib.Graph) -> None:
    broader = {(str(s), str(o)) for s, o in schemes.subject_objects(SKOS.broader)}
    assert (concept_iri("NuclearUmbrella"), concept_iri("ExtendedDeterrence")) in broader
    assert (concept_iri("TrilateralCooperation"), concept_iri("RegionalCooperation")) in broader


def test_lexicon_matches_exactly_the_alt_labels(schemes: rdflib.Graph) -> None:
    """The extractor's phrases are the scheme's altLabels: each one is found, and found as its concept."""
    lex = default_lexicon()
    for concept in schemes.subjects(RDF.type, SKOS.Concept):
        name = str(concept).rsplit("#", 1)[1]
        matcher = lex.commitment_types if name in COMMITMENT_TYPES else lex.threat_types
        for label in schemes.objects(concept, SKOS.altLabel):
            text = f"They spoke of {label} today."
            hits = list(matcher.finditer(text))
            assert hits, label
            assert any(name in ids for _, _, ids in hits), (label, name)


def test_phrase_matching_is_case_insensitive_and_flexible() -> None:
    lex = default_lexicon()
    text = "Both pledged EXTENDED DETERRENCE, co production and the wartime\noperational control transition."
    found = {i for _, _, ids in lex.commitment_types.finditer(text) for i in ids}
    assert {"ExtendedDeterrence", "DefenseIndustryCooperation", "OpconTransition"} <= found


def test_phrase_matcher_prefers_the_longest_phrase_and_respects_word_boundaries() -> None:
    matcher = PhraseMatcher({"U.S.": ["USA"], "U.S. Forces Korea": ["USFK"], "Korea": ["KOR"]}, fold=False)
    text = "U.S. Forces Korea and the U.S. met Koreas in Korea."
    assert [(text[s:e], ids) for s, e, ids in matcher.finditer(text)] == [
        ("U.S. Forces Korea", ("USFK",)),
        ("U.S.", ("USA",)),
        ("Korea", ("KOR",)),
    ]


def test_trie_pattern_factors_prefixes() -> None:
    assert trie_pattern(["ab", "abc", "ad"]) == "a(?:b(?:c)?|d)"


def test_gazetteer_identifiers() -> None:
    gaz = load_gazetteer()
    expected = {"KOR": "Q884", "USA": "Q30", "PRK": "Q423", "JPN": "Q17", "CHN": "Q148", "RUS": "Q159",
                "UN": "Q1065", "UNSC": "Q37470", "IAEA": "Q826700"}  # fmt: skip
    for ident, qid in expected.items():
        assert gaz.actors[ident].wikidata == qid
    assert WD.endswith("/entity/")
    austin = gaz.actors["person:Lloyd Austin"]
    assert (austin.kind, austin.country, austin.role) == (Kind.PERSON, "USA", "Secretary of Defense")
    assert gaz.person_by_surname("Austin", 2023) is austin
    assert gaz.person_by_surname("Lee", 2022, "Minister") == gaz.actors["person:Lee Jong-sup"]
    assert gaz.person_by_surname("Austin", 1990) is None


def test_gazetteer_persons_have_roles_countries_and_terms() -> None:
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    states = {s["id"] for s in data["states"]}  # a leader of the Soviet Union acts for SUN
    for person in data["persons"]:
        assert person["country"] in states
        if "offices" in person:  # several offices: each with its years (the role is taken at a document's date)
            assert all(o["role"] and o["from"] <= o["to"] for o in person["offices"])
        else:
            assert person["role"] and ("terms" in person or person["from"] <= person["to"])


def test_catalogue_loads_sorted() -> None:
    catalogue = load_catalogue()
    assert [i.date for i in catalogue] == sorted(i.date for i in catalogue)
    assert any(i.id == "prk-nuclear-test-6" and i.ordinal == 6 for i in catalogue)


def test_bad_files_raise_extraction_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ExtractionError, match="concept schemes"):
        load_concepts(bad)
    partial = tmp_path / "partial.ttl"
    partial.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/alliancekg/ontology#MutualDefense> a skos:Concept .\n",
        encoding="utf-8",
    )
    with pytest.raises(ExtractionError, match="lacks the concepts"):
        load_concepts(partial)
    gaz = tmp_path / "gaz.json"
    gaz.write_text('{"states": []}', encoding="utf-8")
    with pytest.raises(ExtractionError, match="gazetteer"):
        load_gazetteer(gaz)
    cat = tmp_path / "cat.json"
    cat.write_text('[{"id": "x", "kind": "NoSuchKind", "date": "2020-01-01"}]', encoding="utf-8")
    with pytest.raises(ExtractionError, match="catalogue"):
        load_catalogue(cat)


REGENERATE = 'run .venv/bin/python -c "from extractors.rules.lexicon import write_concepts_copy; write_concepts_copy()"'


def test_the_json_copy_of_the_schemes_is_the_turtle() -> None:
    """The extractor reads ``schemes.json`` at start-up; it must say what ``schemes.ttl`` says, in the same order."""
    copy = json.loads(concepts_copy_path().read_text(encoding="utf-8"))
    import hashlib

    digest = hashlib.sha256(SCHEMES_PATH.read_bytes()).hexdigest()
    assert copy["sha256"] == digest, f"schemes.json is stale: {REGENERATE}"
    assert list(load_concepts().items()) == list(concepts_from_turtle().items()), REGENERATE


def test_a_stale_or_broken_copy_is_not_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    turtle = tmp_path / "schemes.ttl"
    turtle.write_bytes(SCHEMES_PATH.read_bytes())
    copy = write_concepts_copy(turtle)
    assert copy == tmp_path / "schemes.json"
    doc = json.loads(copy.read_text(encoding="utf-8"))
    doc["concepts"][0]["pref_label"] = "changed in the copy only"
    copy.write_text(json.dumps(doc), encoding="utf-8")
    assert any(c.pref_label == "changed in the copy only" for c in load_concepts(turtle).values())  # the copy is read
    turtle.write_bytes(SCHEMES_PATH.read_bytes() + b"\n# edited\n")  # the Turtle changed: the copy is stale
    assert list(load_concepts(turtle).items()) == list(concepts_from_turtle(turtle).items())
    copy.write_text("{not json", encoding="utf-8")
    assert list(load_concepts(turtle).items()) == list(concepts_from_turtle(turtle).items())
