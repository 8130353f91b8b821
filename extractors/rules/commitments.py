"""Commitments: sentences in which a party pledges, reaffirms, agrees or decides.

A sentence is a commitment when it has a commitment verb ("reaffirmed",
"pledged", "agreed to", "will continue to", "remain committed", "expressed
the firm commitment") and at least one phrase of the commitment-type scheme.

* **Who commits** comes from the verb's subject: the reference closest to the
  verb in its clause ("Noting the test, the Secretary reaffirmed"), else the
  sentence's first reference ("The Minister, noting ..., pledged"). "The
  Secretary" and "the Minister" resolve to the recorded meeting's heads of
  delegation (by default the U.S. and the ROK); "the two Ministers", "both
  sides", "the Alliance" to both parties; a named state or person to itself
  or its country. A later coordinated clause (", and the Minister pledged")
  adds its own subject.
* **Stance** from the wording: suspend/postpone/halt -> suspended;
  reduce/withdraw -> weakened; strengthen/enhance/expand -> strengthened;
  reaffirm/reiterate/remain committed/continue -> reaffirmed; otherwise
  (agree, decide, pledge, establish) -> new.
* **Strength** from cue words ("ironclad", "unwavering", "firm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.rules.actors import ActorMention
from extractors.rules.scan import AnchoredPattern, Tokens
from graph.schema import Kind

_VERBS = re.compile(
    r"\b(?P<reaffirm>reaffirm(?:s|ed|ing)?|reiterat(?:e|es|ed|ing)|recommit(?:s|ted)?|reconfirm(?:s|ed)?|"
    r"confirm(?:s|ed)|restat(?:e|es|ed)|renew(?:s|ed)|remain(?:s|ed)?\s+(?:\w+ly\s+)?committed|"
    r"(?:will|would|shall)\s+(?:\w+ly\s+)?continue|continu(?:e|es|ed|ing)\s+to)\b"
    r"|\b(?P<new>pledg(?:e|es|ed|ing)|commit(?:s|ted|ting)?\s+to|(?:are|is|were|was)\s+committed|vow(?:s|ed)?|"
    r"resolv(?:e|es|ed)\s+to|promis(?:e|es|ed)|assur(?:e|es|ed)|guarantee[sd]?|"
    r"agre(?:e|es|ed|eing)\s+(?:to|that|on|upon)|agreed|agreeing|decid(?:e|es|ed|ing)\s+(?:to|not\s+to|that)|decided|"
    r"determined\s+to|intend(?:s|ed)?\s+to|committed(?=,)|(?:signed|adopted|endorsed|approved)(?!\s+by\b)|"
    r"(?:will|would|shall)\s+(?:not\s+)?(?:\w+ly\s+)?[a-z]+|"
    r"establish(?:ed)?(?!\s+by\b)|(?:expressed|underscored|emphasized|stressed|highlighted|demonstrated|affirmed|declared|stated)"
    r"\s+(?:\w+\s+){0,4}?(?:commitment|determination|resolve|intention|readiness|willingness))\b",
    re.IGNORECASE,
)
_VERB_PREFIXES = (
    "reaffirm", "reiterat", "recommit", "reconfirm", "confirm", "restat", "renew", "remain", "will", "would", "shall",
    "continu", "pledg", "commit", "are", "is", "were", "was", "vow", "resolv", "promis", "assur", "guarantee", "agre",
    "decid", "determined", "intend", "signed", "adopted", "endorsed", "approved", "establish", "expressed",
    "underscored", "emphasized", "stressed", "highlighted", "demonstrated", "affirmed", "declared", "stated",
)  # fmt: skip


def _is_verb_anchor(word: str) -> bool:
    return word.startswith(_VERB_PREFIXES)


_VERBS_ANCHORED = AnchoredPattern(_VERBS, _is_verb_anchor)
_NOUN_WORDS = frozenset(
    {"pledge", "pledges", "promise", "promises", "commitment", "commitments", "guarantee", "guarantees", "assurance",
     "assurances"}
)  # fmt: skip


def may_pledge(words: list[str]) -> bool:
    """Cheap test on a sentence's lower-cased words: can it hold a commitment verb or pledge noun?"""
    return any(w in _NOUN_WORDS or w.startswith(_VERB_PREFIXES) for w in words)


_NOUNS = re.compile(r"\b(?:pledge|promise|commitment|guarantee|assurance)s?\b", re.IGNORECASE)
_OWNER_BEFORE = re.compile(r"(?:['’]s)?\s+(?:(?:\w+[-\w]*)\s+){0,2}$")
_SUSPEND = re.compile(
    r"\b(?:suspend\w*|postpon\w*|halt\w*|paus\w*|defer\w*|cancel\w*|freez\w*|scal\w+\s+down\s+exercise|"
    r"not\s+(?:to\s+)?(?:proceed|go\s+ahead))",
    re.IGNORECASE,
)
_WEAKEN = re.compile(
    r"\b(?:reduc\w*|withdraw\w*|withdrew|scal\w+\s+back|draw\s?down|drawdown|cut\w*\s+(?:back|the\s+number))",
    re.IGNORECASE,
)
_STRENGTHEN = re.compile(
    r"\b(?:strengthen\w*|enhanc\w*|expand\w*|bolster\w*|deepen\w*|increas\w*|reinforc\w*|upgrad\w*|intensif\w*|step\w*\s+up|"
    r"improv\w*|augment\w*|elevat\w*)",
    re.IGNORECASE,
)
_ANY_CHANGE = re.compile("|".join(f"(?:{p.pattern})" for p in (_SUSPEND, _WEAKEN, _STRENGTHEN)), re.IGNORECASE)
CUES: tuple[str, ...] = (
    "ironclad", "unwavering", "firm", "firmly", "steadfast", "unshakable", "unshakeable", "resolute", "strong",
    "strongly", "full", "fully", "solemn", "unequivocal", "unconditional", "enduring", "absolute", "immediate",
    "overwhelming", "decisive", "swift",
)  # fmt: skip
_CUE_WORDS = frozenset(CUES)

# Generic references to the parties of a bilateral text.
_REFS = re.compile(
    r"\b(?P<both>(?:the\s+)?(?:two|three)\s+(?:sides|ministers|leaders|presidents|governments|countries|nations|allies|delegations|"
    r"secretaries|heads\s+of\s+delegation|defense\s+chiefs)|both\s+(?:sides|ministers|leaders|presidents|governments|"
    r"countries|nations|allies|delegations|the\s+ROK\s+and\s+(?:the\s+)?U\.?S\.?)|the\s+(?:ROK[-–]U\.?S\.?\s+|U\.?S\.?[-–]ROK\s+)?"
    r"alliance|the\s+allies|the\s+ministers|the\s+leaders|the\s+delegations|they|we|both)\b"
    r"|(?P<meeting>\b(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)\s+|[A-Z][a-z]+(?:-[a-z]+)?\s+)?(?:SCM|Security\s+Consultative\s+Meeting)\b"
    r"|\b(?:the|its|later|their|each|every|these|those)\s+(?:\w+\s+)?communiqu[ée]s?|\bthe\s+meeting\b)"
    r"|\b(?P<min>(?:the\s+)?(?:ROK\s+|Korean\s+)?(?:defen[sc]e\s+)?minister)\b(?!\s+of\s+foreign)"
    r"|\b(?P<sec>(?:the\s+)?(?:U\.?S\.?\s+)?(?:defen[sc]e\s+)?secretary)\b(?!\s+of\s+state)"
    r"|\b(?P<pron>[Hh]e|[Ss]he)\b",
    re.IGNORECASE,
)
_REFS_ANCHORED = AnchoredPattern(
    _REFS,
    {"sides", "ministers", "leaders", "presidents", "governments", "countries", "nations", "allies", "delegations",
     "secretaries", "heads", "chiefs", "both", "alliance", "they", "we", "scm", "security", "communiqué", "communiqués",
     "communique", "communiques", "meeting", "minister", "secretary", "he", "she"},
    lookback=4,
)  # fmt: skip
_COORD_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:and|as\s+well\s+as|together\s+with|along\s+with|,)\s*(?:the\s+)?$", re.IGNORECASE
)
_CLAUSE_GAP = re.compile(r"(?:[;]|,\s+(?:and|while|whereas|but)\s+|\band\s+)", re.IGNORECASE)
_SAME_ACTOR_GAP = re.compile(r"[\s,()]*(?:of\s+(?:the\s+)?)?[\s,()]*$")
_SPEECH = re.compile(
    r"\b(?:said|says|stated|states|stating|made\s+clear|making\s+clear|warned|declared|announced|explained|noted|"
    r"stressed|emphasized|underscored|assured|told\s+\w+|confirmed)\s+(?:\w+\s+){0,3}?that\b",
    re.IGNORECASE,
)
_CLAUSE_LEAD = re.compile(r"[\s,;]*(?:(?:and|while|whereas|but)\s+)?", re.IGNORECASE)
_ADVERBS_ONLY = re.compile(
    r"^\s*(?:(?:also|further|again|jointly|once\s+again|each|both|side|sides|government|\w+ly|,)\s*)*$", re.IGNORECASE
)
_BENEFIT_KOR = re.compile(r"\b(?:to|for|of)\s+(?:the\s+)?(?:ROK|Republic\s+of\s+Korea|South\s+Korea)\b")


BILATERAL: frozenset[str] = frozenset({"KOR", "USA"})
"""The two parties of the alliance."""


@dataclass(frozen=True)
class Ref:
    """A reference to one or more parties."""

    start: int
    end: int
    parties: frozenset[str]


@dataclass
class CommitmentFinding:
    """A commitment sentence as the rules read it."""

    start: int
    end: int
    parties: frozenset[str]
    stance: str
    cues: list[str]
    strength: float
    verb_span: tuple[int, int]
    defaulted: bool
    beneficiaries: list[str] = field(default_factory=list)


def stance_of(clause: str, verb_group: str) -> str:
    """Stance of a commitment from its clause and the kind of its main verb.

    >>> stance_of("reaffirmed its commitment to suspend the exercise", "reaffirm")
    'suspended'
    >>> stance_of("agreed to strengthen missile defense", "new")
    'strengthened'
    """
    if _ANY_CHANGE.search(clause) is None:  # one pass for the common case: no change word at all
        return "reaffirmed" if verb_group == "reaffirm" else "new"
    if _SUSPEND.search(clause):
        return "suspended"
    if _WEAKEN.search(clause):
        return "weakened"
    if _STRENGTHEN.search(clause):
        return "strengthened"
    return "reaffirmed" if verb_group == "reaffirm" else "new"


def strength_of(cues: list[str]) -> float:
    """A number in [0.5, 1.0]: 0.5 without cues, +0.15 for each distinct cue.

    >>> strength_of(["ironclad", "firm"])
    0.8
    """
    return round(min(1.0, 0.5 + 0.15 * len({c.lower() for c in cues})), 2)


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

    def refs(
        self,
        text: str,
        tokens: Tokens,
        start: int,
        end: int,
        actors: list[ActorMention],
        pronoun: frozenset[str] | None = None,
    ) -> list[Ref]:
        """References to parties in ``text[start:end]``, in text order.

        Args:
            pronoun: the party "he" or "she" stands for (that of the last
                person named before the sentence), if any.
        """
        out: list[Ref] = []
        for a in actors:
            if a.start < start or a.end > end or a.actor.kind == Kind.ORGANIZATION:
                continue
            party = a.actor.country if a.actor.kind == Kind.PERSON else a.actor.id
            if party:
                out.append(Ref(a.start, a.end, frozenset({party})))
        for m in _REFS_ANCHORED.finditer(text, tokens, start, end):
            if any(r.start <= m.start() < r.end or m.start() <= r.start < m.end() for r in out):
                continue
            if m.group("both"):
                out.append(Ref(m.start(), m.end(), self.both))
            elif m.group("meeting"):
                out.append(Ref(m.start(), m.end(), BILATERAL))
            elif m.group("min"):
                out.append(Ref(m.start(), m.end(), frozenset({self.minister})))
            elif m.group("sec"):
                out.append(Ref(m.start(), m.end(), frozenset({self.secretary})))
            elif m.group("pron") and pronoun:
                out.append(Ref(m.start(), m.end(), pronoun))
        out.sort(key=lambda r: r.start)
        return _merge_titles(out, text)


def _merge_titles(refs: list[Ref], text: str) -> list[Ref]:
    """Join "Secretary" + "Austin" (adjacent refs of one party) into one."""
    merged: list[Ref] = []
    for r in refs:
        if merged and merged[-1].parties == r.parties and _SAME_ACTOR_GAP.match(text, merged[-1].end, r.start):
            merged[-1] = Ref(merged[-1].start, r.end, r.parties)
        else:
            merged.append(r)
    return merged


def subject_before(text: str, refs: list[Ref], clause_start: int, verb_start: int) -> frozenset[str] | None:
    """Parties of the verb's subject among ``refs`` (all inside the clause).

    Reported speech is the speaker's pledge: in "President Biden made clear
    that an attack on the ROK would be met with ...", the subject of "would"
    is President Biden's party, not the ROK.
    """
    inside = [r for r in refs if clause_start <= r.start and r.end <= verb_start]
    if not inside:
        return None
    speech = None
    for m in _SPEECH.finditer(text, clause_start, verb_start):
        speech = m
    if speech is not None:
        speakers = [r for r in inside if r.end <= speech.start()]
        if speakers:
            return subject_before(text, speakers, clause_start, speech.start())
    last_comma = text.rfind(",", clause_start, verb_start)
    near = [r for r in inside if r.start > last_comma] if last_comma >= 0 else inside
    group: list[Ref]
    if near:
        # the reference group right before the verb (coordinated: "the Minister and the Secretary")
        tail = near[-1]
        group = [tail]
        for r in reversed(near[:-1]):
            if _COORD_GAP.match(text[r.end : group[0].start]):
                group.insert(0, r)
            else:
                break
    else:
        first = inside[0]
        group = [first]
        for r in inside[1:]:
            if _COORD_GAP.match(text[group[-1].end : r.start]):
                group.append(r)
            else:
                break
    parties: set[str] = set()
    for r in group:
        parties |= r.parties
    return frozenset(parties)


def find_commitments(
    text: str,
    tokens: Tokens,
    start: int,
    end: int,
    refs: list[Ref],
    default: frozenset[str] | None,
) -> list[CommitmentFinding]:
    """Read one sentence ``text[start:end]`` into its commitment clauses (none when it pledges nothing).

    A sentence is one clause unless a later commitment verb has a subject of
    its own after a clause break ("Secretary Rumsfeld reaffirmed ..., and the
    two sides agreed ..."): then each such clause is a commitment of its own
    party. The first clause starts at the sentence start (an introductory
    phrase belongs to it); each clause ends where the next begins.

    Args:
        text: the document text.
        tokens: its tokens.
        start, end: the sentence.
        refs: the party references of the sentence (:meth:`PartyResolver.refs`).
        default: parties to assume when no subject is found (both parties in
            a joint communiqué; None elsewhere).
    """
    verbs = list(_VERBS_ANCHORED.finditer(text, tokens, start, end))
    if verbs:
        anchor_start, anchor_end = verbs[0].span()
        group = "reaffirm" if verbs[0].group("reaffirm") else "new"
        parties = subject_before(text, refs, start, anchor_start)
    else:
        noun = _NOUNS.search(text, start, end)
        if noun is None:
            return []
        anchor_start, anchor_end = noun.span()
        group = "new"
        owner = [r for r in refs if r.end <= anchor_start and _OWNER_BEFORE.fullmatch(text, r.end, anchor_start)]
        parties = owner[-1].parties if owner else subject_before(text, refs, start, anchor_start)
    defaulted = False
    if parties is None:
        if default is None:
            return []
        parties, defaulted = default, True
    # (clause start, parties, verb span, verb group, defaulted)
    clauses: list[tuple[int, frozenset[str], tuple[int, int], str, bool]] = [
        (start, parties, (anchor_start, anchor_end), group, defaulted)
    ]
    prev_end = anchor_end
    for v in verbs[1:]:
        gap = text[prev_end : v.start()]
        breaks = list(_CLAUSE_GAP.finditer(gap))
        clause = breaks[-1] if breaks else None  # the last break before the verb
        if clause is not None:
            clause_start = prev_end + clause.end()
            extra = subject_before(text, refs, clause_start, v.start())
            last_end = max((r.end for r in refs if clause_start <= r.start and r.end <= v.start()), default=None)
            if extra is not None and last_end is not None and _ADVERBS_ONLY.match(text[last_end : v.start()]):
                begin = prev_end + clause.start()
                verb_group = "reaffirm" if v.group("reaffirm") else "new"
                clauses.append((begin, extra, v.span(), verb_group, False))
        prev_end = v.end()
    out: list[CommitmentFinding] = []
    for n, (begin, who, verb, verb_group, was_defaulted) in enumerate(clauses):
        finish = clauses[n + 1][0] if n + 1 < len(clauses) else end
        out.append(_finding(text, tokens, begin, finish, who, verb, verb_group, was_defaulted))
    return out


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
    cues = [w for w in tokens.words_between(start, end) if w in _CUE_WORDS]
    beneficiaries: list[str] = []
    if parties == {"USA"}:
        beneficiaries = ["KOR"]
    elif parties == {"KOR"}:
        beneficiaries = ["USA"]
    elif _BENEFIT_KOR.search(clause_text) and "KOR" not in parties:
        beneficiaries = ["KOR"]
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
        stance=stance_of(clause_text, group),
        cues=sorted(set(cues)),
        strength=strength_of(cues),
        verb_span=verb,
        defaulted=defaulted,
        beneficiaries=beneficiaries,
    )
