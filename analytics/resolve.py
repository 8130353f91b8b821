"""Naming things the way an analyst does: incidents, commitment types, parties.

An incident is named by its IRI, its catalogue id (``prk-nuclear-test-1``),
its date (``2006-10-09``), its label or one of its alternative labels. A
commitment type is named by its local name (``ExtendedDeterrence``) or its
preferred or alternative label (``extended deterrence``), case-insensitively.
A name that matches nothing or several things raises
:class:`~graph.errors.LookupAmbiguityError` with close matches.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from importlib import resources

from analytics.loader import COMMITMENT_SCHEME_NAME, THREAT_SCHEME_NAME, AnalyticsView, IncidentRec
from graph.errors import EmptyStoreError, LookupAmbiguityError
from graph.model import make_iri
from graph.schema import COMMITMENT_TYPES, THREAT_TYPES, Kind, subkinds

_INCIDENT_KINDS = frozenset(k.value for k in subkinds(Kind.INCIDENT))

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_CANDIDATES = 8
CATALOGUE = "data/incidents.json"
"""The incident catalogue in package ``graph``: the ground, which the extractor and the analytics both read."""


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def describe_incident(rec: IncidentRec) -> str:
    """One line naming an incident: ``label (date) <iri>``."""
    when = rec.date.isoformat() if rec.date else "undated"
    return f"{rec.label} ({when}) {rec.iri}"


@functools.lru_cache(maxsize=1)
def catalogue_aliases() -> dict[str, tuple[str, ...]]:
    """Alternative names of catalogue incidents by catalogue id (empty when the catalogue is absent).

    The incident catalogue (``graph/data/incidents.json``) is public data
    shipped with the project; its aliases let an analyst write "October 2006
    nuclear test" even when the graph's node only carries the label.
    """
    try:
        text = resources.files("graph").joinpath(CATALOGUE).read_text(encoding="utf-8")
        entries = json.loads(text)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    if isinstance(entries, list):
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                aliases = entry.get("aliases") or []
                out[entry["id"]] = tuple(a for a in aliases if isinstance(a, str))
    return out


def _catalogue_entries() -> list[dict[str, object]]:
    try:
        text = resources.files("graph").joinpath(CATALOGUE).read_text(encoding="utf-8")
        entries = json.loads(text)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


@functools.lru_cache(maxsize=1)
def catalogue_incidents() -> tuple[IncidentRec, ...]:
    """The dated incidents of the public incident catalogue, as records with the IRIs ingest gives them.

    An incident no loaded text names is still a crisis of the record: the
    tracer and the crises table can place it against the series reference
    (its next meeting, the lag, whether that meeting's text is loaded).
    Agreements are not incidents and are left out.
    """
    out: list[IncidentRec] = []
    for entry in _catalogue_entries():
        cid, kind, label, day = entry.get("id"), entry.get("kind"), entry.get("label"), entry.get("date")
        if not (isinstance(cid, str) and isinstance(kind, str) and kind in _INCIDENT_KINDS and isinstance(label, str)):
            continue
        try:
            date = dt.date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            date = None
        aliases = entry.get("aliases")
        threat_type, perpetrator = entry.get("threat_type"), entry.get("perpetrator")
        out.append(
            IncidentRec(
                iri=make_iri(Kind(kind), cid),
                label=label,
                kind=kind,
                date=date,
                estimated=False,
                alt_labels=tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else (),
                threat_types=(threat_type,) if isinstance(threat_type, str) else (),
                threats=(),
                perpetrators=(perpetrator,) if isinstance(perpetrator, str) else (),
                notation=cid,
            )
        )
    return tuple(out)


def unnamed_incidents(view: AnalyticsView) -> list[IncidentRec]:
    """Catalogue incidents that no loaded text names (not in the store), oldest first."""
    notations = {r.notation for r in view.incidents.values() if r.notation}
    recs = [r for r in catalogue_incidents() if r.iri not in view.incidents and r.notation not in notations]
    return _by_time(recs)


def _names(rec: IncidentRec) -> tuple[str, ...]:
    extra = catalogue_aliases().get(rec.notation or "", ()) if rec.notation else ()
    return (rec.label, *rec.alt_labels, *extra)


def _words(text: str) -> set[str]:
    return set(_fold(text).split())


def resolve_incident(view: AnalyticsView, name: str, catalogue: bool = True) -> IncidentRec:
    """The incident an analyst means by ``name``.

    Args:
        view: the analytics view of a store.
        name: an IRI, a catalogue id, a date ``YYYY-MM-DD``, a label or an
            alternative label (the node's, or the incident catalogue's),
            case-insensitive; a unique substring of a name, or failing
            that a unique name holding all the given words, also resolves.

    An incident no loaded text names is looked for in the public incident
    catalogue (``catalogue=True``, the default): an exact name, date or id
    in the store wins, then an exact one in the catalogue, and only then a
    partial name over both, so "Cheonan" is the catalogue's sinking rather
    than a loaded text's "Cheonan memorial" and "nuclear test" lists every
    test instead of the one a text happens to name. A catalogue record is
    not in ``view.incidents``, so a caller can say that no loaded text names
    it. A store whose texts name no incident still resolves from the
    catalogue; only a store with nothing loaded at all says so.

    Raises:
        EmptyStoreError: nothing is loaded (or no incident, with ``catalogue=False``).
        LookupAmbiguityError: nothing or several incidents match (with candidates).
    """
    extra = {r.iri: r for r in unnamed_incidents(view)} if catalogue else {}
    if not view.incidents and not (extra and (view.meetings or view.documents)):
        raise EmptyStoreError("incidents")  # nothing ingested yet: say so rather than answer from the catalogue
    if not name.strip():
        msg = "no incident named: give a label, a date (YYYY-MM-DD) or an IRI"
        raise LookupAmbiguityError(msg, _some_incidents(view.incidents or extra))
    for pool in (view.incidents, extra):
        if pool:
            exact = _resolve(pool, name, partial=False)
            if isinstance(exact, IncidentRec):
                return exact
    found = _resolve({**extra, **view.incidents}, name)
    if isinstance(found, IncidentRec):
        return found
    raise found


def _resolve(
    incidents: dict[str, IncidentRec], name: str, partial: bool = True
) -> IncidentRec | LookupAmbiguityError:
    """The incident of ``incidents`` named ``name``, or (returned, not raised) the error saying none is.

    With ``partial=False`` only an IRI, a catalogue id, a date or a whole name counts.

    Raises:
        LookupAmbiguityError: several incidents match, or the date is not one.
    """
    text = name.strip()
    if text in incidents:
        return incidents[text]
    by_notation = [r for r in incidents.values() if r.notation and r.notation.casefold() == text.casefold()]
    if len(by_notation) == 1:
        return by_notation[0]
    for kind in subkinds(Kind.INCIDENT):
        iri_tail = make_iri(kind, text).rsplit("/", 2)[-2:]
        for iri, rec in incidents.items():
            if iri.endswith("/".join(iri_tail)):
                return rec
    if _DATE.match(text):
        return _by_date(incidents, text)
    folded = _fold(text)
    exact = [r for r in incidents.values() if folded in {_fold(n) for n in _names(r)}]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        msg = f"{len(exact)} incidents are named {name!r}"
        raise LookupAmbiguityError(msg, [describe_incident(r) for r in _by_time(exact)][:MAX_CANDIDATES])
    if not partial:
        return LookupAmbiguityError(f"no incident is named {name!r}")
    matches = [r for r in incidents.values() if any(folded in _fold(n) for n in _names(r))]
    if not matches:
        wanted = _words(text)
        matches = [r for r in incidents.values() if any(wanted <= _words(n) for n in _names(r))]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        msg = f"{len(matches)} incidents match {name!r}"
        raise LookupAmbiguityError(msg, [describe_incident(r) for r in _by_time(matches)][:MAX_CANDIDATES])
    names: dict[str, IncidentRec] = {}
    for rec in incidents.values():
        for label in _names(rec):
            names.setdefault(_fold(label), rec)
    close = difflib.get_close_matches(folded, list(names), n=MAX_CANDIDATES, cutoff=0.5)
    seen: list[IncidentRec] = []
    for match in close:
        if names[match] not in seen:
            seen.append(names[match])
    msg = f"no incident is named {name!r}"
    return LookupAmbiguityError(msg, [describe_incident(r) for r in seen] or _some_incidents(incidents))


def _by_time(recs: list[IncidentRec]) -> list[IncidentRec]:
    return sorted(recs, key=lambda r: (r.date or dt.date.min, r.iri))


def _some_incidents(incidents: dict[str, IncidentRec]) -> list[str]:
    return [describe_incident(r) for r in _by_time(list(incidents.values()))][-MAX_CANDIDATES:]


def _by_date(incidents: dict[str, IncidentRec], text: str) -> IncidentRec | LookupAmbiguityError:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as exc:
        msg = f"{text!r} is not a valid date (YYYY-MM-DD)"
        raise LookupAmbiguityError(msg) from exc
    same = [r for r in incidents.values() if r.date == day]
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        msg = f"{len(same)} incidents happened on {text}"
        raise LookupAmbiguityError(msg, [describe_incident(r) for r in _by_time(same)])
    dated = [r for r in incidents.values() if r.date is not None]
    nearest = sorted(dated, key=lambda r: (abs(((r.date or day) - day).days), r.iri))[:MAX_CANDIDATES]
    msg = f"no incident happened on {text}"
    return LookupAmbiguityError(msg, [describe_incident(r) for r in _by_time(nearest)])


def _type_names(view: AnalyticsView, scheme: str) -> dict[str, str]:
    """Folded name -> local name, for every name of a concept of ``scheme``."""
    defaults = COMMITMENT_TYPES if scheme == COMMITMENT_SCHEME_NAME else THREAT_TYPES
    names: dict[str, str] = {}
    for local in defaults:
        names[_fold(local)] = local
        names[local.casefold()] = local
    for rec in sorted(view.concepts.values(), key=lambda c: c.iri):
        if rec.scheme != scheme:
            continue
        names.setdefault(rec.local.casefold(), rec.local)
        names.setdefault(_fold(rec.local), rec.local)
        names.setdefault(_fold(rec.label), rec.local)
        for alt in rec.alt_labels:
            names.setdefault(_fold(alt), rec.local)
    return names


def _split_camel(local: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local)


def resolve_type(view: AnalyticsView, name: str, scheme: str = COMMITMENT_SCHEME_NAME) -> str:
    """The local name of the commitment (or threat) type an analyst means.

    Accepts the local name (``ExtendedDeterrence``), its words
    (``extended deterrence``), the preferred label or an alternative label,
    case-insensitively.

    Raises:
        LookupAmbiguityError: nothing matches (with close matches).
    """
    names = _type_names(view, scheme)
    folded = _fold(name)
    if name.strip().casefold() in names:
        return names[name.strip().casefold()]
    if folded in names:
        return names[folded]
    spaced = {_fold(_split_camel(local)): local for local in set(names.values())}
    if folded in spaced:
        return spaced[folded]
    close = difflib.get_close_matches(folded, list(names) + list(spaced), n=MAX_CANDIDATES, cutoff=0.5)
    locals_: list[str] = []
    for match in close:
        local = names.get(match) or spaced[match]
        if local not in locals_:
            locals_.append(local)
    kind = "commitment" if scheme == COMMITMENT_SCHEME_NAME else "threat"
    msg = f"no {kind} type is named {name!r}"
    candidates = [f"{local} ({view.concept_label(local)})" for local in locals_]
    if not candidates:
        defaults = COMMITMENT_TYPES if scheme == COMMITMENT_SCHEME_NAME else THREAT_TYPES
        candidates = list(defaults)
    raise LookupAmbiguityError(msg, candidates)


def resolve_party(view: AnalyticsView, name: str) -> str:
    """A party code (``KOR``, ``USA``...) the graph knows, case-insensitive.

    Raises:
        LookupAmbiguityError: no committing party has this code.
    """
    codes = sorted({p for c in view.commitments.values() for p in c.parties} | {a[0] for a in view.actors.values()})
    by_fold = {c.casefold(): c for c in codes}
    key = name.strip().casefold()
    if key in by_fold:
        return by_fold[key]
    labels = {label.casefold(): code for code, label in view.actors.values() if label}
    if key in labels:
        return labels[key]
    close = difflib.get_close_matches(key, list(by_fold) + list(labels), n=MAX_CANDIDATES, cutoff=0.5)
    out = [by_fold.get(c) or labels[c] for c in close]
    msg = f"no party is named {name!r}"
    raise LookupAmbiguityError(msg, list(dict.fromkeys(out)) or codes[:MAX_CANDIDATES])


__all__ = [
    "THREAT_SCHEME_NAME",
    "catalogue_incidents",
    "describe_incident",
    "resolve_incident",
    "resolve_party",
    "resolve_type",
    "unnamed_incidents",
]
