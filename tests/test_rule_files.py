"""Rules as data: every rule file loads, its patterns compile, anchors derive from patterns."""

from __future__ import annotations

import re
from pathlib import Path

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
        # a second pattern under an existing name would silently replace the first
        ("name: x\nversion: 1\npatterns:\n  p:\n    regex: a\n  p:\n    regex: b\n", "given twice"),
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


def _corpus_texts() -> list[str]:
    from pathlib import Path

    from extractors.readers import read_document

    root = Path(__file__).resolve().parent.parent / "corpus"
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".html", ".pdf") and "_pdf_src" not in p.parts)
    return [read_document(p).text for p in paths]


def test_required_literals_hold_for_every_rule_pattern_on_the_corpus() -> None:
    """A text without any of a pattern's required literals has no match (the premise of the cheap pre-test)."""
    from extractors.metadata import _pattern
    from extractors.rules.patterns import required_literals

    texts = _corpus_texts()
    texts += [t.lower() for t in texts]
    patterns = [load_rules(name).regex(key) for name in sorted(rule_files()) for key in load_rules(name).patterns]
    patterns.append(_pattern("study_cues"))
    derived = 0
    for pattern in patterns:
        literals = required_literals(pattern)
        if literals is None:
            continue
        derived += 1
        for text in texts:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    assert any(lit in m.group(0) for lit in literals), (pattern.pattern[:60], m.group(0))
    assert derived >= 5


def test_required_literals_of_the_study_cues_spare_a_communique() -> None:
    from extractors.metadata import _pattern, _study_cues
    from extractors.rules.patterns import required_literals

    literals = required_literals(_pattern("study_cues"))
    assert literals is not None and "abstract" in literals
    assert _study_cues("the two sides met in seoul. the minister and the secretary agreed.") == 0
    assert _study_cues("abstract\n\nthis paper argues that drills signal resolve. see smith et al. 2019.") == 2
    assert required_literals(re.compile(r"(?i)abstract")) is None
    assert required_literals(re.compile(r"x(?i:abstract)")) == ("x",)


def test_leftmost_scan_finds_exactly_what_finditer_finds_for_every_rule_pattern() -> None:
    """The start gate of :class:`LeftmostScan` never changes a match: every rule file's pattern
    (and the date grammar) gives the same matches, groups included, over the whole corpus, its
    lower-cased copy and random windows of it, as ``Pattern.finditer``."""
    import random

    from extractors.rules.dates import date_pattern
    from extractors.rules.scan import LeftmostScan

    texts = _corpus_texts()
    texts += [t.lower() for t in texts]
    patterns = [load_rules(name).regex(key) for name in sorted(rule_files()) for key in load_rules(name).patterns]
    patterns.append(date_pattern())
    rnd = random.Random(15)
    gated = 0
    for pattern in patterns:
        scan = LeftmostScan(pattern)
        if scan.starts is None:
            continue
        gated += 1
        for text in texts:
            windows = [(0, len(text))]
            for _ in range(2):
                a = rnd.randrange(len(text) + 1)
                windows.append((a, rnd.randrange(a, len(text) + 1)))
            for start, end in windows:
                expected = [(m.span(), m.groups()) for m in pattern.finditer(text, start, end)]
                got = [(m.span(), m.groups()) for m in scan.finditer(text, start, end)]
                assert got == expected, (pattern.pattern[:60], start, end)
    assert gated >= 50


@pytest.mark.parametrize(
    ("source", "gate"),
    [
        (r"\b(?:in|on)\s+\d+", r"\b[io]"),
        (r"(?:the\s+)?(?<![:/])\d{4}", r"[\dt]"),
        (r"x?y", r"[xy]"),
        (r"\w*z", r"[\wz]"),
        (r"a?", None),  # may match nothing
        (r".b", None),  # starts with any character
        (r"(?i:a)b", None),  # inline flags are not followed
    ],
)
def test_start_pattern_is_derived_from_the_pattern(source: str, gate: str | None) -> None:
    from extractors.rules.scan import start_pattern

    found = start_pattern(re.compile(source))
    assert (found.pattern if found is not None else None) == gate


@pytest.fixture
def rule_cache(tmp_path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from extractors.rules import regex_cache

    monkeypatch.setenv(regex_cache.CACHE_ENV, str(tmp_path))
    regex_cache.forget()
    yield tmp_path
    regex_cache.forget()


def test_rule_files_read_back_from_the_cache_are_what_yaml_reads(rule_cache) -> None:  # type: ignore[no-untyped-def]
    """The parsed rule files kept in the regex cache's file (so a start need not import PyYAML) are the
    documents PyYAML gives for the very same text."""
    import yaml

    from extractors.rules import patterns, regex_cache

    texts = {name: path.read_text(encoding="utf-8") for name, path in sorted(rule_files().items())}
    fresh = {name: patterns._document(text, name) for name, text in texts.items()}
    assert regex_cache.save() is not None
    regex_cache.forget()
    kept = {name: patterns._document(text, name) for name, text in texts.items()}
    assert regex_cache.save() is None  # all of them came from the file
    for name, text in texts.items():
        assert kept[name] == fresh[name] == yaml.safe_load(text), name
        assert parse_rule_file(text, name) == parse_rule_file(text, name)


def test_an_edited_rule_file_is_parsed_afresh(rule_cache) -> None:  # type: ignore[no-untyped-def]
    from extractors.rules import regex_cache

    first = parse_rule_file(SAMPLE, "sample")
    assert regex_cache.save() is not None
    regex_cache.forget()
    edited = parse_rule_file(SAMPLE.replace("[ironclad, firm]", "[ironclad, steadfast]"), "sample")
    assert first.words("cues") == {"ironclad", "firm"}
    assert edited.words("cues") == {"ironclad", "steadfast"}
    with pytest.raises(RulesError, match="not valid YAML"):
        parse_rule_file("name: [unclosed", "broken")


def test_a_warm_start_imports_no_yaml(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Once the cache knows the rule files, loading the extractor does not import PyYAML (0.03 CPU s a start)."""
    import os
    import subprocess
    import sys

    from extractors.rules import regex_cache

    env = {**os.environ, regex_cache.CACHE_ENV: str(tmp_path)}
    code = "import sys, extractors.rules; print('yaml' in sys.modules)"
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]  # fmt: skip
    assert [r.stdout.strip() for r in runs] == ["True", "False"]


def test_a_parsed_rule_file_shares_no_list_with_the_cache(rule_cache) -> None:  # type: ignore[no-untyped-def]
    """Two parses of one text (and the document the cache writes at exit) stay apart: changing the lists of
    one rule file changes neither the next parse of that text nor the cache's file."""
    from extractors.rules import regex_cache

    first = parse_rule_file(SAMPLE, "sample")
    for spec in first.patterns.values():
        for value in spec.values():
            if isinstance(value, list):
                value.append("changed")
    second = parse_rule_file(SAMPLE, "sample")
    assert second == parse_rule_file(SAMPLE, "sample") != first
    assert regex_cache.save() is not None
    regex_cache.forget()
    assert parse_rule_file(SAMPLE, "sample") == second


# -- the lock: a rule file's content does not change without its version -------------------------------------


def test_every_rule_file_is_as_its_lock_records() -> None:
    """Each rule file's version and content digest are those of ``extractors/data/rules/lock.json``, and so is the
    extractor's name. A failure here means a rule file changed: raise its ``version:``, then run
    ``.venv/bin/python -m extractors.rules.lock`` (which refuses a file changed without a higher version)."""
    from extractors.rules.lexicon import EXTRACTOR
    from extractors.rules.lock import current, differences, read_lock

    locked_extractor, locked = read_lock()
    now = current()
    assert set(now) == set(rule_files()) and len(now) >= 12
    assert differences(locked, now, EXTRACTOR, locked_extractor) == []


RULE_A = "# words of a test\nname: a\nversion: 3\nwords:\n  cues: [ironclad, firm]\n"
RULE_B = "name: b\nversion: 1\npatterns:\n  verbs:\n    any: ['reaffirm(?:s|ed)?']\n"


def _rule_folder(tmp_path, **texts: str) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    for name, text in texts.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return {name: folder / f"{name}.yaml" for name in texts}


def test_the_lock_refuses_a_changed_rule_file_whose_version_did_not_go_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extractors.rules.lock import read_lock, refresh

    lock = tmp_path / "lock.json"
    changed, refused = refresh("communique.rules.v9", _rule_folder(tmp_path, a=RULE_A, b=RULE_B), lock)
    assert refused == [] and "a.yaml is not in the lock" in changed
    written = lock.read_bytes()
    assert read_lock(lock)[1]["a"].version == 3

    # a word added, the version left: refused, and the lock is not touched
    edited = RULE_A.replace("[ironclad, firm]", "[ironclad, firm, steadfast]")
    changed, refused = refresh("communique.rules.v9", _rule_folder(tmp_path, a=edited, b=RULE_B), lock)
    assert changed == [] and len(refused) == 1 and "a.yaml changed but its version is 3" in refused[0]
    assert lock.read_bytes() == written
    # ... nor when the version went down
    lowered = edited.replace("version: 3", "version: 2")
    changed, refused = refresh("communique.rules.v9", _rule_folder(tmp_path, a=lowered, b=RULE_B), lock)
    assert refused and lock.read_bytes() == written

    # the version raised: locked
    bumped = edited.replace("version: 3", "version: 4")
    changed, refused = refresh("communique.rules.v9", _rule_folder(tmp_path, a=bumped, b=RULE_B), lock)
    assert refused == [] and changed == ["a.yaml is at version 4, the lock at 3"]
    assert read_lock(lock)[1]["a"].version == 4

    # a comment or the layout is not content: nothing to lock, nothing written
    relaid = bumped.replace("# words of a test\n", "").replace(
        "cues: [ironclad, firm, steadfast]", "cues:\n    - ironclad\n    - firm\n    - steadfast"
    )
    after = lock.read_bytes()
    assert refresh("communique.rules.v9", _rule_folder(tmp_path, a=relaid, b=RULE_B), lock) == ([], [])
    assert lock.read_bytes() == after

    # a file gone and the extractor renamed: both recorded
    changed, refused = refresh("communique.rules.v10", _rule_folder(tmp_path, a=relaid), lock)
    assert refused == [] and set(changed) == {
        "b.yaml is in the lock but gone",
        "the extractor is 'communique.rules.v10', the lock says 'communique.rules.v9'",
    }
    assert read_lock(lock) == ("communique.rules.v10", {"a": read_lock(lock)[1]["a"]})


def test_a_broken_lock_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extractors.rules.lock import read_lock

    lock = tmp_path / "lock.json"
    assert read_lock(lock) == (None, {})
    lock.write_text('{"rules": {"a": {"version": "x"}}}', encoding="utf-8")
    with pytest.raises(RulesError, match="malformed.*extractors.rules.lock"):
        read_lock(lock)
    lock.write_text("{not json", encoding="utf-8")
    with pytest.raises(RulesError, match="unreadable"):
        read_lock(lock)


def test_the_lock_command_checks_the_shipped_files(capsys: pytest.CaptureFixture[str]) -> None:
    from extractors.rules.lock import main

    assert main(["--check"]) == 0
    assert capsys.readouterr().out.strip() == "the rule lock holds"


# -- rules as data: what stays in Python is code, not vocabulary ---------------------------------------------

_RULE_CODE = ("extractors/rules", "extractors/readers")
_RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
_MARKUP_SNIFFING = {"extractors/readers/detect.py"}
"""Files whose literal expressions are the syntax of a format (HTML and XML heads, charset declarations)."""
_STRUCTURE_WORDS = {"the"}
"""Words a literal expression may hold: a leading article stripped from a name."""
_KEPT_COLLECTIONS = {
    # names of the code's own cases, not words of the text
    ("extractors/rules/__init__.py", "__all__"), ("extractors/rules/text.py", "__all__"),
    ("extractors/readers/__init__.py", "__all__"),
    ("extractors/rules/__init__.py", "_JOINT_KINDS"), ("extractors/rules/__init__.py", "_REPORT_KINDS"),
    ("extractors/rules/commitments.py", "_KINDS"), ("extractors/rules/commitments.py", "_PLEDGING"),
    ("extractors/rules/meetings.py", "_SERIES_OF_GROUP"), ("extractors/rules/evidence.py", "_NODE_FIELDS"),
    ("extractors/rules/__init__.py", "_NORTH_SUMMIT_LEVELS"),  # group names of meetings.yaml's summit levels
    ("extractors/rules/evidence.py", "_REL_FIELDS"), ("extractors/rules/patterns.py", "RULES_DIR"),
    ("extractors/rules/patterns.py", "_FLAGS"), ("extractors/readers/sites.py", "SITES_FILE"),
    ("extractors/readers/sites.py", "_SITE_KEYS"),
    # the alliance's two members (the ontology's core, as graph.schema's series are)
    ("extractors/rules/commitments.py", "BILATERAL"), ("extractors/rules/meetings.py", "_ALLIES"),
    # the calendar and the numbers: closed sets that the date and ordinal grammars compute with
    ("extractors/rules/dates.py", "MONTHS"), ("extractors/rules/dates.py", "WEEKDAYS"),
    ("extractors/rules/meetings.py", "_UNITS"), ("extractors/rules/meetings.py", "_UNIT_ORD"),
    ("extractors/rules/meetings.py", "_TEENS_ORD"), ("extractors/rules/meetings.py", "_ROMAN"),
    # the syllable shape romanised Korean given names are split by
    ("extractors/rules/people.py", "_CODAS"),
    # file formats: suffixes, HTML elements, punctuation that ends a line
    ("extractors/readers/detect.py", "TEXT_SUFFIXES"), ("extractors/readers/detect.py", "HTML_SUFFIXES"),
    ("extractors/readers/html.py", "CELL_TAGS"), ("extractors/readers/sites.py", "TEXT_BLOCKS"),
    ("extractors/readers/sites.py", "_INNER_BLOCKS"), ("extractors/readers/layout.py", "_ENDS"),
    ("extractors/readers/layout.py", "_DASHES"),
}  # fmt: skip


_WRAPPERS = ("frozenset", "set", "tuple")


def _rule_code() -> list[tuple[str, object]]:
    import ast

    root = Path(__file__).resolve().parent.parent
    files = sorted(p for d in _RULE_CODE for p in (root / d).glob("*.py")) + [root / "extractors" / "metadata.py"]
    return [(str(p.relative_to(root)), ast.parse(p.read_text(encoding="utf-8"))) for p in files]


def _words_of_expression(source: str | bytes) -> list[str]:
    """The words of a literal expression: escapes, character classes, group names, flags and the date grammar's
    fragment references (``<<month>>``) left out."""
    text = source.decode("latin-1") if isinstance(source, bytes) else source
    text = re.sub(r"\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\(\?P?<[A-Za-z_0-9]+>|\(\?[a-zA-Z]+[:)]|<<[^>]*>>", " ", text)
    return re.findall(r"[A-Za-z]{3,}", text)


def _text_pieces(expr: object, constants: dict[str, str]) -> list[str | bytes]:
    """The literal text an expression is built of: constants, the module's text constants it names, joined with
    ``+`` or in an f-string; what a call returns (a rule file's pattern, an escaped name) is not literal text."""
    import ast

    if isinstance(expr, ast.Constant) and isinstance(expr.value, str | bytes):
        return [expr.value]
    if isinstance(expr, ast.Name) and expr.id in constants:
        return [constants[expr.id]]
    if isinstance(expr, ast.BinOp):
        return _text_pieces(expr.left, constants) + _text_pieces(expr.right, constants)
    if isinstance(expr, ast.JoinedStr):
        return [p for v in expr.values for p in _text_pieces(v, constants)]
    if isinstance(expr, ast.FormattedValue):
        return _text_pieces(expr.value, constants)
    return []


def test_no_vocabulary_is_written_as_a_python_expression() -> None:
    """Words the extractor looks for live in the rule files: a literal expression in the rules' or the readers'
    Python holds shapes (spaces, digits, capitals, punctuation), never a word to find. Move the words to a rule
    file (``extractors/data/rules/*.yaml``, read with ``load_rules``) instead of adding them here."""
    import ast

    found = []
    for name, tree in _rule_code():
        if name in _MARKUP_SNIFFING:
            continue
        # a module's text constants, for an expression built from them ("... to\\s+" + _NOT_A_VERB + "...")
        constants = {
            node.targets[0].id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _RE_CALLS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex_cache")
                and node.args
            ):
                continue
            pieces = _text_pieces(node.args[0], constants)
            words = {w for piece in pieces for w in _words_of_expression(piece)} - _STRUCTURE_WORDS
            if words:
                found.append(f"{name}:{node.lineno} {sorted(words)}")
    assert found == []
    assert _words_of_expression(r"(?i)\bmilitary\s+committee\b|[A-Z]{3,}\ufffe") == ["military", "committee"]


def test_no_word_list_is_written_in_python() -> None:
    """A module-level collection of two or more strings in the rules' or the readers' Python is one of the kept
    few (the code's own names, the calendar and numbers, file formats: see ``_KEPT_COLLECTIONS``); a list of words
    to find goes to a rule file."""
    import ast

    def strings(node: ast.expr | None) -> bool:
        wrapped = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _WRAPPERS
        if wrapped and isinstance(node, ast.Call) and node.args:
            return strings(node.args[0])
        items: list[ast.expr | None] = []
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = list(node.keys)
        return len(items) >= 2 and all(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items)

    found = set()
    for name, tree in _rule_code():
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and strings(node.value):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                found.add((name, getattr(target, "id", "?")))
    assert found - _KEPT_COLLECTIONS == set()
    assert _KEPT_COLLECTIONS - found == set()  # a kept collection that is gone leaves this list
