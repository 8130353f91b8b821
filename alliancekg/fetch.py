"""Fetch the public record: the texts the source manifest lists, into a local cache.

:func:`fetch_sources` reads the manifest (:mod:`alliancekg.manifest`), chooses
what to fetch, downloads it and saves each text beside a sidecar that records
where and when it was retrieved (:mod:`extractors.readers.sidecar`), so that
``alliancekg ingest`` of the cache files each Document under its source URL
and retrieval time. Fetching is the user's action: nothing in the tests or in
``make demo`` touches the network.

What is fetched
    The copies of one text share a ``document`` key in the manifest. By
    default one copy per document is fetched: the copies are tried in
    ``preference`` order (official sources first) until one succeeds, and the
    others are skipped (a copy left in the cache by an earlier run of another
    copy is removed, so that an ingest of the cache gives one Document per
    text). ``all_copies`` fetches every copy. Only English texts are fetched
    unless other languages are asked for (extraction is English-only), and
    ``html-list`` entries (landing pages, not texts) only when named by id.

Politeness and robustness
    One request at a time, at least ``min_interval`` seconds apart per host
    (longer when robots.txt asks for a ``Crawl-delay``); robots.txt is read
    once per host and run (RFC 9309: a 4xx means no rules, a 5xx or no answer
    means nothing may be fetched), and a disallowed URL is a per-source
    failure. A clear User-Agent names alliancekg and its version. Timeouts,
    5xx and 429 answers, dropped connections and truncated bodies are retried
    with exponential back-off (``Retry-After`` is honoured); redirects are
    followed by hand (loops and long chains stop with an error, robots.txt is
    checked at every hop). A download over ``max_bytes`` is abandoned.

What is accepted
    The content type must fit the format, an HTML page must decode with the
    charset it declares (or be UTF-8 when it declares none), must not be an
    error page served with status 200 (a title or heading saying "Page not
    found", "404" ...) and must hold some text; a PDF must start with
    ``%PDF-`` and end with ``%%EOF``. Anything else is a clear per-source
    failure, and nothing of it is written.

Flip-books
    A book's pages are fetched and joined in page order into one HTML file.
    When the manifest's page list is complete, exactly those pages are
    fetched. Otherwise the book is walked through each page's navigation
    links: back to the page that opens the document and forward until the
    page that opens the next one (the site's ``flipbook`` rules in
    ``extractors/data/sites.yaml``), at most ``max_walk`` pages each way. A
    page that cannot be fetched, or a gap the links do not bridge, fails the
    source; nothing is written.

Caching and resume
    Files are written atomically (a hidden temporary file, then
    ``os.replace``), first the text, then its sidecar, and the state file
    (``.fetch-state.json`` in the cache) is rewritten after every source with
    its validators (``ETag``, ``Last-Modified``), digest and times. A source
    checked less than ``max_age`` ago is not requested again ("cached");
    otherwise a conditional request is sent and a 304 (or the same bytes) is
    "unchanged". A run stopped at any point (Ctrl-C, a kill) leaves whole
    files only; the next run removes stale temporary files, skips what was
    done and refetches any file whose digest no longer matches the state.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import html
import http.client
import json
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import lxml.html
from lxml import etree

from alliancekg import __version__
from alliancekg.manifest import (
    DEFAULT_MANIFEST,
    SERIES,
    Manifest,
    Source,
    check_url,
    load_manifest,
    record_fetch,
    write_atomic,
)
from extractors.readers.detect import Format, bom_encoding, declared_charset, sniff_format
from extractors.readers.html import read_html
from extractors.readers.sidecar import Sidecar, sidecar_path, utc_stamp
from extractors.readers.sites import Flipbook, site_for
from graph.errors import ExtractionError, FetchError

USER_AGENT = (
    f"alliancekg/{__version__} (+https://w3id.org/alliancekg; "
    "fetches the public alliance statements listed in its source manifest)"
)
"""Sent with every request; its product token (``alliancekg``) is what robots.txt rules name."""

ROBOTS_AGENT = "alliancekg"
STATE_FILE = ".fetch-state.json"
STATE_VERSION = 1
MB = 1024 * 1024

Status = Literal["fetched", "unchanged", "cached", "skipped", "failed"]
OK_STATUSES: frozenset[str] = frozenset({"fetched", "unchanged", "cached"})

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/octet-stream", "binary/octet-stream"})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
LATIN_DEFAULTS = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})
"""Header charsets that servers send by default: a valid UTF-8 body with non-ASCII text overrides them."""

ERROR_TITLE = re.compile(
    r"(?i)\b(?:404|page\s+not\s+found|not\s+found|file\s+not\s+found|page\s+(?:does\s+not|doesn['’]t)\s+exist|"
    r"no\s+longer\s+available|access\s+denied|forbidden|server\s+error|an\s+error\s+(?:has\s+)?occurred|"
    r"error\s+[45]\d\d|service\s+unavailable)\b|페이지를\s*찾을\s*수\s*없|존재하지\s*않는\s*(?:페이지|게시물)"
)
"""A page title or first heading that says the page is an error page."""

SERIES_DIRS = {"SCM": "scm", "MCM": "mcm", "2+2": "2p2", "EDSCG": "edscg", "NCG": "ncg", "summit": "summit",
               "trilateral": "trilateral"}


# -- configuration, events, results ------------------------------------------


@dataclass
class FetchConfig:
    """How a fetch behaves; the defaults are the polite ones for the real sites.

    Attributes:
        out: the cache directory.
        timeout: seconds to wait for a connection or for data (each request).
        host_timeouts: per-host overrides of ``timeout`` (``{"mnd.go.kr": 60}``).
        max_bytes: largest download accepted (and largest joined flip-book).
        max_seconds: longest one download may take, however slowly it trickles.
        retries: further attempts after a timeout, a dropped connection, a
            truncated body or a 5xx/429 answer.
        backoff: seconds before the first retry; doubled each time (at most
            ``max_backoff``; a ``Retry-After`` answer is honoured within it).
        min_interval: seconds between two requests to one host.
        max_redirects: redirects followed per request.
        max_age: seconds during which a fetched source is not requested again.
        max_walk: pages a flip-book walk may go beyond its listed pages, each way.
        min_text_chars: least text (characters) an HTML article must hold.
        user_agent: the ``User-Agent`` header.
    """

    out: Path
    timeout: float = 30.0
    host_timeouts: dict[str, float] = field(default_factory=dict)
    max_bytes: int = 20 * MB
    max_seconds: float = 300.0
    retries: int = 3
    backoff: float = 2.0
    max_backoff: float = 60.0
    min_interval: float = 2.0
    max_redirects: int = 5
    max_age: float = 24 * 3600.0
    max_walk: int = 12
    min_text_chars: int = 200
    user_agent: str = USER_AGENT

    def timeout_for(self, host: str) -> float:
        """The timeout of requests to ``host``."""
        return self.host_timeouts.get(host.lower(), self.timeout)


@dataclass(frozen=True)
class Selection:
    """Which manifest entries a run fetches.

    Attributes:
        what: series names (``SCM``, ``2+2``, ``summit`` ..., any case),
            document keys or source ids; empty or ``all`` means everything.
        since: only meetings of this year or later (undated entries are kept).
        languages: languages fetched (empty: all).
        all_copies: every copy of each text, not the first that succeeds.
    """

    what: tuple[str, ...] = ()
    since: int | None = None
    languages: tuple[str, ...] = ("en",)
    all_copies: bool = False


@dataclass
class SourceResult:
    """What happened to one manifest entry."""

    id: str
    document: str
    status: Status
    reason: str = ""
    url: str | None = None
    file: Path | None = None
    bytes: int | None = None
    sha256: str | None = None
    retrieved: str | None = None
    pages: int = 0
    seconds: float = 0.0


@dataclass
class FetchReport:
    """A whole run."""

    out: Path
    state_file: Path
    results: list[SourceResult] = field(default_factory=list)
    documents: dict[str, str | None] = field(default_factory=dict)
    """Each document tried -> the source id whose copy is in the cache (None: no copy)."""
    temp_removed: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        """Sources with the given status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def missing(self) -> list[str]:
        """Documents of which no copy is in the cache after the run."""
        return [key for key, winner in self.documents.items() if winner is None]

    @property
    def ok(self) -> bool:
        """True when every document tried has a copy in the cache."""
        return not self.missing

    def saved(self) -> list[SourceResult]:
        """Results whose file is in the cache (fetched, unchanged or cached)."""
        return [r for r in self.results if r.status in OK_STATUSES and r.file is not None]


@dataclass(frozen=True)
class FetchEvent:
    """A progress event for the caller's callback.

    ``plan``: ``total`` sources will be considered; ``source``: work on
    ``source`` begins; ``bytes``: ``received`` of ``expected`` bytes of the
    current download; ``result``: ``result`` is final for its source.
    """

    kind: Literal["plan", "source", "bytes", "result"]
    source: str | None = None
    total: int = 0
    received: int = 0
    expected: int | None = None
    result: SourceResult | None = None


ProgressFn = Callable[[FetchEvent], None]


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _RetryableError(Exception):
    """A failure worth another attempt."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


# -- HTTP -----------------------------------------------------------------------


@dataclass
class Response:
    """A whole response (the body fully read and checked against the limits)."""

    url: str
    status: int
    headers: Message
    body: bytes = b""

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters ('' when absent)."""
        return (self.headers.get_content_type() if self.headers.get("Content-Type") else "").lower()

    @property
    def charset(self) -> str | None:
        """The charset the ``Content-Type`` header declares, if any."""
        value = self.headers.get_content_charset() if self.headers.get("Content-Type") else None
        return value or None

    def validators(self) -> dict[str, str]:
        """``etag`` and ``last_modified`` of the response, when given."""
        out: dict[str, str] = {}
        if self.headers.get("ETag"):
            out["etag"] = self.headers["ETag"]
        if self.headers.get("Last-Modified"):
            out["last_modified"] = self.headers["Last-Modified"]
        return out


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses; :class:`Http` follows them itself."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Http:
    """A polite HTTP client: rate limit per host, robots.txt, retries, limits.

    Args:
        config: limits and manners.
        progress: receives ``bytes`` events while a body is read.
        sleep, clock: injectable for tests.
    """

    def __init__(
        self,
        config: FetchConfig,
        progress: ProgressFn | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.progress = progress
        self.sleep = sleep
        self.clock = clock
        self._opener = urllib.request.build_opener(_NoRedirect())
        self._last: dict[str, float] = {}
        self._delay: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | FetchError] = {}
        self.current: str | None = None
        self.requests = 0

    def get(
        self,
        url: str,
        *,
        accept: str,
        conditional: dict[str, str] | None = None,
        check_robots: bool = True,
    ) -> Response:
        """GET ``url``, following redirects; a 304 comes back as a response.

        Raises:
            FetchError: refused by robots.txt, a redirect loop or chain too
                long, an error status, a body over the limit, or a failure
                that persisted through every retry.
        """
        chain = [url]
        current = url
        for _ in range(self.config.max_redirects + 1):
            try:
                check_url(current)
            except ValueError as e:
                msg = f"cannot follow a redirect to {current!r}: only http(s) URLs are fetched"
                raise FetchError(msg) from e
            if check_robots:
                self.allowed(current)
            response = self._attempts(current, accept, conditional or {})
            if response.status not in REDIRECT_STATUSES:
                return response
            location = response.headers.get("Location")
            if not location:
                msg = f"HTTP {response.status} redirect without a Location from {current}"
                raise FetchError(msg)
            target = urljoin(current, location.strip())
            if target in chain:
                shown = " -> ".join([*chain[chain.index(target) :], target])
                msg = f"redirect loop: {shown}"
                raise FetchError(msg)
            chain.append(target)
            current = target
        msg = f"too many redirects (more than {self.config.max_redirects}) from {url}"
        raise FetchError(msg)

    # robots.txt

    def allowed(self, url: str) -> None:
        """Raise unless robots.txt of ``url``'s host lets alliancekg fetch it.

        Raises:
            FetchError: disallowed, or robots.txt could not be read.
        """
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        rules = self._robots.get(key)
        if rules is None:
            rules = self._robots[key] = self._load_robots(key)
        if isinstance(rules, FetchError):
            msg = f"robots.txt of {parts.netloc} could not be read ({rules}), so nothing there is fetched"
            raise FetchError(msg)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            msg = f"refused by robots.txt of {parts.netloc}"
            raise FetchError(msg)

    def _load_robots(self, key: str) -> RobotFileParser | FetchError:
        rules = RobotFileParser(key + "/robots.txt")
        try:
            response = self.get(key + "/robots.txt", accept="text/plain, */*;q=0.1", check_robots=False)
        except HTTPStatusError as e:
            if 400 <= e.status < 500:  # no robots.txt: no rules (RFC 9309 2.3.1.3)
                rules.parse([])
                rules.modified()
                return rules
            return e
        except FetchError as e:
            return e
        rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
        rules.modified()
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay is not None:
            self._delay[urlsplit(key).netloc] = min(float(delay), self.config.max_backoff)
        return rules

    # attempts

    def _attempts(self, url: str, accept: str, conditional: dict[str, str]) -> Response:
        headers = {
            "User-Agent": self.config.user_agent,
            "Accept": accept,
            "Accept-Encoding": "gzip, deflate",
        }
        if conditional.get("etag"):
            headers["If-None-Match"] = conditional["etag"]
        if conditional.get("last_modified"):
            headers["If-Modified-Since"] = conditional["last_modified"]
        wait = self.config.backoff
        attempts = self.config.retries + 1
        for attempt in range(1, attempts + 1):
            self._wait_turn(url)
            try:
                return self._once(url, headers)
            except _RetryableError as e:
                if attempt == attempts:
                    tries = f" (after {attempts} attempts)" if attempts > 1 else ""
                    msg = f"{e.reason}{tries}"
                    raise FetchError(msg) from e
                pause = wait if e.retry_after is None else max(wait, e.retry_after)
                self.sleep(min(pause, self.config.max_backoff))
                wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        interval = max(self.config.min_interval, self._delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            remaining = last + interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        host = urlsplit(url).hostname or ""
        timeout = self.config.timeout_for(host)
        request = urllib.request.Request(url, headers=headers, method="GET")
        self.requests += 1
        try:
            raw = self._opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as e:
            with e:
                if e.code in REDIRECT_STATUSES or e.code == 304:
                    return Response(url, e.code, e.headers)
                reason = f"HTTP {e.code} {e.reason}".strip()
                if e.code in RETRY_STATUSES:
                    raise _RetryableError(reason, _retry_after(e.headers)) from e
                raise HTTPStatusError(reason, e.code) from e
        except urllib.error.URLError as e:
            raise _network_failure(e.reason, timeout) from e
        except (TimeoutError, OSError, http.client.HTTPException) as e:
            raise _network_failure(e, timeout) from e
        with raw:
            body = self._read(raw, url, timeout)
            return Response(url, raw.status, raw.headers, body)

    def _read(self, raw: Any, url: str, timeout: float) -> bytes:
        limit = self.config.max_bytes
        expected = _int(raw.headers.get("Content-Length"))
        if expected is not None and expected > limit:
            msg = f"over the size limit: {expected:,} bytes announced, the limit is {limit:,}"
            raise FetchError(msg)
        encoding = (raw.headers.get("Content-Encoding") or "identity").strip().lower()
        chunks: list[bytes] = []
        received = 0
        started = self.clock()
        while True:
            try:
                chunk = raw.read(64 * 1024)
            except http.client.IncompleteRead as e:
                got = received + len(e.partial)
                msg = f"truncated download: received {got:,} of {expected or '?'} bytes"
                raise _RetryableError(msg) from e
            except (TimeoutError, OSError, http.client.HTTPException) as e:
                raise _network_failure(e, timeout, reading=True) from e
            if not chunk:
                break
            received += len(chunk)
            if received > limit:
                msg = f"over the size limit: more than {limit:,} bytes"
                raise FetchError(msg)
            if self.clock() - started > self.config.max_seconds:
                msg = f"too slow: not finished after {self.config.max_seconds:g} s ({received:,} bytes received)"
                raise FetchError(msg)
            chunks.append(chunk)
            if self.progress is not None:
                self.progress(FetchEvent("bytes", source=self.current, received=received, expected=expected))
        if expected is not None and received != expected:
            msg = f"truncated download: received {received:,} of {expected:,} bytes"
            raise _RetryableError(msg)
        body = b"".join(chunks)
        if encoding in ("gzip", "x-gzip", "deflate"):
            body = _decompress(body, encoding, limit)
        elif encoding not in ("identity", ""):
            msg = f"unsupported Content-Encoding {encoding!r}"
            raise FetchError(msg)
        return body


def _decompress(body: bytes, encoding: str, limit: int) -> bytes:
    wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(body, limit + 1)
    except zlib.error as e:
        if encoding != "deflate":
            msg = f"corrupt {encoding} body: {e}"
            raise _RetryableError(msg) from e
        try:  # some servers send raw deflate
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = inflater.decompress(body, limit + 1)
        except zlib.error as e2:
            msg = f"corrupt deflate body: {e2}"
            raise _RetryableError(msg) from e2
    if len(out) > limit:
        msg = f"over the size limit: more than {limit:,} bytes once decompressed"
        raise FetchError(msg)
    if not inflater.eof:
        msg = f"truncated download: the {encoding} body ends early"
        raise _RetryableError(msg)
    return out


def _network_failure(reason: object, timeout: float, *, reading: bool = False) -> Exception:
    """A retryable failure for timeouts and dropped connections, else a FetchError."""
    if isinstance(reason, TimeoutError | socket.timeout):
        what = "no data for" if reading else "no answer within"
        return _RetryableError(f"timed out: {what} {timeout:g} s")
    if isinstance(reason, ssl.SSLError):
        return FetchError(f"TLS failure: {reason}")
    if isinstance(reason, socket.gaierror):
        return FetchError(f"host not found: {reason}")
    if isinstance(reason, ConnectionError | http.client.HTTPException | OSError):
        return _RetryableError(f"connection failed: {reason or type(reason).__name__}")
    return FetchError(f"cannot connect: {reason}")


def _retry_after(headers: Message) -> float | None:
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None and value.strip() else None
    except ValueError:
        return None


# -- checking what came back --------------------------------------------------


@dataclass
class Page:
    """A checked HTML page."""

    url: str
    response: Response
    encoding: str
    text: str
    number: int | None = None
    links: dict[int, str] = field(default_factory=dict)


def check_html(response: Response, *, min_chars: int) -> tuple[str, str, etree._Element]:
    """Check an HTML response; return its encoding, decoded text and parsed tree.

    Raises:
        FetchError: wrong content type, not HTML, an undeclared or wrong
            encoding, an error page, or too little text.
    """
    ctype = response.content_type
    if ctype and ctype not in HTML_TYPES:
        msg = f"wrong content type: expected an HTML page, got {ctype}"
        raise FetchError(msg)
    body = response.body
    if not body.strip():
        raise FetchError("empty response: no body")
    try:
        fmt = sniff_format(body, ".html")
    except ExtractionError as e:
        msg = f"not an HTML page: {e}"
        raise FetchError(msg) from e
    if fmt is not Format.HTML:
        msg = f"not an HTML page: the body reads as {fmt.value}"
        raise FetchError(msg)
    encoding = page_encoding(body, response.charset)
    text = body.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as e:
        msg = f"unreadable HTML: {e}"
        raise FetchError(msg) from e
    for label in _labels(root):
        if len(label) <= 150 and ERROR_TITLE.search(label):
            msg = f"an error page served with status {response.status} (it says {label!r})"
            raise FetchError(msg)
    visible = _visible_chars(root)
    if visible < min_chars:
        msg = f"only {visible} characters of text: an error or placeholder page, not the text"
        raise FetchError(msg)
    return encoding, text, root


def page_encoding(body: bytes, header_charset: str | None) -> str:
    """The encoding an HTML body is read with, verified to decode it.

    A byte-order mark decides; then the charset of the ``Content-Type``
    header, then the one the page declares (``<meta charset>``); a page that
    declares none must be UTF-8. A header saying ISO-8859-1 or ASCII (a
    common server default) yields to a valid UTF-8 body with non-ASCII text.

    Raises:
        FetchError: an unknown charset, bytes that do not decode with the
            declared one, or an undeclared encoding that is not UTF-8.
    """
    bom = bom_encoding(body)
    if bom is not None:
        name, size = bom
        try:
            body[size:].decode(name)
        except UnicodeDecodeError as e:
            msg = f"the page starts with a {name} byte-order mark but is not {name} at byte {e.start + size}"
            raise FetchError(msg) from e
        return name
    for declared, where in ((header_charset, "the HTTP header"), (declared_charset(body), "the page")):
        if not declared:
            continue
        try:
            name = codecs.lookup(declared).name
        except LookupError as e:
            msg = f"{where} declares an unknown charset {declared!r}"
            raise FetchError(msg) from e
        if name in LATIN_DEFAULTS and where == "the HTTP header" and _utf8_text(body):
            return "utf-8"
        try:
            body.decode(name)
        except UnicodeDecodeError as e:
            msg = f"{where} declares {declared} but the bytes are not {declared} (byte {e.start}: {e.reason})"
            raise FetchError(msg) from e
        return name
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as e:
        msg = (
            "undeclared encoding: the page names no charset (HTTP header or <meta>) and is not UTF-8 "
            f"(byte {e.start}); its text cannot be read reliably"
        )
        raise FetchError(msg) from e
    return "utf-8"


def _utf8_text(body: bytes) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(ch) > 127 for ch in text)


def _labels(root: etree._Element) -> list[str]:
    out = []
    for tag in ("title", "h1"):
        found = next(root.iter(tag), None)
        if found is not None:
            text = " ".join(found.text_content().split())
            if text:
                out.append(text)
    return out


_VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
)


def _visible_chars(root: etree._Element) -> int:
    """Non-space characters of the page's visible text."""
    nodes = _VISIBLE_TEXT(root)
    return sum(len("".join(str(node).split())) for node in nodes)


def check_pdf(response: Response) -> None:
    """Check a PDF response.

    Raises:
        FetchError: wrong content type, no ``%PDF-`` header, or no ``%%EOF`` at the end (cut short).
    """
    ctype = response.content_type
    if ctype and ctype not in PDF_TYPES:
        msg = f"wrong content type: expected a PDF, got {ctype}"
        raise FetchError(msg)
    head = response.body[:1024]
    if b"%PDF-" not in head:
        raise FetchError("not a PDF: the body has no %PDF- header")
    if b"%%EOF" not in response.body[-2048:]:
        raise FetchError("truncated PDF: no %%EOF marker at its end")


# -- the state file -----------------------------------------------------------


class FetchState:
    """``.fetch-state.json``: per source, what the cache holds and how to revalidate it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sources: dict[str, dict[str, Any]] = {}
        self.note = ""

    @classmethod
    def load(cls, path: Path) -> FetchState:
        """The state in ``path`` (empty when absent; a damaged file is set aside and noted)."""
        state = cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return state
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            state.note = f"the state file could not be read ({e}); every source is checked again"
            return state
        if isinstance(data, dict) and data.get("version") == STATE_VERSION and isinstance(data.get("sources"), dict):
            state.sources = {k: v for k, v in data["sources"].items() if isinstance(v, dict)}
        else:
            state.note = "the state file has an unknown format; every source is checked again"
        return state

    def save(self) -> None:
        """Rewrite the file atomically."""
        data = {"version": STATE_VERSION, "user_agent": USER_AGENT, "sources": dict(sorted(self.sources.items()))}
        write_atomic(self.path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


# -- the fetcher ----------------------------------------------------------------


def plan(manifest: Manifest, selection: Selection) -> list[list[Source]]:
    """The groups of copies a run tries, in manifest order (each group in preference order).

    Raises:
        FetchError: ``selection.what`` names no series, document or source id.
    """
    by_id = manifest.by_id()
    documents = manifest.documents()
    series_names = {s.lower(): s for s in SERIES}
    wanted_series: set[str] = set()
    wanted_docs: set[str] = set()
    named: list[Source] = []
    for item in selection.what:
        key = item.strip()
        if key.lower() == "all":
            continue
        if key.lower() in series_names:
            wanted_series.add(series_names[key.lower()])
        elif key in documents:
            wanted_docs.add(key)
        elif key in by_id:
            named.append(by_id[key])
        else:
            import difflib

            close = difflib.get_close_matches(key, [*SERIES, *documents, *by_id], n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(close)}?)" if close else f" (series: {', '.join(SERIES)})"
            msg = f"{key!r} is neither a series, a document nor a source id of the manifest{hint}"
            raise FetchError(msg)
    everything = not wanted_series and not wanted_docs and not named
    groups: list[list[Source]] = []
    for key, copies in documents.items():
        if not (everything or key in wanted_docs or copies[0].series in wanted_series):
            continue
        kept = [
            s
            for s in copies
            if s.format != "html-list"
            and (not selection.languages or s.language in selection.languages)
            and (selection.since is None or s.year is None or s.year >= selection.since)
        ]
        if not kept:
            continue
        if selection.all_copies:
            groups.extend([s] for s in kept)
        else:
            groups.append(kept)
    chosen = {s.id for s in named}
    groups = [kept for kept in ([s for s in g if s.id not in chosen] for g in groups) if kept]
    groups.extend([s] for s in named)
    return groups


class Fetcher:
    """Fetches manifest entries into a cache directory (see the module notes)."""

    def __init__(
        self,
        config: FetchConfig,
        progress: ProgressFn | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.out = Path(config.out)
        self.progress = progress
        self.http = Http(config, progress, sleep, clock)
        self.state = FetchState(self.out / STATE_FILE)

    def _emit(self, event: FetchEvent) -> None:
        if self.progress is not None:
            self.progress(event)

    def run(self, groups: Sequence[Sequence[Source]], *, all_copies: bool = False) -> FetchReport:
        """Fetch every group; a source's failure never stops the others."""
        t0 = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        report = FetchReport(out=self.out, state_file=self.state.path)
        report.temp_removed = remove_stale_temp_files(self.out)
        self.state = FetchState.load(self.state.path)
        if self.state.note:
            report.notes.append(self.state.note)
        self._emit(FetchEvent("plan", total=sum(len(g) for g in groups)))
        for group in groups:
            winner: Source | None = None
            for source in group:
                if winner is not None:
                    why = f"the copy {winner.id} is in the cache"
                    result = SourceResult(source.id, source.document, "skipped", why)
                    if not all_copies and self._remove_copy(source):
                        result.reason += "; this copy, fetched before, was removed"
                else:
                    self._emit(FetchEvent("source", source=source.id))
                    result = self.fetch_one(source)
                    if result.status in OK_STATUSES or result.file is not None:
                        winner = source
                report.results.append(result)
                self._emit(FetchEvent("result", source=source.id, result=result))
            for source in group:
                report.documents.setdefault(source.document, None)
                if winner is not None and source is winner:
                    report.documents[source.document] = source.id
        report.seconds = time.perf_counter() - t0
        return report

    # one source

    def fetch_one(self, source: Source) -> SourceResult:
        """Fetch one source into the cache; never raises a :class:`FetchError` (it becomes the result)."""
        t0 = time.perf_counter()
        self.http.current = source.id
        previous = self.state.sources.get(source.id, {})
        file = self.file_for(source)
        have = self._intact(source, previous, file)
        try:
            if source.format == "flipbook":
                result = self._flipbook(source, previous, file, have)
            else:
                result = self._single(source, previous, file, have)
        except (FetchError, OSError, Exception) as e:
            if isinstance(e, FetchError):
                reason = str(e)
            elif isinstance(e, OSError):
                reason = f"cannot write the cache: {e}"
            else:  # a bug must not stop the other sources either
                reason = f"unexpected {type(e).__name__}: {e}"
            result = SourceResult(source.id, source.document, "failed", reason, url=source.url)
            if have:
                result.file = file
                result.sha256 = previous.get("sha256")
                result.bytes = previous.get("bytes")
                result.retrieved = previous.get("retrieved")
                result.reason += f" (the copy retrieved {previous.get('retrieved')} stays in the cache)"
            entry = dict(previous) if have else {"url": source.url}
            entry.update(status="failed", error=reason, checked=utc_stamp())
            self.state.sources[source.id] = entry
            self.state.save()
        result.seconds = time.perf_counter() - t0
        self.http.current = None
        return result

    def file_for(self, source: Source) -> Path:
        """Where a source's text is saved in the cache."""
        suffix = ".pdf" if source.format == "pdf" else ".html"
        return self.out / SERIES_DIRS.get(source.series, "other") / f"{source.id}{suffix}"

    def _intact(self, source: Source, previous: dict[str, Any], file: Path) -> bool:
        """True when the cache holds this source's file as the state recorded it (same URL, same digest)."""
        if not previous.get("sha256") or previous.get("url") != source.url:
            return False
        try:
            return _sha256_file(file) == previous["sha256"] and sidecar_path(file).is_file()
        except OSError:
            return False

    def _fresh(self, previous: dict[str, Any]) -> bool:
        checked = previous.get("checked")
        if not checked or self.config.max_age <= 0:
            return False
        try:
            when = dt.datetime.fromisoformat(checked)
        except ValueError:
            return False
        return (dt.datetime.now(dt.UTC) - when).total_seconds() < self.config.max_age

    def _cached(
        self, source: Source, previous: dict[str, Any], file: Path, status: Status, reason: str
    ) -> SourceResult:
        return SourceResult(
            source.id,
            source.document,
            status,
            reason,
            url=source.url,
            file=file,
            bytes=previous.get("bytes"),
            sha256=previous.get("sha256"),
            retrieved=previous.get("retrieved"),
            pages=len(previous.get("pages") or []) if source.format == "flipbook" else 0,
        )

    def _single(self, source: Source, previous: dict[str, Any], file: Path, have: bool) -> SourceResult:
        if have and self._fresh(previous):
            return self._cached(source, previous, file, "cached", f"checked {previous.get('checked')}; not asked again")
        pdf = source.format == "pdf"
        accept = "application/pdf" if pdf else "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
        response = self.http.get(source.url, accept=accept, conditional=previous if have else None)
        if response.status == 304:
            if not have:
                raise FetchError("HTTP 304 (not modified) to a request that was not conditional")
            self._record(source, previous, checked=utc_stamp(), status="unchanged")
            return self._cached(source, previous, file, "unchanged", "not modified (HTTP 304)")
        encoding: str | None = None
        if pdf:
            check_pdf(response)
        else:
            encoding, _, _ = check_html(response, min_chars=self.config.min_text_chars)
        digest = hashlib.sha256(response.body).hexdigest()
        if have and digest == previous.get("sha256"):
            self._record(source, previous, checked=utc_stamp(), status="unchanged", **response.validators())
            return self._cached(source, previous, file, "unchanged", "same bytes as before")
        stamp = utc_stamp()
        final = response.url if response.url != source.url else None
        content_type = response.headers.get("Content-Type")
        self._save(source, file, response.body, stamp, encoding=encoding, final_url=final, pages=[],
                   content_type=content_type)
        entry = {"url": source.url, "file": self._relative(file), "sha256": digest, "bytes": len(response.body),
                 "retrieved": stamp, "checked": stamp, "status": "fetched", "error": None, **response.validators()}
        self.state.sources[source.id] = entry
        self.state.save()
        why = "changed since the last fetch" if previous.get("sha256") else ""
        return SourceResult(source.id, source.document, "fetched", why, url=response.url, file=file,
                            bytes=len(response.body), sha256=digest, retrieved=stamp)

    def _record(self, source: Source, previous: dict[str, Any], **changes: Any) -> None:
        entry = dict(previous)
        entry.update(changes, error=None)
        self.state.sources[source.id] = entry
        self.state.save()

    def _relative(self, file: Path) -> str:
        return file.relative_to(self.out).as_posix()

    def _save(
        self,
        source: Source,
        file: Path,
        data: bytes,
        stamp: str,
        *,
        encoding: str | None,
        final_url: str | None,
        pages: list[str],
        content_type: str | None,
    ) -> None:
        meta = Sidecar(
            url=source.url,
            retrieved=stamp,
            sha256=hashlib.sha256(data).hexdigest(),
            bytes=len(data),
            encoding=encoding,
            final_url=final_url,
            pages=pages,
            source_id=source.id,
            document=source.document,
            title=source.title,
            date=source.meeting_date,
            series=source.series,
            ordinal=source.ordinal,
            language=source.language,
            publisher=source.publisher,
            official=source.official,
            format=source.format,
            content_type=content_type,
        )
        write_atomic(file, data)
        write_atomic(sidecar_path(file), meta.to_json().encode("utf-8"))

    def _remove_copy(self, source: Source) -> bool:
        """Remove a copy an earlier run left in the cache; True when there was one."""
        entry = self.state.sources.get(source.id)
        file = self.file_for(source)
        removed = False
        for path in (file, sidecar_path(file)):
            if path.exists():
                path.unlink()
                removed = True
        if entry is not None:
            del self.state.sources[source.id]
            self.state.save()
        return removed

    # flip-books

    def _flipbook(self, source: Source, previous: dict[str, Any], file: Path, have: bool) -> SourceResult:
        site = site_for(source.url)
        book = site.flipbook if site is not None else None
        if book is None:
            host = urlsplit(source.url).hostname
            msg = f"no flip-book rules for {host} in extractors/data/sites.yaml"
            raise FetchError(msg)
        numbers = [book.page_number(url) for url in source.page_urls]
        if any(n is None for n in numbers):
            msg = "a listed page URL is not numbered like the pages of its book"
            raise FetchError(msg)
        old_pages = previous.get("pages") or []
        if have and old_pages:
            if self._fresh(previous):
                why = f"checked {previous.get('checked')}; not asked again"
                return self._cached(source, previous, file, "cached", why)
            answers = [
                self.http.get(p["url"], accept="text/html", conditional=p).status == 304 for p in old_pages
            ]
            if all(answers):
                self._record(source, previous, checked=utc_stamp(), status="unchanged")
                return self._cached(source, previous, file, "unchanged", "no page modified (HTTP 304)")
        pages = self._book_pages(source, book)
        data = join_pages(source, pages)
        if len(data) > self.config.max_bytes:
            msg = f"over the size limit: the joined book is {len(data):,} bytes, the limit is {self.config.max_bytes:,}"
            raise FetchError(msg)
        text_chars = sum(len("".join(p.text.split())) for p in pages)
        if text_chars < self.config.min_text_chars:
            msg = f"only {text_chars} characters of text in {len(pages)} pages: not the text"
            raise FetchError(msg)
        digest = hashlib.sha256(data).hexdigest()
        page_state = [{"url": p.url, **p.response.validators()} for p in pages]
        span = f"pages {pages[0].number}-{pages[-1].number}" if len(pages) > 1 else f"page {pages[0].number}"
        if have and digest == previous.get("sha256"):
            self._record(source, previous, checked=utc_stamp(), status="unchanged", pages=page_state)
            return self._cached(source, previous, file, "unchanged", f"{span}: same text as before")
        stamp = utc_stamp()
        self._save(source, file, data, stamp, encoding="utf-8", final_url=None, pages=[p.url for p in pages],
                   content_type="text/html; charset=utf-8")
        self.state.sources[source.id] = {
            "url": source.url, "file": self._relative(file), "sha256": digest, "bytes": len(data), "retrieved": stamp,
            "checked": stamp, "status": "fetched", "error": None, "pages": page_state,
        }
        self.state.save()
        walked = "" if source.complete else " (book walked through its navigation links)"
        return SourceResult(source.id, source.document, "fetched", f"{len(pages)} pages joined, {span}{walked}",
                            url=source.url, file=file, bytes=len(data), sha256=digest, retrieved=stamp,
                            pages=len(pages))

    def _page(self, url: str, book: Flipbook, what: str) -> Page:
        try:
            response = self.http.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
            encoding, _, root = check_html(response, min_chars=1)
        except FetchError as e:
            msg = f"{what} ({url}): {e}"
            raise FetchError(msg) from e
        try:
            text = read_html(response.body, encoding=encoding, url=url).text
        except ExtractionError as e:
            msg = f"{what} ({url}): {e}"
            raise FetchError(msg) from e
        page = Page(url=url, response=response, encoding=encoding, text=text, number=book.page_number(url))
        for anchor in root.iter("a"):
            href = anchor.get("href")
            if not href:
                continue
            target = urljoin(response.url, href.strip())
            number = book.page_number(target)
            if number is not None and _same_book(book, target, url):
                page.links.setdefault(number, target.split("#")[0])
        return page

    def _book_pages(self, source: Source, book: Flipbook) -> list[Page]:
        listed = source.page_urls
        total = len(listed)
        if source.complete:
            return [self._page(url, book, f"page {i} of {total}") for i, url in enumerate(listed, start=1)]
        numbers = [book.page_number(url) or 0 for url in listed]
        first_n, last_n = min(numbers), max(numbers)
        first = self._page(listed[numbers.index(first_n)], book, f"page {first_n}")
        pages = [first]
        steps = 0
        while not book.opens.match(pages[0].text):
            here = pages[0]
            assert here.number is not None
            before = here.links.get(here.number - 1)
            if before is None:
                msg = f"page {here.number} does not open the text and links no page {here.number - 1} before it"
                raise FetchError(msg)
            steps += 1
            if steps > self.config.max_walk:
                msg = f"the start of the text was not found within {self.config.max_walk} pages before page {first_n}"
                raise FetchError(msg)
            pages.insert(0, self._page(before, book, f"page {here.number - 1}"))
        steps = 0
        while True:
            here = pages[-1]
            assert here.number is not None
            following = here.links.get(here.number + 1)
            if following is None:
                if here.number < last_n:
                    msg = f"page {here.number + 1} is missing: page {here.number} links no next page"
                    raise FetchError(msg)
                break  # the end of the book
            beyond = here.number + 1 > last_n
            if beyond:
                steps += 1
                if steps > self.config.max_walk:
                    msg = f"the end of the text was not found within {self.config.max_walk} pages after page {last_n}"
                    raise FetchError(msg)
            page = self._page(following, book, f"page {here.number + 1}")
            if beyond and book.opens.match(page.text):
                break  # the next document begins
            pages.append(page)
        return pages


def _same_book(book: Flipbook, target: str, page_url: str) -> bool:
    a, b = urlsplit(target), urlsplit(page_url)
    if (a.scheme, a.netloc.lower()) != (b.scheme, b.netloc.lower()):
        return False
    ma, mb = book.page.search(a.path), book.page.search(b.path)
    return ma is not None and mb is not None and a.path[: ma.start(1)] == b.path[: mb.start(1)]


def join_pages(source: Source, pages: Sequence[Page]) -> bytes:
    """One HTML document of a flip-book's pages, in order.

    Each page's ``<body>`` content goes, as served, into a ``<section>``
    (``data-page``, ``data-source``) of one ``<main>``: the HTML reader then
    reads the pages in order as one text and the publisher's rules
    (:mod:`extractors.readers.sites`) remove each page's furniture.
    """
    title = html.escape(source.title or source.id)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(source.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f'<link rel="canonical" href="{html.escape(source.url)}">',
        '<meta name="generator" content="alliancekg fetch: flip-book pages joined in page order">',
        "</head>",
        "<body>",
        "<main>",
    ]
    parts = list(head)
    for page in pages:
        root = lxml.html.document_fromstring(
            page.response.body.decode(page.encoding).lstrip("\ufeff").encode("utf-8"),
            parser=lxml.html.HTMLParser(encoding="utf-8"),
        )
        body = next(root.iter("body"), root)
        inner = [html.escape(body.text)] if body.text else []
        inner.extend(lxml.html.tostring(child, encoding="unicode") for child in body)
        parts.append(
            f'<section class="alliancekg-page" data-page="{page.number}" data-source="{html.escape(page.url)}">'
        )
        parts.append("".join(inner))
        parts.append("</section>")
    parts.extend(["</main>", "</body>", "</html>", ""])
    return "\n".join(parts).encode("utf-8")


def remove_stale_temp_files(out: Path) -> int:
    """Remove temporary files (``.*.part``) an interrupted run left under ``out``; return how many."""
    removed = 0
    for path in out.rglob(".*.part"):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_sources(
    config: FetchConfig,
    *,
    manifest: str | Path | None = None,
    selection: Selection | None = None,
    progress: ProgressFn | None = None,
    record: bool = False,
) -> FetchReport:
    """Fetch what the manifest lists into ``config.out`` (see the module notes).

    Args:
        config: the cache directory and the limits.
        manifest: the manifest file (default: the shipped one).
        selection: what to fetch (default: one English copy of every text).
        progress: receives :class:`FetchEvent` objects.
        record: write bytes, SHA-256 and retrieval time of the saved copies
            into the manifest file.

    Raises:
        FetchError: the manifest is invalid or the selection names nothing
            in it (a source's own failure is in the report instead).
    """
    chosen = selection or Selection()
    loaded = load_manifest(manifest)
    groups = plan(loaded, chosen)
    report = Fetcher(config, progress).run(groups, all_copies=chosen.all_copies)
    if record:
        rows: list[tuple[str, int, str, str]] = []
        for saved in report.saved():
            if saved.bytes is not None and saved.sha256 and saved.retrieved:
                rows.append((saved.id, saved.bytes, saved.sha256, saved.retrieved))
        record_fetch(manifest or DEFAULT_MANIFEST, rows)
    return report
