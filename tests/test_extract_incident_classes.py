"""A missile named by its class resolves only to launches of that class (issue 15, item 9).

News and communiqués often name a launch by class alone ("a solid-fuel intermediate-range ballistic
missile"); the catalogue entry that shares a word with it ("the first solid-fuel ICBM launch") is
another weapon. Texts written for the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.incidents import missile_classes
from graph.schema import Kind, is_a


def _incidents(text: str, date: dt.date) -> list[str]:
    doc = SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind="news")
    return [n.props.get("notation", n.label) for n in extract_document(doc).nodes if is_a(n.kind, Kind.INCIDENT)]


def test_an_irbm_is_never_the_catalogues_icbm_launch() -> None:
    found = _incidents(
        "The talks came days after the North fired a solid-fuel intermediate-range ballistic missile.",
        dt.date(2023, 11, 25),
    )
    assert not any("hwasong-18" in str(f) for f in found)


def test_an_icbm_named_by_its_class_still_resolves() -> None:
    found = _incidents("The North test-fired its first solid-fuel ICBM in April.", dt.date(2023, 11, 25))
    assert "hwasong-18-launch-2023-04-13" in found


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        ("an intermediate-range ballistic missile", {"irbm"}),
        ("its Hwasong-18 solid-fuel ICBM", {"icbm"}),
        ("a submarine-launched ballistic missile", {"slbm"}),
        ("a ballistic missile", set()),
    ],
)
def test_missile_classes_of_a_phrase(text: str, classes: set[str]) -> None:
    assert missile_classes(text) == classes
