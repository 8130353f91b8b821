"""Fixture pages in the publishers' shapes and a local HTTP server to serve them (tests only).

The pages in ``tests/data/fetch`` are written for these tests in the shapes of
the real publishers' pages (defense.gov, usfk.mil, pacom.mil, the White House
and State Department archives, Yonhap, MND flip-books); their text is ours.
:class:`LocalServer` is a standard-library HTTP server on 127.0.0.1 (port 0)
whose routes say what each path answers: a status script (500 then 200), a
delay, an ETag or Last-Modified, a wrong Content-Length. Nothing here touches
the network.
"""

from __future__ import annotations

import html
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "data" / "fetch"

BOOK = "/mnd_book/DefenseWhitePaper/2018/suppl(eng)/files/basic-html"
"""Path of the fixture flip-book's pages (as on mnd.go.kr)."""


def fixture(name: str) -> bytes:
    """The bytes of a fixture page."""
    return (FIXTURES / name).read_bytes()


def flipbook_page(number: int, content: str, *, links: range | list[int] | None = None) -> bytes:
    """A FlippingBook basic-html page: header, page list, page label, text, running footer."""
    around = links if links is not None else range(max(1, number - 3), number + 4)
    nav = " ".join(f'<a href="page{n}.html">{n}</a>' for n in around if n != number)
    template = (FIXTURES / "mnd_flipbook_page.html").read_text(encoding="utf-8")
    return template.format(number=number, links=nav, content=content).encode("utf-8")


def paragraphs(*texts: str) -> str:
    """``<p>`` elements of the given texts."""
    return "\n".join(f"<p>{html.escape(t)}</p>" for t in texts)


SCM49_PAGES: dict[int, str] = {
    62: (
        '<p class="appendix-no">Appendix 13</p>\n'
        "<h2>Joint Communiqué of the 49<sup>th</sup> ROK-U.S. Security Consultative Meeting</h2>\n"
        "<p>Seoul, October 28, 2017</p>\n"
        + paragraphs(
            "1. The 49th Republic of Korea (ROK)-United States (U.S.) Security Consultative Meeting (SCM) was held "
            "in Seoul on October 28, 2017. The ROK Minister of National Defense and the U.S. Secretary of Defense "
            "led their delegations.",
            "2. The Minister and the Secretary strongly condemned North Korea's sixth nuclear test of "
            "September 3, 2017, and its repeated launches of ballistic missiles.",
        )
    ),
    63: paragraphs(
        "3. The Secretary reaffirmed the continued U.S. commitment to provide extended deterrence for the ROK "
        "using the full range of military capabilities, including the U.S. nuclear umbrella.",
        "4. The two sides agreed to strengthen combined exercises and the rotational deployment of U.S. "
        "strategic assets to the Korean Peninsula.",
    ),
    64: paragraphs(
        "5. The Minister and the Secretary decided to continue the conditions-based transition of wartime "
        "operational control and to review its progress at the next meeting.",
        "6. Both sides expressed their appreciation for the smooth relocation of U.S. forces to Camp Humphreys.",
    ),
}
"""The text of a 49th SCM communiqué over three book pages (our own wording)."""

NEXT_APPENDIX = (
    '<p class="appendix-no">Appendix 14</p>\n'
    "<h2>Joint Communiqué of the 50<sup>th</sup> U.S.-ROK Security Consultative Meeting</h2>\n"
    + paragraphs("1. The 50th meeting was held in Washington, D.C., on October 31, 2018.")
)

BEFORE_APPENDIX = paragraphs("ending of an earlier appendix, which lists the participants of another meeting.")


@dataclass
class Route:
    """What one path answers.

    Attributes:
        body: the body of a 200 answer.
        content_type: its ``Content-Type`` (None: no header).
        status: the final status (200, 404, a redirect ...).
        script: statuses answered first, one per request (``[500, 500]`` then ``status``).
        delay: seconds slept before answering.
        etag, last_modified: validators; a matching conditional request gets a 304.
        location: ``Location`` of a redirect.
        length: ``Content-Length`` sent instead of the true one (a truncated body); -1: none at all.
        chunk_pause: seconds slept between 1 kB chunks of the body (a slow trickle).
        headers: more headers.
    """

    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    script: list[int] = field(default_factory=list)
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    length: int | None = None
    chunk_pause: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0
    requests: list[dict[str, str]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        route = self.server.routes.get(path)
        self.server.log.append(path)
        if route is None:
            self._answer(404, b"<html><head><title>404 Not Found</title></head><body>Not found</body></html>")
            return
        route.hits += 1
        route.requests.append({k.lower(): v for k, v in self.headers.items()})
        if route.delay:
            time.sleep(route.delay)
        if route.hits <= len(route.script):
            status = route.script[route.hits - 1]
            self._answer(status, f"<html><body>status {status}</body></html>".encode(), retry_after="0")
            return
        if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
            self._answer(304, b"", extra={"ETag": route.etag})
            return
        if route.last_modified is not None and self.headers.get("If-Modified-Since") == route.last_modified:
            self._answer(304, b"", extra={"Last-Modified": route.last_modified})
            return
        extra = dict(route.headers)
        if route.etag is not None:
            extra["ETag"] = route.etag
        if route.last_modified is not None:
            extra["Last-Modified"] = route.last_modified
        if route.location is not None:
            extra["Location"] = route.location
        self._answer(route.status, route.body, content_type=route.content_type, extra=extra, length=route.length,
                     pause=route.chunk_pause)  # fmt: skip

    def _answer(
        self,
        status: int,
        body: bytes,
        *,
        content_type: str | None = "text/html; charset=utf-8",
        extra: dict[str, str] | None = None,
        length: int | None = None,
        retry_after: str | None = None,
        pause: float = 0.0,
    ) -> None:
        self.send_response(status)
        if content_type is not None and status != 304:
            self.send_header("Content-Type", content_type)
        if status != 304 and (length is None or length >= 0):
            self.send_header("Content-Length", str(len(body) if length is None else length))
        if retry_after is not None and status in (429, 503):
            self.send_header("Retry-After", retry_after)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if status == 304:
            return
        try:
            if pause:
                for start in range(0, len(body), 1024):
                    self.wfile.write(body[start : start + 1024])
                    self.wfile.flush()
                    time.sleep(pause)
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    log: list[str]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (a timeout test) is not an error of the server


class LocalServer:
    """The routes and address of a running :class:`_Server`."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.routes = server.routes
        self.log = server.log
        self.base = f"http://127.0.0.1:{server.server_address[1]}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base + path

    def add(self, path: str, route: Route | None = None, **kwargs: Any) -> Route:
        """Serve ``path`` (``Route(**kwargs)`` unless a route is given); return the route."""
        made = route if route is not None else Route(**kwargs)
        self.routes[path] = made
        return made

    def hits(self, path: str) -> int:
        """How many requests ``path`` received."""
        return self.log.count(path)


@contextmanager
def local_server() -> Iterator[LocalServer]:
    """A server on 127.0.0.1 and a free port, stopped afterwards."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = {}
    server.log = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield LocalServer(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def manifest_entry(source_id: str, url: str, **fields: Any) -> dict[str, Any]:
    """A manifest entry (an English SCM communiqué article unless ``fields`` say otherwise)."""
    entry: dict[str, Any] = {
        "id": source_id,
        "document": fields.pop("document", source_id + "-text"),
        "preference": 1,
        "series": "SCM",
        "ordinal": 56,
        "meeting_date": "2024-10-30",
        "title": "Test communiqué",
        "publisher": "test server",
        "official": True,
        "url": url,
        "language": "en",
        "format": "html-article",
        "pages": None,
        "complete": None,
        "found_by": "written for the tests",
        "bytes": None,
        "sha256": None,
        "retrieved": None,
    }
    entry.update(fields)
    return entry


def write_manifest(path: Path, entries: list[dict[str, Any]]) -> Path:
    """A manifest file of ``entries``."""
    path.write_text(json.dumps({"version": 1, "compiled": "2026-12-07", "sources": entries}, indent=2), "utf-8")
    return path
