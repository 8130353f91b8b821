"""Meetings: the one a document records and the others it mentions.

A meeting mention is a series name ("Security Consultative Meeting", "SCM",
"Military Committee Meeting", "summit", "2+2", "trilateral ministerial
meeting"), optionally preceded by an ordinal ("49th", "Forty-Ninth", "XLIX")
and qualifiers ("Annual", "ROK-U.S."). Its date is the nearest date
expression in the same sentence, its place the "in/at <Place>" phrase that
follows it. A meeting is identified by ``(series, ordinal)``, or by
``(series, date)`` when it has no ordinal; a mention with neither refers to
the recorded meeting of its series, if any, and is otherwise dropped.

The recorded meeting of a communiqué or joint statement is the first
meeting with an ordinal or a date in the title or the opening paragraphs,
preferring an SCM in a communiqué.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractors.rules import regex_cache
from extractors.rules.dates import DateMatch
from extractors.rules.lexicon import Actor, trie_pattern
from extractors.rules.patterns import compose, load_rules
from extractors.rules.reference import body_of, date_of, mcm_of, ordinal_on, place_of, same_day_other_year, span_of
from extractors.rules.scan import AnchoredPattern, Tokens
from graph.labels import level_name, short_meeting_label
from graph.schema import Prop, Series

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_UNIT_ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS_ORD = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
              "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _word_ordinals() -> dict[str, int]:
    out: dict[str, int] = {}
    for n in range(1, 10):
        out[_UNIT_ORD[n]] = n
    for n, word in enumerate(_TEENS_ORD, start=10):
        out[word] = n
    for tens, word in _TENS.items():
        out[word[:-1] + "ieth"] = tens * 10
        for unit in range(1, 10):
            out[f"{word}-{_UNIT_ORD[unit]}"] = tens * 10 + unit
            out[f"{word} {_UNIT_ORD[unit]}"] = tens * 10 + unit
    return out


WORD_ORDINALS = _word_ordinals()
"""'first' -> 1 ... 'ninety-ninth' -> 99 (hyphenated or spaced)."""

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> int | None:
    """Value of a Roman numeral up to C, or None when malformed.

    >>> roman_value("XLIX")
    49
    """
    total = 0
    prev = 0
    for ch in reversed(text.upper()):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def ordinal_value(text: str) -> int | None:
    """Integer of an ordinal written as digits, words or a Roman numeral.

    >>> [ordinal_value(t) for t in ("49th", "Forty-Ninth", "forty ninth", "XXXVIII", "1st", "inaugural")]
    [49, 49, 49, 38, 1, 1]
    """
    t = text.strip()
    if t.lower() == "inaugural":
        return 1  # "the inaugural NCG meeting", "the inaugural meeting of the Group"
    digits = re.fullmatch(r"(\d{1,3})\s?\[?(?:st|nd|rd|th)?\]?", t, re.IGNORECASE)
    if digits:
        return int(digits.group(1))
    word = WORD_ORDINALS.get(" ".join(t.lower().replace("-", " - ").split()).replace(" - ", "-"))
    if word is not None:
        return word
    if re.fullmatch(r"[IVXLC]+", t):
        return roman_value(t)
    return None


_WORD_ORD_RE = trie_pattern(sorted({w.replace("-", " ") for w in WORD_ORDINALS}))
_RULES = load_rules("meetings")


_FILLS = {"word_ordinal": _WORD_ORD_RE}
MEETING_RE = regex_cache.compile(compose(_RULES, "mention", _FILLS), _RULES.flags("mention"))
_LEAD_WORDS = frozenset(str(w).lower() for w in _RULES.patterns["mention"]["lead_words"])
_WORD_ORD_FIRST = frozenset(w.split("-")[0].split()[0] for w in WORD_ORDINALS)
_ROMAN_LOWER = frozenset("ivxlc")


def _is_lead(word: str) -> bool:
    """Can a meeting name start with this word (determiner, qualifier, series word, ordinal)?"""
    return (
        word in _LEAD_WORDS
        or word[:1].isdigit()
        or word in _WORD_ORD_FIRST
        or (word.isalpha() and set(word) <= _ROMAN_LOWER)
    )


_ANCHORED = AnchoredPattern(
    MEETING_RE,
    frozenset(str(w) for w in _RULES.patterns["mention"]["anchors"]),
    lookback=int(_RULES.patterns["mention"]["lookback"]),
    lead=_is_lead,
)
_PARTY_WORDS = {
    country: frozenset(" ".join(w.split()) for w in _RULES.word_list(f"party_{country.lower()}"))
    for country in ("KOR", "USA", "JPN")
}
_PARTY_RE = regex_cache.compile(compose(_RULES, "party"), _RULES.flags("party"))
_PLACE_AFTER = _RULES.regex("place_after")
_PLACE_BEFORE = _RULES.regex("place_before")
_NOT_PLACE = _RULES.regex("not_place")
_VENUE_CITY = _RULES.regex("venue_city")
_DISTRICT_CITY = _RULES.regex("district_city")
OPENING_PLACE = _RULES.regex("opening_place")
_VENUE_CITIES = {
    venue.strip(): city.strip() for venue, _, city in (str(w).partition("=") for w in _RULES.word_list("venue_cities"))
}
_PLACE_COUNTRY = _RULES.regex("place_country")
_PLACE_NEAR = int(_RULES.word_list("place_near")[0])
_BACKWARD = _RULES.regex("backward")
_FUTURE = _RULES.regex("future")
_FUTURE_AFTER = _RULES.regex("future_after")
_HELD_AFTER = _RULES.regex("held_after")
_HELD_BEFORE = _RULES.regex("held_before")
_HOSTED_FOR = _RULES.regex("hosted_for_before")
_REMARKS_AT = _RULES.regex("remarks_at_before")
_STATEMENT_FOLLOWING = _RULES.regex("statement_following_before")
_SAME_DAY_AT = _RULES.regex("same_day_at")
SPOKEN_RECORD = _RULES.regex("spoken_record")
SPEAKER_TURN = regex_cache.compile(compose(_RULES, "speaker_turn"), _RULES.flags("speaker_turn"))
SAID_TODAY = _RULES.regex("said_today")
SPEAKER_AND_I = _RULES.regex("speaker_and_i")
_SPEAKER_HOSTS = _RULES.regex("speaker_hosts_before")
_SPEAKER_HOSTS_PAST = _RULES.regex("speaker_hosts_past")


def speaker_hosts(text: str, start: int, end: int) -> bool:
    """Does the speaker say they host the meeting named at ``text[start:end]`` ("It's been my privilege to host
    Minister X here for what is the 48th SCM"), and not as a past one ("... for the 48th SCM last year")?"""
    return (
        _SPEAKER_HOSTS.search(text, max(0, start - 240), start) is not None
        and _SPEAKER_HOSTS_PAST.match(text, end) is None
    )


_FIRST_SINCE = _RULES.regex("first_since")
_COUNTED_IN = _RULES.regex("counted_in")
_COUNTED_WITH = _RULES.regex("counted_with")
_MEETING_WORD = _RULES.regex("meeting_word")
_ANNUAL_WORD = _RULES.regex("annual_word")
_ANNUAL_IN_NAME = _RULES.regex("annual_in_name")
_TRILATERAL_NAMED = _RULES.regex("trilateral_named")
_NAME_DETERMINER = _RULES.regex("name_determiner")
_BODY_ITSELF = _RULES.regex("body_itself")
_MET_DURING = _RULES.regex("met_during")
_WILL_HOLD_BEFORE = _RULES.regex("will_hold_before")
_OF_ITS_KIND = regex_cache.compile(compose(_RULES, "of_its_kind", _FILLS), _RULES.flags("of_its_kind"))
TITLE_BEFORE = _RULES.regex("title_before")
"""A heading that names the meeting whose text this is ("Joint Statement of the ...", read before the name)."""
_OF_SERIES = _RULES.regex("of_series")
_OF_TWO_MINISTERS = regex_cache.compile(compose(_RULES, "of_two_ministers", _FILLS), _RULES.flags("of_two_ministers"))
_TWO_MINISTERS_OURS = _RULES.regex("two_ministers_ours")
_ALLIES = frozenset({"KOR", "USA"})
LEADERS_MET = _RULES.anchored("leaders_met")
_SERIES_OF_GROUP = {
    "scm": Series.SCM, "mcm": Series.MCM, "two": Series.TWO_PLUS_TWO, "tri": Series.TRILATERAL, "summit": Series.SUMMIT,
    "body": Series.OTHER, "anaph": "?", "tcog": Series.TRILATERAL,
}  # fmt: skip
NUMBERED_SERIES = frozenset({Series.SCM, Series.MCM, Series.TWO_PLUS_TWO, Series.NCG, Series.EDSCG, Series.OTHER})
"""Series whose meetings are numbered (summits and trilateral meetings are identified by date)."""
_THREE_PARTIES = _RULES.regex("three_parties")
_TRILATERAL_LEVEL = _RULES.regex("trilateral_level")
_BODY_ACRONYM = _RULES.regex("body_acronym")
_OTHER_SUMMIT = _RULES.regex("other_summit")
_BODY_ACRONYMS = tuple(
    (name.strip().lower(), acronym.strip())
    for name, acronym in (pair.split("=", 1) for pair in _RULES.word_list("body_acronyms"))
)


def _body_acronym_of(name: str) -> str | None:
    """The acronym of a body its full name gives ("... Integrated Defense Dialogue" is the KIDD), or None."""
    lowered = " ".join(name.lower().split())
    return next((acronym for words, acronym in _BODY_ACRONYMS if words in lowered), None)


_NORTH_SUMMIT = _RULES.regex("north_summit")
_SUMMIT_PLACE = re.compile(_RULES.source("summit_place"))
_CONTEXT = 90
"""Characters of context read on each side of a mention for its cues."""


_BODY_SERIES = {Series.NCG: _RULES.regex("body_ncg"), Series.EDSCG: _RULES.regex("body_edscg")}


def body_series(name: str) -> str:
    """The series of a body's meeting by the body's name ("Nuclear Consultative Group" -> NCG), else ``Other``."""
    return next((series for series, cue in _BODY_SERIES.items() if cue.search(name)), Series.OTHER)


OFFICIALS_MET = _RULES.regex("officials_met")
_OFFICIAL_LEVELS = tuple(
    (level.strip(), tuple(" ".join(w.lower().split()) for w in words.split("|")))
    for level, words in (pair.split("=", 1) for pair in _RULES.word_list("official_levels"))
)


def official_level(role: str | None) -> str | None:
    """The trilateral level an official's office stands for ("Minister for Foreign Affairs" -> ``foreign``, "Vice
    Minister of Foreign Affairs" -> ``vice``; ``official_levels`` in file order), or None for any other office."""
    lowered = " ".join((role or "").lower().split())
    return next((level for level, words in _OFFICIAL_LEVELS if any(w in lowered for w in words)), None)


def trilateral_level(name: str) -> str | None:
    """Who met at a trilateral meeting, read on its name or their office ("Vice Foreign Ministers" -> ``vice``;
    the groups of ``trilateral_level``), or None."""
    level = _TRILATERAL_LEVEL.search(name)
    return level.lastgroup if level is not None else None


def parties_of(qualifiers: str) -> frozenset[str]:
    """The states a name's qualifiers name ("Republic of Korea (ROK) and United States (U.S.)" -> KOR, USA)."""
    found: set[str] = set()
    for m in _PARTY_RE.finditer(qualifiers):
        word = re.sub(r"\s*\(.*\)$", "", m.group(0))
        word = " ".join(re.sub(r"^(?i:the)\s+", "", word).lower().split())
        for country, words in _PARTY_WORDS.items():
            if word in words:
                found.add(country)
    return frozenset(found)


@dataclass
class MeetingMention:
    """A span naming a meeting, with what the text says of it."""

    start: int
    end: int
    series: str
    ordinal: int | None
    date: DateMatch | None = None
    location: str | None = None
    location_span: tuple[int, int] | None = None
    near_date: DateMatch | None = None
    """The nearest date of the sentence, which may be another event's: used
    only for the meeting the document records (see :func:`attach_date`)."""
    parties: frozenset[str] = frozenset()
    """The states its name's qualifiers name ("ROK-U.S." -> KOR, USA)."""
    held: bool = False
    """The mention is the subject of its own "was held" / "took place"."""
    backward: bool = False
    """Named in passing as an earlier meeting ("since the 42nd SCM", "signed at the 45th SCM")."""
    future: bool = False
    """A meeting still to come ("will co-host the 62nd SCM", "the next SCM will be held ...")."""
    year: int | None = None
    """The year written right after the name ("signed at the 42nd SCM in 2010")."""
    numbered_by_reference: bool = False
    """Its ordinal is the reference's for the day the text names ("met on Monday" in a report)."""
    introduced: bool = False
    """Introduced by who convened it ("convened a “2+2” meeting with ..."): the meeting its sentence reports."""
    leaders_own: bool = False
    """The leaders' own statement says they met ("We, the leaders of ..., convened at ..."): its heads are the
    leaders its opening names."""
    heads: tuple[Actor, ...] = ()
    """The persons a report names as meeting (the series reference's heads of this very meeting), its heads."""
    level: str | None = None
    """What its name says of who met: a trilateral meeting's level (``summit``, ``defense``, ... ; see
    ``trilateral_level``) or the acronym of the body an ``Other`` meeting is of (``KIDD``)."""


@dataclass
class Meeting:
    """A meeting the document records or mentions (mentions merged by key)."""

    series: str
    ordinal: int | None
    date: dt.date | None
    location: str | None = None
    recorded: bool = False
    mentions: list[MeetingMention] = field(default_factory=list)
    dated_by_document: bool = False
    """The date is the document's, not one its text states (the series reference's date wins)."""
    end_date: dt.date | None = None
    """The last day of a meeting of several days, from the series reference when the text names one of them."""
    estimated: bool = False
    """Its date is the first day of the month the text names ("the May 2022 summit"), not a day it states."""
    from_reference: set[str] = field(default_factory=set)
    """Which of its values (``ordinal``, ``date``, ``endDate``, ``series``) the series reference supplied rather
    than its text: written on the node as ``fromReference`` so that a reader can tell them apart."""

    @property
    def key(self) -> tuple[str, object]:
        """Identity: ``(series, ordinal)`` or ``(series, date)``; a numbered meeting of another body
        ``("Other", (body, ordinal))`` (the 17th KIDD is not the 17th DSC meeting)."""
        if self.series == Series.OTHER and self.ordinal is not None:
            return (self.series, (self.name, self.ordinal))
        return (self.series, self.ordinal if self.ordinal is not None else self.date)

    @property
    def name(self) -> str | None:
        """What its text calls it when the series' name says too little: "trilateral defense ministers'
        meeting", "KIDD" (the first mention that says)."""
        level = next((m.level for m in self.mentions if m.level), None)
        if self.series == Series.OTHER:  # a body's acronym ("KIDD"), or the two allies' ministers who met
            return level_name(self.series, level) or level
        return level_name(self.series, level)

    @property
    def label(self) -> str:
        """Display name from the one mapping (:func:`graph.labels.short_meeting_label`): "49th SCM",
        "ROK-U.S. summit, 2023-04-26", "22nd KIDD", "Trilateral defense ministers' meeting, 2024-07-28"."""
        return short_meeting_label(self.series, self.ordinal, self.date, self.name)

    @property
    def future(self) -> bool:
        """Every mention speaks of it as still to come."""
        return bool(self.mentions) and all(m.future for m in self.mentions)


def _abbreviation_group(abbr: str) -> str | None:
    """The series group an abbreviation in parentheses names ("(2+2)" -> ``two``), or None."""
    inner = re.sub(r"\s+", "", abbr).strip("()").upper()
    return {"SCM": "scm", "MCM": "mcm", "2+2": "two", "TMM": "tri", "NCG": "body", "EDSCG": "body"}.get(inner)


def _met_during(text: str, mention_start: int) -> bool:
    """A readout's "met ... during the 49th MCM": the meeting and the meeting of the principals in one sentence.

    The pattern reads up to 200 characters back; a sentence ending inside them
    ("... met ... on March 3. They recalled the decisions taken during the 56th
    SCM") leaves the earlier sentence's "met" out, so a meeting only recalled is
    not taken for the one the text records.
    """
    lo = max(0, mention_start - 200)
    if _MET_DURING.search(text, lo, mention_start) is None:
        return False
    from extractors.segment import split_sentences  # noqa: PLC0415 (segment imports the rules package)

    spans = split_sentences(text, lo, mention_start)
    if len(spans) > 1:
        lo = spans[-1].start
    return _MET_DURING.search(text, lo, mention_start) is not None


def _counted_from_start(series: str, since: str | None) -> bool:
    """Does "the 38th since 1968" count the series from its start (the reference's first meeting that year)?"""
    if since is None:
        return True  # "the fourth of its kind", "the fourth such meeting"
    first = date_of(series, 1)
    return first is not None and first.year == int(since)


def _left_context(text: str, start: int) -> str:
    """The text before ``start`` back to the last sentence or line break (at most :data:`_CONTEXT` characters)."""
    left = text[max(0, start - _CONTEXT) : start]
    cut = max(left.rfind(". "), left.rfind(";"), left.rfind("\n\n"))
    return left[cut + 1 :] if cut >= 0 else left


def find_meeting_mentions(
    text: str, tokens: Tokens | None = None, start: int = 0, end: int | None = None
) -> list[MeetingMention]:
    """Meeting mentions in ``text[start:end]`` (no dates or places yet).

    An ordinal with a bare "meeting" ("the ninth meeting") gets the series
    ``?``, to be resolved by the caller; "its first meeting" and "the first
    meeting of the Group" name some other body (series ``Other``). A bare
    "meeting" without an ordinal is not a mention, nor is a plural without
    one ("previous SCMs").
    """
    out: list[MeetingMention] = []
    toks = tokens if tokens is not None else Tokens.of(text)
    for m in _ANCHORED.finditer(text, toks, start, end):
        group = next(g for g in _SERIES_OF_GROUP if m.group(g))
        series = _SERIES_OF_GROUP[group]
        ordinal = ordinal_value(m.group("ord")) if m.group("ord") else None
        whole = m.group(0)
        head = m.group(group)
        parties = parties_of(m.group("quals") or "")
        named_end: int | None = None
        named_at: re.Match[str] | None = None
        if group == "anaph" and ordinal is None and m.group("abbr"):
            # "the ... Ministerial Meeting (2+2)": the abbreviation names the series
            named_group = _abbreviation_group(m.group("abbr"))
            if named_group is None:
                continue
            group = named_group
            series = _SERIES_OF_GROUP[group]
            head = f"{m.group('abbr').strip()} meeting"
        ministers = _OF_TWO_MINISTERS.match(text, m.end("anaph")) if group == "anaph" and ordinal is None else None
        if ministers is not None:
            pair = parties_of(ministers.group("quals") or "") | parties
            if pair - _ALLIES:
                continue  # "a meeting of the U.S.-Japan Foreign and Defense Ministers": another ally's 2+2
            if not pair:
                left = _left_context(text, m.start())
                if parties_of(left) != _ALLIES and _TWO_MINISTERS_OURS.search(left) is None:
                    continue  # "Japan and Australia held a meeting of foreign and defense ministers": whose, unsaid
            # "held a meeting of the Korea-US Foreign Affairs and Defense Ministers": the four ministers' 2+2
            group, series, parties, head = "two", Series.TWO_PLUS_TWO, parties | pair, "2+2"
            named_end = ministers.end()
        elif group == "anaph" and ordinal is None and len(parties) >= 3:
            # "the U.S.-Japan-ROK Ministerial Meeting on June 2, 2024 in Singapore": three parties name a trilateral
            series = Series.TRILATERAL
        elif group == "anaph":
            if ordinal is None:
                continue
            det = (m.group("det") or "").strip().lower()
            named = _OF_SERIES.match(text, m.end("anaph"))
            if named is not None:
                series = _SERIES_OF_GROUP[next(g for g in ("scm", "mcm", "two", "body") if named.group(g))]
                if named.group("body"):
                    named_end = named.end()  # the body's full name is part of the mention
                    series = body_series(named.group("body"))
            elif m.group("of") and m.group("ord").strip().lower() == "inaugural" and det not in ("its", "their"):
                # "The inaugural meeting of South Korea and the United States' new Group": "inaugural" is no count
                # of some other body's meetings
                continue
            elif det in ("its", "their", "whose") or m.group("of"):
                # "the Nuclear Consultative Group, whose first meeting ...": the body named just before, else Other
                series = body_series(_left_context(text, m.start())) if det else Series.OTHER
            elif _ANNUAL_WORD.search(m.group("quals") or ""):
                series = Series.SCM  # "the Second Annual Meeting": the annual defence ministers' meeting
            else:
                series = "?"
        elif group == "scm" and head[0] in "Dd" and ordinal is None and not _ANNUAL_IN_NAME.search(whole):
            if not {"KOR", "USA"} <= parties:
                continue
            # "a South Korea-U.S. Defense Ministerial meeting" on the sidelines of a forum: a bilateral meeting of
            # the defense ministers that is not their annual SCM ("the Japan-U.S.-ROK Defense Ministerial Meeting":
            # a trilateral one)
            series = Series.TRILATERAL if len(parties) >= 3 else Series.OTHER
        elif group == "body" and ordinal is None and (
            " " not in head
            or (
                (body_series(head) in (Series.NCG, Series.EDSCG) or _BODY_ITSELF.search(head))
                and not _MEETING_WORD.search(head)
            )
        ):
            continue  # a bare "NCG" (or the Group's full name) is the body; "the third EDSCG" is one of its meetings
        if group == "body":
            series = body_series(head)
        if (
            ordinal is None
            and group in ("scm", "mcm")
            and head[-1:] in "sS"
            and not head.endswith(("MEETING", "meeting"))
        ):
            continue  # "SCMs", "Security Consultative Meetings": the series, not one meeting
        if series in (Series.SUMMIT, Series.SCM, Series.TWO_PLUS_TWO) and (
            _TRILATERAL_NAMED.search(whole) or len(parties) >= 3
        ):
            series = Series.TRILATERAL
        if group == "summit" and not m.group("quals") and _OTHER_SUMMIT.search(text, max(0, m.start() - 40), m.start()):
            continue  # "the 21st Asia Security Summit", "the Nuclear Security Summit": a forum, not the allies' summit
        if series in (Series.SUMMIT, Series.TRILATERAL):
            ordinal = None  # "their first summit": summits are identified by date, not numbered
            named_at = _SUMMIT_PLACE.search(m.group("quals") or "")  # "the Camp David summit"
        mention_start = m.start("ord") if m.group("ord") else m.start()
        if m.group("ord") is None:
            lead = _NAME_DETERMINER.match(whole)
            if lead:
                mention_start += lead.end()
        mention_end = named_end or (m.end("abbr") if m.group("abbr") else m.end(group))
        if ordinal is None and series in NUMBERED_SERIES and group != "anaph":
            kind_of = _OF_ITS_KIND.match(text, mention_end)  # "... session, the fourth of its kind since 2010"
            if kind_of is not None and _counted_from_start(series, kind_of.group("since")):
                ordinal = ordinal_value(kind_of.group("ord"))
        if ordinal is not None and group == "anaph" and _COUNTED_WITH.match(text, mention_end) is not None:
            continue  # "my second meeting with the Secretary": a count of one person's meetings
        if ordinal is not None and _COUNTED_IN.match(text, mention_end) is not None:
            # "the fourth meeting this year that I have had with Secretary X": a count of someone's meetings
            if group == "anaph":
                continue
            ordinal = None
        if ordinal == 1 and _FIRST_SINCE.match(text, mention_end) is not None:
            ordinal = None  # "the first EDSCG meeting since 2018": first after a pause
            if group == "anaph":
                continue
        left = _left_context(text, m.start())
        after = text[mention_end : mention_end + 240]
        announced = _WILL_HOLD_BEFORE.search(left) is not None
        introduced = (
            announced
            or _HELD_BEFORE.search(left) is not None
            or _HOSTED_FOR.search(text, max(0, m.start() - 240), m.start()) is not None
        )
        held = not announced and (
            introduced
            or _HELD_AFTER.match(after) is not None
            or _met_during(text, mention_start)
        )
        future = not held and (_FUTURE.search(left) is not None or _FUTURE_AFTER.match(after) is not None)
        backward = (
            not held
            and not future
            and _BACKWARD.search(left) is not None
            and _REMARKS_AT.search(left) is None
            and _STATEMENT_FOLLOWING.search(left) is None
            and _SAME_DAY_AT.search(left) is None
        )
        mention = MeetingMention(
            mention_start,
            mention_end,
            series,
            ordinal,
            parties=parties,
            held=held,
            backward=backward,
            future=future,
            introduced=introduced,
        )
        if series == Series.SUMMIT and group == "summit":
            # "the historic inter-Korean summit", "the U.S.-DPRK summit": named for who met, not the allies' summit
            north = _NORTH_SUMMIT.search(text, max(0, m.start(group) - 40), m.start(group))
            mention.level = north.lastgroup if north is not None else None
        elif series == Series.TRILATERAL:
            mention.level = trilateral_level(whole)
        elif series == Series.OTHER and group == "body":
            acronym = _BODY_ACRONYM.search(whole)
            mention.level = acronym.group(0) if acronym is not None else _body_acronym_of(whole)
        elif series == Series.OTHER and group == "scm":
            # "the South Korea-U.S. Defense Ministerial Meeting" on a forum's sidelines: named like the meeting
            # a readout says the two ministers held (Extraction._ministers_pair), the same node under one name
            mention.level = "defense"
        if series in (Series.SUMMIT, Series.TRILATERAL) and named_at is not None:
            at = m.start("quals") + named_at.start()
            mention.location, mention.location_span = named_at.group(0), (at, at + len(named_at.group(0)))
        out.append(mention)
    for m in _CONTEXT_MEETING.finditer(text, start, len(text) if end is None else end):
        if _CONTEXT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) is not None:
            out.append(MeetingMention(m.start("word"), m.end("word"), CONTEXT_SERIES, None))
    return out


CONTEXT_SERIES = "^"
"""Series of a bare "the meeting they held in Singapore on June 2": its paragraph's named series, resolved by the
caller (dropped when the paragraph names none)."""
_CONTEXT_MEETING = _RULES.regex("context_meeting")
_CONTEXT_BEFORE = re.compile(_RULES.source("context_meeting_before"))


_MINISTERIAL_UNSAID = _RULES.regex("ministerial_unsaid")
_FOREIGN_OFFICES = _RULES.regex("foreign_offices")
_DEFENSE_OFFICES = _RULES.regex("defense_offices")


def refine_series(mention: MeetingMention, sentence: str, name: str = "") -> None:
    """A summit of three parties is a trilateral meeting; a "Trilateral Ministerial Meeting" whose name says no
    more is the foreign ministers' when its sentence names only foreign ministers (``ministerial_unsaid``)."""
    if mention.series == Series.SUMMIT and _THREE_PARTIES.search(sentence):
        mention.series = Series.TRILATERAL
    if (
        mention.series == Series.TRILATERAL
        and mention.level == "defense"
        and name
        and _MINISTERIAL_UNSAID.search(name) is None
        and _FOREIGN_OFFICES.search(sentence) is not None
        and _DEFENSE_OFFICES.search(sentence) is None
    ):
        mention.level = "foreign"


_ASIDE = _RULES.regex("own_aside")
_OWN_AFTER = _RULES.regex("own_after")
_OWN_BEFORE = _RULES.regex("own_before")
_DATELINE_AFTER = _RULES.regex("dateline_after")
_ADJACENT = _RULES.regex("own_adjacent")
_OWN_GAP = 200
_YEAR_GAP = 3
"""Characters between a meeting's name and a year that is the meeting's ("the 42nd SCM in 2010")."""
_CONVENED = _RULES.regex("convened_before")


def attach_date(mention: MeetingMention, dates: list[DateMatch], text: str, sent_start: int, sent_end: int) -> None:
    """Date a mention from its sentence.

    ``mention.date`` is set only when the text states the meeting's own date:
    a date that follows the name with nothing but "held/took place", a place,
    asides and a preposition in between ("the 28th MCM, held in Seoul on
    October 19"), one right before it ("the April 2023 summit", "On
    October 19, the 28th MCM ..."), or an opening date of a sentence whose
    verb convenes the meeting ("On October 19, the Chairmen presided over
    the 47th MCM"). Another event's date ("after the shelling
    on November 23, 2010, the 43rd SCM ...") or another meeting's ("the
    summit on October 13, 2011, and the 42nd SCM") is never taken.

    ``mention.near_date`` is the nearest day- or month-precise date of the
    sentence (preferring one after the name), kept for the meeting the
    document records, whose opening sentence may word its dates freely
    ("... between the ROK and the U.S. was held in Seoul on May 9, 1984").

    """
    if mention.future:
        mention.date = mention.near_date = None
        if mention.introduced:  # "will hold a “2+2” meeting with ... on October 19, 2016": its stated day
            lo = bisect.bisect_left(dates, sent_start, key=lambda d: d.end)
            mention.date = next(
                (
                    d
                    for d in dates[lo:]
                    if mention.end <= d.start < sent_end
                    and d.precision == "day"
                    and not yearless(d)
                    and d.start - mention.end <= _OWN_GAP
                ),
                None,
            )
        return
    best: tuple[int, DateMatch] | None = None
    own: DateMatch | None = None
    lo = bisect.bisect_left(dates, sent_start, key=lambda d: d.end)
    # who took part in it, with the one day its sentence names after it: "Gen. Kim participated in the Trilateral
    # Chiefs of Defense Meeting, along with ... on Thursday (local time)"
    convened = _CONVENED.search(text, max(sent_start, mention.start - 40), mention.start) is not None
    if convened:
        after = [
            d for d in dates[lo:]
            if mention.end <= d.start < sent_end and d.precision == "day" and d.start - mention.end <= _OWN_GAP
        ]  # fmt: skip
        if len(after) == 1:
            mention.introduced = True
    for d in dates[lo:]:
        if d.start >= sent_end:
            break
        if d.end <= sent_start:
            continue
        if d.precision == "year":
            if mention.year is None and 0 <= d.start - mention.end <= _YEAR_GAP:
                mention.year = d.date.year
            continue
        if d.start >= mention.end:
            gap = d.start - mention.end
            if own is None and gap <= _OWN_GAP and _own_after(text[mention.end : d.start]):
                own = d
            elif own is None and mention.introduced and d.precision == "day" and gap <= _OWN_GAP:
                own = d  # "convened a “2+2” meeting with <who> in Washington on October 19, 2016"
        elif d.end <= mention.start:
            gap = mention.start - d.end + 5
            opening = _OWN_BEFORE.fullmatch(text, sent_start, d.start) is not None
            if own is None and _DATELINE_AFTER.match(text, d.end) is None and (
                text[d.end : mention.start].isspace()
                or (opening and _ADJACENT.fullmatch(text, d.end, mention.start))
                or (opening and _CONVENED.search(text, max(d.end, mention.start - 40), mention.start))
            ):
                own = d
        else:
            gap = 0
        if best is None or gap < best[0]:
            best = (gap, d)
    if best is not None and best[0] <= 260:
        mention.near_date = best[1]
    mention.date = own


def _own_after(between: str) -> bool:
    """Does the text between a meeting's name and a following date tie the date to it?"""
    prev = None
    while prev != between:
        if _OWN_AFTER.fullmatch(between) is not None:
            return True
        prev = between
        between = _ASIDE.sub(" ", between, count=1)
    return False


def attach_place(mention: MeetingMention, text: str, sent_end: int) -> None:
    """Give a mention the "in/at <Place>" phrase that follows it in its sentence, else the place its sentence says
    the parties met in just before naming it ("met in Tokyo ... for the annual Defense Trilateral Talks")."""
    # a meeting introduced by who convened it names them first ("convened a “2+2” meeting with <four names and
    # offices> in Washington, D.C."): its place stands further on
    window_end = min(sent_end, mention.end + (260 if mention.introduced else 140))
    for m in _PLACE_AFTER.finditer(text, mention.end, window_end):
        if m.end() == window_end < sent_end:  # the window cut the place ("in Was|hington, D.C."): read it whole
            m = _PLACE_AFTER.match(text, m.start(), sent_end) or m
        city = _VENUE_CITY.match(text, m.end("place"), window_end)  # "at the Pentagon in Washington, D.C."
        at = city.end() - 3 if city is not None else -1  # the "in " before the city
        venue = m  # how near the place stands is the venue's (the city after it is part of that place)
        if city is not None and (inner := _PLACE_AFTER.match(text, at, window_end)) is not None:
            m = inner
        if (district := _DISTRICT_CITY.match(text, m.end("place"), window_end)) is not None:
            m = district  # "in Jongno-gu, Seoul": the city after its district
        if (
            venue.group("held") is None
            and venue.start() - mention.end > _PLACE_NEAR
            and _CONVENED.search(text, max(0, mention.start - 40), mention.start) is None
        ):
            continue
        if _set_place(mention, m):
            return
    # "... met in Tokyo Jan. 30-31 for the annual Defense Trilateral Talks": the place said before the name
    before = _PLACE_BEFORE.search(text, max(0, mention.start - 160), mention.start)
    if before is not None:
        _set_place(mention, before)


def _set_place(mention: MeetingMention, m: re.Match[str]) -> bool:
    """Give ``mention`` the place that the match's group ``place`` names (a city for a venue, without its
    country or a leading "the"); False, leaving it as it is, when that is no place."""
    place = m.group("place").strip().rstrip(".,")
    if place.endswith((" D.C", ",D.C")):
        place += "."
    if _NOT_PLACE.match(place) or len(place) < 3:
        return False
    place = _PLACE_COUNTRY.sub("", re.sub(r"^the\s+", "", place))
    mention.location = _VENUE_CITIES.get(place, place)
    mention.location_span = (m.start("place"), m.start("place") + len(m.group("place").rstrip(".,")))
    return True


def yearless(date: DateMatch) -> bool:
    """Was the year of ``date`` guessed from the document's date ("on October 24", "last Friday")?

    (``partial``: a day written without its year, where the date grammar tells it apart from a relative one.)
    """
    return date.relative or bool(getattr(date, "partial", False))


def recorded_score(meeting: Meeting, heading_end: int, opening_end: int) -> int | None:
    """How strongly the text presents ``meeting`` as the one it records (None: not at all).

    4: the subject of its own "was held" in the opening; 3: named in the
    heading; 2: named in the opening paragraphs; 0: named there only in
    passing as an earlier meeting ("since the 42nd SCM"). A meeting still to
    come ("will co-host the 62nd SCM") is never recorded.
    """
    best: int | None = None
    for m in meeting.mentions:
        if m.future or m.start > opening_end:
            continue
        if m.held:
            score = 4
        elif m.backward:
            score = 0
        elif m.start < heading_end:
            score = 3
        else:
            score = 2
        best = score if best is None else max(best, score)
    return best


def choose_recorded(
    meetings: list[Meeting],
    *,
    preferred: str | None,
    heading_end: int,
    opening_end: int,
    consistency: Callable[[Meeting], int] | None = None,
    minimum: int = 0,
) -> Meeting | None:
    """The meeting a communiqué or joint statement records.

    Among the meetings named in the heading or the opening paragraphs (see
    :func:`recorded_score`), the ``preferred`` series wins (the SCM in an SCM
    communiqué, the MCM in one whose heading names only the MCM), then the
    stronger presentation, then agreement with the series reference
    (``consistency``: 1 when the reference dates that ordinal to the text's
    date, -1 when it dates it far from it), then the earlier mention.
    """
    ranked: list[tuple[tuple[int, int, int, int], Meeting]] = []
    for meeting in meetings:
        score = recorded_score(meeting, heading_end, opening_end)
        if score is None or score < minimum:
            continue
        agree = consistency(meeting) if consistency is not None else 0
        first = min(m.start for m in meeting.mentions)
        pref = 1 if preferred is not None and meeting.series == preferred and score >= 2 else 0
        ranked.append(((pref, score if agree >= 0 else -1, agree, -first), meeting))
    if not ranked:
        return None
    return max(ranked, key=lambda r: r[0])[1]


def complete_from_reference(
    meetings: list[Meeting],
    recorded: Meeting | None,
    unplaced: Sequence[MeetingMention] = (),
    opening_end: int = 0,
) -> tuple[list[Meeting], Meeting | None]:
    """Complete what the text says of its meetings from the series reference (never adding a meeting).

    * The recorded meeting, dated but not numbered by its text, takes the
      ordinal the reference gives that date ("the annual SCM held in Seoul,
      September 12-13, 1973" is the 6th SCM); if the text also numbers it
      elsewhere, the two become one. A meeting only mentioned keeps the
      identity its text gives it.
    * The recorded meeting, numbered but not dated by its text, takes the
      reference's date rather than the document's (a reprint or a white paper
      is dated later than the meeting).
    * A date the text gives without its year ("the 2+2 meeting on October
      24") takes the year in which the reference holds a meeting of that
      series on that day, when the year guessed from the document's date has
      none.
    * A numbered meeting of several days that the text dates by one of
      them takes the reference's first day as its date and its last day as
      its end; one the text dates by its month ("in May 1976") takes the
      reference's days in that month.
    * The MCM held with the recorded SCM, named without its number ("the
      Chairmen presided over the Military Committee Meeting on October 20",
      or undated in the opening paragraphs), takes the number and day the
      reference gives it.
      Named with its number but not dated by the text, it takes the
      reference's day.
    """
    by_key = {m.key: m for m in meetings}
    out: list[Meeting] = []
    for meeting in meetings:
        if meeting.series == Series.OTHER and meeting.ordinal is not None and meeting.date is not None:
            held = body_of(meeting.ordinal, meeting.date)  # "its first meeting" in an NCG statement
            if held is not None and (held, meeting.ordinal) not in by_key:
                by_key.pop(meeting.key, None)
                meeting.series = held
                meeting.from_reference.add(Prop.SERIES.value)
                by_key[meeting.key] = meeting
        if meeting.ordinal is None and meeting.date is not None and not meeting.future:
            own = next((m.date for m in meeting.mentions if m.date is not None and m.date.date == meeting.date), None)
            if own is not None and yearless(own) and own.precision == "day":
                shifted = same_day_other_year(meeting.series, meeting.date)
                if shifted is not None and (meeting.series, shifted) not in by_key:
                    by_key.pop(meeting.key, None)
                    meeting.date = shifted
                    meeting.from_reference.add(Prop.DATE.value)  # the year of "on October 24"
                    by_key[meeting.key] = meeting
        if (
            meeting.ordinal is None
            and meeting.date is not None
            and not meeting.future
            and (meeting is recorded or (meeting.series in _REFERENCE_SERIES and _stated_day(meeting)))
        ):
            # the recorded meeting, or one named in passing with the day the text states ("as agreed at the annual
            # meeting in Seoul on August 26 and 27, 1975"): the number the reference gives that day
            ordinal = ordinal_on(meeting.series, meeting.date)
            if ordinal is not None:
                same = by_key.get((meeting.series, ordinal))
                if same is not None and same is not meeting:
                    same.mentions.extend(meeting.mentions)
                    same.recorded = True
                    if same.date is None and meeting.date is not None:
                        same.date = meeting.date
                        same.from_reference |= meeting.from_reference & {Prop.DATE.value}
                    same.location = same.location or meeting.location
                    recorded = same
                    continue
                meeting.ordinal = ordinal
                meeting.from_reference.add(Prop.ORDINAL.value)
                if meeting.dated_by_document and (day := date_of(meeting.series, ordinal)) is not None:
                    meeting.date = day
                    meeting.from_reference.add(Prop.DATE.value)
        out.append(meeting)
    for meeting in out:
        if meeting.ordinal is None or meeting.date is None:
            continue
        own = next(
            (d for m in meeting.mentions for d in (m.date, m.near_date) if d is not None and d.date == meeting.date),
            None,
        )
        day = date_of(meeting.series, meeting.ordinal) if own is not None and yearless(own) else None
        if day is not None and (day.month, day.day) == (meeting.date.month, meeting.date.day) and day != meeting.date:
            # "On November 12 (Sun), ... the 48th MCM": the year guessed from the document's date is not the
            # meeting's; the reference knows it
            meeting.date = day
            meeting.from_reference.add(Prop.DATE.value)
    if recorded is not None and recorded.ordinal is not None and recorded.date is None and not recorded.future:
        recorded.date = date_of(recorded.series, recorded.ordinal)
        if recorded.date is not None:
            recorded.from_reference.add(Prop.DATE.value)
    if recorded is not None and recorded.ordinal is not None and not recorded.location and not recorded.future:
        # the recorded meeting whose text does not say where it met: the reference's city, if its day agrees
        place = place_of(recorded.series, recorded.ordinal, recorded.date)
        if place is not None:
            recorded.location = place
            recorded.from_reference.add(Prop.LOCATION.value)
    for meeting in out:
        if meeting.ordinal is None or meeting.date is not None or meeting.future:
            continue
        if any(m.future for m in meeting.mentions if m.ordinal is not None):
            continue  # "hosting ... the 52nd SCM later this month", then "a successful SCM": still to come
        # a numbered meeting named in passing ("signed at the 42nd SCM in 2010"): the reference's day, if it
        # agrees with any year the text gives (a meeting the text does not name is never added)
        day = date_of(meeting.series, meeting.ordinal)
        if day is not None and _agrees(meeting, day):
            meeting.date = day
            meeting.from_reference.add(Prop.DATE.value)
    for meeting in out:
        near = meeting.date or next((m.date.date for m in meeting.mentions if m.date is not None), None)
        if meeting.ordinal is None or meeting.future:
            continue
        span = span_of(meeting.series, meeting.ordinal, near)
        if span is None:
            continue
        if meeting.date is not None:
            # a meeting of several days named by one of them ("the first meeting on May 28, 1968"): its first
            # day is its date, its last day its end, as the reference has them
            if span[0] <= meeting.date <= span[1] and span[0] < span[1]:
                if meeting.date != span[0]:
                    meeting.from_reference.add(Prop.DATE.value)
                meeting.date, meeting.end_date = span
        elif any(
            m.date is not None and m.date.precision == "month" and (m.date.date.year, m.date.date.month)
            == (span[0].year, span[0].month) for m in meeting.mentions
        ):  # "the ninth meeting held in Honolulu in May 1976": the days the reference gives
            meeting.date, meeting.end_date = span[0], span[1] if span[1] > span[0] else None
            meeting.from_reference.add(Prop.DATE.value)
    if recorded is not None and recorded.series == Series.SCM and recorded.ordinal is not None:
        _complete_mcm(out, recorded.ordinal, unplaced, opening_end)
    return out, recorded


_REFERENCE_SERIES = frozenset({Series.SCM, Series.TWO_PLUS_TWO, Series.NCG, Series.EDSCG})
"""Series the reference numbers by date (an MCM is numbered only with the SCM it served)."""


def _stated_day(meeting: Meeting) -> bool:
    """The text itself states the meeting's day, with its year."""
    return any(
        m.date is not None and m.date.precision == "day" and not yearless(m.date) and m.date.date == meeting.date
        for m in meeting.mentions
    )


def _agrees(meeting: Meeting, day: dt.date) -> bool:
    """No mention of ``meeting`` dates it to another year or month than ``day`` ("the 42nd SCM in 2010"; "the
    first meeting was held in December", counted back from the document's date)."""
    for m in meeting.mentions:
        if m.year is not None and m.year != day.year:
            return False
        for d in (m.date, m.near_date):
            if d is None or (d.relative and (d is not m.date or d.precision != "month")):
                continue  # a month the text gives the meeting itself counts, relative or not ("held in December")
            if d.precision == "year" and d.date.year != day.year:
                return False
            if d.precision == "month" and (d.date.year, d.date.month) != (day.year, day.month):
                return False
    return True


def complete_reported_mcm(meetings: list[Meeting], scm: int, unplaced: Sequence[MeetingMention]) -> None:
    """A news story about SCM ``scm`` that records no meeting: the MCM it names without a number or a day ("In the
    Military Committee Meeting hours earlier, ...") is the one the reference holds with that SCM, wherever the story
    names it (a future mention stays unnumbered)."""
    _complete_mcm(meetings, scm, unplaced, opening_end=max((m.end for m in unplaced), default=0))


def _complete_mcm(meetings: list[Meeting], scm: int, unplaced: Sequence[MeetingMention], opening_end: int) -> None:
    """Number the MCM held with SCM ``scm`` when the text names it without its number (see above)."""
    held = mcm_of(scm)
    if held is None:
        return
    ordinal, day = held
    named = next((m for m in meetings if m.series == Series.MCM and m.ordinal == ordinal), None)
    if named is not None:
        if named.date is None and day is not None and not named.future:
            named.date = day  # "the 13th MCM was held on 20 November": the reference knows the year
            named.from_reference.add(Prop.DATE.value)
        return
    dated = next(
        (
            m
            for m in meetings
            if m.series == Series.MCM and m.ordinal is None and m.date and day and abs((m.date - day).days) <= 2
        ),
        None,
    )
    if dated is not None:
        dated.ordinal = ordinal
        dated.from_reference.add(Prop.ORDINAL.value)
        return
    loose = [
        m for m in unplaced if m.series == Series.MCM and m.date is None and not m.future and m.start <= opening_end
    ]
    if loose:
        meeting = Meeting(Series.MCM, ordinal, day)
        meeting.from_reference.update(
            {Prop.ORDINAL.value, Prop.DATE.value} if day is not None else {Prop.ORDINAL.value}
        )
        meeting.mentions.extend(loose)
        meetings.append(meeting)
