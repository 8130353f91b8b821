"""The graph model: stable, valid IRIs and property validation."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import pytest
from pydantic import ValidationError
from rdflib import URIRef

from graph.model import GraphData, Node, Relationship, chunked, content_key, make_iri, slugify
from graph.schema import DEFAULT_BASE, Kind, Rel

ROOT = Path(__file__).resolve().parent.parent

# RFC 3987 "iunreserved" and the sub-delims/gen-delims that may appear in a path, ASCII only.
IRI_PATTERN = re.compile(r"^https://w3id\.org/alliancekg/id/[a-z-]+/[A-Za-z0-9._~-]+$")

HOSTILE = [
    "United States",
    "  United   States ",
    'Kim "Rocket Man" Jong-un',
    "O'Brien",
    "<script>alert(1)</script>",
    "a > b & c < d",
    "back\\slash and /slash/",
    "new\nline\ttab",
    "대한민국",
    "朝鲜民主主义人民共和国",
    "Корея",
    "كوريا الجنوبية",
    "🚀🚀 launch 💥",
    "",
    "   ",
    "#?%{}|^`[]",
    "x" * 5000,
]


@pytest.mark.parametrize("label", HOSTILE, ids=range(len(HOSTILE)))
def test_iri_is_valid_whatever_the_label(label: str) -> None:
    iri = make_iri(Kind.PERSON, label)
    assert IRI_PATTERN.match(iri), iri
    assert iri.isascii()
    assert len(iri) < 160
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # rdflib warns about IRIs it considers invalid
        assert str(URIRef(iri)) == iri


def test_iri_is_stable_for_the_same_fact() -> None:
    assert make_iri(Kind.STATE, "United States") == make_iri(Kind.STATE, "  united   STATES ")
    nfc = unicodedata.normalize("NFC", "한국")
    nfd = unicodedata.normalize("NFD", "한국")
    assert nfc != nfd
    assert make_iri(Kind.STATE, nfc) == make_iri(Kind.STATE, nfd)
    assert make_iri(Kind.SCM, "SCM", 49) == make_iri(Kind.SCM, "scm", "49")
    assert make_iri(Kind.MENTION, "doc", 1, 5) == make_iri(Kind.MENTION, "doc", 1, 5)


def test_iri_distinguishes_different_facts() -> None:
    assert make_iri(Kind.STATE, "KOR") != make_iri(Kind.ORGANIZATION, "KOR")
    assert make_iri(Kind.MENTION, "doc", 1, 5) != make_iri(Kind.MENTION, "doc", 15)
    assert make_iri(Kind.MENTION, "doc", 1, 5) != make_iri(Kind.MENTION, "doc", 5, 1)
    assert content_key("a", None) == content_key("a", "")  # a missing part and an empty one are the same key
    labels = [make_iri(Kind.PERSON, h) for h in HOSTILE[2:] if h.strip()]
    assert len(set(labels)) == len(labels)


def test_iri_values_are_pinned() -> None:
    """IRIs are a public contract: changing how they are derived breaks every saved graph and export."""
    assert make_iri(Kind.STATE, "KOR") == "https://w3id.org/alliancekg/id/state/kor-f6d08a8cbb9d"
    assert make_iri(Kind.SCM, "SCM", 49) == (
        "https://w3id.org/alliancekg/id/security-consultative-meeting/scm-23919d1d4441"
    )
    assert make_iri(Kind.PERSON, "문재인") == "https://w3id.org/alliancekg/id/person/a722da06676a"
    assert make_iri(Kind.STATE, "KOR", base="https://example.org/x/") == "https://example.org/x/state/kor-f6d08a8cbb9d"


def test_iri_does_not_depend_on_the_process() -> None:
    code = (
        "from graph.model import make_iri; from graph.schema import Kind; "
        "print(make_iri(Kind.PERSON, 'Ban Ki-moon 반기문'))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
        )
        outputs.add(done.stdout.strip())
    assert outputs == {make_iri(Kind.PERSON, "Ban Ki-moon 반기문")}


def test_slugify_is_ascii_and_bounded() -> None:
    assert slugify("Republic of Korea (ROK)") == "republic-of-korea-rok"
    assert slugify("대한민국") == ""
    assert len(slugify("word " * 100)) <= 60
    assert DEFAULT_BASE.endswith("/")


# -- properties ---------------------------------------------------------------------


def test_node_accepts_the_property_types() -> None:
    node = Node(
        iri=make_iri(Kind.SCM, "SCM", 49),
        kind=Kind.SCM,
        label="49th SCM",
        props={
            "date": dt.date(2017, 10, 28),
            "ordinal": 49,
            "confidence": 0.9,
            "estimated": False,
            "altLabels": ["SCM 49"],
            "ints": [1, 2],
            "mixed": [1, 2.5],
            "empty": [],
            "skipped": None,
        },
    )
    assert node.props["mixed"] == [1.0, 2.5]
    assert all(isinstance(v, float) for v in node.props["mixed"])  # type: ignore[union-attr]
    assert "skipped" not in node.props
    assert node.date == dt.date(2017, 10, 28)
    assert node.flat() == {"iri": node.iri, "kind": "SecurityConsultativeMeeting", "label": node.label, **node.props}


@pytest.mark.parametrize(
    "props",
    [
        {"nested": {"a": 1}},
        {"mixed": ["a", 1]},
        {"when": dt.datetime(2017, 10, 28, 12, 0)},
        {"bytes": b"raw"},
        {"set": {"a"}},
        {"iri": "x"},
        {"kind": "State"},
        {"label": "x"},
    ],
    ids=["nested", "mixed-list", "datetime", "bytes", "set", "iri", "kind", "label"],
)
def test_node_refuses_bad_properties(props: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Node(iri=make_iri(Kind.STATE, "x"), kind=Kind.STATE, label="x", props=props)


def test_node_refuses_unknown_kind_and_fields() -> None:
    with pytest.raises(ValidationError):
        Node(iri="x", kind="Spaceship", label="x")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Node(iri="x", kind=Kind.STATE, label="x", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Relationship(type="LIKES", source="a", target="b")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Relationship(type=Rel.PERPETRATOR, source="a", target="b", props={"bad": {"x": 1}})


def test_graph_data_merges_duplicates() -> None:
    iri = make_iri(Kind.STATE, "KOR")
    other = make_iri(Kind.STATE, "USA")
    data = GraphData(
        nodes=[
            Node(iri=iri, kind=Kind.STATE, label="Korea", props={"a": 1}),
            Node(iri=iri, kind=Kind.STATE, label="Republic of Korea", props={"b": 2}),
            Node(iri=other, kind=Kind.STATE, label="US"),
        ],
        relationships=[
            Relationship(type=Rel.AFFILIATION, source=iri, target=other, props={"x": 1}),
            Relationship(type=Rel.AFFILIATION, source=iri, target=other, props={"y": 2}),
            Relationship(type=Rel.PARTICIPANT, source=iri, target=other),
        ],
    )
    merged = data.merged()
    assert len(merged.nodes) == 2
    assert merged.node_map()[iri].props == {"a": 1, "b": 2}
    assert merged.node_map()[iri].label == "Republic of Korea"
    assert len(merged.relationships) == 2
    assert merged.relationships[0].props == {"x": 1, "y": 2}
    assert len(data.nodes) == 3  # the original is untouched


def test_chunked() -> None:
    assert list(chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(chunked([], 3)) == []
    with pytest.raises(ValueError, match="at least 1"):
        list(chunked([1], 0))
