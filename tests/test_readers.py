"""Readers: encodings, normalisation with offsets, HTML main text, PDF text layers, metadata."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from extractors.metadata import infer_date, infer_kind
from extractors.readers import read_bytes, read_document
from extractors.readers.detect import Format, decode_bytes, sniff_format
from extractors.readers.normalize import normalise
from graph.errors import ExtractionError

# -- helpers -----------------------------------------------------------------


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one text line per entry (fpdf2 wraps long lines)."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- plain text and encodings ----------------------------------------------------


def test_normalise_rules_and_offsets() -> None:
    raw = (
        "  Title\r\n\r\n\r\n1.\tThe  Minister\u00a0said \u201cironclad\u201d\u200b.\x07 Cafe\u0301 \u2014 ok  \r\nnext"
    )
    text, omap = normalise(raw)
    assert text == 'Title\n\n1. The Minister said "ironclad". Café \u2014 ok\nnext'
    for word in ("Title", "Minister", "ironclad", "ok", "next"):
        i = text.index(word)
        assert raw[omap.to_source(i) : omap.to_source(i) + len(word)] == word
    cafe = text.index("Café")
    assert raw[omap.to_source(cafe) : omap.to_source(cafe) + 4] == "Cafe"


def test_text_document_fields(tmp_path: Path) -> None:
    path = tmp_path / "scm.txt"
    path.write_text(
        "JOINT COMMUNIQUE\nThe 49th ROK-U.S. Security Consultative Meeting\nSeoul, October 28, 2017\n\n"
        "1. The Minister and the Secretary met.\n\n2. They reaffirmed the alliance.\n\n3. They agreed.\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.kind == "communique"
    assert doc.date == dt.date(2017, 10, 28)
    assert doc.title == "JOINT COMMUNIQUE: The 49th ROK-U.S. Security Consultative Meeting"
    assert doc.encoding == "utf-8"
    assert doc.media_type == "text/plain"
    assert doc.path == str(path) and doc.source == str(path)
    assert [p.number for p in doc.paragraphs if p.numbered] == [1, 2, 3]
    assert len(doc.sha256) == 64
    assert doc.metadata["reader"] == "text/plain"
    assert doc.paragraph_at(doc.text.index("reaffirmed")).number == 2


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        pytest.param("\ufeffAllies agree. Café.".encode(), "utf-8", id="utf8-bom"),
        pytest.param("Allies agree. Café.".encode("utf-16"), "utf-16-le", id="utf16-bom"),
        pytest.param("Allies agree. Café.".encode("utf-16-be"), "utf-16-be", id="utf16be-no-bom"),
        pytest.param("Allies agree. Café.".encode(), "utf-8", id="utf8"),
    ],
)
def test_unicode_encodings(encoded: bytes, encoding: str) -> None:
    doc = read_bytes(encoded, suffix=".txt")
    assert doc.text == "Allies agree. Café."
    assert doc.encoding == encoding


def test_legacy_encoding_is_detected_and_recorded() -> None:
    text = "The Minister said \u201cthe alliance is ironclad\u201d \u2014 and the Secretary\u2019s team agreed. " * 20
    doc = read_bytes(text.encode("cp1252"), suffix=".txt")
    assert doc.encoding == "cp1252"
    assert doc.metadata["encoding_source"].startswith("detected: windows-1252 preferred over")
    assert '"the alliance is ironclad" \u2014' in doc.text
    korean = "서울에서 제49차 한미안보협의회의가 열렸다. 양국 국방장관은 확장억제 공약을 재확인하였다. " * 10
    doc = read_bytes(korean.encode("euc-kr"), suffix=".txt")
    assert doc.encoding == "cp949"
    assert doc.metadata["encoding_source"] == "detected"
    assert doc.text.startswith("서울에서 제49차")


def test_undetectable_encoding_names_guesses() -> None:
    with pytest.raises(ExtractionError, match="not detected with confidence.*best guesses"):
        decode_bytes("Привет мир".encode("koi8_r"))


def test_invalid_utf8_is_an_error_with_position() -> None:
    data = "Allies agreed on ‘ironclad’ deterrence. ".encode() * 3 + b"\xff\xfe\xc3(" + b" more text"
    with pytest.raises(ExtractionError, match=r"invalid UTF-8 at byte \d+"):
        read_bytes(data, suffix=".txt")


def test_explicit_encoding_overrides_detection() -> None:
    doc = read_bytes("Привет мир".encode("koi8_r"), suffix=".txt", encoding="koi8_r")
    assert doc.text == "Привет мир"
    assert doc.encoding == "koi8-r"


def test_sniffing() -> None:
    assert sniff_format(b"%PDF-1.4\n...", ".txt") is Format.PDF
    assert sniff_format(b"<!DOCTYPE html><html><body><p>x</p>", ".txt") is Format.HTML
    assert sniff_format(b"<p>Just a fragment</p>", ".html") is Format.HTML
    assert sniff_format(b"Plain words < and > signs", ".html") is Format.TEXT
    with pytest.raises(ExtractionError, match="binary file, not text/HTML/PDF"):
        sniff_format(b"PK\x03\x04\x14\x00 rest", ".txt")
    with pytest.raises(ExtractionError, match="corrupt PDF"):
        sniff_format(b"not a pdf at all", ".pdf")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(ExtractionError, match="file too large"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=10_000).text.startswith("word word")


def test_size_limit_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_000_000)
    monkeypatch.setenv("ALLIANCEKG_MAX_FILE_MB", "1")
    with pytest.raises(ExtractionError, match="ALLIANCEKG_MAX_FILE_MB"):
        read_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no such file"):
        read_document(tmp_path / "nope.txt")


# -- HTML --------------------------------------------------------------------

NEWS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Allies hold talks | Example Times</title>
<meta property="og:title" content="Allies hold talks after launch">
<meta property="article:published_time" content="2024-11-02T08:00:00+09:00">
<meta property="og:type" content="article">
<link rel="canonical" href="https://news.example.org/2024/11/02/talks">
<script>window.trackingSecret = "TRACKER-TEXT";</script>
<style>.x { content: "STYLE-TEXT"; }</style>
</head><body>
<header class="site-header"><nav><a href="/">Home</a><a href="/world">World</a></nav></header>
<div id="cookie-consent">We use cookies to improve the site. Accept all</div>
<div class="layout">
<article>
<h1>Allies hold talks after launch</h1>
<p class="byline">By Kim Min-ji</p>
<p>SEOUL, Nov. 2 -- Defense chiefs of South Korea and the United States met on Saturday,
a day after the launch.<br>They agreed on &ldquo;more drills&rdquo; &amp; closer planning.</p>
<div class="share-buttons"><a>Share on X</a> <a>Share by e-mail</a></div>
<p>Writing <code>&lt;script&gt;</code> in a paragraph is plain text here.</p>
<script>document.write("INLINE-SCRIPT-TEXT")</script>
<ul><li>First point of the deal.</li><li>Second point of the deal.</li></ul>
</article>
<aside class="related"><h3>Related stories</h3><p>Another story about something else.</p></aside>
</div>
<section id="comments"><h3>Comments</h3><form><textarea>Say something</textarea><button>Post</button></form>
<p>First comment: great article.</p></section>
<footer><p>Copyright Example Times. All rights reserved.</p></footer>
</body></html>
"""


def test_html_main_text_without_furniture() -> None:
    doc = read_bytes(NEWS_PAGE.encode(), suffix=".html")
    text = doc.text
    for furniture in (
        "Home",
        "cookies",
        "Share on X",
        "Related stories",
        "First comment",
        "Copyright",
        "TRACKER-TEXT",
        "STYLE-TEXT",
        "INLINE-SCRIPT-TEXT",
        "Say something",
        "Post",
    ):
        assert furniture not in text, furniture
    assert text.startswith("Allies hold talks after launch\n\nBy Kim Min-ji\n\nSEOUL, Nov. 2 -- Defense chiefs")
    assert 'They agreed on "more drills" & closer planning.' in text
    assert "Writing <script> in a paragraph is plain text here." in text
    assert "First point of the deal.\n\nSecond point of the deal." in text
    assert doc.title == "Allies hold talks after launch"
    assert doc.date == dt.date(2024, 11, 2)
    assert doc.kind == "news"
    assert doc.media_type == "text/html"
    assert doc.source == "https://news.example.org/2024/11/02/talks"
    assert doc.metadata["date_source"] == "meta article:published_time"


def test_html_offsets_point_into_the_extracted_text() -> None:
    doc = read_bytes(NEWS_PAGE.encode(), suffix=".html")
    source = doc.original
    assert source.startswith("Allies hold talks after launch\n\nBy Kim Min-ji")
    assert "<" not in source.split("Writing", 1)[0]
    for phrase in ("SEOUL, Nov. 2", "Defense chiefs", "First point", "Second point of the deal", "By Kim"):
        i = doc.text.index(phrase)
        start, end = doc.source_span(i, i + len(phrase))
        assert source[start:end] == phrase, phrase


def test_html_declared_charset_and_densest_block() -> None:
    body = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
        "<title>Statement</title></head><body>"
        "<div class='menu'><a href='/a'>About</a> <a href='/b'>Contact</a></div>"
        "<div class='c'><p>The Minister\u2019s remarks were brief and to the point today.</p>"
        "<p>Both sides agreed to meet again next year in Washington.</p></div>"
        "<div><p>Small print.</p></div></body></html>"
    ).encode("cp1252")
    doc = read_bytes(body, suffix=".htm")
    assert doc.encoding == "cp1252"
    assert doc.text.startswith("The Minister's remarks were brief")
    assert "About" not in doc.text and "Small print" not in doc.text


def test_html_dates_from_time_element_and_json_ld() -> None:
    page = (
        '<html><body><main><h1>Talks</h1><time datetime="2023-04-14">April 14</time>'
        "<p>North Korea launched a missile, officials said in a statement.</p></main></body></html>"
    )
    assert read_bytes(page.encode(), suffix=".html").date == dt.date(2023, 4, 14)
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Drills", '
        '"datePublished": "2017-09-04T10:00:00Z"}</script></head><body><p>Drills were held.</p></body></html>'
    )
    doc = read_bytes(page.encode(), suffix=".html")
    assert doc.date == dt.date(2017, 9, 4)
    assert doc.title == "Drills"
    assert "datePublished" not in doc.text


def test_html_script_heavy_page_keeps_no_script_text() -> None:
    scripts = "".join(f"<script>var s{i} = 'SCRIPT{i}';</script>" for i in range(200))
    page = f"<html><head>{scripts}</head><body>{scripts}<p>Only this sentence is text.</p>{scripts}</body></html>"
    doc = read_bytes(page.encode(), suffix=".html")
    assert doc.text == "Only this sentence is text."


# -- PDF ---------------------------------------------------------------------


def _study_pages() -> list[list[str]]:
    long_para = (
        "This study examines how the alliance answered crises. The communiques of the Security Consultative "
        "Meeting show a steady shift from general assurances toward institutional commitments that are "
        "monitored by standing consultative bodies and reviewed each year."
    )
    return [
        [
            "Abstract",
            long_para,
            "The first section reviews the record of the early meetings and their cooper-",
            "ation with the United Nations Command.",
        ],
        [
            "Second page text begins here and discusses the nuclear question in some detail for the reader.",
            "References",
            "Doe, J. et al. (2020). Alliance politics. University Press.",
        ],
    ]


def test_pdf_pages_dehyphenation_and_metadata() -> None:
    data = make_pdf(_study_pages(), title="Crisis and Commitment")
    doc = read_bytes(data, suffix=".pdf")
    assert doc.media_type == "application/pdf"
    assert doc.encoding is None
    assert doc.title == "Crisis and Commitment"
    assert doc.kind == "study"
    assert "cooperation with the United Nations Command." in doc.text
    assert len(doc.pages) == 2
    second = doc.text.index("Second page text")
    assert doc.page_at(second) == 2
    assert doc.page_at(doc.text.index("Abstract")) == 1
    para = doc.paragraph_at(second)
    assert para is not None and para.page == 2
    assert doc.metadata["page_count"] == "2"
    wrapped = doc.text.index("reviewed each year.")
    assert doc.paragraph_at(wrapped) == doc.paragraph_at(doc.text.index("This study examines"))


def test_pdf_drops_running_headers_and_page_numbers() -> None:
    pages = [
        [
            "ALLIANCE REVIEW 2024",
            f"Body text of page {n} talks about topic number {n} at some length here.",
            f"A second paragraph on page {n} has some more words in it for the reader.",
            str(n),
        ]
        for n in range(1, 5)
    ]
    doc = read_bytes(make_pdf(pages), suffix=".pdf")
    assert "ALLIANCE REVIEW" not in doc.text
    assert doc.text.count("Body text of page") == 4
    assert "\n\n4" not in doc.text


def test_encrypted_pdf_needs_password() -> None:
    data = encrypt_pdf(make_pdf(_study_pages()), "secret")
    with pytest.raises(ExtractionError, match="encrypted PDF: a password is needed"):
        read_bytes(data, suffix=".pdf")


def test_pdf_encrypted_with_empty_user_password_opens() -> None:
    data = encrypt_pdf(make_pdf(_study_pages()), "")
    assert "This study examines" in read_bytes(data, suffix=".pdf").text


def test_pdf_without_text_layer() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    with pytest.raises(ExtractionError, match=r"no text layer \(scanned\?\)"):
        read_bytes(bytes(pdf.output()), suffix=".pdf")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 20, id="garbage"),
        pytest.param(
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< >>\n%%EOF", id="no-pages"
        ),
    ],
)
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(ExtractionError, match="corrupt PDF|no text layer"):
        read_bytes(data, suffix=".pdf")


def test_truncated_pdf() -> None:
    data = make_pdf(_study_pages())
    with pytest.raises(ExtractionError, match="corrupt PDF|no text layer"):
        read_bytes(data[: len(data) // 3], suffix=".pdf")


# -- metadata ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("SEOUL, Oct. 30 (Yonhap) -- The 2024 talks ended.", dt.date(2024, 10, 30), id="dateline"),
        pytest.param("Joint Statement\nWashington, 28 May 1968\n\nText.", dt.date(1968, 5, 28), id="dmy"),
        pytest.param("Statement\n2022-11-03\n\nText.", dt.date(2022, 11, 3), id="iso"),
        pytest.param("보도자료 2017. 10. 28.\n\nText.", dt.date(2017, 10, 28), id="dotted"),
        pytest.param("A study\nMarch 2023\n\nText.", dt.date(2023, 3, 1), id="month-year"),
        pytest.param("No date at all here.", None, id="none"),
    ],
)
def test_infer_date(text: str, expected: dt.date | None) -> None:
    assert infer_date(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Joint Communiqué\nThe 55th SCM\n\n1. The Minister...", "communique", id="communique"),
        pytest.param("Joint Statement on the Alliance\n\nThe leaders met.", "joint_statement", id="joint-statement"),
        pytest.param("Leaders' Statement\n\nThe two leaders met.", "joint_statement", id="leaders"),
        pytest.param("WASHINGTON, May 3 (AP) -- Officials said.", "news", id="dateline"),
        pytest.param("Title\n\nBy Jane Roe\n\nOfficials met.", "news", id="byline"),
        pytest.param("A Title\n\nAbstract\n\nThis paper argues x.\n\nReferences\n\nA. B.", "study", id="study"),
        pytest.param("Shopping list\n\nEggs.", "other", id="other"),
    ],
)
def test_infer_kind(text: str, kind: str) -> None:
    assert infer_kind(text, text.split("\n", 1)[0])[0] == kind


def test_pdf_offsets_point_into_the_text_layer() -> None:
    data = make_pdf(_study_pages())
    doc = read_bytes(data, suffix=".pdf")
    pdf = pdfium.PdfDocument(data)
    layer = "\f".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert doc.original == layer
    for phrase in ("Abstract", "This study examines", "Second page text", "References", "Doe, J."):
        i = doc.text.index(phrase)
        start, end = doc.source_span(i, i + len(phrase))
        assert layer[start:end] == phrase, phrase
    at = doc.text.index("cooperation")
    start, end = doc.source_span(at, at + len("cooperation"))
    assert layer[start:end] == "cooper\ufffeation"  # PDFium's mark of a hyphenated word


def test_bad_size_limit_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.", encoding="utf-8")
    monkeypatch.setenv("ALLIANCEKG_MAX_FILE_MB", "lots")
    with pytest.raises(ExtractionError, match="ALLIANCEKG_MAX_FILE_MB='lots' is not a number"):
        read_document(path)


def test_html_portal_page_without_article_element() -> None:
    page = (
        "<html><head><title>Joint Communique of the 50th SCM &gt; Press Releases &gt; Ministry</title></head>"
        '<body><div id="gnb"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></div>'
        '<div class="location">Home &gt; News &gt; Press Releases</div>'
        '<div id="lnb"><h2>News</h2><ul><li><a>Press Releases</a></li><li><a>Speeches</a></li></ul></div>'
        '<div id="contents"><div class="view_cont">'
        "<p>1. The 50th Security Consultative Meeting was held in Washington, D.C. on October 31, 2018.</p>"
        "<p>2. The Minister and the Secretary reaffirmed the commitment to the combined defense posture.</p>"
        "<p>3. The Secretary reaffirmed the U.S. commitment to provide extended deterrence.</p>"
        '</div></div><div id="footer"><p>Ministry of National Defense, Seoul. All rights reserved. Contact us for '
        "more information about this site.</p></div></body></html>"
    )
    doc = read_bytes(page.encode(), suffix=".html")
    assert doc.title == "Joint Communique of the 50th SCM"
    assert doc.text.startswith("1. The 50th Security Consultative Meeting")
    assert doc.text.endswith("extended deterrence.")
    assert [p.number for p in doc.paragraphs if p.numbered] == [1, 2, 3]
    assert doc.date == dt.date(2018, 10, 31)
    assert doc.kind == "communique"


def test_html_site_logo_h1_is_not_the_title() -> None:
    page = (
        '<html><head><meta property="og:title" content="Allies meet in Seoul"></head><body>'
        '<header class="site-header"><h1 class="logo">Example Daily</h1><nav><a>Home</a></nav></header>'
        "<main><p>The defense chiefs of the two allies met in Seoul on Monday to review deterrence.</p>"
        "<p>They agreed to expand combined exercises next year, officials said.</p></main></body></html>"
    )
    doc = read_bytes(page.encode(), suffix=".html")
    assert doc.title == "Allies meet in Seoul"
    assert "Example Daily" not in doc.text
    assert doc.text.startswith("The defense chiefs")
