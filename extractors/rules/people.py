"""Persons: one node per person, however the record spells the name, in the office of the document's date.

The gazetteer (``extractors/data/gazetteer.json``) names persons with the
offices they held (``offices``: role, from, to). :func:`merged_persons` adds
to it, at load time, every head of delegation and MCM chairman of the series
reference (:mod:`graph.series`): a person the gazetteer knows gains the
reference's spellings and offices; one it does not know becomes a new entry.
The gazetteer's name is the canonical one.

Spellings of one romanised Korean name are aliases of one person:
"Kim Kwan-jin", "Kim Kwan Jin", "Kim Kwanjin", "Kim, Kwan Jin" (the comma
form of older U.S. texts). :func:`name_key` folds them (and middle initials
and suffixes of Western names) to one key; :func:`canonical_name` writes a
name the gazetteer does not know in the canonical form: a Korean name family
name first with a hyphenated given name ("Park Hanki" -> "Park Han-ki"), a
Western name without middle initials ("Vincent K. Brooks" -> "Vincent Brooks").
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from extractors.rules import regex_cache
from extractors.rules.patterns import load_rules
from extractors.rules.reference import RefPerson, all_people
from graph.schema import Series

if TYPE_CHECKING:
    from extractors.rules.lexicon import Actor

_RULES = load_rules("actors")
KOREAN_SURNAMES = _RULES.words("korean_surnames")
_SUFFIX = regex_cache.compile(r",?\s+(?:" + "|".join(map(re.escape, _RULES.word_list("name_suffixes"))) + r")$")
_INITIAL = regex_cache.compile(r"(?<=\s)[A-Z]\.\s*(?=[A-Z])")
_FOLD = regex_cache.compile(r"[\s\-‐–,.’']+")
_ROLE_NOTE = regex_cache.compile(r"\s*\(.*\)$")
_VOWELS = "aeiou"
_CODAS = ("ng", "n", "m", "l", "k", "p", "t", "r")


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """One key for every spelling of a name: case, spaces, hyphens, commas, middle initials and suffixes folded.

    >>> name_key("Kim, Kwan Jin") == name_key("Kim Kwan-jin") == name_key("KIM KWANJIN")
    True
    >>> name_key("Joseph F. Dunford, Jr.") == name_key("Joseph Dunford")
    True
    """
    bare = _SUFFIX.sub("", " ".join(name.split()))
    bare = _INITIAL.sub("", bare)
    return _FOLD.sub("", bare).casefold()


def split_given(given: str) -> str | None:
    """A joined two-syllable romanised Korean given name, hyphenated ("Hanki" -> "Han-ki"), or None.

    >>> [split_given(g) for g in ("Hanki", "Inchoul", "Kyeongdoo", "Taeyoung", "Minkoo", "Wook")]
    ['Han-ki', 'In-choul', 'Kyeong-doo', 'Tae-young', 'Min-koo', None]
    """
    low = given.lower()
    i = 0
    while i < len(low) and low[i] not in _VOWELS:
        i += 1
    j = i
    while j < len(low) and low[j] in _VOWELS:
        j += 1
    if i == len(low) or j == len(low):
        return None
    for coda in (*_CODAS, ""):
        rest = low[j + len(coda) :]
        if low.startswith(coda, j) and re.fullmatch(r"[^aeiou]{1,3}[aeiou]+(?:ng|n|m|l|k|p|t)?", rest or "-"):
            cut = j + len(coda)
            return given[:cut] + "-" + given[cut:].lower()
    return None


def _spellings(key: str) -> dict[str, tuple[str, ...]]:
    """A rule list "a = b | c" as {a: (b, c)}."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _RULES.word_list(key):
        head, _, alternatives = line.partition("=")
        out[head.strip()] = tuple(a.strip() for a in alternatives.split("|") if a.strip())
    return out


_INITIAL_SPELLINGS = _spellings("romanised_initials")
_SURNAME_GROUPS = _spellings("korean_surname_spellings")
_OFFICE_KEYS = {" ".join(t.split()): k for k, titles in _spellings("office_keys").items() for t in (k, *titles)}
_CLOSE_RATIO = 0.75
"""How alike two name keys must be (difflib's ratio) for a close spelling."""


@functools.lru_cache(maxsize=1024)
def surname_spellings(surname: str) -> tuple[str, ...]:
    """Every spelling of a Korean family name (``korean_surname_spellings``), the name first; others as given.

    >>> surname_spellings("Jeong"), surname_spellings("Austin")
    (('Jeong', 'Chung', 'Jung'), ('Austin',))
    """
    for head, others in _SURNAME_GROUPS.items():
        group = (head, *others)
        if surname in group:
            return (surname, *(g for g in group if g != surname))
    return (surname,)


def office_key(title: str) -> str | None:
    """The office a title names, for close spellings (``office_keys``): "Foreign Minister" and "Minister of Foreign
    Affairs" are one; None for a title not listed.

    >>> office_key("Foreign  Minister"), office_key("Minister of Foreign Affairs"), office_key("Ambassador")
    ('foreign minister', 'foreign minister', None)
    """
    return _OFFICE_KEYS.get(" ".join(title.lower().split()))


def doubled_given(name: str) -> str | None:
    """The given name of a machine translation's garbled name that doubles it ("Eui-yong Eui-yong", "Eui-yong Eui":
    the family name lost, the given name or its first syllable written twice); None for any other name.

    >>> doubled_given("Eui-yong Eui-yong"), doubled_given("Min-soo Min"), doubled_given("Kim Kwan-jin")
    ('Eui-yong', 'Min-soo', None)
    """
    tokens = name.split()
    if len(tokens) != 2:
        return None
    a, b = tokens
    long, short = (a, b) if len(a) >= len(b) else (b, a)
    if "-" not in long:
        return None
    return long if short.casefold() in (long.casefold(), long.split("-")[0].casefold()) else None


def close_spelling(name: str, spelled: str) -> bool:
    """Does the text's ``name`` spell the gazetteer's ``spelled`` closely: a doubled given name that is its given
    name, or a name alike in its letters (``_CLOSE_RATIO``) that shares a word with it or begins each word as it
    does ("Tony Blincoln" / "Tony Blinken", "Anthony Blincoln" / "Antony Blinken", "Chung Wei-young" / "Chung
    Eui-yong")? Used only with the office and the date (:meth:`Gazetteer.person_like`).

    >>> close_spelling("Tony Blincoln", "Tony Blinken"), close_spelling("Eui-yong Eui", "Chung Eui-yong")
    (True, True)
    >>> close_spelling("Mike Pence", "Mike Pompeo"), close_spelling("Kim Dong-jin", "Kim Kwan-jin")
    (False, False)
    """
    given = doubled_given(name)
    words = spelled.split()
    if given is not None:
        return len(words) == 2 and words[0] in KOREAN_SURNAMES and name_key(words[1]) == name_key(given)
    mine = name.split()
    if len(mine) != len(words) or name_key(name) == name_key(spelled):
        return False
    keys, theirs = [name_key(w) for w in mine], [name_key(w) for w in words]
    alike = any(a == b for a, b in zip(keys, theirs, strict=True)) or all(
        a[:3] == b[:3] for a, b in zip(keys, theirs, strict=True)
    )
    return alike and difflib.SequenceMatcher(None, name_key(name), name_key(spelled)).ratio() >= _CLOSE_RATIO
_VOWEL_SPELLINGS = _spellings("romanised_vowels")


def _syllable_spellings(syllable: str) -> set[str]:
    """Other spellings of one romanised syllable, one change each ("choul" -> "cheol", "chul", "joul")."""
    low = syllable.lower()
    out: set[str] = set()
    for head, alternatives in _INITIAL_SPELLINGS.items():
        if low.startswith(head) and (len(low) == len(head) or low[len(head)] not in "hs"):
            out.update(alt + low[len(head) :] for alt in alternatives)
    for head, alternatives in _VOWEL_SPELLINGS.items():
        at = low.find(head)
        if at >= 0 and not (head == "u" and low[at - 1 : at] in ("o", "e")):
            out.update(low[:at] + alt + low[at + len(head) :] for alt in alternatives)
    out.discard(low)
    if syllable[:1].isupper():
        return {w.capitalize() for w in out}
    return out


def romanised_variants(name: str) -> set[str]:
    """Spellings of a canonical romanised Korean name ("Family Given-name") that differ from it in one syllable of
    the given name (``romanised_*`` in ``actors.yaml``); the family name is kept as its bearer writes it.

    >>> sorted(romanised_variants("Won In-choul")), sorted(romanised_variants("Han Min-koo"))
    (['Won In-cheol', 'Won In-chul', 'Won In-joul'], ['Han Min-goo', 'Han Min-ku'])
    """
    tokens = name.split()
    if len(tokens) != 2 or "-" not in tokens[1] or tokens[0] not in KOREAN_SURNAMES:
        return set()
    first, second = tokens[1].split("-", 1)
    out = {f"{tokens[0]} {v}-{second}" for v in _syllable_spellings(first)}
    out |= {f"{tokens[0]} {first}-{v}" for v in _syllable_spellings(second)}
    return out


def canonical_name(name: str, country: str | None = None) -> str:
    """The canonical form of a name the gazetteer does not know.

    >>> canonical_name("Kim, Dong Jin"), canonical_name("Yoon Yong Nam"), canonical_name("Park Hanki")
    ('Kim Dong-jin', 'Yoon Yong-nam', 'Park Han-ki')
    >>> canonical_name("Vincent K. Brooks"), canonical_name("Pat Example"), canonical_name("SATO Ichiro")
    ('Vincent Brooks', 'Pat Example', 'Sato Ichiro')
    """
    if not any(c.islower() for c in name):
        name = true_case(name)
    elif re.match(r"[A-Z]{3,}\s", name) and not _SUFFIX.fullmatch(" " + name.split()[0]):
        name = true_case(name.split()[0]) + name[len(name.split()[0]):]  # Tokyo's "KANO Koji": "Kano Koji"
    text = " ".join(name.replace(",", " , ").split()).replace(" , ", ", ")
    tokens = text.replace(",", "").split()
    korean = tokens[0] in KOREAN_SURNAMES and (country in (None, "KOR", "PRK")) and len(tokens) in (2, 3)
    if korean and not any(t.endswith(".") for t in tokens):
        family, given = tokens[0], tokens[1:]
        if len(given) == 2:
            return f"{family} {given[0]}-{given[1].lower()}"
        if "-" in given[0]:
            head, tail = given[0].split("-", 1)
            return f"{family} {head}-{tail.lower()}"
        split = split_given(given[0])
        return f"{family} {split}" if split else f"{family} {given[0]}"
    text = text.replace(",", "")
    suffix = _SUFFIX.search(text)
    bare = _SUFFIX.sub("", text)
    bare = " ".join(t for k, t in enumerate(bare.split()) if k == 0 or not re.fullmatch(r"[A-Z]\.", t))
    return bare + (suffix.group(0).replace(",", "") if suffix else "")


def true_case(name: str) -> str:
    """A name written in capitals (a cable, a telex copy), in ordinary case for display; the evidence keeps the
    text as written.

    >>> true_case("SUH JYONG-CHUL"), true_case("JAMES R. MCCONVILLE"), true_case("O'NEILL")
    ('Suh Jyong-chul', 'James R. McConville', "O'Neill")
    """

    def word(w: str) -> str:
        if len(w) <= 2 and w.endswith("."):
            return w  # an initial
        parts = w.split("-")
        head = parts[0][:1] + parts[0][1:].lower()
        if head.startswith("Mc") and len(head) > 2:
            head = "Mc" + head[2:].capitalize()
        elif "'" in head:
            head = "'".join(p.capitalize() for p in head.split("'"))
        return "-".join([head, *(p.lower() for p in parts[1:])])

    return " ".join(word(w) for w in name.split())


def korean_spellings(name: str) -> set[str]:
    """Spellings of a Korean name the record uses: spaced, joined, comma-inverted ("Kim, Tae Young")."""
    tokens = name.split()
    if len(tokens) != 2 or "-" not in tokens[1]:
        return {name}
    family = tokens[0]
    a, b = tokens[1].split("-", 1)
    givens = {f"{a}-{b}", f"{a} {b.capitalize()}", f"{a}{b}", f"{a}-{b.capitalize()}"}
    out = {f"{family} {g}" for g in givens}
    out |= {f"{family}, {g}" for g in givens}
    # the family name in capitals (Seoul's English releases: "CHO Tae-yul"), and Western order
    # (U.S. releases of the 1990s-2000s: "Yung Kil Cho", "Kwan-jin Kim")
    out |= {f"{family.upper()} {g}" for g in givens}
    out |= {f"{g} {family}" for g in givens}
    return out


def japanese_spellings(name: str) -> set[str]:
    """Spellings of a Japanese name in Western order ("Minoru Kihara"): family name first, as Tokyo's English
    releases write it, with the family name in capitals or not ("KIHARA Minoru", "Kihara Minoru")."""
    tokens = name.split()
    if len(tokens) != 2:
        return {name}
    given, family = tokens
    return {name, f"{family} {given}", f"{family.upper()} {given}", f"{given} {family.upper()}"}


def _role(text: str) -> str:
    return _ROLE_NOTE.sub("", text).strip()


def merged_persons(entries: Iterable[dict[str, Any]], people: list[RefPerson] | None = None) -> list[dict[str, Any]]:
    """The gazetteer's person entries completed from the series reference (see the module notes).

    Entries keep the gazetteer's format; each gets ``offices`` (role, from,
    to) and the record's spellings as ``aliases``.
    """
    out: list[dict[str, Any]] = []
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        e = dict(entry)
        if "offices" not in e:
            terms = e.get("terms") or [[e["from"], e["to"]]]
            e["offices"] = [{"role": e.get("role"), "from": a, "to": b} for a, b in terms]
            for key in ("since", "until") if len(terms) == 1 else ():
                if e.get(key):
                    e["offices"][0][key] = e[key]
        e["aliases"] = list(e.get("aliases", []))
        out.append(e)
        for alias in (e["name"], *e["aliases"]):
            by_key.setdefault((name_key(alias), e.get("country") or ""), e)
    for person in people if people is not None else all_people():
        keys = [(name_key(n), person.country) for n in (person.name, *person.aliases)]
        found = next((by_key[k] for k in keys if k in by_key), None)
        if found is None:
            found = {"name": canonical_name(person.name, person.country), "aliases": [], "country": person.country}
            found["role"] = _role(person.role)
            found["offices"] = []
            out.append(found)
        for alias in (person.name, *person.aliases):
            if alias != found["name"] and alias not in found["aliases"]:
                found["aliases"].append(alias)
        for k in keys:
            by_key.setdefault(k, found)
        if person.year is not None and not any(o["from"] <= person.year <= o["to"] for o in found["offices"]):
            found["offices"].append({"role": _role(person.role), "from": person.year, "to": person.year})
    for e in out:
        e["offices"] = _joined(e["offices"])
        if e.get("country") in ("KOR", "PRK", "JPN"):
            spell = japanese_spellings if e.get("country") == "JPN" else korean_spellings
            spellings: set[str] = set()
            for n in (e["name"], *e["aliases"]):
                spellings |= spell(n)
            e["aliases"] = sorted((set(e["aliases"]) | spellings) - {e["name"]})
    return out


def _joined(offices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Offices in order, consecutive years of one role joined into one term."""
    out: list[dict[str, Any]] = []
    for o in sorted(offices, key=lambda x: (x["from"], x["to"])):
        if out and out[-1]["role"] == o["role"] and o["from"] <= out[-1]["to"] + 1:
            if o["to"] > out[-1]["to"]:
                out[-1].pop("until", None)  # a later year of the office: its last day is not the one given before
            if o.get("until"):
                out[-1]["until"] = o["until"]
            out[-1]["to"] = max(out[-1]["to"], o["to"])
        else:
            out.append(dict(o))
    return out


_HEAD_ROLES: dict[str, tuple[str, ...]] = {
    Series(series.strip()): tuple(r.strip() for r in roles.split("|"))
    for series, _, roles in (line.partition("=") for line in _RULES.word_list("head_roles"))
}
_NOT_HEAD_ROLES = _RULES.word_list("leader_roles")
"""Offices that do not lead a delegation to a working-level body (series ``Other``, e.g. the NCG)."""
_PER_COUNTRY: dict[str, int] = {Series.TWO_PLUS_TWO: 2}


def reference_names(reference_heads: Sequence[RefPerson]) -> dict[str, str]:
    """The name keys (name and aliases) of the series reference's heads of a meeting, each with its country."""
    return {name_key(n): h.country for h in reference_heads for n in (h.name, *h.aliases)}


def delegation_heads(series: str, candidates: list[Actor], reference_heads: Sequence[RefPerson]) -> list[Actor]:
    """The heads of delegation among the persons the opening names with the recorded meeting.

    A person the series reference names as a head of that meeting is one;
    otherwise the office decides (defence ministers for an SCM, chairmen of
    the joint chiefs for an MCM, defence and foreign ministers for a 2+2,
    leaders for a summit). One head per country (two for a 2+2), in text order.
    """
    wanted = reference_names(reference_heads)
    roles = _HEAD_ROLES.get(series)
    limit = _PER_COUNTRY.get(series, 1)
    out: list[Actor] = []
    counts: dict[str, int] = {}
    by_reference = [a for a in candidates if wanted and name_key(a.label) in wanted]
    if roles is None:
        by_role = [a for a in candidates if not (a.role or "").lower().startswith(_NOT_HEAD_ROLES)]
    else:
        by_role = [a for a in candidates if any(r in (a.role or "").lower() for r in roles)]
    # a body whose delegations have two heads (an EDSCG: vice ministers of foreign affairs and of defence)
    per_country = {c: sum(1 for h in reference_heads if h.country == c) for c in {h.country for h in reference_heads}}
    for actor in [*by_reference, *by_role]:
        if actor.country is None or any(a.id == actor.id for a in out):
            continue
        if counts.get(actor.country, 0) >= max(limit, per_country.get(actor.country, 0)):
            continue
        counts[actor.country] = counts.get(actor.country, 0) + 1
        out.append(actor)
    return out
