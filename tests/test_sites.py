"""Publisher-aware HTML cleaning (extractors/data/sites.yaml) and fetch sidecars in the readers."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fetch_pages import BOOK, SCM49_PAGES, fixture, flipbook_page

from extractors.readers import read_bytes, read_document
from extractors.readers.sidecar import Sidecar, read_sidecar, sidecar_path
from extractors.readers.sites import load_sites, parse_sites, site_for
from graph.errors import ExtractionError

DOD = "https://www.defense.gov/News/Releases/Release/Article/1000056/56th-security-consultative-meeting-joint-communique/"
MND = f"https://mnd.go.kr{BOOK}/page62.html"

BANNER_WORDS = ("official website", "Here's how you know", ".gov website", "historical collection")


def text_of(name: str, url: str | None) -> tuple[str, str | None, dict[str, str]]:
    doc = read_bytes(fixture(name), suffix=".html", path=name, url=url)
    return doc.text, doc.title, doc.metadata


def test_the_packaged_rules_load_and_every_site_is_distinct() -> None:
    sites = load_sites()
    names = [s.name for s in sites]
    assert len(names) == len(set(names))
    assert {"dod-afpims", "mnd-flipbook", "whitehouse", "state", "yonhap"} <= set(names)
    assert site_for(DOD).name == "dod-afpims"  # type: ignore[union-attr]
    assert site_for("https://www.usfk.mil/Media/x").name == "dod-afpims"  # type: ignore[union-attr]
    assert site_for("https://www.pacom.mil/Media/x").name == "dod-afpims"  # type: ignore[union-attr]
    assert site_for(MND).name == "mnd-flipbook"  # type: ignore[union-attr]
    assert site_for("https://www.mnd.go.kr/user/boardList.action") is None  # not a flip-book page
    assert site_for("https://example.org/defense.gov/") is None
    assert site_for("https://notdefense.gov/") is None
    assert site_for(None) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": 2, "sites": []}, "version: 1"),
        ({"version": 1, "sites": [{"name": "x"}]}, "no hosts"),
        ({"version": 1, "sites": [{"name": "x", "hosts": ["a.org"], "colour": 1}]}, "unknown keys colour"),
        ({"version": 1, "sites": [{"name": "x", "hosts": ["a.org"], "drop": ["div[["]}]}, "bad CSS selector"),
        ({"version": 1, "sites": [{"name": "x", "hosts": ["a.org"], "drop_text": ["(unclosed"]}]}, "bad regular"),
        ({"version": 1, "sites": [{"name": "x", "hosts": ["a"]}, {"name": "x", "hosts": ["b"]}]}, "used twice"),
        ({"version": 1, "sites": [{"name": "x", "hosts": ["a"], "flipbook": {"page": "p", "opens": "A"}}]}, "group"),
    ],
)
def test_a_broken_rule_file_is_refused_with_its_reason(data: object, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        parse_sites(data)


def test_dod_release_keeps_the_communique_and_drops_the_furniture() -> None:
    text, title, meta = text_of("dod_release.html", DOD)
    assert meta["site"] == "dod-afpims"
    assert title == "56th Security Consultative Meeting Joint Communique"
    assert text.startswith("56th Security Consultative Meeting Joint Communique\n\n1. The 56th United States")
    assert "5. Both sides noted the progress" in text
    for furniture in (*BANNER_WORDS, "Skip to main", "Home :", "Releases", "Facebook", "Subscribe", "inbox",
                      "Related", "Readout", "provides the military forces", "Release |"):  # fmt: skip
        assert furniture not in text, furniture


def test_the_same_page_without_its_address_gets_the_general_rules_only() -> None:
    data = fixture("dod_release.html").replace(b'<link rel="canonical"', b'<link rel="x"')
    doc = read_bytes(data, suffix=".html")
    assert "site" not in doc.metadata
    assert "1. The 56th United States" in doc.text
    assert "delivered to your inbox" in doc.text  # what the publisher's rules remove


def test_an_old_defense_gov_release_loses_its_press_office_lines() -> None:
    url = "http://www.defense.gov/Releases/Release.aspx?ReleaseID=9002"
    text, _, meta = text_of("dod_release_legacy.html", url)
    assert meta["site"] == "dod-afpims"
    assert text.startswith("Release No: 900-02\nDecember 05, 2002\n\nKOREA-U.S. SECURITY CONSULTATIVE MEETING JOINT")
    assert "3. The Secretary reaffirmed the U.S. commitment" in text
    for furniture in ("Bookmark and Share", "IMMEDIATE RELEASE", "News Release", "Contracts"):
        assert furniture not in text


def test_the_canonical_link_selects_the_site_when_no_url_is_given() -> None:
    text, _, meta = text_of("dod_release.html", None)
    assert meta["site"] == "dod-afpims"
    assert "official website" not in text


@pytest.mark.parametrize(
    ("name", "url", "first", "last", "absent"),
    [
        ("usfk_article.html", None, "Full text of 47th ROK-U.S. Joint Communique", "3. The Secretary reaffirmed",
         ("NEWS |", "Tags:", "Share", "News Stories", "Official statements", "Home :")),
        ("indopacom_article.html", "https://www.pacom.mil/Media/News/Article/1000055/x/",
         "55th Security Consultative Meeting Joint Communique", "3. The two sides reaffirmed",
         ("historical collection", "Facebook")),
        ("whitehouse_statement.html", None, "United States-Republic of Korea Leaders' Joint Statement",
         "The United States reaffirmed its extended deterrence", ("Statements and Releases", "Share", "Previous post",
                                                                  "frozen in time", "Briefing Room")),
        ("state_archive.html", None, "Joint Statement of the 2014 United States", "The four ministers reaffirmed",
         ("Related Articles", "Print", "archive of information")),
        ("yonhap_reprint.html", None, "Full text of joint communique from 54th", "2. The two sides condemned",
         ("Go to Contents", "(END)", "All News", "Related Articles", "Defense chiefs meet")),
    ],
)  # fmt: skip
def test_publisher_pages_give_the_article_body(
    name: str, url: str | None, first: str, last: str, absent: tuple[str, ...]
) -> None:
    text, _, meta = text_of(name, url)
    assert "site" in meta
    assert text.startswith(first), text[:200]
    assert last in text
    for furniture in (*absent, *BANNER_WORDS):
        assert furniture not in text, (name, furniture)


def test_a_flipbook_page_loses_its_page_label_running_footer_and_book_furniture() -> None:
    doc = read_bytes(flipbook_page(62, SCM49_PAGES[62]), suffix=".html", url=MND)
    assert doc.metadata["site"] == "mnd-flipbook"
    # the site rules keep the appendix label; the layout repair then drops it from the view the rules read
    assert doc.original.startswith("Appendix 13\n\nJoint Communiqué of the 49th ROK-U.S. Security Consultative Meeting")
    assert doc.text.startswith("Joint Communiqué of the 49th ROK-U.S. Security Consultative Meeting")
    assert "2. The Minister and the Secretary strongly condemned" in doc.text
    for furniture in ("P. 62", "Download PDF", "2018 Defense White Paper", "FlippingBook", "\n\nAppendix\n", "\n\n62"):
        assert furniture not in doc.text, furniture
    assert "61" not in doc.text.split()  # the page list


# -- sidecars ---------------------------------------------------------------------


def _save(tmp_path: Path, name: str, data: bytes, **fields: object) -> Path:
    file = tmp_path / name
    file.write_bytes(data)
    meta = Sidecar(url=DOD, retrieved="2026-12-07T10:15:30Z", sha256=hashlib.sha256(data).hexdigest(),
                   bytes=len(data), encoding="utf-8", source_id="scm-56-dod", title="56th SCM",
                   **fields)  # type: ignore[arg-type]  # fmt: skip
    sidecar_path(file).write_text(meta.to_json(), encoding="utf-8")
    return file


def test_a_sidecar_gives_the_document_its_source_url_and_retrieval_time(tmp_path: Path) -> None:
    data = fixture("dod_release.html").replace(b'<link rel="canonical"', b'<link rel="x"')
    file = _save(tmp_path, "scm-56-dod.html", data)
    doc = read_document(file)
    assert doc.source == DOD
    assert doc.retrieved == "2026-12-07T10:15:30Z"
    assert doc.metadata["site"] == "dod-afpims"  # chosen by the sidecar's URL
    assert doc.metadata["source_id"] == "scm-56-dod"
    assert "official website" not in doc.text


def test_a_stale_sidecar_is_ignored(tmp_path: Path) -> None:
    file = _save(tmp_path, "x.html", fixture("usfk_article.html"))
    file.write_bytes(fixture("usfk_article.html") + b"\n<!-- changed -->\n")
    doc = read_document(file)
    assert doc.retrieved is None
    assert doc.source != DOD


def test_a_malformed_sidecar_is_a_clear_error(tmp_path: Path) -> None:
    file = tmp_path / "x.html"
    file.write_bytes(fixture("usfk_article.html"))
    sidecar_path(file).write_text(json.dumps({"url": DOD, "retrieved": "yesterday"}), encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"x\.html\.meta\.json is malformed"):
        read_document(file)
    sidecar_path(file).write_text("{not json", encoding="utf-8")
    with pytest.raises(ExtractionError, match="malformed"):
        read_sidecar(file)


def test_the_manifest_date_and_title_fill_in_only_what_the_file_lacks(tmp_path: Path) -> None:
    import datetime as dt

    file = _save(tmp_path, "plain.txt", b"Some text without a title line or a date.\n", date=dt.date(2024, 10, 30))
    doc = read_document(file)
    assert doc.date == dt.date(2024, 10, 30)
    assert doc.metadata["date_source"] == "fetch manifest"
