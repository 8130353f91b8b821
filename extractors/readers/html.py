"""HTML reader: the article's main text, without the page's furniture.

Steps:

1. decode per the byte-order mark, the declared ``<meta charset>``, UTF-8,
   or detection (never silently, see :mod:`.detect`);
2. read metadata before anything is removed: ``<title>``, ``og:title``,
   the first ``<h1>``, publication dates (``article:published_time``,
   ``date``, ``dc.date``, ``dcterms.*``, ``citation_publication_date``,
   JSON-LD ``datePublished``, ``<time datetime>``), canonical URL, site name;
3. drop what is never text (scripts, styles, templates, SVG, frames, form
   controls, comments) and page furniture: ``nav``, ``aside``, page
   ``header``/``footer``, ARIA navigation/banner/complementary regions,
   and elements whose class or id names a menu, share bar, cookie banner,
   comment section, newsletter box, related-links list or advert;
4. choose the main node: the largest ``<article>``/``<main>``/``[role=main]``
   /``[itemprop=articleBody]`` candidate, else the element whose ``<p>``
   children hold the most text;
5. walk it in document order: block elements (``p``, ``li``, ``h1``-``h6``,
   ``blockquote``, table rows ...) become paragraphs separated by a blank line;
   ``<br>`` is a line break; the title ``<h1>`` is put first when it lies
   outside the main node.

Script and style contents never reach the text; markup written as visible
text (``&lt;script&gt;``) stays as characters. Offsets map to the decoded
HTML source: each text node is anchored where its text first appears in the
markup after the previous one (exact unless entities are involved).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from extractors.document import OffsetMap
from extractors.metadata import parse_date
from extractors.readers.base import RawText
from extractors.readers.detect import declared_charset, decode_bytes


def _words(text: str) -> list[str]:
    """The space-separated words of a word list."""
    return text.split()


NEVER_TEXT = tuple(
    _words(
        "script style noscript template svg math iframe object embed canvas button select input textarea "
        "option label dialog video audio map"
    )
)
"""Elements whose content is never part of the text."""

FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "menu"})
FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog"}
)
_FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|share|sharing|social|sns|comments?|"
    r"comment-form|respond|cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|related|"
    r"recommended|popular|trending|most-read|sidebar|side-bar|widget|advert|advertisement|ads|ad|"
    r"sponsor|promo|banner|popup|modal|skip|toolbar|print|tags|tag-list|footer|masthead|site-header|"
    r"utility|login|search)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_NAMES = re.compile(
    r"article-body|articlebody|story-body|entry-content|post-content|article-content|content-body|"
    r"main-content|article__body|news-content|view-content|text-content|press-release|field-body",
    re.IGNORECASE,
)
BLOCK_TAGS = frozenset(
    _words(
        "p div section article main li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table thead tbody tfoot tr dd "
        "dt dl figure figcaption header address hr center caption details summary"
    )
)
CELL_TAGS = frozenset({"td", "th"})
DATE_META = tuple(
    _words(
        "article:published_time og:published_time datepublished date dc.date dc.date.issued dc.date.created "
        "dcterms.date dcterms.issued dcterms.created citation_publication_date citation_date pubdate "
        "publishdate publish-date publish_date sailthru.date parsely-pub-date article.published "
        "originalpublicationdate"
    )
)
_WS = re.compile(r"[\t\n\r\f\v]")
_ENTITY_PRONE = re.compile(r"[&<>\"'\u0080-\U0010ffff]")
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014-]\s+|\s+::\s+")


def read_html(data: bytes, *, encoding: str | None = None) -> RawText:
    """Read an HTML page (see the module notes).

    Raises:
        ExtractionError: the encoding cannot be determined with confidence.
    """
    source, used = decode_bytes(data, declared=declared_charset(data), encoding=encoding)
    soup = BeautifulSoup(source, "lxml")
    meta = _meta(soup)
    title_h1 = soup.find("h1")
    h1_text = _clean(title_h1.get_text(" ")) if isinstance(title_h1, Tag) else ""
    json_ld = _json_ld(soup)
    raw = RawText(text="", media_type="text/html", encoding=used)
    raw.title = h1_text or meta.get("og:title") or json_ld.get("headline") or _page_title(soup)
    raw.date, raw.metadata["date_source"] = _date(soup, meta, json_ld)
    if not raw.metadata["date_source"]:
        del raw.metadata["date_source"]
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if isinstance(canonical, Tag) else None
    raw.source = (url if isinstance(url, str) else None) or meta.get("og:url")
    for key, name in (("og:site_name", "site_name"), ("author", "author"), ("og:type", "og_type")):
        if meta.get(key):
            raw.metadata[name] = meta[key]
    html_tag = soup.find("html")
    lang = html_tag.get("lang") if isinstance(html_tag, Tag) else None
    if isinstance(lang, str):
        raw.metadata["lang"] = lang
    raw.article = meta.get("og:type", "").lower() == "article" or "article" in str(json_ld.get("@type", "")).lower()

    _drop_never_text(soup)
    body = soup.body or soup
    _drop_furniture(body)
    main = _main_node(body)
    raw.article = raw.article or main.name == "article"
    cursor = max(source.lower().find("<body"), 0)
    builder = _TextBuilder(source, cursor)
    if isinstance(title_h1, Tag) and not _gone(title_h1) and not _inside(title_h1, main):
        builder.walk(title_h1)
        builder.flush()
    builder.walk(main)
    builder.flush()
    raw.text = builder.text()
    raw.offset_map = builder.omap
    return raw


def _gone(tag: Tag) -> bool:
    """True when ``tag`` was decomposed (read from its ``__dict__``: a missing
    attribute on a Tag would run a child search)."""
    return bool(tag.__dict__.get("_decomposed"))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    for tag in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(tag.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in _json_items(data):
            if any(k in item for k in ("datePublished", "headline")):
                return item
    return {}


def _json_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from (item for item in graph if isinstance(item, dict))
    elif isinstance(data, list):
        for item in data:
            yield from _json_items(item)


def _page_title(soup: BeautifulSoup) -> str | None:
    tag = soup.find("title")
    if not isinstance(tag, Tag):
        return None
    text = _clean(tag.get_text(" "))
    if not text:
        return None
    parts = _TITLE_SPLIT.split(text)
    return max(parts, key=len) if len(parts) > 1 else text


def _date(soup: BeautifulSoup, meta: dict[str, str], json_ld: dict[str, Any]) -> tuple[Any, str]:
    for key in DATE_META:
        if key in meta:
            found = parse_date(meta[key])
            if found is not None:
                return found, f"meta {key}"
    value = json_ld.get("datePublished")
    if isinstance(value, str):
        found = parse_date(value)
        if found is not None:
            return found, "JSON-LD datePublished"
    for tag in soup.find_all("time"):
        stamp = tag.get("datetime")
        if isinstance(stamp, str):
            found = parse_date(stamp)
            if found is not None:
                return found, "time element"
    return None, ""


def _drop_never_text(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | ProcessingInstruction | Declaration | Doctype)):
        node.extract()
    for tag in soup.find_all(NEVER_TEXT):
        if not _gone(tag):
            tag.decompose()
    for tag in soup.find_all("form"):
        if not _gone(tag) and tag.find(["article", "main"]) is None and len(tag.find_all("p")) < 3:
            tag.decompose()


def _is_furniture(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    if tag.name in FURNITURE_TAGS:
        return True
    role = tag.get("role")
    if isinstance(role, str) and role.lower() in FURNITURE_ROLES:
        return True
    if tag.name == "header":
        return tag.find_parent("article") is None
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    names = " ".join(_attr_words(tag))
    return bool(names) and _FURNITURE_NAMES.search(names) is not None and _CONTENT_NAMES.search(names) is None


def _attr_words(tag: Tag) -> list[str]:
    words: list[str] = []
    classes = tag.get("class")
    if isinstance(classes, list):
        words.extend(str(c) for c in classes)
    elif isinstance(classes, str):
        words.append(classes)
    ident = tag.get("id")
    if isinstance(ident, str):
        words.append(ident)
    return words


def _drop_furniture(body: Tag | BeautifulSoup) -> None:
    total = len(body.get_text(" ", strip=True)) or 1
    for tag in body.find_all(True):
        if _gone(tag) or not _is_furniture(tag):
            continue
        if tag.find(["article", "main"]) is not None:
            continue
        if len(tag.get_text(" ", strip=True)) > 0.5 * total and len(tag.find_all("p")) >= 3:
            continue  # a wrapper mis-named after furniture: keep the content
        tag.decompose()


def _text_len(tag: Tag) -> int:
    text = len(tag.get_text(" ", strip=True))
    links = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
    return text - links


def _main_node(body: Tag | BeautifulSoup) -> Tag | BeautifulSoup:
    candidates: list[Tag] = [t for t in body.find_all(["article", "main"]) if isinstance(t, Tag)]
    candidates += [t for t in body.find_all(True, role="main") if isinstance(t, Tag)]
    candidates += [t for t in body.find_all(True, itemprop="articleBody") if isinstance(t, Tag)]
    candidates += [t for t in body.find_all(class_=_CONTENT_NAMES) if isinstance(t, Tag)]
    candidates += [t for t in body.find_all(id=_CONTENT_NAMES) if isinstance(t, Tag)]
    total = _text_len(body) if isinstance(body, Tag) else len(body.get_text(" ", strip=True))
    if candidates:
        best = max(candidates, key=_text_len)
        if _text_len(best) >= 0.2 * total:
            return best
    scores: dict[int, tuple[float, Tag]] = {}
    for p in body.find_all("p"):
        length = len(p.get_text(" ", strip=True))
        if length < 25:
            continue
        for weight, parent in ((1.0, p.parent), (0.5, p.parent.parent if p.parent else None)):
            if isinstance(parent, Tag):
                score, _ = scores.get(id(parent), (0.0, parent))
                scores[id(parent)] = (score + weight * length, parent)
    if not scores:
        return body
    return max(scores.values(), key=lambda item: item[0])[1]


def _inside(tag: Tag, container: Tag | BeautifulSoup) -> bool:
    return tag is container or any(parent is container for parent in tag.parents)


class _TextBuilder:
    """Collects block texts and their source anchors in document order."""

    def __init__(self, source: str, cursor: int) -> None:
        self.source = source
        self.cursor = cursor
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.current_len = 0
        self.out_len = 0
        self.omap = OffsetMap()
        self._pending: list[tuple[int, int]] = []

    def walk(self, node: Tag | BeautifulSoup) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment | ProcessingInstruction | Declaration | Doctype):
                    self.add_text(str(child))
            elif isinstance(child, Tag):
                name = child.name
                if name == "br":
                    self.add_text("\n", anchor=False)
                elif name in BLOCK_TAGS:
                    self.flush()
                    self.walk(child)
                    self.flush()
                elif name in CELL_TAGS:
                    self.add_text(" ", anchor=False)
                    self.walk(child)
                    self.add_text(" ", anchor=False)
                else:
                    self.walk(child)

    def add_text(self, text: str, *, anchor: bool = True) -> None:
        if not text:
            return
        if anchor:
            text = _WS.sub(" ", text)
            stripped = text.lstrip()
            if stripped:
                probe = _ENTITY_PRONE.split(stripped[:40], 1)[0]
                pos = self.source.find(probe, self.cursor) if probe else -1
                if pos >= 0:
                    offset_in_block = self.current_len + (len(text) - len(stripped))
                    self._pending.append((offset_in_block, pos))
                    self.cursor = pos + len(probe)
        self.current.append(text)
        self.current_len += len(text)

    def flush(self) -> None:
        block = "".join(self.current)
        pending = self._pending
        self.current, self.current_len, self._pending = [], 0, []
        if not block.strip():
            return
        start = self.out_len + (2 if self.blocks else 0)
        for offset, src in pending:
            self.omap.add(start + offset, src)
        self.blocks.append(block)
        self.out_len = start + len(block)

    def text(self) -> str:
        return "\n\n".join(self.blocks)
