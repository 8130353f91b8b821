"""Where a file came from: the ``<file>.meta.json`` written beside a fetched document.

``alliancekg fetch`` saves each public text it retrieves together with a small
JSON file named after it (``scm-56-dod.html`` -> ``scm-56-dod.html.meta.json``)
that records the address it came from and when. :func:`read_document
<extractors.readers.read_document>` reads it, so that the Document node of the
graph carries its source URL (``dcterms:source``) and its retrieval time
(``prov:generatedAtTime``) rather than a local path.

A sidecar whose ``sha256`` does not match the file's bytes describes another
version of the file (a fetch interrupted between the two writes) and is
ignored. Fields:

==============  ==============================================================
``url``         the address retrieved (a flip-book's first page); required
``retrieved``   ISO 8601 date-time with time zone of the retrieval; required
``sha256``      hex SHA-256 of the saved file
``bytes``       its length
``encoding``    the text encoding the fetcher verified (HTML only)
``final_url``   the address after redirects, when it differs
``pages``       a flip-book's page URLs, in the order they were joined
``source_id``   the manifest entry (``alliancekg/data/sources.json``)
``document``    the manifest's key of the text this copy is a copy of
``title``       the manifest's title (used when the file shows none)
``date``        the manifest's meeting date (used when the file shows none)
``series``, ``ordinal``, ``language``, ``publisher``, ``official``, ``format``: as in the manifest
``content_type``  the HTTP ``Content-Type`` of the response
==============  ==============================================================
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import ExtractionError

SIDECAR_SUFFIX = ".meta.json"
"""Appended to a document's file name to name its sidecar."""

SIDECAR_VERSION = 1


def sidecar_path(path: str | Path) -> Path:
    """The sidecar file of a document file."""
    file = Path(path)
    return file.with_name(file.name + SIDECAR_SUFFIX)


def utc_stamp(moment: dt.datetime | None = None) -> str:
    """``moment`` (default now) as an ISO 8601 UTC date-time to the second, e.g. ``2026-12-07T10:15:30Z``."""
    when = (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return when.isoformat().replace("+00:00", "Z")


def check_stamp(value: str) -> str:
    """``value`` when it is an ISO 8601 date-time with a time zone.

    Raises:
        ValueError: it is not.
    """
    stamp = dt.datetime.fromisoformat(value)
    if stamp.tzinfo is None:
        msg = f"{value!r} has no time zone"
        raise ValueError(msg)
    return value


@dataclass(frozen=True)
class Sidecar:
    """What a fetch knows about a saved document (see the module notes)."""

    url: str
    retrieved: str
    sha256: str | None = None
    bytes: int | None = None
    encoding: str | None = None
    final_url: str | None = None
    pages: list[str] = field(default_factory=list)
    source_id: str | None = None
    document: str | None = None
    title: str | None = None
    date: dt.date | None = None
    series: str | None = None
    ordinal: int | None = None
    language: str | None = None
    publisher: str | None = None
    official: bool | None = None
    format: str | None = None
    content_type: str | None = None

    def to_json(self) -> str:
        """The sidecar's file content."""
        data: dict[str, Any] = {"version": SIDECAR_VERSION}
        for key, value in asdict(self).items():
            if value is None or value == []:
                continue
            data[key] = value.isoformat() if isinstance(value, dt.date) else value
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Sidecar:
        """Parse a sidecar's content.

        Raises:
            ValueError: not JSON, not an object, or a required field missing or malformed.
        """
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        if data.get("version", SIDECAR_VERSION) != SIDECAR_VERSION:
            msg = f"unsupported version {data.get('version')!r}"
            raise ValueError(msg)
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        for required in ("url", "retrieved"):
            if not isinstance(values.get(required), str) or not values[required]:
                msg = f"no {required!r}"
                raise ValueError(msg)
        check_stamp(values["retrieved"])
        if values.get("date") is not None:
            values["date"] = dt.date.fromisoformat(values["date"])
        if not isinstance(values.get("pages", []), list):
            raise ValueError("'pages' is not a list")
        return cls(**values)


def read_sidecar(path: str | Path) -> Sidecar | None:
    """The sidecar of a document file, or None when it has none.

    Raises:
        ExtractionError: the sidecar exists but cannot be read.
    """
    file = sidecar_path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        msg = f"cannot read its metadata file {file.name}: {e}"
        raise ExtractionError(msg) from e
    try:
        return Sidecar.from_json(text)
    except (ValueError, TypeError) as e:
        msg = f"its metadata file {file.name} is malformed: {e}"
        raise ExtractionError(msg) from e
