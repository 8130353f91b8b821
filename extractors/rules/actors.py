"""Actors: states, organizations and persons named in a text.

Names come from the gazetteer (case-sensitive, longest name first, so "U.S.
Forces Korea" is USFK, not the United States plus Korea). Capital cities stand
for their government ("Seoul and Washington agreed") unless the text uses them
as places ("held in Seoul", "Washington, D.C."). A title and a family name
("Secretary Austin", "Minister Lee") resolve to the one gazetteer person of
that name in office in the document's year. A title followed by a full name
that the gazetteer does not know ("Defense Minister Hong Gil-dong") yields a
new person, with the country the title implies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.rules.lexicon import Actor, Lexicon, person_id
from extractors.rules.scan import AnchoredPattern, Coverage, Tokens
from graph.schema import Kind

_VENUE_WORDS = frozenset(
    {"in", "at", "to", "from", "near", "into", "outside", "around", "across", "toward", "towards", "visit",
     "visited", "visiting", "visits", "via", "arrived", "returned", "left", "based"}
)  # fmt: skip
_VENUE_FILLERS = frozenset({"downtown"})
_PLACE_WORDS = frozenset({"over", "across", "above"})
_PLACE_FILLERS = frozenset({"the", "northern", "southern", "eastern", "western", "central"})


def _after_words(text: str, start: int, words: frozenset[str], fillers: frozenset[str]) -> bool:
    """True when the words right before ``start`` are one of ``words``, possibly followed by ``fillers``
    ("held in Seoul", "over northern Japan")."""
    before = text[max(0, start - 40) : start].split()
    for word in reversed(before[-3:]):
        lowered = word.lower()
        if lowered in words:
            return True
        if lowered not in fillers:
            return False
    return False


_NOT_GOVERNMENT_AFTER = re.compile(
    r"\s*(?:,\s*D\.\s?C\.|D\.\s?C\.|,\s*(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|\d)|\s+(?:Declaration|National|Metropolitan|Post|Times|Summit|Forum|Agreement|"
    r"Treaty|Naval|Airport|Station|Office|Institute|University|Conference|Accord|Joint|Statement|Consensus)\b)"
)
_TITLE_SURNAME = re.compile(
    r"\b(?P<title>Secretary|Minister|President|Prime\s+Minister|Chairman|Leader|Chairman|Gen\.|General|Adm\.|Admiral|Ambassador)"
    r"\s+(?P<surname>[A-Z][a-z]+)\b(?!\s+[A-Z][a-z])(?!-)"
)
_NAME = r"[A-Z][a-z]+(?:-[a-z]+)?"
_ROLE_PERSON = re.compile(
    r"\b(?P<role>Minister\s+of\s+National\s+Defen[cs]e|Defen[cs]e\s+Minister|Minister\s+of\s+Defen[cs]e|"
    r"Secretary\s+of\s+Defen[cs]e|Defen[cs]e\s+Secretary|Secretary\s+of\s+State|Foreign\s+Minister|"
    r"Minister\s+of\s+Foreign\s+Affairs|Prime\s+Minister|President|Chairman\s+of\s+the\s+Joint\s+Chiefs\s+of\s+Staff|"
    r"General|Gen\.|Admiral|Adm\.)"
    r",?\s+(?P<name>" + _NAME + r"(?:\s+[A-Z]\.)*(?:\s+" + _NAME + r"){1,2}(?:\s+(?:Jr\.|III|II|IV))?)"
)
_COUNTRY_BEFORE = re.compile(
    r"\b(?P<c>ROK|Korean|South\s+Korean|U\.S\.|US|American|United\s+States|Japanese|Chinese|North\s+Korean|DPRK)\s*$"
)
_COUNTRY_AFTER = re.compile(
    r",?\s+(?:the\s+)?(?:Chairman|Chief|Commander|Minister|Secretary)\s+of\s+the\s+"
    r"(?P<c>ROK|Korean|South\s+Korean|U\.S\.|US|American|United\s+States|Japanese)(?!\w)"
)
_KOREAN_NAME = re.compile(r"^[A-Z][a-z]{1,4}\s+[A-Z][a-z]+-[a-z]+$")
_COUNTRY_WORDS = {
    "rok": "KOR", "korean": "KOR", "southkorean": "KOR", "u.s.": "USA", "us": "USA", "american": "USA",
    "unitedstates": "USA", "japanese": "JPN", "chinese": "CHN", "northkorean": "PRK", "dprk": "PRK",
}  # fmt: skip
_ROLE_COUNTRY = {
    "national defense": "KOR",
    "national defence": "KOR",
    "secretary of defense": "USA",
    "secretary of state": "USA",
    "defense secretary": "USA",
}


_ROLE_ANCHORED = AnchoredPattern(
    _ROLE_PERSON,
    {"minister", "defense", "defence", "secretary", "foreign", "prime", "president", "chairman", "general", "gen",
     "admiral", "adm"},
)  # fmt: skip
_TITLE_ANCHORED = AnchoredPattern(
    _TITLE_SURNAME,
    {
        "secretary",
        "minister",
        "president",
        "prime",
        "chairman",
        "leader",
        "gen",
        "general",
        "adm",
        "admiral",
        "ambassador",
    },
)


@dataclass(frozen=True)
class ActorMention:
    """A span of text naming an actor."""

    start: int
    end: int
    actor: Actor
    via: str
    """How it was recognised: ``name``, ``capital``, ``title`` or ``role``."""


def _role_country(role: str, before: str, after: str = "", name: str = "") -> str | None:
    m = _COUNTRY_BEFORE.search(before) or _COUNTRY_AFTER.match(after)
    if m:
        return _COUNTRY_WORDS.get(re.sub(r"\s+", "", m.group("c")).lower())
    if _KOREAN_NAME.match(name):
        return "KOR"
    lowered = " ".join(role.lower().split())
    for cue, country in _ROLE_COUNTRY.items():
        if cue in lowered:
            return country
    return None


def find_actors(text: str, lex: Lexicon, year: int | None, tokens: Tokens | None = None) -> list[ActorMention]:
    """Every actor mention of ``text``, in text order, without overlaps."""
    toks = tokens if tokens is not None else Tokens.of(text)
    gaz = lex.gazetteer
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for start, end, ids in gaz.names.finditer(text, toks):
        actor = _pick(gaz.actors, ids, year)
        if actor is not None and actor.kind == Kind.STATE and _after_words(text, start, _PLACE_WORDS, _PLACE_FILLERS):
            continue
        if actor is not None:
            out.append(ActorMention(start, end, actor, "name"))
            taken.append((start, end))
    for start, end, ids in gaz.capitals.finditer(text, toks):
        if _after_words(text, start, _VENUE_WORDS, _VENUE_FILLERS) or _NOT_GOVERNMENT_AFTER.match(text, end):
            continue
        out.append(ActorMention(start, end, gaz.actors[ids[0]], "capital"))
    covered = Coverage(taken)
    for m in _ROLE_ANCHORED.finditer(text, toks):
        s, e = m.span("name")
        if covered.overlaps(s, e):
            continue
        name = " ".join(m.group("name").split())
        role = " ".join(m.group("role").split())
        country = _role_country(role, text[max(0, m.start() - 20) : m.start()], text[e : e + 60], name)
        actor = Actor(id=person_id(name), kind=Kind.PERSON, label=name, role=role, country=country)
        out.append(ActorMention(s, e, actor, "role"))
        covered.add(s, e)
    for m in _TITLE_ANCHORED.finditer(text, toks):
        s, e = m.span("surname")
        if covered.overlaps(s, e):
            continue
        found = gaz.person_by_surname(m.group("surname"), year, m.group("title"))
        if found is not None:
            out.append(ActorMention(m.start(), e, found, "title"))
    out.sort(key=lambda a: (a.start, -a.end))
    return out


def _pick(actors: dict[str, Actor], ids: tuple[str, ...], year: int | None) -> Actor | None:
    if len(ids) == 1:
        return actors[ids[0]]
    in_office = [actors[i] for i in ids if year is None or actors[i].in_office(year)]
    return in_office[0] if len(in_office) == 1 else None
