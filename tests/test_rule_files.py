"""Rules as data: every rule file loads, its patterns compile, anchors derive from patterns."""

from __future__ import annotations

import re

import pytest

from extractors.rules.patterns import RulesError, first_word_prefixes, load_rules, parse_rule_file, rule_files
from extractors.rules.scan import Tokens


@pytest.mark.parametrize("name", sorted(rule_files()))
def test_every_rule_file_loads(name: str) -> None:
    rules = load_rules(name)
    assert rules.name == name and rules.version >= 1
    for key in rules.patterns:
        assert isinstance(rules.regex(key), re.Pattern)


SAMPLE = """
name: sample
version: 3
patterns:
  verbs:
    any: ["reaffirm(?:s|ed)?", "will\\\\s+continue\\\\s+to", "(?:the\\\\s+)?alliance"]
  loose:
    regex: "\\\\w+ly committed"
  loose_named:
    regex: "\\\\w+ly committed"
    anchors: [committed]
    lookback: 2
words:
  cues: [ironclad, firm]
"""


def test_anchored_pattern_finds_what_the_plain_regex_finds() -> None:
    rules = parse_rule_file(SAMPLE, "sample")
    text = "The Minister reaffirmed it; the Alliance will continue to deter; nothing else."
    tokens = Tokens.of(text)
    anchored = [m.group(0) for m in rules.anchored("verbs").finditer(text, tokens)]
    plain = [m.group(0) for m in rules.regex("verbs").finditer(text)]
    assert anchored == plain == ["reaffirmed", "the Alliance", "will continue to"]
    assert rules.words("cues") == {"ironclad", "firm"}


def test_pattern_without_derivable_start_must_name_anchors() -> None:
    rules = parse_rule_file(SAMPLE, "sample")
    with pytest.raises(RulesError, match="anchors"):
        rules.anchored("loose")
    text = "They remain firmly committed."
    found = [m.group(0) for m in rules.anchored("loose_named").finditer(text, Tokens.of(text))]
    assert found == ["firmly committed"]


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("name: x\nversion: 1\npatterns:\n  p:\n    any: ['(unclosed']\n", "does not compile"),
        ("name: x\nversion: 1\npatterns:\n  p:\n    any: []\n", "non-empty"),
        ("name: x\npatterns: {}\n", "version"),
        ("name: x\nversion: 1\nwords:\n  w: [1, 2]\n", "list of strings"),
        ("[unbalanced", "not valid YAML"),
    ],
)
def test_malformed_rule_files_are_refused(source: str, error: str) -> None:
    with pytest.raises(RulesError, match=error):
        parse_rule_file(source, "x")


def test_prefixes_fork_over_optional_parts_and_classes() -> None:
    assert first_word_prefixes(r"\b[Tt]he\s+(?:two|both)\s+sides") == {"the"}
    assert first_word_prefixes(r"(?:U\.S\.|ROK)-led") == {"u", "rok"}
    assert first_word_prefixes(r".*pledge") is None


def test_extractors_are_found_by_versioned_name() -> None:
    from extractors.registry import get_extractor, registered
    from extractors.rules import EXTRACTOR, extract_document
    from graph.errors import ExtractionError

    assert get_extractor() is extract_document
    assert get_extractor(EXTRACTOR) is extract_document
    assert EXTRACTOR in registered()
    with pytest.raises(ExtractionError, match="no extractor named 'communique.rules.v0'"):
        get_extractor("communique.rules.v0")
