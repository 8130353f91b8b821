"""``alliancekg fetch`` against a local HTTP server (127.0.0.1): nothing here touches the network.

Each test writes a temporary manifest whose URLs point at a standard-library
server on 127.0.0.1 (:mod:`fetch_pages`) serving fixture pages in the
publishers' shapes, and checks what lands in the cache: whole files and their
sidecars only, a state file consistent with them, and a failure of one source
never stopping the others.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fetch_pages import (
    BEFORE_APPENDIX,
    BOOK,
    NEXT_APPENDIX,
    SCM49_PAGES,
    LocalServer,
    fixture,
    flipbook_page,
    local_server,
    manifest_entry,
    write_manifest,
)
from typer.testing import CliRunner

import extractors.readers.sites as sites_module
from alliancekg.cli import app
from alliancekg.fetch import (
    STATE_FILE,
    USER_AGENT,
    FetchConfig,
    FetchEvent,
    FetchReport,
    Selection,
    fetch_sources,
    plan,
)
from alliancekg.manifest import DEFAULT_MANIFEST, FORMATS, load_manifest
from extractors.readers.sidecar import read_sidecar, sidecar_path
from graph.errors import FetchError

ARTICLE = "/News/Releases/Release/Article/1000056/56th-scm-joint-communique/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy between the fetcher and 127.0.0.1; the packaged site rules also serve the local host.

    The rules of the DoD platform and of the MND flip-books are copied for
    127.0.0.1 (paths ``/News/`` and ``/mnd_book/``), so the fixture pages are
    read with the rules of the publishers whose shapes they have.
    """
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    packaged = sites_module.load_sites()
    by_name = {s.name: s for s in packaged}
    local = (
        dataclasses.replace(by_name["mnd-flipbook"], name="local-mnd", hosts=("127.0.0.1",)),
        dataclasses.replace(by_name["dod-afpims"], name="local-dod", hosts=("127.0.0.1",),
                            paths=(re.compile("^/News/"),)),
    )  # fmt: skip
    monkeypatch.setattr(sites_module, "_packaged_sites", lambda: (*local, *packaged))


@pytest.fixture
def server() -> Any:
    with local_server() as running:
        yield running


def config(tmp_path: Path, **overrides: Any) -> FetchConfig:
    """Fast settings for the local server."""
    values: dict[str, Any] = {
        "out": tmp_path / "cache",
        "timeout": 2.0,
        "retries": 2,
        "backoff": 0.01,
        "min_interval": 0.0,
        "max_age": 0.0,
    }
    values.update(overrides)
    return FetchConfig(**values)


def fetch(
    tmp_path: Path, entries: list[dict[str, Any]], *, selection: Selection | None = None, **overrides: Any
) -> FetchReport:
    manifest = write_manifest(tmp_path / "sources.json", entries)
    return fetch_sources(config(tmp_path, **overrides), manifest=manifest, selection=selection)


def by_id(report: FetchReport) -> dict[str, Any]:
    return {r.id: r for r in report.results}


def cache_files(tmp_path: Path) -> list[str]:
    """Every file in the cache, relative, sorted (hidden ones too)."""
    root = tmp_path / "cache"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def state(tmp_path: Path) -> dict[str, Any]:
    return json.loads((tmp_path / "cache" / STATE_FILE).read_text(encoding="utf-8"))["sources"]


def article(server: LocalServer, path: str = ARTICLE, **route: Any) -> str:
    route.setdefault("body", fixture("dod_release.html"))
    server.add(path, **route)
    return server.url(path)


# -- the shipped manifest -----------------------------------------------------------


def test_the_shipped_manifest_validates() -> None:
    manifest = load_manifest()
    ids = [s.id for s in manifest.sources]
    assert len(ids) == len(set(ids)) == 109
    for source in manifest.sources:
        assert source.url.startswith(("http://", "https://")), source.id
        assert source.format in FORMATS
        assert source.language in ("en", "ko")
        if source.format == "flipbook":
            assert source.pages and source.pages[0] == source.url and source.complete is not None
    for key, copies in manifest.documents().items():
        assert [c.preference for c in copies] == list(range(1, len(copies) + 1)), key
        assert len({c.series for c in copies}) == 1, key
        assert len({c.language for c in copies}) == 1 or key.startswith("camp-david-2023-spirit"), key
    assert next(s for s in manifest.sources if s.id == "scm-49-mnd-wp2018-suppl").complete is True


def test_the_sources_notes_name_only_listed_entries_and_list_every_source() -> None:
    notes = (DEFAULT_MANIFEST.parent / "SOURCES.md").read_text(encoding="utf-8")
    ids = {s.id for s in load_manifest().sources}
    slug = re.compile(r"`((?:scm|mcm|2p2|edscg|ncg|summit|washington|camp|trilateral)-[a-z0-9.+-]+)`")
    named = set(slug.findall(notes))
    assert named - ids - set(load_manifest().documents()) == set()
    coverage = notes.split("## Coverage", 1)[1].split("## Related statements", 1)[0]
    related = notes.split("## Related statements", 1)[1]
    for source in load_manifest().sources:
        where = coverage if source.series == "SCM" else related
        assert f"`{source.id}`" in where, source.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "ftp://example.org/x"}, "not an absolute http"),
        ({"format": "docx"}, "format"),
        ({"format": "flipbook"}, "needs its page URLs"),
        ({"language": "ja"}, "language"),
        ({"id": "Bad Id"}, "not a slug"),
        ({"sha256": "xyz"}, "64 lower-case hex"),
    ],
)
def test_a_bad_manifest_entry_is_refused_with_its_reason(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    entry = {**manifest_entry("a", "https://example.org/a"), **change}
    path = write_manifest(tmp_path / "m.json", [entry])
    with pytest.raises(FetchError, match=message):
        load_manifest(path)


def test_duplicate_ids_and_broken_preferences_are_refused(tmp_path: Path) -> None:
    one = manifest_entry("a", "https://example.org/a")
    path = write_manifest(tmp_path / "m.json", [one, dict(one)])
    with pytest.raises(FetchError, match="listed twice: a"):
        load_manifest(path)
    two = manifest_entry("b", "https://example.org/b", document=one["document"])
    path = write_manifest(tmp_path / "m.json", [one, two])
    with pytest.raises(FetchError, match=r"preferences of its copies must be 1\.\.2"):
        load_manifest(path)


def test_the_plan_takes_one_english_text_of_each_document_in_preference_order() -> None:
    manifest = load_manifest()
    groups = plan(manifest, Selection())
    assert all(s.language == "en" and s.format != "html-list" for g in groups for s in g)
    keys = [g[0].document for g in groups]
    assert len(keys) == len(set(keys))
    scm49 = next(g for g in groups if g[0].document == "scm-49-en")
    assert [s.id for s in scm49] == ["scm-49-mnd-wp2018-suppl", "scm-49-mnd-wp2018-final", "scm-49-yonhap"]
    recent = plan(manifest, Selection(what=("scm",), since=2023))
    assert [g[0].document for g in recent] == ["scm-55-en", "scm-56-en", "scm-57-en"]  # 57th: undated, kept
    korean = plan(manifest, Selection(what=("NCG",), languages=("ko",)))
    assert [[s.id for s in g] for g in korean] == [["ncg-1-daum-newsis-ko", "ncg-1-donga-ko", "ncg-1-gino-ko"]]
    named = plan(manifest, Selection(what=("trilateral-2017-tdmm-dod",)))
    assert [[s.id for s in g] for g in named] == [["trilateral-2017-tdmm-dod"]]  # a landing page, asked for by id
    every = plan(manifest, Selection(what=("scm-49-en",), all_copies=True))
    assert len(every) == 3
    with pytest.raises(FetchError, match="did you mean SCM"):
        plan(manifest, Selection(what=("SMC",)))


# -- one article ------------------------------------------------------------------


def test_an_article_is_saved_with_its_sidecar_and_state(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, etag='"v1"')
    report = fetch(tmp_path, [manifest_entry("scm-56-test", url)])
    result = by_id(report)["scm-56-test"]
    assert result.status == "fetched", result.reason
    assert result.file == tmp_path / "cache" / "scm" / "scm-56-test.html"
    assert result.file.read_bytes() == fixture("dod_release.html")
    meta = read_sidecar(result.file)
    assert meta is not None and meta.url == url
    assert meta.sha256 == hashlib.sha256(fixture("dod_release.html")).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", meta.retrieved)
    assert meta.encoding == "utf-8" and meta.source_id == "scm-56-test" and meta.ordinal == 56
    entry = state(tmp_path)["scm-56-test"]
    assert entry["etag"] == '"v1"' and entry["sha256"] == meta.sha256 and entry["file"] == "scm/scm-56-test.html"
    assert cache_files(tmp_path) == [STATE_FILE, "scm/scm-56-test.html", "scm/scm-56-test.html.meta.json"]
    request = server.routes[ARTICLE].requests[0]
    assert request["user-agent"] == USER_AGENT and USER_AGENT.startswith("alliancekg/")
    assert server.hits("/robots.txt") == 1
    assert report.ok and report.documents == {"scm-56-test-text": "scm-56-test"}


def test_an_unchanged_page_is_not_downloaded_again(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, etag='"v1"', last_modified="Wed, 30 Oct 2024 10:00:00 GMT")
    entries = [manifest_entry("scm-56-test", url)]
    first = by_id(fetch(tmp_path, entries))["scm-56-test"]
    second = by_id(fetch(tmp_path, entries))["scm-56-test"]
    assert second.status == "unchanged" and "304" in second.reason
    assert server.routes[ARTICLE].requests[1]["if-none-match"] == '"v1"'
    assert server.routes[ARTICLE].requests[1]["if-modified-since"] == "Wed, 30 Oct 2024 10:00:00 GMT"
    assert second.retrieved == first.retrieved  # the copy is still the one retrieved then
    third = by_id(fetch(tmp_path, entries, max_age=3600))["scm-56-test"]
    assert third.status == "cached"
    assert server.hits(ARTICLE) == 2  # checked a moment ago: not asked again


def test_last_modified_alone_gives_a_conditional_request(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, last_modified="Wed, 30 Oct 2024 10:00:00 GMT")
    entries = [manifest_entry("scm-56-test", url)]
    fetch(tmp_path, entries)
    assert by_id(fetch(tmp_path, entries))["scm-56-test"].status == "unchanged"


def test_a_changed_page_is_fetched_again(tmp_path: Path, server: LocalServer) -> None:
    route = server.add(ARTICLE, body=fixture("dod_release.html"), etag='"v1"')
    entries = [manifest_entry("scm-56-test", server.url(ARTICLE))]
    first = by_id(fetch(tmp_path, entries))["scm-56-test"]
    route.body = fixture("dod_release.html").replace(b"5. Both sides", b"5. The two sides")
    route.etag = '"v2"'
    time.sleep(1.05)  # retrieval times are to the second
    second = by_id(fetch(tmp_path, entries))["scm-56-test"]
    assert second.status == "fetched" and second.reason == "changed since the last fetch"
    assert b"5. The two sides" in second.file.read_bytes()
    assert second.retrieved != first.retrieved and state(tmp_path)["scm-56-test"]["etag"] == '"v2"'
    assert read_sidecar(second.file).sha256 == second.sha256  # type: ignore[union-attr]


def test_a_server_without_validators_sending_the_same_bytes_is_unchanged(tmp_path: Path, server: LocalServer) -> None:
    url = article(server)
    entries = [manifest_entry("scm-56-test", url)]
    fetch(tmp_path, entries)
    result = by_id(fetch(tmp_path, entries))["scm-56-test"]
    assert result.status == "unchanged" and result.reason == "same bytes as before"


# -- failures ---------------------------------------------------------------------


def test_a_404_fails_that_source_only(tmp_path: Path, server: LocalServer) -> None:
    good = article(server)
    report = fetch(tmp_path, [
        manifest_entry("missing", server.url("/News/nothing-here/")),
        manifest_entry("scm-56-test", good),
    ])  # fmt: skip
    results = by_id(report)
    assert results["missing"].status == "failed" and results["missing"].reason == "HTTP 404 Not Found"
    assert results["scm-56-test"].status == "fetched"
    assert report.missing == ["missing-text"] and not report.ok
    assert cache_files(tmp_path) == [STATE_FILE, "scm/scm-56-test.html", "scm/scm-56-test.html.meta.json"]
    assert state(tmp_path)["missing"]["status"] == "failed"


def test_a_500_then_success_is_retried(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, script=[500, 503])
    result = by_id(fetch(tmp_path, [manifest_entry("scm-56-test", url)]))["scm-56-test"]
    assert result.status == "fetched"
    assert server.hits(ARTICLE) == 3


def test_a_429_is_retried_after_the_wait_the_server_asks(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, script=[429])
    result = by_id(fetch(tmp_path, [manifest_entry("busy", url)]))["busy"]
    assert result.status == "fetched" and server.hits(ARTICLE) == 2


def test_a_gzip_encoded_page_is_decompressed(tmp_path: Path, server: LocalServer) -> None:
    import gzip

    url = article(server, body=gzip.compress(fixture("dod_release.html")), headers={"Content-Encoding": "gzip"})
    result = by_id(fetch(tmp_path, [manifest_entry("zipped", url)]))["zipped"]
    assert result.status == "fetched" and result.file.read_bytes() == fixture("dod_release.html")
    assert server.routes[ARTICLE].requests[0]["accept-encoding"] == "gzip, deflate"


def test_a_lasting_500_fails_after_every_attempt(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, script=[500, 500, 500, 500])
    result = by_id(fetch(tmp_path, [manifest_entry("scm-56-test", url)]))["scm-56-test"]
    assert result.status == "failed"
    assert result.reason == "HTTP 500 Internal Server Error (after 3 attempts)"
    assert server.hits(ARTICLE) == 3


def test_a_slow_page_times_out(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, delay=1.0)
    t0 = time.perf_counter()
    result = by_id(fetch(tmp_path, [manifest_entry("slow", url)], timeout=0.3, retries=1))["slow"]
    assert result.status == "failed"
    assert result.reason == "timed out: no answer within 0.3 s (after 2 attempts)"
    assert time.perf_counter() - t0 < 5
    assert cache_files(tmp_path) == [STATE_FILE]


def test_a_page_that_trickles_past_the_time_limit_is_abandoned(tmp_path: Path, server: LocalServer) -> None:
    url = article(server, chunk_pause=0.1)
    result = by_id(fetch(tmp_path, [manifest_entry("trickle", url)], max_seconds=0.3))["trickle"]
    assert result.status == "failed" and result.reason.startswith("too slow: not finished after 0.3 s")


def test_a_redirect_loop_and_a_long_chain_fail(tmp_path: Path, server: LocalServer) -> None:
    server.add("/News/a", status=302, location="/News/b")
    server.add("/News/b", status=301, location=server.url("/News/a"))
    for n in range(8):
        server.add(f"/News/chain{n}", status=307, location=f"/News/chain{n + 1}")
    report = fetch(tmp_path, [
        manifest_entry("loop", server.url("/News/a")),
        manifest_entry("chain", server.url("/News/chain0")),
    ])  # fmt: skip
    results = by_id(report)
    assert results["loop"].status == "failed"
    assert results["loop"].reason == (
        f"redirect loop: {server.url('/News/a')} -> {server.url('/News/b')} -> {server.url('/News/a')}"
    )
    assert results["chain"].reason.startswith("too many redirects (more than 5)")


def test_a_redirect_is_followed_and_recorded(tmp_path: Path, server: LocalServer) -> None:
    url = article(server)
    server.add("/News/old-address", status=301, location=ARTICLE)
    result = by_id(fetch(tmp_path, [manifest_entry("moved", server.url("/News/old-address"))]))["moved"]
    assert result.status == "fetched" and result.url == url
    meta = read_sidecar(result.file)
    assert meta is not None and meta.url == server.url("/News/old-address") and meta.final_url == url


def test_size_limits(tmp_path: Path, server: LocalServer) -> None:
    big = fixture("dod_release.html") + b"<!-- " + b"x" * 20000 + b" -->"
    report = fetch(tmp_path, [
        manifest_entry("announced", article(server, "/News/big", body=big)),
        manifest_entry("streamed", article(server, "/News/streamed", body=big, length=-1)),
        manifest_entry("ok", article(server)),
    ], max_bytes=10_000)  # fmt: skip
    results = by_id(report)
    assert results["announced"].status == "failed"
    assert results["announced"].reason == f"over the size limit: {len(big):,} bytes announced, the limit is 10,000"
    assert results["streamed"].status == "failed"
    assert results["streamed"].reason == "over the size limit: more than 10,000 bytes"
    assert results["ok"].status == "fetched"
    assert cache_files(tmp_path) == [STATE_FILE, "scm/ok.html", "scm/ok.html.meta.json"]


def test_a_truncated_body_fails_and_leaves_nothing(tmp_path: Path, server: LocalServer) -> None:
    body = fixture("dod_release.html")
    url = article(server, body=body[:1500], length=len(body))
    result = by_id(fetch(tmp_path, [manifest_entry("cut", url)]))["cut"]
    assert result.status == "failed"
    assert result.reason == f"truncated download: received 1,500 of {len(body):,} bytes (after 3 attempts)"
    assert cache_files(tmp_path) == [STATE_FILE]


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"content_type": "image/png"}, "wrong content type: expected an HTML page, got image/png"),
        ({"content_type": "text/plain"}, "wrong content type: expected an HTML page, got text/plain"),
        ({"body": b"<html><head><title>Page Not Found</title></head><body><p>" + b"Sorry. " * 60 + b"</p></body>"},
         "an error page served with status 200 (it says 'Page Not Found')"),
        ({"body": b"<html><body><h1>Error 404</h1><p>" + b"The page moved. " * 30 + b"</p></body></html>"},
         "an error page served with status 200 (it says 'Error 404')"),
        ({"body": b"<html><head><title>Welcome</title></head><body><p>Loading...</p></body></html>"},
         "only 10 characters of text: an error or placeholder page, not the text"),
        ({"body": "<html><body><p>" + "Caf\u00e9 communiqu\u00e9 " * 40 + "</p></body></html>",
          "content_type": "text/html"}, "undeclared encoding: the page names no charset"),
        ({"body": "<html><body><p>" + "Caf\u00e9 communiqu\u00e9 " * 40 + "</p></body></html>",
          "content_type": "text/html; charset=utf-8"}, "the HTTP header declares utf-8 but the bytes are not utf-8"),
        ({"body": b"", "content_type": "text/html"}, "empty response: no body"),
        ({"body": b"\x89PNG\r\n\x1a\n" + b"\x00" * 300}, "not an HTML page: binary file"),
    ],
)  # fmt: skip
def test_bad_pages_are_refused_with_a_clear_reason(
    tmp_path: Path, server: LocalServer, route: dict[str, Any], reason: str
) -> None:
    if isinstance(route.get("body"), str):
        route["body"] = route["body"].encode("cp1252")
    url = article(server, **route)
    result = by_id(fetch(tmp_path, [manifest_entry("bad", url)]))["bad"]
    assert result.status == "failed"
    assert result.reason.startswith(reason), result.reason
    assert cache_files(tmp_path) == [STATE_FILE]


def test_a_latin_default_header_yields_to_a_utf8_page(tmp_path: Path, server: LocalServer) -> None:
    body = fixture("dod_release.html").replace(b"Joint Communique</h1>", "Joint Communiqué</h1>".encode())
    url = article(server, body=body, content_type="text/html; charset=ISO-8859-1")
    result = by_id(fetch(tmp_path, [manifest_entry("utf8", url)]))["utf8"]
    assert result.status == "fetched" and read_sidecar(result.file).encoding == "utf-8"  # type: ignore[union-attr]


def test_robots_txt_is_respected(tmp_path: Path, server: LocalServer) -> None:
    rules = b"User-agent: *\nDisallow: /private/\n\nUser-agent: alliancekg\nDisallow: /News/x/\n"
    server.add("/robots.txt", body=rules, content_type="text/plain")
    report = fetch(tmp_path, [
        manifest_entry("named", article(server, "/News/x/page")),
        manifest_entry("ok", article(server)),
    ])  # fmt: skip
    results = by_id(report)
    assert results["named"].status == "failed"
    assert results["named"].reason == "refused by robots.txt of " + server.base.removeprefix("http://")
    assert results["ok"].status == "fetched"
    assert server.hits("/News/x/page") == 0 and server.hits("/robots.txt") == 1


def test_an_unreadable_robots_txt_means_nothing_is_fetched(tmp_path: Path, server: LocalServer) -> None:
    server.add("/robots.txt", status=503, script=[503, 503, 503], body=b"down")
    result = by_id(fetch(tmp_path, [manifest_entry("a", article(server))]))["a"]
    assert result.status == "failed"
    assert "robots.txt of 127.0.0.1" in result.reason and "could not be read" in result.reason
    assert server.hits(ARTICLE) == 0


def test_requests_to_one_host_are_spaced(tmp_path: Path, server: LocalServer) -> None:
    entries = [manifest_entry(f"s{n}", article(server, f"/News/{n}")) for n in range(3)]
    t0 = time.perf_counter()
    report = fetch(tmp_path, entries, min_interval=0.2)
    assert all(r.status == "fetched" for r in report.results)
    assert time.perf_counter() - t0 >= 0.6  # robots.txt and three pages, 0.2 s apart


def test_crawl_delay_of_robots_txt_slows_the_host_down(tmp_path: Path, server: LocalServer) -> None:
    server.add("/robots.txt", body=b"User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    t0 = time.perf_counter()
    fetch(tmp_path, [manifest_entry("s0", article(server))])
    assert time.perf_counter() - t0 >= 1.0  # robots.txt, then the page a second later


# -- copies of one text ----------------------------------------------------------


def two_copies(server: LocalServer, first: str, second: str) -> list[dict[str, Any]]:
    return [
        manifest_entry("scm-56-official", server.url(first), document="scm-56-en", preference=1),
        manifest_entry("scm-56-mirror", server.url(second), document="scm-56-en", preference=2, official=False),
    ]


def test_the_next_copy_is_tried_when_the_first_fails(tmp_path: Path, server: LocalServer) -> None:
    article(server, "/News/mirror")
    report = fetch(tmp_path, two_copies(server, "/News/gone", "/News/mirror"))
    results = by_id(report)
    assert results["scm-56-official"].status == "failed" and results["scm-56-mirror"].status == "fetched"
    assert report.documents == {"scm-56-en": "scm-56-mirror"} and report.ok


def test_only_the_preferred_copy_is_fetched_and_an_older_fallback_is_removed(
    tmp_path: Path, server: LocalServer
) -> None:
    article(server, "/News/mirror")
    entries = two_copies(server, "/News/official", "/News/mirror")
    fetch(tmp_path, entries)  # the official copy is not there yet: the mirror is fetched
    article(server, "/News/official")
    report = fetch(tmp_path, entries)
    results = by_id(report)
    assert results["scm-56-official"].status == "fetched"
    assert results["scm-56-mirror"].status == "skipped"
    assert results["scm-56-mirror"].reason == (
        "the copy scm-56-official is in the cache; this copy, fetched before, was removed"
    )
    assert cache_files(tmp_path) == [STATE_FILE, "scm/scm-56-official.html", "scm/scm-56-official.html.meta.json"]
    assert set(state(tmp_path)) == {"scm-56-official"}


def test_a_failed_refresh_keeps_the_copy_already_in_the_cache(tmp_path: Path, server: LocalServer) -> None:
    route = server.add("/News/official", body=fixture("dod_release.html"))
    article(server, "/News/mirror")
    entries = two_copies(server, "/News/official", "/News/mirror")
    fetch(tmp_path, entries)
    route.script = [500] * 10
    report = fetch(tmp_path, entries)
    results = by_id(report)
    assert results["scm-56-official"].status == "failed"
    assert "stays in the cache" in results["scm-56-official"].reason
    assert results["scm-56-mirror"].status == "skipped" and server.hits("/News/mirror") == 0
    assert report.documents == {"scm-56-en": "scm-56-official"} and report.ok
    assert (tmp_path / "cache" / "scm" / "scm-56-official.html").read_bytes() == fixture("dod_release.html")


def test_all_copies_fetches_every_copy(tmp_path: Path, server: LocalServer) -> None:
    article(server, "/News/official")
    article(server, "/News/mirror")
    report = fetch(tmp_path, two_copies(server, "/News/official", "/News/mirror"), selection=Selection(all_copies=True))
    assert [r.status for r in report.results] == ["fetched", "fetched"]


# -- interrupts ---------------------------------------------------------------------


class Stop(KeyboardInterrupt):
    """Ctrl-C, raised from the progress callback."""


def test_an_interrupt_between_sources_leaves_a_consistent_cache_and_the_rerun_resumes(
    tmp_path: Path, server: LocalServer
) -> None:
    entries = [manifest_entry(f"s{n}", article(server, f"/News/{n}")) for n in range(3)]
    manifest = write_manifest(tmp_path / "sources.json", entries)

    def stop_at_second(event: FetchEvent) -> None:
        if event.kind == "source" and event.source == "s1":
            raise Stop

    with pytest.raises(Stop):
        fetch_sources(config(tmp_path, max_age=3600), manifest=manifest, progress=stop_at_second)
    assert set(state(tmp_path)) == {"s0"}
    assert cache_files(tmp_path) == [STATE_FILE, "scm/s0.html", "scm/s0.html.meta.json"]
    report = fetch_sources(config(tmp_path, max_age=3600), manifest=manifest)
    assert [r.status for r in report.results] == ["cached", "fetched", "fetched"]
    assert server.hits("/News/0") == 1


def test_an_interrupt_during_a_download_writes_nothing(tmp_path: Path, server: LocalServer) -> None:
    entries = [manifest_entry("s0", article(server, "/News/0"))]
    manifest = write_manifest(tmp_path / "sources.json", entries)

    def stop_midway(event: FetchEvent) -> None:
        if event.kind == "bytes":
            raise Stop

    with pytest.raises(Stop):
        fetch_sources(config(tmp_path), manifest=manifest, progress=stop_midway)
    assert cache_files(tmp_path) == []


def test_temporary_files_of_a_killed_run_are_removed(tmp_path: Path, server: LocalServer) -> None:
    stale = tmp_path / "cache" / "scm" / ".s0.html.abc123.part"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"half a page")
    report = fetch(tmp_path, [manifest_entry("s0", article(server))])
    assert report.temp_removed == 1 and not stale.exists()


def test_a_file_changed_behind_the_fetchers_back_is_fetched_again(tmp_path: Path, server: LocalServer) -> None:
    entries = [manifest_entry("s0", article(server, etag='"v1"'))]
    first = by_id(fetch(tmp_path, entries))["s0"]
    first.file.write_bytes(b"<html>edited</html>")
    again = by_id(fetch(tmp_path, entries, max_age=3600))["s0"]
    assert again.status == "fetched"
    assert "if-none-match" not in server.routes[ARTICLE].requests[-1]
    assert again.file.read_bytes() == fixture("dod_release.html")


def test_a_damaged_state_file_means_every_source_is_checked_again(tmp_path: Path, server: LocalServer) -> None:
    entries = [manifest_entry("s0", article(server, etag='"v1"'))]
    fetch(tmp_path, entries)
    (tmp_path / "cache" / STATE_FILE).write_text("{not json", encoding="utf-8")
    report = fetch(tmp_path, entries, max_age=3600)
    assert report.notes and "could not be read" in report.notes[0]
    assert by_id(report)["s0"].status == "fetched"
    assert state(tmp_path)["s0"]["etag"] == '"v1"'


# -- PDF ----------------------------------------------------------------------------


def test_a_pdf_is_saved_as_a_pdf(tmp_path: Path, server: LocalServer) -> None:
    server.add("/files/57.PDF", body=PDF, content_type="application/pdf")
    server.add("/files/cut.pdf", body=PDF[:-7], content_type="application/pdf")
    server.add("/files/html.pdf", body=fixture("dod_release.html"))
    report = fetch(tmp_path, [
        manifest_entry("scm-57-pdf", server.url("/files/57.PDF"), format="pdf"),
        manifest_entry("cut", server.url("/files/cut.pdf"), format="pdf"),
        manifest_entry("html", server.url("/files/html.pdf"), format="pdf"),
    ])  # fmt: skip
    results = by_id(report)
    assert results["scm-57-pdf"].status == "fetched" and results["scm-57-pdf"].file.suffix == ".pdf"
    assert results["cut"].reason == "truncated PDF: no %%EOF marker at its end"
    assert results["html"].reason == "wrong content type: expected a PDF, got text/html"


# -- flip-books ---------------------------------------------------------------------


def book_url(server: LocalServer, number: int) -> str:
    return server.url(f"{BOOK}/page{number}.html")


def serve_book(server: LocalServer, pages: dict[int, str], **route: Any) -> None:
    for number, content in pages.items():
        server.add(f"{BOOK}/page{number}.html", body=flipbook_page(number, content), **route)


def flipbook_entry(server: LocalServer, numbers: list[int], *, complete: bool, **fields: Any) -> dict[str, Any]:
    urls = [book_url(server, n) for n in numbers]
    return manifest_entry("scm-49-book", urls[0], format="flipbook", pages=urls, complete=complete, ordinal=49,
                          meeting_date="2017-10-28", title="Joint Communiqué of the 49th ROK–U.S. SCM (book)",
                          **fields)  # fmt: skip


def test_a_complete_flipbook_is_joined_in_page_order(tmp_path: Path, server: LocalServer) -> None:
    serve_book(server, SCM49_PAGES, etag='"p"')
    report = fetch(tmp_path, [flipbook_entry(server, [62, 63, 64], complete=True)])
    result = by_id(report)["scm-49-book"]
    assert result.status == "fetched", result.reason
    assert result.reason == "3 pages joined, pages 62-64" and result.pages == 3
    joined = result.file.read_text(encoding="utf-8")
    assert joined.index('data-page="62"') < joined.index('data-page="63"') < joined.index('data-page="64"')
    meta = read_sidecar(result.file)
    assert meta is not None and meta.pages == [book_url(server, n) for n in (62, 63, 64)]
    again = by_id(fetch(tmp_path, [flipbook_entry(server, [62, 63, 64], complete=True)]))["scm-49-book"]
    assert again.status == "unchanged" and again.reason == "no page modified (HTTP 304)"


def test_a_flipbook_with_a_missing_page_fails_and_writes_nothing(tmp_path: Path, server: LocalServer) -> None:
    serve_book(server, {62: SCM49_PAGES[62], 64: SCM49_PAGES[64]})
    result = by_id(fetch(tmp_path, [flipbook_entry(server, [62, 63, 64], complete=True)]))["scm-49-book"]
    assert result.status == "failed"
    assert result.reason == f"page 2 of 3 ({book_url(server, 63)}): HTTP 404 Not Found"
    assert cache_files(tmp_path) == [STATE_FILE]


def test_an_incomplete_flipbook_is_walked_to_the_whole_text(tmp_path: Path, server: LocalServer) -> None:
    serve_book(server, {61: BEFORE_APPENDIX, **SCM49_PAGES, 65: NEXT_APPENDIX})
    result = by_id(fetch(tmp_path, [flipbook_entry(server, [63], complete=False)]))["scm-49-book"]
    assert result.status == "fetched", result.reason
    assert result.reason == "3 pages joined, pages 62-64 (book walked through its navigation links)"
    assert server.hits(f"{BOOK}/page61.html") == 0  # page 62 opens the text
    assert server.hits(f"{BOOK}/page65.html") == 1  # read to see that it opens the next one


def test_a_walk_that_finds_no_end_fails(tmp_path: Path, server: LocalServer) -> None:
    serve_book(server, dict.fromkeys(range(62, 80), SCM49_PAGES[63]) | {62: SCM49_PAGES[62]})
    result = by_id(fetch(tmp_path, [flipbook_entry(server, [62], complete=False)], max_walk=4))["scm-49-book"]
    assert result.status == "failed"
    assert result.reason == "the end of the text was not found within 4 pages after page 62"


def test_a_walk_over_a_missing_page_fails(tmp_path: Path, server: LocalServer) -> None:
    serve_book(server, {62: SCM49_PAGES[62], 64: SCM49_PAGES[64]})
    result = by_id(fetch(tmp_path, [flipbook_entry(server, [62, 64], complete=False)]))["scm-49-book"]
    assert result.status == "failed"
    assert result.reason == f"page 63 ({book_url(server, 63)}): HTTP 404 Not Found"


def test_a_book_page_that_is_an_error_page_fails_the_book(tmp_path: Path, server: LocalServer) -> None:
    serve_book(server, SCM49_PAGES)
    error = b"<html><head><title>404 - File or directory not found.</title></head></html>"
    server.add(f"{BOOK}/page63.html", body=error)
    result = by_id(fetch(tmp_path, [flipbook_entry(server, [62, 63, 64], complete=True)]))["scm-49-book"]
    assert result.status == "failed" and "error page served with status 200" in result.reason


def test_a_joined_flipbook_reads_as_one_text_in_page_order() -> None:
    from email.message import Message

    from alliancekg.fetch import Page, Response, join_pages
    from alliancekg.manifest import Source
    from extractors.readers import read_bytes

    mnd = f"https://mnd.go.kr{BOOK}/page62.html"
    source = Source.model_validate({
        "id": "scm-49-book", "document": "scm-49-en", "preference": 1, "series": "SCM", "ordinal": 49,
        "meeting_date": "2017-10-28", "title": "Joint Communiqué of the 49th ROK–U.S. SCM (book)", "publisher": "MND",
        "official": True, "url": mnd, "language": "en", "format": "flipbook", "pages": [mnd], "complete": False,
        "found_by": "test",
    })  # fmt: skip
    pages = [
        Page(url=f"https://mnd.go.kr{BOOK}/page{n}.html", response=Response("u", 200, Message(), flipbook_page(n, c)),
             encoding="utf-8", text="", number=n)
        for n, c in sorted(SCM49_PAGES.items())
    ]  # fmt: skip
    doc = read_bytes(join_pages(source, pages), suffix=".html", url=mnd)
    assert doc.title == "Joint Communiqué of the 49th ROK–U.S. SCM (book)"
    numbers = [doc.text.index(f"{n}. ") for n in range(1, 7)]
    assert numbers == sorted(numbers)
    for furniture in ("P. 6", "Download PDF", "FlippingBook", "Defense White Paper"):
        assert furniture not in doc.text
    assert NEXT_APPENDIX not in doc.text


# -- from the record to the graph -------------------------------------------------


def test_fetch_then_ingest_files_each_communique_under_its_meeting_with_its_source(
    tmp_path: Path, server: LocalServer
) -> None:
    from alliancekg.ingest import ingest_paths
    from graph.nx_store import NetworkXStore
    from graph.schema import Kind, Prop, Rel
    from ontology.rdf_export import export_string
    from ontology.validate import validate

    serve_book(server, {**SCM49_PAGES, 65: NEXT_APPENDIX})
    dod = article(server)
    report = fetch(tmp_path, [
        manifest_entry("scm-56-test", dod, document="scm-56-en"),
        flipbook_entry(server, [62], complete=False, document="scm-49-en"),
    ])  # fmt: skip
    assert report.ok, [(r.id, r.reason) for r in report.results]
    store = NetworkXStore()
    ingested = ingest_paths([tmp_path / "cache"], store, progress=False, save=False)
    assert ingested.ok and ingested.count("ok") == 2, [(f.path, f.error) for f in ingested.files]
    documents = store.nodes(kinds=[Kind.DOCUMENT])
    assert len(documents) == 2
    meetings = {n.iri: n for n in store.nodes(kinds=[Kind.MEETING])}
    retrieved = {r.id: r.retrieved for r in report.results}
    filed: dict[str, list[int]] = {}
    for doc in documents:
        source = doc.props[Prop.SOURCE.value]
        assert source in (dod, book_url(server, 62))
        assert doc.props[Prop.RETRIEVED.value] == retrieved["scm-56-test" if source == dod else "scm-49-book"]
        issued = [r.target for r in store.relationships(types=[Rel.ISSUED_AT]) if r.source == doc.iri]
        filed[str(source)] = [meetings[m].props[Prop.ORDINAL.value] for m in issued]  # type: ignore[misc]
    assert filed == {dod: [56], book_url(server, 62): [49]}
    turtle = export_string(store, "ttl")
    assert "prov:generatedAtTime" in turtle and "^^xsd:dateTime" in turtle
    from rdflib import Graph

    assert validate(Graph().parse(data=turtle, format="turtle")).conforms


# -- the command ----------------------------------------------------------------------


def test_the_command_fetches_prints_a_summary_and_fails_when_a_text_has_no_copy(
    tmp_path: Path, server: LocalServer
) -> None:
    manifest = write_manifest(tmp_path / "sources.json", [
        manifest_entry("scm-56-test", article(server)),
        manifest_entry("gone", server.url("/News/gone/")),
    ])  # fmt: skip
    runner = CliRunner()
    args = ["fetch", "--manifest", str(manifest), "--out", str(tmp_path / "cache"), "--rate", "0", "--retries", "0",
            "--no-progress"]  # fmt: skip
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert "Fetch summary" in result.output
    assert "scm-56-test" in result.output and "fetched" in result.output
    assert "HTTP 404 Not Found" in result.output
    assert "1 fetched, 0 unchanged, 0 cached, 0 skipped, 1 failed" in result.output
    assert "no copy of: gone-text" in result.output
    assert f"alliancekg ingest {tmp_path / 'cache'}" in result.output


def test_the_command_records_what_it_got_in_the_manifest(tmp_path: Path, server: LocalServer) -> None:
    manifest = write_manifest(tmp_path / "sources.json", [manifest_entry("scm-56-test", article(server))])
    args = ["fetch", "--manifest", str(manifest), "--out", str(tmp_path / "cache"), "--rate", "0", "--record",
            "--no-progress"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    entry = load_manifest(manifest).sources[0]
    assert entry.bytes == len(fixture("dod_release.html"))
    assert entry.sha256 == hashlib.sha256(fixture("dod_release.html")).hexdigest()
    assert entry.retrieved is not None


def test_a_dry_run_lists_the_plan_without_the_network(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["fetch", "SCM", "--since", "2024", "--dry-run"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "scm-56-dod" in result.output and "scm-56-pulsewave" in result.output
    assert "2 texts, 3 sources" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "--lang 'fr': expected en, ko or all"),
        (["--host-timeout", "mnd.go.kr"], "--host-timeout 'mnd.go.kr': expected HOST=SECONDS"),
        (["--timeout", "0"], "--timeout must be positive"),
        (["--retries", "-1"], "--retries must be 0 or more"),
    ],
)
def test_the_command_refuses_bad_options(args: list[str], message: str) -> None:
    from graph.errors import ConfigurationError

    result = CliRunner().invoke(app, ["fetch", *args, "--dry-run"])
    assert isinstance(result.exception, ConfigurationError)
    assert str(result.exception).startswith(message)


def test_the_sidecar_is_next_to_the_file(tmp_path: Path) -> None:
    assert sidecar_path(tmp_path / "a.html") == tmp_path / "a.html.meta.json"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_dry_run_plan_in_csv_or_json_holds_only_data_on_stdout(fmt: str) -> None:
    import csv as csvlib
    import io

    result = CliRunner().invoke(app, ["fetch", "SCM", "--since", "2024", "--dry-run", "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout) if fmt == "json" else list(csvlib.DictReader(io.StringIO(result.stdout)))
    assert [r["source"] for r in rows][:2] == ["scm-56-dod", "scm-56-pulsewave"]
    assert {str(r["try"]) for r in rows} >= {"1", "2"}
    assert len(rows) == 3 and all(r["url"].startswith("http") for r in rows)
    assert "2 texts, 3 sources" in result.stderr


def test_format_other_than_table_is_for_the_dry_run_only() -> None:
    from graph.errors import ConfigurationError

    result = CliRunner().invoke(app, ["fetch", "SCM", "--format", "json"])
    assert isinstance(result.exception, ConfigurationError)
    assert "--dry-run" in str(result.exception)
