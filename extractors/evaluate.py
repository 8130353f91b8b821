"""Evaluation of the extractor against hand-made gold annotations.

Each gold file (format in ``docs/extraction.md``) names a document of the
corpus and lists what it records or mentions. :func:`evaluate` reads every
document with the project's readers, extracts it with
:func:`extractors.rules.extract_document`, turns both sides into sets of keys
and sums true positives, false positives and false negatives over documents
(micro-averaging) per category:

=============  ======================================================
category       key
=============  ======================================================
meetings       ``(series, ordinal)``, or ``(series, date)`` without ordinal
actors         gazetteer id, ``person:<Full Name>`` for persons
incidents      catalogue id (a new, estimated incident never matches)
commitments    ``(commitment type, committing party)``; a joint pledge's
               party is ``KOR+USA`` (ids sorted, joined by ``+``)
responses      ``(commitment type, incident id)`` or ``(type, threat type)``
meeting facts  per gold meeting: ``(meeting, "recorded")`` when the document
               is filed under it (``ISSUED_AT``), ``(meeting, "date", d)``,
               ``(meeting, "end", d)``, ``(meeting, "place", city)`` and
               ``(meeting, "head", person)``
=============  ======================================================

Meeting facts are scored only for meetings the gold names. A date given to a
gold meeting without one (a future meeting) is a false fact, and so is a
document filed under a meeting it does not record; an end date, a place or a
head of delegation is scored only where the gold states that field (``heads``
on the recorded meeting of ``corpus/official-shapes``). A place is scored for
the recorded meeting and for meetings without an ordinal (summits): the
extractor leaves the place of a numbered meeting only mentioned to the
document that records it, so that a passing mention cannot overwrite it in a
store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extractors.document import SourceDocument
from graph.errors import ExtractionError
from graph.model import GraphData
from graph.schema import Kind, Prop, Rel, Series, concept_local_name, is_a

CATEGORIES: tuple[str, ...] = ("meetings", "actors", "incidents", "commitments", "responses", "meeting facts")
"""The categories scored, in report order."""

Key = tuple[str, ...]


@dataclass
class Score:
    """Counts and derived figures of one category."""

    category: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted and nothing expected."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentResult:
    """What one document got right and wrong, per category."""

    gold_file: str
    document: str
    missed: dict[str, list[Key]] = field(default_factory=dict)
    spurious: dict[str, list[Key]] = field(default_factory=dict)
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)


@dataclass
class EvaluationReport:
    """Micro-averaged scores and per-document details."""

    scores: dict[str, Score]
    documents: list[DocumentResult]

    def records(self) -> list[dict[str, Any]]:
        """One dict per category: counts, precision, recall, F1."""
        return [
            {
                "category": s.category,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
                "f1": round(s.f1, 3),
            }
            for s in (self.scores[c] for c in CATEGORIES)
        ]

    def to_frame(self) -> pd.DataFrame:
        """The scores as a DataFrame indexed by category."""
        return pd.DataFrame.from_records(self.records()).set_index("category")


# ---------------------------------------------------------------------------
# keys
# ---------------------------------------------------------------------------


def _meeting_key(series: str, ordinal: Any, date: Any) -> Key:
    if ordinal is not None and ordinal != "":
        return (str(series), f"#{int(ordinal)}")
    return (str(series), str(date))


def gold_keys(gold: dict[str, Any]) -> dict[str, set[Key]]:
    """Key sets of a gold annotation.

    Raises:
        ExtractionError: a required field is missing or malformed.
    """
    try:
        out: dict[str, set[Key]] = {c: set() for c in CATEGORIES}
        for m in gold.get("meetings", []):
            mk = _meeting_key(m["series"], m.get("ordinal"), m.get("date"))
            out["meetings"].add(mk)
            out["meeting facts"].update(_gold_facts(mk, m))
        out["actors"] = {(str(a),) for a in gold.get("actors", [])}
        out["incidents"] = {(str(i),) for i in gold.get("incidents", [])}
        for c in gold.get("commitments", []):
            out["commitments"].add((str(c["type"]), _party(str(c["committed_by"]))))
        for r in gold.get("responses", []):
            if r.get("incident"):
                out["responses"].add((str(r["type"]), "incident:" + str(r["incident"])))
            elif r.get("threat"):
                out["responses"].add((str(r["type"]), "threat:" + str(r["threat"])))
            else:
                msg = f"a response needs an 'incident' or a 'threat': {r}"
                raise ExtractionError(msg)
    except (KeyError, TypeError, ValueError) as e:
        msg = f"malformed gold annotation: {e}"
        raise ExtractionError(msg) from e
    return out


def _gold_facts(mk: Key, meeting: dict[str, Any]) -> set[Key]:
    name = " ".join(mk)
    facts: set[Key] = set()
    if meeting.get("recorded"):
        facts.add((name, "recorded"))
    for field_name, fact in (("date", "date"), ("end_date", "end")):
        if meeting.get(field_name):
            facts.add((name, fact, str(meeting[field_name])))
    if meeting.get("location") and (meeting.get("recorded") or meeting.get("ordinal") in (None, "")):
        facts.add((name, "place", _city(str(meeting["location"]))))
    facts.update((name, "head", str(h)) for h in meeting.get("heads", []))
    return facts


def _city(place: str) -> str:
    """The city of a place as written ("Washington, D.C.", "Honolulu, Hawaii" -> its first part)."""
    city = place.split(",")[0].strip()
    return city[4:] if city.lower().startswith("the ") else city


def _fact_scope(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Per gold meeting (its key joined by a space), the fact kinds that are scored."""
    scope: dict[str, set[str]] = {}
    for m in gold.get("meetings", []):
        kinds = {"recorded", "date"}
        if m.get("end_date"):
            kinds.add("end")
        if m.get("location") and (m.get("recorded") or m.get("ordinal") in (None, "")):
            kinds.add("place")  # a numbered meeting's place comes from the document that records it
        if "heads" in m:
            kinds.add("head")
        scope[" ".join(_meeting_key(m["series"], m.get("ordinal"), m.get("date")))] = kinds
    return scope


def _party(text: str) -> str:
    return "+".join(sorted(p.strip() for p in text.split("+") if p.strip()))


def predicted_keys(graph: GraphData) -> dict[str, set[Key]]:
    """Key sets of an extraction result."""
    nodes = graph.node_map()
    out: dict[str, set[Key]] = {c: set() for c in CATEGORIES}
    outgoing: dict[str, list[tuple[Rel, str]]] = {}
    for rel in graph.relationships:
        outgoing.setdefault(rel.source, []).append((rel.type, rel.target))

    def notation(iri: str) -> str | None:
        node = nodes.get(iri)
        value = node.props.get(Prop.NOTATION.value) if node is not None else None
        return value if isinstance(value, str) else None

    recorded = {rel.target for rel in graph.relationships if rel.type == Rel.ISSUED_AT}
    evidenced = {rel.source for rel in graph.relationships if rel.type == Rel.EVIDENCE}
    # an incident named in the text involves its perpetrator even when the text does not name it
    evidenced |= {rel.target for rel in graph.relationships if rel.type == Rel.PERPETRATOR and rel.source in evidenced}
    for node in graph.nodes:
        if node.iri not in evidenced:
            continue  # linked (a party of an agreement, an affiliation) but not named in the text
        if is_a(node.kind, Kind.MEETING):
            series = node.props.get(Prop.SERIES.value, Series.SCM if node.kind == Kind.SCM else Series.OTHER)
            date = node.date
            mk = _meeting_key(str(series), node.props.get(Prop.ORDINAL.value), date.isoformat() if date else None)
            out["meetings"].add(mk)
            name = " ".join(mk)
            if date is not None:
                out["meeting facts"].add((name, "date", date.isoformat()))
            end = node.props.get(Prop.END_DATE.value)
            if end:
                out["meeting facts"].add((name, "end", str(end)))
            place = node.props.get(Prop.LOCATION.value)
            if place:
                out["meeting facts"].add((name, "place", _city(str(place))))
            for t, target in outgoing.get(node.iri, []):
                if t == Rel.HEAD_OF_DELEGATION and (person := nodes.get(target)) is not None:
                    out["meeting facts"].add((name, "head", notation(target) or "person:" + person.label))
            if node.iri in recorded:
                out["meeting facts"].add((name, "recorded"))
        elif is_a(node.kind, Kind.ACTOR):
            ident = notation(node.iri)
            out["actors"].add((ident or node.label,))
        elif is_a(node.kind, Kind.INCIDENT) or node.kind == Kind.AGREEMENT:
            ident = notation(node.iri)
            out["incidents"].add((ident or f"new:{node.label}",))
    for node in graph.nodes:
        if node.kind != Kind.COMMITMENT:
            continue
        rels = outgoing.get(node.iri, [])
        parties = sorted(p for t, target in rels if t == Rel.COMMITTED_BY and (p := notation(target)))
        types = [concept_local_name(target) for t, target in rels if t == Rel.COMMITMENT_TYPE]
        party = "+".join(parties)
        for ctype in types:
            if party:
                out["commitments"].add((ctype, party))
        for t, target in rels:
            if t != Rel.RESPONDS_TO:
                continue
            tnode = nodes.get(target)
            if tnode is None:
                continue
            if tnode.kind == Kind.THREAT:
                threat_types = [concept_local_name(x) for tt, x in outgoing.get(target, []) if tt == Rel.THREAT_TYPE]
                for ctype in types:
                    out["responses"].update((ctype, "threat:" + tt) for tt in threat_types)
            else:
                ident = notation(target) or f"new:{tnode.label}"
                for ctype in types:
                    out["responses"].add((ctype, "incident:" + ident))
    return out


# ---------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The gold JSON files named by ``paths`` (files, or directories of ``*.json``).

    Raises:
        ExtractionError: a path does not exist, or no gold file was found.
    """
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            out.append(path)
        else:
            msg = f"no gold file or directory at {path}"
            raise ExtractionError(msg)
    if not out:
        msg = "no gold annotation files (*.json) found"
        raise ExtractionError(msg)
    return out


def _default_reader(path: Path) -> SourceDocument:
    from extractors.readers import read_document

    return read_document(path)


def _default_extractor(doc: SourceDocument) -> GraphData:
    from extractors.rules import extract_document

    return extract_document(doc)


def evaluate(
    gold_paths: Iterable[str | Path] | str | Path,
    corpus_dir: str | Path | None = None,
    *,
    reader: Callable[[Path], SourceDocument] | None = None,
    extractor: Callable[[SourceDocument], GraphData] | None = None,
) -> EvaluationReport:
    """Score the extractor on gold annotations.

    Args:
        gold_paths: gold files or directories of them.
        corpus_dir: the directory the gold files' ``document`` paths are
            relative to (default: the parent of the first gold file's directory,
            i.e. ``corpus/`` for ``corpus/gold/*.json``).
        reader: file -> document (default: :func:`extractors.readers.read_document`).
        extractor: document -> graph (default: :func:`extractors.rules.extract_document`).

    Returns:
        Micro-averaged scores per category and per-document details.

    Raises:
        ExtractionError: a gold file or its document cannot be read.
    """
    if isinstance(gold_paths, str | Path):
        gold_paths = [gold_paths]
    files = gold_files(gold_paths)
    base = Path(corpus_dir) if corpus_dir is not None else files[0].parent.parent
    read = reader or _default_reader
    extract = extractor or _default_extractor
    scores = {c: Score(c) for c in CATEGORIES}
    results: list[DocumentResult] = []
    for gold_file in files:
        try:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            msg = f"cannot read gold file {gold_file}: {e}"
            raise ExtractionError(msg) from e
        if not isinstance(gold, dict) or "document" not in gold:
            msg = f"gold file {gold_file} has no 'document' field"
            raise ExtractionError(msg)
        doc_path = base / str(gold["document"])
        if not doc_path.is_file():
            msg = f"gold file {gold_file.name} names {doc_path}, which does not exist (use --corpus)"
            raise ExtractionError(msg)
        expected = gold_keys(gold)
        got = predicted_keys(extract(read(doc_path)))
        scope = _fact_scope(gold)
        got["meeting facts"] = {f for f in got["meeting facts"] if f[1] in scope.get(f[0], set()) or f[1] == "recorded"}
        result = DocumentResult(gold_file=str(gold_file), document=str(gold["document"]))
        for c in CATEGORIES:
            tp = len(expected[c] & got[c])
            fp = len(got[c] - expected[c])
            fn = len(expected[c] - got[c])
            scores[c].tp += tp
            scores[c].fp += fp
            scores[c].fn += fn
            result.counts[c] = (tp, fp, fn)
            result.missed[c] = sorted(expected[c] - got[c])
            result.spurious[c] = sorted(got[c] - expected[c])
        results.append(result)
    return EvaluationReport(scores, results)
