"""Commitments: clauses in which a party pledges, reaffirms, agrees or decides.

The verbs, cue words and party references are data
(``extractors/data/rules/commitments.yaml``); this module reads a sentence
with them, clause by clause:

* **Verbs by what they do.** A *pledging* verb ("reaffirmed", "pledged",
  "agreed", "commits to", "announced the establishment of") states a pledge; an
  *assessment* verb ("noted", "welcomed", "assessed", "shared the view",
  "condemned", "highlighted") a view; a *demand* ("urged the DPRK to ...",
  "called on North Korea to ...") asks something of another party; *reported
  speech* ("stated", "made clear") passes on what its "that"-clause says; a
  *modal* ("will", "would") is a statement of will at the top of a sentence.
* **"That"-clauses decide.** "reaffirmed that the ROK and the United States
  would continue ..." is a pledge (a modal, a commitment verb or a pledge noun
  in the clause); "reaffirmed that its security is vital ...", "confirmed that
  cost-sharing contributes to ..." state views; nothing in the "that"-clause of
  an assessment verb is a pledge, except a declaratory statement ("any nuclear
  attack ... will be met with ...").
* **Objects decide.** "reiterated the firm view that ..." is an assessment,
  "reaffirmed the commitment to ..." a pledge.
* **Who commits**: the subject right before the verb (adverbs or one
  parenthetical between: "The Minister, noting ..., pledged"), else the subject
  of the sentence's previous reporting verb ("They urged the DPRK to ... and
  reaffirmed ..."). A party after a preposition or a demand ("urged the DPRK")
  or before a possessive ("North Korea's") is never a subject. "The Minister"
  and "the Secretary" are the heads of delegation; "the two sides", "both",
  "the Alliance" (also "US-ROK Alliance" with or without periods, hyphen or en
  dash) are both parties. An adversary (North Korea, China, Russia, ...) never
  shares an alliance pledge, and commits alone only as the subject of an
  explicit commitment verb.
* **Stance** from the change words the pledge governs: suspend/postpone ->
  suspended; reduce/withdraw -> weakened; strengthen/enhance -> strengthened
  (a restatement of a standing pledge to strengthen stays reaffirmed, and so does a
  continuation: "including continuation of the extended deterrence"); a pledge to grow the
  relationship itself ("further strengthening the Alliance", "deepening regional engagement",
  "in a mutually reinforcing manner") is the ordinary statement of an alliance pledge, not a
  stronger one: "strengthened" is for a pledge whose own content rises; a change
  word owned by another party ("North Korea's freeze") does not count, and a
  suspended or denied reduction ("the second phase of the reduction will not
  proceed", "no plan to reduce its forces") keeps the forces: reaffirmed.
* **Strength** from cue words ("ironclad", "unwavering", "firm").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from extractors.rules import regex_cache
from extractors.rules.actors import ActorMention, country_word
from extractors.rules.patterns import compose, compose_source, first_word_prefixes, load_rules
from extractors.rules.scan import Tokens
from graph.schema import Kind

RULES = load_rules("commitments")

_KINDS: tuple[str, ...] = ("reaffirm", "pledge", "demand", "speech", "assessment", "neutral", "modal")
"""Verb classes, in the order they are tried at one position (see the rule file)."""
_PLEDGING = frozenset({"reaffirm", "pledge", "modal"})
_MAY_PLEDGE = _PLEDGING | {"speech"}
_VERB_PREFIXES: tuple[str, ...] = tuple(
    sorted(set().union(*(first_word_prefixes(RULES.regex(kind + "_verbs")) or set() for kind in _KINDS)))
)
_PLEDGE_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        set().union(*(first_word_prefixes(RULES.regex(k + "_verbs")) or set() for k in ("reaffirm", "pledge", "modal")))
    )
)


def _is_verb_anchor(word: str) -> bool:
    return word.startswith(_VERB_PREFIXES)


class _VerbPatterns:
    """The verb classes as one pattern per first word: at a token, only the alternatives that
    can begin with its word are tried (a handful instead of all), in the rule file's order."""

    def __init__(self) -> None:
        self.alternatives: list[tuple[str, str, tuple[str, ...]]] = []
        for kind in _KINDS:
            for source in RULES.patterns[kind + "_verbs"]["any"]:
                alt = compose_source(RULES, str(source))  # ("{procedure}" in a modal's exceptions)
                prefixes = first_word_prefixes(str(alt), re.IGNORECASE)
                if prefixes is None:
                    msg = f"verb pattern {alt!r} ({kind}) must begin with a literal word"
                    raise ValueError(msg)
                self.alternatives.append((kind, str(alt), tuple(sorted(prefixes))))
        self._memo: dict[str, re.Pattern[str] | None] = {}
        self._by_set: dict[tuple[int, ...], re.Pattern[str]] = {}

    def for_word(self, word: str) -> re.Pattern[str] | None:
        """The pattern of the alternatives that may begin with ``word`` (lower-cased); None if none.

        Words that share their alternatives ("agreed", "agree") share one compiled pattern.
        """
        try:
            return self._memo[word]
        except KeyError:
            pass
        chosen = tuple(k for k, (_kind, _alt, prefixes) in enumerate(self.alternatives) if word.startswith(prefixes))
        pattern = self._by_set.get(chosen) if chosen else None
        if chosen and pattern is None:
            groups: dict[str, list[str]] = {}
            for k in chosen:
                kind, alt, _prefixes = self.alternatives[k]
                groups.setdefault(kind, []).append(alt)
            body = "|".join(f"(?P<{kind}>{'|'.join(alts)})" for kind, alts in groups.items())
            pattern = self._by_set[chosen] = regex_cache.compile(rf"\b(?:{body})\b", re.IGNORECASE)
        if len(self._memo) < 100_000:
            self._memo[word] = pattern
        return pattern

    def finditer(self, text: str, tokens: Tokens, start: int, end: int) -> Iterator[re.Match[str]]:
        """Non-overlapping verb matches that start in ``[start, end)``, in text order."""
        starts, lower = tokens.starts, tokens.lower
        candidates = tokens.candidates(self, _is_verb_anchor)
        last_end = start
        for k in range(bisect.bisect_left(candidates, bisect.bisect_left(starts, start)), len(candidates)):
            i = candidates[k]
            pos = starts[i]
            if pos >= end:
                break
            if pos < last_end:
                continue
            pattern = self.for_word(lower[i])
            m = pattern.match(text, pos, end) if pattern is not None else None
            if m is not None:
                last_end = m.end()
                yield m


_VERBS_ANCHORED = _VerbPatterns()
_AUXILIARIES = RULES.words("be_forms")
_NOUN_WORDS = RULES.words("pledge_noun_words")


def is_pledge_word(word: str) -> bool:
    """Can a sentence with this (lower-cased) word pledge? A pledging verb's first word (not a bare
    "is", "are", "be": "are committed" is found by "committed") or a pledge noun."""
    return word in _NOUN_WORDS or (word.startswith(_PLEDGE_PREFIXES) and word not in _AUXILIARIES)


def can_pledge(verbs: list[Verb], text: str, start: int, end: int) -> bool:
    """Can a sentence with these verbs pledge at all? Not with only assessments and demands
    ("noted ...", "urged ...") and no pledge noun; the check spares reading its parties."""
    return any(v.kind in _MAY_PLEDGE for v in verbs) or _NOUNS.search(text, start, end) is not None


_NOUNS = RULES.regex("pledge_nouns")
_CITED_PLEDGE = RULES.regex("cited_pledge")
_EMBEDDED_NOUNS = RULES.regex("embedded_pledge_nouns")
_SPEECH_NOUNS = RULES.regex("speech_pledge_nouns")
_ADVERSARY_OBJECT = RULES.regex("adversary_object")
_ADVERSARY_CONSEQUENCE = RULES.regex("adversary_consequence")
_SUBJECT_JOIN = RULES.regex("subject_join")
_PASSIVE_MODAL = RULES.regex("passive_modal")
_NORTH_OPENS = RULES.regex("north_opens")
_CONSEQUENCE_REACH = 80
"""Characters after a modal within which ``adversary_consequence`` looks for the response it will face."""
_EXHORTATION_MODALS = frozenset(RULES.word_list("exhortation_modals"))
_EXHORTATION_FOR_OTHERS = frozenset(RULES.word_list("exhortation_for_others"))
_TITLE_QUOTE = RULES.regex("title_quote")
_QUOTE_OPENS = RULES.regex("quote_opens")
_PURPOSE_AFTER = frozenset(RULES.word_list("purpose_after"))
_SHARED_GOAL = RULES.regex("shared_goal")
_OWNER_BEFORE = RULES.regex("owner_before")
_OWNED_OBJECT_LEAD = RULES.regex("owned_object_lead")
_SPEAKER_I = RULES.regex("speaker_i")
_GAPPED_THEN_WILL = RULES.regex("gapped_then_will")
_OWNED_OBJECT_NOUN = RULES.regex("owned_object_noun")
_VIEW_OBJECT = RULES.regex("view_object")
_VIEW_WINDOW = RULES.regex("view_window")
_VIEW_THEN_PLEDGE = RULES.regex("view_then_pledge")
_VIEW_CLAUSE = RULES.regex("view_clause")
_THAT_FOLLOWS = RULES.regex("that_follows")
_RELATIVES = RULES.words("relative_pronouns")
_AUX_WORDS = RULES.words("auxiliaries")
_PERFECT = RULES.words("perfect_auxiliaries")
_SKIPPED_ADVERBS = RULES.words("skipped_adverbs")
_ATTRIBUTIVE_BEFORE = RULES.words("attributive_before")
_ATTRIBUTIVE_TIME_NOUNS = RULES.words("attributive_time_nouns")
_ATTRIBUTIVE_OPENING = RULES.regex("attributive_opening")
_PARTICIPLE_OPENING = RULES.regex("participle_opening")
_SENTENCE_LEAD = RULES.regex("sentence_lead")
_ORGANIZATION = Kind.ORGANIZATION
_PERSON = Kind.PERSON
_SUSPEND = RULES.regex("suspend")
_WEAKEN = RULES.regex("weaken")
_STRENGTHEN = RULES.regex("strengthen")
_ORDINARY_GROWTH_AFTER = RULES.regex("ordinary_growth_after")
_ORDINARY_GROWTH_BEFORE = RULES.regex("ordinary_growth_before")
_CONTINUATION = RULES.regex("continuation")
_OTHER_OWNER_BEFORE = RULES.regex("other_owner_before")
_OTHER_OWNER_AFTER = RULES.regex("other_owner_after")
_NEGATION_BEFORE = RULES.regex("negation_before")
_DANGER_AFTER = RULES.regex("danger_after")
_ANY_CHANGE = regex_cache.compile("|".join(f"(?:{p.pattern})" for p in (_SUSPEND, _WEAKEN, _STRENGTHEN)), re.IGNORECASE)
_CHANGE_PREFIXES: tuple[str, ...] = tuple(
    sorted(set().union(*(first_word_prefixes(p) or set() for p in (_SUSPEND, _WEAKEN, _STRENGTHEN))))
)
CUES: tuple[str, ...] = RULES.word_list("cues")
_CUE_WORDS = frozenset(CUES)
_CUE_NOT_BEFORE = frozenset(RULES.word_list("cue_not_before"))
_OBJECT_MARKERS = RULES.words("object_markers")
_DETERMINERS = RULES.words("determiners")
_GROUP_HEADS = RULES.words("group_heads")
_TWO = RULES.regex("two_or_both")
_SECRETARY_AND = RULES.regex("secretary_and")
_INFINITIVE_AND = RULES.regex("infinitive_and")
_PARTICIPLE_SERIES_AND = RULES.regex("participle_series_and")
_GROUP_HEAD_SKIPPED = _DETERMINERS | RULES.words("group_head_modifiers")
_IRREGULAR_PAST = RULES.words("irregular_past")
ADVERSARIES: frozenset[str] = RULES.words("adversaries")
"""States that never share an alliance pledge."""
_ANAPHORS = RULES.words("anaphors")
_ADVERSARY_VERBS: tuple[str, ...] = RULES.word_list("adversary_commit_verbs")
_NAME_WORDS = RULES.words("name_words_before")
_NOUN_FORMS = RULES.words("noun_forms")
_SUBORDINATORS = RULES.words("subordinators")
_GAPPED = RULES.words("after_gapped_verb")
_SCHEDULE_ONLY = RULES.regex("schedule_only")
_OPEN_QUESTION = RULES.regex("open_question")
_FEAR_CLAUSE = RULES.regex("fear_clause")
_DENIED_NOUN_BEFORE = RULES.regex("denied_noun_before")
_WITH_ALLY_BEFORE = RULES.regex("with_ally_before")
_WE_SPEAKER_TAG = RULES.regex("we_speaker_tag")
_THEY_OFFICIALS_SAID = RULES.regex("they_officials_said")
_WITH_ALLY_INSIDE = RULES.regex("with_ally_inside")
_PARTICIPLE_VERBS = RULES.words("participle_verbs")
_SERIES_VERB = RULES.regex("series_verb")
_SERIES_TO = RULES.regex("series_to")
_COORDINATED_REAFFIRM_OBJECT = RULES.regex("coordinated_reaffirm_object")
_SERIES_CLOSE = RULES.regex("series_close")
_COORDINATED_PRESENT = RULES.regex("coordinated_present")
_PARTICIPLE_AFTER = RULES.regex("participle_after")
_PARTICIPLE_STRETCH = RULES.regex("participle_stretch")
_PARTICIPLE_SPOILS = RULES.regex("participle_spoils")
_SUBJECT_TITLES = RULES.words("subject_titles")
_OBJECT_RELATIVES = RULES.words("object_relatives")
_MODAL_RELATIVES = RULES.words("modal_relatives")
_COORDINATED = regex_cache.compile(
    r"(?:;|\b(?:"
    + "|".join(sorted(RULES.words("coordinators")))
    + r"))\s*(?:,?\s*"
    + RULES.regex("coordinator_links").pattern
    + r"\s*,?\s*)?(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


def _ref_lead(word: str) -> bool:
    """Can a reference begin with this word before its anchor ("the", "two", "49th", "forty")?"""
    return word in _REF_LEAD_WORDS or word[:1].isdigit() or word.endswith(("th", "st", "nd", "rd", "ty"))


_REF_LEAD_WORDS = frozenset(str(w).lower() for w in RULES.patterns["references"].get("lead_words", ()))
_REFS_ANCHORED = RULES.anchored("references", lead=_ref_lead)
_COORD_GAP = RULES.regex("coordination_gap")
_AND_WORDS = RULES.regex("joining_words")
_LIST_GOES_ON = RULES.regex("list_goes_on")


def _coordinated(text: str, previous: Ref, r: Ref) -> bool:
    """Are two references coordinated ("the Minister and the Secretary", "A, B and C")?

    A bare comma after an object ends its phrase unless a list goes on: in "in a call with Mr. Lee,
    President Obama reaffirmed ..." the President is the subject, alone.
    """
    gap = _COORD_GAP.match(text, previous.end, r.start)
    if gap is None:
        return False
    if previous.subject or "," not in gap.group() or _AND_WORDS.search(gap.group()):
        return True
    return _LIST_GOES_ON.match(text, r.end) is not None


_ADVERBS_ONLY = RULES.regex("adverbs_only")
_THAT_GAP_TIME = RULES.regex("that_gap_time")
_RELATIVE_AFTER = RULES.regex("relative_after")
_RELATIVE_BEFORE = RULES.regex("relative_before")
_RELATIVE_WINDOW = 160
_PARENTHETICAL_GAP = RULES.regex("parenthetical_gap")
_CLAUSE_LEAD = RULES.regex("clause_lead")
_SAME_ACTOR_GAP = RULES.regex("same_actor_gap")
_BENEFIT_KOR = RULES.regex("benefit_kor")
_DECLARATORY = RULES.regex("declaratory")
_BREACHED_BEFORE = RULES.regex("breached_before")
_FORECAST = RULES.regex("forecast")
_OTHERS_ANSWER = RULES.regex("others_answer")
_FORECAST_FORCE_SUBJECT = RULES.regex("forecast_force_subject")
_THAT = RULES.regex("that_word")
_WORD = regex_cache.compile(r"[\w’']+")
_BARE_SUBJECT = RULES.regex("bare_subject")
_EMBEDDED_SUBJECT_LEAD = RULES.regex("embedded_subject_lead")
_EMBEDDED_LEAD_LIST = RULES.regex("embedded_lead_list")
_PAIR_DISTANCE = 90
_SPEAKER_GAP = 40  # characters between a closing quote and the name of its speaker
_NOUN_SUBJECT_WORDS = 8
_NOUN_CONTENT = RULES.regex("noun_content")
"""Words before an unowned pledge noun beyond which it cannot head the sentence's subject."""
"""Characters within which a suspend word applies to a reduction ("postpone the second phase of the reduction")."""
_PASSIVE_AFTER = RULES.regex("passive_after")
_RUN_TO = regex_cache.compile(compose(RULES, "run_to"), RULES.flags("run_to"))
"""The next infinitive of a run after one pledge verb: ", to <verb>", ", and to <verb>", " and to <verb>"."""
_VERB_ENDS_TO = RULES.regex("verb_ends_to")
"""A pledge verb whose match ends with its "to" ("committed to", "pledged to" read as one verb)."""
_PURPOSE_TO = regex_cache.compile(compose(RULES, "purpose_to"), RULES.flags("purpose_to"))
"""An infinitive of purpose inside a piece of a run, with no comma before it ("... cooperation to deter ...")."""
_INFINITIVE_NEXT = regex_cache.compile(compose(RULES, "infinitive_next"), RULES.flags("infinitive_next"))
_RUN_AND = RULES.regex("run_and")
"""A run of infinitives is a list closed by "and"; without one, ", to <verb>" is the pledge's purpose."""
_RUN_GERUND = RULES.regex("run_gerund")
"""A gerund after the pledge's "to" ("commitment to using ..."): a noun object, no run of infinitives."""
_TO_INFINITIVE = regex_cache.compile(compose(RULES, "to_infinitive"), RULES.flags("to_infinitive"))
_PLURAL_REF = RULES.regex("plural_ref")
_MODALS = RULES.words("modals")
_PROMISSORY: tuple[str, ...] = tuple(RULES.word_list("promissory"))
_ONCE_AGAIN = RULES.regex("once_again")


BILATERAL: frozenset[str] = frozenset({"KOR", "USA"})
TRILATERAL: frozenset[str] = BILATERAL | {"JPN"}
"""The three allies of a trilateral text or meeting."""
"""The two parties of the alliance."""


@dataclass(slots=True)
class Ref:
    """A reference to one or more parties.

    ``subject`` is False where the reference cannot be a verb's subject: after
    a preposition or a demand ("urged the DPRK"), before a possessive
    ("North Korea's"), or coordinated with such a reference.
    """

    start: int
    end: int
    parties: frozenset[str]
    subject: bool = True
    meeting: bool = False


@dataclass
class CommitmentFinding:
    """One commitment clause as the rules read it.

    ``start``/``end`` is the evidence span (the clause, trimmed); ``span`` the
    window whose scheme phrases type it (to the next clause of the sentence);
    ``lead_end`` the end of the sentence's introduction (a response cue there
    applies to every clause); ``borrow`` windows of the same sentence and subject
    whose phrases a clause without its own may borrow ("welcomed the conclusion
    of the SMA and committed to its timely implementation"); ``explicit`` is True
    when a party says it pledges (a subject of its own, not a default), which
    lets a pledge without a scheme phrase take a broader concept.
    """

    start: int
    end: int
    parties: frozenset[str]
    stance: str
    cues: list[str]
    strength: float
    verb_span: tuple[int, int]
    defaulted: bool
    beneficiaries: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    lead_end: int = 0
    borrow: list[tuple[int, int]] = field(default_factory=list)
    explicit: bool = False
    anaphoric: bool = False
    group: str = "new"
    declaratory_orphan: bool = False  # a declaratory clause whose sayer the sentence does not name


def _owned_by_other(text: str, start: int, end: int, lo: int) -> bool:
    """A change word at ``text[start:end]`` whose object belongs to another party."""
    return bool(
        _OTHER_OWNER_BEFORE.search(text, max(lo, start - 60), start)
        or _OTHER_OWNER_AFTER.match(text, end, min(len(text), end + 60))
    )


def stance_of(clause: str, verb_group: str, words: list[str] | None = None) -> str:
    """Stance of a commitment from its clause (from the verb on) and the kind of its verb.

    >>> stance_of("reaffirmed its commitment to suspend the exercise", "reaffirm")
    'suspended'
    >>> stance_of("agreed to strengthen missile defense", "new")
    'strengthened'
    >>> stance_of("decided that the second phase of the reduction will not proceed", "new")
    'reaffirmed'
    >>> stance_of("reaffirmed support for the framework that froze North Korea's program", "reaffirm")
    'reaffirmed'
    >>> stance_of("agreed to further strengthen the Alliance", "new")
    'new'
    """
    base = "reaffirmed" if verb_group == "reaffirm" or _continues(clause) else "new"
    if words is not None:
        if not any(w.startswith(_CHANGE_PREFIXES) for w in words):
            return base  # the common case: no word can begin a change word
    elif _ANY_CHANGE.search(clause) is None:
        return base
    suspends = [m for m in _SUSPEND.finditer(clause) if not _owned_by_other(clause, m.start(), m.end(), 0)]
    weakens = [
        m
        for m in _WEAKEN.finditer(clause)
        if not _owned_by_other(clause, m.start(), m.end(), 0) and not _DANGER_AFTER.match(clause, m.end())
    ]
    kept = [m for m in weakens if not _NEGATION_BEFORE.search(clause, max(0, m.start() - 40), m.start())]
    halted = any(abs(s.start() - w.start()) <= _PAIR_DISTANCE for s in suspends for w in weakens)
    if weakens and (halted or len(kept) < len(weakens)):
        # a reduction halted, postponed or denied: the forces stay
        return "reaffirmed"
    if suspends:
        return "suspended"
    if kept:
        return "weakened"
    if any(
        not _owned_by_other(clause, m.start(), m.end(), 0) and not _grows_the_relationship(clause, m)
        for m in _STRENGTHEN.finditer(clause)
    ):
        # "reaffirmed the commitment to provide and strengthen ..." restates a standing pledge
        return base if base == "reaffirmed" else "strengthened"
    return base


def _continues(clause: str) -> bool:
    """Does the clause continue a standing pledge ("including continuation of the extended deterrence")?"""
    return any(not _owned_by_other(clause, m.start(), m.end(), 0) for m in _CONTINUATION.finditer(clause))


def _grows_the_relationship(clause: str, m: re.Match[str]) -> bool:
    """A change word that grows the alliance itself ("further strengthening the Alliance", "deepening
    regional engagement") or qualifies a manner ("mutually reinforcing"): how an alliance pledge is
    stated, not a pledge made stronger."""
    return bool(
        _ORDINARY_GROWTH_AFTER.match(clause, m.end())
        or _ORDINARY_GROWTH_BEFORE.search(clause, max(0, m.start() - 20), m.start())
    )


def strength_of(cues: list[str]) -> float:
    """A number in [0.5, 1.0]: 0.5 without cues, +0.15 for each distinct cue.

    >>> strength_of(["ironclad", "firm"])
    0.8
    """
    return round(min(1.0, 0.5 + 0.15 * len({c.lower() for c in cues})), 2)


_SPEAKER_TURN = regex_cache.compile(compose(RULES, "speaker_turn"), RULES.flags("speaker_turn"))
_QUESTION_TURNS = RULES.words("question_turns")
_US_TURN_TITLES = RULES.words("us_turn_titles")
_ROK_TURN_TITLES = RULES.words("rok_turn_titles")


@dataclass(frozen=True)
class SpeakerTurn:
    """One speaker's turn of a transcript ("SECRETARY KERRY: ..." up to the next label)."""

    start: int
    end: int
    parties: frozenset[str] | None
    """The speaker's party (None: not known)."""
    question: bool
    """A reporter's or moderator's turn ("Q: ..."): it pledges nothing."""


def speaker_turns(text: str, actors: list[ActorMention]) -> list[SpeakerTurn]:
    """The speaker turns of a transcript, in text order (none in a text without labelled turns).

    The speaker's party is that of a person named elsewhere in the text whose last name the label
    ends with ("SECRETARY KERRY" after "John Kerry"), else that of the label's title.

    >>> [t.question for t in speaker_turns("Q: Will you act?\\nMINISTER HAN: We will.", [])]
    [True, False]
    """
    labels = list(_SPEAKER_TURN.finditer(text))
    if not labels:
        return []
    surnames: dict[str, str] = {}
    full_names: dict[str, str] = {}
    for a in actors:
        if a.actor.kind is _PERSON and a.actor.country:
            name = _WORD.findall(text[a.start : a.end])
            if name:
                surnames.setdefault(name[-1].lower(), str(a.actor.country))
                full_names.setdefault("".join(name).lower(), str(a.actor.country))
    turns = []
    for n, m in enumerate(labels):
        words = [w.lower().strip(".") for w in m.group("label").split()]
        end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
        question = bool(words) and words[0] in _QUESTION_TURNS
        # the whole name first ("KIM KWAN-JIN" is Kim Kwan-jin, whose family name comes first), then its last word
        party = full_names.get("".join(_WORD.findall(m.group("label"))).lower()) or (
            surnames.get(words[-1]) if words else None
        )
        if party is None and any(w in _US_TURN_TITLES for w in words):
            party = "USA"
        elif party is None and any(w in _ROK_TURN_TITLES for w in words):
            party = "KOR"
        turns.append(SpeakerTurn(m.start(), end, _single(party) if party else None, question))
    return turns


class PartyResolver:
    """Turns subject phrases into parties (gazetteer ids).

    Args:
        minister: the party "the Minister" stands for (the ROK head of delegation's country).
        secretary: the party "the Secretary" stands for.
        both: the parties of "the two sides".
    """

    def __init__(
        self,
        minister: str = "KOR",
        secretary: str = "USA",
        both: frozenset[str] = BILATERAL,
    ) -> None:
        self.minister = minister
        self.secretary = secretary
        self.both = both
        self._generic: dict[str, frozenset[str]] = {
            "three": TRILATERAL,
            "both": both,
            "meeting": BILATERAL,
            "min": frozenset({minister}),
            "fmin": frozenset({minister}),
            "sec": frozenset({secretary}),
        }

    def _tag_speaker(
        self, text: str, pos: int, end: int, actors: list[ActorMention], pronoun: frozenset[str] | None
    ) -> frozenset[str] | None:
        """The party of the speaker whose tag closes the sentence after ``pos`` (", the Secretary said."), if any."""
        tag = _WE_SPEAKER_TAG.search(text, pos, end)
        if tag is None:
            return None
        if tag.group("sec") or tag.group("min"):
            return self._generic["sec" if tag.group("sec") else "min"]
        if tag.group("pron"):
            return pronoun
        s, e = tag.span("named")
        named = [a for a in actors if a.actor.kind is _PERSON and a.actor.country and s <= a.start < e]
        return _single(str(named[0].actor.country)) if named else None

    def _ally_worked_with(self, text: str, start: int, end: int, actors: list[ActorMention]) -> str | None:
        """The ally a "we" works with in ``text[start:end]`` ("we ... together with the ROK"), if one is named so."""
        for a in actors:
            if a.start < start or a.end > end or a.actor.kind is _PERSON or a.actor.kind is _ORGANIZATION:
                continue
            if (
                a.actor.id in self.both
                and _WITH_ALLY_BEFORE.search(text, max(start, a.start - 60), a.start)
                and not _WITH_ALLY_INSIDE.match(text, a.end)
            ):
                return str(a.actor.id)
        return None

    def refs(
        self,
        text: str,
        tokens: Tokens,
        start: int,
        end: int,
        actors: list[ActorMention],
        pronoun: frozenset[str] | None = None,
        speaker: frozenset[str] | None = None,
        we: frozenset[str] | None = None,
        me: frozenset[str] | None = None,
        they: frozenset[str] | None = None,
        others: bool = False,
    ) -> list[Ref]:
        """References to parties in ``text[start:end]``, in text order.

        Args:
            pronoun: the party "he" or "she" stands for (that of the last
                person named before the sentence), if any.
            speaker: the party of the person named last in the sentence before, in the same
                paragraph: who says a quotation that opens this sentence, if any.
            we: the party an unquoted "we" stands for (the speaker's, in a transcript's speaker
                turn), if not both.
            me: the party of the text's own speaker (a speech titled "Remarks by President X"): the "I"
                of "President Y and I reconfirmed ...".
            they: the parties a "They" opening the sentence stands for, if not both (the three of "the three
                NSAs" opening an earlier sentence of the paragraph).
            others: whether two or more states other than the three allies are named before the sentence's
                subject, in it or in the sentences it goes on from: a bare "the three" is then not the allies
                ("China, Russia and North Korea held talks. The three agreed ..."; ``bare_three``).
        """
        generic: list[Ref] = []
        for m in _REFS_ANCHORED.finditer(text, tokens, start, end):
            group = m.lastgroup
            parties = pronoun if group == "pron" else self._generic.get(group or "")
            if (
                group == "both"
                and parties is not None
                and len(parties) > 2
                and _TWO.search(m.group(0))
                and not _SECRETARY_AND.match(m.group(0))
            ):
                # "the two sides" are two even in a text that opens by naming three allies ("the Secretary and the
                # two Ministers" of a trilateral are its three)
                parties = BILATERAL
            if group == "three" and others and _BARE_THREE.fullmatch(m.group(0)):
                continue  # "China, Russia and North Korea held talks. The three agreed ...": not the allies
            if group == "fmin" and len(self.both) > 2:
                continue  # "the Foreign Minister" of a trilateral text: which of the two ministers, it does not say
            if group in ("both", "three") and _named_by_states(text, m.start(), actors):
                continue  # "The Russian and Chinese foreign ministers": the states before the noun are its parties
            if group == "both" and m.group(0).lower() == "we" and _quoted(text, start, m.start()):
                # '"We will provide full support ...," Minister Shin said': a quoted "we" is its speaker's;
                # in a later sentence of a quotation without a named speaker ('... . We will ...," he said'),
                # that of the person named before it
                carried = pronoun if _quoted(text, start, start) else None
                parties = _quote_speaker(text, start, end, m.end(), actors) or speaker or carried or parties
            elif (
                group == "both"
                and m.group(0).lower() == "we"
                and we is None
                and (tagged := self._tag_speaker(text, m.end(), end, actors, pronoun))
            ):
                parties = tagged  # "..., and we will ..., the Secretary said": the speaker's party
            elif (
                group == "both"
                and m.group(0).lower() == "they"
                and (said := _THEY_OFFICIALS_SAID.search(text, start, m.start()))
            ):
                state = country_word(said.group("c"))
                parties = _single(state) if state else parties  # "Japanese officials said they will ...": Japan
            elif group == "both" and they is not None and m.group(0) == "They" and not text[start : m.start()].strip():
                parties = they  # "The three NSAs reaffirmed ... . They reiterated ...": the three
            elif group == "both" and we is not None and m.group(0).lower() == "we":
                parties = we  # "SECRETARY KERRY: ... we will deploy ...": the speaker's party
            elif group == "both" and m.group(0).lower() == "we" and len(self.both) == 2:
                partner = self._ally_worked_with(text, m.end(), end, actors)
                if partner is not None:
                    parties = self.both - {partner}  # "We look forward to working together with the ROK": the U.S.
            if parties:
                generic.append(Ref(m.start(), m.end(), parties, meeting=group == "meeting"))
        i_party = we if we is not None else me  # a turn's speaker, else the titled speaker of the text
        if i_party is not None:
            for m in _SPEAKER_I.finditer(text, start, end):
                at = m.start("i") if m.group("i") else m.start("j")
                if not _quoted(text, start, at):
                    generic.append(Ref(at, at + 1, i_party))  # "Secretary X and I": the speaker is the "I"
        # "the U.S.-ROK Alliance", "both the ROK and the U.S.": one reference to both, not its parts
        joint = [r for r in generic if r.parties == self.both and r.end - r.start > 12]
        joint_ids = {id(r) for r in joint}
        out: list[Ref] = []
        named_states: set[int] = set()
        for a in actors:
            if a.start >= end:
                break  # (sorted by start; those after the sentence only name a quotation's speaker)
            if a.start < start or a.end > end or a.actor.kind is _ORGANIZATION:
                continue
            if any(r.start <= a.start and a.end <= r.end for r in joint):
                continue
            party = a.actor.country if a.actor.kind is _PERSON else a.actor.id
            if party:
                out.append(Ref(a.start, a.end, _single(party)))
                if a.actor.kind is not _PERSON:
                    named_states.add(id(out[-1]))
        person_starts = {a.start for a in actors if a.actor.kind is _PERSON and start <= a.start < end}
        for r in generic:
            if _title_before_names(text, r, person_starts):
                continue  # "Secretaries A and B and Ministers C and D": the names are the parties, not "Ministers"
            if id(r) not in joint_ids:
                over = [x for x in out if x.start <= r.start < x.end or r.start <= x.start < r.end]
                for x in over:
                    if id(x) in named_states and x.parties == r.parties and r.start <= x.start and x.end < r.end:
                        # "the ROK Minister of National Defense and the U.S. Secretary of Defense decided ...": the
                        # state's name and the office it qualifies are one reference, as long as the office, so
                        # that the two offices are coordinated
                        x.end = r.end
                if over:
                    continue  # a gazetteer name wins over a title ("Secretary Austin")
            out.append(r)
        out.sort(key=lambda r: r.start)
        return _mark_objects(_we_apposition(_merge_titles(out, text), text), text, tokens, start)


def _we_apposition(refs: list[Ref], text: str) -> list[Ref]:
    """Join "We" and the group its apposition names ("We, as the leaders of the two countries, ...", "We, the
    three leaders, ..."): one reference, of the group's parties, so that a quoted "we" so glossed is the group's,
    not its speaker's alone, and "as" opens no clause of its own."""
    out: list[Ref] = []
    for r in refs:
        if (
            out
            and text[out[-1].start : out[-1].end].lower() == "we"
            and len(r.parties) > 1
            and _WE_APPOSITION_GAP.fullmatch(text, out[-1].end, r.start)
            and _APPOSITION_CLOSE.match(text, r.end)
        ):
            out[-1] = Ref(out[-1].start, r.end, r.parties)
        else:
            out.append(r)
    return out


def _title_before_names(text: str, r: Ref, person_starts: set[int]) -> bool:
    """Is ``r`` a bare plural title right before a person's name ("Ministers Shin and Cho", "Presidents Yoon and
    Biden")? Then it is the title of the names after it (each read as a person of its own), no group of its own."""
    word = text[r.start : r.end]
    if not _BARE_PLURAL_TITLE.fullmatch(word):
        return False
    gap = _SPACES.match(text, r.end)
    return gap is not None and gap.end() in person_starts


def _named_by_states(text: str, at: int, actors: list[ActorMention]) -> bool:
    """Does a state other than the two allies stand as an adjective before the group noun at ``at`` ("the Russian
    and Chinese foreign ministers", "the Chinese defense ministers", "Japanese, ROK and U.S. defense ministers")?
    Then the states named so, not the text's parties, are who it names. The adjectives are the states read back
    from the noun with only "and", commas and the noun's own modifiers (``group_head_modifiers``) between them;
    the two allies' own adjectives ("the ROK-U.S. defense ministers") change nothing."""
    states = sorted(
        (a for a in actors if a.actor.kind is not _PERSON and a.actor.kind is not _ORGANIZATION and a.end <= at),
        key=lambda a: a.end,
        reverse=True,
    )
    cursor, chain = at, []
    for a in states:
        between = text[a.end : cursor].replace(",", " ").lower().split()
        if a.end < at - 80 or not all(w == "and" or (w != "the" and w in _GROUP_HEAD_SKIPPED) for w in between):
            break
        chain.append(a.actor.id)
        cursor = a.start
    return any(state not in BILATERAL for state in chain)


_STUDY_OWN_VOICE = regex_cache.compile(compose(RULES, "study_own_voice"), RULES.flags("study_own_voice"))
_STUDY_REPORTED_IN = RULES.regex("study_reported_in")


def study_own_voice(text: str, sentence_start: int, found: CommitmentFinding, names_meeting: bool = False) -> bool:
    """Does a study's clause rest on the analyst's own modal or on a pledge noun alone (``study_own_voice``)?

    A pledge noun in a sentence that names a meeting or its communiqué reports the pledge made there ("the 38th
    SCM recorded ... an American pledge of extended deterrence"): ``names_meeting`` keeps it.

    >>> t = "Washington and Seoul should not set a new date."
    >>> study_own_voice(t, 0, CommitmentFinding(0, 46, frozenset({"USA"}), "new", [], 0.5, (21, 27), False))
    True
    """
    at = found.verb_span[0]
    m = _STUDY_OWN_VOICE.match(text, at)
    if m is None:
        return False
    if m.group("noun") and (
        found.explicit or names_meeting or _STUDY_REPORTED_IN.search(text, sentence_start, found.span[1])
    ):
        return False
    return not _quoted(text, sentence_start, at)


_TWO_REFERENCE = RULES.regex("two_reference")
_KOREAS_PAIR = RULES.regex("koreas_pair")
_UNITED_STATES = RULES.regex("united_states")
_BARE_PLURAL_TITLE = RULES.regex("bare_plural_title")
_BARE_THREE = RULES.regex("bare_three")
_RANK_BEFORE_TITLE = RULES.regex("rank_before_title")
_RANK_TITLE = RULES.regex("rank_title")
_WE_APPOSITION_GAP = RULES.regex("we_apposition_gap")
_APPOSITION_CLOSE = RULES.regex("apposition_close")
_SPACES = regex_cache.compile(r"[^\S\n]+")


def two_koreas(text: str, paragraph_start: int, sentence_start: int, found: CommitmentFinding) -> bool:
    """Is the clause's subject "the two countries" (in its sentence before its verb: "the two countries promised
    ... and agreed ...") of a paragraph that has named the two Koreas, and not the United States, before it
    (``koreas_pair``)? Then the pair is the Koreas, not the allies."""
    subject = _TWO_REFERENCE.search(text, min(sentence_start, found.start), found.verb_span[0])
    if subject is None:
        return False
    before = text[paragraph_start : subject.start()]
    return _KOREAS_PAIR.search(before) is not None and _UNITED_STATES.search(before) is None


def _quoted(text: str, start: int, pos: int) -> bool:
    """Is ``pos`` inside a quotation (straight or curly quotes) opened in its paragraph before it?

    A quotation of several sentences opens in an earlier sentence than the "we" of its second one:
    the paragraph is read from its start (the last blank line within ``_QUOTE_REACH`` characters,
    else the last line break, else the document's start when that is near, else the sentence).
    """
    floor = max(0, start - _QUOTE_REACH)
    para = text.rfind("\n\n", floor, start)
    if para < 0:
        para = text.rfind("\n", floor, start)
    if para < 0 and floor == 0:
        para = -1  # the document's first paragraph
    elif para < 0:
        para = start - 1
    stretch = text[para + 1 : pos]
    return stretch.count('"') % 2 == 1 or stretch.count("“") > stretch.count("”")


_QUOTE_REACH = 2000
"""Characters around a quoted "we" within which its quotation's opening and its speaker are looked for."""


def _quote_speaker(text: str, start: int, end: int, pos: int, actors: list[ActorMention]) -> frozenset[str] | None:
    """The party of the person named first right after the quotation that holds ``pos`` closes
    ('"We will ...," Minister Shin said'), in the sentence or a later one of its paragraph."""
    limit = text.find("\n\n", pos, pos + _QUOTE_REACH)
    limit = min(len(text), pos + _QUOTE_REACH) if limit < 0 else limit
    close = min((k for k in (text.find('"', pos, limit), text.find("”", pos, limit)) if k >= 0), default=-1)
    if close < 0:
        return None
    after = [
        a for a in actors if a.actor.kind is _PERSON and a.actor.country and close < a.start < close + _SPEAKER_GAP
    ]
    return _single(str(min(after, key=lambda a: a.start).actor.country)) if after else None


@functools.cache
def _single(party: str) -> frozenset[str]:
    """The one-party set of ``party`` (shared)."""
    return frozenset({party})


def _merge_titles(refs: list[Ref], text: str) -> list[Ref]:
    """Join "Secretary" + "Austin" (adjacent refs of one party) into one."""
    merged: list[Ref] = []
    for r in refs:
        if merged and merged[-1].parties == r.parties and _SAME_ACTOR_GAP.match(text, merged[-1].end, r.start):
            merged[-1] = Ref(merged[-1].start, r.end, r.parties, meeting=merged[-1].meeting and r.meeting)
        else:
            merged.append(r)
    return merged


_TITLED = _DETERMINERS | _SUBJECT_TITLES


def _word_before(tokens: Tokens, pos: int, lo: int, skipped: frozenset[str] = _DETERMINERS) -> str:
    """The lower-cased word before ``pos`` (skipping determiners, or the words ``skipped``), '' at ``lo``."""
    i = bisect.bisect_left(tokens.starts, pos) - 1
    while i >= 0 and tokens.starts[i] >= lo and tokens.lower[i] in skipped:
        i -= 1
    return tokens.lower[i] if i >= 0 and tokens.starts[i] >= lo else ""


def _mark_objects(refs: list[Ref], text: str, tokens: Tokens, lo: int) -> list[Ref]:
    """Mark references that cannot be subjects (see :class:`Ref`)."""
    previous: Ref | None = None
    for r in refs:
        after = text[r.end : r.end + 2]
        if after.startswith(("'s", "’s", "’ ", "' ")) or (text[r.end - 1 : r.end] in "’'" and r.end > r.start):
            r.subject = False  # a possessive
        elif _RELATIVE_AFTER.match(text, r.end) is not None or (
            _RELATIVE_BEFORE.search(text, max(lo, r.start - _RELATIVE_WINDOW), r.start) is not None
        ):
            # "honoring those South Koreans who gave ...", "the United States, which fought beside Korea, ...": what
            # a relative clause describes, or a party inside one
            r.subject = False
        elif (
            previous is not None
            # ("spoke with ROK Minister of National Defense Suh Wook and the two leaders reaffirmed ...": a group that
            # holds the party before it is no second member of that party's phrase but the next clause's subject)
            and not _holds(r, previous)
            and _coordinated(text, previous, r)
            # (an object a bare comma closes passes nothing on: "aggression against Ukraine, the ROK and the U.S.
            # are ...", whose list after the comma is the subject)
            and (previous.subject or _AND_WORDS.search(text, previous.end, r.start) is not None)
        ):
            r.subject = previous.subject
        else:
            # a party glued by a hyphen or dash to the word before it ("a ROK-U.S. summit", "a Korea-US summit")
            # is read from where that compound begins
            start = r.start
            while start > lo and text[start - 1] in "-\u2013" and start - 1 > lo and not text[start - 2].isspace():
                start -= 1
                while start > lo and not text[start - 1].isspace():
                    start -= 1
            i = bisect.bisect_left(tokens.starts, start) - 1
            article = i >= 0 and tokens.starts[i] >= lo and tokens.lower[i] in ("a", "an")
            # "an American pledge": the name qualifies a noun
            before = _word_before(tokens, start, lo)
            # "From now on, the United States will ...": a comma closes the phrase the marker ends
            marker = before in _OBJECT_MARKERS and not _comma_between(text, tokens, start, lo)
            if (
                marker
                and _RANK_BEFORE_TITLE.search(text, max(lo, start - 16), start) is not None
                and _RANK_TITLE.match(text, start) is not None
            ):
                marker = False  # "Under Secretary X and Minister Y agreed": "Under" is the office's, no preposition
            r.subject = not article and (not marker or _members_of(text, tokens, start, lo))
        previous = r
    return refs


def _comma_between(text: str, tokens: Tokens, pos: int, lo: int) -> bool:
    """Does a comma stand between the word before ``pos`` (determiners skipped) and ``pos``?"""
    i = bisect.bisect_left(tokens.starts, pos) - 1
    while i >= 0 and tokens.starts[i] >= lo and tokens.lower[i] in _DETERMINERS:
        i -= 1
    return i >= 0 and tokens.starts[i] >= lo and "," in text[tokens.starts[i] : pos]


def _members_of(text: str, tokens: Tokens, pos: int, lo: int) -> bool:
    """Does the party at ``pos`` name the members of a subject group ("The defense ministers of Japan, ...")?

    True when "of" (after determiners) follows a group noun (``group_heads``) that, with its modifiers,
    opens the clause: nothing but punctuation or "and"/"but"/"while" before it ("The United States
    invited the leaders of ..." and "met the leaders of ..." name no subject).
    """
    i = bisect.bisect_left(tokens.starts, pos) - 1
    while i >= 0 and tokens.starts[i] >= lo and tokens.lower[i] in _DETERMINERS:
        i -= 1
    if i < 1 or tokens.starts[i - 1] < lo or tokens.lower[i] != "of" or tokens.lower[i - 1] not in _GROUP_HEADS:
        return False
    k = i - 1
    while k > 0 and tokens.starts[k - 1] >= lo and tokens.lower[k - 1] in _GROUP_HEAD_SKIPPED:
        k -= 1
    if k == 0 or tokens.starts[k - 1] < lo or tokens.lower[k - 1] in _CLAUSE_JOINS:
        return True
    gap = text[tokens.starts[k - 1] + len(tokens.words[k - 1]) : tokens.starts[k]]
    return any(c in gap for c in ",;:()\u2014\u2013-")


_CLAUSE_JOINS = RULES.words("clause_joins")


def _holds(group: Ref, other: Ref) -> bool:
    """Does the reference ``group`` name more parties than ``other``, ``other``'s among them ("the two leaders" after
    "Minister Suh")? Then the two are not one coordinated phrase."""
    return len(group.parties) > 1 and other.parties < group.parties


def _group_before(text: str, refs: list[Ref], index: int) -> tuple[int, frozenset[str], bool]:
    """The coordinated group ending with ``refs[index]``: (start, parties, is a meeting)."""
    group = [refs[index]]
    k = index - 1
    while k >= 0 and not _holds(group[0], refs[k]) and _coordinated(text, refs[k], group[0]):
        group.insert(0, refs[k])
        k -= 1
    # "..., foremost among which is aggression against Ukraine, the Republic of Korea and the United States are
    # unified in ...": an object that a bare comma closes does not open the subject list after it
    while len(group) > 1 and not group[0].subject and not _AND_WORDS.search(text, group[0].end, group[1].start):
        group.pop(0)
    parties: set[str] = set()
    for r in group:
        parties |= r.parties
    return group[0].start, frozenset(parties), all(r.meeting for r in group)


@dataclass(slots=True)
class Verb:
    """A verb of the rule file's classes: its span, class (``kind``) and lower-cased first word."""

    start: int
    end: int
    kind: str
    word: str

    @property
    def modal_like(self) -> bool:
        """A modal ("will", "would"): a statement of will, not a reporting verb."""
        return self.word in _MODALS

    @property
    def past(self) -> bool:
        """A reporting verb in the past tense (starts a clause of the sentence)."""
        if self.kind == "modal" or self.word.startswith(("continu", "remain")):
            return False
        return self.word.endswith("ed") or self.word in _IRREGULAR_PAST


@dataclass(slots=True)
class _Subject:
    start: int
    parties: frozenset[str]
    meeting: bool = False
    plural: bool = False


@dataclass(slots=True)
class _Clause:
    """A top-level clause of a sentence while it is read."""

    start: int
    verb: Verb
    subject: _Subject | None
    pledge: bool
    group: str
    explicit: bool
    embed: str | None = None  # "pledge", "speech", "assessment", "demand": what its "that"-clause or object is
    embed_start: int = 0
    anchor: Verb | None = None  # the verb that realised an embedded pledge
    parties: frozenset[str] | None = None
    purpose: bool = False  # the anchor is what the clause's meeting was for ("met ... to reaffirm ...")


def _direct_subject(
    text: str, refs: list[Ref], verbs: list[Verb], v: Verb, lo: int, parenthetical: bool = True
) -> _Subject | None:
    """The subject right before verb ``v``: adverbs or (when allowed) one parenthetical between."""
    for k in range(len(refs) - 1, -1, -1):
        r = refs[k]
        if r.end > v.start or r.start < lo:
            continue
        if not r.subject:
            continue
        if any(r.end <= w.start < v.start for w in verbs):
            return None
        gap = text[r.end : v.start]
        if _ADVERBS_ONLY.match(gap) or (parenthetical and _PARENTHETICAL_GAP.match(gap)):
            start, parties, meeting = _group_before(text, refs, k)
            plural = start < r.start or _PLURAL_REF.search(text, r.start, r.end) is not None
            return _Subject(start, parties, meeting, plural)
        return None
    return None


def _fallback_subject(text: str, refs: list[Ref], lo: int, v: Verb, near_comma: bool = True) -> _Subject | None:
    """The nearest subject-capable group after the last comma before ``v`` (with ``near_comma``), else the
    first one."""
    inside = [k for k, r in enumerate(refs) if lo <= r.start and r.end <= v.start and r.subject]
    if not inside:
        return None
    last_comma = text.rfind(",", lo, v.start)
    near = [k for k in inside if refs[k].start > last_comma] if near_comma else []
    if near:
        start, parties, meeting = _group_before(text, refs, near[-1])
        return _Subject(start, parties, meeting, plural=start < refs[near[-1]].start)
    # the sentence's first subject, with those coordinated after it ("X of the ROK and Y of the U.S. met ...")
    k = inside[0]
    last = k
    while (
        last + 1 < len(refs)
        and refs[last + 1].end <= v.start
        and _COORD_GAP.match(text[refs[last].end : refs[last + 1].start])
    ):
        last += 1
    parties = frozenset().union(*(r.parties for r in refs[k : last + 1]))
    return _Subject(refs[k].start, parties, all(r.meeting for r in refs[k : last + 1]), plural=last > k)


def sentence_verbs(text: str, tokens: Tokens, start: int, end: int) -> list[Verb]:
    """The verbs of a sentence; a capitalised word inside a name ("United States") is none."""
    out: list[Verb] = []
    starts = tokens.starts
    for m in _VERBS_ANCHORED.finditer(text, tokens, start, end):
        if m.end() > end:
            continue
        i = bisect.bisect_left(starts, m.start())
        if i >= len(starts) or starts[i] != m.start():
            continue
        first, word = tokens.words[i], tokens.lower[i]
        before = tokens.lower[i - 1] if i > 0 and starts[i - 1] >= start else ""
        if before and text[m.start() - 1] in "-‐–":
            continue  # "submarine-launched"
        if before in _NAME_WORDS or (before and first[0].isupper() and not first.isupper()):
            continue  # "the United States", "... Will" inside a name
        if word.endswith("ed") and _PASSIVE_AFTER.match(text, m.end(), end):
            continue  # "the alliance endorsed again by the two Presidents": a participle
        out.append(Verb(m.start(), m.end(), m.lastgroup or "pledge", word))
    return out


def find_commitments(
    text: str,
    tokens: Tokens,
    start: int,
    end: int,
    refs: list[Ref],
    default: frozenset[str] | None,
    both: frozenset[str] = BILATERAL,
    verbs: list[Verb] | None = None,
) -> list[CommitmentFinding]:
    """Read one sentence ``text[start:end]`` into its commitment clauses (none when it pledges nothing).

    Args:
        text: the document text.
        tokens: its tokens.
        start, end: the sentence.
        refs: the party references of the sentence (:meth:`PartyResolver.refs`).
        default: parties to assume when no subject is found (both parties in
            a joint communiqué; None elsewhere).
        both: the parties of "the two sides".
        verbs: the sentence's verbs (:func:`sentence_verbs`), when already read.
    """
    reader = _SentenceReader(text, tokens, start, end, refs, verbs)
    clauses = reader.clauses()
    if not clauses:
        # a forecast's object is what it foretells ("This will greatly enhance ... our citizens' trust in the U.S.
        # commitment to provide extended deterrence"): a pledge noun counts only in its subject
        noun = _noun_pledge(text, tokens, start, reader.forecast_at or end, refs, default)
        return [noun] if noun is not None else []
    # the sentence's introduction ("In response to the test, ..."): up to the first clause's subject
    first = clauses[0]
    lead_end = first.verb.start
    if first.subject is not None and start <= first.subject.start < lead_end:
        lead_end = first.subject.start
    elif first.subject is None and first.verb.kind == "modal" and _PASSIVE_MODAL.match(text, first.verb.start):
        # "This year's joint exercises will be further expanded": a passive's subject is what is pledged, the
        # introduction ends at the last comma before it
        lead_end = max(start, text.rfind(",", start, first.verb.start) + 1)
    out: list[CommitmentFinding] = []
    for n, c in enumerate(clauses):
        finish = clauses[n + 1].start if n + 1 < len(clauses) else end
        finding = reader.finding(c, finish, clauses[: n + 1], default, both)
        if finding is not None:
            finding.lead_end = lead_end
            out.append(finding)
    # a declaratory clause whose subject is the attack ("Any nuclear attack ... will result in the end of
    # the regime, and the U.S. side reiterated that ..."): the party that says it later in the sentence
    for k, found in enumerate(out):
        if found.defaulted and _DECLARATORY.search(text, found.start, found.verb_span[0]):
            sayer = next((f for f in out[k + 1 :] if not f.defaulted), None)
            if sayer is not None:
                found.parties = sayer.parties
            else:
                found.declaratory_orphan = True
    return out


class _SentenceReader:
    """One sentence read verb by verb into top-level clauses (see the module notes)."""

    def __init__(
        self, text: str, tokens: Tokens, start: int, end: int, refs: list[Ref], verbs: list[Verb] | None = None
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.start = start
        self.end = end
        self.refs = refs
        self.verbs = sentence_verbs(text, tokens, start, end) if verbs is None else verbs
        self.forecast_at: int | None = None  # where a forecast skipped at the top level begins ("This will ...")

    def clauses(self) -> list[_Clause]:
        """The sentence's top-level clauses, each with its subject and what its verb makes of it."""
        text, start = self.text, self.start
        clauses: list[_Clause] = []
        current: _Clause | None = None
        for v in self.verbs:
            if v.past and _SENTENCE_LEAD.fullmatch(text, start, v.start) and _PARTICIPLE_OPENING.match(text, v.end):
                continue  # "Established as a consultative body, the group has ...": it describes the subject
            before = self.word_before(v.start)
            if v.modal_like:
                if before in _RELATIVES:
                    continue  # "..., which will direct ...": part of the noun it describes
                if self.relative_subject(v):
                    continue  # "the World Cup, which the ROK will co-host with Japan": the noun's clause too
                lo = current.verb.end if current is not None else start
                if _OPEN_QUESTION.search(text, lo, v.start):
                    continue  # "to discuss whether the pact should be suspended": a question, not a will
                if _FEAR_CLAUSE.search(text, lo, v.start):
                    continue  # "fearing that doing so would antagonize the North": a fear, not a will
                if v.kind == "modal" and current is None and _forecast(text, self.refs, self.verbs, v, lo):
                    if self.forecast_at is None:
                        self.forecast_at = v.start
                    continue  # "the collective strength of our two nations will contribute to ...": a forecast
            elif before == "to" and current is not None and self.purpose(v, current):
                # "met today in New York to reaffirm their commitment to trilateral cooperation", "spoke with
                # President X to stress his commitment to ...": what they met for, they did
                current.embed, current.anchor, current.pledge, current.purpose = None, v, True, True
                current.group = "reaffirm" if v.kind == "reaffirm" else current.group
                continue
            elif before in _AUX_WORDS and not (before in _PERFECT and self.subject_of(v, start) is not None):
                continue  # "has agreed", "to establish": part of the clause it stands in
            elif before in _ATTRIBUTIVE_BEFORE and v.past and self.word_after(v.end) in _ATTRIBUTIVE_TIME_NOUNS:
                continue  # "the newly established date for the transition": it says when, no act of the sentence
            elif before in _ATTRIBUTIVE_BEFORE and v.past and _ATTRIBUTIVE_OPENING.fullmatch(text, start, v.start):
                continue  # "The newly established secretariat will ensure ...": it qualifies the subject
            elif (
                before == "and"
                and not v.word.endswith(("ed", "s"))
                and (infinitive := _INFINITIVE_AND.search(text, max(start, v.start - 100), v.start)) is not None
                and not (current is not None and not text[current.verb.end : infinitive.start()].strip())
            ):
                # "enabled us to expand our cooperation and establish ...": the infinitive's second verb (the
                # pledge's own infinitive, "pledged to deepen X and establish Y", stays two pledges, each typed)
                continue
            elif v.word == "committed" and _PARTICIPLE_SERIES_AND.search(text, max(start, v.start - 160), v.start):
                continue  # "a partnership guided by shared values, driven by innovation, and committed to ..."
            elif v.word in _PARTICIPLE_VERBS and self.participle(v):
                continue  # "as set forth in X and reiterated in the Summit": no verb of the sentence
            local: _Subject | None = None
            coordinated = False
            # only the rule file's ", pledging" / ", telling" forms of a verb that may pledge end in "-ing"
            added = v.kind in _MAY_PLEDGE and v.word.endswith("ing")
            if v.word in _NOUN_FORMS:
                # "an American pledge", "its plan to", "the American promise": a noun unless its own
                # subject stands right before it, plural for the base form ("the two sides pledge")
                local = self.subject_of(v, start, parenthetical=False)
                if local is None and current is not None and self.in_series(v, current):
                    pass  # "condemn the launches, commit to ...": a verb of the series' subject
                elif local is None and current is not None and self.coordinated_present(v, current):
                    # "highly appreciate the progress and pledge to continue ...": the same subject's
                    coordinated = True
                elif local is None or (not v.word.endswith("s")) != (len(local.parties) > 1 or local.plural):
                    continue
            if current is None:
                top = True
            elif current.embed is None and v.modal_like:
                # "pledged to X and will Y" continues the pledge; "..., and the Alliance will Y" is a new clause
                local = self.subject_of(v, start)
                top = local is not None and (current.subject is None or local.parties != current.subject.parties)
            else:
                if v.kind == "reaffirm" and not v.past and self.subject_of(v, start, parenthetical=False) is None:
                    # "We commend X and reiterate our commitment to ...": the clause's subject reaffirms its own
                    coordinated = self.coordinated_present(v, current)
                top = current.embed is None or v.past or added or coordinated or self.in_series(v, current)
            if top:
                if added and current is None:
                    # "President A had a call with President B, telling him that ...": the name before the
                    # comma is the object of the clause; the sentence's first subject speaks
                    local = self.first_subject(v)
                elif local is None:
                    local = self.subject_of(v, start)
                # ", pledging a swift response": a clause of its own, of the subject before
                role = "clause" if added and current is not None else self.role(v, local, current)
                if role == "none":
                    continue
                top = role == "clause"
            if not top:
                if current is not None:
                    self.embedded(current, v)
                continue
            subject = local or (current.subject if current is not None else None) or self.fallback_subject(v)
            clause_start = start if not clauses else (local.start if local is not None else v.start)
            group = "reaffirm" if v.kind == "reaffirm" else "new"
            current = _Clause(clause_start, v, subject, False, group, explicit=subject is not None)
            clauses.append(current)
            _open(text, current, v, self.end, self.refs)
        return clauses

    def role(self, v: Verb, local: _Subject | None, current: _Clause | None) -> str:
        """What a verb that looks top-level is: "clause", "subordinate" (read as embedded), or "none"."""
        text = self.text
        coordinated = _COORDINATED.search(text, max(self.start, v.start - 30), v.start) or (
            current is not None and self.in_series(v, current)
        )
        if local is None and current is not None and not coordinated:
            return "none"  # "the missile launched on ...": a participle
        following = _WORD.match(text, v.end + 1) if v.end < self.end else None
        if (
            v.kind in _PLEDGING
            and following is not None
            and following.group(0).lower() in _GAPPED
            and _GAPPED_THEN_WILL.match(text, v.end, self.end) is None
        ):
            return "none"  # "a resolve they confirmed when ...": the verb's object is the noun before it
        if local is not None and (
            _word_before(self.tokens, local.start, self.start) in _SUBORDINATORS
            or _word_before(self.tokens, local.start, self.start, _TITLED) in _OBJECT_RELATIVES
        ):
            # "since the 42nd SCM adopted ...", "the plan that the two Presidents endorsed", "the Guidelines
            # that President Yoon ... and President Biden endorsed in Washington"
            return "subordinate"
        return "clause"

    def purpose(self, v: Verb, current: _Clause) -> bool:
        """Is ``v`` (after "to") the purpose of the meeting or call its clause records: a pledging verb whose
        object is no view, with no other verb between ("met ... to reaffirm the strength of ..." states a view)?"""
        if v.kind not in ("reaffirm", "pledge") or current.anchor is not None or current.embed != "assessment":
            return False
        if current.verb.word not in _PURPOSE_AFTER or current.subject is None:
            return False
        if any(current.verb.end <= w.start < v.start for w in self.verbs):
            return False
        return _VIEW_OBJECT.match(self.text, v.end, min(self.end, v.end + 100)) is None

    def in_series(self, v: Verb, current: _Clause) -> bool:
        """A pledge verb after a comma in a series of verbs of one subject ("condemn the launches, commit
        to ..., and underscore ..."): the same tense as the clause's verb, "to" after it, and, in the
        past tense, a later verb of the series ("..., and urged")."""
        text = self.text
        if v.kind != "pledge" or v.past != current.verb.past or current.subject is None:
            return False
        if _SERIES_VERB.search(text, max(current.verb.end, v.start - 30), v.start) is None:
            return False
        if _SERIES_TO.search(text, v.start, min(self.end, v.end + 4)) is None:  # "committed to", "pledged to"
            return False
        return not v.past or _SERIES_CLOSE.search(text, v.end, self.end) is not None

    def coordinated_present(self, v: Verb, current: _Clause) -> bool:
        """A pledge verb in the present tense joined by "and" to the clause's present-tense verb, with "to"
        after it ("The two leaders highly appreciate the progress and pledge to continue ...", "welcome
        the agreement and commit to implement it"): the clause's subject pledges. Its form agrees with
        that subject; after a pledge noun ("their commitment and pledge to defend ...") it is a noun."""
        text, subject = self.text, current.subject
        if v.kind not in ("pledge", "reaffirm") or v.past or current.verb.past or current.verb.modal_like:
            return False
        if subject is None or (not v.word.endswith("s")) != (len(subject.parties) > 1 or subject.plural):
            return False
        if _COORDINATED_PRESENT.search(text, max(current.verb.end, v.start - 60), v.start) is None:
            return False
        if v.kind == "reaffirm":  # "condemns the attack and reaffirms its commitment to ...": its own commitment
            return _COORDINATED_REAFFIRM_OBJECT.match(text, v.end, self.end) is not None
        return _SERIES_TO.search(text, v.start, min(self.end, v.end + 4)) is not None

    def participle(self, v: Verb) -> bool:
        """A verb that takes an object, without a subject, followed by a prepositional phrase and no
        object ("and reiterated in the ROK-U.S. Summit", "Established to implement ..., the NCG is")."""
        text = self.text
        if _PARTICIPLE_AFTER.match(text, v.end, self.end) is None:
            return False
        if self.subject_of(v, self.start, parenthetical=False) is not None:
            return False
        stretch = _PARTICIPLE_STRETCH.match(text, v.end, self.end)
        stop = stretch.end() if stretch is not None else self.end
        return _PARTICIPLE_SPOILS.search(text, v.end, stop) is None

    def word_after(self, pos: int) -> str:
        """The lower-cased word that starts after ``pos`` in the sentence ('' at its end)."""
        tokens = self.tokens
        i = bisect.bisect_left(tokens.starts, pos)
        return tokens.lower[i] if i < len(tokens.starts) and tokens.starts[i] < self.end else ""

    def word_before(self, pos: int) -> str:
        """The lower-cased word before ``pos`` in the sentence, adverbs ("also", "-ly") skipped."""
        tokens = self.tokens
        i = bisect.bisect_left(tokens.starts, pos) - 1
        while i >= 0 and tokens.starts[i] >= self.start:
            word = tokens.lower[i]
            if word not in _SKIPPED_ADVERBS and not word.endswith("ly"):
                return word
            i -= 1
        return ""

    def relative_subject(self, v: Verb) -> bool:
        """Is the party right before the modal ``v`` the subject of a relative clause that describes a noun ("the
        Asian Games, which the ROK will host in 2002", "the summit which the United States will host")? Only
        "which" and "whom" open one: "agreed that the ROK will host ..." is the clause of a pledge."""
        r = next((r for r in reversed(self.refs) if r.end <= v.start and r.start >= self.start), None)
        if r is None or _ADVERBS_ONLY.fullmatch(self.text, r.end, v.start) is None:
            return False
        return _word_before(self.tokens, r.start, self.start) in _MODAL_RELATIVES

    def subject_of(self, v: Verb, lo: int, parenthetical: bool = True) -> _Subject | None:
        return _direct_subject(self.text, self.refs, self.verbs, v, lo, parenthetical)

    def first_subject(self, v: Verb) -> _Subject | None:
        """The sentence's first subject-capable group before ``v`` (with those coordinated after it)."""
        return _fallback_subject(self.text, self.refs, self.start, v, near_comma=False)

    def fallback_subject(self, v: Verb) -> _Subject | None:
        return _fallback_subject(self.text, self.refs, self.start, v)

    def embedded(self, clause: _Clause, v: Verb) -> None:
        _embedded(self.text, clause, v, self.refs, self.verbs)

    def finding(
        self,
        c: _Clause,
        finish: int,
        upto: list[_Clause],
        default: frozenset[str] | None,
        both: frozenset[str],
    ) -> CommitmentFinding | None:
        """Clause ``c`` (the last of ``upto``, ending at ``finish``) as a commitment, or None."""
        text, refs = self.text, self.refs
        if c.embed in ("pledge", "speech") and c.anchor is None and not c.pledge:
            # a "that"-clause without a verb of will may still hold a pledge noun, whose owner
            # pledges ("said that the U.S. commitment ... remains ironclad")
            nouns = _SPEECH_NOUNS if c.embed == "speech" else _EMBEDDED_NOUNS
            noun = nouns.search(text, c.embed_start, finish)
            denied_from = max(c.embed_start, noun.start() - 30) if noun is not None else 0
            if noun is not None and _DENIED_NOUN_BEFORE.search(text, denied_from, noun.start()):
                noun = None  # "said ... ; no decisions have been approved yet": a pledge denied is none
            if noun is not None and (
                _adversary_subject(text, refs, c.embed_start, noun.start())
                or _BREACHED_BEFORE.search(text, max(c.embed_start, noun.start() - 60), noun.start())
            ):
                # "agreed that the North Korean test ... contravenes its commitments", "told him that North
                # Korea must abide by its obligations": another party's pledge, broken or demanded
                noun = None
            at = noun.start() if noun is not None else 0
            if noun is not None and not any(
                c.embed_start <= r.start and r.end <= at and _OWNER_BEFORE.fullmatch(text, r.end, at) for r in refs
            ):
                # "stated that the new plan will result in lower costs": what a plan of no party will do, foretold
                will = next((v for v in self.verbs if v.kind == "modal" and noun.end() <= v.start < finish), None)
                if will is not None and _forecast(text, refs, self.verbs, will, c.embed_start):
                    noun = None
            if noun is not None:
                c.pledge = True
                owner = [r for r in refs if c.embed_start <= r.start and r.end <= noun.start()
                         and _OWNER_BEFORE.fullmatch(text, r.end, noun.start())]  # fmt: skip
                if owner and not owner[-1].parties & ADVERSARIES:
                    c.parties = owner[-1].parties
        if c.embed == "pledge" and c.anchor is None and not c.pledge and _shared_goal(text, c, finish, both):
            c.pledge = True  # "the two sides reaffirmed that X remains the common goal of the two nations"
        if not c.pledge:
            return None
        if c.parties is None and c.subject is None and c.embed in ("pledge", "speech"):
            # "Special Representative Yun reiterated that the United States remains steadfast in its defense
            # commitments": the speaker unresolved, the ally that opens the "that"-clause states its own pledge
            c.parties = _clause_opener(text, refs, c.embed_start, finish)
        if (
            c.parties is None
            and c.subject is not None
            and len(c.subject.parties) > 1
            and c.embed in ("pledge", "speech")
        ):
            # 'the two leaders stated: "The United States commits to make every effort to consult ..."': the
            # words they quote name the one ally that commits (unquoted, "the two sides reaffirmed that the United
            # States remains steadfast ..." is the group's own pledge)
            quote = _QUOTE_OPENS.match(text, c.embed_start, finish)
            if quote is not None:
                opener = _clause_opener(text, refs, quote.end(), finish)
                if opener is not None and opener < c.subject.parties:
                    c.parties = opener
        parties = c.parties if c.parties is not None else (c.subject.parties if c.subject else None)
        if c.subject is not None and c.subject.meeting and c.parties is None and not c.verb.past:
            parties = None  # "the SCM will ...": a meeting states nothing of its own but in the past tense
        defaulted = False
        if parties is None:
            if default is None:
                if c.verb.kind != "modal" or not _DECLARATORY.search(text, c.start, c.verb.start):
                    return None
                # "Any nuclear attack ... will result in the end of that regime" in a text of no default
                # party: its sayer is the party of the sentence before (an orphan without one is dropped)
                default = frozenset()
            parties, defaulted = default, True
        owned = _owned_object(text, refs, c.verb.end, finish) if len(parties) > 1 and c.embed is None else None
        if owned is not None and owned < parties:
            parties = owned  # "the two sides reaffirmed the United States' commitment to ...": its pledge
        allied = _alliance_parties(parties, c, defaulted, both)
        if allied is None:
            return None
        # earlier clauses of the same subject that are not pledges ("welcomed X and committed to its ...")
        who = c.subject.parties if c.subject is not None else None
        # (not one that states a view: "highlighted the importance of trilateral cooperation, ..., and stressed
        # President Biden's commitment to strengthening U.S. alliances" lends the pledge no field)
        borrow = [(k.start, upto[i + 1].start) for i, k in enumerate(upto[:-1])
                  if not k.pledge and k.embed != "demand"
                  and (k.subject.parties if k.subject is not None else None) == who
                  and not _views(text, k.verb.end, upto[i + 1].start)]  # fmt: skip
        anchor = c.anchor or c.verb
        group = "reaffirm" if c.group == "reaffirm" or anchor.kind == "reaffirm" else "new"
        # (what a meeting was for is read from its own verb: "met ... to stress his commitment to ...")
        said = anchor if c.purpose else c.verb
        found = _finding(text, self.tokens, c.start, finish, allied, (said.start, said.end), group, defaulted)
        found.borrow = borrow
        found.explicit = c.explicit and not defaulted
        found.anaphoric = any(w in _ANAPHORS for w in self.tokens.words_between(c.verb.end, finish))
        return found


def _views(text: str, after: int, end: int) -> bool:
    """Does the clause whose verb ends at ``after`` state a view ("highlighted the importance of ...", "underscored
    the need for ...": ``view_window``) rather than name a matter a later pledge may take up ("welcomed the
    conclusion of the SMA and committed to its timely implementation")?"""
    return _VIEW_WINDOW.match(text, after, min(end, after + 100)) is not None


def _owned_object(text: str, refs: list[Ref], after: int, finish: int) -> frozenset[str] | None:
    """The one party whose own pledge is the verb's object ("reaffirmed the U.S. commitment to ..."), if so."""
    owner = next((r for r in refs if after <= r.start < finish), None)
    if owner is None or owner.meeting or owner.parties & ADVERSARIES or len(owner.parties) != 1:
        return None
    if _OWNED_OBJECT_LEAD.fullmatch(text, after, owner.start) is None:
        return None
    return owner.parties if _OWNED_OBJECT_NOUN.match(text, owner.end, finish) is not None else None


def passive_will(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` state a will in the passive ("exercises will be further expanded"), of something not
    the North's ("North Korea's sanctions will be eased only if ..." is no will of the allies)?"""
    return _PASSIVE_MODAL.search(text, start, end) is not None and _NORTH_OPENS.match(text, start, end) is None


def _for_others(clause: _Clause, v: Verb, refs: list[Ref]) -> bool:
    """Does one party's speaker say what parties other than, or besides, its own must do (the first party named in
    the "that"-clause before the modal ``v`` is not the speaker's alone)?"""
    speaker = clause.subject.parties if clause.subject is not None else None
    if speaker is None or len(speaker) != 1:
        return False
    first = next((r for r in refs if clause.embed_start <= r.start < v.start), None)
    return first is None or first.parties != speaker


def _clause_opener(text: str, refs: list[Ref], lo: int, finish: int) -> frozenset[str] | None:
    """The one ally that opens the clause ``text[lo:finish]`` as its subject ("that the United States remains
    ..."), if so; never an adversary, a meeting, a group of parties or a name inside a longer subject."""
    first = next((r for r in refs if lo <= r.start < finish), None)
    if first is None or not first.subject or first.meeting or len(first.parties) != 1:
        return None
    if first.parties & ADVERSARIES or _BARE_SUBJECT.match(text, lo, first.start) is None:
        return None
    return first.parties


def _shared_goal(text: str, clause: _Clause, finish: int, both: frozenset[str]) -> bool:
    """A "that"-clause whose predicate is a goal the parties share, said by the parties together
    ("the two sides reaffirmed that the complete denuclearization ... remains their common goal")."""
    subject = clause.subject
    if subject is None or subject.meeting or subject.parties & ADVERSARIES:
        return False
    if not (subject.parties >= BILATERAL or (len(both) > 1 and subject.parties >= both)):
        return False
    return _SHARED_GOAL.search(text, clause.embed_start, finish) is not None


def _alliance_parties(
    parties: frozenset[str], clause: _Clause, defaulted: bool, both: frozenset[str]
) -> frozenset[str] | None:
    """The parties of a pledge without an adversary; None when none is left.

    An adversary never shares an alliance pledge ("the ROK and North Korea"
    is an inter-Korean statement, not the alliance's); alone, it commits only
    as the direct subject of an explicit commitment verb.
    """
    others = parties & ADVERSARIES
    if not others:
        return parties
    if others == parties:
        verb = clause.anchor or clause.verb
        explicit = clause.explicit and verb.word.startswith(_ADVERSARY_VERBS) and not defaulted
        return parties if explicit else None
    rest = parties - ADVERSARIES
    return rest if rest >= BILATERAL or rest >= both else None


def _open(text: str, clause: _Clause, v: Verb, end: int, refs: list[Ref]) -> None:
    """Decide what a top-level verb makes of its clause, or what its "that"-clause will decide."""
    that = _THAT_FOLLOWS.match(text, v.end, min(end, v.end + 80))
    if v.kind in ("assessment", "neutral"):
        clause.embed, clause.embed_start = "assessment", v.end
        return
    if v.kind == "demand":
        clause.embed, clause.embed_start = "demand", v.end
        return
    if v.kind == "speech":
        if that is None and _VIEW_OBJECT.match(text, v.end, min(end, v.end + 100)):
            # "underscored the importance of strengthening the readiness posture": a view, not what is pledged
            clause.embed, clause.embed_start = "assessment", v.end
            return
        # what is said is the speaker's ("said the U.S. commitment ... remains ironclad": no "that" needed)
        clause.embed, clause.embed_start = "speech", that.end() if that is not None else v.end
        return
    if _schedule_only(text, v, end):
        return  # the date of the next meeting
    if v.kind == "modal":
        clause.pledge = True
        return
    # a pledging verb: its object or its "that"-clause decides
    view = _VIEW_OBJECT.match(text, v.end, min(end, v.end + 100))
    if view is not None and _VIEW_THEN_PLEDGE.match(text, view.end(), end):
        view = None  # "the shared vision, common values, and unwavering commitment to ...": the commitment is pledged
    if view is not None or _VIEW_CLAUSE.match(text, v.end, end) or _ADVERSARY_OBJECT.match(text, v.end, end):
        # (an object that is the North's own obligation is what it must do: "reaffirmed North Korea's obligation to")
        clause.embed, clause.embed_start = "assessment", v.end
        return
    if that is not None and not _object_before(text, v.end, that.end() - 4, refs):
        clause.embed, clause.embed_start = "pledge", that.end()
        # "assured the Minister that ...", "pledged that ...": a promise whatever the clause says
        clause.pledge = v.word.startswith(_PROMISSORY)
        return
    clause.pledge = True


def _schedule_only(text: str, v: Verb, end: int | None = None) -> bool:
    """Does verb ``v`` only set a meeting ("agreed to hold the next SCM", "will hold the next meeting")?"""
    after = v.start + len(v.word) if v.kind == "modal" else v.end
    return _SCHEDULE_ONLY.match(text, after, len(text) if end is None else end) is not None


def _object_before(text: str, start: int, end: int, refs: list[Ref]) -> bool:
    """True when words other than adverbs and party names stand between a verb and "that":
    the "that" then opens a relative clause of the verb's object ("signed a plan that ...",
    "reaffirmed the mutual commitment that ..."), not the verb's complement."""
    pos = start
    for r in refs:
        if start <= r.start and r.end <= end:
            if _WORD.search(text, pos, r.start) and not _ADVERBS_ONLY.match(text, pos, r.start):
                return True
            pos = r.end
    gap = text[pos:end]
    return (
        bool(_WORD.search(gap))
        and not _ADVERBS_ONLY.match(gap)
        and not _ONCE_AGAIN.match(gap)
        and not _THAT_GAP_TIME.match(gap)  # "reaffirmed Saturday that ...": the report's day
    )


def _embedded(text: str, clause: _Clause, v: Verb, refs: list[Ref], verbs: list[Verb]) -> None:
    """A verb inside a clause's "that"-clause or object: realise an embedded pledge."""
    if clause.embed in ("pledge", "speech"):
        if v.kind not in _PLEDGING or clause.anchor is not None:
            return
        if clause.embed == "speech" and (
            v.word in _EXHORTATION_MODALS or (v.word in _EXHORTATION_FOR_OTHERS and _for_others(clause, v, refs))
        ):
            # "emphasized that the defense authorities should cooperate closely to strengthen the US commitment":
            # advice, not a pledge, nor is the commitment it names the speaker's
            clause.embed = "assessment"
            return
        if _schedule_only(text, v):
            return  # "said that they will hold the next meeting soon": the date of a meeting, no pledge
        if not v.modal_like and v.word.startswith("continu"):
            return  # "agreed that the threat continues to grow": a description, not a pledge
        lo = clause.embed_start
        for m in _THAT.finditer(text, clause.embed_start, v.start):
            lo = m.end()  # the clause of this verb: after the last "that" ("..., and that the ROK will")
        if _adversary_subject(text, refs, lo, v.start) and not _DECLARATORY.search(text, lo, v.start):
            return  # "warned that North Korea would face ...", "agreed that North Korea's forces will ..."
        if _adversary_consequence(text, lo, v):
            return  # "agreed that if North Korea carries out provocations, it will bear responsibility": its lot
        if _forecast(text, refs, verbs, v, lo):
            return  # "affirmed that their collective strength will contribute to ...": a forecast, no party's will
    elif clause.embed == "assessment":
        # a declaratory statement reported as a view: "noted that any attack ... will be met with ..."
        if v.kind != "modal" or clause.anchor is not None or not _DECLARATORY.search(text, clause.embed_start, v.start):
            return
        if _OTHERS_ANSWER.match(text, v.start, v.end + 160) is not None:
            return  # "stressed that any attack would meet with a strong response from the international community"
        if _adversary_consequence(text, clause.embed_start, v):
            # "affirmed the view that if North Korea carries out any further provocations, it will bear
            # responsibility for the consequences": what the adversary will bear, no answer of the allies
            return
    else:
        return
    local = _direct_subject(text, refs, verbs, v, clause.embed_start)
    clause.anchor = v
    clause.pledge = True
    # the clause's own subject when it is a party ("reaffirmed that the ROK and the United States
    # would ..."), not a name inside a longer subject ("that the carrier USS George Washington will")
    if (
        local is not None
        and not local.meeting
        and not local.parties & ADVERSARIES  # "warned that North Korea would face ...": the speaker's warning
        and (
            _BARE_SUBJECT.match(text, clause.embed_start, local.start)
            # "said that for the first time, the two allies plan to ...": an introduction before the clause's subject
            or (
                _EMBEDDED_SUBJECT_LEAD.match(text, clause.embed_start, local.start)
                # (not a list whose first member the comma closes: "that officials from the U.S., Japan and ...")
                and not any(
                    clause.embed_start <= r.start
                    and r.end <= local.start
                    and _EMBEDDED_LEAD_LIST.match(text, r.end, local.start)
                    for r in refs
                )
            )
        )
    ):
        clause.parties = local.parties
        clause.explicit = True  # the party says its will ("There should be no doubt that the U.S. will ...")


def _adversary_consequence(text: str, lo: int, v: Verb) -> bool:
    """Is modal ``v``, or one before it from ``lo``, what the adversary a condition names will bear ("that if North
    Korea carries out provocations, it will bear responsibility ...", the rule file's ``adversary_consequence``)?"""
    # (read on past the modal: what it will face may be the allies' response, which keeps the pledge)
    m = _ADVERSARY_CONSEQUENCE.search(text, lo, v.end + _CONSEQUENCE_REACH)
    return m is not None and m.end() <= v.end + 1


def _forecast(text: str, refs: list[Ref], verbs: list[Verb], v: Verb, lo: int) -> bool:
    """Does modal ``v`` foretell an effect of a thing (the rule file's ``forecast``) rather than state a
    party's will: "(that) the collective strength of our two nations will directly contribute to ..."
    (a party at the subject's head, the allies' forces and commands, and a declaratory statement
    keep their pledge)."""
    if _OTHERS_ANSWER.match(text, v.start, v.end + 160) is not None:
        return True  # "any attack would meet with a strong response from the international community"
    return (
        _FORECAST.match(text, v.start, v.end + 40) is not None
        and not _party_subject(text, refs, verbs, v, lo)
        and not _FORECAST_FORCE_SUBJECT.fullmatch(text, lo, v.start)
        and not _DECLARATORY.search(text, lo, v.start)
    )


def _party_subject(text: str, refs: list[Ref], verbs: list[Verb], v: Verb, lo: int) -> bool:
    """Is the subject of verb ``v`` in the clause ``text[lo:v.start]`` a party named at its head
    ("that the two nations will contribute"), not a thing of theirs ("that the strength of the two nations")?"""
    return _direct_subject(text, refs, verbs, v, lo) is not None


def _adversary_subject(text: str, refs: list[Ref], lo: int, hi: int) -> bool:
    """True when the clause ``text[lo:hi]`` opens with an adversary ("that North Korea's forces ...") or with a
    subject of joined parties one of which is an adversary ("that South Korea and North Korea agreed to ...": an
    inter-Korean agreement reported, no ally's pledge)."""
    inside = [r for r in refs if lo <= r.start < hi]
    if not inside or _BARE_SUBJECT.match(text, lo, inside[0].start) is None:
        return False
    if inside[0].parties <= ADVERSARIES:
        return True
    last = inside[0]
    for r in inside[1:]:
        if _SUBJECT_JOIN.fullmatch(text, last.end, r.start) is None:
            break
        if r.parties & ADVERSARIES:
            return True
        last = r
    return False


def _noun_pledge(
    text: str, tokens: Tokens, start: int, end: int, refs: list[Ref], default: frozenset[str] | None
) -> CommitmentFinding | None:
    """A sentence without a reporting verb: a pledge noun owned by a party ("the U.S. commitment ... remains")."""
    noun: re.Match[str] | None = None
    owner: list[Ref] = []
    for candidate in _NOUNS.finditer(text, start, end):
        if _CITED_PLEDGE.match(text, candidate.end(), end):
            continue  # "built upon commitments made during the Summit": pledges of another day, cited
        if candidate.group()[:1].isupper() and _TITLE_QUOTE.search(
            text, max(start, candidate.start() - 2), candidate.start()
        ):
            continue  # '... and "Commitment to Consult among Japan, ..." were released': a document's title
        owner = [
            r for r in refs if r.end <= candidate.start() and _OWNER_BEFORE.fullmatch(text, r.end, candidate.start())
        ]
        # an unowned pledge noun deep in the sentence without a content of its own is an object ("explored
        # ways to ensure that all countries implement their obligations and commitments under the
        # resolutions"), not a pledge; "turned that concern into a pledge to see the framework implemented" is
        if (
            owner
            or len(tokens.words_between(start, candidate.start())) <= _NOUN_SUBJECT_WORDS
            or _NOUN_CONTENT.match(text, candidate.end(), end)
        ):
            noun = candidate
            break
    if noun is None:
        return None
    parties = owner[-1].parties if owner else None
    defaulted = False
    if parties is None:
        first = next((r for r in refs if r.subject and r.end <= noun.start()), None)
        parties = first.parties if first is not None else None
    if parties is None:
        if default is None:
            return None
        parties, defaulted = default, True
    if parties & ADVERSARIES:
        return None
    finding = _finding(text, tokens, start, end, parties, noun.span(), "new", defaulted)
    finding.lead_end = start
    return finding


def _finding(
    text: str,
    tokens: Tokens,
    start: int,
    end: int,
    parties: frozenset[str],
    verb: tuple[int, int],
    group: str,
    defaulted: bool,
) -> CommitmentFinding:
    clause_text = text[verb[0] : end]
    words = tokens.words_between(start, end)
    cues = [
        w
        for i, w in enumerate(words)
        if w in _CUE_WORDS and (w.endswith("ly") or not any(n in _CUE_NOT_BEFORE for n in words[i + 1 : i + 3]))
    ]
    beneficiaries: list[str] = []
    if parties == {"USA"}:
        beneficiaries = ["KOR"]
    elif parties == {"KOR"}:
        beneficiaries = ["USA"]
    elif _BENEFIT_KOR.search(clause_text) and "KOR" not in parties:
        beneficiaries = ["KOR"]
    span = (start, end)
    # trim the clause of the joining punctuation and conjunction (", and ")
    lead = _CLAUSE_LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return CommitmentFinding(
        start=start,
        end=end,
        parties=parties,
        stance=stance_of(clause_text, group, words),
        cues=sorted(set(cues)),
        strength=strength_of(cues),
        verb_span=verb,
        defaulted=defaulted,
        beneficiaries=beneficiaries,
        span=span,
        group=group,
    )


def _purpose_before(text: str, verb_end: int, cut: int, runs: list[re.Match[str]]) -> bool:
    """Does an infinitive of purpose (no comma or "and" before its "to") stand between the run's previous "to" (or
    the verb's own) and the cut at ``cut``?"""
    lo = max([verb_end + 1, *(m.end() for m in runs if m.end() <= cut)])
    return _PURPOSE_TO.search(text, lo, cut) is not None


def split_pledge(
    text: str, tokens: Tokens, found: CommitmentFinding, names_field: Callable[[int, int], bool]
) -> list[CommitmentFinding]:
    """One clause's run of infinitives after its pledge verb ("agreed to strengthen X, to expand Y and to deepen
    Z") as one finding per infinitive that names a field of its own (``names_field(start, end)``), so that each
    pledge keeps its own types, stance and responses ("strengthen cooperation against cyber threats ... and to
    widen space cooperation": the cyber threat is not the space pledge's).

    The run is cut before each ", to <verb>", ", and to <verb>" and "and to <verb>" after the verb's own "to"
    ("pledged to ...", "committed to ..."). A piece that names no field stays with the piece before it ("to expand
    space coordination, to enhance mission assurance, and to strengthen ... space situational awareness": two),
    the first with the one after it; with one piece left the clause is one finding. A gerund as the verb's object
    ("commitment to strengthening cooperation to deter X and to promote Y") is no run, and an "and to <verb>"
    without a comma right after an infinitive of purpose ("to strengthen cooperation to deter X and to promote Y")
    goes on with that purpose, not the run.
    """
    verb_end = found.verb_span[1]
    ends_to = _VERB_ENDS_TO.search(text, max(0, verb_end - 3), verb_end) is not None
    if not (
        _TO_INFINITIVE.match(text, verb_end, found.span[1])
        or (ends_to and _INFINITIVE_NEXT.match(text, verb_end, found.span[1]))
    ):
        return [found]  # "reaffirmed the commitment to X and to Y": one pledge of two objects
    if _RUN_GERUND.match(text, verb_end, found.span[1]):
        return [found]  # "commitment to using all its means, including nuclear, to defend ...": one pledge
    runs = list(_RUN_TO.finditer(text, verb_end, found.span[1]))
    if not runs or not any(_RUN_AND.search(m.group()) for m in runs):
        return [found]  # "agreed to deploy assets more often, to deter ...": the purpose of one pledge
    # (" and to <verb>" right after an infinitive of purpose goes on with that purpose: "to strengthen cooperation
    # to deter X and to promote Y")
    cuts = [m for m in runs if text[m.start()] == "," or not _purpose_before(text, verb_end, m.start(), runs)]
    if not cuts:
        return [found]
    k = 0
    while k <= len(cuts) and len(cuts) > 0:
        lo = max(found.span[0], found.lead_end) if k == 0 else cuts[k - 1].end()
        hi = cuts[k].start() if k < len(cuts) else found.span[1]
        if names_field(lo, hi):
            k += 1
        elif k == 0:
            del cuts[0]  # the first piece names no field: it goes with the next
        else:
            del cuts[k - 1]  # it goes with the piece before it
            k -= 1 if k > len(cuts) else 0
    if not cuts:
        return [found]
    bounds = [found.span[0], *(m.start() for m in cuts), found.span[1]]
    out: list[CommitmentFinding] = []
    for k in range(len(bounds) - 1):
        verb = found.verb_span if k == 0 else (cuts[k - 1].end(), cuts[k - 1].end())
        piece = _finding(text, tokens, bounds[k], bounds[k + 1], found.parties, verb, found.group, found.defaulted)
        piece.lead_end, piece.borrow = found.lead_end, found.borrow
        piece.explicit, piece.anaphoric = found.explicit, found.anaphoric
        out.append(piece)
    return out
