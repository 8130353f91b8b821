"""The series reference (graph/data/series.json) and its loader (graph.series)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from importlib import resources
from typing import Any

import pytest
from pydantic import ValidationError

from graph.series import Meeting, SeriesReference, load_reference

ISO = dt.date.fromisoformat


@pytest.fixture(scope="module")
def ref() -> SeriesReference:
    return load_reference()


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    text = resources.files("graph").joinpath("data", "series.json").read_text(encoding="utf-8")
    return json.loads(text)


def _spellings(meeting: Meeting, country: str) -> set[str]:
    return {s for h in meeting.heads if h.country == country for s in (h.name, *h.aliases)}


# ---------------------------------------------------------------- coverage and order


def test_every_scm_from_1_to_56_is_present_exactly_once(ref: SeriesReference) -> None:
    counts = Counter(m.ordinal for m in ref.rows if m.series == "SCM")
    for ordinal in range(1, 57):
        assert counts[ordinal] == 1, f"SCM {ordinal} appears {counts[ordinal]} times"
    assert None not in counts, "every SCM row is numbered"
    assert set(counts) <= set(range(1, 58)), "no SCM beyond the 57th (2025)"


def test_scm_dates_strictly_increase_with_ordinal(ref: SeriesReference) -> None:
    dated = [m for m in ref.meetings("SCM") if m.start_date is not None]
    assert len(dated) >= 50
    for earlier, later in zip(dated, dated[1:], strict=False):
        assert earlier.ordinal is not None and later.ordinal is not None
        assert earlier.ordinal < later.ordinal
        last_day = earlier.end_date or earlier.start_date
        assert last_day is not None and later.start_date is not None
        assert last_day < later.start_date, (earlier.id, later.id)


def test_every_series_is_numbered_without_gaps(ref: SeriesReference) -> None:
    for series in ("SCM", "2+2", "NCG", "EDSCG"):
        ordinals = [m.ordinal for m in ref.meetings(series)]
        assert ordinals == list(range(1, len(ordinals) + 1)), series
    assert len(ref.meetings("2+2")) >= 5
    assert len(ref.meetings("NCG")) >= 4
    assert len(ref.meetings("EDSCG")) >= 5


def test_every_dated_row_of_other_series_increases_in_date(ref: SeriesReference) -> None:
    for series in ("2+2", "NCG", "EDSCG"):
        dates = [m.start_date for m in ref.meetings(series) if m.start_date is not None]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), series


def test_scm_rows_with_a_place_alternate_seoul_and_the_united_states_mostly(ref: SeriesReference) -> None:
    placed = [m for m in ref.meetings("SCM") if m.country is not None]
    assert {m.country for m in placed} == {"KOR", "USA"}
    for m in placed:
        assert m.place, m.id
        if m.country == "KOR":
            assert m.place == "Seoul", m.id


# ---------------------------------------------------------------- sources and confidence


def test_every_row_cites_a_public_http_source(ref: SeriesReference, raw: dict[str, Any]) -> None:
    assert len(raw["rows"]) == len(ref.rows)
    for row in raw["rows"]:
        urls = [s["url"] for s in row["sources"]]
        assert urls, row["id"]
        assert all(u.startswith(("http://", "https://")) for u in urls), row["id"]
        for source in row["sources"]:
            assert source["title"].strip() and source["publisher"].strip() and source["note"].strip(), row["id"]


def test_inferred_facts_are_flagged_and_explained(ref: SeriesReference) -> None:
    for m in ref.rows:
        for head in m.heads:
            if head.confidence == "inferred":
                assert m.confidence == "inferred", m.id
                assert head.note, (m.id, head.name)
    inferred = {m.id for m in ref.rows if m.confidence == "inferred"}
    assert "SCM-18" in inferred  # its year is read from a report's context
    assert ref.get("SCM", 38).confidence == "confirmed"  # type: ignore[union-attr]


def test_the_15th_scm_is_dated_from_its_announcement(ref: SeriesReference) -> None:
    # a preview gave its days without the month; the announcement gives April 14-15 and the MCM of the 13th
    fifteenth = ref.get("SCM", 15)
    assert fifteenth is not None and fifteenth.period is None
    assert (fifteenth.start_date, fifteenth.end_date) == (dt.date(1983, 4, 14), dt.date(1983, 4, 15))
    assert fifteenth.mcm is not None and fifteenth.mcm.date == dt.date(1983, 4, 13)
    second = ref.get("EDSCG", 2)
    assert second is not None and second.start_date == dt.date(2018, 1, 17) and second.heads == ()


@pytest.mark.parametrize(
    ("ordinal", "start", "end", "place", "source"),
    [
        (13, "1981-04-29", "1981-04-30", "San Francisco", "https://www.joongang.co.kr/article/1566239"),
        (18, "1986-04-01", "1986-04-03", "Seoul", "https://www.joongang.co.kr/article/2044170"),
    ],
)
def test_once_undated_meetings_are_dated_by_their_cited_reports(
    ref: SeriesReference, ordinal: int, start: str, end: str, place: str, source: str
) -> None:
    m = ref.get("SCM", ordinal)
    assert m is not None
    assert (m.start_date, m.end_date, m.place) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end), place)
    assert source in {s.url for s in m.sources}


# ---------------------------------------------------------------- anchors

ANCHORS = [
    # ordinal, start, end, place, KOR head, USA head
    (1, "1968-05-27", "1968-05-28", "Washington", "Choi Young-hee", "Clark Clifford"),
    (38, "2006-10-20", None, "Washington", "Yoon Kwang-ung", "Donald Rumsfeld"),
    (41, "2009-10-22", None, "Seoul", "Kim Tae-young", "Robert Gates"),
    (42, "2010-10-08", None, "Washington", "Kim Tae-young", "Robert Gates"),
    (45, "2013-10-02", None, "Seoul", "Kim Kwan-jin", "Chuck Hagel"),
    (46, "2014-10-23", None, "Washington", "Han Min-koo", "Chuck Hagel"),
    (47, "2015-11-02", None, "Seoul", "Han Min-koo", "Ashton Carter"),
    (48, "2016-10-20", None, "Washington", "Han Min-koo", "Ashton Carter"),
    (49, "2017-10-28", None, "Seoul", "Song Young-moo", "James Mattis"),
    (50, "2018-10-31", None, "Washington", "Jeong Kyeong-doo", "James Mattis"),
    (51, "2019-11-15", None, "Seoul", "Jeong Kyeongdoo", "Mark Esper"),
    (52, "2020-10-14", None, "Washington", "Suh Wook", "Mark Esper"),
    (53, "2021-12-02", None, "Seoul", "Suh Wook", "Lloyd J. Austin III"),
    (54, "2022-11-03", None, "Washington", "Lee Jong-sup", "Lloyd Austin"),
    (55, "2023-11-13", None, "Seoul", "Shin Won-sik", "Lloyd Austin"),
    (56, "2024-10-30", None, "Washington", "Kim Yong-hyun", "Lloyd Austin"),
]


@pytest.mark.parametrize(("ordinal", "start", "end", "place", "kor", "usa"), ANCHORS)
def test_anchor_meetings(
    ref: SeriesReference, ordinal: int, start: str, end: str | None, place: str, kor: str, usa: str
) -> None:
    m = ref.get("SCM", ordinal)
    assert m is not None
    assert m.start_date == ISO(start)
    assert m.end_date == (ISO(end) if end else None)
    assert m.place == place
    assert m.country == ("KOR" if place == "Seoul" else "USA")
    assert kor in _spellings(m, "KOR")
    assert usa in _spellings(m, "USA")


def test_some_early_us_delegations_were_led_below_the_secretary(ref: SeriesReference) -> None:
    for ordinal in (2, 3, 6):
        (us_head,) = (h for h in ref.heads("SCM", ordinal) if h.country == "USA")
        assert us_head.role == "Deputy Secretary of Defense", ordinal


def test_mcm_is_nested_in_scm_rows_with_increasing_ordinals(ref: SeriesReference) -> None:
    numbered = [(m.ordinal, m.mcm.ordinal) for m in ref.meetings("SCM") if m.mcm and m.mcm.ordinal]
    assert (38, 28) in numbered and (56, 49) in numbered
    mcm_ordinals = [mcm for _, mcm in numbered]
    assert mcm_ordinals == sorted(mcm_ordinals) and len(set(mcm_ordinals)) == len(mcm_ordinals)
    for m in ref.meetings("SCM"):
        if m.mcm is None:
            continue
        assert {c.country for c in m.mcm.chairs} <= {"KOR", "USA"}
        if m.mcm.date is not None and m.start_date is not None:
            # held before the SCM, or on one of its days (e.g. 14 Nov 1990 within the 13-15 Nov 22nd SCM)
            assert m.mcm.date <= (m.end_date or m.start_date), m.id


def test_related_series_anchor_rows(ref: SeriesReference) -> None:
    ncg = ref.get("NCG", 1)
    assert ncg is not None and ncg.start_date == ISO("2023-07-18") and ncg.place == "Seoul"
    two_plus_two = ref.get("2+2", 1)
    assert two_plus_two is not None and two_plus_two.start_date == ISO("2010-07-21")
    assert ref.by_date("2+2", "2021-03-18") is not None
    assert ref.get("2+2", 6).start_date == ISO("2024-10-31")  # type: ignore[union-attr]


# ---------------------------------------------------------------- heads


def test_heads_have_roles_and_countries_and_no_duplicates(ref: SeriesReference, raw: dict[str, Any]) -> None:
    for row in raw["rows"]:
        names = [h["name"] for h in row["heads"]]
        assert len(names) == len(set(names)), row["id"]
    for m in ref.rows:
        for h in m.heads:
            assert h.role.strip(), (m.id, h.name)
            assert h.country in ("KOR", "USA"), (m.id, h.name)
            assert h.name not in h.aliases, (m.id, h.name)


def test_each_scm_has_one_head_per_side(ref: SeriesReference) -> None:
    for m in ref.meetings("SCM"):
        countries = sorted(h.country for h in m.heads)
        assert countries == ["KOR", "USA"], m.id


def test_korean_names_are_family_name_first(ref: SeriesReference) -> None:
    family_names = {"Kim", "Lee", "Choi", "Cho", "Han", "Yoon", "Suh", "Song", "Jeong", "Shin", "Ahn", "Chun"}
    firsts = Counter(h.name.split()[0] for m in ref.rows for h in m.heads if h.country == "KOR")
    assert sum(firsts[f] for f in family_names) > sum(firsts.values()) / 2


# ---------------------------------------------------------------- look-ups


def test_previous_and_next_after(ref: SeriesReference) -> None:
    prev = ref.previous("SCM", 38)
    assert prev is not None and prev.ordinal == 37
    nxt = ref.next_after("SCM", dt.date(2006, 10, 9))
    assert nxt is not None and nxt.ordinal == 38
    assert ref.next_after("SCM", "2006-10-20").ordinal == 38  # type: ignore[union-attr]  # on the day counts
    assert ref.previous("SCM", 1) is None
    assert ref.previous("SCM", 1000).ordinal == max(m.ordinal or 0 for m in ref.meetings("SCM"))  # type: ignore[union-attr]
    assert ref.next_after("SCM", "2100-01-01") is None


def test_next_after_skips_undated_meetings(ref: SeriesReference) -> None:
    # a row known by its year only is skipped: after the 14th comes the 16th when the 15th is undated
    fifteenth = ref.get("SCM", 15)
    assert fifteenth is not None
    undated = fifteenth.model_copy(update={"start_date": None, "end_date": None, "period": "1983"})
    rows = tuple(undated if m.id == "SCM-15" else m for m in ref.rows)
    nxt = ref.model_copy(update={"rows": rows}).next_after("SCM", "1982-04-01")
    assert nxt is not None and nxt.ordinal == 16
    assert ref.next_after("SCM", "1982-04-01").ordinal == 15  # type: ignore[union-attr]


def test_every_meeting_the_analytics_place_incidents_against_is_dated(ref: SeriesReference) -> None:
    # next_after skips a row known by its period only, so an incident before it would be answered with the
    # meeting after it: a new row must be dated by day (or the analytics taught to say it may come first)
    undated = [m.id for m in ref.rows if m.start_date is None]
    assert undated == []


def test_by_date_covers_multi_day_meetings(ref: SeriesReference) -> None:
    assert ref.by_date("SCM", "1968-05-27").ordinal == 1  # type: ignore[union-attr]
    assert ref.by_date("SCM", dt.date(1968, 5, 28)).ordinal == 1  # type: ignore[union-attr]
    assert ref.by_date("SCM", "1968-05-29") is None
    assert ref.by_date("NCG", "2023-07-18").ordinal == 1  # type: ignore[union-attr]


def test_get_and_heads_for_missing_rows(ref: SeriesReference) -> None:
    assert ref.get("SCM", 999) is None
    assert ref.heads("SCM", 999) == ()
    assert [h.country for h in ref.heads("SCM", 49)] == ["KOR", "USA"]


def test_meetings_are_ordered_by_ordinal(ref: SeriesReference) -> None:
    ordinals = [m.ordinal for m in ref.meetings("SCM")]
    assert ordinals == sorted(ordinals)  # type: ignore[type-var]
    assert all(m.series == "SCM" for m in ref.meetings("SCM"))


def test_load_reference_is_cached() -> None:
    assert load_reference() is load_reference()


# ---------------------------------------------------------------- validation


def _row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "SCM-1",
        "series": "SCM",
        "ordinal": 1,
        "start_date": "1968-05-27",
        "end_date": "1968-05-28",
        "place": "Washington",
        "country": "USA",
        "heads": [{"name": "A", "role": "Minister of National Defense", "country": "KOR"}],
        "confidence": "confirmed",
        "sources": [{"url": "https://example.org/a", "title": "t", "publisher": "p", "note": "n"}],
    }
    row.update(changes)
    return row


def test_a_well_formed_row_validates() -> None:
    assert Meeting.model_validate(_row()).id == "SCM-1"


@pytest.mark.parametrize(
    "changes",
    [
        {"unexpected": 1},
        {"sources": []},
        {"sources": [{"url": "ftp://example.org", "title": "t", "publisher": "p", "note": "n"}]},
        {"end_date": "1968-05-01"},
        {"start_date": None},
        {"period": "May 1968"},
        {"period": "1968"},
        {"series": "MCM"},
        {"country": "JPN"},
        {"id": "SCM-2"},
        {"confidence": "probable"},
        {
            "heads": [
                {"name": "A", "role": "r", "country": "KOR"},
                {"name": "A", "role": "r", "country": "USA"},
            ]
        },
        {"heads": [{"name": "A", "role": "r", "country": "KOR", "confidence": "inferred", "note": "x"}]},
        {"series": "NCG", "id": "NCG-1", "mcm": {"ordinal": 1}},
    ],
)
def test_malformed_rows_are_rejected(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Meeting.model_validate(_row(**changes))


def test_duplicate_ids_are_rejected() -> None:
    doc = {"schema_version": 1, "description": "d", "compiled": "c", "rows": [_row(), _row()]}
    with pytest.raises(ValidationError):
        SeriesReference.model_validate(doc)


def test_the_reference_series_are_the_schema_series() -> None:
    """The reference's series codes are values of graph.schema.Series (one vocabulary)."""
    from typing import get_args

    from graph.schema import Series
    from graph.series import ReferenceSeries

    assert set(get_args(ReferenceSeries)) <= {s.value for s in Series}
