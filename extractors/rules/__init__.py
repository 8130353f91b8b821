"""Rule-based semantic extraction (``communique.rules.v2``).

:func:`extract_document` turns one :class:`~extractors.document.SourceDocument`
into the ontology's nodes and relationships: the Document, the meetings it
records and mentions, actors, incidents (resolved against the catalogue),
threats and commitments, each with Mention evidence. The vocabularies live in
data files (``ontology/schemes.ttl``, ``extractors/data/gazetteer.json``,
``graph/data/incidents.json``) and are compiled once per process
(:func:`extractors.rules.lexicon.default_lexicon`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractors.document import Paragraph, SourceDocument
from extractors.metadata import body_end, earlier_meeting_day, is_chrome
from extractors.registry import register
from extractors.rules import regex_cache
from extractors.rules.actors import ActorMention, find_actors
from extractors.rules.commitments import (
    ADVERSARIES,
    BILATERAL,
    TRILATERAL,
    CommitmentFinding,
    PartyResolver,
    can_pledge,
    find_commitments,
    is_pledge_word,
    passive_will,
    sentence_verbs,
    speaker_turns,
    split_pledge,
    study_own_voice,
    two_koreas,
)
from extractors.rules.dates import DateMatch, find_dates
from extractors.rules.evidence import GraphBuilder
from extractors.rules.exercises import PARTICIPANTS, find_exercises
from extractors.rules.incidents import IncidentMention, IncidentResolver, NewIncident
from extractors.rules.lexicon import EXTRACTOR, Actor, CatalogueIncident, Lexicon, default_lexicon
from extractors.rules.meetings import (
    CONTEXT_SERIES,
    LEADERS_MET,
    NUMBERED_SERIES,
    OFFICIALS_MET,
    OPENING_PLACE,
    SAID_TODAY,
    SPEAKER_AND_I,
    SPEAKER_TURN,
    SPOKEN_RECORD,
    TITLE_BEFORE,
    Meeting,
    MeetingMention,
    attach_date,
    attach_place,
    body_series,
    choose_recorded,
    complete_from_reference,
    complete_reported_mcm,
    find_meeting_mentions,
    official_level,
    parties_of,
    recorded_score,
    refine_series,
    speaker_hosts,
    trilateral_level,
    yearless,
)
from extractors.rules.patterns import load_rules
from extractors.rules.people import delegation_heads, name_key, reference_names
from extractors.rules.reference import FAR_DAYS, agreement, confirms, date_of, ordinal_on
from extractors.rules.reference import heads as ref_heads
from extractors.rules.scan import Tokens
from extractors.rules.text import Sentence, SentenceIndex, paragraphs, sentences
from extractors.rules.threats import ThreatMention, find_threats
from graph import labels
from graph.model import GraphData
from graph.schema import DEFAULT_BASE, SECONDARY_DOC_KINDS, WD, Kind, Prop, Rel, Series

__all__ = ["EXTRACTOR", "extract_document"]

_JOINT_KINDS = ("communique", "joint_statement")
_ACTOR_RULES = load_rules("actors")
_COMMITMENT_RULES = load_rules("commitments")
_MEETING_RULES = load_rules("meetings")
_DELEGATION_ANCHORED = _ACTOR_RULES.anchored("delegation_cue")
_CONTINUED = _ACTOR_RULES.regex("continued_line")
_LEAD_ANCHORED = _ACTOR_RULES.anchored("lead_cue")
_AND_I = _ACTOR_RULES.regex("name_and_i")
_RESPONSES = load_rules("responses")
_RESPONSE_CUE = _RESPONSES.anchored("response_cue")
_THREAT_CUE = _RESPONSES.regex("threat_cue")
_CONDEMN = _RESPONSES.anchored("condemn")
_EVENT_AFTER_CUE = _RESPONSES.regex("event_after_cue")
_STANDING = _RESPONSES.regex("standing_threat")
_DEICTIC = _RESPONSES.regex("deictic_cue")
_DEICTIC_NOUN = _RESPONSES.regex("deictic_noun")
_PURSUES_GOALS = _RESPONSES.regex("pursues_named_goals")
_TOPIC_SHIFT = _RESPONSES.regex("topic_shift_cue")
_TEMPORAL_LEAD = _RESPONSES.regex("temporal_lead")
_TEMPORAL_LEAD_DAYS = dt.timedelta(days=int(_RESPONSES.patterns["temporal_lead"]["within_days"]))
_HYPOTHETICAL_AFTER_CUE = _RESPONSES.regex("hypothetical_after_cue")
_PARTICIPLE_PLEDGE = _RESPONSES.regex("participle_pledge")
_IS_TO = _COMMITMENT_RULES.regex("is_to")
_THREAT_WINDOW = 60
"""How far before a threat its cue may stand (characters)."""
_OPENING_MARKS = " \t\n\"'“‘("
"""What may stand before the first word of a sentence (space, opening quotes, a bracket)."""
_TOGETHER = _MEETING_RULES.regex("together")
_LEADERS_JOINED = _MEETING_RULES.regex("leaders_joined")
_LEADERS_CALL = _MEETING_RULES.regex("leaders_call")
_LEADERS_IN_PERSON = _MEETING_RULES.regex("leaders_in_person")
_LEADERS_TODAY = _MEETING_RULES.regex("leaders_today")
_LEADER_VISIT = _MEETING_RULES.regex("leader_visit")
_RELEASE_LINE = _MEETING_RULES.regex("release_line")
_CALL_REACH = 2
"""How many sentences either side of the leaders' a call told of them reaches (see ``leaders_in_person``)."""
_DECISION_OF = _MEETING_RULES.regex("decision_of_before")
_MET_BEFORE_NOW = _MEETING_RULES.regex("met_before_now")
_DECISION_TAKEN = _MEETING_RULES.regex("decision_taken")
_OFFICIALS_OTHER_TIME = _MEETING_RULES.regex("officials_other_time")
_OFFICIALS_TOLD_BEFORE = _MEETING_RULES.regex("officials_told_before")
_FRONTED_DAY = _MEETING_RULES.regex("fronted_day")
_OFFICIALS_DAY_TO_NAMES = _MEETING_RULES.regex("officials_day_to_names")
_MINISTERS_MET = _MEETING_RULES.regex("ministers_met")
_MINISTERS_MET_RELATIVE = _MEETING_RULES.regex("ministers_met_relative")
_MINISTERS_MET_THIRD = _MEETING_RULES.regex("ministers_met_third")
_BILATERAL_LEVELS = frozenset(_MEETING_RULES.word_list("bilateral_levels"))
_TURN_WE_BOTH = _COMMITMENT_RULES.regex("turn_we_both")
SPOKEN_OPENING_CHARS = 1500
"""How far a spoken record's opening reaches at least (characters, as in a text without paragraphs): where its
speakers name the meeting after the announcer's running order."""
_SPEECH_BY = _COMMITMENT_RULES.regex("speech_by")
_ALLIANCE_DESCRIPTION = _COMMITMENT_RULES.regex("alliance_description")
_ARMS_AFTER = _COMMITMENT_RULES.regex("arms_after")
_DEFINED_ABBREVIATION = _COMMITMENT_RULES.regex("defined_abbreviation")
_ABBREVIATION_SHAPE = _COMMITMENT_RULES.regex("abbreviation_shape")
_PRONOUN = _COMMITMENT_RULES.regex("pronoun")
_SUBJECT_LEAD = _COMMITMENT_RULES.regex("subject_lead")
_TITLE_ONLY = _COMMITMENT_RULES.regex("pronoun_title_subject")
_TITLE_PAIRED = _COMMITMENT_RULES.regex("pronoun_title_paired")
_THEY_SUBJECT = _COMMITMENT_RULES.regex("they_subject")
_FIELDS_ANAPHOR = _COMMITMENT_RULES.regex("fields_anaphor")
_FIELDS_ANTECEDENT = _COMMITMENT_RULES.regex("fields_antecedent")
_FIELDS_LIST_END = _COMMITMENT_RULES.regex("fields_list_end")
_THREE_SUBJECT = _COMMITMENT_RULES.regex("three_subject")
_THREE_BARE = _COMMITMENT_RULES.regex("bare_three")
_NORTH_AFTER = _MEETING_RULES.regex("north_counterpart_after")
_STORY_HELD_AFTER = _MEETING_RULES.regex("story_held_after")
_STANDING_AFTER = _MEETING_RULES.regex("standing_after")
_MINISTERS_MEET = _MEETING_RULES.regex("ministers_meet")
_SCHEDULED_DAY = _MEETING_RULES.regex("scheduled_day")
_STORY_EARLIER_BEFORE = _MEETING_RULES.regex("story_earlier_before")
_NORTH_BEFORE = _MEETING_RULES.regex("north_counterpart_before")
_BODY_START = _MEETING_RULES.regex("body_start")
_LEADER_ROLES = _ACTOR_RULES.word_list("leader_roles")
_DATE_LINE_MAX = 80
"""Characters a statement's date line may take ("Washington, D.C., June 2, 2024"; "August 18, 2023 | Statements and
Releases")."""
_UNTYPED_PLEDGE = frozenset(_COMMITMENT_RULES.word_list("untyped_pledge"))
_WILL_AFTER_VERB = _COMMITMENT_RULES.regex("will_after_verb")
_DEFINITE_OBJECT = _COMMITMENT_RULES.regex("definite_object")
_HARMED_BEFORE = _COMMITMENT_RULES.regex("harmed_before")
_CITED_BEFORE = _COMMITMENT_RULES.regex("cited_before")
_ANNIVERSARY_OF = _COMMITMENT_RULES.regex("anniversary_of")
_VENUE_BEFORE = _COMMITMENT_RULES.regex("venue_before")
_VENUE_AFTER = _COMMITMENT_RULES.regex("venue_after")
_PARTICIPANTS_BEFORE = _COMMITMENT_RULES.regex("participants_before")
_VIEW_IN_LIST = _COMMITMENT_RULES.regex("view_in_list")
_OFFER_TO_ADVERSARY = _COMMITMENT_RULES.regex("offer_to_adversary")
_DOCUMENTS_ONLY = _COMMITMENT_RULES.regex("documents_only")
_CITE_REACH = 200
"""Characters before a scheme phrase within which the cited document's or circumstance's cue stands."""
_MANNER_OBJECT = _COMMITMENT_RULES.regex("manner_object")
_MANNER_CUES = _COMMITMENT_RULES.words("manner_cues")
_SETTLING_OBJECT = _COMMITMENT_RULES.regex("settling_object")
_SETTLING_CUES = _COMMITMENT_RULES.words("settling_cues")
_VALUES_OBJECT = _COMMITMENT_RULES.regex("values_object")
_VALUE_CUES = _COMMITMENT_RULES.words("value_cues")
_SOLIDARITY = _COMMITMENT_RULES.word_list("solidarity_words")
_HARM_REACH = 80
"""Characters before a scheme phrase within which the word that harms it stands."""
_MODAL_WORDS = _COMMITMENT_RULES.word_list("will_modals")
_TRILATERAL_OPENING = _COMMITMENT_RULES.regex("trilateral_opening")
_TRILATERAL_PARTIES = _COMMITMENT_RULES.regex("trilateral_parties")
_PAIR_MEETING = _COMMITMENT_RULES.regex("pair_meeting")
_OPENING = 600
"""Characters at the head of a document (title, dateline, first lines) that say what it is."""
_NEAR = 40
"""Characters around a word within which a scheme phrase is the one the word belongs to."""
_ACT_VERBS = tuple(_COMMITMENT_RULES.word_list("act_verbs"))
_TO_PLEDGES = tuple(_COMMITMENT_RULES.word_list("untyped_to_verbs"))
_QUOTE_SPEAKER_REACH = 2000
"""Characters after a sentence within which the speaker of a quotation it opens may be named."""

# property names of a commitment record, looked up once (an enum's .value is a slow descriptor)
_STANCE, _STRENGTH, _CUES = Prop.STANCE.value, Prop.STRENGTH.value, Prop.CUES.value
_CONFIDENCE, _DATE, _DESCRIPTION = Prop.CONFIDENCE.value, Prop.DATE.value, Prop.DESCRIPTION.value

_MCM_ONLY = _MEETING_RULES.regex("mcm_named")
_SCM_NAMED = _MEETING_RULES.regex("scm_named")
_PREAMBLE_MAX = 4000
"""A reprint's own text before the communiqué's first numbered paragraph is shorter than this (characters)."""
_TEXT_BEGINS = _MEETING_RULES.regex("text_begins")
_TEXT_FOLLOWS = _MEETING_RULES.regex("text_follows")
_PLACE_BELOW_SENTENCES = 3
"""Sentences after a titled heading read for the place its meeting "met in"."""
_HEADING_MAX = 160
_BODY_BACK = 400
_MET = _MEETING_RULES.regex("met_verb")
"""The verb of a sentence that says where its subjects met."""
_REPORT_OPENING = 1500
"""Characters of a text that records no meeting in which it names the numbered SCM it reports."""
_REPORT_KINDS = frozenset({"news", "study", "other"})
"""Documents that report a meeting rather than record it (their meetings are dated by the reference)."""
_MONTH_DATED = frozenset({Series.SUMMIT, Series.TRILATERAL})
"""Series identified by date (not numbered) whose meeting a text may date by its month alone ("the May 2022 summit")."""
_WEEKDAY_SERIES = frozenset({Series.SCM, Series.MCM, Series.TWO_PLUS_TWO, Series.NCG, Series.EDSCG})
"""Series the reference numbers by the day they met."""
_SCHEDULE_GAP = 120
"""Characters between a meeting's name and the day a schedule word gives it ("... are scheduled to take place in
Washington on Oct. 14")."""
"""Characters before a bare "the first meeting" searched for the body it is a meeting of."""
"""A paragraph shorter than this without closing punctuation is a heading line."""


@register(EXTRACTOR)
def extract_document(doc: SourceDocument, base: str = DEFAULT_BASE, lexicon: Lexicon | None = None) -> GraphData:
    """Extract the graph of one document.

    Args:
        doc: the normalised document (paragraphs optional: blank lines are
            used when the reader gave none).
        base: base IRI of instance nodes.
        lexicon: vocabularies to use (default: the project's data files).

    Returns:
        Nodes and relationships, deduplicated, with a Mention for every
        evidenced node.
    """
    return _Extraction(doc, base, lexicon or default_lexicon()).run()


_NORTH_SUMMIT_LEVELS = frozenset({"inter", "usdprk"})


def _north_summit(m: MeetingMention) -> bool:
    """A summit of one ally with the North ("the inter-Korean summit", "the U.S.-DPRK summit")."""
    return m.series == Series.SUMMIT and m.level in _NORTH_SUMMIT_LEVELS


def _meeting_date(meeting: Meeting) -> dt.date | None:
    """A numbered meeting's date from its mentions.

    The recorded meeting takes the first date the text states as its own,
    else the nearest date of its first dated sentence (the opening sentence
    of a communiqué). A meeting only mentioned takes a date only when the
    text states it as the meeting's own, and not a relative one ("on
    Wednesday") unless the series reference holds that meeting that day:
    the document that records the meeting is the better source, and a
    graph store lets the last loaded value win.
    """
    own = [m.date for m in meeting.mentions if m.date is not None and m.date.precision == "day"]
    # a date written with its year wins over one whose year is guessed ("released August 27 at the
    # close of the Eighth Annual Meeting" in a cable whose meeting "took place on August 26 and 27, 1975")
    for d in own:
        if not yearless(d):
            return d.date
    if meeting.recorded:
        held = next(
            (m.near_date for m in meeting.mentions if m.held and m.near_date is not None and not yearless(m.near_date)),
            None,
        )
        if held is not None and held.precision == "day":
            return held.date
    for d in own:
        # a relative date ("last Friday") only where the series reference holds that meeting on that day
        if meeting.recorded or not d.relative or confirms(meeting.series, meeting.ordinal, d.date):
            return d.date
    if meeting.recorded:
        # the sentence that says it "was held" dates it before a heading's dateline (often the release day)
        for m in sorted(meeting.mentions, key=lambda x: not x.held):
            if m.near_date is not None and m.near_date.precision == "day":
                return m.near_date.date
    return None


_READOUT_OPENING = 3
"""Body paragraphs of a readout within which the paragraph that condemns the incident it is about must stand."""


def _defined_abbreviations(
    text: str, found: Sequence[tuple[int, int, tuple[str, ...]]]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The later bare uses of each abbreviation that ``text`` defines right after a scheme phrase of ``found`` ("the
    Comprehensive Military Agreement (CMA) ... to implement the CMA fully": the second "CMA" names what the agreement
    names; ``defined_abbreviation``). A use that falls inside a phrase already found is none."""
    defined: dict[str, tuple[int, set[str]]] = {}
    definitions: set[int] = set()  # where a scheme phrase's own "(ABBR)" opens
    for _start, end, types in found:
        m = _DEFINED_ABBREVIATION.match(text, end)
        if m is None or _ABBREVIATION_SHAPE.match(m.group("abbr")) is None:
            continue
        definitions.add(text.index("(", end))
        _after, names = defined.setdefault(m.group("abbr"), (m.end(), set()))
        names.update(types)
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for abbr, (after, names) in defined.items():
        # the abbreviation defined again after words that are no scheme phrase ("the Combined Maritime Arrangement
        # (CMA) with ..."): its later uses may name either, so none is typed after that definition
        until = next(
            (
                d.start()
                for d in regex_cache.compile(r"\(\s*" + re.escape(abbr) + r"\s*\)").finditer(text, after)
                if d.start() not in definitions
            ),
            len(text),
        )
        for m in regex_cache.compile(r"(?<![\w-])" + re.escape(abbr) + r"(?![\w-])").finditer(text, after, until):
            if not any(hs <= m.start() < he or m.start() <= hs < m.end() for hs, he, _ts in found):
                out.append((m.start(), m.end(), tuple(sorted(names))))
    return sorted(out)


@dataclass(frozen=True)
class _SentenceIncidents:
    """The incidents a sentence's pledges may answer (positions and IRIs)."""

    named: list[tuple[int, str]]
    """Named in the sentence (a cue of the pledge's clause or introduction must govern them)."""
    condemned: list[tuple[int, str]]
    """Named after a condemning word of the sentence."""
    before: list[tuple[int, str]]
    """Condemned by an earlier sentence of the paragraph, or answered in the introduction of the sentence right
    before."""
    before_threats: tuple[ThreatMention, ...] = ()
    """Standing threats condemned by those sentences ("condemned the DPRK's continuing ballistic missile
    launches")."""


def _ident(value: int | dt.date | None) -> int | str | None:
    """A meeting's identifying value as an IRI key part (dates as ISO text, as ``make_iri`` writes them)."""
    return value.isoformat() if isinstance(value, dt.date) else value


_LIST_SPLIT = _MEETING_RULES.regex("list_split")


def _allies_listed(listed: str) -> frozenset[str] | None:
    """The allies "We, the leaders of <listed>, met" names, when it lists the ROK and the United States (and Japan)
    and no one else; None for any other list (the G7, the Quad, four partners)."""
    items = [x for x in _LIST_SPLIT.split(listed) if x.strip()]
    found = parties_of(listed)
    return found if {"KOR", "USA"} <= found and len(items) == len(found) else None


class _Extraction:
    """One document's extraction state."""

    def __init__(self, doc: SourceDocument, base: str, lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.year = doc.date.year if doc.date else None
        self.pars = paragraphs(doc)
        self.sents: list[Sentence] = sentences(self.text, self.pars)
        self.sindex = SentenceIndex(self.sents)
        self.b = GraphBuilder(doc, base, [p.start for p in self.pars], [p.number for p in self.pars])
        self.tokens = Tokens.of(self.text)
        # an undated text's partial dates fall after the earlier meeting it names ("On September 28, ... (The
        # previous meeting was held ... on July 12, 2012.)")
        after = earlier_meeting_day(self.text) if doc.date is None else None
        self.dates = find_dates(self.text, doc.date, tokens=self.tokens, after=after)
        self._date_starts = [d.start for d in self.dates]
        self.actor_iris: dict[str, str] = {}
        self.recorded: Meeting | None = None
        self.subject: Meeting | None = None
        """The recorded meeting, else the numbered SCM a report is about (see :meth:`_reported_meeting`)."""
        self.meeting_iris: dict[tuple[str, object], str] = {}
        self.meetings: list[Meeting] = []
        self.threat_iris: dict[tuple[str, str], str] = {}
        self._near: tuple[dict[int, str], dict[int, str]] | None = None
        self._cues: dict[int, list[re.Match[str]]] = {}
        self._type_hits: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        self._abbreviated: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        self._pledged: set[int] = set()
        self._cue_words: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}

    # -- actors ------------------------------------------------------------

    def actor_node(self, actor: Actor) -> str:
        """IRI of an actor's node (created on first use, with affiliation)."""
        iri = self.actor_iris.get(actor.id)
        if iri is not None:
            return iri
        key = actor.label if actor.kind == Kind.PERSON else actor.id
        iri = self.b.shared_iri(actor.kind, key)
        props: dict[str, Any] = {Prop.NOTATION.value: actor.id, Prop.ROLE.value: actor.role}
        if actor.wikidata:
            props[Prop.SAME_AS.value] = WD + actor.wikidata
        self.b.node(iri, actor.kind, actor.label, props)
        self.actor_iris[actor.id] = iri
        if actor.kind == Kind.PERSON and actor.country:
            country = self.lex.gazetteer.actors.get(actor.country)
            if country is not None:
                self.b.rel(Rel.AFFILIATION, iri, self.actor_node(country))
        return iri

    def actor_id_node(self, actor_id: str) -> str | None:
        actor = self.lex.gazetteer.actors.get(actor_id)
        return self.actor_node(actor) if actor is not None else None

    # -- meetings ----------------------------------------------------------

    def find_meetings(self, actors: list[ActorMention]) -> None:
        end = body_end(self.text)  # related headlines after "(END)" name other events
        mentions = [m for m in find_meeting_mentions(self.text, self.tokens) if m.start < end]
        north = [m for m in mentions if self._held_with_north(m, actors)]
        mentions = [m for m in mentions if m not in north or self._summit_with_north(m, actors)]
        mentions.extend(self.leader_meetings(actors, mentions))
        mentions.extend(self.officials_meetings(actors, mentions))
        mentions.sort(key=lambda m: m.start)
        numbered = [m for m in mentions if m.series in NUMBERED_SERIES]
        dominant = Series.SCM if self.doc.kind == "communique" else (numbered[0].series if numbered else Series.OTHER)
        last_explicit: tuple[int, str] | None = None  # (paragraph, series) of the latest explicit mention
        last_named: tuple[int, str] | None = None  # the same, of any series (summits and trilaterals too)
        earlier: set[int] = set()  # trilateral meetings named by their place in the series ("the first meeting")
        for k, m in enumerate(mentions):
            si = self.sindex.at(m.start)
            if si is None:
                continue
            s = self.sents[si]
            if m.series == CONTEXT_SERIES:
                same = last_named is not None and last_named[0] == s.paragraph
                m.series = last_named[1] if last_named is not None and same else ""
                if not m.series:
                    continue
            elif m.series != "?":
                last_named = (s.paragraph, m.series)
            # a place after the next meeting named in the sentence is that meeting's
            stop = min(s.end, mentions[k + 1].start) if k + 1 < len(mentions) else s.end
            if m.series == "?":
                same_paragraph = last_explicit is not None and last_explicit[0] == s.paragraph
                if last_explicit is not None and same_paragraph:
                    m.series = last_explicit[1]
                elif last_named is not None and last_named == (s.paragraph, Series.TRILATERAL):
                    # "... met for the sixth round of Trilateral Vice Foreign Ministerial consultations. Since the
                    # April 2015 inaugural meeting ...": a meeting of the trilateral body just named (identified by
                    # its date, not numbered); an earlier one of no day or month ("the first meeting, held in
                    # 2009") is none the text can identify, and never the one it records
                    if m.ordinal is not None:
                        earlier.add(id(m))
                    m.series, m.ordinal = Series.TRILATERAL, None
                else:
                    # "The first meeting was held in December" after a paragraph on the EDSCG: the body named
                    # just before (this paragraph or the one before it), else the document's dominant series
                    m.series = self._body_before(m.start, s.paragraph) or dominant
            elif m.series in NUMBERED_SERIES:  # "the ninth meeting" never refers back to a summit
                last_explicit = (s.paragraph, m.series)
            sentence = self.text[s.start : s.end]
            for x in north:  # "... before heading to the DMZ for a trilateral meeting with Kim": not the allies' three
                if s.start <= x.start and x.end <= s.end:
                    sentence = sentence[: x.start - s.start] + " " * (x.end - x.start) + sentence[x.end - s.start :]
            refine_series(m, sentence, self.text[m.start : m.end])
            if m.date is None:
                attach_date(m, self.dates, self.text, s.start, s.end)
            if id(m) in earlier and (m.date is None or m.date.precision not in ("day", "month")):
                m.series = ""  # "the first meeting, held in 2009": an earlier one the text does not identify
            if m.location is None:
                attach_place(m, self.text, max(stop, m.end))
        if self.doc.kind in _REPORT_KINDS:
            self._number_by_stated_day(mentions)
            self._number_by_weekday(mentions)
        by_key: dict[tuple[str, object], Meeting] = {}
        ordered: list[Meeting] = []
        pending: list[MeetingMention] = []
        for m in mentions:
            if m.series in (CONTEXT_SERIES, ""):
                continue  # a bare "meeting they held" in a paragraph that names no series
            if m.ordinal is not None:
                key: tuple[str, object] = (m.series, m.ordinal)
                if m.series == Series.OTHER:
                    # two bodies' 17th meetings are two; a bare "the 17th meeting" is the one body's so numbered
                    key = (m.series, (m.level, m.ordinal))
                    if m.level is None:
                        named = [k for k in by_key if k[0] == Series.OTHER and k[1][1] == m.ordinal]  # type: ignore[index]
                        key = named[0] if len(named) == 1 else key
                meeting = by_key.get(key)
                if meeting is None:
                    meeting = Meeting(m.series, m.ordinal, None)
                    by_key[key] = meeting
                    ordered.append(meeting)
                meeting.mentions.append(m)
                if meeting.location is None and m.location:
                    meeting.location = m.location
            else:
                pending.append(m)
        # the meeting presented as recorded (held, or in the heading): numbered, or named without a number
        # ("Joint Statement of the ... Foreign and Defense Ministers' Meeting")
        provisional = self._unnumbered_record(pending)
        self._choose_recorded([*ordered, *provisional], minimum=2)
        if self.recorded is not None and self.recorded in provisional:
            taken = {id(m) for m in self.recorded.mentions}
            pending = [m for m in pending if id(m) not in taken]
            ordered.append(self.recorded)
        for meeting in ordered:
            meeting.date = _meeting_date(meeting)
        unplaced: list[MeetingMention] = []
        # a summit dated by its month only goes last: it joins the summit of that month the text dates by its day
        pending.sort(key=lambda m: m.date is not None and m.date.precision == "month" and m.series in _MONTH_DATED)
        for m in pending:
            same_series = [x for x in ordered if x.series == m.series]
            target: Meeting | None = None
            if m.date is not None and m.date.precision == "day":
                target = next((x for x in same_series if x.date and m.date.contains(x.date, 1)), None)
                # (a numbered meeting not yet dated may be this one, unless this one is only named in passing:
                # "as agreed at the annual meeting in Seoul on August 26 and 27, 1975" under a heading that
                # numbers the ninth)
                if target is None and (m.backward or not any(x.ordinal for x in same_series if x.date is None)):
                    key = (m.series, m.date.date)
                    target = by_key.get(key)
                    if target is None:
                        target = Meeting(m.series, None, m.date.date, m.location)
                        by_key[key] = target
                        ordered.append(target)
            elif m.date is not None and m.date.precision == "month" and m.series in _MONTH_DATED and not m.future:
                # "the May 2022 Summit in Seoul": a summit the text dates by its month only, kept with the
                # month's first day as an estimate (or merged with a summit of that month the text dates)
                month = (m.date.date.year, m.date.date.month)
                target = next((x for x in same_series if x.date and (x.date.year, x.date.month) == month), None)
                if target is None:
                    key = (m.series, m.date.date)
                    target = by_key.get(key)
                    if target is None:
                        target = Meeting(m.series, None, m.date.date, m.location, estimated=True)
                        by_key[key] = target
                        ordered.append(target)
            if target is None:
                if self.recorded is not None and self.recorded.series == m.series:
                    target = self.recorded
                elif len(same_series) == 1:
                    target = same_series[0]
                if target is not None and _north_summit(m) != any(_north_summit(x) for x in target.mentions):
                    # "shared the hope that a second inter-Korean summit will ..." in the statement of the allies'
                    # summit: a summit with the North is never the allies' one, nor the other way round
                    target = None
            if target is not None and m.future and target is self.recorded:
                target = None  # "the next EDSCG meeting in Washington" is not the one this text records
            if target is None and self._bilateral_report(m):
                # "held a ROK-U.S. Defense Ministerial meeting during the ... forum": the meeting of the report's day
                key = (m.series, self.doc.date)
                target = by_key.get(key)
                if target is None:
                    target = Meeting(m.series, None, self.doc.date, m.location, dated_by_document=True)
                    by_key[key] = target
                    ordered.append(target)
            if target is not None:
                target.mentions.append(m)
                if target.location is None and m.location:
                    target.location = m.location
            else:
                unplaced.append(m)
        if self.recorded is None:
            self._choose_recorded(ordered, minimum=1)  # never one named only in passing ("since the 42nd SCM")
            self._date_recorded()
        if self.recorded is not None and self.recorded.date is None and self.recorded.ordinal is None:
            self.recorded.date = self._release_day() or self.doc.date
            self.recorded.dated_by_document = True
        opening = self._opening_end(2) if self.pars else 1500
        ordered, self.recorded = complete_from_reference(ordered, self.recorded, unplaced, opening)
        if self.recorded is not None and self.recorded.date is None:
            self.recorded.date = self.doc.date
        self.meetings = ordered
        self.subject = self.recorded if self.recorded is not None else self._reported_meeting(ordered, actors)
        if self.recorded is None and self.subject is not None and self.doc.kind == "news":
            assert self.subject.ordinal is not None
            # (not an MCM the story names as earlier: "at the previous MCM", "the MCM held in 2007")
            complete_reported_mcm(ordered, self.subject.ordinal, [u for u in unplaced if not self._told_as_earlier(u)])
        # (their nodes are made by run(), after the persons', who may be read again on the meeting's day)

    def _reported_meeting(self, meetings: list[Meeting], actors: list[ActorMention]) -> Meeting | None:
        """The numbered SCM a text that records no meeting reports: the first SCM its opening names by
        ordinal ("participated in the 38th annual ... SCM", "for this 34th SCM"), dated by the reference
        within two months of the text's date (or the text undated), and not a future meeting. One named
        as past ("issued a communique after the 36th SCM") is the reported one only when its sentence
        names a head of delegation the series reference gives for it (never "since the 37th SCM" alone)."""
        if self.doc.kind == "study":
            return None  # a study weighs many meetings: none is its subject
        limit = max(self._opening_end(3), _REPORT_OPENING) if self.pars else _REPORT_OPENING
        found: list[tuple[int, Meeting]] = []
        for meeting in meetings:
            if meeting.series != Series.SCM or meeting.ordinal is None:
                continue
            first = min((m for m in meeting.mentions), key=lambda m: m.start, default=None)
            if first is None or first.start > limit:
                continue
            if first.future or (meeting.date is None and any(m.future for m in meeting.mentions if m.ordinal)):
                # a story ahead of the meeting ("Austin will depart on Tuesday to attend the 53rd SCM"): the SCM the
                # reference holds within two months after the story's day is its subject (its heads confirmed, the
                # meeting left undated as a future one)
                ahead = date_of(meeting.series, meeting.ordinal)
                if self.doc.kind != "news" or self.doc.date is None or ahead is None:
                    continue
                if not 0 <= (ahead - self.doc.date).days <= FAR_DAYS:
                    continue
            elif meeting.date is None or (
                self.doc.date is not None and abs((self.doc.date - meeting.date).days) > FAR_DAYS
            ):
                continue
            if first.backward and not self._names_a_head(meeting, first.start, actors):
                continue
            found.append((first.start, meeting))
        return min(found, key=lambda f: f[0])[1] if found else None

    def _names_a_head(self, meeting: Meeting, at: int, actors: list[ActorMention]) -> bool:
        """The sentence at ``at`` names a person the series reference gives as a head of ``meeting``."""
        si = self.sindex.at(at)
        if si is None or meeting.ordinal is None:
            return False
        sent = self.sents[si]
        keys = reference_names(ref_heads(meeting.series, meeting.ordinal, meeting.date))
        return any(
            a.actor.kind == Kind.PERSON and sent.start <= a.start < sent.end and name_key(a.actor.label) in keys
            for a in actors
        )

    def _number_by_weekday(self, mentions: list[MeetingMention]) -> None:
        """A report's unnumbered, undated meeting of a referenced series ("the annual Security Consultative
        Meeting"), whose sentence or the sentence before it says when it met by a day counted from the
        report's date ("met on Monday", "yesterday"), is the reference's meeting of that day, if it holds one;
        the reference then dates it (a meeting the reference does not hold that day is left as it is)."""
        for m in mentions:
            if m.ordinal is not None or m.future or m.series not in _WEEKDAY_SERIES:
                continue
            if m.date is not None and not (m.date.relative and m.date.precision == "day"):
                continue  # dated by the text itself ("started the annual SCM earlier Monday" is counted below)
            si = self.sindex.at(m.start)
            if si is None or self._told_as_earlier(m):
                continue  # (not "at the previous MCM" after a sentence that says the SCM "opened on Thursday")
            lo = self.sents[si - 1].start if si > 0 else self.sents[si].start
            days = [
                d for d in self.dates
                if lo <= d.start < self.sents[si].end and d.relative and d.precision == "day"
            ]  # fmt: skip
            found = {n for d in days if (n := ordinal_on(m.series, d.date)) is not None}
            if not days and self._held_on_story_day(m):
                # "The Korea-U.S. Security Consultative Meeting held here ...", "reached the agreement at the annual
                # Security Consultative Meeting": a news story's meeting, held or named as the place of what it
                # reports, with no day of its own, is the reference's meeting of the story's day (within two days)
                assert self.doc.date is not None
                found = {n} if (n := ordinal_on(m.series, self.doc.date)) is not None else set()
            if len(found) == 1:
                m.ordinal = found.pop()
                m.numbered_by_reference = True

    def _number_by_stated_day(self, mentions: list[MeetingMention]) -> None:
        """A news story's unnumbered meeting of a referenced series that its sentence gives a day of its own by a
        schedule or held word between the name and the day ("known as the Security Consultative Meeting (SCM), are
        scheduled to take place in Washington on Oct. 14": ``scheduled_day``) is the reference's meeting of that
        day, if it holds one (a day written in full or without its year; a weekday is counted by
        :meth:`_number_by_weekday`)."""
        if self.doc.kind != "news":
            return
        for m in mentions:
            if m.ordinal is not None or m.series not in _WEEKDAY_SERIES:
                continue
            si = self.sindex.at(m.start)
            if si is None:
                continue
            end = min(self.sents[si].end, m.end + _SCHEDULE_GAP)
            day = next((d for d in self.dates if m.end <= d.start < end), None)
            if day is None or day.precision != "day" or day.relative:
                continue
            if _SCHEDULED_DAY.fullmatch(self.text, m.end, day.start) is None:
                continue
            n = ordinal_on(m.series, day.date)
            if n is not None:
                m.ordinal = n
                m.numbered_by_reference = True

    def _held_on_story_day(self, m: MeetingMention) -> bool:
        """A news story names a singular meeting of a referenced series as held, or as where something was
        reached ("at the annual SCM"), and not as a standing institution ("the SCM, held annually since 1968") nor
        as an earlier one ("since the last SCM", "at the previous SCM": ``story_earlier_before``), nor with a time
        after it in its sentence that is not the story's ("held in Washington last year", "in 2008"): the caller
        has already set aside a meeting told as earlier (:meth:`_told_as_earlier`)."""
        if self.doc.kind != "news" or self.doc.date is None or m.date is not None:
            return False
        if not (m.held or m.backward or _STORY_HELD_AFTER.match(self.text, m.end)):
            return False
        si = self.sindex.at(m.start)
        end = self.sents[si].end if si is not None else m.end + 120
        return _STANDING_AFTER.search(self.text, m.end, end) is None

    def _told_as_earlier(self, m: MeetingMention) -> bool:
        """Does a dated story name meeting ``m`` as an earlier one: "since the last SCM", "at the previous MCM"
        (``story_earlier_before``), or with a time after its name in its sentence that is not the story's ("held in
        Washington last year", "in 2008")?"""
        if self.doc.date is None:
            return False
        if _STORY_EARLIER_BEFORE.search(self.text, max(0, m.start - 40), m.start):
            return True
        si = self.sindex.at(m.start)
        end = self.sents[si].end if si is not None else m.end + 120
        return any(
            m.end <= d.start < end
            and not (d.relative and d.precision == "day")  # (a weekday: the day counted from the story's, see above)
            and not d.contains(self.doc.date, slack_days=2)
            for d in self.dates
        )

    def _bilateral_report(self, m: MeetingMention) -> bool:
        """A report names a bilateral meeting outside the numbered series by its two parties ("a South Korea-U.S.
        Defense Ministerial meeting") without dating it: it reports the meeting of its own day."""
        return (
            self.doc.kind in _REPORT_KINDS
            and self.doc.date is not None
            and m.series == Series.OTHER
            and m.ordinal is None
            and m.date is None
            and not (m.future or m.backward)
            and {"KOR", "USA"} <= m.parties
        )

    def _body_before(self, start: int, paragraph: int) -> str | None:
        """The NCG or EDSCG when the text named that body (not one of its meetings) in the paragraph of ``start``
        or the one before it, within :data:`_BODY_BACK` characters; else None."""
        first = self.pars[paragraph - 1].start if paragraph > 0 and self.pars else 0
        series = body_series(self.text[max(first, start - _BODY_BACK) : start])
        return None if series == Series.OTHER else series

    def _held_with_north(self, mention: MeetingMention, actors: list[ActorMention]) -> bool:
        """The meeting was held with a person of the North ("a trilateral meeting with Kim", "his third meeting
        with North Korean leader Kim Jong-un", "he and Kim agreed to at their first summit"): not the allies'."""
        north = [a for a in actors if a.actor.kind == Kind.PERSON and a.actor.country == "PRK"]
        if not north:
            return False
        after = _NORTH_AFTER.match(self.text, mention.end)
        if after is not None:
            for a in north:
                between = self.text[after.end() : a.start]
                if 0 <= a.start - after.end() <= 30 and not any(c in between for c in ".,;:"):
                    return True
        si = self.sindex.at(mention.start)
        s_start = self.sents[si].start if si is not None else 0
        for a in north:
            if s_start <= a.start and a.end <= mention.start and mention.start - a.end <= 60:
                before = self.text[max(s_start, a.start - 12) : a.start]
                between = self.text[a.end : mention.start]
                if _NORTH_BEFORE.search(before) and not any(c in between for c in ".,;:"):
                    return True
        return False

    def _summit_with_north(self, mention: MeetingMention, actors: list[ActorMention]) -> bool:
        """A summit held with the North keeps its place as one ally's summit with the North ("he and Kim agreed to at
        their first summit": a U.S.-DPRK summit when the sentence's other person is American, inter-Korean when
        Korean); any other meeting held with the North, or one whose other side is not named, is dropped."""
        if mention.series != Series.SUMMIT:
            return False
        si = self.sindex.at(mention.start)
        if si is None:
            return False
        s = self.sents[si]
        sides = {a.actor.country for a in actors if a.actor.kind == Kind.PERSON and s.start <= a.start < s.end}
        level = "usdprk" if "USA" in sides else "inter" if "KOR" in sides else None
        mention.level = level
        return level is not None

    def leader_meetings(
        self, actors: list[ActorMention], named: Sequence[MeetingMention] = ()
    ) -> list[MeetingMention]:
        """Summits the text implies: heads of state or government of two or more
        countries acting together in one sentence with a date ("President Yoon and
        President Biden met at the White House on April 26, 2023").

        A date after a meeting the sentence names between the leaders and it is that
        meeting's ("In line with the decision by President X and President Y to
        establish the NCG, ... launched the inaugural meeting of the NCG on July 18"):
        no summit is implied by it."""
        out: list[MeetingMention] = []
        by_sentence: dict[int, list[ActorMention]] = {}
        for a in actors:
            role = (a.actor.role or "").lower()
            if a.actor.kind == Kind.PERSON and a.actor.country and role.startswith(_LEADER_ROLES):
                si = self.sindex.at(a.start)
                if si is not None:
                    by_sentence.setdefault(si, []).append(a)
        for si, leaders in by_sentence.items():
            countries = {a.actor.country for a in leaders}
            if len(countries) < 2:
                continue
            s = self.sents[si]
            if "PRK" in countries and len(countries - {"PRK"}) >= 2:
                # the North's leader beside two others': a summit with the North ("President Moon welcomed the
                # meeting of President Trump and Chairman Kim"), unless two of the others are named as the pair
                # ("X and Y met"); the North's leader with one other is their summit ("Kim met Putin on ...")
                allied = [a for a in leaders if a.actor.country != "PRK"]
                if not any(
                    a.actor.country != b.actor.country and _LEADERS_JOINED.match(self.text[a.end : b.start])
                    for a, b in itertools.pairwise(allied)
                ):
                    continue
                leaders = allied
                countries = {a.actor.country for a in leaders}
            together = _TOGETHER.search(self.text, s.start, s.end) is not None or (
                # "President X and President Y of the Republic of Korea today reaffirmed ...": in the opening of
                # their joint statement, the leaders acting today under its date line did so at their summit
                self.doc.kind in _JOINT_KINDS
                and s.start < self._opening_end(2)
                and _LEADERS_TODAY.match(self.text, leaders[-1].end, s.end) is not None
            )
            if not together or _LEADERS_CALL.search(self.text, s.start, s.end):
                continue  # nothing done together, or a telephone call ("held a phone call on March 3"): no summit
            if not _LEADERS_IN_PERSON.search(self.text, s.start, s.end) and any(
                _LEADERS_CALL.search(self.text, self.sents[j].start, self.sents[j].end)
                for j in range(max(0, si - _CALL_REACH), min(len(self.sents), si + _CALL_REACH + 1))
            ):
                continue  # "X and Y agreed Monday to ..." + "The agreement came in a telephone conversation": a call
            # the leaders' own date: the first after the last of them, else the first of the sentence; a heading
            # that names them ("President X Holds Joint Press Availability with President Y") is dated by its
            # heading's date line ("April 19, 2008" on the line below)
            day = self._day_in(leaders[-1].end, s.end) or self._day_in(s.start, s.end)
            if day is None and s.end <= (heading_end := self._heading_end()):
                day = self._day_in(s.end, heading_end)
            if day is None:
                continue
            if any(
                leaders[-1].end <= m.start < day.start and m.series not in (Series.SUMMIT, Series.TRILATERAL)
                for m in named
            ):
                continue
            between = self.text[leaders[-1].end : day.start]
            if (
                "," in between
                and _DECISION_OF.search(self.text, max(s.start, leaders[0].start - 60), leaders[0].start)
                and not _DECISION_TAKEN.match(between.split(",", 1)[1])
            ):
                continue  # "In accordance with the decision of President X and President Y in May, ... held ... on
                # September 16": the day is the main clause's ("..., taken in Toronto on June 26" is the decision's)
            series = Series.TRILATERAL if countries >= TRILATERAL else Series.SUMMIT
            if (
                day.start < leaders[0].start
                and not _FRONTED_DAY.fullmatch(self.text, s.start, day.start)
                and any(s.start <= m.start < s.end and m.series == series for m in named)
            ):
                # "... following the summit held in Seoul last month between President X and President Y": the
                # sentence names the summit with its own date; a day before the leaders ("officials said Monday")
                # is not a second one's (a day that opens the sentence is the leaders' own: "On April 26, President X
                # and President Y signed the declaration during their bilateral summit" is the summit of that day)
                continue
            mention = MeetingMention(leaders[0].start, max(day.end, leaders[-1].end), series, None, date=day)
            # the place is read after the last leader before the date ("... and President Obama met in
            # Washington on ...")
            last = max((a.end for a in leaders if a.end <= day.start), default=leaders[-1].end)
            probe = MeetingMention(last, last, series, None)
            # (before the date when the date follows them: a place after it belongs to something else)
            attach_place(probe, self.text, day.start if day.start >= probe.end else min(s.end, probe.end + 60))
            if probe.location is None and (opening := OPENING_PLACE.match(self.text, s.start, leaders[0].start)):
                # "Today in Phnom Penh, Cambodia at the East Asia Summit, Prime Minister X, President Y and ...
                # reaffirmed": the place that opens the sentence before the leaders
                probe = MeetingMention(opening.end(), opening.end(), series, None)
                attach_place(probe, self.text, leaders[0].start)
            mention.location, mention.location_span = probe.location, probe.location_span
            if series == Series.TRILATERAL:
                mention.level = "summit"  # the three allies' leaders: a trilateral summit, whatever the verb
            if self.doc.kind == "news":
                # a news story's summit of the leaders it names ("agreed on between President Bush and his South Korean
                # counterpart, Roh Tae Woo, at a meeting in Seoul Monday"): they are its heads
                mention.heads = tuple({a.actor.id: a.actor for a in leaders}.values())
            out.append(mention)
        # "when the two Presidents met in Seoul on April 25, 2014": a summit whose leaders the sentence does not name
        for m in LEADERS_MET.finditer(self.text, self.tokens):
            si = self.sindex.at(m.start())
            if si is None or si in by_sentence:
                continue
            s = self.sents[si]
            day = self._day_in(m.end(), s.end)
            own = m.group("we") is not None
            officials = m.group("officials") is not None
            listed = m.group("listed") if own else m.group("states") if officials else None
            allies = _allies_listed(listed) if listed is not None else None
            if (own or officials) and allies is None:
                continue  # "We, the Leaders of the G7, met ...", "the leaders of Australia, India, Japan ...": others
            if officials and (allies is None or "JPN" not in allies):
                continue  # "the defense ministers of the ROK and the U.S. met": which of their series, it does not say
            if officials and self.text[s.start : m.start()].strip(_OPENING_MARKS):
                # "They noted that the Chiefs of Defense of ... met in Hawaii on ...": a meeting the text tells of,
                # not the one whose statement opens with its officials
                continue
            if own or officials:
                day = self._statement_day(day, s, m.end() if officials else None)
            if day is not None and (own or officials or day.start - m.end() < 80):
                three = m.group(0).lower().startswith("the three") or (allies is not None and "JPN" in allies)
                series = Series.TRILATERAL if three else Series.SUMMIT
                mention = MeetingMention(m.start(), m.end(), series, None, date=day)
                if own:  # "... convened at Camp David to ...": the place follows the verb
                    attach_place(mention, self.text, s.end)
                    mention.level = "summit" if series == Series.TRILATERAL else None
                    mention.leaders_own = True
                elif officials:  # "The Vice Foreign Ministers of ... met in Seoul": the level is their office's
                    attach_place(mention, self.text, s.end)
                    mention.level = trilateral_level(m.group("office"))
                out.append(mention)
        out.extend(self._visit_summits(actors))
        return out

    def _visit_summits(self, actors: list[ActorMention]) -> list[MeetingMention]:
        """The summit of a leader's visit that a joint statement or fact sheet opens with ("On the occasion of
        President X's visit to the Republic of Korea, the alliance ..."): the leader of one ally visiting the other,
        dated by the statement's date line; only in the statement's opening (``leader_visit``)."""
        if self.doc.kind not in _JOINT_KINDS or not self.sents:
            return []
        out: list[MeetingMention] = []
        for m in _LEADER_VISIT.finditer(self.text, 0, self._opening_end(2)):
            lead, end = m.span("leader") if m.group("leader") else m.span("leader2")
            visitor = next(
                (
                    a
                    for a in actors
                    if lead <= a.start < end
                    and a.actor.kind == Kind.PERSON
                    and (a.actor.role or "").lower().startswith(_LEADER_ROLES)
                ),
                None,
            )
            hosts = parties_of(m.group("host"))
            if visitor is None or len(hosts) != 1 or {visitor.actor.country, *hosts} != {"KOR", "USA"}:
                continue  # a visit to a third state, or by someone who is no ally's leader
            si = self.sindex.at(m.start())
            day = self._date_line_before(self.sents[si].start) if si is not None else None
            if day is None:
                continue
            out.append(MeetingMention(m.start(), m.end(), Series.SUMMIT, None, date=day))
        return out

    def officials_meetings(self, actors: list[ActorMention], named: Sequence[MeetingMention]) -> list[MeetingMention]:
        """Trilateral meetings the text implies: an official of each of the three allies (ministers, vice
        ministers, chiefs) named in one sentence that says they met, when the sentence names no meeting itself
        ("Secretary X, Foreign Minister Y and Foreign Minister Z met in Phnom Penh on August 4"; "... met today",
        dated by the statement's date line when the sentence opens it). Two allies' officials meeting say
        nothing of which of their series it was, and are left alone."""
        out: list[MeetingMention] = []
        by_sentence: dict[int, list[ActorMention]] = {}
        for a in actors:
            if a.actor.kind == Kind.PERSON and a.actor.country in TRILATERAL and official_level(a.actor.role):
                si = self.sindex.at(a.start)
                if si is not None:
                    by_sentence.setdefault(si, []).append(a)
        for si, officials in by_sentence.items():
            s = self.sents[si]
            if any(s.start <= m.start < s.end for m in named):
                continue
            if {a.actor.country for a in officials} == BILATERAL:
                series_meeting = self._ministers_series_meeting(officials, s)
                if series_meeting is not None:
                    out.append(series_meeting)
                    continue
                pair = self._ministers_pair(officials, actors, s)
                if pair is not None:
                    out.append(pair)
                continue
            if {a.actor.country for a in officials} != TRILATERAL:
                continue
            other = any(
                a.actor.kind == Kind.PERSON and s.start <= a.start < s.end and a.actor.country not in TRILATERAL
                and official_level(a.actor.role) is not None
                for a in actors
            )  # fmt: skip
            if other or OFFICIALS_MET.search(self.text, officials[-1].end, s.end) is None:
                continue  # another state's minister too ("... and Australian Foreign Minister Z met"), or no meeting
            if _OFFICIALS_TOLD_BEFORE.search(self.text, s.start, officials[0].start):
                continue  # "They recalled that Secretary X, ... met in Phnom Penh on ...": a meeting told of
            day = self._statement_day(self._officials_day(officials, s), s, officials[-1].end)
            if day is None:
                continue
            levels = {official_level(a.actor.role) for a in officials}
            mention = MeetingMention(officials[0].start, officials[-1].end, Series.TRILATERAL, None, date=day)
            mention.level = levels.pop() if len(levels) == 1 else None
            attach_place(mention, self.text, s.end)
            out.append(mention)
        return out

    def _ministers_series_meeting(self, officials: list[ActorMention], s: Sentence) -> MeetingMention | None:
        """A report's sentence in which the two allies' ministers meet or hold talks on a day it gives them
        (``ministers_meet``: "... when their defense secretaries, X and Y, meet in Seoul Nov. 3-4 for talks") names
        the SCM (or 2+2) the series reference holds within two days of that day, when the reference gives those two
        as that meeting's heads: that meeting, numbered by the reference, with the two as its heads. Any other day,
        or other persons, and it is no series meeting (:meth:`_ministers_pair` may read it as theirs)."""
        if self.doc.kind != "news" or len({a.actor.id for a in officials}) != 2:
            return None
        if _MINISTERS_MEET.search(self.text, officials[0].end, s.end) is None:
            return None
        day = self._officials_day(officials, s)
        if day is None or day.precision != "day":
            return None
        for series in (Series.SCM, Series.TWO_PLUS_TWO):
            n = ordinal_on(series, day.date)
            if n is None:
                continue
            keys = reference_names(ref_heads(series, n, None))
            if not all(name_key(a.actor.label) in keys for a in officials):
                continue
            mention = MeetingMention(officials[0].start, officials[-1].end, series, n, date=day)
            mention.numbered_by_reference = True
            mention.heads = tuple(a.actor for a in officials)
            return mention
        return None

    def _ministers_pair(
        self, officials: list[ActorMention], actors: list[ActorMention], s: Sentence
    ) -> MeetingMention | None:
        """A meeting of the two allies' defense (or foreign) ministers outside their series, which its readout or
        report tells as the two meeting ("Secretary X met with Minister Y today in Singapore"; "Minister Y and
        Secretary X met in Singapore on June 11"): a meeting of series ``Other`` at their level, dated by the
        sentence (or for "today" by the date line), with the two as heads. Only when the sentence names no meeting
        itself, both hold a minister's office of one level (``bilateral_levels``), no third state's official is
        there, the meeting is not told inside another clause or at another time, the verb is no relative clause's
        (``ministers_met_relative``) and not a meeting of both with someone else (``ministers_met_third``), and
        the series reference holds no
        SCM or 2+2 within two days of the day (the ministers meet on its margins; that day's meeting is the series'
        own, which the text would name)."""
        levels = {official_level(a.actor.role) for a in officials}
        level = levels.pop() if len(levels) == 1 else None
        if level not in _BILATERAL_LEVELS or len({a.actor.id for a in officials}) != 2:
            return None
        if any(
            a.actor.kind == Kind.PERSON and s.start <= a.start < s.end and a.actor.country not in BILATERAL
            and official_level(a.actor.role) is not None
            for a in actors
        ):  # fmt: skip
            return None
        verb = _MINISTERS_MET.search(self.text, officials[0].end, s.end)
        if verb is None or _OFFICIALS_TOLD_BEFORE.search(self.text, s.start, officials[0].start):
            return None
        if _MINISTERS_MET_RELATIVE.search(self.text, officials[0].end, verb.start()):
            return None  # "Minister Y thanked Secretary X, who met with the troops today": a relative clause's verb
        if verb.start() >= officials[-1].end and _MINISTERS_MET_THIRD.match(self.text, verb.end()):
            return None  # "Secretary X and Minister Y met with veterans in Busan": both met someone else
        day = self._officials_day(officials, s)
        if day is None and s.start >= self._opening_end(2):
            return None  # a later sentence without its own day tells of another meeting
        day = self._statement_day(day, s, officials[-1].end)
        if day is None or any(ordinal_on(series, day.date) is not None for series in (Series.SCM, Series.TWO_PLUS_TWO)):
            return None
        mention = MeetingMention(officials[0].start, officials[-1].end, Series.OTHER, None, date=day)
        mention.level = level
        mention.held = True  # "X met with Y ...": the sentence says the meeting took place
        if self.doc.kind == "news":
            mention.heads = tuple({a.actor.id: a.actor for a in officials}.values())  # a story's two ministers who met
        attach_place(mention, self.text, s.end)
        return mention

    def _officials_day(self, officials: list[ActorMention], s: Sentence) -> DateMatch | None:
        """The day sentence ``s`` gives the meeting of the ``officials`` it names: the first after the last of them,
        else one that opens the sentence before them ("On July 28, 2031, Minister X and Secretary Y met in ...",
        ``fronted_day`` and ``officials_day_to_names``); ``None`` when it gives none."""
        after = self._day_in(officials[-1].end, s.end)
        if after is not None:
            return after
        before = self._day_in(s.start, officials[0].start)
        if (
            before is None
            or not _FRONTED_DAY.fullmatch(self.text, s.start, before.start)
            or not _OFFICIALS_DAY_TO_NAMES.search(self.text[before.end : officials[0].start])
        ):
            return None
        return before

    def _statement_day(self, day: DateMatch | None, s: Sentence, other_time_from: int | None) -> DateMatch | None:
        """The day of a meeting that a statement's principals say they held in sentence ``s``, given ``day``, the
        first day the sentence names after them: that day when the sentence states it; for "today", or for no day
        in the statement's opening, the day of its date line (:meth:`_date_line_before`), never a date read off
        the page's chrome. With ``other_time_from``, a sentence that says after it that they met at another time
        ("met last year", "have met regularly since 2015") takes no day from the date line."""
        if day is not None and not day.relative:
            return day
        if day is not None:
            return self._date_line_before(s.start)  # "met today", "convened today"
        if s.start >= self._opening_end(2):
            return None
        if other_time_from is not None and _OFFICIALS_OTHER_TIME.search(self.text, other_time_from, s.end):
            return None
        return self._date_line_before(s.start)

    def _write_heads(self, meeting_iri: str, persons: Sequence[Actor]) -> None:
        """Each person heads a delegation at the meeting, takes part in it, and so does the person's state."""
        for person in persons:
            piri = self.actor_node(person)
            self.b.rel(Rel.HEAD_OF_DELEGATION, meeting_iri, piri, {Prop.ROLE.value: person.role})
            self.b.rel(Rel.PARTICIPANT, meeting_iri, piri)
            state = self.actor_id_node(str(person.country))
            if state is not None:
                self.b.rel(Rel.PARTICIPANT, meeting_iri, state)

    def _release_day(self) -> dt.date | None:
        """The day a reposted statement was released, from the line that introduces it in the page's opening ("The
        following joint statement ... was released in Seoul on September 7, 2002.": ``release_line``), which dates the
        meeting the statement records where the page's own date is the day it was reposted; None without one."""
        limit = self._opening_end(4) if self.pars else 0
        for par in self.pars:
            if par.start >= limit:
                break
            day = self._release_line_day(par)
            if day is not None:
                return day.date
        return None

    def _release_line_day(self, par: Paragraph) -> DateMatch | None:
        """The stated day of paragraph ``par`` when it is a release line (``release_line``); None otherwise."""
        if not _RELEASE_LINE.match(self.text, par.start, par.end):
            return None
        day = self._day_in(par.start, par.end)
        return day if day is not None and not day.relative else None

    def _date_line_before(self, pos: int) -> DateMatch | None:
        """The day of the statement's date line above ``pos``: the last paragraph before it that is little more than
        a date ("August 18, 2023", "Washington, D.C., June 2, 2024"), never a date inside a longer line such as a
        site's headline ticker ("Department Press Briefing - October 6, 2022 - ..."), which would date the
        statement by another text. A release line between that date line and ``pos`` ("The following joint statement
        ... was released in Seoul on September 7, 2002.": ``release_line``) gives the statement's own day instead: the
        date line above it is then a reposting office's."""
        release: DateMatch | None = None
        for par in reversed(self.pars):
            if par.end > pos:
                continue
            if par.end - par.start > _DATE_LINE_MAX:
                if release is None:
                    release = self._release_line_day(par)
                continue
            day = self._day_in(par.start, par.end)
            if day is not None:
                return release if release is not None else day
        return None

    def _day_in(self, start: int, end: int) -> DateMatch | None:
        """The first day-precise date in ``[start, end)``."""
        first = bisect.bisect_left(self._date_starts, start)
        return (
            next((d for d in self.dates[first:] if d.start < end and d.precision == "day"), None)
            if first < len(self.dates) and self.dates[first].start < end
            else None
        )

    def _date_recorded(self) -> None:
        """Re-date a meeting chosen as recorded after the numbered meetings were dated."""
        if self.recorded is not None and self.recorded.date is None:
            self.recorded.date = _meeting_date(self.recorded)

    def _choose_recorded(self, meetings: list[Meeting], minimum: int = 0) -> None:
        """Mark the meeting the document records (see :func:`meetings.choose_recorded`)."""
        if self.doc.kind not in (*_JOINT_KINDS, "other") or self.recorded is not None or not meetings:
            return
        limit = self._opening_end(3) if self.pars else 1500
        heading_end = self._heading_end()
        if self.doc.kind == "other":
            # a readout records the meeting it says was held, or names in its heading; a press conference or
            # remarks of the meeting's own day also the numbered meeting its opening names ("Through the 53rd
            # SCM, Secretary X and I reaffirmed ..." on the day the reference holds the 53rd SCM)
            minimum = max(minimum, 2)
            heading = " ".join(filter(None, [self.doc.title or "", self.text[:heading_end]]))
            opening = self.text[:limit]
            spoken = SPOKEN_RECORD.search(heading) is not None or SPEAKER_TURN.search(opening) is not None
            if spoken:
                # a transcript's paragraphs are its utterances, one sentence each in some copies ("We're delighted
                # you're here." / "We've just concluded the 38th SCM."): its opening is measured in characters
                limit = max(limit, min(len(self.text), SPOKEN_OPENING_CHARS))
                opening = self.text[:limit]
            # of the meeting's own day: the reference holds it on the document's date, or an undated
            # transcript says "today" and its speaker calls the meeting theirs ("... SCM, Secretary X and I")
            today = self.doc.date is None and SAID_TODAY.search(opening) is not None

            def own_day(meeting: Meeting) -> bool:
                if self.doc.date is None and any(speaker_hosts(self.text, x.start, x.end) for x in meeting.mentions):
                    return True  # an undated transcript whose speaker hosts it ("my privilege to host X for the 48th")
                if today:
                    return any(SPEAKER_AND_I.match(self.text, x.end, x.end + 200) for x in meeting.mentions)
                if meeting.series == Series.SUMMIT and meeting.ordinal is None and not meeting.estimated:
                    # a summit's press conference of the summit's own day ("The President's News Conference
                    # with President X in Seoul, March 25, 2012", dated that day)
                    return meeting.date is not None and meeting.date == self.doc.date
                return agreement(meeting.series, meeting.ordinal, self.doc.date) == 1

            meetings = [
                m for m in meetings if (recorded_score(m, heading_end, limit) or 0) >= 3 or (spoken and own_day(m))
            ]
        preferred: str | None = None
        if self.doc.kind == "communique":
            heading = " ".join(filter(None, [self.doc.title or "", self.text[:heading_end]]))
            preferred = Series.MCM if _MCM_ONLY.search(heading) and not _SCM_NAMED.search(heading) else Series.SCM
        text_date = self.doc.date

        def consistency(meeting: Meeting) -> int:
            own = next(
                (m.date.date for m in meeting.mentions if m.date is not None and m.date.precision == "day"), None
            )
            return agreement(meeting.series, meeting.ordinal, own or text_date)

        chosen = choose_recorded(
            meetings,
            preferred=preferred,
            heading_end=heading_end,
            opening_end=limit,
            consistency=consistency,
            minimum=minimum,
        )
        if chosen is not None:
            self.recorded = chosen
            chosen.recorded = True

    def _unnumbered_record(self, pending: list[MeetingMention]) -> list[Meeting]:
        """A candidate for the recorded meeting among mentions without an ordinal: the first one the opening
        says "was held" or the heading names, with the undated mentions of its series ("THE ANNUAL SECURITY
        CONSULTATIVE MEETING ... WAS HELD IN SEOUL"). Dated by its text, else by the document (an undated document:
        by its text only)."""
        if self.doc.kind not in (*_JOINT_KINDS, "other"):
            return []
        limit = self._opening_end(2) if self.pars else 1500
        heading_end = self._heading_end()
        first = next(
            (
                m
                for m in pending
                if (m.held or (not m.backward and (m.start < heading_end or self._titled(m))))
                and not m.future
                and m.start <= limit
                and m.series not in ("?", "Other")
            ),
            None,
        )
        if first is None:
            return []
        own = [
            m
            for m in pending
            if m.series == first.series and (m is first or m.date is None or m.introduced) and not m.future
        ]  # ... and the one who convened it dates ("convened a “2+2” meeting ... on October 24, 2014")
        if all(m.date is None for m in own):
            # the heading names it, the opening dates it ("... held a Trilateral Ministerial Meeting in Tokyo
            # on July 28, 2024"): one meeting
            dated = next(
                (
                    m
                    for m in pending
                    if m.series == first.series
                    and m.date is not None
                    and m.date.precision == "day"
                    and not (m.future or m.backward)
                    and m.start <= limit
                ),
                None,
            )
            if dated is not None:
                own.append(dated)
        if self.doc.date is None and not any(m.date is not None and m.date.precision == "day" for m in own):
            return []  # nothing to date it by
        place = next((m.location for m in own if m.location), None)
        if place is None and (self._titled(first) or first.held):
            place = self._place_below(first)
        meeting = Meeting(first.series, None, None, place)
        meeting.mentions.extend(own)
        return [meeting]

    def _place_below(self, m: MeetingMention) -> str | None:
        """The place the sentence right after a titled heading (or after the one that says the meeting was held)
        says its meeting was held ("The Ministers ... met in New York on September 18, 2016"; "... convened a
        Trilateral Ministerial Meeting on November 12, 2023. Secretary X and Minister Y met in Seoul, ...")."""
        si = self.sindex.at(m.start)
        if si is None:
            return None
        # (a reprint's issuing line may stand between: "Office of the Spokesman / Washington, DC / July 21, 2010 /
        # Following is the text of a joint statement ...": the first of the next three sentences that says so)
        near = self.sents[si + 1 : si + 1 + 3 * _PLACE_BELOW_SENTENCES]
        prose = [x for x in near if not self._heading_line(x.start, x.end)]  # (the office, place and date lines)
        for nxt in prose[:_PLACE_BELOW_SENTENCES]:
            verb = _MET.search(self.text, nxt.start, nxt.end)
            if verb is None or _MET_BEFORE_NOW.search(self.text, max(nxt.start, verb.start() - 30), verb.start()):
                continue  # (no meeting, or "... last met in October 2019 in Washington": an earlier one)
            probe = MeetingMention(verb.start(), verb.start(), m.series, None)
            attach_place(probe, self.text, nxt.end)
            if probe.location is not None:
                return probe.location
        return None

    def _titled(self, m: MeetingMention) -> bool:
        """A heading line of the body names the meeting as the one whose text follows ("Joint Statement of the
        Japan-U.S.-ROK Trilateral Foreign Ministers' Meeting" after a wire reprint's lead)."""
        si = self.sindex.at(m.start)
        if si is None or not self.pars:
            return False
        p = self.pars[self.sents[si].paragraph]
        return self._is_heading(p) and TITLE_BEFORE.search(self.text[p.start : m.start]) is not None

    def _is_heading(self, p: Paragraph) -> bool:
        """A heading line: short, without closing punctuation (a title, "JOINT COMMUNIQUÉ", a dateline)."""
        return self._heading_line(p.start, p.end)

    def _is_chrome(self, p: Paragraph) -> bool:
        """A paragraph of site chrome only (a .gov banner's sentences, "You have accessed part of a historical
        collection ..."): no body paragraph, though it ends a sentence. Worked out once per paragraph."""
        known = self._chrome_paragraphs.get(p.start)
        if known is None:
            lines = [ln for ln in self.text[p.start : p.end].split("\n") if ln.strip()]
            known = self._chrome_paragraphs[p.start] = bool(lines) and all(is_chrome(ln) for ln in lines)
        return known

    @functools.cached_property
    def _chrome_paragraphs(self) -> dict[int, bool]:
        """``_is_chrome``'s answers by paragraph start."""
        return {}

    def _heading_line(self, start: int, end: int) -> bool:
        body = self.text[start:end].rstrip()
        return len(body) < _HEADING_MAX and not body.endswith((".", "!", "?", ":", ";", '"', "”"))

    def _heading_end(self) -> int:
        """Start of the first body paragraph (the heading lines before it: title, "JOINT COMMUNIQUÉ", dateline)."""
        return next((p.start for p in self.pars if not self._is_heading(p)), 0)

    @functools.cached_property
    def _first_numbered(self) -> int:
        """Index of the paragraph numbered "1." near the top, where a reprint's text begins (0: none).

        A reprint puts its own paragraphs before the communiqué (a bulletin's tracking lines, a wire
        story's lead, "Following is the text of the communique:"); the communiqué's numbered
        paragraphs start its opening. A reprinted text without numbered paragraphs starts after the
        lead's own paragraph that announces it ("The text of the joint statement follows:").
        """
        for i, p in enumerate(self.pars[:-1]):
            if p.start > _PREAMBLE_MAX:
                break
            nxt = self.pars[i + 1]
            if _TEXT_BEGINS.match(self.text[p.start : p.end]) and _BODY_START.search(self.text[nxt.start : nxt.end]):
                return i + 1  # "BEGIN TEXT" / "1. THE ANNUAL ...": the quoted text, after the cable's own "1."
        for i, p in enumerate(self.pars):
            if p.start > _PREAMBLE_MAX:
                break
            if _BODY_START.search(self.text[p.start : p.end]):
                return i
        for i, p in enumerate(self.pars[:-1]):
            if p.start > _PREAMBLE_MAX:
                break
            if _TEXT_FOLLOWS.search(self.text[p.start : p.end].strip()):
                return i + 1  # "The text of the joint statement follows:": the reprinted text opens after the lead
        return 0

    def _heading_paragraphs(self) -> set[int]:
        """Indexes of the heading lines before the text (titles, headlines, datelines): short, no closing
        punctuation, before the first body paragraph or before a reprint's paragraph 1."""
        numbered = self._first_numbered
        out: set[int] = set()
        for i, p in enumerate(self.pars[: numbered or len(self.pars)]):
            if self._is_heading(p):
                out.add(i)
            elif not numbered:
                break
        return out

    def _opening_end(self, count: int) -> int:
        """End of the first ``count`` body paragraphs.

        Heading lines (a title, "JOINT COMMUNIQUÉ", a dateline such as "Seoul,
        May 10, 1984": short, without closing punctuation) do not count, so a
        communiqué with a three-line heading still has its opening paragraphs
        in reach. Asked for by many rules with the same few counts, it is worked out once per count.
        """
        ends = self._opening_ends
        if count not in ends:
            body = (p for p in self.pars[self._first_numbered :] if not self._is_heading(p) and not self._is_chrome(p))
            last = next(itertools.islice(body, count - 1, None), None)
            ends[count] = last.end if last is not None else self.pars[-1].end
        return ends[count]

    @functools.cached_property
    def _opening_ends(self) -> dict[int, int]:
        """``_opening_end``'s answers by count (the paragraphs never change during one extraction)."""
        return {}

    def meeting_node(self, meeting: Meeting) -> str:
        key = meeting.key
        iri = self.meeting_iris.get(key)
        if iri is not None:
            return iri
        ident = meeting.ordinal if meeting.ordinal is not None else meeting.date
        if meeting.series == Series.SCM:
            iri = self.b.shared_iri(Kind.SCM, Series.SCM.value, _ident(ident))
            kind = Kind.SCM
        elif meeting.series == Series.OTHER and meeting.ordinal is not None and meeting.name:
            # the 17th KIDD and the 17th meeting of another body are two meetings: the body is part of the identity
            iri = self.b.shared_iri(Kind.MEETING, str(meeting.series), meeting.name, _ident(ident))
            kind = Kind.MEETING
        else:
            iri = self.b.shared_iri(Kind.MEETING, str(meeting.series), _ident(ident))
            kind = Kind.MEETING
        props: dict[str, Any] = {
            Prop.SERIES.value: str(meeting.series),  # the text, never the enum (stored and exported as is)
            Prop.ORDINAL.value: meeting.ordinal,
            Prop.DATE.value: meeting.date,
            # a numbered meeting's place comes from the document that records it (or the series reference): a
            # mention elsewhere ("the 56th SCM in Washington") must not overwrite it
            Prop.LOCATION.value: meeting.location if meeting.recorded or meeting.ordinal is None else None,
        }
        span = next(
            (
                d
                for m in meeting.mentions
                if (d := m.date or (m.near_date if meeting.recorded else None)) is not None
                and d.date == meeting.date
                and d.end_date is not None
            ),
            None,
        )
        from_reference = set(meeting.from_reference)
        if any(m.numbered_by_reference for m in meeting.mentions) and meeting.ordinal is not None:
            from_reference.add(Prop.ORDINAL.value)
        if span is not None:  # a meeting of several days ("on August 26 and 27, 1975"): its last day
            props[Prop.END_DATE.value] = span.end_date
        elif meeting.end_date is not None:  # ... or as the series reference has it
            props[Prop.END_DATE.value] = meeting.end_date
            from_reference.add(Prop.END_DATE.value)
        # which values the text does not state: the reference completed them (a reader tells the two apart)
        props[Prop.FROM_REFERENCE.value] = sorted(from_reference) if from_reference else None
        if meeting.estimated:
            props[Prop.ESTIMATED.value] = True
        self.b.node(iri, kind, meeting.label, props)
        self.meeting_iris[key] = iri
        for m in meeting.mentions:
            self.b.evidence(iri, m.start, m.end, 0.9 if meeting.ordinal is not None else 0.75)
            dated = m.date if m.date is not None or not meeting.recorded else m.near_date
            if dated is not None and meeting.date is not None and dated.contains(meeting.date, 1):
                self.b.evidence(iri, dated.start, dated.end, 0.8 if not dated.relative else 0.65)
            if m.location_span is not None and m.location == meeting.location and props[Prop.LOCATION.value]:
                self.b.evidence(iri, m.location_span[0], m.location_span[1], 0.7)
        if meeting.series == Series.SCM:
            for party in ("KOR", "USA"):
                state = self.actor_id_node(party)
                if state is not None:
                    self.b.rel(Rel.PARTICIPANT, iri, state)
        return iri

    def heads_of_delegation(self, actors: list[ActorMention]) -> list[Actor]:
        """Persons leading delegations at the recorded meeting (see :func:`people.delegation_heads`)."""
        if self.recorded is None or not self.pars:
            return []
        limit = self._opening_end(4)
        # one side's head named in the opening's last sentence, the other side's in the next ("X's delegation is
        # led by ..." / "As for the other side, Y is in charge"): that next sentence is read too
        last = self.sindex.at(max(0, limit - 1))
        if last is not None and last + 1 < len(self.sents):
            tail, nxt = self.sents[last], self.sents[last + 1]
            if all(next(_LEAD_ANCHORED.finditer(self.text, self.tokens, x.start, x.end), None) for x in (tail, nxt)):
                limit = nxt.end
        cue_sents = {self.sindex.at(m.start) for m in self.recorded.mentions if m.start <= limit}
        for m in _DELEGATION_ANCHORED.finditer(self.text, self.tokens, 0, limit):
            si = self.sindex.at(m.start())
            cue_sents.add(si)
            # a sentence cut by a line break ("... Lloyd J. Austin" / "III led their delegations") reads on
            if si is not None and si > 0 and _CONTINUED.match(self.text, self.sents[si].start):
                cue_sents.add(si - 1)
        leading = {self.sindex.at(m.start()) for m in _LEAD_ANCHORED.finditer(self.text, self.tokens, 0, limit)}
        opening = actors[: bisect.bisect_right([a.start for a in actors], limit)]
        # a speaker's "Secretary X and I" of the recorded meeting: the "I" is who the turn's label names
        for said in self.recorded.mentions:
            si = self.sindex.at(said.start)
            if said.start > limit or si is None:
                continue
            if not _AND_I.search(self.text, self.sents[si].start, self.sents[si].end) and not speaker_hosts(
                self.text, said.start, said.end
            ):
                continue  # neither "Secretary X and I ..." nor "my privilege to host Minister X for the 48th SCM"
            speaker = next((a for a in reversed(opening) if a.via == "speaker" and a.start < said.start), None)
            if speaker is not None:
                cue_sents.add(self.sindex.at(speaker.start))
                leading.add(self.sindex.at(speaker.start))
        series = self.recorded.series
        if any(m.leaders_own for m in self.recorded.mentions):
            # "We, the leaders of ..., convened at ...": the leaders the opening names ("President X commended
            # President Y and Prime Minister Z ..."), not their ministers
            cue_sents |= {self.sindex.at(a.start) for a in opening}
            series = Series.SUMMIT
        found = [
            a
            for a in opening
            if a.actor.kind == Kind.PERSON and a.actor.country is not None and self.sindex.at(a.start) in cue_sents
        ]
        # those of a sentence that says who led or co-chaired come first ("The meeting was co-chaired by ...")
        found.sort(key=lambda a: self.sindex.at(a.start) not in leading)
        candidates = [a.actor for a in found]
        reference_heads = ref_heads(self.recorded.series, self.recorded.ordinal, self.recorded.date)
        return delegation_heads(series, candidates, reference_heads)

    def confirmed_heads(self, meeting: Meeting, actors: list[ActorMention], found: list[Actor]) -> list[Actor]:
        """Heads of delegation of ``meeting`` that the text names without a "led their delegations" sentence.

        A transcript's speaker ("SEC. RUMSFELD: ... welcome Minister Yoon ... for this 36th SCM"), a news
        story's "Rumsfeld and Yoon ... participated in the 38th annual SCM": a person the text names whom the
        series reference gives as a head of this very meeting led a delegation at it. The reference only
        confirms a person the text names; it never adds one. As many heads per country as the reference gives
        that country (one for an SCM, two for a 2+2: "Secretary X and I hosted the second 2+2 ... welcome
        Foreign Minister Y and Defense Minister Z" names all four); a country whose heads are all found keeps
        them.
        """
        if meeting.ordinal is None:
            return []
        reference = ref_heads(meeting.series, meeting.ordinal, meeting.date)
        wanted = reference_names(reference)
        if not wanted:
            return []
        seats: dict[str, int] = {}
        for ref in reference:
            seats[str(ref.country)] = seats.get(str(ref.country), 0) + 1
        have: dict[str, int] = {}
        ids = {head.id for head in found}
        for head in found:
            have[str(head.country)] = have.get(str(head.country), 0) + 1
        out: list[Actor] = []
        for a in actors:
            person = a.actor
            if person.kind != Kind.PERSON or person.country is None or person.id in ids:
                continue
            country = str(person.country)
            if have.get(country, 0) >= max(1, seats.get(country, 0)):
                continue
            if wanted.get(name_key(person.label)) != person.country:
                continue
            have[country] = have.get(country, 0) + 1
            ids.add(person.id)
            out.append(person)
        return out

    def exercises(self, bounds: list[tuple[int, int]]) -> None:
        """An ``ak:Exercise`` per named exercise (and year, when the text dates it), held by its allies."""
        for found in find_exercises(self.text, self.tokens, self.dates, bounds):
            iri = self.b.shared_iri(Kind.EXERCISE, found.name, found.year)
            label = f"{found.name} {found.year}" if found.year is not None else found.name
            props: dict[str, Any] = {Prop.SERIES.value: found.name, Prop.DATE.value: found.day}
            self.b.node(iri, Kind.EXERCISE, label, props)
            self.b.evidence(iri, found.start, found.end, 0.85)
            if found.date is not None:
                self.b.evidence(iri, found.date.start, found.date.end, 0.7)
            for party in PARTICIPANTS.get(found.name, ()):
                state = self.actor_id_node(party)
                if state is not None:
                    self.b.rel(Rel.PARTICIPANT, iri, state)

    # -- incidents and threats -----------------------------------------------

    def incident_node(self, found: IncidentMention) -> str:
        inc = found.incident
        if isinstance(inc, CatalogueIncident):
            iri = self.b.shared_iri(inc.kind, inc.id)
            props: dict[str, Any] = {
                Prop.DATE.value: inc.date,
                Prop.ORDINAL.value: inc.ordinal,
                Prop.NOTATION.value: inc.id,
            }
        else:
            new: NewIncident = inc
            iri = self.b.iri(new.kind, new.perpetrator, new.date, new.label)
            props = {
                Prop.DATE.value: new.date,
                Prop.ESTIMATED.value: True,
                Prop.CONFIDENCE.value: found.confidence,
            }
        self.b.node(iri, inc.kind, inc.label, props)
        self.b.evidence(iri, found.start, found.end, found.confidence)
        if isinstance(inc, CatalogueIncident) and inc.kind == Kind.AGREEMENT:
            for party in inc.parties:
                piri = self.actor_id_node(party)
                if piri is not None:
                    self.b.rel(Rel.COMMITTED_BY, iri, piri)
            for name in inc.commitment_types:
                if name in self.lex.concepts:
                    self.b.rel(Rel.COMMITMENT_TYPE, iri, self.b.concept(name, self.lex.concepts))
        if inc.perpetrator:
            perp = self.actor_id_node(inc.perpetrator)
            if perp is not None:
                self.b.rel(Rel.PERPETRATOR, iri, perp)
                if inc.threat_type and inc.threat_type in self.lex.concepts:
                    self.b.rel(Rel.THREAT_TYPE, iri, self.b.concept(inc.threat_type, self.lex.concepts))
                    self.b.rel(Rel.MANIFESTS, iri, self.threat_node(inc.perpetrator, inc.threat_type))
        return iri

    def threat_node(self, poser: str, threat_type: str) -> str:
        key = (poser, threat_type)
        iri = self.threat_iris.get(key)
        if iri is not None:
            return iri
        iri = self.b.shared_iri(Kind.THREAT, poser, threat_type)
        self.b.node(
            iri, Kind.THREAT, labels.threat_label(poser, threat_type), {Prop.NOTATION.value: f"{poser}/{threat_type}"}
        )
        self.b.rel(Rel.THREAT_TYPE, iri, self.b.concept(threat_type, self.lex.concepts))
        poser_iri = self.actor_id_node(poser)
        if poser_iri is not None:
            self.b.rel(Rel.POSED_BY, iri, poser_iri)
        self.threat_iris[key] = iri
        return iri

    # -- the whole document ------------------------------------------------------

    def run(self) -> GraphData:
        text = self.text
        actors = find_actors(text, self.lex, self.year, self.tokens, self.doc.date)
        self.find_meetings(actors)
        met = self.recorded if self.recorded is not None else self.subject
        if self.doc.date is None and met is not None and met.date is not None and not met.estimated:
            # an undated text (a translation, a reprint) that records its meeting's day: persons are read on that
            # day (a title's holder, a close spelling in the office of that year); without one, nothing is guessed
            actors = find_actors(text, self.lex, met.date.year, self.tokens, met.date)
        for a in actors:
            iri = self.actor_node(a.actor)
            self.b.evidence(iri, a.start, a.end, 0.9 if a.via == "name" else 0.75)
        for meeting in self.meetings:
            self.meeting_node(meeting)
        recorded_iri = self.meeting_node(self.recorded) if self.recorded is not None else None
        if recorded_iri is not None:
            self.b.rel(Rel.ISSUED_AT, self.b.doc_iri, recorded_iri)
        delegation = self.heads_of_delegation(actors)
        subject_iri = recorded_iri
        if self.subject is not None:
            delegation = [*delegation, *self.confirmed_heads(self.subject, actors, delegation)]
            subject_iri = self.meeting_node(self.subject)
        heads: dict[str, Actor] = {}
        for person in delegation:
            heads.setdefault(str(person.country), person)
        if subject_iri is not None:
            self._write_heads(subject_iri, delegation)
        for meeting in self.meetings:
            # a series meeting a report names by its two ministers (see _ministers_series_meeting): they are its heads
            named = [person for m in meeting.mentions for person in m.heads]
            if named and meeting is not self.subject:
                self._write_heads(self.meeting_node(meeting), named)

        bounds = [(s.start, s.end) for s in self.sents]
        self.exercises(bounds)
        day, dates = self.doc.date, self.dates
        if day is None and self.subject is not None and self.subject.date is not None:
            # an undated reprint about a numbered meeting ("North Korea's October 9 nuclear test" in a story on
            # the 38th SCM): its year-less dates take the year around that meeting's date
            day = self.subject.date
            dates = find_dates(text, day, tokens=self.tokens)
        incidents = IncidentResolver(self.lex, day).find(text, dates, bounds, self.tokens)
        story_end = body_end(text)  # headlines after "(END)" or "Related coverage:" name other days' events
        incidents = [found for found in incidents if found.start < story_end]
        incident_by_sentence: dict[int, list[tuple[int, str]]] = {}
        for found in incidents:
            iri = self.incident_node(found)
            si = self.sindex.at(found.start)
            if si is not None:
                incident_by_sentence.setdefault(si, []).append((found.start, iri))

        threats = find_threats(text, self.lex, actors, self.sents, self.tokens)
        threat_by_sentence: dict[int, list[ThreatMention]] = {}
        for t in threats:
            iri = self.threat_node(t.poser, t.threat_type)
            self.b.evidence(iri, t.start, t.end, 0.7)
            if t.sentence is not None:
                threat_by_sentence.setdefault(t.sentence, []).append(t)

        self.commitments(actors, incident_by_sentence, threat_by_sentence)
        return self.b.build()

    def _others_before(self, si: int, actors: list[ActorMention]) -> bool:
        """Are two or more states other than the three allies named in sentence ``si`` or in the sentences of its
        paragraph it goes on from (back past those that open with "The three" or "They", and the one before them)?
        A bare "the three" there may be those states ("China, Russia and North Korea held talks. The three agreed
        ... . The three also pledged ..."), not the allies."""
        paragraph = self.sents[si].paragraph
        ci = si
        while ci > 0 and self.sents[ci - 1].paragraph == paragraph:
            at = self.sents[ci].start
            if ci != si and not (_THREE_SUBJECT.match(self.text, at) or _THEY_SUBJECT.match(self.text, at)):
                break
            ci -= 1
        lo, hi = self.sents[ci].start, self.sents[si].end
        others = {
            str(a.actor.id)
            for a in actors
            if lo <= a.start < hi and a.actor.kind == Kind.STATE and str(a.actor.id) not in TRILATERAL
        }
        return len(others) >= 2

    def _they_others(self, si: int, actors: list[ActorMention]) -> bool:
        """Does "They" opening sentence ``si`` stand for other states: do the sentence before it in its paragraph
        (walked back past those that open with "They") name two or more states other than the three allies, and
        none of the allies ("Officials of China, Russia and the DPRK met in Moscow. They pledged ...")?"""
        paragraph = self.sents[si].paragraph
        ci = si - 1
        while (
            ci >= 0 and self.sents[ci].paragraph == paragraph and _THEY_SUBJECT.match(self.text, self.sents[ci].start)
        ):
            ci -= 1
        if ci < 0 or self.sents[ci].paragraph != paragraph:
            return False
        lo, hi = self.sents[ci].start, self.sents[si].start
        states = {str(a.actor.id) for a in actors if lo <= a.start < hi and a.actor.kind == Kind.STATE}
        return len(states - TRILATERAL) >= 2 and not states & TRILATERAL

    def _they_three(self, si: int) -> frozenset[str] | None:
        """The three allies when "They" opening sentence ``si`` goes on with "the three ..." opening an earlier one.

        Sentences of the same paragraph are walked back past those that open with "They" too; any other
        opening ends the walk (the subject changed).
        """
        paragraph = self.sents[si].paragraph
        ci = si - 1
        while ci >= 0 and self.sents[ci].paragraph == paragraph:
            start = self.sents[ci].start
            if _THREE_SUBJECT.match(self.text, start):
                return TRILATERAL
            if not _THEY_SUBJECT.match(self.text, start):
                return None
            ci -= 1
        return None

    def _meeting_pair(self, actors: list[ActorMention]) -> frozenset[str] | None:
        """The two states a text's opening names as meeting ("Readout of the Secretary's Meeting with Japanese
        Defense Minister ..."; "U.S.-Japan talks"), when they are not the two allies: the parties of its "the two
        sides". The opening is the title and first lines (``_OPENING`` characters), which must hold a meeting word;
        the states are those of the persons and states named there, adversaries aside; exactly two, else None."""
        end = min(len(self.text), _OPENING)
        if not _PAIR_MEETING.search(self.text, 0, end):
            return None
        states: set[str] = set()
        for a in actors:
            if a.start >= end:
                break
            if a.actor.kind == Kind.ORGANIZATION:
                continue
            party = a.actor.country if a.actor.kind == Kind.PERSON else a.actor.id
            if party and party not in ADVERSARIES:
                states.add(str(party))
        pair = frozenset(states)
        return pair if len(pair) == 2 and pair != BILATERAL else None

    def commitments(
        self,
        actors: list[ActorMention],
        incident_by_sentence: dict[int, list[tuple[int, str]]],
        threat_by_sentence: dict[int, list[ThreatMention]],
    ) -> None:
        text = self.text
        both = BILATERAL
        if self.recorded is not None and self.recorded.series == Series.TRILATERAL:
            both = TRILATERAL
        elif self.recorded is None and (
            (self.doc.kind in _JOINT_KINDS and _TRILATERAL_OPENING.search(text, 0, min(len(text), _OPENING)))
            or (
                self.doc.kind not in SECONDARY_DOC_KINDS
                and _TRILATERAL_PARTIES.search(text, 0, min(len(text), _OPENING))
            )
        ):
            # a trilateral's statement or reprint whose meeting was not recorded (in a news article "the
            # allies" may still be two), or a release that opens with the three allies acting together ("The
            # United States, Japan, and the Republic of Korea condemn ...", kind `other` when no joint title)
            both = TRILATERAL
        elif self.recorded is None or self.recorded.series in (Series.SUMMIT, Series.OTHER):
            both = self._meeting_pair(actors) or both
        resolver = PartyResolver(both=both)
        turns = speaker_turns(text, actors)
        turn_starts = [t.start for t in turns]
        joint = self.doc.kind in _JOINT_KINDS
        meeting_sentences = {self.sindex.at(m.start) for meeting in self.meetings for m in meeting.mentions}
        actor_starts = [a.start for a in actors]
        persons = [a for a in actors if a.actor.kind == Kind.PERSON and a.actor.country]
        # the speaker of a speech titled "Opening remarks by President X at ...": the "I" of "President Y and I"
        me: frozenset[str] | None = None
        by = _SPEECH_BY.search(self.doc.title or "")
        if by is not None:
            titled = set((self.doc.title or "")[by.end() : by.end() + 60].lower().split())
            for a in persons:
                words = a.actor.label.replace(",", " ").lower().split()
                if words and (words[0] in titled or words[-1] in titled):
                    me = frozenset({str(a.actor.country)})
                    break
        person_starts = [a.start for a in persons]
        person_parties = [str(a.actor.country) for a in persons]
        starts = [s.start for s in self.sents]
        # an organisation's name is no pledge ("linked with U.S. Forces Korea" is not "U.S. forces")
        orgs = [(a.start, a.end) for a in actors if a.actor.kind == Kind.ORGANIZATION]
        org_starts = [a for a, _ in orgs]
        type_hits: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        described = [(m.start(), m.end()) for m in _ALLIANCE_DESCRIPTION.finditer(text)]

        def in_description(start: int, end: int) -> bool:
            return any(a <= start and end <= b for a, b in described)

        phrases = list(self.lex.commitment_types.finditer(text, self.tokens))
        abbreviated: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        for start, end, types in _defined_abbreviations(text, phrases):
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < self.sents[i].end:
                abbreviated.setdefault(i, []).append((start, end, types))
        self._abbreviated = abbreviated
        for start, end, types in phrases:
            if in_description(start, end):
                continue  # "... to serve as a linchpin of peace and stability in the Asia-Pacific": what it is
            if _ARMS_AFTER.match(text, end) is not None:
                continue  # "missile threats including nuclear and chemical weapons": the adversary's arms
            o = bisect.bisect_right(org_starts, start) - 1
            if o >= 0 and orgs[o][1] >= end and orgs[o][1] - orgs[o][0] > end - start:
                continue
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < self.sents[i].end:
                type_hits.setdefault(i, []).append((start, end, types))
        self._type_hits = type_hits
        self._pledged = set()  # the sentences that made a commitment
        # sentences that may pledge: a pledging verb or pledge noun (with or without a scheme phrase)
        candidates: set[int] = set()
        token_starts = self.tokens.starts
        for k in self.tokens.candidates(is_pledge_word, is_pledge_word):
            i = bisect.bisect_right(starts, token_starts[k]) - 1
            if i >= 0 and token_starts[k] < self.sents[i].end:
                candidates.add(i)
        # sentences that condemn an incident: the incidents named after the condemning word
        condemned: dict[int, list[tuple[int, str]]] = {}
        condemned_threats: dict[int, tuple[ThreatMention, ...]] = {}
        for m in _CONDEMN.finditer(text, self.tokens):
            ci = self.sindex.at(m.start())
            if ci is not None and ci not in condemned:
                condemned[ci] = [(p, inc) for p, inc in incident_by_sentence.get(ci, []) if p > m.start()]
                condemned_threats[ci] = tuple(
                    t
                    for t in threat_by_sentence.get(ci, [])
                    if t.start > m.start() and _STANDING.search(text, max(m.end(), t.start - _THREAT_WINDOW), t.start)
                )
        # sentences whose introduction answers incidents ("In response to the test, ..."): the
        # next sentence of the paragraph continues the answer when it has no cue of its own
        framed: dict[int, list[tuple[int, str]]] = {}
        meeting_date = self.recorded.date if self.recorded is not None else None
        # a scheme phrase without a pledging word pledges only through "is/are to" ("are to work toward")
        for si in type_hits.keys() - candidates:
            if _IS_TO.search(text, self.sents[si].start, self.sents[si].end):
                candidates.add(si)
        cue_words: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        self._cue_words = cue_words
        headings = self._heading_paragraphs()
        opening = self._opening_condemned(headings, incident_by_sentence, condemned)
        sayers: dict[int, frozenset[str]] = {}  # the party of each sentence's last pledge said by a named party
        for si in sorted(candidates):
            s = self.sents[si]
            if s.paragraph in headings:  # a headline sums a pledge up; the text makes it
                continue
            hits = type_hits.get(si, [])
            if not hits:
                # a sentence without a scheme phrase is typed by a cue word, or, a pledge a party states,
                # by the broadest concept (see commitment_types)
                cue_words[si] = [
                    c
                    for c in self.lex.commitment_cues.finditer(text, self.tokens, s.start, s.end)
                    if not in_description(c[0], c[1])
                ]
            verbs = sentence_verbs(text, self.tokens, s.start, s.end)
            if not can_pledge(verbs, text, s.start, s.end):
                continue
            lo = bisect.bisect_left(actor_starts, s.start)
            pi = bisect.bisect_left(person_starts, s.start) - 1
            last_named = frozenset({person_parties[pi]}) if pi >= 0 else None
            prev = self.sents[si - 1] if si > 0 else None
            speaker = (
                last_named
                if prev is not None and prev.paragraph == s.paragraph and pi >= 0 and person_starts[pi] >= prev.start
                else None
            )
            pronoun = last_named
            pron = _PRONOUN.search(text, s.start, s.end)
            if pron is not None:
                pj = bisect.bisect_left(person_starts, pron.start()) - 1
                pk = bisect.bisect_left(person_starts, prev.start) if prev is not None else len(persons)
                if pj >= 0 and person_starts[pj] >= s.start:
                    pronoun = frozenset({person_parties[pj]})  # "Bush said he would ask ...": named before it
                elif (
                    prev is not None
                    and prev.paragraph == s.paragraph
                    and pk < len(persons)
                    and person_starts[pk] < prev.end
                    and _SUBJECT_LEAD.fullmatch(text, prev.start, person_starts[pk]) is not None
                ):
                    # "Secretary X assured Minister Y that ... . He further emphasized ...": the subject before
                    pronoun = frozenset({person_parties[pk]})
                elif (
                    prev is not None
                    and prev.paragraph == s.paragraph
                    and (title := _TITLE_ONLY.match(text, prev.start, prev.end)) is not None
                    and _TITLE_PAIRED.match(text, title.end()) is None
                ):
                    # "The Secretary expressed his regret over ... . He reiterated the U.S. commitment ...": a title
                    # of one party opening the sentence before is its subject, whoever was named last
                    pronoun = frozenset({resolver.secretary if title.lastgroup == "sec" else resolver.minister})
            # (the actors after the sentence too: the speaker of a quotation that closes in a later one)
            after = bisect.bisect_left(actor_starts, s.end + _QUOTE_SPEAKER_REACH)
            ti = bisect.bisect_right(turn_starts, s.start) - 1
            turn = turns[ti] if ti >= 0 else None
            if turn is not None and turn.question:
                continue  # a reporter's question pledges nothing
            we = turn.parties if turn is not None else None
            if we is not None and turn is not None:
                back = self.sents[max(0, si - 2)].start
                if _TURN_WE_BOTH.search(text, max(turn.start, back), s.end):
                    we = None  # the speaker speaks for both countries ("our nations ... we have reaffirmed")
            # the "I" of a turn is its speaker even where "we" is both countries; outside turns, the titled speaker
            i_me = turn.parties if turn is not None and turn.parties else me
            they = self._they_three(si) if _THEY_SUBJECT.match(text, s.start) else None
            if _THEY_SUBJECT.match(text, s.start) and they is None and self._they_others(si, actors):
                they = frozenset()  # "Officials of China, Russia and the DPRK met ... . They pledged ...": no ally
            others = _THREE_BARE.search(text, s.start, s.end) is not None and self._others_before(si, actors)
            refs = resolver.refs(
                text, self.tokens, s.start, s.end, actors[lo:after], pronoun, speaker, we, i_me, they, others
            )
            default = resolver.both if joint else (BILATERAL if si in meeting_sentences else None)
            if (
                default is None
                and self.doc.kind not in SECONDARY_DOC_KINDS
                and si - 1 in sayers
                and self.sents[si - 1].paragraph == s.paragraph
                and passive_will(text, s.start, s.end)
            ):
                # a readout's "The defense chiefs decided to ... . This year's exercises will be further expanded
                # ...": a passive will without a party goes on with who pledged in the sentence before
                default = sayers[si - 1]
            findings = find_commitments(text, self.tokens, s.start, s.end, refs, default, resolver.both, verbs)
            if not findings:
                continue
            for found in findings:
                # "The United States reaffirmed its commitment ... . And any nuclear attack by the DPRK will be
                # met with a swift ... response": the party that spoke in the sentence before says it
                if found.declaratory_orphan and si - 1 in sayers and self.sents[si - 1].paragraph == s.paragraph:
                    found.parties = sayers[si - 1]
            findings = [f for f in findings if f.parties]  # a declaratory orphan no one says
            if self.doc.kind == "study":
                # the analyst's forecast or advice, or a pledge described by its noun: no party's pledge
                named_meeting = si in meeting_sentences
                findings = [f for f in findings if not study_own_voice(text, s.start, f, named_meeting)]
            if self.doc.kind in ("news", "study"):
                # "the two countries" of a paragraph about the two Koreas: no pledge of the allies
                par_start = self.pars[s.paragraph].start if self.pars and s.paragraph < len(self.pars) else s.start
                findings = [f for f in findings if not two_koreas(text, par_start, s.start, f)]
            if not findings:
                continue
            named = [f.parties for f in findings if not f.defaulted]
            if named:
                sayers[si] = named[-1]
            made_at = self._meeting_near(si)
            date: dt.date | None = (
                meeting_date
                if made_at is not None
                and self.recorded is not None
                and made_at == self.meeting_iris.get(self.recorded.key)
                else None
            )
            framed[si] = self.lead_incidents(si, findings[0], incident_by_sentence.get(si, []))
            previous: list[tuple[int, str]] = []
            previous_threats: tuple[ThreatMention, ...] = ()
            if si > 0 and self.sents[si - 1].paragraph == s.paragraph:
                previous = list(framed.get(si - 1, []))
            # what the earlier sentences of the paragraph condemned: "condemned the landmine blast ... They
            # assessed that ... The two sides reaffirmed that the Alliance will answer any provocation"
            ci = si - 1
            while ci >= 0 and self.sents[ci].paragraph == s.paragraph:
                if condemned.get(ci) or condemned_threats.get(ci):
                    previous = [*condemned.get(ci, []), *previous]
                    previous_threats = (*condemned_threats.get(ci, ()), *previous_threats)
                ci -= 1
            if _PURSUES_GOALS.search(text, s.start, s.end):
                # "... in pursuit of these goals": it pursues the goals set out before, it answers no incident
                previous, previous_threats = [], ()
            if not previous and _DEICTIC.match(text, s.start):
                previous = self._pointed_back(si, incident_by_sentence)
            if not previous and _DEICTIC_NOUN.search(text, s.start, s.end):
                previous = self._cued_before(si, incident_by_sentence)
            if (
                not previous
                and opening is not None
                and s.paragraph == opening[0] + 1
                and not incident_by_sentence.get(si)
                and not _PURSUES_GOALS.search(text, s.start, s.end)
                and not self._turns_away(si)
            ):
                # a readout that condemns one test in its opening paragraph and pledges in the next ("Secretary X
                # spoke with Minister Y to condemn the DPRK's launch of ... . // The Secretary reaffirmed ...")
                previous = [opening[1]]
            context = _SentenceIncidents(
                incident_by_sentence.get(si, []), condemned.get(si, []), previous, previous_threats
            )
            hit_starts = [hs for hs, _he, _ts in hits]

            def names_field(a: int, b: int, starts: list[int] = hit_starts) -> bool:
                return any(a <= h < b for h in starts)

            pieces = [piece for found in findings for piece in split_pledge(text, self.tokens, found, names_field)]
            siblings: dict[frozenset[str], list[str]] = {}  # the types of each party's last pledge here
            for n, found in enumerate(pieces):
                type_names = self.commitment_types(found, hits, si, siblings.get(found.parties))
                if not type_names:
                    continue
                siblings[found.parties] = type_names
                self._pledged.add(si)
                key_start = s.start if n == 0 else found.start
                iri = self.b.commitment_iri(key_start)
                self.commitment_node(iri, found, type_names, made_at, date or self.doc.date)
                self.link_responses(iri, si, found, context, threat_by_sentence)

    def _turns_away(self, si: int) -> bool:
        """Does sentence ``si``, or the first sentence of its paragraph, open by turning to another matter
        ("Separately, the two leaders agreed to ...", the rule file's ``topic_shift_cue``)?"""
        first = si
        while first > 0 and self.sents[first - 1].paragraph == self.sents[si].paragraph:
            first -= 1
        return any(_TOPIC_SHIFT.match(self.text, self.sents[i].start) for i in {first, si})

    def _opening_condemned(
        self,
        headings: set[int],
        incident_by_sentence: dict[int, list[tuple[int, str]]],
        condemned: dict[int, list[tuple[int, str]]],
    ) -> tuple[int, tuple[int, str]] | None:
        """The paragraph of a readout that condemns the one incident it is about, and that incident.

        Only a text of kind "other" (a call or meeting readout, a spokesperson's release; not a communiqué, a
        joint statement or a report of others): the first body paragraph that names any incident (headings
        skipped) is one of the first ``_READOUT_OPENING`` body paragraphs, names exactly one incident, and
        condemns it. The pledges of the paragraph right after it answer that incident (``extract``); nothing
        further on, and never a sentence that names an incident of its own.
        """
        if self.doc.kind != "other":
            return None
        first = next(
            (
                si
                for si in sorted(incident_by_sentence)
                if incident_by_sentence[si] and self.sents[si].paragraph not in headings
            ),
            None,
        )
        if first is None:
            return None
        paragraph = self.sents[first].paragraph
        body = [i for i in range(len(self.pars)) if i not in headings][:_READOUT_OPENING]
        if paragraph not in body:
            return None
        named = {
            inc
            for si, found in incident_by_sentence.items()
            if self.sents[si].paragraph == paragraph
            for _, inc in found
            if self._respondable(inc)
        }
        if len(named) != 1:
            return None
        hit = next(
            (
                (pos, inc)
                for si, found in condemned.items()
                if self.sents[si].paragraph == paragraph
                for pos, inc in found
                if inc in named
            ),
            None,
        )
        return (paragraph, hit) if hit is not None else None

    def _pointed_back(self, si: int, incident_by_sentence: dict[int, list[tuple[int, str]]]) -> list[tuple[int, str]]:
        """What "In this regard, ..." points back to: the incidents of the nearest earlier sentence of the
        paragraph that names any, or, for a paragraph's first sentence, those of the paragraph before."""
        paragraph = self.sents[si].paragraph
        ci = si - 1
        while ci >= 0 and self.sents[ci].paragraph == paragraph:
            if incident_by_sentence.get(ci):
                return list(incident_by_sentence[ci])
            ci -= 1
        if ci >= 0 and ci == si - 1:  # the sentence opens its paragraph: the paragraph before
            before = self.sents[ci].paragraph
            out: list[tuple[int, str]] = []
            while ci >= 0 and self.sents[ci].paragraph == before:
                out[:0] = incident_by_sentence.get(ci, [])
                ci -= 1
            return out
        return []

    def _cued_before(self, si: int, incident_by_sentence: dict[int, list[tuple[int, str]]]) -> list[tuple[int, str]]:
        """What "... a peaceful resolution of this problem" points back to: the incidents of the sentence right
        before (in the same paragraph) that a response cue of that sentence introduced ("in light of North Korea's
        admission to ...")."""
        ci = si - 1
        if ci < 0 or self.sents[ci].paragraph != self.sents[si].paragraph or not incident_by_sentence.get(ci):
            return []
        cue = self._first_cue(ci, self.sents[ci].start, self.sents[ci].end)
        if cue is None:
            return []
        return [(p, inc) for p, inc in incident_by_sentence[ci] if cue.start() < p]

    def lead_incidents(
        self, si: int, found: CommitmentFinding, incidents: list[tuple[int, str]]
    ) -> list[tuple[int, str]]:
        """The incidents a cue in the sentence's introduction answers ("In response to the test, ...")."""
        s = self.sents[si]
        if not incidents or found.lead_end <= s.start:
            return []
        cue = self._first_cue(si, s.start, found.lead_end)
        recent_only = cue is None
        if cue is None:
            cue = self._temporal_lead(si, found.lead_end)
        if cue is None:
            return []
        return [
            (p, inc)
            for p, inc in incidents
            if cue.start() < p < found.lead_end and (not recent_only or self._recent(inc))
        ]

    def _temporal_lead(self, si: int, lead_end: int) -> re.Match[str] | None:
        """A "Following ..."/"After ..." that opens sentence ``si`` before its pledge's clause at ``lead_end``."""
        s = self.sents[si]
        m = _TEMPORAL_LEAD.match(self.text, s.start, lead_end)
        return m if m is not None and lead_end > s.start else None

    def _recent(self, iri: str) -> bool:
        """Did the incident fall shortly before the document (``temporal_lead``'s ``within_days``)?"""
        node = self.b.nodes.get(iri)
        when = node.props.get(Prop.DATE.value) if node is not None else None
        day = self.recorded.date if self.recorded is not None and self.recorded.date else self.doc.date
        if not isinstance(when, dt.date) or not isinstance(day, dt.date):
            return False
        return dt.timedelta(0) <= day - when <= _TEMPORAL_LEAD_DAYS

    def commitment_types(
        self,
        found: CommitmentFinding,
        hits: list[tuple[int, int, tuple[str, ...]]],
        si: int,
        sibling: list[str] | None = None,
    ) -> list[str]:
        """The scheme concepts of a commitment clause.

        The phrases of the clause from its subject on (an introduction such as "With
        2013 marking the anniversary of the Mutual Defense Treaty, ..." is a circumstance,
        not the pledge); else, when the clause points back ("committed to its timely
        implementation"), those of the same subject's earlier clauses of the sentence;
        else, for a pledge a party states itself, the broad concept of its first cue word
        (``skos:hiddenLabel``): a statement of will is a commitment even when no phrase
        of the scheme names it. A pledge that names no field at all takes the broadest
        concept (``untyped_pledge`` in ``commitments.yaml``).
        """
        lo, hi = found.span
        vs, ve = found.verb_span
        if self.text[vs:ve].lower().startswith(_ACT_VERBS) and _DOCUMENTS_ONLY.match(self.text, ve, found.end):
            return []  # "the leaders adopted the Camp David Principles and the Spirit of Camp David joint statement"
        # the sentence's introduction ("With 2013 marking the anniversary of the Mutual Defense
        # Treaty, they decided ...") types the pledge only when the pledge itself names nothing
        # (the name of the meeting it is kept at is never its field: "at the Asia-Pacific Economic Cooperation
        # (APEC) Economic Leaders' Meeting")
        own = [
            (hs, he, ts)
            for hs, he, ts in hits
            if max(lo, found.lead_end) <= hs < hi and not self._defends_values(hs, he) and not self._venue(hs, he)
        ]
        # a document the pledge cites ("as stated in the Mutual Defense Treaty") or a circumstance it is kept in
        # ("during the process of ... denuclearization"), the parties to it, a view listed with it: each gives way
        # to the pledge's own field
        stated = [(hs, ts) for hs, _he, ts in own if not self._cited(found, hs) and not self._aside(found, hs)]
        names = self._unharmed(found, stated or [(hs, ts) for hs, _he, ts in own], si)
        if not names and found.explicit:
            # "pledged to ... cooperation to implement the CMA": an abbreviation the text defined after a scheme phrase
            # names that phrase's field in a pledge a party states whose clause names no other
            first = max(lo, found.lead_end)
            names = {t for hs, _he, ts in self._abbreviated.get(si, []) if first <= hs < hi for t in ts}
        if not names and found.anaphoric:
            names = {t for hs, _he, ts in hits for a, b in found.borrow if a <= hs < b for t in ts}
        if _FIELDS_ANAPHOR.search(self.text, max(lo, found.lead_end), hi):
            names = names | self._fields_listed_before(si)  # "the bodies that support these domains"
        if not names and found.explicit and lo < found.lead_end:
            # "Noting that the Eighth Special Measures Agreement runs through 2013, ... agreed to begin talks
            # on the next agreement": the introduction names the field the pledge does not
            names = {t for hs, he, ts in hits if lo <= hs < found.lead_end and not self._commemorated(found, si, hs)
                     and not self._venue(hs, he) for t in ts}  # fmt: skip
        if not names and found.explicit and not found.defaulted:
            # the broad concept of the first cue word after the verb ("to hold prompt consultations")
            cue = next(
                (c for c in self._cue_words_in(si) if found.verb_span[1] <= c[0] < hi and not self._manner(c[0], c[1])),
                None,
            )
            if cue is not None:
                # "... to ensure a smooth and timely deployment of forces" after "the decision to provide additional
                # forces in Iraq": the cue word takes the field an earlier sentence of the paragraph gave it
                names = self._named_before(si, self.text[cue[0] : cue[1]]) or set(cue[2])
            else:
                names = self._untyped(found, hits, si, sibling)
            names &= self.lex.concepts.keys()
        return sorted(names)

    def _fields_listed_before(self, si: int) -> set[str]:
        """The concepts of the fields an earlier sentence of sentence ``si``'s paragraph listed after an area noun
        ("cooperation in the areas of defense research and development, industrial cooperation, ..."), the
        nearest such sentence: what "these domains" of sentence ``si`` are. Empty when none lists any."""
        paragraph = self.sents[si].paragraph
        k = si - 1
        while k >= 0 and self.sents[k].paragraph == paragraph:
            s = self.sents[k]
            listed = [m.end() for m in _FIELDS_ANTECEDENT.finditer(self.text, s.start, s.end)]
            if listed:
                at = listed[-1]
                close = _FIELDS_LIST_END.search(self.text, at, s.end)
                upto = close.start() if close is not None else s.end
                out = {t for hs, he, ts in self._type_hits.get(k, []) if at <= hs < upto and not self._venue(hs, he)
                       for t in ts}  # fmt: skip
                if out:
                    return out & self.lex.concepts.keys()
            k -= 1
        return set()

    def _named_before(self, si: int, word: str) -> set[str]:
        """The concepts of the scheme phrases next to ``word`` (within ``_NEAR``) where an earlier sentence of
        sentence ``si``'s paragraph used it: the field the paragraph gave the word."""
        paragraph = self.sents[si].paragraph
        out: set[str] = set()
        k = si - 1
        while k >= 0 and self.sents[k].paragraph == paragraph:
            s = self.sents[k]
            named = self.tokens.phrase_starts(self.text, word, s.start, s.end)
            if named:
                for hs, he, ts in self._type_hits.get(k, []):
                    if any(hs - _NEAR <= p < he + _NEAR for p in named) and not self._venue(hs, he):
                        out.update(ts)
            k -= 1
        return out & self.lex.concepts.keys()

    def _commemorated(self, found: CommitmentFinding, si: int, start: int) -> bool:
        """Does the scheme phrase at ``start`` name what an anniversary in the sentence's introduction commemorates
        (``anniversary_of``: "As 2013 marks the 60th anniversary of the Alliance, which was forged by the signing of
        the Mutual Defense Treaty, they ...")? Such a phrase types no pledge of the sentence."""
        begin = self.sents[si].start
        if not begin <= start < found.lead_end:
            return False
        return _ANNIVERSARY_OF.search(self.text, begin, start) is not None

    def _cited(self, found: CommitmentFinding, start: int) -> bool:
        """Does the scheme phrase at ``start`` stand in a document the pledge cites or a circumstance it is kept in
        (``cited_before``), after the pledge's verb?"""
        lo = max(found.verb_span[1], start - _CITE_REACH)
        return lo < start and _CITED_BEFORE.search(self.text, lo, start) is not None

    def _venue(self, start: int, end: int) -> bool:
        """Does the scheme phrase at ``start:end`` stand inside the name of a meeting ("at the Asia-Pacific Economic
        Cooperation (APEC) Economic Leaders' Meeting": ``venue_before``, ``venue_after``)?"""
        s = self.sindex.at(start)
        lo = self.sents[s].start if s is not None else max(0, start - _CITE_REACH)
        return (
            _VENUE_BEFORE.search(self.text, max(lo, start - _CITE_REACH), start) is not None
            and _VENUE_AFTER.match(self.text, end, end + _CITE_REACH) is not None
        )

    def _aside(self, found: CommitmentFinding, start: int) -> bool:
        """Is the scheme phrase at ``start:end`` no field of the pledge but who take part ("consultations between
        ROK and U.S. forces": ``participants_before``) or a view listed with it ("as well as the importance of
        trilateral cooperation": ``view_in_list``)?"""
        lo = max(found.verb_span[1], start - _CITE_REACH)
        return lo < start and (
            _PARTICIPANTS_BEFORE.search(self.text, lo, start) is not None
            or _VIEW_IN_LIST.search(self.text, lo, start) is not None
        )

    def _defends_values(self, start: int, end: int) -> bool:
        """Does the phrase at ``start:end`` end in a word of defending whose object is shared values ("commitment
        to defend universal human rights")?"""
        last = self.text[start:end].rsplit(None, 1)[-1].lower()
        return last in _VALUE_CUES and _VALUES_OBJECT.match(self.text, end) is not None

    def _manner(self, start: int, end: int) -> bool:
        """Is the cue word at ``start:end`` the manner of a cause it names ("coordination on promoting democracy",
        "defend universal human rights")?"""
        word = self.text[start:end].lower()
        if word in _VALUE_CUES:
            return _VALUES_OBJECT.match(self.text, end) is not None
        if word in _SETTLING_CUES:
            return _SETTLING_OBJECT.match(self.text, end) is not None  # "resolution of the issues": a settling
        return word in _MANNER_CUES and _MANNER_OBJECT.match(self.text, end) is not None

    def _cue_words_in(self, si: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """The cue words (``skos:hiddenLabel``) of sentence ``si``, found once per sentence."""
        found = self._cue_words.get(si)
        if found is None:
            s = self.sents[si]
            found = list(self.lex.commitment_cues.finditer(self.text, self.tokens, s.start, s.end))
            self._cue_words[si] = found
        return found

    def _unharmed(
        self,
        found: CommitmentFinding,
        own: list[tuple[int, tuple[str, ...]]],
        si: int,
    ) -> set[str]:
        """The concepts of the clause's own phrases, without those the answered act harms.

        "committed to respond to DPRK provocations that undermine regional peace": "regional peace" is
        what the provocations harm (``harmed_before``), not the pledge's field. Such a phrase gives way
        to the clause's other phrases, else to the first cue word between the verb and the harm
        ("provocations"); with neither it stays ("to defend against any act that threatens the
        security of the ROK").
        """
        text = self.text
        kept: set[str] = set()
        harms: list[int] = []
        for hs, ts in own:
            harm = _HARMED_BEFORE.search(text, max(found.verb_span[1], hs - _HARM_REACH), hs)
            if harm is None:
                kept.update(ts)
            else:
                harms.append(harm.start())
        if kept or not harms:
            return kept
        cue = next((c for c in self._cue_words_in(si) if found.verb_span[1] <= c[0] and c[1] <= min(harms)), None)
        if cue is not None:
            return set(cue[2]) & self.lex.concepts.keys()
        return {t for _hs, ts in own for t in ts}

    def _untyped(
        self,
        found: CommitmentFinding,
        hits: list[tuple[int, int, tuple[str, ...]]],
        si: int,
        sibling: list[str] | None = None,
    ) -> set[str]:
        """The concepts of a pledge whose clause names no field and no cue word.

        What the same subject named earlier in the sentence ("underscored the proposal for Four Party
        talks and pledged to work together to bring North Korea to the table"), or the field a definite
        object points back to ("... under the Counter-Provocation Plan, and agreed to keep refining the
        plan"), or the field of the same party's pledge just before it in the sentence; else the broadest
        concept, but only for a statement of will (an infinitive, a
        "that"-clause, a pledge noun or a modal right after the verb): "reaffirmed the strength of the
        alliance" states none and is no commitment.
        """
        text = self.text
        lo, hi = found.span
        borrowed = {
            t
            for hs, _he, ts in hits
            for a, b in found.borrow
            if a <= hs < b and not self._commemorated(found, si, hs)
            for t in ts
        }
        if borrowed:
            return borrowed
        if found.anaphoric and found.borrow:
            # "noted progress to align the bilateral defense mechanisms ..., and pledged to continue assessing
            # them": a pronoun points back to what the same subject named, here by a cue word only
            cues = self._cue_words_in(si)
            cue = next((c for c in cues for a, b in found.borrow if a <= c[0] < b), None)
            if cue is not None:
                return set(cue[2])
        # the phrases near the object's head word where the sentence, or an earlier sentence of the
        # paragraph, named it ("a conditions-based approach to the transition of wartime operational
        # control. They signed a memorandum that sets out the approach")
        before = [h for h in hits if h[0] < lo]
        paragraph = self.sents[si].paragraph
        first = si
        while first > 0 and self.sents[first - 1].paragraph == paragraph:
            first -= 1
            before[:0] = self._type_hits.get(first, [])
        para_start = self.sents[first].start
        for m in _DEFINITE_OBJECT.finditer(text, found.verb_span[1], hi):
            head = re.compile(r"\b" + re.escape(m.group("head")) + r"\b", re.IGNORECASE)
            named = [h.start() for h in head.finditer(text, para_start, lo)]
            if not named:
                continue
            back = {t for hs, he, ts in before if any(hs - _NEAR <= p < he + _NEAR for p in named) for t in ts}
            if back:
                return back
        if _OFFER_TO_ADVERSARY.match(text, found.verb_span[1], hi):
            return set()  # "stand ready to offer a brighter future for the DPRK": nothing of the alliance
        if sibling:
            # "signed a memorandum that sets out the approach and directed the Military Committee to report
            # on progress": a pledge coordinated with the same party's pledge carries on its field
            return set(sibling)
        vs, ve = found.verb_span
        verb = text[vs:ve].lower()
        # a pledging verb that took its "to" ("are determined to align ...") is read with it (not "intend to",
        # "plan to": an intention names a field or is none)
        after = ve - 3 if verb.endswith((" to", "\nto")) and any(w in verb for w in _TO_PLEDGES) else ve
        standing_with = " ".join(verb.replace("-", " ").split())
        if (
            verb.startswith(_MODAL_WORDS + _ACT_VERBS)
            or _WILL_AFTER_VERB.match(text, after, hi)
            or any(w in standing_with for w in _SOLIDARITY)
        ):
            # "X offered condolences for the damage the hurricanes caused. X expressed the commitment to provide
            # strong support for full recovery": a will whose field the sentence before in its paragraph named, as
            # the one field it names, pledges in that field, not the alliance in general
            return self._field_before(si) or set(_UNTYPED_PLEDGE)
        return set()

    def _field_before(self, si: int) -> set[str]:
        """The one field (a concept, with its broader ones) the sentence before sentence ``si`` in its paragraph
        names, when that sentence sets the scene (it pledges nothing itself: "expressed condolences for the damage
        the hurricanes caused"); empty when it names none or several, or made its own pledge ("... committed to work
        together toward denuclearization. They also ... agreed to work with the international community to help
        its people" is another matter)."""
        if si == 0 or self.sents[si - 1].paragraph != self.sents[si].paragraph or si - 1 in self._pledged:
            return set()
        names = {t for hs, he, ts in self._type_hits.get(si - 1, []) if not self._venue(hs, he) for t in ts}
        names &= self.lex.concepts.keys()
        narrowest = [n for n in names if not any(n in self._broader(o) for o in names if o != n)]
        return names if len(narrowest) == 1 else set()

    def _broader(self, name: str) -> set[str]:
        """The concepts broader than ``name`` (transitively)."""
        out: set[str] = set()
        todo = [name]
        while todo:
            c = self.lex.concepts.get(todo.pop())
            for b in c.broader if c is not None else ():
                if b not in out:
                    out.add(b)
                    todo.append(b)
        return out

    def commitment_node(
        self, iri: str, found: CommitmentFinding, type_names: list[str], made_at: str | None, date: dt.date | None
    ) -> None:
        """Write one commitment with its party, beneficiary, types and meeting."""
        text = self.text
        parties = sorted(found.parties)
        confidence = 0.85 - (0.2 if found.defaulted else 0.0) + (0.05 if found.cues else 0.0)
        label = labels.commitment_label(parties, found.stance, type_names)  # the analyst's words, not codes
        props: dict[str, Any] = {
            _STANCE: found.stance,
            _STRENGTH: found.strength,
            _CUES: found.cues,
            _CONFIDENCE: round(confidence, 3),
            _DATE: date,
            _DESCRIPTION: text[found.start : found.end][:500],
        }
        self.b.node(iri, Kind.COMMITMENT, label, props)
        self.b.evidence(iri, found.start, found.end, confidence)
        for party in parties:
            piri = self.actor_id_node(party)
            if piri is not None:
                self.b.rel(Rel.COMMITTED_BY, iri, piri)
        for beneficiary in found.beneficiaries:
            biri = self.actor_id_node(beneficiary)
            if biri is not None:
                self.b.rel(Rel.BENEFICIARY, iri, biri)
        for name in type_names:
            self.b.rel(Rel.COMMITMENT_TYPE, iri, self.b.concept(name, self.lex.concepts))
        if made_at is not None:
            self.b.rel(Rel.MADE_AT, iri, made_at)

    def link_responses(
        self,
        iri: str,
        si: int,
        found: CommitmentFinding,
        context: _SentenceIncidents,
        threat_by_sentence: dict[int, list[ThreatMention]],
    ) -> None:
        """RESPONDS_TO what a cue of the commitment's own clause ties it to; CONCERNS the sentence's threats.

        A cue ("in response to", "in light of", "particularly given", "mindful of")
        governs the incidents named after it in its clause; a cue in the sentence's
        introduction ("In response to the test, the two sides agreed ..., and the
        Secretary reaffirmed ...") governs every clause of the sentence. A pledge
        also answers what its own subject condemned earlier in the sentence
        ("condemned the launch and reaffirmed ..."), or, when it has no cue of its
        own, what an earlier sentence of its paragraph condemned. A "Following the
        test of October 9, ..." that opens the sentence frames it as a cue does. Other
        incidents of the paragraph, or another clause's, are not answered.
        """
        s = self.sents[si]
        scopes = [found.span]
        if found.lead_end > s.start and found.span[0] > s.start:
            scopes.append((s.start, found.lead_end))
        elif found.span[0] > s.start and self._participle_pledge(s.start, found.span[0]):
            scopes.append((s.start, found.span[0]))  # "discussed responses to the test ..., reaffirming ..."
        responded = False
        named_event = False  # a cue names an event: no standing threat is answered in its stead
        linked: set[str] = set()
        threats = threat_by_sentence.get(si, [])
        for lo, hi in scopes if context.named or threats else ():
            cue = self._first_cue(si, lo, hi)
            recent_only = False
            if cue is None and lo == s.start:
                # "Following the nuclear test of October 9, the U.S. ...": what the introduction names
                cue = self._temporal_lead(si, found.lead_end)
                hi, recent_only = min(hi, found.lead_end), True
            if cue is None:
                continue
            named_event = named_event or (
                _EVENT_AFTER_CUE.match(self.text, cue.end(), hi) is not None
                and _HYPOTHETICAL_AFTER_CUE.match(self.text, cue.end(), hi) is None
            )
            for pos, inc in context.named:
                if recent_only and not self._recent(inc):
                    continue
                if cue.start() < pos < hi and self._respondable(inc):
                    self.b.rel(Rel.RESPONDS_TO, iri, inc)
                    linked.add(inc)
                    responded = True
        answered = [inc for pos, inc in context.condemned if any(a <= pos < b for a, b in found.borrow)]
        carried = False  # the pledge answers what an earlier sentence of its paragraph condemned
        if not responded and not answered:
            answered = [inc for _, inc in context.before]
        elif context.before:
            carried = bool({inc for _, inc in context.before} & linked)
        for inc in answered:
            if self._respondable(inc):
                self.b.rel(Rel.RESPONDS_TO, iri, inc)
                responded = True
        if carried:
            # ... and the standing threats that sentence condemned ("condemned the DPRK's continuing ballistic
            # missile launches and the balloon campaign. In light of these provocations, ... agreed ...")
            for t in context.before_threats:
                self.b.rel(Rel.RESPONDS_TO, iri, self.threat_node(t.poser, t.threat_type))
                responded = True
        for t in threats:
            tiri = self.threat_node(t.poser, t.threat_type)
            self.b.rel(Rel.CONCERNS, iri, tiri)
            if responded or named_event or not any(lo <= t.start < hi for lo, hi in scopes):
                continue
            if _THREAT_CUE.search(self.text, max(s.start, t.start - _THREAT_WINDOW), t.start):
                self.b.rel(Rel.RESPONDS_TO, iri, tiri)

    def _participle_pledge(self, sent_start: int, start: int) -> bool:
        """Does the pledge's clause at ``start`` open with a participle right after a comma ("..., reaffirming";
        ``participle_pledge`` in ``responses.yaml``)?"""
        m = _PARTICIPLE_PLEDGE.search(self.text, max(sent_start, start - 4), start + 24)
        return m is not None and m.end() == start

    def _first_cue(self, si: int, start: int, end: int) -> re.Match[str] | None:
        """The first response cue of sentence ``si`` that starts in ``[start, end)``."""
        cues = self._cues.get(si)
        if cues is None:
            s = self.sents[si]
            cues = self._cues[si] = list(_RESPONSE_CUE.finditer(self.text, self.tokens, s.start, s.end))
        return next((m for m in cues if start <= m.start() < end), None)

    def _respondable(self, iri: str) -> bool:
        """Only incidents are answered; outside agreements are not crises."""
        node = self.b.nodes.get(iri)
        return node is not None and node.kind != Kind.AGREEMENT

    def _meeting_near(self, si: int) -> str | None:
        """The meeting a commitment was stated at: the recorded one, else one named in its sentence or paragraph."""
        if self.recorded is not None:
            return self.meeting_iris.get(self.recorded.key)
        if self._near is None:
            by_sentence: dict[int, str] = {}
            by_paragraph: dict[int, str] = {}
            for meeting in self.meetings:
                iri = self.meeting_iris.get(meeting.key)
                if iri is None:
                    continue
                for m in meeting.mentions:
                    msi = self.sindex.at(m.start)
                    if msi is not None:
                        by_sentence.setdefault(msi, iri)
                        by_paragraph.setdefault(self.sents[msi].paragraph, iri)
            self._near = (by_sentence, by_paragraph)
        by_sentence, by_paragraph = self._near
        return by_sentence.get(si) or by_paragraph.get(self.sents[si].paragraph)
