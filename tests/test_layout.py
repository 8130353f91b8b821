"""Layout repair: converted pages become the paragraphs the rules read, every span still a span of the source.

The documents under ``tests/data/layout/`` were written for these tests in the
shapes of public copies (a Defense White Paper appendix converted from PDF, a
flip-book saved as text, a news agency's full-text reprint); the meeting is
invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractors.document import OffsetMap
from extractors.readers import read_bytes, read_document
from extractors.readers.layout import line_breaks, ordinal_suffix, repair
from extractors.readers.normalize import normalise
from extractors.rules import extract_document
from graph.schema import Kind, Prop

DATA = Path(__file__).parent / "data" / "layout"


def _paragraphs(path: Path) -> list[str]:
    doc = read_document(path)
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


def test_wrapped_appendix_reads_as_numbered_paragraphs() -> None:
    doc = read_document(DATA / "wrapped-appendix.txt")
    paragraphs = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert paragraphs[0] == "Joint Communiqué of the 61st ROK–U.S. Security Consultative Meeting"
    assert paragraphs[1] == "Busan, November 4, 2029"
    assert [p.number for p in doc.paragraphs if p.numbered] == [1, 2, 3]
    first, second, third = paragraphs[2:5]
    # the suffix line below the number, the wrapped name, the suffix line above the next number
    assert first.startswith("1. The 61st Republic of Korea (ROK) and United States (U.S.) Security Consultative")
    assert "held in Busan on November 4, 2029." in first
    assert "U.S. Secretary of Defense John Q. Sample III led their respective delegations" in first
    assert "over the 54th ROK-U.S. Military Committee Meeting (MCM)." in first
    # the running header and page number inside the paragraph are gone; the sentence goes on
    assert "able to respond to any threat on the Korean Peninsula." in second
    assert "White Paper" not in doc.text and "418" not in doc.text and "Appendix" not in doc.text
    # a bracketed superscript, a control character after the number, a suffix after a space
    assert "the 60th SCM" in second
    assert third.startswith("3. The Secretary reaffirmed")
    assert "the 62nd SCM" in third
    # damaged capitals
    assert "the ROK-U.S. Alliance" in second
    assert "Minister of National Defense Han Min-su" in first
    assert doc.kind == "communique"
    assert doc.title == "Joint Communiqué of the 61st ROK–U.S. Security Consultative Meeting"
    assert doc.date == dt.date(2029, 11, 4)


def test_flipbook_pages_drop_markers_and_go_on_across_pages() -> None:
    paragraphs = _paragraphs(DATA / "flipbook-pages.txt")
    assert paragraphs[0] == "Joint Communiqué of the 61st ROK–US Security Consultative Meeting"
    assert paragraphs[1] == "Busan, November 4, 2029"
    assert len(paragraphs) == 5
    # a blank line inside the paragraph, after a hyphen that belongs to the word
    assert "close and future-oriented, in a way" in paragraphs[2]
    # the page markers between paragraph 2 and its last sentence
    assert paragraphs[3].startswith("2. The Secretary reaffirmed")
    assert paragraphs[3].endswith("in close consultation on environmental matters.")
    assert not any("Defence White Paper" in p or p.startswith("P. ") for p in paragraphs)


def test_reprint_is_the_communique_it_carries() -> None:
    doc = read_document(DATA / "reprint.txt")
    assert doc.kind == "communique"
    assert doc.metadata["kind_cue"] == "reprint of a communique"
    assert doc.title == "Full text of joint communique of 61st S. Korea-U.S. Security Consultative Meeting"
    assert doc.date == dt.date(2029, 11, 4)  # the dateline, not the page's time stamp of the next day
    assert [p.number for p in doc.paragraphs if p.numbered] == [1, 2]


@pytest.mark.parametrize("name", ["wrapped-appendix.txt", "flipbook-pages.txt", "reprint.txt"])
def test_every_mention_is_the_source_text_at_its_span(name: str) -> None:
    path = DATA / name
    source = path.read_text(encoding="utf-8")
    doc = read_document(path)
    assert doc.original == source
    graph = extract_document(doc)
    mentions = [n for n in graph.nodes if n.kind == Kind.MENTION]
    assert mentions
    for m in mentions:
        start, end = m.props[Prop.CHAR_START.value], m.props[Prop.CHAR_END.value]
        assert m.props[Prop.TEXT.value] == source[start:end]


def test_a_name_wrapped_across_lines_is_one_mention_spanning_the_line_break() -> None:
    path = DATA / "wrapped-appendix.txt"
    doc = read_document(path)
    at = doc.text.index("John Q. Sample III")
    start, end = doc.source_span(at, at + len("John Q. Sample III"))
    assert doc.original[start:end] == "John Q. Sample\nIII"


def test_a_span_across_dropped_furniture_keeps_it_and_one_beside_it_does_not() -> None:
    doc = read_document(DATA / "wrapped-appendix.txt")
    phrase = "any threat on the Korean Peninsula"
    at = doc.text.index(phrase)
    start, end = doc.source_span(at, at + len(phrase))
    assert doc.original[start:end] == "any threat\n\n2029 Defense White Paper\n\n418\non the Korean Peninsula"
    at = doc.text.index("any threat")
    start, end = doc.source_span(at, at + len("any threat"))
    assert doc.original[start:end] == "any threat"
    at = doc.text.index("on the Korean Peninsula")
    start, end = doc.source_span(at, at + 2)
    assert doc.original[start:end] == "on"


def test_an_ordinal_whose_suffix_moved_maps_to_the_number() -> None:
    doc = read_document(DATA / "wrapped-appendix.txt")
    at = doc.text.index("54th ROK-U.S.")
    start, end = doc.source_span(at, at + len("54th ROK-U.S."))
    assert doc.original[start:end] == "54 ROK-U.S."


def test_curly_quotes_stay_curly_in_the_evidence() -> None:
    text = "1. The Secretary reaffirmed the \u201cironclad\u201d U.S. commitment to provide extended deterrence.\n"
    doc = read_bytes(text.encode(), suffix=".txt")
    assert '"ironclad"' in doc.text
    graph = extract_document(doc)
    texts = [n.props[Prop.TEXT.value] for n in graph.nodes if n.kind == Kind.MENTION]
    assert any("\u201cironclad\u201d" in t for t in texts)


def test_paged_text_gives_pages_to_paragraphs() -> None:
    text = "First page, first paragraph.\n\nSecond paragraph.\fThird paragraph, page two.\f\fOn page four."
    doc = read_bytes(text.encode(), suffix=".txt")
    assert [doc.page_at(doc.text.index(w)) for w in ("First", "Second", "Third", "On page")] == [1, 1, 2, 4]
    assert [p.page for p in doc.paragraphs] == [1, 1, 2, 4]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            [
                "1. The Minister and the Secretary reviewed the security situation on the Korean Peninsula and agreed",
                "that the alliance remains strong. They also discussed the transition of wartime operational control,",
                "agreed to continue the work.",
                "2. The two sides pledged to keep the combined defense posture strong and ready to meet provocations,",
                "and to deepen cooperation in space, cyberspace and defense industry.",
            ],
            [False, False, True, False],
            id="wide-wrapped-lines",
        ),
        pytest.param(
            ["Joint Communique of the 51st ROK-US", "Security Consultative Meeting", "Seoul, November 15, 2019"],
            [False, True],
            id="heading-goes-on-with-the-meeting-name",
        ),
        pytest.param(
            ["Joint Communique of the", "49th ROK-U.S. Security Consultative Meeting"],
            [False],
            id="heading-ends-with-a-connector",
        ),
    ],
)
def test_the_paragraph_rule(lines: list[str], expected: list[bool]) -> None:
    assert line_breaks(lines) == expected


def test_suffix_agrees_with_its_number() -> None:
    assert [ordinal_suffix(n) for n in (1, 2, 3, 11, 12, 13, 21, 22, 23, 42, 61, 111)] == [
        "st",
        "nd",
        "rd",
        "th",
        "th",
        "th",
        "st",
        "nd",
        "rd",
        "nd",
        "st",
        "th",
    ]
    view = repair("The 62 th SCM and the 62 nd SCM and the 3 rd meeting.").text
    assert view == "The 62 th SCM and the 62nd SCM and the 3rd meeting."


def test_offset_map_segments() -> None:
    # "ab" copied, "  " -> " " (a replacement), "cd" copied, "XYZ" dropped, "ef" copied
    omap = OffsetMap()
    omap.replace(2, 2, 1, 2)  # view [2,3) <- source [2,4)
    omap.replace(5, 6, 0, 3)  # view [5,5) <- source [6,9)
    source = "ab  cdXYZef"
    view = "ab cdef"
    assert omap.span(0, 2) == (0, 2)
    assert omap.span(3, 5) == (4, 6)  # "cd" without the dropped "XYZ" after it
    assert omap.span(5, 7) == (9, 11)  # "ef" without the dropped "XYZ" before it
    assert omap.span(3, 7) == (4, 11)  # across the drop: it is kept
    assert source[slice(*omap.span(0, len(view)))] == source
    assert omap.from_source(9) == 5 and omap.to_source(5) == 9
    chained = OffsetMap([0, 1], [0, 2]).chained(omap)  # a further view that dropped its first character
    assert chained.span(0, 1) == omap.span(1, 2) or chained.span(1, 2) == omap.span(2, 3)


def test_normalised_text_maps_every_span_back() -> None:
    raw = "  1.\x07The\u00a0\u00a0Minister\r\nsaid \u201cyes\u201d.\r\n\r\n\r\n2. Cafe\u0301 ok  "
    text, omap = normalise(raw)
    assert text == '1. The Minister\nsaid "yes".\n\n2. Café ok'
    for word, original in (("Minister", "Minister"), ('"yes"', "\u201cyes\u201d"), ("Café", "Cafe\u0301")):
        at = text.index(word)
        start, end = omap.span(at, at + len(word))
        assert raw[start:end] == original


@pytest.mark.parametrize(
    "chrome",
    [
        "Skip to main content",
        "An official website of the United States government",
        "Here's how you know",
        "Home : Media : Newsroom : News",
        "From",
        "UNCLASSIFIED",
        "Appendix 15",
        "NEWS | Nov. 1, 2029",
        "October 28, 2029",
    ],
)
def test_chrome_is_never_the_title(chrome: str) -> None:
    text = f"{chrome}\n\nJoint Communique of the 61st ROK-U.S. Security Consultative Meeting\n\n1. The Minister met."
    doc = read_bytes(text.encode(), suffix=".txt")
    assert doc.title == "Joint Communique of the 61st ROK-U.S. Security Consultative Meeting"


def test_a_chrome_title_hint_gives_way_to_the_text() -> None:
    page = (
        "<html><head><title>From</title></head><body><main>"
        "<h2>Joint Statement on the Alliance</h2><p>The two leaders met in Seoul and agreed to deepen the alliance.</p>"
        "</main></body></html>"
    )
    doc = read_bytes(page.encode(), suffix=".html")
    assert doc.title == "Joint Statement on the Alliance"
    assert doc.kind == "joint_statement"


def test_a_suffix_opening_the_next_line_joins_its_number() -> None:
    text = "1. The 47\nth Republic of Korea-United States Security Consultative Meeting was held in Seoul.\n"
    doc = read_bytes(text.encode(), suffix=".txt")
    assert doc.text == "1. The 47th Republic of Korea-United States Security Consultative Meeting was held in Seoul."
    at = doc.text.index("47th")
    assert doc.original[slice(*doc.source_span(at, at + len("47th Republic")))] == "47\nth Republic"


def test_a_text_in_capitals_is_read_in_ordinary_case_with_its_offsets() -> None:
    text = (
        "UNCLASSIFIED\n\nSUBJECT: SIXTY-FIRST ROK-US SECURITY CONSULTATIVE MEETING -- TEXT OF JOINT COMMUNIQUE\n\n"
        "1. THE SIXTY-FIRST ANNUAL SECURITY CONSULTATIVE MEETING BETWEEN THE REPUBLIC OF KOREA AND THE UNITED\n"
        "STATES TOOK PLACE IN BUSAN ON NOVEMBER 3 AND 4, 2029. MINISTER OF NATIONAL DEFENSE HAN MIN SU AND\n"
        "SECRETARY OF DEFENSE JOHN Q. SAMPLE HEADED THEIR DELEGATIONS. THE TWO SIDES URGED NORTH KOREA TO\n"
        "REFRAIN FROM PROVOCATIONS ALONG THE DMZ.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert "1. The Sixty-First Annual Security Consultative Meeting between the Republic of Korea" in doc.text
    assert "took place in" in doc.text and "on November 3 and 4, 2029." in doc.text
    assert "on November 3 and 4, 2029. Minister of National Defense Han Min Su and" in doc.text
    assert "Secretary of Defense John Q. Sample headed their delegations." in doc.text
    assert "urged North Korea to refrain from provocations along the DMZ." in doc.text
    assert doc.date == dt.date(2029, 11, 3)
    assert doc.title == "Sixty-First ROK-US Security Consultative Meeting -- text of Joint Communique"
    at = doc.text.index("Han Min Su")
    assert doc.original[slice(*doc.source_span(at, at + len("Han Min Su")))] == "HAN MIN SU"


def test_a_capitalised_word_split_at_a_lines_end_is_joined_where_the_text_writes_it_whole() -> None:
    # a white paper's narrow column: "Secre-" / "tary" is the Secretary the page names elsewhere
    text = (
        "The ROK Minister of National Defense and the US Secre-\n"
        "tary of Defense agreed that the Secretary would visit the Korea-\n"
        "based headquarters and the Commis-\n"
        "sioner would return the visit.\n"
    )
    view = repair(text).text
    assert "US Secretary of Defense" in view
    assert "Korea-based" in view  # "Korea" is a word of its own: a compound, its hyphen kept
    assert "Commis-sioner" in view  # never written whole here: nothing tells a split word from a compound
    # the view maps back onto the source: the joined word's span is the split word's
    layout = repair(text)
    start = view.index("Secretary")
    src_start, src_end = layout.omap.span(start, start + len("Secretary"))
    assert text[src_start:src_end] == "Secre-\ntary"
