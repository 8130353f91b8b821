"""The extractor's vocabularies, loaded once and compiled once.

* Commitment-type and threat-type phrases come from the SKOS schemes in
  ``ontology/schemes.ttl`` (each concept's ``skos:altLabel`` values, plus its
  ``skos:prefLabel``): that file is the only place of this vocabulary (a
  JSON copy beside it, checked against its digest, saves parsing it at
  start-up; see :func:`load_concepts`).
* Actors come from ``extractors/data/gazetteer.json``.
* Incidents come from the catalogue ``graph/data/incidents.json`` (the ground: analytics reads it too).

Each phrase list is compiled into one regular expression (longest phrase
first) so a text is scanned once per vocabulary, whatever its size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from extractors.rules import regex_cache
from extractors.rules.patterns import load_rules
from extractors.rules.people import close_spelling, merged_persons, office_key, romanised_variants, surname_spellings
from extractors.rules.scan import Tokens
from graph.errors import ExtractionError
from graph.schema import COMMITMENT_SCHEME, COMMITMENT_TYPES, THREAT_SCHEME, THREAT_TYPES, Kind, concept_local_name

EXTRACTOR = "communique.rules.v2"
"""Name and version of this extractor, written on every mention."""

_NORM_RE = re.compile(r"[\s\-‐–’']+")
_NORM_LOOSE_RE = re.compile(r"[\s\-‐–’'.]+")


def norm_key(text: str, fold: bool = True, periods: bool = True) -> str:
    """Lookup key of a phrase: spaces, hyphens and apostrophes removed, case folded;
    periods removed too unless ``periods`` ("U.S." and "US" one key).

    >>> norm_key("Co-Production  of")
    'coproductionof'
    >>> norm_key("U.S. forces", periods=False) == norm_key("US forces", periods=False)
    True
    """
    key = (_NORM_RE if periods else _NORM_LOOSE_RE).sub("", text)
    return key.casefold() if fold else key


_SPACE_UNIT = r"[\s\-]+"


def phrase_units(phrase: str, loose_periods: bool = False) -> list[str]:
    """Regex pieces of a phrase, one per character: a space matches any run of
    spaces or hyphens, a hyphen an optional space or hyphen, an apostrophe
    either kind of quote, and (with ``loose_periods``) a period an optional one
    ("U.S. forces" also matches "US forces")."""
    parts: list[str] = []
    for ch in phrase.strip():
        if loose_periods and ch == ".":
            parts.append(r"\.?")
            continue
        if ch.isspace():
            if not parts or parts[-1] != _SPACE_UNIT:
                parts.append(_SPACE_UNIT)
        elif ch in "-‐–":
            parts.append(r"[\s\-‐–]?")
        elif ch in "'’":
            parts.append(r"['’]")
        else:
            parts.append(re.escape(ch))
    return parts


def trie_pattern(phrases: Iterable[str], loose_periods: bool = False) -> str:
    """One regex source matching any of ``phrases``, factored as a prefix trie.

    Python's regex engine tries alternatives one by one; a trie lets it drop
    all phrases but those sharing the text's first characters, which is an
    order of magnitude faster on long phrase lists. Optional tails are greedy,
    so the longest phrase wins.

    >>> trie_pattern(["ab", "abc", "ad"])
    'a(?:b(?:c)?|d)'
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for unit in phrase_units(phrase, loose_periods):
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [unit + emit(child) for unit, child in node.items() if unit]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = "(?:" + body + ")?"
        return body

    return emit(trie) or r"(?!x)x"


_FIRST_WORD = re.compile(r"\w+")
_ABBREV_DOTS = re.compile(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.")


class PhraseMatcher:
    """Finds any of many phrases in a text.

    Phrases are grouped by their first word; at each token of the text only
    the phrases starting with that word are tried (one trie regex per word),
    so a text is scanned in time proportional to its number of words. A
    word's regex is compiled the first time the word is seen in a text:
    compiling all of them up front cost most of a one-document ``extract``.

    Args:
        phrases: phrase -> the ids it stands for.
        fold: match case-insensitively.
        loose_periods: a period in a phrase is optional in the text ("U.S."/"US").
    """

    def __init__(self, phrases: Mapping[str, Iterable[str]], fold: bool = True, loose_periods: bool = False) -> None:
        self.fold = fold
        self.periods = not loose_periods
        self._ids: dict[str, tuple[str, ...]] = {}
        self._seen: dict[str, tuple[str, ...]] = {}
        groups: dict[str, set[str]] = {}
        for phrase, ids in phrases.items():
            key = norm_key(phrase, fold, self.periods)
            first = _FIRST_WORD.match(phrase.strip())
            if not key or first is None:
                continue
            merged = list(self._ids.get(key, ()))
            merged.extend(i for i in ids if i not in merged)
            self._ids[key] = tuple(merged)
            text = phrase.strip().lower() if fold else phrase.strip()
            word = first.group(0).lower() if fold else first.group(0)
            groups.setdefault(word, set()).add(text)
            if loose_periods:
                # "U.S. forces" is tried at "U" and, written "US forces", at "US"
                bare = _FIRST_WORD.match(_ABBREV_DOTS.sub("", phrase.strip()))
                if bare is not None:
                    groups.setdefault(bare.group(0).lower() if fold else bare.group(0), set()).add(text)
        self._flags = re.IGNORECASE if fold else 0
        self._loose_periods = loose_periods
        self._lower_words = frozenset(w.lower() for w in groups)
        self._groups = groups
        self._by_word: dict[str, re.Pattern[str] | None] = {}

    def _regex(self, word: str) -> re.Pattern[str] | None:
        """The trie regex of the phrases that start with ``word`` (compiled on first use), None if none do."""
        try:
            return self._by_word[word]
        except KeyError:
            pass
        group = self._groups.get(word)
        rx = None
        if group is not None:
            source = trie_pattern(sorted(group), self._loose_periods)
            rx = regex_cache.compile(r"(?:" + source + r")(?![\w])", self._flags)
        self._by_word[word] = rx
        return rx

    def ids(self, matched_text: str) -> tuple[str, ...]:
        """The ids of a phrase as it was matched."""
        found = self._seen.get(matched_text)
        if found is None:
            found = self._ids.get(norm_key(matched_text, self.fold, self.periods), ())
            if len(self._seen) < 100_000:
                self._seen[matched_text] = found
        return found

    def finditer(
        self, text: str, tokens: Tokens | None = None, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """Yield ``(start, end, ids)`` of every phrase, leftmost-longest, without overlaps.

        Args:
            text: the text.
            tokens: its tokens (computed when not given).
            start, end: the part of the text to scan.
        """
        toks = tokens if tokens is not None else Tokens.of(text)
        words = toks.lower if self.fold else toks.words
        starts = toks.starts
        stop = len(text) if end is None else end
        regex = self._regex
        last_end = start
        candidates = toks.candidates(self, self._lower_words)
        first = bisect.bisect_left(starts, start)
        for k in range(bisect.bisect_left(candidates, first), len(candidates)):
            i = candidates[k]
            pos = starts[i]
            if pos >= stop:
                break
            if pos < last_end:
                continue
            rx = regex(words[i])
            if rx is None:
                continue
            m = rx.match(text, pos, stop)
            if m is None:
                continue
            ids = self.ids(m.group(0))
            if ids:
                last_end = m.end()
                yield pos, last_end, ids


# ---------------------------------------------------------------------------
# SKOS schemes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """A concept of one of the two schemes."""

    name: str
    scheme: str
    pref_label: str
    definition: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    hidden_labels: tuple[str, ...] = ()
    """Broad cue words (``skos:hiddenLabel``): they type only a pledge that no alt label types."""


def _data_path(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


SCHEMES_PATH = _data_path("ontology", "schemes.ttl")
GAZETTEER_PATH = _data_path("extractors", "data/gazetteer.json")
CATALOGUE_PATH = _data_path("graph", "data/incidents.json")


def load_concepts(path: Path = SCHEMES_PATH) -> dict[str, Concept]:
    """Read the commitment-type and threat-type concepts from a SKOS Turtle file.

    The Turtle file is the vocabulary's one source. Parsing it needs rdflib
    (about a tenth of a CPU second to import and parse, a fifth of a small
    ``alliancekg extract``), so the concepts are read from the JSON copy
    beside it (``schemes.json``, written by :func:`write_concepts_copy`)
    when that copy was made from this very file (its SHA-256 is recorded in
    the copy); otherwise, or when the copy is unreadable, from the Turtle.
    ``tests/test_extract_lexicon.py`` holds the copy equal to the Turtle.

    Raises:
        ExtractionError: the file is unreadable, or a concept named in
            :mod:`graph.schema` is missing from it.
    """
    out = _concepts_from_copy(path)
    if out is None:
        out = concepts_from_turtle(path)
    missing = [n for n in (*COMMITMENT_TYPES, *THREAT_TYPES) if n not in out]
    if missing:
        msg = f"{path} lacks the concepts {', '.join(missing)}"
        raise ExtractionError(msg)
    return out


def concepts_from_turtle(path: Path = SCHEMES_PATH) -> dict[str, Concept]:
    """The concepts of a SKOS Turtle file, parsed with rdflib.

    Raises:
        ExtractionError: the file is unreadable or not Turtle.
    """
    import rdflib
    from rdflib.namespace import RDF, SKOS

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        msg = f"cannot read the concept schemes {path}: {e}"
        raise ExtractionError(msg) from e
    out: dict[str, Concept] = {}
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        name = concept_local_name(str(concept))
        scheme = str(graph.value(concept, SKOS.inScheme) or "")
        out[name] = Concept(
            name=name,
            scheme=scheme,
            pref_label=str(graph.value(concept, SKOS.prefLabel) or name),
            definition=str(graph.value(concept, SKOS.definition) or ""),
            alt_labels=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.altLabel))),
            broader=tuple(sorted(concept_local_name(str(v)) for v in graph.objects(concept, SKOS.broader))),
            hidden_labels=tuple(sorted(str(v) for v in graph.objects(concept, SKOS.hiddenLabel))),
        )
    return out


def concepts_copy_path(path: Path = SCHEMES_PATH) -> Path:
    """Where the JSON copy of a schemes file is kept: beside it, ending in ``.json``."""
    return path.with_suffix(".json")


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _concepts_from_copy(path: Path) -> dict[str, Concept] | None:
    """The concepts of the JSON copy of ``path``, or None when there is none or it was not made from ``path``."""
    try:
        turtle = path.read_bytes()
        copy = json.loads(concepts_copy_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(copy, dict) or copy.get("sha256") != _digest(turtle):
        return None
    if not isinstance(copy.get("concepts"), list):
        return None
    try:
        return {
            c["name"]: Concept(
                name=c["name"],
                scheme=c["scheme"],
                pref_label=c["pref_label"],
                definition=c["definition"],
                alt_labels=tuple(c["alt_labels"]),
                broader=tuple(c["broader"]),
                hidden_labels=tuple(c["hidden_labels"]),
            )
            for c in copy["concepts"]
        }
    except (KeyError, TypeError):
        return None


def write_concepts_copy(path: Path = SCHEMES_PATH) -> Path:
    """Write the JSON copy of the schemes file ``path`` (run after editing the Turtle); returns the copy's path.

    ``.venv/bin/python -c "from extractors.rules.lexicon import write_concepts_copy; write_concepts_copy()"``
    """
    concepts = concepts_from_turtle(path)
    doc = {
        "description": f"Generated from {path.name} by extractors.rules.lexicon.write_concepts_copy; do not edit. "
        "The extractor reads it instead of parsing the Turtle while sha256 is the Turtle file's digest.",
        "sha256": _digest(path.read_bytes()),
        "concepts": [
            {
                "name": c.name,
                "scheme": c.scheme,
                "pref_label": c.pref_label,
                "definition": c.definition,
                "alt_labels": list(c.alt_labels),
                "broader": list(c.broader),
                "hidden_labels": list(c.hidden_labels),
            }
            for c in concepts.values()  # the Turtle's order: the matchers list a phrase's concepts in it
        ],
    }
    target = concepts_copy_path(path)
    target.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def _scheme_matcher(concepts: dict[str, Concept], scheme: str, hidden: bool = False) -> PhraseMatcher:
    """The phrases of a scheme (alt and preferred labels), or, with ``hidden``, its broad cue words."""
    phrases: dict[str, list[str]] = {}
    for concept in concepts.values():
        if concept.scheme != scheme:
            continue
        labels = concept.hidden_labels if hidden else (*concept.alt_labels, concept.pref_label)
        for phrase in labels:
            phrases.setdefault(phrase, []).append(concept.name)
    return PhraseMatcher(phrases, fold=True, loose_periods=True)


# ---------------------------------------------------------------------------
# Gazetteer
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """A gazetteer entry: a state, an organization or a person."""

    id: str
    kind: Kind
    label: str
    wikidata: str | None = None
    role: str | None = None
    country: str | None = None
    terms: tuple[tuple[int, int], ...] = ()
    offices: tuple[tuple[str, int, int], ...] = ()
    """A person's offices as ``(role, from, to)``, in order (see :mod:`extractors.rules.people`)."""
    days: tuple[tuple[dt.date | None, dt.date | None], ...] = ()
    """The first and last day of each office where the gazetteer gives them (``since``, ``until``), else None."""

    def _on_day(self, k: int, on: dt.date | None) -> bool:
        """Does office ``k`` cover the day ``on`` as far as its known days tell (True without a day)?"""
        if on is None or k >= len(self.days):
            return True
        first, last = self.days[k]
        return (first is None or first <= on) and (last is None or on <= last)

    def in_office(self, year: int, on: dt.date | None = None) -> bool:
        """True when a person held their office in ``year`` (always True without terms); on the day ``on`` where
        the office's days are known (a minister who left in September is not in office in October)."""
        if not self.terms:
            return True
        return any(a <= year <= b and self._on_day(k, on) for k, (_r, a, b) in enumerate(self.offices)) or (
            not self.offices and any(a <= year <= b for a, b in self.terms)
        )

    def role_in(self, year: int | None, on: dt.date | None = None) -> str | None:
        """The office held in ``year`` (a JCS chairman in 2017 is a minister in 2018); in a year of two offices
        the one held on the day ``on`` where the days are known (the chairman until September 2018, the minister
        after), else the later; else the last one (a later text, a reprint, names the office held); None before
        the first (a J5 director of 2023 is not yet the chairman of 2025)."""
        if year is not None and self.offices:
            held = [(k, r) for k, (r, a, b) in enumerate(self.offices) if a <= year <= b]
            if len(held) > 1 and on is not None:
                held = [(k, r) for k, r in held if self._on_day(k, on)] or held
            if held:
                return held[-1][1]
            if year < min(a for _r, a, _b in self.offices):
                return None
        return self.role

    @property
    def surname(self) -> str:
        """The family name: first token of a Korean name, last token otherwise."""
        tokens = self.label.replace(" Jr.", "").split()
        if self.country in ("KOR", "PRK") and len(tokens) >= 2:
            return tokens[0]
        return tokens[-1].rstrip(",")


PERSON_PREFIX = "person:"


def person_id(name: str) -> str:
    """Gazetteer-style id of a person (the gold format ``person:<Full Name>``)."""
    return PERSON_PREFIX + " ".join(name.split())


def _korean_variants(name: str) -> set[str]:
    """Spelling variants of a romanised Korean name: 'Lee Jong-sup' -> 'Lee Jong Sup', 'Lee Jongsup', and in
    Western order with the given name hyphenated, as U.S. releases and translations write it ('Jong-sup Lee',
    'Jong-Sup Lee'; a newspaper's "President Seok-Yeol Yoon")."""
    out = {name}
    tokens = name.split()
    if len(tokens) == 2 and "-" in tokens[1]:
        a, b = tokens[1].split("-", 1)
        out.add(f"{tokens[0]} {a} {b.capitalize()}")
        out.add(f"{tokens[0]} {a}{b}")
        out.add(f"{tokens[0]} {a}-{b.capitalize()}")
        out.add(f"{a}-{b} {tokens[0]}")
        out.add(f"{a}-{b.capitalize()} {tokens[0]}")
    if len(tokens) == 3:
        out.add(f"{tokens[0]} {tokens[1]}-{tokens[2].lower()}")
    return out


@dataclass
class Gazetteer:
    """All actors, with a case-sensitive matcher over their names.

    Attributes:
        actors: by id (``KOR``, ``UNSC``, ``person:Lloyd Austin``).
        names: matcher of every alias (ids as values).
        capitals: matcher of capital-city names standing for a government.
        by_surname: persons by family name, for "Secretary Austin".
    """

    actors: dict[str, Actor]
    names: PhraseMatcher
    capitals: PhraseMatcher
    by_surname: dict[str, list[Actor]] = field(default_factory=dict)
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A person's id -> the gazetteer's name and aliases of that person (for :meth:`person_like`)."""

    def person_like(
        self, name: str, title: str, country: str | None, year: int | None, on: dt.date | None = None
    ) -> Actor | None:
        """The one gazetteer person in the office ``title`` names in ``year`` whose name the text's ``name`` spells
        closely ("Tony Blincoln" after "Secretary of State" in 2021; "Eui-yong Eui-yong", a doubled given name, after
        "Foreign Minister"): see :func:`extractors.rules.people.close_spelling`. None without a year, an office or
        one such person: a name the gazetteer does not know stays its own then."""
        office = office_key(title)
        if year is None or office is None:
            return None
        found = {
            a.id: a
            for people in self.by_surname.values()
            for a in people
            if (country is None or a.country == country)
            and a.in_office(year, on)
            and office_key(a.role_in(year, on) or "") == office
            and any(close_spelling(name, s) for s in self.spellings.get(a.id, (a.label,)))
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def person_by_surname(
        self, surname: str, year: int | None, role_hint: str | None = None, on: dt.date | None = None
    ) -> Actor | None:
        """The one person of that family name in office in ``year`` (None if none or several)."""
        # other spellings of a Korean family name ("Minister Jeong" may be "Minister Chung") only with a year: two
        # persons in office then leave the mention unresolved
        spellings = surname_spellings(surname) if year is not None else (surname,)
        found = [
            a
            for spelled in spellings
            for a in self.by_surname.get(spelled, [])
            if year is None or a.in_office(year, on)
        ]
        office = office_key(role_hint) if role_hint else None
        if office is not None and len(found) > 1:
            # "Foreign Minister Chung" is the Minister of Foreign Affairs of that year
            found = [a for a in found if office_key(a.role_in(year, on) or "") == office] or found
        if office is not None and role_hint and role_hint.split()[-1].lower() in _MINISTERIAL_HINTS:
            # "Defense Minister Kim" names only a defence minister of that day: not the one Kim in office then who
            # holds another office, nor one of several
            found = [a for a in found if office_key(a.role_in(year, on) or "") == office]
        if role_hint and len(found) > 1:
            hint = role_hint.lower()
            roles = [(a, (a.role_in(year, on) or "").lower()) for a in found]
            # "Minister Shin": the Minister of National Defense before a Vice Minister of that year
            hinted = [a for a, r in roles if r.startswith(hint)] or [a for a, r in roles if hint in r]
            found = hinted or found
        if role_hint and len(found) == 1 and " ".join(role_hint.lower().split()) in _MINISTERIAL_HINTS:
            # "Prime Minister Kim" in 1975 is not the one Kim of the gazetteer in office then (the North's leader):
            # a cabinet title names only a person who held such an office
            hint = " ".join(role_hint.lower().split())
            if hint not in (found[0].role_in(year, on) or found[0].role or "").lower():
                return None
        return found[0] if len(found) == 1 else None

    def office_holder(self, role: str, country: str, year: int | None, on: dt.date | None = None) -> Actor | None:
        """The one person of ``country`` who held ``role`` in ``year`` (None without a year, or if none or several:
        a year in which the office changed hands names no one)."""
        if year is None:
            return None
        want = role.lower()
        found = [
            a
            for people in self.by_surname.values()
            for a in people
            if a.country == country and a.in_office(year, on) and (a.role_in(year, on) or "").lower() == want
        ]
        unique = {a.id: a for a in found}
        return next(iter(unique.values())) if len(unique) == 1 else None


_MINISTERIAL_HINTS = load_rules("actors").words("ministerial_titles")
"""Titles before a family name that name an office the person must hold ("Prime Minister Kim", "Secretary
Rusk"); ranks and "President", "Chairman", "Leader" (used loosely for the North's leaders) are not checked."""


def _day(value: object) -> dt.date | None:
    """An office's first or last day as the gazetteer writes it ("2018-09-21"), None where it gives none."""
    return dt.date.fromisoformat(str(value)) if value else None


def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read the gazetteer file.

    Raises:
        ExtractionError: unreadable or malformed file.
    """
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        actors: dict[str, Actor] = {}
        names: dict[str, list[str]] = {}
        capitals: dict[str, list[str]] = {}
        for section, kind in (("states", Kind.STATE), ("organizations", Kind.ORGANIZATION)):
            for entry in data[section]:
                actor = Actor(id=entry["id"], kind=kind, label=entry["label"], wikidata=entry.get("wikidata"))
                actors[actor.id] = actor
                for alias in {entry["label"], *entry.get("aliases", [])}:
                    names.setdefault(alias, []).append(actor.id)
                for capital in entry.get("capitals", []):
                    capitals.setdefault(capital, []).append(actor.id)
        by_surname: dict[str, list[Actor]] = {}
        spellings: dict[str, tuple[str, ...]] = {}
        romanised: dict[str, set[str]] = {}
        for entry in merged_persons(data["persons"]):
            offices = tuple((str(o["role"]), int(o["from"]), int(o["to"])) for o in entry["offices"])
            days = tuple((_day(o.get("since")), _day(o.get("until"))) for o in entry["offices"])
            actor = Actor(
                id=person_id(entry["name"]),
                kind=Kind.PERSON,
                label=entry["name"],
                role=entry.get("role") or offices[-1][0],
                country=entry.get("country"),
                terms=tuple((a, b) for _, a, b in offices),
                offices=offices,
                days=days if any(d != (None, None) for d in days) else (),
            )
            actors[actor.id] = actor
            by_surname.setdefault(actor.surname, []).append(actor)
            spellings[actor.id] = (entry["name"], *entry.get("aliases", []))
            variants: set[str] = set()
            for alias in (entry["name"], *entry.get("aliases", [])):
                variants |= _korean_variants(alias) if actor.country in ("KOR", "PRK") else {alias}
                if actor.country in ("KOR", "PRK"):
                    for spelled in romanised_variants(alias):
                        romanised.setdefault(spelled, set()).add(actor.id)
            for alias in variants:
                names.setdefault(alias, []).append(actor.id)
        # other romanisations of a Korean given name ("Won In-cheol" for "Won In-choul"), each only where it is
        # one person's and no name or alias of the gazetteer's
        for spelled, ids in romanised.items():
            if len(ids) == 1 and spelled not in names:
                for alias in _korean_variants(spelled):
                    names.setdefault(alias, []).append(next(iter(ids)))
    except (OSError, KeyError, TypeError, ValueError) as e:
        msg = f"cannot read the gazetteer {path}: {e}"
        raise ExtractionError(msg) from e
    return Gazetteer(
        actors, PhraseMatcher(names, fold=False), PhraseMatcher(capitals, fold=False), by_surname, spellings
    )


# ---------------------------------------------------------------------------
# Incident catalogue
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueIncident:
    """An entry of the incident catalogue."""

    id: str
    kind: Kind
    date: dt.date
    label: str
    perpetrator: str | None
    ordinal: int | None
    aliases: tuple[str, ...]
    threat_type: str | None
    parties: tuple[str, ...] = ()
    """For an outside agreement: the parties that made it."""
    commitment_types: tuple[str, ...] = ()
    """For an outside agreement: what it commits its parties to (from the
    catalogue's ``commitment_types``, else from the scheme phrases in its names)."""
    also_dated: tuple[tuple[dt.date, str], ...] = ()
    """Other days the record files the event under, each with its basis (``also_dated``: another clock's
    calendar day, an announcement, a discovery; see graph/data/INCIDENTS.md)."""


def load_catalogue(path: Path = CATALOGUE_PATH) -> list[CatalogueIncident]:
    """Read the incident catalogue, sorted by date.

    Raises:
        ExtractionError: unreadable or malformed file.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        out = [
            CatalogueIncident(
                id=e["id"],
                kind=Kind(e["kind"]),
                date=dt.date.fromisoformat(e["date"]),
                label=e.get("label") or e["id"],
                perpetrator=e.get("perpetrator"),
                ordinal=e.get("ordinal"),
                aliases=tuple(e.get("aliases", [])),
                threat_type=e.get("threat_type"),
                parties=tuple(e.get("parties") or ()),
                commitment_types=tuple(e.get("commitment_types") or ()),
                also_dated=tuple(
                    (dt.date.fromisoformat(o["date"]), str(o["basis"])) for o in e.get("also_dated") or ()
                ),
            )
            for e in data
        ]
    except (OSError, KeyError, TypeError, ValueError) as e:
        msg = f"cannot read the incident catalogue {path}: {e}"
        raise ExtractionError(msg) from e
    return sorted(out, key=lambda i: (i.date, i.id))


# ---------------------------------------------------------------------------
# Everything together
# ---------------------------------------------------------------------------


@dataclass
class Lexicon:
    """The compiled vocabularies the rules use."""

    concepts: dict[str, Concept]
    commitment_types: PhraseMatcher
    threat_types: PhraseMatcher
    gazetteer: Gazetteer
    catalogue: list[CatalogueIncident]
    incident_names: PhraseMatcher
    commitment_cues: PhraseMatcher = field(default_factory=lambda: PhraseMatcher({}))
    """Broad cue words of the commitment types (``skos:hiddenLabel``), for pledges no phrase types."""

    @cached_property
    def catalogue_by_id(self) -> dict[str, CatalogueIncident]:
        """Catalogue entries by id."""
        return {i.id: i for i in self.catalogue}

    @cached_property
    def catalogue_keys(self) -> list[tuple[CatalogueIncident, tuple[str, ...]]]:
        """Catalogue entries with the :func:`norm_key` of their label and aliases."""
        return [(i, tuple(norm_key(a) for a in (*i.aliases, i.label))) for i in self.catalogue]


def build_lexicon(
    schemes: Path = SCHEMES_PATH, gazetteer: Path = GAZETTEER_PATH, catalogue: Path = CATALOGUE_PATH
) -> Lexicon:
    """Load and compile all vocabularies from the given files."""
    concepts = load_concepts(schemes)
    commitment_types = _scheme_matcher(concepts, COMMITMENT_SCHEME)
    incidents = [_with_agreement_types(i, commitment_types) for i in load_catalogue(catalogue)]
    names: dict[str, list[str]] = {}
    for inc in incidents:
        for alias in (*inc.aliases, inc.label):
            names.setdefault(alias, []).append(inc.id)
    return Lexicon(
        concepts=concepts,
        commitment_types=commitment_types,
        threat_types=_scheme_matcher(concepts, THREAT_SCHEME),
        gazetteer=load_gazetteer(gazetteer),
        catalogue=incidents,
        incident_names=PhraseMatcher(names, fold=True),
        commitment_cues=_scheme_matcher(concepts, COMMITMENT_SCHEME, hidden=True),
    )


AGREEMENT_FALLBACK_TYPE = "RegionalCooperation"
"""Commitment type of an outside agreement whose catalogue entry names none and
whose names carry no scheme phrase (every ak:Commitment needs a type)."""


def _with_agreement_types(incident: CatalogueIncident, matcher: PhraseMatcher) -> CatalogueIncident:
    if incident.kind != Kind.AGREEMENT or incident.commitment_types:
        return incident
    found: set[str] = set()
    for name in (incident.label, *incident.aliases):
        for _, _, ids in matcher.finditer(name):
            found.update(ids)
    # an agreement whose names carry no scheme phrase is taken as one for peace in the region
    return replace(incident, commitment_types=tuple(sorted(found)) or (AGREEMENT_FALLBACK_TYPE,))


@cache
def default_lexicon() -> Lexicon:
    """The lexicon of the project's own data files (loaded once per process).

    It lives as long as the process. A long extraction run may move it out of
    the cyclic garbage collector's view once it is built (``gc.freeze``), which
    otherwise walks it on every full collection; that is the application's
    decision (``alliancekg.ingest.settle_heap``), not this library's, since it
    freezes every object alive at that moment.
    """
    return build_lexicon()
