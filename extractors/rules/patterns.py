"""Rules as data: the extractor's patterns and word lists, read from versioned files.

Each rule file (``extractors/data/rules/<name>.yaml``) holds the regular
expressions and word lists of one part of the extractor, so that growing the
rules to the whole record means editing data, not Python::

    name: commitments
    version: 2
    patterns:
      reaffirm_verbs:
        flags: [IGNORECASE]        # any re flag name; IGNORECASE is the default
        any:                       # alternatives, joined as \\b(?:a|b|...)\\b
          - reaffirm(?:s|ed|ing)?
          - reiterat(?:e|es|ed|ing)
      owner_before:
        regex: "(?:['’]s)?\\s+$"   # or one whole expression
        flags: []
    words:
      cues: [ironclad, unwavering, firm]

:meth:`RuleFile.anchored` compiles a pattern into an
:class:`~extractors.rules.scan.AnchoredPattern` whose anchor words are
*derived from the pattern* (:func:`first_word_prefixes`): the lower-cased
literal beginnings of every way a match can start. A pattern whose start
cannot be derived (it begins with ``\\w+`` or ``.``) must name its anchors
(``anchors: [word, ...]``) in the file.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from re import _constants as _sre  # type: ignore[attr-defined]  # Python's own re parser gives the anchors
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

from extractors.rules import regex_cache
from extractors.rules.scan import AnchoredPattern
from graph.errors import ExtractionError

RULES_PACKAGE = "extractors"
RULES_DIR = ("data", "rules")
MAX_PREFIXES = 512
"""Beyond this many distinct beginnings a pattern must name its anchors."""


_FLAGS = {"IGNORECASE": re.IGNORECASE, "MULTILINE": re.MULTILINE, "DOTALL": re.DOTALL, "VERBOSE": re.VERBOSE}


class RulesError(ExtractionError):
    """A rule file is missing, malformed, or holds a pattern that does not compile."""


@dataclass(frozen=True)
class RuleFile:
    """One rule file: its name, version, patterns (as text) and word lists."""

    name: str
    version: int
    patterns: dict[str, dict[str, Any]] = field(default_factory=dict)
    word_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False, compare=False)

    def source(self, key: str) -> str:
        """The expression of pattern ``key`` as written (alternatives joined).

        Raises:
            RulesError: no such pattern.
        """
        spec = self._spec(key)
        if "regex" in spec:
            return str(spec["regex"])
        alternatives = [str(a) for a in spec["any"]]
        body = "|".join(alternatives)
        return rf"\b(?:{body})\b" if spec.get("bounded", True) else f"(?:{body})"

    def flags(self, key: str) -> int:
        """The ``re`` flags of pattern ``key`` (IGNORECASE unless the file says otherwise)."""
        names = self._spec(key).get("flags", ["IGNORECASE"])
        out = 0
        for name in names:
            if name not in _FLAGS:
                msg = f"rule file {self.name!r}, pattern {key!r}: unknown flag {name!r} (known: {', '.join(_FLAGS)})"
                raise RulesError(msg)
            out |= _FLAGS[name]
        return out

    def regex(self, key: str) -> re.Pattern[str]:
        """Pattern ``key``, compiled once.

        Raises:
            RulesError: no such pattern, or it does not compile.
        """
        found = self._compiled.get(key)
        if found is None:
            try:
                found = regex_cache.compile(self.source(key), self.flags(key))
            except re.error as e:
                msg = f"rule file {self.name!r}, pattern {key!r} does not compile: {e}"
                raise RulesError(msg) from e
            self._compiled[key] = found
        return found

    def anchored(
        self, key: str, lookback: int | None = None, lead: Callable[[str], bool] | None = None
    ) -> AnchoredPattern:
        """Pattern ``key`` tried only at tokens that can begin it (see the module notes).

        ``lookback`` and ``lead`` default to the file's ``lookback`` and
        ``lead_words`` for the pattern.
        """
        spec = self._spec(key)
        pattern = self.regex(key)
        anchors: Iterable[str] | Callable[[str], bool]
        if "anchors" in spec:
            anchors = frozenset(str(w).lower() for w in spec["anchors"])
        else:
            prefixes = first_word_prefixes(pattern)
            if prefixes is None:
                msg = (
                    f"rule file {self.name!r}, pattern {key!r}: the words a match can begin with cannot be "
                    "derived from the pattern; list them under 'anchors:'"
                )
                raise RulesError(msg)
            anchors = _prefix_test(tuple(sorted(prefixes)))
        if lead is None and "lead_words" in spec:
            lead = frozenset(str(w).lower() for w in spec["lead_words"]).__contains__
        back = int(spec.get("lookback", 0)) if lookback is None else lookback
        return AnchoredPattern(pattern, anchors, lookback=back, lead=lead)

    def words(self, key: str) -> frozenset[str]:
        """Word list ``key`` as a set.

        Raises:
            RulesError: no such list.
        """
        return frozenset(self.word_list(key))

    def word_list(self, key: str) -> tuple[str, ...]:
        """Word list ``key`` in file order."""
        try:
            return self.word_lists[key]
        except KeyError as e:
            msg = f"rule file {self.name!r} has no word list {key!r}"
            raise RulesError(msg) from e

    def _spec(self, key: str) -> dict[str, Any]:
        try:
            return self.patterns[key]
        except KeyError as e:
            msg = f"rule file {self.name!r} has no pattern {key!r}"
            raise RulesError(msg) from e


_NAME_REF = re.compile(r"\{(?:([a-z_]+)\.)?([a-z_]+)\}")


def compose(rules: RuleFile, key: str, fills: dict[str, str] | None = None) -> str:
    """The expression of pattern ``key`` with every ``{name}`` replaced by pattern ``name`` (or ``fills[name]``),
    and every ``{file.name}`` by pattern ``name`` of rule file ``file`` (one pattern shared by several files)."""
    return compose_source(rules, rules.source(key), fills)


def compose_source(rules: RuleFile, source: str, fills: dict[str, str] | None = None) -> str:
    """``source`` (one expression of rule file ``rules``, such as one alternative of an ``any`` list) with its
    ``{name}`` and ``{file.name}`` references filled as :func:`compose` fills a pattern's."""
    extra = fills or {}

    def fill(m: re.Match[str]) -> str:
        other, name = m.group(1), m.group(2)
        if other is not None:
            return "(?:" + compose(load_rules(other), name) + ")"
        if name in extra:
            return "(?:" + extra[name] + ")"
        if name in rules.patterns:
            return "(?:" + compose(rules, name, extra) + ")"
        return m.group(0)

    return _NAME_REF.sub(fill, source)


def _prefix_test(prefixes: tuple[str, ...]) -> Callable[[str], bool]:
    def starts(word: str) -> bool:
        return word.startswith(prefixes)

    return starts


def parse_rule_file(text: str, origin: str) -> RuleFile:
    """A :class:`RuleFile` from YAML text; every pattern is checked.

    Raises:
        RulesError: the YAML is malformed or a pattern is not usable.
    """
    doc = _document(text, origin)
    if not isinstance(doc, dict) or not isinstance(doc.get("name"), str) or not isinstance(doc.get("version"), int):
        msg = f"rule file {origin}: expected a mapping with 'name' (text) and 'version' (integer)"
        raise RulesError(msg)
    patterns = doc.get("patterns") or {}
    words = doc.get("words") or {}
    if not isinstance(patterns, dict) or not isinstance(words, dict):
        msg = f"rule file {origin}: 'patterns' and 'words' must be mappings"
        raise RulesError(msg)
    for key, spec in patterns.items():
        if not isinstance(spec, dict) or ("regex" in spec) == ("any" in spec):
            msg = f"rule file {origin}, pattern {key!r}: give exactly one of 'regex' or 'any'"
            raise RulesError(msg)
        if "any" in spec and (not isinstance(spec["any"], list) or not spec["any"]):
            msg = f"rule file {origin}, pattern {key!r}: 'any' must be a non-empty list"
            raise RulesError(msg)
    for key, values in words.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            msg = f"rule file {origin}, word list {key!r}: expected a list of strings"
            raise RulesError(msg)
    rules = RuleFile(
        name=doc["name"],
        version=doc["version"],
        patterns={str(k): dict(v) for k, v in patterns.items()},
        word_lists={str(k): tuple(v) for k, v in words.items()},
    )
    for key in rules.patterns:
        rules.regex(key)
    return rules


def _document(text: str, origin: str) -> Any:
    """The YAML document of ``text``, from the regex cache's file when this very text was parsed before.

    Importing PyYAML and parsing the twelve rule files took about 0.03 CPU s of every start. The parsed
    document is kept under a digest of the text (and of this module's source, as :func:`regex_cache.derived`
    keys everything), so an edited rule file is parsed afresh: the file never answers for another text.
    What is read back is what ``yaml.load`` returned (marshal writes dicts, lists, text, numbers and booleans as
    they are; a document holding anything else is not kept). The checks of :func:`parse_rule_file` run either way.
    """
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    doc = regex_cache.derived("rule-file", __file__, digest, 0, lambda: _parse_yaml(text, origin))
    # a copy of its own: the kept document is the cache's, written back at exit, and shared by every parse of
    # the same text (a caller changing a pattern's list would change the next caller's file and the cache's)
    try:
        return marshal.loads(marshal.dumps(doc))
    except ValueError:  # a value marshal cannot write was never kept (see regex_cache.derived): this parse's own
        return doc


def _parse_yaml(text: str, origin: str) -> Any:
    import yaml  # only when a rule file's text is not in the cache

    # libyaml's safe loader when PyYAML was built with it (eight times faster), else the pure-Python one
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _UniqueKeys(base):  # type: ignore[valid-type,misc]
        """The safe loader, refusing a key given twice in one mapping: YAML keeps the last silently, so a second
        pattern added under an existing name would replace the first without a word."""

    def mapping(loader: Any, node: Any) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in seen:
                msg = f"key {key!r} is given twice"
                raise yaml.constructor.ConstructorError(None, None, msg, key_node.start_mark)
            seen.add(key)
        return loader.construct_mapping(node, deep=True)

    _UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        return yaml.load(text, Loader=_UniqueKeys)  # noqa: S506 - a safe loader, C-accelerated when libyaml is there
    except yaml.YAMLError as e:
        msg = f"rule file {origin}: not valid YAML ({e})"
        raise RulesError(msg) from e


@functools.cache
def load_rules(name: str) -> RuleFile:
    """The rule file ``extractors/data/rules/<name>.yaml`` (read and checked once per process).

    Raises:
        RulesError: the file is missing or malformed.
    """
    ref = resources.files(RULES_PACKAGE).joinpath(*RULES_DIR, f"{name}.yaml")
    try:
        text = ref.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as e:
        msg = f"no rule file named {name!r} ({ref})"
        raise RulesError(msg) from e
    rules = parse_rule_file(text, str(ref))
    if rules.name != name:
        msg = f"rule file {ref} calls itself {rules.name!r}, expected {name!r}"
        raise RulesError(msg)
    return rules


def rule_files() -> dict[str, Path]:
    """Every rule file shipped, by name."""
    folder = resources.files(RULES_PACKAGE).joinpath(*RULES_DIR)
    return {Path(str(p)).stem: Path(str(p)) for p in folder.iterdir() if str(p).endswith(".yaml")}


# -- anchors derived from patterns ----------------------------------------------------------


def first_word_prefixes(pattern: re.Pattern[str] | str, flags: int = 0) -> set[str] | None:
    """Lower-cased literal beginnings of the first word of every possible match.

    None when some way to match begins with no literal character (``\\w+``,
    ``.``, a class of many characters), so no anchor word can be derived.

    >>> sorted(first_word_prefixes(r"\\b(?:reaffirm(?:s|ed)?|will\\s+continue|(?:the\\s+)?alliance)\\b"))
    ['alliance', 'reaffirm', 'the', 'will']
    >>> first_word_prefixes(r"\\w+ly committed") is None
    True
    """
    if isinstance(pattern, re.Pattern):
        text, flags = pattern.pattern, pattern.flags
    else:
        text = pattern
    # parsing the expression is most of the cost: the answer is kept with the compiled expressions
    kept = regex_cache.derived("first-words", __file__, text, flags, lambda: _first_word_prefixes(text, flags))
    return None if kept is None else set(kept)


def _first_word_prefixes(text: str, flags: int) -> tuple[str, ...] | None:
    parsed = _sre_parse.parse(text, flags)
    found = _starts(list(parsed), "")
    if found is None or "" in found or len(found) > MAX_PREFIXES:
        return None
    return tuple(sorted(p for p in found if not any(p != q and p.startswith(q) for q in found)))


def _starts(items: list[Any], prefix: str) -> set[str] | None:
    """Beginnings of a sequence of parsed items, after ``prefix`` was read."""
    for index, (op, arg) in enumerate(items):
        rest = items[index + 1 :]
        if op is _sre.AT:
            continue
        if op is _sre.LITERAL:
            ch = chr(arg)
            if not (ch.isalnum() or ch == "_"):
                return {prefix.lower()} if prefix else None
            prefix += ch
            continue
        if op is _sre.IN:
            chars = [chr(a) for o, a in arg if o is _sre.LITERAL]
            if len(chars) != len(arg) or len(chars) > 4:
                return {prefix.lower()} if prefix else None
            # a non-word character ends the first word, as a LITERAL one does
            return _union(
                _starts(rest, prefix + c) if (c.isalnum() or c == "_") else ({prefix.lower()} if prefix else None)
                for c in chars
            )
        if op is _sre.BRANCH:
            return _union(_starts(list(branch) + rest, prefix) for branch in arg[1])
        if op is _sre.SUBPATTERN:
            return _starts(list(arg[-1]) + rest, prefix)
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            low, _high, body = arg
            once = _starts(list(body) + rest, prefix)
            if low > 0:
                return once
            return _union([once, _starts(rest, prefix)])
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue
        return {prefix.lower()} if prefix else None
    return {prefix.lower()} if prefix else None


def _union(parts: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
        if len(out) > MAX_PREFIXES:
            return None
    return out


MAX_LITERALS = 64
"""Most strings :func:`required_literals` gives for one pattern."""
_CASE_FLAGS = re.IGNORECASE | re.LOCALE


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, for a cheap test before a scan.

    A text holding none of them has no match, and ``str.__contains__`` finds a
    literal far faster than the regex engine tries a pattern that begins with
    anchors or optional parts at every character. None when no such strings
    can be derived (a match may consist of classes and wildcards only) or the
    pattern ignores case (its case folding is not the strings' own).

    >>> required_literals(re.compile(r"^(?:\\d+\\.\\s+)?(?:abstract|references)\\b|\\bet al\\."))
    ('abstract', 'et al.', 'references')
    >>> required_literals(re.compile(r"\\bthis (?:paper|study) (?:argues|finds)"))
    ('this paper argues', 'this paper finds', 'this study argues', 'this study finds')
    >>> required_literals(re.compile(r"\\w+ly"))
    ('ly',)
    >>> required_literals(re.compile(r"\\d+\\s\\w*")) is None
    True
    """
    if pattern.flags & _CASE_FLAGS:
        return None
    found = _required(list(_sre_parse.parse(pattern.pattern, pattern.flags)))
    if not found or "" in found:
        return None
    # a string that holds another of the set adds nothing to the test
    return tuple(sorted(s for s in found if not any(t != s and t in s for t in found)))


def _exact(items: list[Any]) -> set[str] | None:
    """Every string a sequence of parsed items matches, when it is a small set of literals (else None)."""
    out = {""}
    for op, arg in items:
        if op is _sre.LITERAL:
            part: set[str] | None = {chr(arg)}
        elif op is _sre.IN and arg and all(o is _sre.LITERAL for o, _a in arg):
            part = {chr(a) for _o, a in arg}
        elif op is _sre.SUBPATTERN:
            part = None if arg[1] & _CASE_FLAGS else _exact(list(arg[-1]))
        elif op is _sre.BRANCH:
            part = _union_exact(_exact(list(branch)) for branch in arg[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] == 0 and arg[1] == 1:
            body = _exact(list(arg[2]))
            part = None if body is None else {"", *body}
        else:
            return None
        if part is None:
            return None
        out = {a + b for a in out for b in part}
        if len(out) > MAX_LITERALS:
            return None
    return out


def _union_exact(parts: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return out


def _required(items: list[Any]) -> set[str] | None:
    """Strings one of which every match of a sequence of parsed items contains (the longest such set found).

    Runs of items that match a small set of literals (:func:`_exact`) are
    joined while the set stays small; a mandatory group, branch or repeat
    gives its own requirement; anything else (a class, a wildcard, an
    assertion, an optional part) ends a run and gives nothing.
    """
    options: list[set[str]] = []
    run: set[str] = {""}
    for op, arg in items:
        exact = _exact([(op, arg)])
        if exact is not None and "" not in exact:
            joined = {a + b for a in run for b in exact}
            if len(joined) <= MAX_LITERALS:
                run = joined
                continue
        if run != {""}:
            options.append(run)
        run = {""}
        if exact is not None and "" not in exact:
            run = exact  # too many with the run before it: starts a run of its own
            continue
        if op is _sre.SUBPATTERN:
            sub = None if arg[1] & _CASE_FLAGS else _required(list(arg[-1]))
        elif op is _sre.BRANCH:
            branches = [_required(list(branch)) for branch in arg[1]]
            sub = None if any(b is None or "" in b for b in branches) else _union_exact(branches)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
            sub = _required(list(arg[2]))
        else:
            sub = None
        if sub and "" not in sub and len(sub) <= MAX_LITERALS:
            options.append(sub)
    if run != {""}:
        options.append(run)
    if not options:
        return None
    return max(options, key=lambda o: min(len(s) for s in o))  # the first of the most specific
