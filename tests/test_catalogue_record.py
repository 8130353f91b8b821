"""The incident catalogue (graph/data/incidents.json) and the series reference (graph/data/series.json) against
the public record (issue 15, item 9, and "A series reference").

Two kinds of checks. The shape of every catalogue entry (the keys, kinds, dates, sources, aliases and the
``also_dated`` field that keeps the other dates a record files an event under). And a sample of facts, each
pinned here with the address of a public source that states it: the test checks that the data holds the fact
and cites that source. The addresses are compared as strings; nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from typing import Any

import pytest

from extractors.rules.dates import find_dates
from extractors.rules.incidents import IncidentResolver
from extractors.rules.lexicon import default_lexicon
from extractors.rules.patterns import load_rules
from extractors.rules.scan import Tokens
from graph.series import SeriesReference, load_reference

ISO = dt.date.fromisoformat

KINDS = {"NuclearTest", "MissileLaunch", "ArmedProvocation", "Agreement", "Crisis", "CyberOperation"}
REQUIRED = {"id", "kind", "date", "perpetrator", "ordinal", "label", "aliases", "threat_type", "source_note", "sources"}
OPTIONAL = {"parties", "commitment_types", "also_dated"}
# an also_dated basis naming a clock (not an announcement or a discovery): the same moment on another calendar day;
# the resolver's own rule (incidents.yaml ``clock_basis``), so the test checks the days the resolver reads as clocks
CLOCK = load_rules("incidents").regex("clock_basis")


@pytest.fixture(scope="module")
def catalogue() -> list[dict[str, Any]]:
    text = resources.files("graph").joinpath("data", "incidents.json").read_text(encoding="utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def by_id(catalogue: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in catalogue}


@pytest.fixture(scope="module")
def ref() -> SeriesReference:
    return load_reference()


# ---------------------------------------------------------------- the catalogue's shape


def test_every_entry_has_the_catalogue_keys_and_no_others(catalogue: list[dict[str, Any]]) -> None:
    for e in catalogue:
        assert REQUIRED <= set(e) <= REQUIRED | OPTIONAL, e["id"]
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", e["id"]), e["id"]
        assert e["kind"] in KINDS, e["id"]
        assert isinstance(e["label"], str) and e["label"].strip(), e["id"]
        assert isinstance(e["source_note"], str) and e["source_note"].startswith("public record"), e["id"]
    ids = [e["id"] for e in catalogue]
    assert len(ids) == len(set(ids))


def test_entries_are_dated_by_day_and_kept_in_date_order(catalogue: list[dict[str, Any]]) -> None:
    dates = [ISO(e["date"]) for e in catalogue]
    assert dates == sorted(dates)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"]) for e in catalogue)


def test_the_norths_tests_and_launches_carry_its_code_and_threat_type(catalogue: list[dict[str, Any]]) -> None:
    for e in catalogue:
        if e["kind"] == "MissileLaunch":
            assert (e["perpetrator"], e["threat_type"]) == ("PRK", "BallisticMissiles"), e["id"]
        if e["kind"] == "NuclearTest":
            assert (e["perpetrator"], e["threat_type"]) == ("PRK", "NuclearWeapons"), e["id"]
        if e["kind"] == "Agreement":
            assert e["perpetrator"] is None and e["parties"], e["id"]


def test_every_source_has_an_address_a_title_and_a_publisher(catalogue: list[dict[str, Any]]) -> None:
    for e in catalogue:
        assert e["sources"], e["id"]
        for s in e["sources"]:
            assert set(s) == {"url", "title", "publisher"}, e["id"]
            assert s["url"].startswith(("http://", "https://")), (e["id"], s["url"])
            assert s["title"].strip() and s["publisher"].strip(), (e["id"], s["url"])
        urls = [s["url"] for s in e["sources"]]
        assert len(urls) == len(set(urls)), e["id"]


def test_aliases_are_distinct_names(catalogue: list[dict[str, Any]]) -> None:
    for e in catalogue:
        folded = [a.casefold() for a in e["aliases"]]
        assert all(a.strip() for a in folded), e["id"]
        assert len(folded) == len(set(folded)), e["id"]


def test_other_dates_of_the_record_are_kept_with_their_basis(catalogue: list[dict[str, Any]]) -> None:
    """The catalogue keeps the Korean local date; a date the record also uses (U.S. or UTC time, the day of an
    announcement or a discovery) is kept in ``also_dated`` with what it is the date of."""
    kept = 0
    for e in catalogue:
        if "also_dated" not in e:
            continue
        assert e["also_dated"], e["id"]
        for other in e["also_dated"]:
            assert set(other) == {"date", "basis"}, e["id"]
            day = ISO(other["date"])
            assert day != ISO(e["date"]) and other["basis"].strip(), e["id"]
            if CLOCK.search(other["basis"]):
                # another clock's calendar day: one day off, which the resolver's one-day slack covers
                assert abs((day - ISO(e["date"])).days) == 1, e["id"]
            kept += 1
    assert kept >= 15


# ---------------------------------------------------------------- facts of the record, each with a source stating it

INCIDENT_FACTS = [
    # id, Korean local date, address of a cited source that states the date
    ("prk-nuclear-test-1", "2006-10-09", "http://ctbto.org/specials/testing-times/9-october-2006-first-dprk-nuclear-test/"),
    ("prk-nuclear-test-5", "2016-09-09", "https://www.ctbto.org/the-treaty/developments-after-1996/2016-sept-dprk-announced-nuclear-test/"),
    ("prk-nuclear-test-6", "2017-09-03", "https://www.ctbto.org/the-treaty/developments-after-1996/2017-sept-dprk/"),
    ("taepodong-1-launch-1998", "1998-08-31", "http://cns.miis.edu/archive/country_north_korea/factsht.htm"),
    ("unha-3-launch-2012-04-13", "2012-04-13", "http://sat-nd.com/launchfailures/2012-04-12.html"),
    ("malligyong-1-1-launch-2024", "2024-05-27", "https://www.38north.org/2024/06/surpass-the-cutting-edge-reflections-on-north-koreas-failed-may-27-satellite-launch/"),
    ("hwasong-12-launch-2017-05-14", "2017-05-14", "https://missilethreat.csis.org/north-korea-tests-new-irbm/"),
    ("hwasong-16b-launch-2024-04-02", "2024-04-02", "https://www3.nhk.or.jp/nhkworld/en/news/20240403_05/"),
    ("hwasong-17-launch-2022-02-27", "2022-02-27", "https://www.asiafinancial.com/us-suspects-north-korea-tested-ballistic-missile-system"),
    ("hwasong-17-launch-2022-03-05", "2022-03-05", "https://www.upi.com/Top_News/World-News/2022/03/16/missile-test-fail-explode-Hwsasong-17-ICBM-Pyongyang-Sunan/7491647418872/"),
    ("hwasong-17-launch-2022-03-16", "2022-03-16", "https://ustimetoday.com/suspicious-north-korean-missile-explodes-in-mid-air-after-launch-near-pyongyang/"),
    ("hwasong-17-launch-2022-11-18", "2022-11-18", "https://tass.com/defense/1539159/amp"),
    ("kal858-bombing-1987", "1987-11-29", "https://worldhistoryproject.org/1987/11/29/korean-air-flight-858-explodes-mid-air-from-north-korean-bomb"),
    ("dmz-mine-blast-2015", "2015-08-04", "https://www.upi.com/Top_News/World-News/2015/08/04/Two-South-Korean-soldiers-injured-in-DMZ-land-mine-explosion/8701438694719/"),
    ("uranium-enrichment-disclosure-2010", "2010-11-21", "https://www.donga.com/en/article/all/20101122/266315/1"),
    ("pyongyang-joint-declaration-2018", "2018-09-19", "https://www.mofa.go.kr/eng/brd/m_5478/view.do?seq=319132"),
]  # fmt: skip


@pytest.mark.parametrize(("ident", "date", "url"), INCIDENT_FACTS, ids=[f[0] for f in INCIDENT_FACTS])
def test_incident_dates_agree_with_their_cited_sources(
    by_id: dict[str, dict[str, Any]], ident: str, date: str, url: str
) -> None:
    entry = by_id[ident]
    assert entry["date"] == date
    assert url in {s["url"] for s in entry["sources"]}


@pytest.mark.parametrize(
    ("ident", "other", "basis_word"),
    [
        ("unha-3-launch-2012-04-13", "2012-04-12", "UTC"),
        ("hwasong-14-launch-2017-07-04", "2017-07-03", "U.S."),
        ("hwasong-17-launch-2022-02-27", "2022-02-26", "U.S."),
        ("uranium-enrichment-disclosure-2010", "2010-11-20", "U.S."),
        ("infiltration-tunnel-3-1978", "1978-10-27", "announcement"),
    ],
)
def test_a_us_or_utc_date_is_kept_beside_the_korean_one(
    by_id: dict[str, dict[str, Any]], ident: str, other: str, basis_word: str
) -> None:
    (kept,) = (o for o in by_id[ident]["also_dated"] if o["date"] == other)
    assert basis_word in kept["basis"]


def test_the_first_flights_the_record_names_are_catalogued(by_id: dict[str, dict[str, Any]]) -> None:
    """The Hwasong-17 system's first flights (27 Feb and 5 Mar 2022, named by the U.S. and the ROK on 10 March) and
    its failed launch of 16 March come before the 24 March launch Pyongyang called a Hwasong-17."""
    firsts = ["hwasong-17-launch-2022-02-27", "hwasong-17-launch-2022-03-05", "hwasong-17-launch-2022-03-16"]
    dates = [ISO(by_id[i]["date"]) for i in firsts]
    assert dates == sorted(dates) and dates[-1] < ISO(by_id["hwasong-17-launch-2022-03-24"]["date"])
    for ident in firsts:
        names = " ".join([by_id[ident]["label"], *by_id[ident]["aliases"]]).lower()
        # Pyongyang's cover story is in the note, not in a name a mention could take
        assert "satellite" not in names, ident


def test_nuclear_tests_are_numbered_in_date_order(catalogue: list[dict[str, Any]]) -> None:
    tests = [e for e in catalogue if e["kind"] == "NuclearTest"]
    assert [e["ordinal"] for e in tests] == [1, 2, 3, 4, 5, 6]
    assert [e["date"] for e in tests] == [
        "2006-10-09", "2009-05-25", "2013-02-12", "2016-01-06", "2016-09-09", "2017-09-03",
    ]  # fmt: skip


# ---------------------------------------------------------------- names in the forms communiques and news use


def _found(text: str, date: dt.date) -> list[str]:
    found = IncidentResolver(default_lexicon(), date).find(
        text, find_dates(text, date), [(0, len(text))], Tokens.of(text)
    )
    out: list[str] = []
    for f in found:
        ident = getattr(f.incident, "id", "new")
        if ident not in out:
            out.append(ident)
    return out


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("They recalled the sinking of the Ch'onan in March.", dt.date(2010, 10, 8), ["cheonan-sinking-2010"]),
        ("The Cheonanham was torpedoed by a North Korean submarine.", dt.date(2011, 3, 26), ["cheonan-sinking-2010"]),
        ("They condemned the Yeonpyeong-do shelling.", dt.date(2011, 10, 28), ["yeonpyeong-shelling-2010"]),
        ("Both sides recalled the shelling of Yonpyong Island.", dt.date(2011, 10, 28), ["yeonpyeong-shelling-2010"]),
        ("They condemned the Taepo Dong-2 launch in July.", dt.date(2006, 10, 20), ["taepodong-2-launch-2006"]),
        ("The Taepo Dong-1 flew over Japan last August.", dt.date(1999, 1, 15), ["taepodong-1-launch-1998"]),
        # a U.S. date one day off the catalogue's Korean one still finds the launch
        ("North Korea launched an ICBM on July 3, 2017.", dt.date(2017, 10, 1), ["hwasong-14-launch-2017-07-04"]),
        ("They condemned the missile launches of July 4, 2006.", dt.date(2006, 10, 20), ["taepodong-2-launch-2006"]),
        # agreements a study names by the name the press gave them (round twelve)
        (
            "The allies can build on the Singapore Declaration of 2018.",
            dt.date(2023, 6, 1),
            ["singapore-joint-statement-2018"],
        ),
        (
            "The two Koreas promised in the April Panmunjom Agreement to cooperate.",
            dt.date(2018, 11, 1),
            ["panmunjom-declaration-2018"],
        ),
        (
            "The Koreas then signed the September Pyongyang Joint Declaration.",
            dt.date(2019, 3, 1),
            ["pyongyang-joint-declaration-2018"],
        ),
        (
            "Both sides are implementing the Pyongyang Joint Declaration.",
            dt.date(2019, 3, 1),
            ["pyongyang-joint-declaration-2018"],
        ),
    ],
)
def test_spellings_of_the_record_name_their_incident(text: str, date: dt.date, expected: list[str]) -> None:
    assert _found(text, date) == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a place is not an incident: the island and the city name several events
        ("Residents of Yeonpyeong-do Island returned home in the spring.", dt.date(2011, 5, 5)),
        ("The delegation visited Yonpyong Island and a fishing port.", dt.date(2012, 5, 5)),
    ],
)
def test_places_alone_name_no_incident(text: str, date: dt.date) -> None:
    assert _found(text, date) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Japan's Pyongyang Declaration of 2002 is not the inter-Korean joint declaration of 2018
        ("Japan hopes for a return to the Pyongyang Declaration of September 17, 2002.", dt.date(2023, 6, 1)),
        ("Tokyo and the DPRK signed the Pyongyang Declaration last September.", dt.date(2003, 6, 1)),
    ],
)
def test_the_japan_dprk_pyongyang_declaration_is_not_the_joint_declaration(text: str, date: dt.date) -> None:
    assert "pyongyang-joint-declaration-2018" not in _found(text, date)


def test_the_disguised_icbm_tests_are_icbm_launches_not_satellite_launches() -> None:
    # the day after the U.S. named them, "the ICBM launch" is the latest of them ...
    assert _found("They condemned the ICBM launch.", dt.date(2022, 3, 11)) == ["hwasong-17-launch-2022-03-05"]
    # ... and a "satellite launch" of that spring is not one of them (no satellite launch is recent enough)
    assert _found("They condemned the satellite launch.", dt.date(2022, 6, 1)) == []


# ---------------------------------------------------------------- the series reference against the communiques

SCM_FACTS = [
    # ordinal, start, end, place, ROK head, U.S. head, MCM ordinal, MCM date, address of a cited source stating them
    # (the Korean communique texts of the 1980s date the MCM without numbering it)
    (14, "1982-03-30", "1982-03-31", "Seoul", "Choo Young-bock", "Caspar W. Weinberger", 4, "1982-03-29",
     "https://leesiwoo.net/?p=3645"),
    (16, "1984-05-09", "1984-05-10", "Seoul", "Yoon Sung-min", "Caspar W. Weinberger", None, "1984-05-07",
     "https://leesiwoo.net/?p=3649"),
    (17, "1985-05-07", "1985-05-08", "Washington", "Yoon Sung-min", "Caspar W. Weinberger", None, "1985-05-06",
     "https://leesiwoo.net/?p=3651"),
    (20, "1988-06-07", "1988-06-09", "Seoul", "Oh Ja-bok", "Frank C. Carlucci", None, "1988-06-07",
     "https://leesiwoo.net/?p=3655"),
    (21, "1989-07-17", "1989-07-19", "Washington", "Lee Sang-hoon", "Richard B. Cheney", None, None,
     "https://www.joongang.co.kr/article/2346991"),
    (22, "1990-11-13", "1990-11-15", "Washington", "Lee Jong-koo", "Richard B. Cheney", 12, "1990-11-14",
     "https://leesiwoo.net/?p=3659"),
    (24, "1992-10-07", "1992-10-08", "Washington", "Choi Sae-chang", "Richard B. Cheney", 14, "1992-10-07",
     "https://www.globalsecurity.org/wmd/library/news/rok/1992/921008-rok-usia.htm"),
    (26, "1994-10-06", "1994-10-07", "Washington", "Rhee Byoung-tae", "William J. Perry", 16, "1994-10-06",
     "http://www.defense.gov/Transcripts/Transcript.aspx?TranscriptID=59"),
    (27, "1995-11-02", "1995-11-03", "Seoul", "Lee Yang-ho", "William J. Perry", 17, "1995-11-02",
     "https://www.globalsecurity.org/wmd/library/news/rok/1995/951113-rok-usia.htm"),
    (28, "1996-10-31", "1996-11-01", "Washington", "Kim Dong-jin", "William J. Perry", 18, "1996-10-31",
     "http://www.defense.gov/Releases/Release.aspx?ReleaseID=1080"),
    (29, "1997-12-09", None, "Washington", "Kim Dong-jin", "William S. Cohen", 19, "1997-12-09",
     "https://nautilus.org/wp-content/uploads/2015/07/US-ROK_Security_Consultation_Meeting.txt"),
    (30, "1999-01-15", None, "Seoul", "Chun Yong-taek", "William S. Cohen", None, None,
     "https://www.donga.com/news/Inter/article/all/19990115/7412408/1"),
    (31, "1999-11-23", None, "Washington", "Cho Seong-tae", "William S. Cohen", 21, "1999-11-23",
     "http://fas.org/news/skorea/1999/b11231999_bt545-99.htm"),
    (32, "2000-09-21", None, "Seoul", "Cho Seong-tae", "William S. Cohen", 22, "2000-09-20",
     "http://www.defense.gov/Releases/Release.aspx?ReleaseID=2676"),
    (33, "2001-11-15", None, "Washington", "Kim Dong-shin", "Donald H. Rumsfeld", 23, "2001-11-14",
     "https://gwot.org/docs/u-s-republic-of-korea-hold-security-consultative-meeting-no-588-01"),
    (34, "2002-12-05", None, "Washington", "Lee Jun", "Donald H. Rumsfeld", 24, "2002-12-04",
     "http://www.defense.gov/releases/release.aspx?releaseid=3569"),
    (35, "2003-11-17", None, "Seoul", "Cho Yung-kil", "Donald H. Rumsfeld", 25, "2003-11-15",
     "https://gwot.org/?p=50815"),
    (37, "2005-10-21", None, "Seoul", "Yoon Kwang-ung", "Donald H. Rumsfeld", 27, "2005-10-20",
     "https://studylib.net/doc/10719761/the-37th-security-consultative-meeting-joint-communiqu%C3%A9"),
    (43, "2011-10-28", None, "Seoul", "Kim Kwan-jin", "Leon E. Panetta", 35, "2011-10-27",
     "https://m.koreaherald.com/view.php?mp=39&np=386&ud=20111028000544"),
    (49, "2017-10-28", None, "Seoul", "Song Young-moo", "James Mattis", 42, "2017-10-27",
     "https://mnd.go.kr/mnd_book/DefenseWhitePaper/2018/final(eng)/files/basic-html/page366.html"),
    (51, "2019-11-15", None, "Seoul", "Jeong Kyeong-doo", "Mark T. Esper", 44, "2019-11-14",
     "https://mnd.go.kr/mnd_book/DefenseWhitePaper/2020/2020_eng_appendix/files/basic-html/page79.html"),
    (54, "2022-11-03", None, "Washington", "Lee Jong-sup", "Lloyd J. Austin III", 47, "2022-10-19",
     "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=173193"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("ordinal", "start", "end", "place", "kor", "usa", "mcm", "mcm_date", "url"),
    SCM_FACTS,
    ids=[f"SCM-{f[0]}" for f in SCM_FACTS],
)
def test_scm_rows_agree_with_their_communiques(
    ref: SeriesReference,
    ordinal: int,
    start: str,
    end: str | None,
    place: str,
    kor: str,
    usa: str,
    mcm: int | None,
    mcm_date: str | None,
    url: str,
) -> None:
    m = ref.get("SCM", ordinal)
    assert m is not None
    assert (m.start_date, m.end_date, m.place) == (ISO(start), ISO(end) if end else None, place)
    assert {h.country: h.name for h in m.heads} == {"KOR": kor, "USA": usa}
    if mcm_date is None:
        assert m.mcm is None
    else:
        assert m.mcm is not None and (m.mcm.ordinal, m.mcm.date) == (mcm, ISO(mcm_date))
    assert url in {s.url for s in m.sources}


def test_the_30th_scm_is_dated_by_the_meeting_not_by_the_transcripts_posting(ref: SeriesReference) -> None:
    thirtieth = ref.get("SCM", 30)
    assert thirtieth is not None and thirtieth.start_date == dt.date(1999, 1, 15)
    # the DoD transcript page (dated the 19th) is still cited, for the heads and the place, with its date explained
    assert any("posting" in (s.note or "") for s in thirtieth.sources)
    assert ref.by_date("SCM", "1999-01-19") is None


def test_a_virtual_mcm_keeps_the_us_date_of_the_communique_with_the_korean_day_noted(ref: SeriesReference) -> None:
    fifty_sixth = ref.get("SCM", 56)
    assert fifty_sixth is not None and fifty_sixth.mcm is not None
    assert fifty_sixth.mcm.date == dt.date(2024, 10, 17)
    assert "18 Oct" in (fifty_sixth.mcm.note or "")


RELATED_FACTS = [
    # series, ordinal, date, place, address of a cited source stating them
    ("2+2", 3, "2014-10-24", "Washington", "https://2009-2017.state.gov/r/pa/prs/ps/2014/10/233340.htm"),
    ("2+2", 4, "2016-10-19", "Washington", "https://2009-2017.state.gov/secretary/remarks/2016/10/263341.htm"),
    ("NCG", 3, "2024-06-10", "Seoul", "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=185965"),
    ("NCG", 4, "2025-01-10", "Washington", "https://pubt.io/view/77600931E56E7266E8FE303F5772B42845DB4D41"),
    ("NCG", 5, "2025-12-11", "Washington", "https://www.donga.com/news/Politics/article/all/20251212/132952138/2"),
    ("EDSCG", 3, "2022-09-16", "Washington", "https://www.mnd.go.kr/user/boardList.action?command=view&page=11&boardId=I_8576246&boardSeq=I_10101001&titleId=null&siteId=mndEN&id=mndEN_020600000000&column=null&search=null"),
    ("EDSCG", 4, "2023-09-15", "Seoul", "https://www.pacom.mil/Media/News/News-Article-View/Article/3527969/joint-press-release-extended-deterrence-strategy-and-consultation-group/"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("series", "ordinal", "date", "place", "url"), RELATED_FACTS, ids=[f"{f[0]}-{f[1]}" for f in RELATED_FACTS]
)
def test_related_series_rows_agree_with_their_sources(
    ref: SeriesReference, series: str, ordinal: int, date: str, place: str, url: str
) -> None:
    m = ref.get(series, ordinal)
    assert m is not None and (m.start_date, m.place) == (ISO(date), place)
    assert url in {s.url for s in m.sources}


def test_the_fifth_ncg_met_in_washington_though_planned_for_korea(ref: SeriesReference) -> None:
    fifth = ref.get("NCG", 5)
    assert fifth is not None and fifth.country == "USA"
    assert any("hosted in Korea" in n for n in fifth.notes)
