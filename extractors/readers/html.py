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
   comment section, newsletter box, related-links list or advert; and
   the publisher's own furniture (:mod:`extractors.readers.sites`);
4. choose the main node: the largest ``<article>``/``<main>``/``[role=main]``
   /``[itemprop=articleBody]`` candidate, else the element whose ``<p>``
   children hold the most text;
5. walk it in document order: block elements (``p``, ``li``, ``h1``-``h6``,
   ``blockquote``, table rows ...) become paragraphs separated by a blank line;
   ``<br>`` is a line break; the title ``<h1>`` is put first when it lies
   outside the main node (an ``<h1>`` in the page furniture, such as a site
   logo, is neither the title nor text).

Script and style contents never reach the text; markup written as visible
text (``&lt;script&gt;``) stays as characters. The text built here (entities
decoded, blocks separated by blank lines) is the document's text as read:
Mention spans are offsets into it, not into the markup.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from extractors.metadata import parse_date
from extractors.readers.base import RawText
from extractors.readers.detect import declared_charset, decode
from extractors.readers.sites import site_for
from graph.errors import ExtractionError

if TYPE_CHECKING:
    from extractors.rules.patterns import RuleFile


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


@functools.cache
def _html_rules() -> RuleFile:
    # imported here: the rule files live in the rules package, which imports the readers' modules
    from extractors.rules.patterns import load_rules

    return load_rules("html")


FURNITURE_TAGS = frozenset(_html_rules().word_list("furniture_tags"))
"""Elements that are page furniture by their tag (``extractors/data/rules/html.yaml``)."""
FURNITURE_ROLES = frozenset(_html_rules().word_list("furniture_roles"))
_FURNITURE_NAMES = _html_rules().regex("furniture_names")
_CONTENT_NAMES = _html_rules().regex("content_names")
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
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014>\u00bb-]\s+|\s+::\s+")


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters an XML (and so lxml) text node cannot hold: C0 controls but tab, LF and CR; surrogates."""


def read_html(data: bytes, *, encoding: str | None = None, url: str | None = None) -> RawText:
    """Read an HTML page (see the module notes).

    ``url`` is where the page was fetched from; with its canonical link or
    ``og:url`` it selects the publisher's rules (:mod:`extractors.readers.sites`).

    Raises:
        ExtractionError: the encoding cannot be determined with confidence,
            or the markup cannot be parsed at all.
    """
    decoded = decode(data, declared=declared_charset(data), encoding=encoding)
    # lxml refuses to set text holding characters XML forbids (it raises ValueError midway):
    # each becomes a space, one for one, so offsets into ``source`` stay those of the page
    source, used = _XML_FORBIDDEN.sub(" ", decoded.text), decoded.encoding
    root = _parse(source)
    meta = _meta(root)
    headings = [h for h in root.iter("h1") if _clean(h.text_content())]
    json_ld = _json_ld(root)
    raw = RawText(text="", media_type="text/html", encoding=used, metadata={"encoding_source": decoded.how})
    raw.date, date_source = _date(root, meta, json_ld)
    if date_source:
        raw.metadata["date_source"] = date_source
    canonical = next((link for link in root.iter("link") if (link.get("rel") or "").lower() == "canonical"), None)
    raw.source = (canonical.get("href") if canonical is not None else None) or meta.get("og:url")
    for key, name in (("og:site_name", "site_name"), ("author", "author"), ("og:type", "og_type")):
        if meta.get(key):
            raw.metadata[name] = meta[key]
    lang = root.get("lang")
    if lang:
        raw.metadata["lang"] = lang
    raw.article = meta.get("og:type", "").lower() == "article" or "article" in str(json_ld.get("@type", "")).lower()

    _drop_never_text(root)
    body = next(root.iter("body"), root)
    site = site_for(url or raw.source)
    if site is not None:
        raw.metadata["site"] = site.name
        site.clean(body)
    _drop_furniture(body)
    main = site.main_node(body) if site is not None else None
    main = main if main is not None else _main_node(body)
    raw.article = raw.article or main.tag == "article"
    # The title heading: an <h1> of the main text, else one that survived the furniture
    # (a site logo in a page header is gone by now), else the page's metadata.
    kept = [h for h in headings if _attached(h, root)]
    title_h1 = next((h for h in kept if _inside(h, main)), kept[0] if kept else None)
    h1_text = _clean(title_h1.text_content()) if title_h1 is not None else ""
    raw.title = h1_text or meta.get("og:title") or _str(json_ld.get("headline")) or _page_title(root)
    builder = _TextBuilder()
    if title_h1 is not None and not _inside(title_h1, main):
        builder.walk(title_h1)
        builder.flush()
    builder.walk(main)
    builder.flush()
    raw.text = builder.text()
    return raw


def _parse(source: str) -> HtmlElement:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(source.encode("utf-8", errors="surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError) as e:
        msg = f"unreadable HTML: {e}"
        raise ExtractionError(msg) from e
    if not isinstance(root, HtmlElement):
        msg = "unreadable HTML: no document element"
        raise ExtractionError(msg)
    return root


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _elements(node: HtmlElement, *tags: str) -> list[HtmlElement]:
    """Descendant elements (not comments), optionally of the given tags."""
    return [el for el in (node.iter(*tags) if tags else node.iter()) if isinstance(el.tag, str)]


def _meta(root: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        content = tag.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld(root: HtmlElement) -> dict[str, Any]:
    for tag in root.iter("script"):
        if (tag.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(tag.text or "")
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


def _page_title(root: HtmlElement) -> str | None:
    tag = next(root.iter("title"), None)
    if tag is None:
        return None
    text = _clean(tag.text_content())
    if not text:
        return None
    parts = _TITLE_SPLIT.split(text)
    return max(parts, key=len) if len(parts) > 1 else text


def _date(root: HtmlElement, meta: dict[str, str], json_ld: dict[str, Any]) -> tuple[Any, str]:
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
    for tag in root.iter("time"):
        stamp = tag.get("datetime")
        if stamp:
            found = parse_date(stamp)
            if found is not None:
                return found, "time element"
    return None, ""


def _drop(el: HtmlElement) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    if el.getparent() is not None:
        el.drop_tree()


def _attached(el: HtmlElement, root: HtmlElement) -> bool:
    """True while ``el`` is still in the tree under ``root``."""
    return el is root or any(parent is root for parent in el.iterancestors())


def _drop_never_text(root: HtmlElement) -> None:
    for tag in _elements(root, *NEVER_TEXT):
        _drop(tag)
    for tag in _elements(root, "form"):
        if _attached(tag, root) and next(tag.iter("article", "main"), None) is None and len(_elements(tag, "p")) < 3:
            _drop(tag)


def _is_furniture(tag: HtmlElement) -> bool:
    name = tag.tag
    if name in ("html", "body", "main", "article"):
        return False
    if name in FURNITURE_TAGS:
        return True
    role = tag.get("role")
    if role and role.lower() in FURNITURE_ROLES:
        return True
    if name == "header":
        return next(tag.iterancestors("article"), None) is None
    if tag.get("aria-hidden") == "true" or tag.get("hidden") is not None:
        return True
    names = _names(tag)
    return bool(names) and _FURNITURE_NAMES.search(names) is not None and _CONTENT_NAMES.search(names) is None


def _names(tag: HtmlElement) -> str:
    """The element's class and id, space-separated."""
    return " ".join(filter(None, (tag.get("class"), tag.get("id"))))


def _text_of(tag: HtmlElement) -> str:
    return _clean(tag.text_content())


def _drop_furniture(body: HtmlElement) -> None:
    total = len(_text_of(body)) or 1
    for tag in _elements(body):
        if tag is body or not _is_furniture(tag) or not _attached(tag, body):
            continue
        if next(tag.iter("article", "main"), None) is not None:
            continue
        if len(_text_of(tag)) > 0.5 * total and len(_elements(tag, "p")) >= 3:
            continue  # a wrapper mis-named after furniture: keep the content
        _drop(tag)


def _text_len(tag: HtmlElement) -> int:
    links = sum(len(_text_of(a)) for a in tag.iter("a"))
    return len(_text_of(tag)) - links


def _main_node(body: HtmlElement) -> HtmlElement:
    candidates = _elements(body, "article", "main")
    for tag in _elements(body):
        if (
            tag.get("role") == "main"
            or tag.get("itemprop") == "articleBody"
            or _CONTENT_NAMES.search(" ".join(filter(None, (tag.get("class"), tag.get("id")))))
        ):
            candidates.append(tag)
    total = _text_len(body)
    if candidates:
        best = max(candidates, key=_text_len)
        if _text_len(best) >= 0.2 * total:
            return best
    scores: dict[int, tuple[float, HtmlElement]] = {}
    for p in body.iter("p"):
        length = len(_text_of(p))
        if length < 25:
            continue
        parent = p.getparent()
        grandparent = parent.getparent() if parent is not None else None
        for weight, holder in ((1.0, parent), (0.5, grandparent)):
            if holder is not None:
                score, _ = scores.get(id(holder), (0.0, holder))
                scores[id(holder)] = (score + weight * length, holder)
    if not scores:
        return body
    return max(scores.values(), key=lambda item: item[0])[1]


def _inside(tag: HtmlElement, container: HtmlElement) -> bool:
    return tag is container or any(parent is container for parent in tag.iterancestors())


class _TextBuilder:
    """Collects block texts in document order."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.current: list[str] = []

    def walk(self, node: HtmlElement) -> None:
        if node.text:
            self.add_text(node.text)
        for child in node:
            if isinstance(child.tag, str):
                name = child.tag
                if name == "br":
                    self.current.append("\n")
                elif name in BLOCK_TAGS:
                    self.flush()
                    self.walk(child)
                    self.flush()
                elif name in CELL_TAGS:
                    self.current.append(" ")
                    self.walk(child)
                    self.current.append(" ")
                else:
                    self.walk(child)
            if child.tail:
                self.add_text(child.tail)

    def add_text(self, text: str) -> None:
        self.current.append(_WS.sub(" ", text))

    def flush(self) -> None:
        block = "".join(self.current)
        self.current = []
        if block.strip():
            self.blocks.append(block)

    def text(self) -> str:
        return "\n\n".join(self.blocks)
