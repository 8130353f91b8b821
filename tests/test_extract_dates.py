"""Dates: absolute, partial and relative expressions resolved against a document date."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.rules.dates import find_dates, month_number, resolve_month_day

REF = dt.date(2024, 11, 2)


def only(text: str, ref: dt.date | None = REF) -> tuple[dt.date, str, str]:
    found = find_dates(text, ref)
    assert len(found) == 1, found
    m = found[0]
    return m.date, m.precision, text[m.start : m.end]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        pytest.param("held on October 20, 2006.", dt.date(2006, 10, 20), "day", id="month-day-year"),
        pytest.param("on 20 October 2006", dt.date(2006, 10, 20), "day", id="day-month-year"),
        pytest.param("dated 2006-10-20", dt.date(2006, 10, 20), "day", id="iso"),
        pytest.param("on Sept. 3, 2017", dt.date(2017, 9, 3), "day", id="abbreviated-month"),
        pytest.param("in October 2006", dt.date(2006, 10, 1), "month", id="month-year"),
        pytest.param("since 1968", dt.date(1968, 1, 1), "year", id="year"),
    ],
)
def test_absolute_dates(text: str, expected: dt.date, precision: str) -> None:
    date, prec, _ = only(text)
    assert (date, prec) == (expected, precision)


def test_partial_date_takes_the_document_year() -> None:
    assert only("on March 3 the ministers met")[0] == dt.date(2024, 3, 3)


def test_partial_date_after_the_document_date_is_last_year() -> None:
    assert only("the launch of December 18")[0] == dt.date(2023, 12, 18)
    assert resolve_month_day(10, 9, dt.date(2024, 3, 10)) == dt.date(2023, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        pytest.param("last month", dt.date(2024, 10, 1), "month", id="last-month"),
        pytest.param("the previous year", dt.date(2023, 1, 1), "year", id="previous-year"),
        pytest.param("earlier this year", dt.date(2024, 1, 1), "year", id="earlier-this-year"),
        pytest.param("yesterday", dt.date(2024, 11, 1), "day", id="yesterday"),
        pytest.param("on Tuesday", dt.date(2024, 10, 29), "day", id="weekday"),
        pytest.param("in July", dt.date(2024, 7, 1), "month", id="bare-month"),
        pytest.param("in December", dt.date(2023, 12, 1), "month", id="bare-month-after-doc-date"),
    ],
)
def test_relative_dates(text: str, expected: dt.date, precision: str) -> None:
    date, prec, _ = only(text)
    assert (date, prec) == (expected, precision)


def test_ranges_keep_their_last_day() -> None:
    [m] = find_dates("from June 7 to June 9, 1988", REF)[-1:]
    found = find_dates("held on May 27 and 28, 1968", REF)
    assert found[0].date == dt.date(1968, 5, 27)
    assert found[0].end_date == dt.date(1968, 5, 28)
    assert found[0].contains(dt.date(1968, 5, 28))
    assert not found[0].contains(dt.date(1968, 5, 29))
    assert (m.date, m.end_date) == (dt.date(1988, 6, 7), dt.date(1988, 6, 9))  # a month named twice: one range


def test_ranges_across_a_month_end() -> None:
    for text in ("convened on 31 October and 1 November 1996", "held October 31 and November 1, 1996"):
        [m] = find_dates(text, REF)
        assert (m.date, m.end_date) == (dt.date(1996, 10, 31), dt.date(1996, 11, 1))
    [m] = find_dates("from 30 December to 2 January 1990", REF)
    assert (m.date, m.end_date) == (dt.date(1989, 12, 30), dt.date(1990, 1, 2))


def test_relative_expressions_need_a_reference_date() -> None:
    assert find_dates("on March 3 and last month", None) == []
    assert [m.date for m in find_dates("on March 3, 2020", None)] == [dt.date(2020, 3, 3)]


def test_spans_are_offsets_into_the_text() -> None:
    text = "The SCM met on October 20, 2006, and again in October 2007."
    spans = [text[m.start : m.end] for m in find_dates(text, REF)]
    assert spans == ["October 20, 2006", "October 2007"]


def test_may_as_a_verb_is_not_a_date() -> None:
    assert find_dates("North Korea may be preparing a test.", REF) == []
    assert month_number("Sept.") == 9


def test_the_day_of_formula_is_a_date() -> None:
    date, precision, span = only("Done at Busan, this 26th day of April, 2031, in duplicate.")
    assert (date, precision) == (dt.date(2031, 4, 26), "day")
    assert span == "this 26th day of April, 2031"


def test_a_partial_date_takes_the_documents_year_and_is_not_relative() -> None:
    [m] = find_dates("The September 22 trilateral meeting set the agenda.", dt.date(2031, 12, 5))
    assert m.date == dt.date(2031, 9, 22)
    assert m.partial and not m.relative


def test_capitals_dotted_dates_and_times() -> None:
    assert only("TOOK PLACE ON AUGUST 26 AND 27, 1975, IN SEOUL")[0] == dt.date(1975, 8, 26)
    assert only("released 2017. 10. 28. in Seoul")[0] == dt.date(2017, 10, 28)
    # the minutes of a time are not a day: "11:05 November 5, 2029" is November 5
    assert only("All News 11:05 November 5, 2029", None)[0] == dt.date(2029, 11, 5)


@pytest.mark.parametrize(
    ("text", "ref", "expected", "precision"),
    [
        pytest.param("a session held in October last year", dt.date(2024, 10, 31), dt.date(2023, 10, 1), "month",
                     id="month-of-last-year"),
        pytest.param("to meet in June of next year", dt.date(2024, 10, 31), dt.date(2025, 6, 1), "month",
                     id="month-of-next-year"),
        pytest.param("the talks of last October", dt.date(2024, 10, 31), dt.date(2023, 10, 1), "month",
                     id="last-month-name-in-that-month"),
        pytest.param("the talks of last October", dt.date(2024, 11, 20), dt.date(2024, 10, 1), "month",
                     id="last-month-name-a-month-later"),
        pytest.param("they met earlier this year", dt.date(2024, 10, 31), dt.date(2024, 1, 1), "year",
                     id="earlier-this-year"),
        pytest.param("On Tuesday the two sides met", dt.date(2024, 10, 31), dt.date(2024, 10, 29), "day",
                     id="capitalised-weekday"),
        pytest.param("Last week the chiefs met", dt.date(2024, 10, 31), dt.date(2024, 10, 24), "day",
                     id="capitalised-last-week"),
    ],
)  # fmt: skip
def test_relative_dates_take_the_documents_year(text: str, ref: dt.date, expected: dt.date, precision: str) -> None:
    date, prec, _ = only(text, ref)
    assert (date, prec) == (expected, precision)


def test_the_previous_day_counts_from_the_day_the_paragraph_states() -> None:
    text = "The SCM was held in Washington on October 30, 2024. The chairmen had met the previous day."
    found = find_dates(text, dt.date(2024, 11, 5))
    assert [(text[d.start : d.end], d.date) for d in found] == [
        ("October 30, 2024", dt.date(2024, 10, 30)),
        ("the previous day", dt.date(2024, 10, 29)),
    ]


def test_the_previous_day_without_a_stated_day_counts_from_the_document() -> None:
    text = "The ministry said on October 30, 2024 that talks went well.\n\nThe envoys met the following day."
    found = find_dates(text, dt.date(2024, 11, 5))
    assert found[-1].date == dt.date(2024, 11, 6)
