"""One tokenisation per document, and patterns tried only where their anchor words occur.

Python's regex engine tries a long alternation at every character of a text;
on dense prose that costs far more than the matching itself. The rules
instead split the text once into word tokens (:class:`Tokens`) and try a
pattern only at the tokens that can start or head it:

* :class:`AnchoredPattern` runs ``pattern.match`` at the token where an anchor
  word occurs, or a few tokens before it (for optional lead words such as
  "the", "in", "on");
* :class:`extractors.rules.lexicon.PhraseMatcher` keys its phrases by their
  first word and tries only the phrases sharing the token's word.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from re import _constants as _sre  # type: ignore[attr-defined]  # Python's own re parser gives the starts
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

from extractors.rules import regex_cache

_WORD_SPLIT = re.compile(r"(\w+)")
_WORD_CHAR = re.compile(r"\w")


@dataclass
class Tokens:
    """The word tokens of a text: exact and lower-cased forms, start offsets.

    >>> t = Tokens.of("The U.S. side")
    >>> t.words, t.starts
    (['The', 'U', 'S', 'side'], [0, 4, 6, 9])
    """

    words: list[str]
    lower: list[str]
    starts: list[int]
    _indices: dict[bool, dict[str, list[int]]] | None = None
    _cache: dict[object, list[int]] | None = None
    _learned: dict[bool, int] | None = None
    _odd: list[int] | None = None

    def words_between(self, start: int, end: int) -> list[str]:
        """Lower-cased words of the tokens starting in ``[start, end)``."""
        return self.lower[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]

    def index(self, fold: bool = True) -> dict[str, list[int]]:
        """Token indices by (lower-cased) word."""
        if self._indices is None:
            self._indices = {}
        found = self._indices.get(fold)
        if found is not None:
            return found
        out: dict[str, list[int]] = {}
        for i, w in enumerate(self.lower if fold else self.words):
            bucket = out.get(w)
            if bucket is None:
                out[w] = [i]
            else:
                bucket.append(i)
        self._indices[fold] = out
        return out

    def candidates(self, key: object, accept: Callable[[str], bool] | AbstractSet[str], fold: bool = True) -> list[int]:
        """Sorted indices of the tokens whose word is in ``accept`` (a set of
        words or a predicate), cached under ``key``."""
        if self._cache is None:
            self._cache = {}
        found = self._cache.get((key, fold))
        if found is None:
            index = self.index(fold)
            if isinstance(accept, AbstractSet):
                # a set operation walks its right side: the smaller of the text's words and the set
                words: Iterable[str] = (
                    accept.intersection(index)
                    if isinstance(accept, set | frozenset) and len(accept) > len(index)
                    else index.keys() & accept
                )
            else:
                taken = _VOCABULARY.register(key, accept)
                if self._learned is None:
                    self._learned = {}
                if self._learned.get(fold) != _VOCABULARY.generation:
                    _VOCABULARY.learn(index.keys())
                    self._learned[fold] = _VOCABULARY.generation
                words = index.keys() & taken
            found = sorted(itertools.chain.from_iterable(index[w] for w in words))
            self._cache[(key, fold)] = found
        return found

    def phrase_starts(self, text: str, phrase: str, start: int, end: int) -> list[int]:
        r"""Where ``phrase`` stands as whole words in ``text[start:end]`` (``text`` being the text these tokens are of),
        by token lookup: the starts of exactly the matches of
        ``re.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE).finditer(text, start, end)``, without
        compiling an expression per phrase.

        A match of a phrase that begins and ends with a word character begins at a token. The tokens tried are
        those whose lower-cased word is the phrase's first word's, those holding a character outside ASCII (whose
        case the regex engine folds character by character, as ``str.lower`` does not: "İ" matches "i") and the
        one that ``end`` cuts (the regex ends a word at ``end``); each is checked against the text as the regex
        would. A phrase that does not begin and end with a word character, or that holds a character outside ASCII
        (which may match an ASCII one: "ſ" matches "s"), is looked for with the regex itself.

        >>> text = "Defense posture; defense\nposture; the defense posture's"
        >>> Tokens.of(text).phrase_starts(text, "defense posture", 0, len(text))
        [0, 38]
        """
        parts = _WORD_SPLIT.split(phrase)
        if len(parts) < 3 or parts[0] or parts[-1] or not phrase.isascii():
            rx = regex_cache.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE)
            return [m.start() for m in rx.finditer(text, start, end)]
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        if lo >= hi:
            return []
        found = self.index().get(parts[1].lower(), [])
        tried = found[bisect.bisect_left(found, lo) : bisect.bisect_left(found, hi)]
        if self._odd is None:
            self._odd = sorted(itertools.chain.from_iterable(ix for w, ix in self.index().items() if not w.isascii()))
        odd = self._odd[bisect.bisect_left(self._odd, lo) : bisect.bisect_left(self._odd, hi)]
        last = hi - 1
        cut = [last] if self.starts[last] + len(self.words[last]) > end else []
        if odd or cut:
            tried = sorted({*tried, *odd, *cut})
        size = len(phrase)
        folded = phrase.lower()
        out: list[int] = []
        free = start  # the regex's matches do not overlap
        for i in tried:
            at = self.starts[i]
            stop = at + size
            if at < free or stop > end:
                continue
            span = text[at:stop]
            if span.isascii():
                same = span.lower() == folded
            else:
                same = re.fullmatch(re.escape(phrase), span, re.IGNORECASE) is not None
            if same and (stop == end or _WORD_CHAR.match(text, stop) is None):
                out.append(at)
                free = stop
        return out

    @classmethod
    def of(cls, text: str) -> Tokens:
        """Tokenise ``text`` (runs of word characters).

        A word that recurs is one string object in both lists (a text's
        vocabulary is small next to its length), which keeps the tokens of a
        long document to a few pointers each.
        """
        parts = _WORD_SPLIT.split(text)
        starts = list(itertools.accumulate(map(len, parts), initial=0))[1 : len(parts) : 2]
        shared: dict[str, str] = {}
        raw = parts[1::2]
        del parts
        words = list(map(shared.setdefault, raw, raw))
        del raw
        # each distinct word lower-cased once, as the word itself when it is already in lower case
        lowered = {w: shared.setdefault(low, low) for w in list(shared) for low in (w.lower(),)}
        lower = list(map(lowered.__getitem__, words))
        return cls(words, lower, starts)


_MEMO_LIMIT = 200_000


class _Vocabulary:
    """Every word met so far with the answers of every word predicate keyed in :meth:`Tokens.candidates`.

    A text's words are checked against what is known once per text
    (:meth:`learn`), not once per predicate: only the words no text had
    before are put to the predicates, and each predicate's accepted words
    are then one set intersection away (a vocabulary repeats from text to
    text). Past :data:`_MEMO_LIMIT` words everything is forgotten and the
    ``generation`` moves on, so that a text learns its words again.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.taken: dict[object, set[str]] = {}
        self.predicates: dict[object, Callable[[str], bool]] = {}
        self.generation = 0

    def register(self, key: object, accept: Callable[[str], bool]) -> set[str]:
        """The words known so far that ``accept`` (the predicate kept under ``key``) takes."""
        taken = self.taken.get(key)
        if taken is None:
            self.predicates[key] = accept
            taken = self.taken[key] = {w for w in self.seen if accept(w)}
        return taken

    def learn(self, words: AbstractSet[str]) -> None:
        """Put the words not met before to every predicate."""
        fresh = words - self.seen
        if not fresh:
            return
        if len(self.seen) + len(fresh) > _MEMO_LIMIT:
            self.seen = set()
            for taken in self.taken.values():
                taken.clear()
            self.generation += 1
            fresh = set(words)
        for key, accept in self.predicates.items():
            self.taken[key].update(w for w in fresh if accept(w))
        self.seen |= fresh


_VOCABULARY = _Vocabulary()


class AnchoredPattern:
    """A regex tried only at (or shortly before) tokens holding an anchor word.

    Args:
        pattern: compiled regex; it is ``match``-ed at token starts.
        anchors: lower-cased words that occur in every match, or a predicate
            on a lower-cased word.
        lookback: how many tokens before the anchor a match may start.
        lead: which (lower-cased) words a match may start with before its
            anchor; other tokens before the anchor are not tried.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        anchors: Iterable[str] | Callable[[str], bool],
        lookback: int = 0,
        lead: Callable[[str], bool] | None = None,
    ) -> None:
        self.pattern = pattern
        self._anchors: Callable[[str], bool] | frozenset[str] = anchors if callable(anchors) else frozenset(anchors)
        self.lookback = lookback
        self._lead = lead
        self._lead_memo: dict[str, bool] = {}

    def _leads(self, word: str) -> bool:
        """``lead(word)``, memoised (the same words recur in every text)."""
        ok = self._lead_memo.get(word)
        if ok is None:
            if len(self._lead_memo) > _MEMO_LIMIT:
                self._lead_memo.clear()
            ok = self._lead_memo[word] = self._lead is not None and self._lead(word)
        return ok

    def finditer(self, text: str, tokens: Tokens, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """Non-overlapping matches in text order, each covering an anchor token."""
        stop = len(text) if end is None else end
        last_end = start
        starts = tokens.starts
        match = self.pattern.match
        candidates = tokens.candidates(self, self._anchors)
        first = bisect.bisect_left(starts, start)
        lead = self._lead
        leads = self._leads
        memo = self._lead_memo.get  # the memo read inline: most lead words are known
        lower = tokens.lower
        lookback = self.lookback
        for k in range(bisect.bisect_left(candidates, first), len(candidates)):
            i = candidates[k]
            pos = starts[i]
            if pos >= stop:
                break
            if pos < last_end:
                continue
            for j in range(max(first, i - lookback), i + 1):
                candidate = starts[j]
                if candidate < last_end:
                    continue
                if lead is not None and j < i:
                    ok = memo(lower[j])
                    if not (leads(lower[j]) if ok is None else ok):
                        continue
                m = match(text, candidate, stop)
                if m is not None and m.end() > pos:
                    yield m
                    last_end = m.end()
                    break


class Coverage:
    """Spans already claimed, for overlap tests in logarithmic time.

    Spans may be added in any order; they are expected to be short (a few
    hundred characters at most), which bounds the backward scan.
    """

    MAX_SPAN = 400

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def add(self, start: int, end: int) -> None:
        """Claim ``[start, end)``."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a claimed span."""
        i = bisect.bisect_left(self._starts, end) - 1
        while i >= 0:
            s, e = self._spans[i]
            if e > start and s < end:
                return True
            if s < start - self.MAX_SPAN:
                return False
            i -= 1
        return False


# -- whole-text scans that skip what cannot start a match ---------------------------------------

_FIRST_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_SPACE: r"\s",
}


def _first_items(items: list[Any], bounded: bool) -> tuple[list[tuple[str, bool]], bool] | None:
    """The class pieces of every first character of a sequence of parsed items, each with
    whether a word boundary is asserted right before it, and whether the sequence can
    match nothing; None when that cannot be told (the caller then scans everywhere)."""
    out: list[tuple[str, bool]] = []
    for op, av in items:
        if op is _sre.AT:
            bounded = bounded or av is _sre.AT_BOUNDARY
            continue
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: it only removes starts
        if op is _sre.LITERAL:
            out.append((re.escape(chr(av)), bounded))
            return out, False
        if op is _sre.IN:
            for iop, iav in av:
                if iop is _sre.LITERAL:
                    out.append((re.escape(chr(iav)), bounded))
                elif iop is _sre.RANGE:
                    out.append((f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}", bounded))
                elif iop is _sre.CATEGORY and iav in _FIRST_CATEGORIES:
                    out.append((_FIRST_CATEGORIES[iav], bounded))
                else:
                    return None
            return out, False
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None
            part = _first_items(list(sub), bounded)
        elif op is _sre.BRANCH:
            parts = [_first_items(list(alt), bounded) for alt in av[1]]
            if any(p is None for p in parts):
                return None
            part = ([x for p in parts if p is not None for x in p[0]], any(p is not None and p[1] for p in parts))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            inner = _first_items(list(sub), bounded)
            part = None if inner is None else (inner[0], inner[1] or low == 0)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            part = _first_items(list(av), bounded)
        else:
            return None
        if part is None:
            return None
        out.extend(part[0])
        if not part[1]:
            return out, False
    return out, True


def start_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-character pattern that matches wherever ``pattern`` can start a match (and
    maybe elsewhere), derived from the pattern itself; None when it cannot be derived or
    would not narrow the scan (a pattern that may match nothing, or start with any character)."""
    source = regex_cache.derived(
        "start-chars", __file__, pattern.pattern, pattern.flags, lambda: _start_source(pattern)
    )
    return None if source is None else regex_cache.compile(source, pattern.flags & ~re.VERBOSE)


def _start_source(pattern: re.Pattern[str]) -> str | None:
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        found = _first_items(list(parsed), False)
    except (re.error, TypeError, ValueError, IndexError):
        return None
    if found is None or found[1] or not found[0]:
        return None
    bounded = sorted({piece for piece, b in found[0] if b})
    free = sorted({piece for piece, b in found[0] if not b})
    alternatives = ([rf"\b[{''.join(bounded)}]"] if bounded else []) + ([f"[{''.join(free)}]"] if free else [])
    return "|".join(alternatives)


class LeftmostScan:
    """``pattern.finditer`` with the same matches, tried only where a match can start.

    Python's regex engine tries a long alternation at every character of a
    text; :func:`start_pattern` finds the places where the pattern can start
    (its possible first characters, after a word boundary when every way of
    matching asserts one) in one cheap scan, and the pattern is ``match``-ed
    there only, left to right, each match resuming after the one before: the
    leftmost non-overlapping matches, as :meth:`re.Pattern.finditer` gives
    them. A pattern whose starts cannot be derived is scanned as usual.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.starts = start_pattern(pattern)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        stop = len(text) if end is None else end
        if self.starts is None:
            yield from self.pattern.finditer(text, start, stop)
            return
        match = self.pattern.match
        last_end = start
        for hit in self.starts.finditer(text, start, stop):
            pos = hit.start()
            if pos < last_end:
                continue
            m = match(text, pos, stop)
            if m is not None:
                yield m
                last_end = m.end()
