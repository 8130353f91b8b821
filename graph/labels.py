"""Labels for people to read: the one mapping from codes to words, and the one rule for shortening.

Every code the graph stores (a commitment type ``OpconTransition``, a party
``KOR+USA``, a meeting ``series="Other", ordinal=1``, a column ``lag_days``)
has one display label here, read from ``graph/data/labels.json`` and the
series reference; the dashboard, the command line and the CSV writers all ask
this module. It lives in ``graph/`` so that every layer may import it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

ELLIPSIS = "\u2026"
"""What marks a shortened text: one character, ``…``."""


def shorten(text: str, width: int, words: bool = True) -> str:
    """``text`` if it fits in ``width`` characters, else its start and ``…``, in ``width`` characters at most.

    With ``words`` (the default) the cut falls at the last space that
    leaves something before it, so no word is cut in half; a text whose
    first word alone is too long is cut inside it. Without ``words`` the cut
    falls at ``width - 1`` characters. Spaces before the ``…`` are dropped.

    Raises:
        ValueError: ``width`` is less than 1.

    >>> shorten("Joint Communique of the 49th Security Consultative Meeting", 28)
    'Joint Communique of the…'
    >>> shorten("Joint Communique of the 49th Security Consultative Meeting", 28, words=False)
    'Joint Communique of the 49t…'
    >>> shorten("Joint Communique of the 49th Security Consultative Meeting", 30)
    'Joint Communique of the 49th…'
    >>> shorten("Joint Communique", 16)
    'Joint Communique'
    >>> shorten("Supercalifragilistic expialidocious", 10)
    'Supercali…'
    >>> shorten("anything", 1)
    '…'
    """
    if width < 1:
        msg = f"a width of at least 1 is needed, got {width}"
        raise ValueError(msg)
    if len(text) <= width:
        return text
    kept = text[: width - 1]
    inside_a_word = not text[width - 1].isspace() and not kept[-1:].isspace()
    if words and inside_a_word:
        cut = kept.rfind(" ")
        if cut > 0 and kept[:cut].strip():
            kept = kept[:cut]
    return kept.rstrip() + ELLIPSIS


# -- display labels: every code in the analyst's words ------------------------------------------

LABELS_FILE = "labels.json"
"""``graph/data/labels.json``: parties, series, types, kinds, relationships, stances, columns."""


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    text = resources.files("graph").joinpath("data", LABELS_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def _spaced(code: str) -> str:
    """``SanctionsEnforcement`` -> ``Sanctions enforcement`` (for a code the table does not know)."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|\S", code.replace("_", " "))
    if not words:
        return code
    out = [words[0]] + [w if w.isupper() else w.lower() for w in words[1:]]
    return " ".join(out)


def type_label(code: str) -> str:
    """A commitment or threat type in words: the SKOS prefLabel of its concept.

    ``code`` is the concept's local name or its IRI.

    >>> type_label("OpconTransition"), type_label("https://w3id.org/alliancekg/ontology#SanctionsEnforcement")
    ('Wartime OPCON transition', 'Sanctions enforcement')
    """
    local = code.rsplit("#", 1)[-1]
    return _table()["types"].get(local) or _spaced(local)


def party_label(code: str) -> str:
    """A committing party in words; a joint party (``KOR+USA``) joins its members with "and".

    >>> party_label("KOR+USA"), party_label("PRK"), party_label("?")
    ('ROK and U.S.', 'DPRK', 'unstated')
    """
    parts = [p for p in code.split("+") if p.strip()]
    names = [_table()["parties"].get(p.strip(), p.strip()) for p in parts if p.strip() != "?"]
    if not names:
        return "unstated"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def parties_label(codes: Sequence[str]) -> str:
    """Several party codes as one label (``("KOR", "USA")`` -> ``ROK and U.S.``)."""
    return party_label("+".join(codes))


def kind_label(kind: str, plural: bool = False) -> str:
    """A node kind in words (``NuclearTest`` -> ``Nuclear test``; ``plural`` -> ``Nuclear tests``).

    >>> kind_label("SecurityConsultativeMeeting"), kind_label("Commitment", plural=True)
    ('SCM', 'Commitments')
    """
    value = str(getattr(kind, "value", kind))
    table = _table()["kinds_plural" if plural else "kinds"]
    return table.get(value) or _spaced(value)


def relationship_label(rel: str) -> str:
    """A relationship type in words (``RESPONDS_TO`` -> ``responds to``)."""
    value = str(getattr(rel, "value", rel))
    return _table()["relationships"].get(value) or value.lower().replace("_", " ")


def link_label(rel: str, outgoing: bool) -> str:
    """The heading of a node's links of one type and direction (``MADE_AT`` in: ``Commitments``).

    >>> link_label("MADE_AT", outgoing=True), link_label("RESPONDS_TO", outgoing=False)
    ('Meeting', 'Commitments that answer it')
    """
    value = str(getattr(rel, "value", rel))
    found = _table()["links"].get(value + (">" if outgoing else "<"))
    if found:
        return found
    words = relationship_label(value)
    return words[:1].upper() + words[1:] + ("" if outgoing else " (from)")


def change_label(change: str | None) -> str:
    """A commitment's change against the previous meeting, in words (``unknown`` -> ``change unknown``)."""
    if not change:
        return "change unknown"
    return _table()["changes"].get(change, change)


def stance_label(stance: str | None) -> str:
    """A commitment's wording (its stance) in words; ``unstated`` when missing.

    A pledge worded without "reaffirm" or "strengthen" (stance ``new``) reads "pledged", not "new": whether
    it is new against the previous meeting is the analytics' verdict (:func:`change_label`), not its wording.

    >>> stance_label("new"), stance_label("reaffirmed")
    ('pledged', 'reaffirmed')
    """
    if not stance:
        return "unstated"
    return _table()["stances"].get(stance, stance)


def column_label(name: str) -> str:
    """A table column or property name in words (``lag_days`` -> ``Days after``, ``iri`` -> ``IRI``).

    >>> column_label("meeting_label"), column_label("lag_days"), column_label("some_new_column")
    ('Meeting', 'Days after', 'Some new column')
    """
    known = _table()["columns"].get(name)
    if known:
        return known
    text = _spaced(name)
    return text[:1].upper() + text[1:]


def series_name(series: str) -> str:
    """A meeting series' name (``NCG`` -> ``Nuclear Consultative Group meeting``)."""
    return _table()["series"].get(series, series)


def ordinal_text(n: int) -> str:
    """``1st``, ``2nd``, ``11th``, ``49th``, ``101st``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _reference_row(series: str, ordinal: int | None, day: dt.date | None) -> Any:
    """The series reference's row for a meeting (by ordinal, else by date), or None.

    A meeting of series ``Other`` on a day the reference has a meeting of
    some series (the first NCG met on 2023-07-18) is that meeting.
    """
    from graph.series import load_reference  # pydantic models: loaded only when a meeting is named

    ref = load_reference()
    if series == "Other":
        return ref.identify(series, ordinal, day)
    if series == "MCM":
        return None
    if ordinal is not None:
        row = ref.get(series, ordinal)
        if row is not None:
            return row
    return ref.by_date(series, day) if day is not None and series in ("SCM", "2+2", "NCG", "EDSCG") else None


def _mcm_place(day: dt.date | None) -> str | None:
    if day is None:
        return None
    from graph.series import load_reference

    for row in load_reference().meetings("SCM"):
        if row.mcm is not None and row.mcm.date == day:
            return row.mcm.place
    return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def meeting_label(
    series: str, ordinal: int | None = None, date: dt.date | str | None = None, place: str | None = None
) -> str:
    """A meeting's name as an analyst writes it: ordinal, series name, (place, date).

    The series reference (``graph/data/series.json``) supplies the place and
    date it records, and names a meeting stored under series ``Other`` when
    one of its series met that day.

    >>> meeting_label("Other", 1, "2023-07-18")
    '1st Nuclear Consultative Group meeting (Seoul, 2023-07-18)'
    >>> meeting_label("SCM", 49, "2017-10-28", "Seoul")
    '49th Security Consultative Meeting (Seoul, 2017-10-28)'
    >>> meeting_label("Summit", None, "2023-04-26")
    'ROK-U.S. summit (2023-04-26)'
    """
    day = _as_date(date)
    row = _reference_row(series, ordinal, day)
    if row is not None:
        series = row.series
        ordinal = row.ordinal if row.ordinal is not None else ordinal
        place = row.place or place
        day = day or row.start_date
    elif series == "MCM":
        place = place or _mcm_place(day)
    name = series_name(series)
    head = f"{ordinal_text(ordinal)} {name}" if ordinal is not None else name[:1].upper() + name[1:]
    where = [p for p in (place, day.isoformat() if day else None) if p]
    return f"{head} ({', '.join(where)})" if where else head


def level_name(series: str, level: str | None) -> str | None:
    """The name of a meeting of ``series`` held at ``level`` (``Trilateral``, ``defense`` -> ``trilateral defense
    ministers' meeting``), or None when the table has none (the series' own name then stands)."""
    if not level:
        return None
    names = _table().get("levels", {}).get(series)
    return names.get(level) if isinstance(names, dict) else None


def short_meeting_label(
    series: str, ordinal: int | None = None, date: dt.date | str | None = None, name: str | None = None
) -> str:
    """A meeting's short name for a graph node: ``49th SCM``, ``1st NCG``, ``ROK-U.S. summit, 2023-04-26``.

    ``name`` is what the text calls a meeting the series reference does not know: a body's acronym for a
    meeting of series ``Other`` (``22nd KIDD``) or a level's name (:func:`level_name`) for a trilateral one.

    >>> short_meeting_label("Other", 1, "2023-07-18"), short_meeting_label("Summit", None, "2023-04-26")
    ('1st NCG', 'ROK-U.S. summit, 2023-04-26')
    >>> short_meeting_label("Other", 22, "2023-04-11", "KIDD"), short_meeting_label("Other", 3)
    ('22nd KIDD', '3rd meeting')
    """
    day = _as_date(date)
    row = _reference_row(series, ordinal, day)
    if row is not None:
        series, ordinal = row.series, row.ordinal if row.ordinal is not None else ordinal
        name = None
    if ordinal is not None and series != "Other":
        return f"{ordinal_text(ordinal)} {series}"
    if ordinal is not None:  # a body's meeting the reference does not know: its number is the text's
        return f"{ordinal_text(ordinal)} {name or series_name(series)}"
    if not name:
        name = series if series in ("SCM", "MCM", "2+2", "NCG", "EDSCG") else series_name(series)
    name = name[:1].upper() + name[1:]
    return f"{name}, {day.isoformat()}" if day else name


def threat_label(poser: str, threat_type: str) -> str:
    """A threat in words: who poses it and its type (``PRK``, ``NuclearWeapons`` -> ``DPRK nuclear weapons``).

    >>> threat_label("PRK", "NuclearWeapons"), threat_label("PRK", "https://w3id.org/alliancekg/ontology#Cyber")
    ('DPRK nuclear weapons', 'DPRK cyber')
    """
    words = type_label(threat_type)
    kept = words if words[:2].isupper() else words[:1].lower() + words[1:]
    return f"{party_label(poser)} {kept}"


def threat_label_of(notation: str | None, label: str) -> str:
    """A threat node's name from its catalogue id (``PRK/NuclearWeapons``), else its stored ``label``."""
    if notation and notation.count("/") == 1:
        poser, threat_type = notation.split("/")
        if poser and threat_type:
            return threat_label(poser, threat_type)
    return label


def cell_label(column: str, value: Any) -> Any:
    """A table cell in words, by the column's name: party codes, type codes, kinds, wordings, yes/no, property names.

    The ``cells`` table of ``labels.json`` says which columns hold which
    codes; a list (or a comma-separated text) of types, or of property names
    (``props``: named as their columns are, :func:`column_label`), is named
    item by item. Other columns' values, and missing values, come back
    unchanged.

    >>> cell_label("party", "KOR+USA"), cell_label("kind", "ArmedProvocation"), cell_label("date", "2017-09-03")
    ('ROK and U.S.', 'Armed provocation', '2017-09-03')
    >>> cell_label("commitment_types", "ExtendedDeterrence, NuclearUmbrella"), cell_label("text_loaded", False)
    ('Extended deterrence, Nuclear umbrella', 'no')
    >>> cell_label("fromReference", ["date", "endDate", "ordinal"])
    'Date, End date, Number'
    """
    what = _table()["cells"].get(column)
    if what is None or value is None or value == "":
        return value
    if what == "yes_no":
        return "yes" if value is True else "no" if value is False else value
    if isinstance(value, float):  # a missing value of a table (NaN)
        return value
    if what == "party":
        return party_label(str(value))
    if what == "kind":
        return kind_label(str(value))
    if what == "stance":
        return stance_label(str(value))
    items = value if isinstance(value, list | tuple) else [v.strip() for v in str(value).split(",")]
    name = column_label if what == "props" else type_label
    return ", ".join(name(str(v)) for v in items if str(v).strip())


def commitment_label(parties: Sequence[str], stance: str | None, types: Sequence[str]) -> str:
    """A commitment in words: who, how, about what.

    The wording is told by its verb (:func:`stance_label`).

    >>> commitment_label(["KOR", "USA"], "strengthened", ["MutualDefense", "ExtendedDeterrence"])
    'ROK and U.S. strengthened: Mutual defense, Extended deterrence'
    >>> commitment_label(["USA"], "new", ["DeclaratoryPolicy"])
    'U.S. pledged: Declaratory policy'
    """
    who = parties_label(parties) if parties else "A party"
    what = ", ".join(type_label(t) for t in types) or "a commitment"
    return f"{who} {stance_label(stance) if stance else 'committed'}: {what}"
