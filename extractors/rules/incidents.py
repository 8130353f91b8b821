"""Incidents: mentions of tests, launches, provocations, crises and outside agreements,
resolved against the incident catalogue.

Two kinds of cue:

* a catalogue name or alias ("the Cheonan", "Agreed Framework", "Hwasong-15");
* a generic trigger ("nuclear test", "ICBM launch", "artillery shelling",
  "cyberattack") or a missile-system name ("Hwasong-18"), which is resolved
  by what surrounds it: an ordinal ("the sixth nuclear test"; "the fifth and
  sixth nuclear tests"), a date ("the September 3 nuclear test", "a nuclear
  test on October 9, 2006", "the 2013 nuclear test"), or, for a definite
  singular reference ("the nuclear test", "its latest ICBM launch"), the most
  recent catalogue incident of that kind before the document's date.

Hypothetical or generic mentions ("any further nuclear test", "missile
launches") resolve to nothing. A specific mention that matches no catalogue
entry becomes a new incident with an estimated date and a lower confidence.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.rules import regex_cache
from extractors.rules.dates import DateMatch, find_dates, month_number
from extractors.rules.lexicon import CatalogueIncident, Lexicon, PhraseMatcher, norm_key
from extractors.rules.meetings import ordinal_value
from extractors.rules.patterns import compose, first_word_prefixes, load_rules
from extractors.rules.scan import AnchoredPattern, Coverage, Tokens
from graph.labels import kind_label
from graph.schema import Kind


def _prefix_test(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Anchor words of a pattern: the literal beginnings of its matches (see :mod:`extractors.rules.patterns`)."""
    prefixes = tuple(sorted(first_word_prefixes(pattern) or ()))

    def starts(word: str) -> bool:
        return word.startswith(prefixes)

    return starts


_RULES = load_rules("incidents")
_KIND_PATTERNS: list[tuple[Kind, str]] = [
    (Kind.NUCLEAR_TEST, "nuclear"),
    (Kind.MISSILE_LAUNCH, "missile"),
    (Kind.ARMED_PROVOCATION, "provocation"),
    (Kind.CYBER_OPERATION, "cyber"),
    (Kind.ARMED_PROVOCATION, "provocation_verb"),
]
_VERB_TRIGGER = len(_KIND_PATTERNS) - 1
"""The trigger group of a provocation told by its verb: resolved to the catalogue or not at all."""
_TRIGGERS: list[tuple[Kind, str]] = [(kind, compose(_RULES, key)) for kind, key in _KIND_PATTERNS]
_TRIGGER_RE = regex_cache.compile(
    "|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(_TRIGGERS)), re.IGNORECASE
)
_PLURAL_GROUPS = {
    0: ("pl1",),
    1: ("pl2", "pl5", "pl6", "pl7", "pl8", "pl9", "pl10", "pl11", "pl12"),
    2: ("pl3",),
    3: ("pl4",),
    4: (),
}
_SYSTEM_RE = _RULES.regex("system")
_RELATIVE_ORDINAL = _RULES.regex("relative_ordinal_after")
_CLAUSE_JOIN = _RULES.regex("clause_join")
_ORDINAL_START = regex_cache.compile(r"(?:" + compose(_RULES, "ordinal_word") + r")\b", re.IGNORECASE)
_TRIGGER_ANCHORED = AnchoredPattern(_TRIGGER_RE, _prefix_test(_TRIGGER_RE))
_SYSTEM_ANCHORED = AnchoredPattern(_SYSTEM_RE, _prefix_test(_SYSTEM_RE))
_ORDINALS_BEFORE = regex_cache.compile(compose(_RULES, "ordinals_before"), _RULES.flags("ordinals_before"))
_DEFINITE_BEFORE = _RULES.regex("definite_before")
_RECENT_BEFORE = _RULES.regex("recent_before")
_EVENT_VERB_BEFORE = _RULES.regex("event_verb_before")
_HYPOTHETICAL_BEFORE = _RULES.regex("hypothetical_before")
_ALLIED_OWNER_BEFORE = _RULES.regex("allied_owner_before")
_DPRK_AGENT_AFTER = _RULES.regex("dprk_agent_after")
_FOREIGN_TEST_SITE_AFTER = _RULES.regex("foreign_test_site_after")
_CLAUSE_BREAK = regex_cache.compile(r"[,;:]")
_FAR_REFERENCE = dt.date(2100, 1, 1)
"""A reference date after every catalogue incident, to find the days an undated copy gives without a year."""
_WEEKDAY_NAMES = tuple(calendar.day_name)
_YEARLESS_DAY_KINDS = frozenset(_RULES.word_list("yearless_day_kinds"))
_PLURAL_BEFORE = _RULES.regex("plural_before")
_BARE_YEAR_BEFORE = _RULES.regex("bare_year_before")
_YEAR_CLAUSE_BEFORE = _RULES.regex("year_clause_before")
_CLAUSE_DATE_GAP = _RULES.regex("clause_date_gap")
_FRONTED_LEAD = _RULES.regex("fronted_date_lead")
_FRONTED_GAP = _RULES.regex("fronted_date_gap")
_ENTRY_LEAD = _RULES.regex("entry_date_lead")
_FIRED_TRIGGER = _RULES.regex("fired_trigger")
_ENTRY_GAP = _RULES.regex("entry_date_gap")
_GROUPED = regex_cache.compile(compose(_RULES, "grouped"), _RULES.flags("grouped"))
_GROUPED_ANCHORED = AnchoredPattern(_GROUPED, _prefix_test(_GROUPED))
_GROUPED_PRONOUN_GAP = _RULES.regex("grouped_pronoun_gap")
_DESCRIBED_NOUN = _RULES.regex("described_noun")
_CLOCK_BASIS = _RULES.regex("clock_basis")
_OVERFLIGHT_AFTER = _RULES.regex("overflight_after")
_OVERFLIGHT_BEFORE = _RULES.regex("overflight_before")
_OVERFLIGHT_WORD = _RULES.regex("overflight_word")
_OVERFLIGHT_NAMES = _RULES.word_list("overflight_name")
_GROUPED_MODIFIERS = _RULES.regex("grouped_modifiers")
_MISSILE_WORD = _RULES.regex("missile_word")
_COUNT_BEFORE = _RULES.regex("count_before")
_COUNTS = {w: int(n) for w, _, n in (p.partition("=") for p in _RULES.word_list("counts"))}
_UNREAL_VERB_BEFORE = _RULES.regex("unreal_verb_before")
_DEFINITE_REACH = 130
"""Characters before a trigger read for its determiner: the North's full name, its abbreviation in brackets and
three modifiers ("the Democratic People's Republic of Korea's (DPRK) dangerous and escalatory launch of ...")."""
_GENERIC_NAME_WORDS = _RULES.words("generic_name_words")
_FOREIGN_LANDING = _RULES.words("foreign_landing_places")
_MISSILE_CLASSES = tuple(
    (cls.strip(), regex_cache.compile(r"\b(?:" + "|".join(re.escape(w.strip()) for w in words.split("|")) + r")\b"))
    for cls, _, words in (line.partition("=") for line in _RULES.word_list("missile_classes"))
)


_CLASS_WORDS = frozenset(
    word
    for line in _RULES.word_list("missile_classes")
    for phrase in line.partition("=")[2].split("|")
    for word in phrase.strip().split()
) | _RULES.words("class_words_extra")


def missile_classes(text: str) -> frozenset[str]:
    """The missile classes ``text`` names (``icbm``, ``irbm``, ``slbm`` ...; see ``incidents.yaml``)."""
    lowered = text.lower()
    return frozenset(cls for cls, pattern in _MISSILE_CLASSES if pattern.search(lowered))


_PLACE_SPELLINGS: list[tuple[str, tuple[str, ...]]] = [
    (canon.strip(), tuple(v.strip() for v in variants.split("|") if v.strip() and v.strip() != canon.strip()))
    for canon, _, variants in (line.partition("=") for line in _RULES.word_list("place_spellings"))
]
_PLACE_OF = {v.lower(): canon for canon, variants in _PLACE_SPELLINGS for v in (canon, *variants)}
_PLACE_RE = regex_cache.compile(
    r"\b(?:" + "|".join(re.escape(v) for v in sorted(_PLACE_OF, key=len, reverse=True)) + r")\b", re.I
)
_DESCRIBED_KINDS = frozenset({Kind.AGREEMENT, Kind.CRISIS, Kind.ARMED_PROVOCATION})
_CLASS_LOOKBACK = 300
"""Characters before a bare "the missile launch" read for the missile class the text just described."""
_MAX_AGE_DAYS = {
    Kind.NUCLEAR_TEST: 1500,
    Kind.MISSILE_LAUNCH: 400,
    Kind.ARMED_PROVOCATION: 700,
    Kind.CYBER_OPERATION: 400,
}


@dataclass(frozen=True)
class NewIncident:
    """An incident the catalogue does not hold (its date estimated)."""

    kind: Kind
    date: dt.date
    label: str
    perpetrator: str | None
    threat_type: str | None


@dataclass(frozen=True)
class IncidentMention:
    """A span referring to an incident."""

    start: int
    end: int
    incident: CatalogueIncident | NewIncident
    confidence: float


_THREAT_OF_KIND = {
    Kind.NUCLEAR_TEST: "NuclearWeapons",
    Kind.MISSILE_LAUNCH: "BallisticMissiles",
    Kind.ARMED_PROVOCATION: "ConventionalProvocation",
    Kind.CYBER_OPERATION: "CyberThreat",
}


class IncidentResolver:
    """Finds incident mentions in a document and resolves them to the catalogue.

    Args:
        lex: the lexicon (catalogue and its name matcher).
        doc_date: the document's date (None: no resolution by recency).
    """

    def __init__(self, lex: Lexicon, doc_date: dt.date | None) -> None:
        self.lex = lex
        self.doc_date = doc_date
        self._pools: dict[str, list[CatalogueIncident]] = {}
        self._latest = doc_date + dt.timedelta(days=1) if doc_date is not None else None
        self._key_cache: dict[str, tuple[str, ...]] = {}
        self._word_cache: dict[str, frozenset[str]] = {}
        self._class_cache: dict[str, frozenset[str]] = {}
        self._by_month: dict[int, list[CatalogueIncident]] | None = None
        self._yearless_days: list[DateMatch] = []
        self.by_kind: dict[Kind, list[CatalogueIncident]] = {}
        for inc in lex.catalogue:
            self.by_kind.setdefault(inc.kind, []).append(inc)

    def _system_pool(self, name: str) -> list[CatalogueIncident]:
        """Catalogue incidents whose names contain a missile-system name ("hwasong18")."""
        pool = self._pools.get(name)
        if pool is None:
            pool = [c for c, keys in self.lex.catalogue_keys if self._known(c) and any(name in k for k in keys)]
            self._pools[name] = pool
        return pool

    def _known(self, inc: CatalogueIncident) -> bool:
        return self._latest is None or inc.date <= self._latest

    def _reported(self, inc: CatalogueIncident) -> bool:
        """Had the event happened by the document's date? On its own day, or on another clock's day the catalogue
        gives it (``also_dated`` with a clock's basis: a U.S. text of July 3 has seen Korea's launch of July 4).
        A blanket day after the document would let a U.S. text of May 6 read "the latest missile launch" as a
        launch of May 7 in Korea, made after the text was written."""
        if self.doc_date is None or inc.date <= self.doc_date:
            return True
        return any(day <= self.doc_date for day in _clock_days(inc))

    def find(
        self,
        text: str,
        dates: list[DateMatch],
        sentence_bounds: list[tuple[int, int]],
        tokens: Tokens | None = None,
    ) -> list[IncidentMention]:
        """Every incident mention of ``text``.

        Args:
            text: the document text.
            dates: the document's date expressions (:func:`find_dates`).
            sentence_bounds: ``(start, end)`` of each sentence, in order.
        """
        toks = tokens if tokens is not None else Tokens.of(text)
        if self.doc_date is None:
            # an undated copy ("Friday, September 9" over a statement): its days without a year, read against a
            # far date only to find them; a trigger's such day picks the one incident of its kind on that day
            self._yearless_days = [
                d for d in find_dates(text, _FAR_REFERENCE, tokens=toks) if d.partial and d.precision == "day"
            ]
        out: list[IncidentMention] = []
        taken = Coverage()
        cat = self.lex.catalogue_by_id
        named = [*self.lex.incident_names.finditer(text, toks), *_variant_names(self.lex).finditer(text, toks)]
        bounds = _Bounds(sentence_bounds)
        for start, end, ids in sorted(named):
            candidates = [cat[i] for i in ids if self._known(cat[i])]
            if not candidates or taken.overlaps(start, end):
                continue
            if _ORDINAL_START.match(text, start, end) and _RELATIVE_ORDINAL.match(text, end, bounds.around(start)[1]):
                continue  # "its second nuclear test in eight months" is not the record's second test
            if _ORDINAL_START.match(text, start, end) and _HYPOTHETICAL_BEFORE.search(text, max(0, start - 40), start):
                continue  # "might conduct a second nuclear test soon", "possibly a second test": none that happened
            if all(c.kind == Kind.NUCLEAR_TEST for c in candidates) and _FOREIGN_TEST_SITE_AFTER.match(
                text, end, bounds.around(start)[1]
            ):
                continue  # "the first nuclear test at Alamogordo": another state's first, not the record's
            chosen = max(candidates, key=lambda c: c.date) if len(candidates) > 1 else candidates[0]
            if self.doc_date is not None and _RECENT_BEFORE.search(text, max(0, start - 20), start):
                chosen = self._newest_like(chosen, text[start:end])
            if _SYSTEM_RE.match(text, start, end):
                # a missile system's name ("Hwasong-17", "Hwasong-15 launch") is one launch's alias; with a date
                # of another launch ("a Hwasong-17 ICBM on March 24, 2022") the system and the date decide (below)
                _, s_end = bounds.around(start)
                when = _adjacent_date(text, dates, start, end, s_end, reach=60)
                if when is not None and when.precision == "day" and not when.contains(chosen.date, slack_days=1):
                    continue
            out.append(IncidentMention(start, end, chosen, 0.9))
            taken.add(start, end)
        grouped = [f for f in self._grouped(text, toks, bounds) if not taken.overlaps(f.start, f.end)]
        out.extend(grouped)
        for found in grouped:
            taken.add(found.start, found.end)
        for m in _SYSTEM_ANCHORED.finditer(text, toks):
            if taken.overlaps(m.start(), m.end()):
                continue
            pool = self._system_pool(norm_key(m.group(0)))
            s_start, _ = bounds.around(m.start())
            # "the two launches of Unha-3 rockets in 2012": every launch of the system that year
            plural = _PLURAL_BEFORE.search(text, max(s_start, m.start() - 40), m.start()) is not None
            by_system = self._resolve(text, dates, m.start(), m.end(), s_start, bounds, pool, plural=plural, named=True)
            out.extend(by_system)
            for r in by_system:
                taken.add(r.start, r.end)
        earlier = sorted(out, key=lambda r: r.start)
        for m in _TRIGGER_ANCHORED.finditer(text, toks):
            if taken.overlaps(m.start(), m.end()):
                continue
            index = _group_index(m)
            kind = _TRIGGERS[index][0]
            plural = any(m.group(g) for g in _PLURAL_GROUPS[index])
            s_start, s_end = bounds.around(m.start())
            pool = [c for c in self.by_kind.get(kind, []) if self._known(c)]
            # a place next to the trigger narrows the candidates ("the incursion ... near Kangnung")
            # (in the trigger's own clause: "raided the Blue House in 1968, and its agents bombed ... in Rangoon")
            lo = max(s_start, m.start() - 80)
            joint = _CLAUSE_JOIN.search(text, lo, m.start())
            while joint is not None:
                lo = joint.end()
                joint = _CLAUSE_JOIN.search(text, lo, m.start())
            placed = self._placed(text, lo, min(s_end, m.end() + 80), pool)
            resolved: list[IncidentMention] = []
            for candidates in ([placed] if placed else []) + [pool]:
                resolved = self._resolve(
                    text,
                    dates,
                    m.start(),
                    m.end(),
                    s_start,
                    bounds,
                    candidates,
                    plural=plural,
                    named=candidates is placed,
                    kind=kind,
                    earlier=earlier,
                )
                if resolved and all(isinstance(r.incident, CatalogueIncident) for r in resolved):
                    break
            if index == _VERB_TRIGGER:
                resolved = [r for r in resolved if isinstance(r.incident, CatalogueIncident)]
            out.extend(resolved)
        for found in self._described(text, dates, toks, bounds):
            if not taken.overlaps(found.start, found.end):
                out.append(found)
                taken.add(found.start, found.end)
        out.sort(key=lambda r: r.start)
        out = self._another(text, dates, bounds, out)
        return self._anaphora(text, out, toks)

    def _weekday_in_korea(self, text: str, date: DateMatch) -> DateMatch | None:
        """A weekday read as the latest such day, moved a week on when that is at most the day after the document.

        A copy dated in Washington ("Tuesday, December 11") tells Korea's next day ("early Wednesday"); the
        latest Wednesday on or before the document is six days earlier. Only a weekday's date moves, and only
        up to the day after the document (``_latest``), the slack the newest-of-its-kind rule allows too; the
        caller takes only an incident of that very day.
        """
        if not (date.relative and date.precision == "day") or self._latest is None:
            return None
        if not text[date.start : date.end].rstrip().endswith(_WEEKDAY_NAMES):
            return None
        later = date.date + dt.timedelta(days=7)
        return dataclasses.replace(date, date=later) if later <= self._latest else None

    def _another(
        self, text: str, dates: list[DateMatch], bounds: _Bounds, found: list[IncidentMention]
    ) -> list[IncidentMention]:
        """An elided second event: "a Hwasong-14 ... on July 4, 2017, and another on July 28" is the catalogue's
        incident of the first one's kind (and missile system, when it names one) on the second date."""
        if not found or "nother" not in text and "second" not in text and "third" not in text:
            return found
        extra: list[IncidentMention] = []
        starts = [f.start for f in found]
        for d in dates:
            if d.precision not in ("day", "month"):
                continue
            m = _ANOTHER_BEFORE.search(text, max(0, d.start - 40), d.start)
            if m is None:
                continue
            s_start, _ = bounds.around(d.start)
            i = bisect.bisect_left(starts, m.start()) - 1
            if i < 0 or found[i].start < s_start or not isinstance(found[i].incident, CatalogueIncident):
                continue
            first = found[i].incident
            within = _within(d, slack_days=1)
            hits = [c for c in self.by_kind.get(first.kind, []) if c is not first and within(c.date) and self._known(c)]
            system = _SYSTEM_RE.search(first.label)
            if system is not None and len(hits) > 1:
                hits = [c for c in hits if system.group("sys").lower() in c.label.lower()] or hits
            if len(hits) == 1:
                extra.append(IncidentMention(m.start("another"), d.end, hits[0], 0.75))
        return sorted([*found, *extra], key=lambda r: r.start) if extra else found

    def _placed(self, text: str, start: int, end: int, pool: list[CatalogueIncident]) -> list[CatalogueIncident]:
        """The incidents of ``pool`` at a place the text names near a trigger, in any spelling ("near Kangnung")."""
        out: list[CatalogueIncident] = []
        for m in _PLACE_RE.finditer(text, start, end):
            key = norm_key(_PLACE_OF[m.group(0).lower()])
            out.extend(c for c in pool if c not in out and any(key in k for k in self._keys(c)))
        return out

    def _keys(self, incident: CatalogueIncident) -> tuple[str, ...]:
        keys = self._key_cache.get(incident.id)
        if keys is None:
            keys = tuple(norm_key(a) for a in (*incident.aliases, incident.label))
            self._key_cache[incident.id] = keys
        return keys

    def _grouped(self, text: str, toks: Tokens, bounds: _Bounds) -> list[IncidentMention]:
        """Incidents listed with one date each: "the missile and nuclear tests in April and May of 2009" (one
        incident per kind and month, in order), "the tunnels discovered in November 1974 and March 1975"."""
        out: list[IncidentMention] = []
        for m in _GROUPED_ANCHORED.finditer(text, toks):
            _, s_end = bounds.around(m.start())
            if m.end() > s_end:
                continue
            if _HYPOTHETICAL_BEFORE.search(text, max(0, m.start() - 40), m.start()) and not (
                m.group("gap") and _GROUPED_PRONOUN_GAP.search(m.group("gap"))
            ):
                continue  # "any further tests in May and June"; not "more tests after those in May and June"
            year2 = int(m.group("y2")) if m.group("y2") else None
            year1 = int(m.group("y1")) if m.group("y1") else year2
            if m.group("k1"):
                kinds = [_GROUP_KIND[m.group("k1").split()[-1].lower()], _GROUP_KIND[m.group("k2").split()[-1].lower()]]
            else:
                noun = m.group("noun").lower()
                kinds = [_GROUP_NOUN_KIND.get(noun, Kind.MISSILE_LAUNCH)] * 2
                if noun == "tunnels":
                    kinds = [Kind.ARMED_PROVOCATION] * 2
                elif noun == "tests" and (
                    _MISSILE_WORD.search(mods := _grouped_modifiers(text, m.start(), bounds)) or _SYSTEM_RE.search(mods)
                ):
                    kinds = [Kind.MISSILE_LAUNCH] * 2  # "the Musudan missile tests in April and June"
            # without a year in the list, the year the text spoke of just before ("In 2009 ... the missile and
            # nuclear tests in April and May of that year"), else the document's
            years: list[int | None] = [year1] if year1 is not None else [*_context_year(text, m.start()), None]
            found: list[IncidentMention] = []
            for year in years:
                whens = [
                    _listed_day(m.group("m1"), m.group("d1"), year, self.doc_date),
                    _listed_day(m.group("m2"), m.group("d2"), year2 or year, self.doc_date),
                ]
                found = self._listed(m, kinds, whens, _grouped_modifiers(text, m.start(), bounds))
                if found:
                    break
            out.extend(found)
        return out

    def _listed(
        self, m: re.Match[str], kinds: list[Kind], whens: list[tuple[dt.date, bool] | None], mods: str = ""
    ) -> list[IncidentMention]:
        """The incidents of a grouped mention, one kind and date per item (nothing when an item fits none).

        Only incidents of what the mention's words name are taken: the missile system and class of its span and of
        the modifiers before its noun (``mods``: "the Musudan intermediate-range missile launches in April and June"
        is no submarine launch of that April). A listed day is the incident's own or another clock's day of it
        (``also_dated``: "the February 26 and March 4 launches" in U.S. dates), never a blanket day's slack.
        """
        found: list[IncidentMention] = []
        words = f"{mods} {m.group(0)}"
        system = _SYSTEM_RE.search(words)
        classes = missile_classes(words)
        for kind, when in zip(kinds, whens, strict=True):
            if when is None:
                found = []
                break
            day, precise = when
            pool = [c for c in self.by_kind.get(kind, []) if self._known(c)]
            if m.group("noun") and m.group("noun").lower() == "tunnels":
                pool = [c for c in pool if "tunnel" in c.label.lower()]
            if kind == Kind.MISSILE_LAUNCH and system is not None:
                name = norm_key(system.group(0))
                pool = [c for c in pool if any(name in k for k in self._keys(c))]
            if kind == Kind.MISSILE_LAUNCH and classes:
                pool = [c for c in pool if not (own := self._classes(c)) or own & classes]
            hits = [
                c
                for c in pool
                if (
                    (c.date == day or day in _clock_days(c))
                    if precise
                    else (c.date.year, c.date.month) == (day.year, day.month)
                )
            ]
            if len(hits) > 1 and not precise and m.group("noun") and not m.group("k1"):
                # "the ICBM launches in July and November 2017": every launch of the month, of the type named
                kept = {
                    id(f.incident) for f in _narrow_by_type([IncidentMention(0, 0, c, 0) for c in hits], m.group(0))
                }
                hits = [c for c in hits if id(c) in kept]
                if len(hits) > 3:
                    hits = []
            if not hits or (len(hits) > 1 and (precise or not m.group("noun") or m.group("k1"))):
                found = []
                break
            found.extend(IncidentMention(m.start(), m.end(), c, 0.8) for c in hits)
        return found

    def _described(self, text: str, dates: list[DateMatch], toks: Tokens, bounds: _Bounds) -> list[IncidentMention]:
        """Agreements, crises and provocations the text describes by their date and a word of their name ("the
        framework agreement signed in Geneva on October 21, 1994"; "on March 12, North Korea announced that it
        would leave the Treaty on the Non-Proliferation of Nuclear Weapons")."""
        out: list[IncidentMention] = []
        lowered: str | None = None
        latest = self._latest
        for d in dates:
            if d.precision == "year":
                continue
            pool = self._described_pool(d)
            if latest is not None:
                pool = [c for c in pool if c.date <= latest]
            if not pool:
                continue
            # a day written without its year ("on March 12") may be of another year than the one guessed for it (not a
            # weekday counted from the story's date: "the allies' defense chiefs said Friday" is that week's Friday,
            # never the Friday of another year whose month and day an agreement of the catalogue shares)
            within = _within(d, slack_days=1)
            if d.partial and not d.relative and d.precision == "day":
                month_day = (d.date.month, d.date.day)
                candidates = [c for c in pool if within(c.date) or (c.date.month, c.date.day) == month_day]
            else:
                candidates = [c for c in pool if within(c.date)]
            if not candidates:
                continue
            s_start, s_end = bounds.around(d.start)
            if not _DESCRIBED_NOUN.search(text, s_start, s_end):
                continue
            words = set(toks.words_between(s_start, s_end))
            matched = [(c, w) for c in candidates for w in self._name_words(c) if w in words]
            # a word of the name beyond the describing noun itself: "the demolition of the old headquarters
            # building in June" is not the demolition of the liaison office that June
            named = {c.id for c, w in matched if _DESCRIBED_NOUN.fullmatch(w) is None}
            matched = [(c, w) for c, w in matched if c.id in named]
            if not matched:
                continue
            incident = matched[0][0]
            if lowered is None:
                lowered = text.lower()
            # the incident's name word that occurs first (a set's order must not decide the span)
            at, word = min(
                ((lowered.find(w, s_start, s_end), w) for c, w in matched if c is incident),
                key=lambda found: (found[0] < 0, found[0], found[1]),
            )
            start, end = (min(at, d.start), max(at + len(word), d.end)) if at >= 0 else (d.start, d.end)
            if end - start <= 240:
                out.append(IncidentMention(start, end, incident, 0.7))
        return out

    def _described_pool(self, d: DateMatch) -> list[CatalogueIncident]:
        """Agreements, crises and provocations of the catalogue in the months of ``d`` and the days next to it
        (of any year: a day written without its year may have been given the wrong one)."""
        if self._by_month is None:
            self._by_month = _described_by_month(self.lex)
        months = {d.date.month, (d.date - dt.timedelta(days=1)).month, (d.date + dt.timedelta(days=1)).month}
        if d.end_date is not None:
            months.add(d.end_date.month)
        return [c for month in sorted(months) for c in self._by_month.get(month, [])]

    def _classes(self, incident: CatalogueIncident) -> frozenset[str]:
        """The missile classes an incident's names give (none for most)."""
        found = self._class_cache.get(incident.id)
        if found is None:
            found = missile_classes(" ".join((incident.label, *incident.aliases)))
            self._class_cache[incident.id] = found
        return found

    def _newest_like(self, named: CatalogueIncident, words: str) -> CatalogueIncident:
        """The newest incident up to the document's date of the kind and missile class of ``named``
        whose names share a word of the generic description ``words`` ("the recent military
        reconnaissance satellite launch" in June 2024 is the May 2024 launch, not the alias's of 2023)."""
        heads = {w for w in Tokens.of(words).lower if w not in _GENERIC_NAME_WORDS}
        classes = self._classes(named)
        like = [
            c
            for c in self.by_kind.get(named.kind, [])
            if self._reported(c) and self._classes(c) == classes and heads & self._name_words(c)
        ]
        return max(like, key=lambda c: c.date) if like else named

    def _name_words(self, incident: CatalogueIncident) -> frozenset[str]:
        """The words of an incident's names that tell it from others ("geneva", "safeguards", "singapore")."""
        words = self._word_cache.get(incident.id)
        if words is None:
            tokens = Tokens.of(" ".join((incident.label, *incident.aliases))).lower
            words = frozenset(w for w in tokens if w not in _GENERIC_NAME_WORDS and not w.isdigit() and len(w) > 2)
            self._word_cache[incident.id] = words
        return words

    def _anaphora(self, text: str, found: list[IncidentMention], toks: Tokens) -> list[IncidentMention]:
        """Resolve "the test", "these launches", "the ICBM launches" to incidents named earlier.

        A singular definite reference takes the last earlier incident of a
        compatible kind; a plural one every such incident named in the
        preceding 800 characters (or the last one, when none is that close).
        """
        if not found:
            return found
        extra: list[IncidentMention] = []
        starts = [f.start for f in found]
        for m in _ANAPHOR_ANCHORED.finditer(text, toks):
            if _overlaps_sorted(found, starts, m.start(), m.end()):
                continue
            mods, noun = m.group("mods") or "", m.group("noun").lower()
            kinds = _anaphor_kinds(mods, noun)
            i = bisect.bisect_left(starts, m.start())
            window_start = bisect.bisect_left(starts, m.start() - 2500)
            earlier = [f for f in found[window_start:i] if f.incident.kind in kinds and m.start() - f.end < 2500]
            if m.group("when"):
                # "the April launch", "the August 1998 launch": only the incidents of that month (or year)
                earlier = [f for f in earlier if _when_fits(m.group("when"), f.incident.date)]
            if noun.startswith(("tunnel", "activit")) or "tunnel" in mods.lower():
                earlier = [f for f in earlier if "tunnel" in f.incident.label.lower()]
            if not earlier:
                continue
            # "the tunneling activity" is collective: every tunnel named together
            plural = (noun.endswith("s") and noun != "shelling") or noun.startswith("activit")
            earlier = _narrow_by_type(earlier, mods)
            if plural:
                # the cluster of incidents named together most recently ("... on July 4 and July 28, and the launch
                # over Japan"), i.e. those within 600 characters before the last one
                last_start = earlier[-1].start
                cluster = [f for f in earlier if last_start - f.start < 600]
                seen: set[str] = set()
                for f in cluster:
                    key = getattr(f.incident, "id", None) or f.incident.label
                    if key not in seen:
                        seen.add(key)
                        extra.append(IncidentMention(m.start(), m.end(), f.incident, 0.6))
            else:
                # "the launch": the latest of the incidents named shortly before (news report the newest event)
                recent = [f for f in earlier if earlier[-1].start - f.start < 1200]
                latest = max(recent, key=lambda f: f.incident.date)
                extra.append(IncidentMention(m.start(), m.end(), latest.incident, 0.6))
        return sorted([*found, *extra], key=lambda r: r.start)

    def _resolve(
        self,
        text: str,
        dates: list[DateMatch],
        start: int,
        end: int,
        sent_start: int,
        bounds: _Bounds,
        pool: list[CatalogueIncident],
        *,
        plural: bool,
        named: bool,
        kind: Kind | None = None,
        earlier: list[IncidentMention] | None = None,
    ) -> list[IncidentMention]:
        left_from = max(sent_start, start - 70)
        left = text[left_from:start]
        _, sent_end = bounds.around(start)
        if _ALLIED_OWNER_BEFORE.search(left) and not _DPRK_AGENT_AFTER.match(text, end, sent_end):
            return []  # the allies' own launch or test, not the North's
        if kind == Kind.NUCLEAR_TEST and _FOREIGN_TEST_SITE_AFTER.match(text, end, sent_end):
            return []  # "the atomic blast over Nagasaki", "the first nuclear test in Nevada": another state's
        named_classes = missile_classes(text[start:end])
        if named_classes:  # an IRBM is never an ICBM launch of the catalogue
            pool = [c for c in pool if not (own := self._classes(c)) or own & named_classes]
        overflown = kind in (Kind.MISSILE_LAUNCH, None) and _overflight(text, start, end, sent_end)
        # ordinals ("the fifth and sixth nuclear tests")
        om = _ORDINALS_BEFORE.search(left)
        if om and _RELATIVE_ORDINAL.match(text, end, sent_end):
            om = None  # "its second nuclear test in eight months": counted within the period, not the record
        if om and kind == Kind.NUCLEAR_TEST:
            ordinals = [ordinal_value(om.group(g)) for g in ("a", "b", "c") if om.group(g)]
            if _HYPOTHETICAL_BEFORE.search(text[left_from : left_from + om.start()] + " "):
                return []
            out = []
            for n in ordinals:
                match = next((c for c in pool if c.ordinal == n), None)
                if match is not None:
                    out.append(IncidentMention(left_from + om.start(), end, match, 0.95))
            return out
        # a date next to the trigger, or the date of its own relative clause ("the fire that ... on August 20")
        date = _adjacent_date(text, dates, start, end, sent_end, reach=60 if named else 30) or _clause_date(
            text, dates, end, sent_end
        )
        if date is None:
            date = _same_day(text, dates, sent_start, start)
        fronted = False
        if date is None and not _HYPOTHETICAL_BEFORE.search(left):
            date = _fronted_date(text, dates, sent_start, start)
            fronted = date is not None
        year_m = _BARE_YEAR_BEFORE.search(left) or _YEAR_CLAUSE_BEFORE.search(left)
        if date is None and year_m:
            year = int(year_m.group("y"))
            date = DateMatch(left_from + year_m.start("y"), left_from + year_m.end("y"), dt.date(year, 1, 1), "year")
        if _HYPOTHETICAL_BEFORE.search(left) and date is None:
            return []
        if date is None and self._yearless_days:
            day = _adjacent_date(text, self._yearless_days, start, end, sent_end, reach=60 if named else 30)
            if day is not None:
                # "North Korea's September 9 nuclear test" in a copy without a year: the one test of that day, of a
                # kind the catalogue holds whole (``yearless_day_kinds``; else a day of another year is as likely)
                on_day = [c for c in pool if (c.date.month, c.date.day) == (day.date.month, day.date.day)]
                if len(on_day) != 1 or str(kind) not in _YEARLESS_DAY_KINDS:
                    return []
                return [IncidentMention(min(start, day.start), max(end, day.end), on_day[0], 0.7)]
        if date is not None:
            hits = [c for c in pool if date.contains(c.date, slack_days=1)]
            if not hits and (korean := self._weekday_in_korea(text, date)) is not None:
                # "fired a long-range rocket early Wednesday" in a copy dated Tuesday evening in Washington:
                # Korea's Wednesday, the day after, when the catalogue has the launch then (that very day: a day's
                # slack would reach back to the document's own day, which the weekday does not name)
                korean_hits = [c for c in pool if korean.contains(c.date)]
                if korean_hits:
                    date, hits = korean, korean_hits
            span_start = min(start, date.start)
            span_end = max(end, date.end)
            if len(hits) > 1 and kind is not None:
                # "the landmine blasts in the demilitarized zone in August": of the month's incidents, those whose
                # names share the trigger's own words (not the artillery exchange of that August)
                heads = {w for w in Tokens.of(text[start:end]).lower if w not in _GENERIC_NAME_WORDS} - _CLASS_WORDS
                hits = [c for c in hits if heads & self._name_words(c)] or hits
            if len(hits) > 1 and date.precision == "year" and not plural:
                hits = []  # "the North's fifth ICBM launch this year": which of the year's launches is not said
            if hits:
                many = plural or bool(_PLURAL_BEFORE.search(left))
                found: list[IncidentMention] = []
                for n, when in enumerate([date, *_chained_dates(text, dates, date, sent_end)]):
                    these = hits if n == 0 else [c for c in pool if when.contains(c.date, slack_days=1)]
                    if not these:
                        continue
                    s0, e0 = (span_start, span_end) if n == 0 else (when.start, when.end)
                    if many:
                        found.extend(IncidentMention(s0, e0, c, 0.85) for c in these)
                    else:
                        best = min(these, key=lambda c: abs((c.date - when.date).days))
                        found.append(IncidentMention(s0, e0, best, 0.9 if n == 0 else 0.8))
                return found
            # (a plural is no new incident, except several missiles fired on the day that opens the clause or a
            # chronology's entry: "_ March 8, 2006: North Korea fires two short-range missiles" is one launch)
            several_fired = fronted and _FIRED_TRIGGER.match(text, start) is not None
            if kind is None or date.precision == "year" or (plural and not several_fired):
                return []
            # (a month's date is the first of that month, estimated; the label says only the month the text gave:
            # "_ October 2003: North Korea fires two land-to-ship missiles" is no launch "of 2003-10-01")
            told = date.date.isoformat() if date.precision != "month" else date.date.isoformat()[:7]
            new = NewIncident(kind, date.date, f"{kind_label(kind.value)} of {told}", "PRK", _THREAT_OF_KIND[kind])
            return [IncidentMention(span_start, span_end, new, 0.45)]
        if overflown:
            # "the launch of a missile that flew over Japan" without a date: of the launches named for their flight
            # over Japan (a date decides by itself: "April 5, 2009: North Korea launches a long-range rocket over
            # Japan" is the Unha-2, whose names do not say where it flew)
            pool = [c for c in pool if any(w in n.lower() for n in (c.label, *c.aliases) for w in _OVERFLIGHT_NAMES)]
        if plural:
            count = _COUNT_BEFORE.search(text, max(sent_start, start - 30), start) if overflown else None
            if count is None or self.doc_date is None:
                return []
            # "two missile launches over Japan's Hokkaido Island": the newest launches over Japan, as many as counted
            # (among the launches the catalogue names for a flight over Japan)
            n = _COUNTS[count.group("n").lower()]
            max_age = _MAX_AGE_DAYS[Kind.MISSILE_LAUNCH]
            flown = [c for c in pool if self._reported(c) and (self.doc_date - c.date).days <= max_age]
            if len(flown) < n:
                return []
            return [IncidentMention(start, end, c, 0.6) for c in sorted(flown, key=lambda c: c.date)[-n:]]
        definite = (
            _DEFINITE_BEFORE.search(text, max(sent_start, start - _DEFINITE_REACH), start)
            or _EVENT_VERB_BEFORE.search(left)
            # "Pyongyang fired a missile over Japan for the second time": the newest launch over Japan
            or (overflown and _FIRED_TRIGGER.match(text, start) and not _UNREAL_VERB_BEFORE.search(left))
        )
        if not (definite or named):
            return []
        # (an undated copy still names what the text named before or the one incident of its place; only the
        # "most recent of that kind" below needs the document's date)
        # "the artillery shelling": the incident of that kind the text has named before, if any
        # whose names share the trigger's own words ("the shelling" is not the sinking named just before)
        if kind is not None and earlier:
            allowed = {c.id for c in pool}
            heads = {w for w in Tokens.of(text[start:end]).lower if w not in _GENERIC_NAME_WORDS}
            before = [
                f
                for f in earlier
                if f.start < start
                and isinstance(f.incident, CatalogueIncident)
                and f.incident.kind == kind
                and f.incident.id in allowed
                and heads & self._name_words(f.incident)
            ]
            if before:
                return [IncidentMention(start, end, before[-1].incident, 0.7)]
        if named and kind is not None and len(pool) == 1 and definite:
            # "the Rangoon terrorist bombing": the one incident of its kind at the place named, however old
            return [IncidentMention(start, end, pool[0], 0.7)]
        if named and kind is not None and definite:
            # "the artillery attack ... on Yeonpyeong Island": of the place's incidents, the one whose names
            # share the trigger's own words (the shelling, not the naval clashes), however old
            heads = {w for w in Tokens.of(text[start:end]).lower if w not in _GENERIC_NAME_WORDS}
            worded = [c for c in pool if heads & self._name_words(c)]
            if len(worded) == 1:
                return [IncidentMention(start, end, worded[0], 0.7)]
        if self.doc_date is None:
            return []
        max_age = _MAX_AGE_DAYS.get(kind or Kind.MISSILE_LAUNCH, 400)
        # (a U.S. statement is dated the evening before, in Korea's next day: the day after the document only for an
        # incident the catalogue gives that other clock's day, never a blanket day's slack, which let a text of May 6
        # read "the latest missile launch" as a launch made in Korea on the afternoon of May 7)
        recent = [c for c in pool if self._reported(c) and (self.doc_date - c.date).days <= max_age]
        if kind is not None and not named:
            # "the downing" is not the latest hijacking: the trigger's own words must be in the incident's names
            heads = {w for w in Tokens.of(text[start:end]).lower if w not in _GENERIC_NAME_WORDS}
            rel = _RELATIVE_VERB_AFTER.match(text[end:sent_end])
            if rel is not None:  # "the launch of a missile that landed south of the NLL"
                # the verb names the launch unless the place it says is outside Korea ("landed near the coast of
                # Japan" is not the launch named for landing south of the NLL)
                after = end + rel.end()
                place = set(Tokens.of(text[after : min(sent_end, after + 80)]).lower)
                if not place & _FOREIGN_LANDING:
                    heads.add(rel.group("verb").lower())
            classes = missile_classes(text[start:end])
            if not classes and kind == Kind.MISSILE_LAUNCH:
                # "... the firing of strategic cruise missiles from a warship. The report did not give the date of
                # the missile launch": a bare "the missile launch" is the class the text just described, not the
                # newest launch of any class (the window: its sentence and the one before, within the paragraph)
                lo = max(0, sent_start - _CLASS_LOOKBACK)
                lo = max(lo, text.rfind("\n", lo, start) + 1)
                classes = missile_classes(text[lo:start])
            if overflown:
                heads = set()  # the flight over Japan told the launch (its verb is no word of a name)
            if classes:
                # the class the trigger names is its head: "intercontinental" is the "ICBM" of the names
                heads -= _CLASS_WORDS
                recent = [c for c in recent if self._classes(c) & classes]
            if heads:
                recent = [c for c in recent if heads & self._name_words(c)]
        if not recent:
            return []
        best = max(recent, key=lambda c: c.date)
        return [IncidentMention(start, end, best, 0.6 if not named else 0.75)]


_ANAPHOR_RE = regex_cache.compile(compose(_RULES, "anaphor"), _RULES.flags("anaphor"))
_ANAPHOR_ANCHORED = AnchoredPattern(
    _ANAPHOR_RE,
    {"tests", "test", "launches", "launch", "attacks", "attack", "shelling", "sinking", "bombing", "provocations",
     "provocation", "raid", "incidents", "incident", "acts", "events", "incursion", "intrusion", "tunnels",
     "activity", "activities"},
    lookback=8,
    lead=frozenset({"the", "these", "those", "this", "that", "such", "both"}).__contains__,
)  # fmt: skip
_MISSILE_KINDS = frozenset({Kind.MISSILE_LAUNCH})
_ALL_KINDS = frozenset(
    {Kind.NUCLEAR_TEST, Kind.MISSILE_LAUNCH, Kind.ARMED_PROVOCATION, Kind.CYBER_OPERATION, Kind.CRISIS}
)


def _when_fits(when: str, day: dt.date) -> bool:
    """Does an incident's date fit the month, day and year an anaphor gives ("April", "August 1998", "May 25")?"""
    words = when.replace(",", " ").split()
    for word in words:
        if word.isdigit():
            value = int(word)
            if (value > 31 and value != day.year) or (value <= 31 and value != day.day):
                return False
        else:
            try:
                if month_number(word) != day.month:
                    return False
            except KeyError:
                return False
    return True


def _anaphor_kinds(mods: str, noun: str) -> frozenset[Kind]:
    words = mods.lower()
    noun = noun.lower()
    if noun.startswith(("tunnel", "activit")) or "tunnel" in words:
        return frozenset({Kind.ARMED_PROVOCATION})
    if "nuclear" in words:
        return frozenset({Kind.NUCLEAR_TEST})
    if any(w in words for w in ("missile", "icbm", "slbm", "irbm", "rocket", "satellite")) or noun.startswith("launch"):
        return _MISSILE_KINDS
    if noun.startswith("test"):
        return frozenset({Kind.NUCLEAR_TEST, Kind.MISSILE_LAUNCH})
    if noun in ("shelling", "sinking", "bombing", "raid", "attack", "attacks", "incursion", "intrusion"):
        return frozenset({Kind.ARMED_PROVOCATION, Kind.CYBER_OPERATION})
    return _ALL_KINDS


_TYPE_WORDS = _RULES.word_list("type_words")


def _narrow_by_type(found: list[IncidentMention], mods: str) -> list[IncidentMention]:
    """Keep the incidents whose names carry the missile type the reference names ("the ICBM launches")."""
    words = mods.lower()
    for word in _TYPE_WORDS:
        if word in words:
            narrowed = [f for f in found if word in f.incident.label.lower()]
            return narrowed or found
    return found


def _clock_days(inc: CatalogueIncident) -> tuple[dt.date, ...]:
    """The days another clock gives an incident (``also_dated`` whose basis names a clock: ``clock_basis``)."""
    return tuple(day for day, basis in inc.also_dated if _CLOCK_BASIS.search(basis))


def _overflight(text: str, start: int, end: int, sent_end: int) -> bool:
    """Is the launch at ``[start, end)`` told by its flight over Japan ("a missile that flew over Japan", "the
    overflight launch")?"""
    if _OVERFLIGHT_BEFORE.search(text, max(0, start - 16), start) or _OVERFLIGHT_WORD.search(text, start, end):
        return True
    return _OVERFLIGHT_AFTER.match(text[end:sent_end]) is not None


def _overlaps_sorted(found: list[IncidentMention], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, end)
    return any(f.start < end and start < f.end for f in found[max(0, i - 4) : i])


def _group_index(m: re.Match[str]) -> int:
    for i in range(len(_TRIGGERS)):
        if m.group(f"t{i}"):
            return i
    return 0


def _adjacent_date(
    text: str, dates: list[DateMatch], start: int, end: int, sent_end: int, reach: int = 14
) -> DateMatch | None:
    """A date right before the trigger ("the September 3 nuclear test") or just after it."""
    i = _bisect_dates(dates, start)
    if i > 0:
        before = dates[i - 1]
        if 0 <= start - before.end <= 3 or (
            0 <= start - before.end <= 24 and _DATE_TRIGGER_GAP.match(text[before.end : start])
        ):
            return before
    for d in dates[i : i + 3]:
        if d.start >= sent_end:
            break
        limit = 4 if d.precision == "year" else reach
        if 0 <= d.start - end <= limit and not _CLAUSE_BREAK.search(text, end, d.start):
            if _SPAN_BOUND_BEFORE.search(text, max(end, d.start - 12), d.start) or _SPAN_BOUND_OPENS.match(
                text, d.start, d.end
            ):
                return None  # "launches since September 2021": where a span starts, not the event's date
            return d
    return None


def _same_day(text: str, dates: list[DateMatch], sent_start: int, start: int) -> DateMatch | None:
    """The day "On the same day, ..." or "the next day" gives a trigger: the last full day written before it (in
    the 600 characters before its sentence, or earlier in the sentence), or the day after it."""
    m = _SAME_DAY_BEFORE.search(text, sent_start, start)
    if m is None:
        return None
    i = _bisect_dates(dates, m.start())
    before = next(
        (d for d in reversed(dates[max(0, i - 4) : i]) if d.precision == "day" and m.start() - d.end < 600), None
    )
    if before is None:
        return None
    day = before.date if m.group("same") else before.date + dt.timedelta(days=1)
    return DateMatch(m.start(), m.end(), day, "day")


def _fronted_date(text: str, dates: list[DateMatch], sent_start: int, start: int) -> DateMatch | None:
    """The day that opens the trigger's sentence and clause: "On Nov. 3, the North test-fired the same ICBM", or
    the day or month of a chronology's entry: "_ April 5, 2009: North Korea launches a long-range rocket"."""
    i = _bisect_dates(dates, sent_start)
    if i >= len(dates):
        return None
    d = dates[i]
    if (
        d.end <= start
        and d.precision in ("day", "month")
        and _ENTRY_LEAD.match(text[sent_start : d.start])
        and _ENTRY_GAP.match(text[d.end : start])
    ):
        return d
    if d.end > start or d.precision != "day" or not _FRONTED_LEAD.match(text[sent_start : d.start]):
        return None
    return d if _FRONTED_GAP.match(text[d.end : start]) else None


def _clause_date(text: str, dates: list[DateMatch], end: int, sent_end: int) -> DateMatch | None:
    """The day of a relative clause that follows a trigger: "the artillery fire that the North directed across
    the line on August 20"."""
    i = _bisect_dates(dates, end)
    if i >= len(dates):
        return None
    d = dates[i]
    if d.start >= sent_end or d.precision != "day" or d.start - end > 140:
        return None
    return d if _CLAUSE_DATE_GAP.match(text[end : d.start]) else None


def _chained_dates(text: str, dates: list[DateMatch], first: DateMatch, sent_end: int) -> list[DateMatch]:
    """Dates listed after ``first`` ("on July 4 and July 28, 2017")."""
    out: list[DateMatch] = []
    i = _bisect_dates(dates, first.end)
    prev = first
    while i < len(dates) and dates[i].start < sent_end:
        gap = text[prev.end : dates[i].start]
        if not _LIST_GAP.match(gap):
            break
        out.append(dates[i])
        prev = dates[i]
        i += 1
    return out


_LIST_GAP = _RULES.regex("list_gap")
_DATE_TRIGGER_GAP = _RULES.regex("date_trigger_gap")
_SPAN_BOUND_BEFORE = _RULES.regex("span_bound_before")
_SPAN_BOUND_OPENS = _RULES.regex("span_bound_opens")
_RELATIVE_VERB_AFTER = _RULES.regex("relative_verb_after")
_YEAR_RE = regex_cache.compile(r"\b(19[4-9]\d|20\d\d)\b")
_SAME_DAY_BEFORE = _RULES.regex("same_day_before")
_ANOTHER_BEFORE = regex_cache.compile(compose(_RULES, "another_before") + r"\Z", _RULES.flags("another_before"))


def _bisect_dates(dates: list[DateMatch], offset: int) -> int:
    lo, hi = 0, len(dates)
    while lo < hi:
        mid = (lo + hi) // 2
        if dates[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


_GROUP_KIND = {w: Kind(k) for w, _, k in (p.partition("=") for p in _RULES.word_list("group_kinds"))}
_GROUP_NOUN_KIND = {w: Kind(k) for w, _, k in (p.partition("=") for p in _RULES.word_list("group_noun_kinds"))}


def _grouped_modifiers(text: str, start: int, bounds: _Bounds) -> str:
    """The words right before a grouped mention's noun that say what it lists ("Musudan intermediate-range
    missile"), back to a determiner or a clause break in its sentence (``grouped_modifiers``)."""
    s_start, _ = bounds.around(start)
    m = _GROUPED_MODIFIERS.search(text, max(s_start, start - 80), start)
    return m.group("mods") if m is not None else ""


def _context_year(text: str, start: int) -> list[int]:
    """The year the text names last in the 300 characters before ``start`` (same paragraph), if any."""
    lo = max(0, start - 300)
    cut = text.rfind("\n\n", lo, start)
    found = _YEAR_RE.findall(text, cut + 2 if cut >= 0 else lo, start)
    return [int(found[-1])] if found else []


def _listed_day(month: str, day: str | None, year: int | None, doc_date: dt.date | None) -> tuple[dt.date, bool] | None:
    """The date of one item of a list ("April", "May 31", "March 1975"): the year given, else the document's
    (the year before when that would fall after the document). True when the day is known."""
    try:
        number = month_number(month)
    except KeyError:
        return None
    if year is None:
        if doc_date is None:
            return None
        year = doc_date.year
        if (number, int(day or 1)) > (doc_date.month, doc_date.day):
            year -= 1
    try:
        return dt.date(year, number, int(day) if day else 1), day is not None
    except ValueError:
        return None


_VARIANTS: dict[int, PhraseMatcher] = {}
_BY_MONTH: dict[int, tuple[Lexicon, dict[int, list[CatalogueIncident]]]] = {}


def _described_by_month(lex: Lexicon) -> dict[int, list[CatalogueIncident]]:
    """The catalogue's agreements, crises and provocations by month (of any year), built once per lexicon."""
    found = _BY_MONTH.get(id(lex))
    if found is None or found[0] is not lex:
        by_month: dict[int, list[CatalogueIncident]] = {}
        for c in lex.catalogue:
            if c.kind in _DESCRIBED_KINDS:
                by_month.setdefault(c.date.month, []).append(c)
        found = _BY_MONTH[id(lex)] = (lex, by_month)
    return found[1]


def _within(d: DateMatch, slack_days: int) -> Callable[[dt.date], bool]:
    """``d.contains`` as a test of one day, its bounds computed once for the many days it is asked about."""
    if d.precision == "day":
        try:
            lo = d.date - dt.timedelta(days=slack_days)
            hi = (d.end_date or d.date) + dt.timedelta(days=slack_days)
        except OverflowError:  # a period at the calendar's edge: as DateMatch.contains answers
            return functools.partial(d.contains, slack_days=slack_days)
        return lambda day: lo <= day <= hi
    if d.precision == "month":
        year, month = d.date.year, d.date.month
        return lambda day: day.year == year and day.month == month
    year = d.date.year
    return lambda day: day.year == year


def _variant_names(lex: Lexicon) -> PhraseMatcher:
    """Catalogue names with their places spelled the other ways of the record ("Yeon-pyeong Island shelling",
    "Kangnung submarine infiltration"), built once per lexicon."""
    found = _VARIANTS.get(id(lex))
    if found is None:
        phrases: dict[str, list[str]] = {}
        for inc in lex.catalogue:
            for name in (*inc.aliases, inc.label):
                for canon, variants in _PLACE_SPELLINGS:
                    if canon in name:
                        for variant in variants:
                            phrases.setdefault(name.replace(canon, variant), []).append(inc.id)
        found = PhraseMatcher(phrases, fold=True)
        _VARIANTS.clear()
        _VARIANTS[id(lex)] = found
    return found


class _Bounds:
    """Sentence bounds lookup."""

    def __init__(self, bounds: list[tuple[int, int]]) -> None:
        self._bounds = bounds
        self._starts = [b[0] for b in bounds]

    def around(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return (0, self._bounds[0][0] if self._bounds else offset + 1)
        return self._bounds[i]
