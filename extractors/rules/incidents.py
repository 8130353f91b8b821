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
import datetime as dt
import re
from dataclasses import dataclass

from extractors.rules.dates import DateMatch
from extractors.rules.lexicon import CatalogueIncident, Lexicon, norm_key
from extractors.rules.meetings import ordinal_value
from extractors.rules.scan import AnchoredPattern, Coverage, Tokens
from graph.schema import Kind

_ORD_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"1st|2nd|3rd|[4-9]th|1[0-2]th"
)
_TRIGGERS: list[tuple[Kind, str]] = [
    (
        Kind.NUCLEAR_TEST,
        r"(?:underground\s+)?nuclear\s+(?:weapons?\s+)?(?:test|detonation|explosion)(?P<pl1>s|es)?(?![\w-])(?!\s+(?:ban|site|moratorium))",
    ),
    (
        Kind.MISSILE_LAUNCH,
        r"(?:ICBM|IRBM|SLBM|intercontinental\s+ballistic\s+missile|(?:long|intermediate|medium|short)[\s-]range\s+"
        r"(?:ballistic\s+)?(?:missile|rocket)|submarine[\s-]launched\s+ballistic\s+missile|ballistic\s+missile|missile|"
        r"(?:long[\s-]range\s+)?rocket|satellite|space\s+launch\s+vehicle)\s+(?:test[\s-]?launch|test[\s-]?firing|launch|firing|test|launched|fired)"
        r"(?P<pl2>es|s)?\b"
        r"|(?:launch|firing)(?P<pl5>es|s)?\s+of\s+(?:a|an|the|its|two|three|several)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:ICBM|IRBM|SLBM|missile|rocket|satellite)s?\b"
        r"|(?:fired|launched|test[\s-]fired)\s+(?P<pl6>two|three|four|several|multiple)?(?:an?|its|the)?\s*"
        r"(?:[\w-]+\s+){0,3}?(?:ICBM|IRBM|SLBM|missile|rocket|satellite)s?\b",
    ),
    (
        Kind.ARMED_PROVOCATION,
        r"(?:artillery\s+(?:attack|shelling|bombardment)|shelling|bombardment|torpedo(?:ing)?\s+attack|sinking|"
        r"armed\s+attack|commando\s+raid|(?:naval|border)\s+clash|mine\s+(?:blast|explosion)|drone\s+incursion)(?P<pl3>s|es)?\b",
    ),
    (Kind.CYBER_OPERATION, r"cyber[\s-]?attack(?P<pl4>s)?\b"),
]
_TRIGGER_RE = re.compile("|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(_TRIGGERS)), re.IGNORECASE)
_SYSTEM_RE = re.compile(
    r"\b(?P<sys>Hwasong|Taepodong|Unha|Pukguksong|Kwangmyongsong|Malligyong|Chollima|Nodong|Musudan)[\s-]?(?P<num>\d{1,2})?\b"
)
_TRIGGER_ANCHORED = AnchoredPattern(
    _TRIGGER_RE,
    {"nuclear", "underground", "icbm", "irbm", "slbm", "intercontinental", "long", "intermediate", "medium", "short",
     "submarine", "ballistic", "missile", "rocket", "satellite", "space", "launch", "launches", "firing", "firings",
     "artillery", "shelling", "bombardment", "torpedo", "torpedoing", "sinking", "armed", "commando", "naval", "border",
     "mine", "drone", "cyber", "cyberattack", "cyberattacks", "fired", "launched", "test"},
)  # fmt: skip
_SYSTEM_ANCHORED = AnchoredPattern(
    _SYSTEM_RE,
    {"hwasong", "taepodong", "unha", "pukguksong", "kwangmyongsong", "malligyong", "chollima", "nodong", "musudan"},
)
_ORDINALS_BEFORE = re.compile(
    r"\b(?P<a>" + _ORD_WORDS + r")(?:(?:,\s*|\s+and\s+|\s*,\s*and\s+)(?P<b>" + _ORD_WORDS + r"))?"
    r"(?:,?\s+and\s+(?P<c>" + _ORD_WORDS + r"))?\s+(?:(?:North\s+Korean|DPRK|[\w-]+)\s+){0,2}$",
    re.IGNORECASE,
)
_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|its|this|that|latest|recent|last|North\s+Korea['’]s|DPRK['’]s|Pyongyang['’]s|the\s+North['’]s)"
    r"\s+(?:(?:latest|recent|most\s+recent|last|[\w-]+)\s+){0,3}$",
    re.IGNORECASE,
)
_EVENT_VERB_BEFORE = re.compile(
    r"\b(?:conducted|carried\s+out|staged|launched|fired|detonated|tested)\s+(?:a|an|its)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:any|another|further|additional|future|possible|potential|next|more|no|new|other|such|frequent|repeated|"
    r"continued|series\s+of|a\s+seventh|refrain\s+from|ban\s+on)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:]")
_PLURAL_BEFORE = re.compile(
    r"\b(?:launches|tests|firings|two|three|four|several|both)\s+(?:of\s+)?(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_BARE_YEAR_BEFORE = re.compile(r"\b(?P<y>19[4-9]\d|20\d\d)\s+(?:[\w-]+\s+){0,1}$")
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
_LABEL_OF_KIND = {
    Kind.NUCLEAR_TEST: "Nuclear test",
    Kind.MISSILE_LAUNCH: "Missile launch",
    Kind.ARMED_PROVOCATION: "Armed provocation",
    Kind.CYBER_OPERATION: "Cyberattack",
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
        out: list[IncidentMention] = []
        taken = Coverage()
        cat = self.lex.catalogue_by_id
        for start, end, ids in self.lex.incident_names.finditer(text, toks):
            candidates = [cat[i] for i in ids if self._known(cat[i])]
            if not candidates:
                continue
            chosen = max(candidates, key=lambda c: c.date) if len(candidates) > 1 else candidates[0]
            out.append(IncidentMention(start, end, chosen, 0.9))
            taken.add(start, end)
        bounds = _Bounds(sentence_bounds)
        for m in _SYSTEM_ANCHORED.finditer(text, toks):
            if taken.overlaps(m.start(), m.end()):
                continue
            pool = self._system_pool(norm_key(m.group(0)))
            s_start, _ = bounds.around(m.start())
            resolved = self._resolve(text, dates, m.start(), m.end(), s_start, bounds, pool, plural=False, named=True)
            out.extend(resolved)
            for r in resolved:
                taken.add(r.start, r.end)
        for m in _TRIGGER_ANCHORED.finditer(text, toks):
            if taken.overlaps(m.start(), m.end()):
                continue
            index = _group_index(m)
            kind = _TRIGGERS[index][0]
            plural = bool(m.group(f"pl{index + 1}")) or (index == 1 and bool(m.group("pl5") or m.group("pl6")))
            s_start, _ = bounds.around(m.start())
            pool = [c for c in self.by_kind.get(kind, []) if self._known(c)]
            resolved = self._resolve(
                text, dates, m.start(), m.end(), s_start, bounds, pool, plural=plural, named=False, kind=kind
            )
            out.extend(resolved)
        out.sort(key=lambda r: r.start)
        return self._anaphora(text, out, toks)

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
            kinds = _anaphor_kinds(m.group("mods") or "", m.group("noun"))
            i = bisect.bisect_left(starts, m.start())
            window_start = bisect.bisect_left(starts, m.start() - 2500)
            earlier = [f for f in found[window_start:i] if f.incident.kind in kinds and m.start() - f.end < 2500]
            if not earlier:
                continue
            plural = m.group("noun").lower().endswith("s") and m.group("noun").lower() not in ("shelling",)
            earlier = _narrow_by_type(earlier, m.group("mods") or "")
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
    ) -> list[IncidentMention]:
        left_from = max(sent_start, start - 70)
        left = text[left_from:start]
        _, sent_end = bounds.around(start)
        # ordinals ("the fifth and sixth nuclear tests")
        om = _ORDINALS_BEFORE.search(left)
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
        # a date next to the trigger
        date = _adjacent_date(text, dates, start, end, sent_end, reach=60 if named else 30)
        year_m = _BARE_YEAR_BEFORE.search(left)
        if date is None and year_m:
            year = int(year_m.group("y"))
            date = DateMatch(left_from + year_m.start("y"), left_from + year_m.end("y"), dt.date(year, 1, 1), "year")
        if _HYPOTHETICAL_BEFORE.search(left) and date is None:
            return []
        if date is not None:
            hits = [c for c in pool if date.contains(c.date, slack_days=1)]
            span_start = min(start, date.start)
            span_end = max(end, date.end)
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
            if kind is None or date.precision == "year" or plural:
                return []
            new = NewIncident(
                kind, date.date, f"{_LABEL_OF_KIND[kind]} of {date.date.isoformat()}", "PRK", _THREAT_OF_KIND[kind]
            )
            return [IncidentMention(span_start, span_end, new, 0.45)]
        if plural:
            return []
        definite = _DEFINITE_BEFORE.search(left) or _EVENT_VERB_BEFORE.search(left)
        if not (definite or named) or self.doc_date is None:
            return []
        max_age = _MAX_AGE_DAYS.get(kind or Kind.MISSILE_LAUNCH, 400)
        recent = [c for c in pool if c.date <= self.doc_date and (self.doc_date - c.date).days <= max_age]
        if not recent:
            return []
        best = max(recent, key=lambda c: c.date)
        return [IncidentMention(start, end, best, 0.6 if not named else 0.75)]


_ANAPHOR_RE = re.compile(
    r"\b(?:the|these|those|this|that|such|both)\s+(?P<mods>(?:(?:other|latest|recent|last|nuclear|missile|ballistic|ICBM|SLBM|"
    r"IRBM|rocket|satellite|artillery|armed|two|three|North\s+Korean)\s+){0,3})"
    r"(?P<noun>tests|test|launches|launch|attacks|attack|shelling|sinking|bombing|provocations|provocation|raid|incidents|"
    r"incident|acts|events)\b(?!\s+(?:site|ban|range|pad|vehicle|facility))(?!-)",
    re.IGNORECASE,
)
_ANAPHOR_ANCHORED = AnchoredPattern(
    _ANAPHOR_RE,
    {"tests", "test", "launches", "launch", "attacks", "attack", "shelling", "sinking", "bombing", "provocations",
     "provocation", "raid", "incidents", "incident", "acts", "events"},
    lookback=5,
    lead=frozenset({"the", "these", "those", "this", "that", "such", "both"}).__contains__,
)  # fmt: skip
_MISSILE_KINDS = frozenset({Kind.MISSILE_LAUNCH})
_ALL_KINDS = frozenset(
    {Kind.NUCLEAR_TEST, Kind.MISSILE_LAUNCH, Kind.ARMED_PROVOCATION, Kind.CYBER_OPERATION, Kind.CRISIS}
)


def _anaphor_kinds(mods: str, noun: str) -> frozenset[Kind]:
    words = mods.lower()
    noun = noun.lower()
    if "nuclear" in words:
        return frozenset({Kind.NUCLEAR_TEST})
    if any(w in words for w in ("missile", "icbm", "slbm", "irbm", "rocket", "satellite")) or noun.startswith("launch"):
        return _MISSILE_KINDS
    if noun.startswith("test"):
        return frozenset({Kind.NUCLEAR_TEST, Kind.MISSILE_LAUNCH})
    if noun in ("shelling", "sinking", "bombing", "raid", "attack", "attacks"):
        return frozenset({Kind.ARMED_PROVOCATION, Kind.CYBER_OPERATION})
    return _ALL_KINDS


_TYPE_WORDS = ("icbm", "slbm", "irbm", "satellite", "rocket")


def _narrow_by_type(found: list[IncidentMention], mods: str) -> list[IncidentMention]:
    """Keep the incidents whose names carry the missile type the reference names ("the ICBM launches")."""
    words = mods.lower()
    for word in _TYPE_WORDS:
        if word in words:
            narrowed = [f for f in found if word in f.incident.label.lower()]
            return narrowed or found
    return found


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
        if 0 <= start - before.end <= 3:
            return before
    for d in dates[i : i + 3]:
        if d.start >= sent_end:
            break
        limit = 4 if d.precision == "year" else reach
        if 0 <= d.start - end <= limit and not _CLAUSE_BREAK.search(text, end, d.start):
            return d
    return None


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


_LIST_GAP = re.compile(r"^\s*(?:,|and|,\s*and|or|as\s+well\s+as)\s*(?:on\s+)?$")


def _bisect_dates(dates: list[DateMatch], offset: int) -> int:
    lo, hi = 0, len(dates)
    while lo < hi:
        mid = (lo + hi) // 2
        if dates[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


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
