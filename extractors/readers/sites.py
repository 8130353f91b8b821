"""Publisher-specific cleaning of HTML pages, from ``extractors/data/sites.yaml``.

The HTML reader's general rules find the article in most pages. The pages that
publish the alliance's texts have furniture those rules cannot know about (a
government banner written as paragraphs, a "historical collection" notice, a
flip-book's page labels and running footers), and some put the text in a
container the reader would not prefer. A :class:`Site` rule names, for the
pages of some hosts, CSS selectors of the text's container (``main``) and of
furniture (``drop``), and regular expressions of furniture lines
(``drop_text``); flip-book sites also say how their page URLs are numbered and
how a page that opens a new document begins (used by ``alliancekg fetch`` to
walk a book). The rules are data: the file's format is documented in its
header, and every selector and pattern is compiled when it is loaded.

A page's site is decided by its address: the URL it was fetched from (its
sidecar, :mod:`extractors.readers.sidecar`), else its canonical link or
``og:url``. A page with no known address gets the general rules only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml.cssselect import CSSSelector, SelectorError
from lxml.html import HtmlElement

from graph.errors import ExtractionError

SITES_PACKAGE = "extractors"
SITES_FILE = ("data", "sites.yaml")

TEXT_BLOCKS = frozenset(
    {"p", "div", "span", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "font", "b", "strong",
     "em", "i", "center", "a", "section", "header"}
)  # fmt: skip
"""Elements ``drop_text`` looks at (when no block element lies inside them)."""

_INNER_BLOCKS = ("p", "div", "li", "ul", "ol", "table", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Flipbook:
    """How a flip-book site numbers its pages and opens a document."""

    page: re.Pattern[str]
    """Matches a page URL; group 1 is the page number."""
    opens: re.Pattern[str]
    """Matches the start of the text of a page that opens a new document."""

    def page_number(self, url: str) -> int | None:
        """The page number of a page URL of this book, or None."""
        found = self.page.search(urlsplit(url).path)
        return int(found.group(1)) if found else None

    def page_url(self, url: str, number: int) -> str:
        """The URL of page ``number`` of the book that ``url`` is a page of."""
        parts = urlsplit(url)
        found = self.page.search(parts.path)
        if found is None:
            msg = f"{url} is not a page of a flip-book"
            raise ValueError(msg)
        path = parts.path[: found.start(1)] + str(number) + parts.path[found.end(1) :]
        return parts._replace(path=path, query="", fragment="").geturl()


@dataclass(frozen=True)
class Site:
    """The cleaning rules of one publisher's pages."""

    name: str
    hosts: tuple[str, ...]
    paths: tuple[re.Pattern[str], ...] = ()
    main: tuple[CSSSelector, ...] = ()
    drop: tuple[CSSSelector, ...] = ()
    drop_text: tuple[re.Pattern[str], ...] = ()
    flipbook: Flipbook | None = None
    about: str = ""

    def matches(self, url: str) -> bool:
        """True when ``url``'s host is one of :attr:`hosts` (or below one) and its path fits :attr:`paths`."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        if not any(host == h or host.endswith("." + h) for h in self.hosts):
            return False
        return not self.paths or any(p.search(parts.path or "/") for p in self.paths)

    def clean(self, body: HtmlElement) -> int:
        """Remove this site's furniture from ``body``; return how many elements went."""
        removed = 0
        for selector in self.drop:
            for el in selector(body):
                if el is not body and el.getparent() is not None:
                    el.drop_tree()
                    removed += 1
        if self.drop_text:
            for el in list(body.iter(*TEXT_BLOCKS)):
                if el is body or el.getparent() is None or not _attached(el, body):
                    continue
                if next((True for _ in el.iterdescendants(*_INNER_BLOCKS)), False):
                    continue
                text = " ".join(el.text_content().split())
                if text and any(p.fullmatch(text) for p in self.drop_text):
                    el.drop_tree()
                    removed += 1
        return removed

    def main_node(self, body: HtmlElement) -> HtmlElement | None:
        """The element holding the text per :attr:`main` (the largest match of the first selector that matches)."""
        for selector in self.main:
            found = [el for el in selector(body) if el.text_content().strip()]
            if found:
                return max(found, key=lambda el: len(el.text_content()))
        return None


def _attached(el: HtmlElement, root: HtmlElement) -> bool:
    return any(parent is root for parent in el.iterancestors())


def _selector(text: Any, where: str) -> CSSSelector:
    if not isinstance(text, str) or not text.strip():
        msg = f"{where}: a CSS selector must be a non-empty string"
        raise ExtractionError(msg)
    try:
        return CSSSelector(text, translator="html")
    except SelectorError as e:
        msg = f"{where}: bad CSS selector {text!r}: {e}"
        raise ExtractionError(msg) from e


def _pattern(text: Any, where: str) -> re.Pattern[str]:
    if not isinstance(text, str) or not text:
        msg = f"{where}: a pattern must be a non-empty string"
        raise ExtractionError(msg)
    try:
        return re.compile(text)
    except re.error as e:
        msg = f"{where}: bad regular expression {text!r}: {e}"
        raise ExtractionError(msg) from e


def _strings(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        msg = f"{where}: expected a list"
        raise ExtractionError(msg)
    return value


_SITE_KEYS = frozenset({"name", "about", "hosts", "paths", "main", "drop", "drop_text", "flipbook"})


def parse_sites(data: Any, source: str = "sites.yaml") -> tuple[Site, ...]:
    """Build the rules from a parsed sites file.

    Raises:
        ExtractionError: the structure, a selector or a pattern is wrong.
    """
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("sites"), list):
        msg = f"{source}: expected a mapping with version: 1 and a list of sites"
        raise ExtractionError(msg)
    sites: list[Site] = []
    names: set[str] = set()
    for n, entry in enumerate(data["sites"]):
        where = f"{source}: site {n + 1}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            msg = f"{where}: a site is a mapping with a name"
            raise ExtractionError(msg)
        where = f"{source}: site {entry['name']!r}"
        unknown = set(entry) - _SITE_KEYS
        if unknown:
            msg = f"{where}: unknown keys {', '.join(sorted(unknown))}"
            raise ExtractionError(msg)
        if entry["name"] in names:
            msg = f"{where}: the name is used twice"
            raise ExtractionError(msg)
        names.add(entry["name"])
        hosts = tuple(str(h).lower() for h in _strings(entry.get("hosts"), f"{where}.hosts"))
        if not hosts:
            msg = f"{where}: no hosts"
            raise ExtractionError(msg)
        flip = entry.get("flipbook")
        flipbook = None
        if flip is not None:
            if not isinstance(flip, dict) or set(flip) != {"page", "opens"}:
                msg = f"{where}.flipbook: expected the keys page and opens"
                raise ExtractionError(msg)
            page = _pattern(flip["page"], f"{where}.flipbook.page")
            if page.groups < 1:
                msg = f"{where}.flipbook.page: needs a group for the page number"
                raise ExtractionError(msg)
            flipbook = Flipbook(page=page, opens=_pattern(flip["opens"], f"{where}.flipbook.opens"))
        sites.append(
            Site(
                name=entry["name"],
                about=str(entry.get("about") or ""),
                hosts=hosts,
                paths=tuple(_pattern(p, f"{where}.paths") for p in _strings(entry.get("paths"), f"{where}.paths")),
                main=tuple(_selector(s, f"{where}.main") for s in _strings(entry.get("main"), f"{where}.main")),
                drop=tuple(_selector(s, f"{where}.drop") for s in _strings(entry.get("drop"), f"{where}.drop")),
                drop_text=tuple(
                    _pattern(p, f"{where}.drop_text") for p in _strings(entry.get("drop_text"), f"{where}.drop_text")
                ),
                flipbook=flipbook,
            )
        )
    return tuple(sites)


def load_sites(path: str | Path | None = None) -> tuple[Site, ...]:
    """The site rules of a file (default: the packaged ``extractors/data/sites.yaml``).

    Raises:
        ExtractionError: the file is missing or invalid.
    """
    if path is None:
        return _packaged_sites()
    return _load(Path(path))


@functools.cache
def _packaged_sites() -> tuple[Site, ...]:
    ref = resources.files(SITES_PACKAGE).joinpath(*SITES_FILE)
    return _load(Path(str(ref)))


def _load(file: Path) -> tuple[Site, ...]:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        msg = f"cannot read site rules {file}: {e}"
        raise ExtractionError(msg) from e
    except yaml.YAMLError as e:
        msg = f"{file.name}: not valid YAML: {e}"
        raise ExtractionError(msg) from e
    return parse_sites(data, file.name)


def site_for(url: str | None, sites: tuple[Site, ...] | None = None) -> Site | None:
    """The rules for a page at ``url`` (the first that matches), or None."""
    if not url:
        return None
    for site in sites if sites is not None else load_sites():
        if site.matches(url):
            return site
    return None
