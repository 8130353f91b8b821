"""The source manifest: where the public texts are published (``data/sources.json``).

The manifest is facts only (see ``alliancekg/data/SOURCES.md``): for each
meeting's communiqué or statement, the addresses of its public copies, their
language and format, and which copies are copies of the same text
(``document``, with ``preference`` giving the order in which ``fetch`` tries
them). :func:`load_manifest` validates it; :func:`record_fetch` writes back
the byte length, SHA-256 and retrieval time of what a fetch actually got.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph.errors import FetchError

DEFAULT_MANIFEST = Path(__file__).resolve().parent / "data" / "sources.json"
"""The manifest shipped with the package."""

Series = Literal["SCM", "MCM", "2+2", "EDSCG", "NCG", "summit", "trilateral"]
SERIES: tuple[str, ...] = ("SCM", "MCM", "2+2", "EDSCG", "NCG", "summit", "trilateral")
LANGUAGES: tuple[str, ...] = ("en", "ko")
FORMATS: tuple[str, ...] = ("html-article", "flipbook", "pdf", "html-list")
"""``html-article`` (one page), ``flipbook`` (one URL per book page), ``pdf``,
``html-list`` (a landing page that points to the text, not the text)."""

_ID = re.compile(r"^[a-z0-9][a-z0-9+.-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def check_url(url: str) -> str:
    """``url`` when it is an absolute http(s) address with a host.

    Raises:
        ValueError: another scheme, no host, or whitespace in it.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(ch.isspace() for ch in url):
        msg = f"not an absolute http(s) URL: {url!r}"
        raise ValueError(msg)
    return url


class Source(BaseModel):
    """One public copy of one text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="stable slug, unique in the manifest")
    document: str = Field(description="key shared by the copies of the same text (one language)")
    preference: int = Field(ge=1, description="order among the copies of a document, 1 first")
    series: Series
    ordinal: int | None = Field(default=None, ge=1)
    meeting_date: dt.date | None = None
    title: str | None = None
    publisher: str
    official: bool
    url: str
    language: Literal["en", "ko"]
    format: Literal["html-article", "flipbook", "pdf", "html-list"]
    pages: list[str] | None = None
    complete: bool | None = Field(
        default=None, description="flip-books: True when ``pages`` is the whole text, else the book is walked"
    )
    found_by: str
    bytes: int | None = Field(default=None, ge=0)
    sha256: str | None = None
    retrieved: str | None = None

    @field_validator("id", "document")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            msg = f"{value!r} is not a slug (lower-case letters, digits, '+', '.', '-')"
            raise ValueError(msg)
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_url(value)

    @field_validator("sha256")
    @classmethod
    def _sha(cls, value: str | None) -> str | None:
        if value is not None and not _SHA256.match(value):
            msg = f"sha256 {value!r} is not 64 lower-case hex digits"
            raise ValueError(msg)
        return value

    @field_validator("retrieved")
    @classmethod
    def _retrieved(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                stamp = dt.datetime.fromisoformat(value)
            except ValueError as e:
                msg = f"retrieved {value!r} is not an ISO 8601 date-time"
                raise ValueError(msg) from e
            if stamp.tzinfo is None:
                msg = f"retrieved {value!r} has no time zone"
                raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _pages(self) -> Source:
        if self.format == "flipbook":
            if not self.pages:
                msg = f"{self.id}: a flipbook needs its page URLs"
                raise ValueError(msg)
            for page in self.pages:
                check_url(page)
            if self.pages[0] != self.url:
                msg = f"{self.id}: the first page must be the source's url"
                raise ValueError(msg)
            if len(set(self.pages)) != len(self.pages):
                msg = f"{self.id}: a page is listed twice"
                raise ValueError(msg)
            if self.complete is None:
                msg = f"{self.id}: a flipbook says whether its page list is complete"
                raise ValueError(msg)
        elif self.pages is not None or self.complete is not None:
            msg = f"{self.id}: only a flipbook has pages and complete"
            raise ValueError(msg)
        return self

    @property
    def year(self) -> int | None:
        """Year of the meeting, when known."""
        return self.meeting_date.year if self.meeting_date else None

    @property
    def page_urls(self) -> list[str]:
        """The URLs to fetch: the listed pages of a flip-book, else the one URL."""
        return list(self.pages) if self.pages else [self.url]


class Manifest(BaseModel):
    """The whole manifest file."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    compiled: dt.date
    sources: list[Source]

    @model_validator(mode="after")
    def _unique(self) -> Manifest:
        counts: dict[str, int] = defaultdict(int)
        for source in self.sources:
            counts[source.id] += 1
        dupes = sorted(key for key, n in counts.items() if n > 1)
        if dupes:
            msg = f"source ids listed twice: {', '.join(dupes)}"
            raise ValueError(msg)
        for key, copies in self.documents().items():
            prefs = [s.preference for s in copies]
            if sorted(prefs) != list(range(1, len(prefs) + 1)):
                msg = f"document {key}: preferences of its copies must be 1..{len(prefs)}, got {sorted(prefs)}"
                raise ValueError(msg)
            if len({s.series for s in copies}) > 1:
                msg = f"document {key}: its copies disagree on the series"
                raise ValueError(msg)
        return self

    def documents(self) -> dict[str, list[Source]]:
        """The copies of each document, in preference order (documents in manifest order)."""
        groups: dict[str, list[Source]] = defaultdict(list)
        for source in self.sources:
            groups[source.document].append(source)
        return {key: sorted(copies, key=lambda s: s.preference) for key, copies in groups.items()}

    def by_id(self) -> dict[str, Source]:
        """Sources by id."""
        return {s.id: s for s in self.sources}


def load_manifest(path: str | os.PathLike[str] | None = None) -> Manifest:
    """Read and validate a manifest (default: the shipped one).

    Raises:
        FetchError: the file is missing, not JSON, or does not validate
            (the message names the first problems).
    """
    file = Path(path) if path is not None else DEFAULT_MANIFEST
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        msg = f"no manifest at {file}"
        raise FetchError(msg) from e
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        msg = f"cannot read the manifest {file}: {e}"
        raise FetchError(msg) from e
    try:
        return Manifest.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(_problem(err, data) for err in e.errors()[:5])
        more = f" (and {e.error_count() - 5} more)" if e.error_count() > 5 else ""
        msg = f"the manifest {file} is invalid: {problems}{more}"
        raise FetchError(msg) from e


def _problem(err: Mapping[str, Any], data: Any) -> str:
    loc = list(err.get("loc", ()))
    where = ".".join(str(part) for part in loc)
    if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
            where = f"{data['sources'][loc[1]].get('id', loc[1])}" + "".join(f".{p}" for p in loc[2:])
    return f"{where}: {err.get('msg', 'invalid')}"


def record_fetch(path: str | os.PathLike[str], results: Iterable[tuple[str, int, str, str]]) -> int:
    """Write ``bytes``, ``sha256`` and ``retrieved`` of fetched sources into a manifest file.

    Args:
        path: the manifest file (rewritten atomically, key order kept).
        results: ``(source id, bytes, sha256, retrieved)`` of what was saved.

    Returns:
        How many entries changed.

    Raises:
        FetchError: the file cannot be read or written.
    """
    file = Path(path)
    load_manifest(file)  # refuse to rewrite a manifest that does not validate
    data = json.loads(file.read_text(encoding="utf-8"))
    found = {rid: (size, digest, when) for rid, size, digest, when in results}
    changed = 0
    for entry in data["sources"]:
        if entry["id"] in found:
            size, digest, when = found[entry["id"]]
            new = {"bytes": size, "sha256": digest, "retrieved": when}
            if any(entry.get(k) != v for k, v in new.items()):
                entry.update(new)
                changed += 1
    if changed:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        try:
            write_atomic(file, text.encode("utf-8"))
        except OSError as e:
            msg = f"cannot write the manifest {file}: {e}"
            raise FetchError(msg) from e
    return changed


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a hidden temporary file in the same directory and ``os.replace``.

    A reader sees the old file or the new one, never a part of it; the
    temporary file is removed when anything fails.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
