"""Second reading of round eleven's rules (issue 15): over-reach found on texts of the rules' genres.

Each test holds sentences written for it in the shapes the round's rules were made for, with the case the
rule must still read and the case it must leave alone. None is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text

from graph.schema import Kind, is_a


def _incidents(text: str, date: dt.date) -> dict[str | None, dt.date]:
    graph = extract_text(text, date)
    return {n.props.get("notation"): n.props.get("date") for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}


# -- a weekday moved a week on names only a launch of Korea's next day ----------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "not_this"),
    [
        pytest.param(
            "SEOUL, Nov. 3 (Yonhap) -- The allies said Thursday they would respond firmly after North Korea fired a "
            "ballistic missile Friday toward the East Sea.",
            dt.date(2022, 11, 3),  # a Thursday: "Friday" is the week before, not the launch of this very day
            "hwasong-17-launch-2022-11-03",
            id="thursday-story-last-friday",
        ),
        pytest.param(
            "Officials in Seoul said the North fired a missile Saturday and warned of more launches.",
            dt.date(2017, 7, 28),  # a Friday
            "hwasong-14-launch-2017-07-28",
            id="friday-story-last-saturday",
        ),
    ],
)
def test_a_weekday_a_week_on_never_takes_the_launch_of_the_documents_own_day(
    text: str, date: dt.date, not_this: str
) -> None:
    found = _incidents(text, date)
    assert not_this not in found
    assert len(found) == 1 and next(iter(found.values())) < date - dt.timedelta(days=4)  # the week before
