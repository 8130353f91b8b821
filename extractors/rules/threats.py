"""Threats: a threat type (SKOS scheme ``ak:ThreatTypes``) and the actor posing it.

A phrase of the threat scheme ("nuclear weapons program", "ballistic
missiles", "cyberattacks", "coercion") names a threat type; the poser is the
nearest adversary state (North Korea, China, Russia, the Soviet Union, Iran)
named in the same sentence, else of the same paragraph, else North Korea when the
document speaks of it at all (not for a phrase of ``local_poser_only`` in ``threats.yaml``:
terrorism, which needs its poser named near it). A Threat node is identified by poser and type.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extractors.rules.actors import ActorMention
from extractors.rules.lexicon import Lexicon
from extractors.rules.patterns import load_rules
from extractors.rules.scan import Tokens
from extractors.rules.text import Sentence
from graph.schema import Kind

RULES = load_rules("threats")
_LOCAL_POSER_ONLY = RULES.regex("local_poser_only")

ADVERSARIES: frozenset[str] = load_rules("commitments").words("adversaries")
"""States that can be taken as the poser of a threat (allies and partners never are): the states that never share
an alliance pledge (``adversaries`` in ``commitments.yaml``)."""

DEFAULT_POSER = "PRK"


@dataclass(frozen=True)
class ThreatMention:
    """A span naming a threat type, with its poser."""

    start: int
    end: int
    threat_type: str
    poser: str
    sentence: int | None


def poser_of(actor: ActorMention) -> str | None:
    """The state an actor mention stands for, if it can pose a threat."""
    a = actor.actor
    state = a.country if a.kind == Kind.PERSON else a.id
    if state is None or state not in ADVERSARIES:
        return None
    return state


def find_threats(
    text: str,
    lex: Lexicon,
    actors: list[ActorMention],
    sents: list[Sentence],
    tokens: Tokens | None = None,
) -> list[ThreatMention]:
    """Threat mentions of ``text``.

    Args:
        text: document text.
        lex: lexicon with the threat-type matcher.
        actors: the document's actor mentions, in text order.
        sents: the document's sentences.
    """
    hostile = [(a.start, poser_of(a)) for a in actors]
    hostile_pos = [p for p, who in hostile if who is not None]
    hostile_who = [who for _, who in hostile if who is not None]
    any_prk = "PRK" in hostile_who
    starts = [s.start for s in sents]
    par_bounds: dict[int, tuple[int, int]] = {}
    for s in sents:
        lo, hi = par_bounds.get(s.paragraph, (s.start, s.end))
        par_bounds[s.paragraph] = (min(lo, s.start), max(hi, s.end))
    out: list[ThreatMention] = []
    for start, end, types in lex.threat_types.finditer(text, tokens):
        i = bisect.bisect_right(starts, start) - 1
        sentence = i if i >= 0 and start < sents[i].end else None
        poser = None
        if sentence is not None:
            s = sents[sentence]
            poser = _nearest(hostile_pos, hostile_who, start, s.start, s.end)
            if poser is None:
                lo, hi = par_bounds[s.paragraph]
                poser = _nearest(hostile_pos, hostile_who, start, lo, hi)
        if poser is None and any_prk and _LOCAL_POSER_ONLY.fullmatch(text, start, end) is None:
            poser = DEFAULT_POSER  # (not "the campaign against terrorism" of a paragraph that names no adversary)
        if poser is None:
            continue
        for threat_type in types:
            out.append(ThreatMention(start, end, threat_type, poser, sentence))
    return out


def _nearest(positions: list[int], who: list[str], at: int, lo: int, hi: int) -> str | None:
    """The actor whose position in ``[lo, hi)`` is nearest to ``at`` (ties: the earlier one)."""
    i = bisect.bisect_left(positions, at)
    candidates = [j for j in (i - 1, i) if 0 <= j < len(positions) and lo <= positions[j] < hi]
    if not candidates:
        return None
    best = min(candidates, key=lambda j: (abs(positions[j] - at), positions[j]))
    return who[best]
