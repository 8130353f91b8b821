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

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from extractors.rules import regex_cache
from extractors.rules.lexicon import Actor, Gazetteer, Lexicon, person_id
from extractors.rules.patterns import compose, first_word_prefixes, load_rules
from extractors.rules.people import KOREAN_SURNAMES, canonical_name, doubled_given, name_key
from extractors.rules.scan import AnchoredPattern, Coverage, Tokens
from graph.schema import Kind


def _prefix_anchor(prefixes: set[str] | None) -> Callable[[str], bool]:
    found = tuple(sorted(prefixes or ()))

    def anchor(word: str) -> bool:
        return word.startswith(found)

    return anchor


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


_RULES = load_rules("actors")
_VENUE_WORDS = _RULES.words("venue_words")
_VENUE_FILLERS = _RULES.words("venue_fillers")
_PLACE_FILLERS = _RULES.words("place_fillers")
_NOT_GOVERNMENT_AFTER = _RULES.regex("not_government_after")
_ROLE_PERSON = regex_cache.compile(compose(_RULES, "role_person"), _RULES.flags("role_person"))
_TITLE_SURNAME = regex_cache.compile(compose(_RULES, "title_surname"), _RULES.flags("title_surname"))
_PAPERS_PRESIDENT = _RULES.regex("papers_president")
_PLURAL_TITLE = regex_cache.compile(compose(_RULES, "plural_title_surnames"), _RULES.flags("plural_title_surnames"))
_NAME_WORD = regex_cache.compile(compose(_RULES, "name_word"), _RULES.flags("name_word"))
_SIDE_HEAD = regex_cache.compile(compose(_RULES, "side_head"), _RULES.flags("side_head"))
_SIDE_HEAD_OFFICE = regex_cache.compile(compose(_RULES, "side_head_office"))
_SPEAKER_LABEL = regex_cache.compile(compose(_RULES, "speaker_inline"), _RULES.flags("speaker_inline"))
_COUNTRY_BEFORE = regex_cache.compile(compose(_RULES, "country_before"))
_COUNTRY_AFTER = regex_cache.compile(compose(_RULES, "country_after"))
_THIRD_STATE_BEFORE = regex_cache.compile(compose(_RULES, "third_state_before"))
_THIRD_STATE_AFTER = regex_cache.compile(compose(_RULES, "third_state_after"))
_COUNTRY_IN_ROLE = _RULES.regex("country_in_role")
_RANK = regex_cache.compile(compose(_RULES, "rank"))
_CAPS_FAMILY = regex_cache.compile(r"[A-Z]{3,}\s")
"""A family name in capitals before the given name (Tokyo's "KANO Koji")."""
_OFFICE_AFTER = regex_cache.compile(compose(_RULES, "office_after"))
_RANK_WORDS = dict(pair.split("=", 1) for pair in _RULES.word_list("rank_abbreviations"))
_HONORIFICS = _RULES.words("honorifics")
_HONORIFIC_OFFICE = _RULES.regex("honorific_office")
_APPOSITION_STATE = _RULES.regex("apposition_state")
_APPOSITION_END = _RULES.regex("apposition_end")
_APPOSITION_REACH = 240
"""Characters after a name within which its apposition (office, ministry, state) is read."""
_KOREAN_NAME = _RULES.regex("korean_name")
_APPOSITION_STATE_WORD = _RULES.regex("apposition_state_word")
_APPOSITION_DEPARTMENTS = dict(pair.rsplit("=", 1) for pair in _RULES.word_list("apposition_departments"))
_APPOSITION_DEPARTMENT = regex_cache.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(_APPOSITION_DEPARTMENTS, key=len, reverse=True))) + r")\b"
)
_SIDE_BEFORE = regex_cache.compile(compose(_RULES, "side_before"), _RULES.flags("side_before"))
_ENVOY_TITLES = _RULES.words("envoy_titles")
_TITLE_ABBREVIATIONS = dict(pair.split("=", 1) for pair in _RULES.word_list("title_abbreviations"))
_NOT_NAME = _RULES.words("not_name_words")
_NAME_SPLIT = regex_cache.compile(r"[\s,\-]+")
_WORD_SPLIT = regex_cache.compile(r"[\s,]+")
_COUNTRY_WORDS = dict(pair.split("=", 1) for pair in _RULES.word_list("country_words"))
_ROLE_COUNTRY = dict(pair.split("=", 1) for pair in _RULES.word_list("role_countries"))


def country_word(words: str) -> str | None:
    """The state a country word names, spaces and case aside ("U.S.", "Republic of Korea", "South Korean")."""
    return _COUNTRY_WORDS.get(re.sub(r"\s+", "", words).lower())


_ROLE_ANCHORED = AnchoredPattern(_ROLE_PERSON, _prefix_anchor(first_word_prefixes(_ROLE_PERSON)))
_TITLE_ANCHORED = AnchoredPattern(_TITLE_SURNAME, _prefix_anchor(first_word_prefixes(_TITLE_SURNAME)))
_PLACE_NOUNS = _RULES.words("place_nouns")
_STATE_PLACE_WORDS = frozenset(w.lower() for w in _RULES.word_list("place_before_state"))
_PLACE_NOUN_AFTER = regex_cache.compile(r"\s+(?:" + "|".join(sorted(_PLACE_NOUNS)) + r")\b")
_OTHER_BODY_BEFORE = regex_cache.compile(r"\b(?:" + "|".join(sorted(_RULES.words("other_body_prefixes"))) + r")\s+$")
_CAPS_LINE = regex_cache.compile(r"(?m)^(?=(?:[^\na-z]*?[A-Z]){12})[^\na-z]+$")
_WORD = regex_cache.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_SMALL_WORDS = _RULES.words("small_words")
_LONGER_NAME = _RULES.regex("name_goes_on")
_NOT_THIRD = frozenset(_RULES.word_list("not_third_states"))


@dataclass(frozen=True)
class ActorMention:
    """A span of text naming an actor."""

    start: int
    end: int
    actor: Actor
    via: str
    """How it was recognised: ``name``, ``capital``, ``title``, ``role``, ``side`` (a side's untitled head) or
    ``surname`` (named in full before)."""


def _role_country(role: str, before: str, after: str = "", name: str = "") -> str | None:
    m = _COUNTRY_BEFORE.search(before) or _COUNTRY_AFTER.match(after) or _COUNTRY_IN_ROLE.search(role)
    if m:
        return country_word(m.group("c"))
    if _KOREAN_NAME.match(name) and name.replace(",", " ").split()[0] in KOREAN_SURNAMES:
        return "KOR"
    lowered = " ".join(role.lower().split())
    for cue, country in _ROLE_COUNTRY.items():
        if cue in lowered:
            return country
    return None


def _third_state(text: str, start: int, name_end: int) -> bool:
    """Does a third state qualify the office titled at ``start`` ("Philippine Defense Secretary", "Australia's
    Foreign Minister") or follow the name ending at ``name_end`` ("... X of the Philippines")?"""
    before = text[max(0, start - 30) : start]
    return _THIRD_STATE_BEFORE.search(before) is not None or _THIRD_STATE_AFTER.match(text, name_end) is not None


def is_name(name: str) -> bool:
    """Could this be a person's name? ("General Officer Talks", "Minister Of Defense" and titles are not.)"""
    words = [w for w in _NAME_SPLIT.split(name) if w]
    # a romanised Korean given name joins syllables that may be short English words ("Won In-cheol"): inside a
    # hyphenated word only the longer parts are checked against the words that are no names ("Joint-Staff")
    tokens = [w for w in _WORD_SPLIT.split(name) if w]
    parts = [p for w in tokens for p in ([w] if "-" not in w else [q for q in w.split("-") if len(q) > 3])]
    if len(words) < 2 or any(p in _NOT_NAME for p in parts):
        return False
    return "," not in name or words[0] in KOREAN_SURNAMES


def find_actors(
    text: str, lex: Lexicon, year: int | None, tokens: Tokens | None = None, on: dt.date | None = None
) -> list[ActorMention]:
    """Every actor mention of ``text``, in text order, without overlaps.

    Persons are also read in upper-case stretches (cables, headings): there
    the text is read title-cased, for persons only ("SUH JYONG CHUL").
    """
    toks = tokens if tokens is not None else Tokens.of(text)
    gaz = lex.gazetteer
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for start, end, ids in gaz.names.finditer(text, toks):
        actor = _pick(gaz.actors, ids, year, on)
        if actor is not None and actor.kind == Kind.PERSON and _LONGER_NAME.match(text, end):
            continue  # "Park Jin-woo" is not "Park Jin": a name goes on after a hyphen and a lower-case syllable
        if actor is not None and not _as_place_or_part(text, start, end, actor):
            out.append(ActorMention(start, end, _titled(actor, text, start) or _dated(actor, year, on), "name"))
            taken.append((start, end))
    for start, end, ids in gaz.capitals.finditer(text, toks):
        if _after_words(text, start, _VENUE_WORDS, _VENUE_FILLERS) or _NOT_GOVERNMENT_AFTER.match(text, end):
            continue
        out.append(ActorMention(start, end, gaz.actors[ids[0]], "capital"))
    covered = Coverage(taken)
    # upper-case lines (cables, headings) are read again title-cased, each on its own (offsets kept)
    readings: list[tuple[str, Tokens, int]] = [(text, toks, 0)]
    caps = _caps_lines(text)
    speakers = [(s, e) for s, e, _t in _speaker_labels(text)]
    for line_start, _line_end, titled in caps + [x for x in _speaker_labels(text) if not _in_lines(x, caps)]:
        ttoks = Tokens.of(titled)
        for start, end, ids in gaz.names.finditer(titled, ttoks):
            actor = _pick(gaz.actors, ids, year, on)
            start, end = start + line_start, end + line_start
            if actor is None or covered.overlaps(start, end) or _as_place_or_part(text, start, end, actor):
                continue
            via = "speaker" if any(a <= start and end <= b for a, b in speakers) else "name"
            out.append(ActorMention(start, end, _dated(actor, year, on), via))
            covered.add(start, end)
        readings.append((titled, ttoks, line_start))
    keys = _name_keys(lex)
    for reading, rtoks, offset in readings:
        for m in _ROLE_ANCHORED.finditer(reading, rtoks):
            s, e = m.span("name")
            s, e = s + offset, e + offset
            if covered.overlaps(s, e):
                continue
            raw = " ".join(m.group("name").split())
            if not is_name(raw):
                continue
            titled = _ROLE_ACRONYM.sub("", " ".join(m.group("role").split()))  # "Secretary of Defense (DASD) for"
            titled = _ROLE_ABBREVIATION.sub(_written_out, titled)  # "Chairman of the JCS"
            titled = _TITLE_ABBREVIATIONS.get(titled, titled)  # "Amb." is "Ambassador"
            ranked = _RANK.fullmatch(titled) is not None
            honorific = titled in _HONORIFICS
            # an envoy's title gives no state by the name's shape ("Ambassador Sung Kim" may be a U.S. envoy)
            envoy = titled in _ENVOY_TITLES
            role = _office_for_rank(titled, reading, m.end()) if ranked else titled
            known = keys.get(name_key(raw))
            if known is None and ranked and (role is None or _RANK.fullmatch(role)) and _CAPS_FAMILY.match(raw):
                continue  # "General FOIA Release", "Mr. KOTRA Trade": Tokyo's "KANO Koji" comes with an office
            if known is not None:
                actor = _dated(known, year, on)
            else:
                m_start = m.start() + offset
                of_state = m.group("ofc")  # "Vice Minister for Foreign Affairs of Japan <name>"
                country = (
                    country_word(of_state)
                    if of_state
                    else _role_country(
                        role or "", text[max(0, m_start - 20) : m_start], text[e : e + 60], "" if envoy else raw
                    )
                )
                if country is None and (honorific or envoy):
                    country = _apposition_state(text, e)
                # a garbled spelling of a gazetteer person in the office the title names that year ("Secretary of
                # State Tony Blincoln"); a doubled given name no gazetteer person answers is no person at all
                # ... never an office of a third state ("Philippine Defense Secretary X", "Foreign Minister X of
                # the Philippines"): that state's holder is no ally's person
                third = _third_state(text, m_start, e)
                like = gaz.person_like(raw, role or "", country, year, on) if not ranked and not third else None
                if like is not None:
                    out.append(ActorMention(s, e, _dated(like, year, on), "role"))
                    covered.add(s, e)
                    continue
                if doubled_given(raw) is not None:
                    continue
                label = canonical_name(raw, country)
                actor = Actor(id=person_id(label), kind=Kind.PERSON, label=label, role=role, country=country)
            out.append(ActorMention(s, e, actor, "role"))
            covered.add(s, e)
    out.extend(_side_heads(text, covered, keys, year, on))
    out.extend(_listed_heads(text, covered, keys, year, on))
    for m in _PAPERS_PRESIDENT.finditer(text):
        s, e = m.span("the")
        if _guest_country(gaz, m.group("named"), m.group("title"), year, on) == "USA":
            continue  # "The President's News Conference With President Biden": the host is no U.S. president
        holder = gaz.office_holder("President", "USA", year, on)
        if holder is not None and not covered.overlaps(s, e):
            out.append(ActorMention(s, e, _dated(holder, year, on), "title"))
            covered.add(s, e)
    for m in _TITLE_ANCHORED.finditer(text, toks):
        s, e = m.span("surname")
        if covered.overlaps(s, e):
            continue
        found = gaz.person_by_surname(m.group("surname"), year, m.group("title"), on)
        if found is not None and found.country in _NOT_THIRD and _third_state(text, m.start(), e):
            continue  # "Philippine Defense Secretary Teodoro": no ally's person of that family name ("Russian
            # President Putin" is still Russia's)
        if found is not None:
            out.append(ActorMention(m.start(), e, _dated(found, year, on), "title"))
    out.extend(_plural_titled(text, gaz, out, year, on))
    out.extend(_bare_surnames(text, out))
    out.sort(key=lambda a: (a.start, -a.end))
    return one_person_both_orders(side_countries(text, respective_countries(text, out)), gaz)


def _plural_titled(
    text: str, gaz: Gazetteer, found: list[ActorMention], year: int | None, on: dt.date | None
) -> list[ActorMention]:
    """The persons a plural title names ("Presidents Obama and Lee", "Ministers Han and Carter"): each surname
    after it read as after the singular title, those the gazetteer knows in office then; a name it does not know,
    or one already read, gives nothing."""
    covered = Coverage((a.start, a.end) for a in found)
    out: list[ActorMention] = []
    for m in _PLURAL_TITLE.finditer(text):
        title = " ".join(m.group("title").split())
        title = title[:-3] + "y" if title.endswith("ies") else title[:-1]
        for w in _NAME_WORD.finditer(text, m.start("names"), m.end("names")):
            if covered.overlaps(w.start(), w.end()):
                continue
            # ("Ministers Han and Carter": a paired title of two offices; a name the title does not fit is still
            # the one person of that name in office then, or no one)
            person = gaz.person_by_surname(w.group(0), year, title, on) or gaz.person_by_surname(
                w.group(0), year, None, on
            )
            if person is not None:
                out.append(ActorMention(w.start(), w.end(), _dated(person, year, on), "title"))
                covered.add(w.start(), w.end())
    return out


def one_person_both_orders(found: list[ActorMention], gaz: Gazetteer) -> list[ActorMention]:
    """A name the gazetteer does not know, written in one text in both orders ("Takeo Mori" and Tokyo's "MORI
    Takeo", read "Mori Takeo"), is one person: the later order takes the node of the first, with the state either
    gives when the other gives none. Two states apart are two persons."""
    first: dict[tuple[str, str], int] = {}
    for i, a in enumerate(found):
        words = a.actor.label.split()
        if a.actor.kind != Kind.PERSON or a.actor.id in gaz.actors or len(words) != 2:
            continue
        key = (words[0].casefold(), words[1].casefold())
        j = first.get((key[1], key[0]))
        if j is None:
            first.setdefault(key, i)
            continue
        earlier = found[j].actor
        if earlier.country is not None and a.actor.country is not None and earlier.country != a.actor.country:
            continue
        merged = replace(earlier, country=earlier.country or a.actor.country, role=earlier.role or a.actor.role)
        for k, b in enumerate(found):
            if b.actor.id in (earlier.id, a.actor.id):
                found[k] = replace(b, actor=merged)
    return found


def side_countries(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """A person named right after their side ("attended on the Japanese side by Mr. Pat Example, ...", "the U.S.
    side was represented by Pat Example of ...") takes that side's state when nothing else gave one."""
    for i, a in enumerate(found):
        if a.actor.kind != Kind.PERSON or a.actor.country is not None:
            continue
        m = _SIDE_BEFORE.search(text, max(0, a.start - 80), a.start)
        if m is not None and m.end() == a.start:
            country = country_word(m.group("c") or m.group("c2"))
            if country is not None:
                found[i] = replace(a, actor=replace(a.actor, country=country))
    return found


_RESPECTIVELY = _RULES.regex("respectively")
_SENTENCE_END = regex_cache.compile(r"[.;](?=\s|$)(?<![A-Z]\.)|\n\s*\n")


def respective_countries(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """Persons listed after "headed respectively by" take, in order, the states listed before it in their sentence
    ("The delegations of Japan, the ROK and the United States, headed respectively by A, B and C"), when there are
    as many persons as states; a person whose title already gave a state keeps it."""
    for cue in _RESPECTIVELY.finditer(text):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, cue.start())]
        begin = ends[-1] if ends else 0
        after = _SENTENCE_END.search(text, cue.end())
        stop = after.start() if after is not None else len(text)
        states: list[str] = []
        for a in found:
            in_list = begin <= a.start and a.end <= cue.start() and a.actor.kind == Kind.STATE and a.via == "name"
            if in_list and (not states or states[-1] != a.actor.id):  # "the Republic of Korea (ROK)": one state
                states.append(a.actor.id)
        persons = [i for i, a in enumerate(found) if cue.end() <= a.start < stop and a.actor.kind == Kind.PERSON]
        if len(states) < 2 or len(states) != len(persons):
            continue
        for i, state in zip(persons, states, strict=True):
            if found[i].actor.country is None:
                found[i] = replace(found[i], actor=replace(found[i].actor, country=state))
    return found


def _guest_country(
    gaz: Gazetteer, named: str | None, title: str, year: int | None, on: dt.date | None = None
) -> str | None:
    """The country of the guest a presidential papers' title names after "With" ("President Kim", "President
    Moon Jae-in of South Korea"): the first of its words, from the last, that is the family name of one person of
    the gazetteer in office that year; None when none is."""
    if not named:
        return None
    for word in reversed(named.split()):
        found = gaz.person_by_surname(word.rstrip(".,"), year, " ".join(title.split()), on)
        if found is not None:
            return found.country
    return None


def _side_heads(
    text: str, covered: Coverage, keys: dict[str, Actor], year: int | None, on: dt.date | None = None
) -> list[ActorMention]:
    """Heads named by a bare full name after their side ("The U.S. side was led by Pat Example, ...";
    "As for the American side, Pat Example is in charge"): a person of that side's country, with the office
    said right after the name or in the next sentence ("She is the ..."), if any."""
    out: list[ActorMention] = []
    for m in _SIDE_HEAD.finditer(text):
        group = "name" if m.group("name") is not None else "name2"
        s, e = m.span(group)
        raw = " ".join(m.group(group).split())
        if covered.overlaps(s, e) or not is_name(raw):
            continue
        country = country_word(m.group("c") or m.group("c2"))
        known = keys.get(name_key(raw))
        if known is not None:
            actor = _dated(known, year, on)
        else:
            label = canonical_name(raw, country)
            office = _SIDE_HEAD_OFFICE.match(text, e)
            role = " ".join(office.group("office").split()) if office else None
            actor = Actor(id=person_id(label), kind=Kind.PERSON, label=label, role=role, country=country)
        out.append(ActorMention(s, e, actor, "side"))
        covered.add(s, e)
    return out


_LISTED_HEAD = regex_cache.compile(compose(_RULES, "listed_head"), _RULES.flags("listed_head"))
_LISTED_HEAD_CUE = _RULES.regex("listed_head_cue")
_LISTED_HEAD_STATE = _RULES.regex("listed_head_state")


def _listed_heads(
    text: str, covered: Coverage, keys: dict[str, Actor], year: int | None, on: dt.date | None = None
) -> list[ActorMention]:
    """Heads listed name first with their office after a comma, before "..., led their respective delegations"
    ("Pat Example, Director General for Policy, Japan Ministry of Defense; ..."): a person of the state the
    clause's ministry or department names, with the office the apposition opens with."""
    out: list[ActorMention] = []
    for m in _LISTED_HEAD.finditer(text):
        s, e = m.span("name")
        raw = " ".join(m.group("name").split())
        if covered.overlaps(s, e) or not is_name(raw) or _LISTED_HEAD_CUE.match(text, s) is None:
            continue
        state = _LISTED_HEAD_STATE.search(m.group("office") + "," + m.group("rest"))
        country = country_word(state.group("c")) if state else None
        known = keys.get(name_key(raw))
        if known is not None:
            actor = _dated(known, year, on)
        else:
            label = canonical_name(raw, country)
            role = " ".join(m.group("office").split())
            actor = Actor(id=person_id(label), kind=Kind.PERSON, label=label, role=role, country=country)
        out.append(ActorMention(s, e, actor, "side"))
        covered.add(s, e)
    return out


def _office_for_rank(rank: str, text: str, name_end: int) -> str | None:
    """The role of a person the text titles only by rank: the office in apposition after the name ("Gen. Hong
    Gil-dong, Chief of Staff, Joint Staff"), else the rank written out ("Gen." is "General"); a rank is no office,
    but it is what the text says of the person. An honorific ("Mr.", "Dr.") is no office either, nor a rank: the
    office in apposition ("Mr. HONG Gildo, Deputy Director-General, ...") or none."""
    after = _OFFICE_AFTER.match(text, name_end)
    if after is not None:
        return " ".join(after.group("office").split())
    if rank in _HONORIFICS:
        office = _HONORIFIC_OFFICE.match(text, name_end)
        return " ".join(office.group("office").split()) if office else None
    return " ".join(_RANK_WORDS.get(w.rstrip("."), w) for w in rank.split())


def _apposition_state(text: str, name_end: int) -> str | None:
    """The state an apposition after a name gives ("..., Deputy Director-General, Asian Affairs Bureau, Ministry
    of Foreign Affairs of Japan"): its last "of <state>" before the apposition ends (see ``apposition_end``)."""
    window = text[name_end : name_end + _APPOSITION_REACH]
    if not window.startswith(","):
        return None
    end = _APPOSITION_END.search(window)
    stop = end.start() if end else len(window)
    states = list(_APPOSITION_STATE.finditer(window, 0, stop))
    if states:
        return country_word(states[-1].group("c"))
    # "..., U.S. Special Representative for ...": the state word that opens the apposition
    word = _APPOSITION_STATE_WORD.match(window)
    if word is not None:
        return country_word(word.group("c"))
    # "..., Under Secretary for Political Affairs, Department of State": a department one state alone has
    department = _APPOSITION_DEPARTMENT.search(window, 0, stop)
    return _APPOSITION_DEPARTMENTS[department.group(0)] if department else None


_SUFFIXES = _RULES.words("name_suffixes")
_ROLE_ACRONYM = regex_cache.compile(r"\s*\([A-Z]{2,6}\)")
"""An office's acronym inside its name ("Deputy Assistant Secretary of Defense (DASD) for East Asia")."""
_ROLE_ABBREVIATIONS = dict(pair.split("=", 1) for pair in _RULES.word_list("role_abbreviations"))
_ROLE_ABBREVIATION = regex_cache.compile(r"\b(?:" + "|".join(map(re.escape, _ROLE_ABBREVIATIONS)) + r")\b")


def _written_out(m: re.Match[str]) -> str:
    return _ROLE_ABBREVIATIONS[m.group(0)]


_HONORIFIC_BEFORE = _RULES.regex("honorific_before")


def _family_name(actor: Actor) -> str | None:
    """The family name a news text uses alone for ``actor`` once named ("Austin", "Shin")."""
    words = [w for w in actor.label.replace(",", " ").split() if w not in _SUFFIXES]
    if len(words) < 2:
        return None
    korean = actor.country in ("KOR", "PRK") and words[0] in KOREAN_SURNAMES
    family = words[0] if korean else words[-1]
    return family if len(family) > 2 and family not in _NOT_NAME else None


def _bare_surnames(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """A person the text has named in full, named again by the family name alone ("Lloyd Austin" ...
    "Austin reaffirmed ..."): the same person, when no other person of the text has that family name."""
    first_seen: dict[str, tuple[int, Actor]] = {}
    shared: set[str] = set()
    for a in found:
        if a.actor.kind != Kind.PERSON or a.via not in ("name", "role"):
            continue
        family = _family_name(a.actor)
        if family is None:
            continue
        seen = first_seen.get(family)
        if seen is not None and seen[1].id != a.actor.id:
            shared.add(family)
        elif seen is None or a.start < seen[0]:
            first_seen[family] = (a.start, a.actor)
    names = sorted(set(first_seen) - shared, key=len, reverse=True)
    if not names:
        return []
    covered = Coverage((a.start, a.end) for a in found)
    alternatives = "|".join(map(re.escape, names))
    # (a period right before the name ends a sentence glued to it, "... its capabilities.Austin warned", but not
    # an initial's or an acronym's: "J.Austin", "U.S.Austin")
    pattern = re.compile(
        r"(?<![\w'’-])(?<!(?<![a-z]{2})\.)(?<![A-Z][a-z]\s)(?:" + alternatives + r")(?![\w-])(?!\s+[A-Z])"
    )
    out: list[ActorMention] = []
    for m in pattern.finditer(text):
        start, actor = first_seen[m.group()]
        if m.start() > start and not covered.overlaps(m.start(), m.end()):
            honorific = _HONORIFIC_BEFORE.search(text, max(0, m.start() - 6), m.start())  # "Mr. Lee" is one mention
            out.append(ActorMention(honorific.start() if honorific else m.start(), m.end(), actor, "surname"))
    return out


def _as_place_or_part(text: str, start: int, end: int, actor: Actor) -> bool:
    """A state used as a place ("over Japan", "fought in Viet-Nam", "the Taiwan Strait"), or an alias at the end
    of another body's name ("National Security Council")."""
    if actor.kind == Kind.STATE:
        if _after_words(text, start, _STATE_PLACE_WORDS, _PLACE_FILLERS):
            return True
        return _PLACE_NOUN_AFTER.match(text, end) is not None
    if actor.kind == Kind.ORGANIZATION:
        return _OTHER_BODY_BEFORE.search(text, max(0, start - 30), start) is not None
    return False


_ROLE_GAP = 25
"""Characters between an office named before a name and the name (a rank: "... Joint Chiefs of Staff Gen. ")."""


def _titled(actor: Actor, text: str, start: int) -> Actor | None:
    """A person of several offices as the text titles them right before the name ("Chairman of the Republic of
    Korea Joint Chiefs of Staff Gen. Kyeong Doo Jeong" is the chairman even in an undated page, not the minister
    he became); None when the text names none of the person's offices there."""
    if len(actor.offices) < 2:
        return None
    near = text[max(0, start - 40) : start].lower()  # the office's last word ends close before the name
    before: str | None = None
    for role, _first, _last in actor.offices:
        words = _role_words(role)
        if not words or words[-1] not in near:
            continue
        before = before if before is not None else text[max(0, start - 80) : start].lower()
        if all(w in before for w in words) and len(before) - before.rfind(words[-1]) - len(words[-1]) <= _ROLE_GAP:
            return actor if role == actor.role else replace(actor, role=role)
    return None


@functools.lru_cache(maxsize=512)
def _role_words(role: str) -> tuple[str, ...]:
    """The words of an office that tell it apart (longer than three letters)."""
    return tuple(w for w in re.findall(r"[a-z]+", role.lower()) if len(w) > 3)


def _dated(actor: Actor, year: int | None, on: dt.date | None = None) -> Actor:
    """A person as of the document's date: the office held then (a JCS chairman in 2017, minister in 2019; in 2018
    the one of the document's day where the gazetteer gives the days of the change)."""
    if not actor.offices:
        return actor
    role = actor.role_in(year, on)
    return actor if role == actor.role else replace(actor, role=role)


_KEYS: dict[int, dict[str, Actor]] = {}


def _name_keys(lex: Lexicon) -> dict[str, Actor]:
    """Gazetteer persons by :func:`name_key` of every spelling (built once per lexicon)."""
    found = _KEYS.get(id(lex))
    if found is None:
        found = {}
        for actor in lex.gazetteer.actors.values():
            if actor.kind == Kind.PERSON:
                found.setdefault(name_key(actor.label), actor)
        _KEYS.clear()
        _KEYS[id(lex)] = found
    return found


def _caps_lines(text: str) -> list[tuple[int, int, str]]:
    """Upper-case lines (no lower-case letter, at least 12 letters) with their title-cased form (same length)."""
    out: list[tuple[int, int, str]] = []
    for m in _CAPS_LINE.finditer(text):
        line = m.group(0)
        titled = _WORD.sub(_title_word, line)
        if len(titled) == len(line):
            out.append((m.start(), m.end(), titled))
    return out


def _speaker_labels(text: str) -> list[tuple[int, int, str]]:
    """Upper-case speaker labels ("DEFENSE MINISTER HONG GIL-DONG (THROUGH TRANSLATOR):"), title-cased."""
    out: list[tuple[int, int, str]] = []
    for m in _SPEAKER_LABEL.finditer(text):
        label = m.group("label")
        titled = _WORD.sub(_title_word, label)
        if len(titled) == len(label) and len(label.split()) > 1:
            out.append((m.start("label"), m.end("label"), titled))
    return out


def _in_lines(span: tuple[int, int, str], lines: list[tuple[int, int, str]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b, _t in lines)


def _title_word(m: re.Match[str]) -> str:
    word = m.group(0)
    low = word.lower()
    return low if low in _SMALL_WORDS else word[:1].upper() + low[1:]


def _pick(actors: dict[str, Actor], ids: tuple[str, ...], year: int | None, on: dt.date | None = None) -> Actor | None:
    if len(ids) == 1:
        return actors[ids[0]]
    in_office = [actors[i] for i in ids if year is None or actors[i].in_office(year, on)]
    return in_office[0] if len(in_office) == 1 else None
