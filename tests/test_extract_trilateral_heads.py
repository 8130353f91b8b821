"""Heads of delegation of a trilateral meeting, when the text gives each head's state in its own way: a possessive
before the office ("Japan's Director General ..."), the state after the name ("... KANO Koji of Japan"), or a
short office without its department ("Deputy Assistant Secretary Jung Pak"). Texts written here in the shape of
the allies' trilateral releases; the names are of public officials.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, heads, recorded_node

OPENING = (
    "Joint Statement of the 14th U.S.-Japan-Republic of Korea Defense Trilateral Talks\n\nApril 11, 2024\n\n"
    "The 14th United States-Japan-Republic of Korea Defense Trilateral Talks (DTT) were held in Washington, D.C. "
    "on April 11, 2024. "
)
THREE = {"Jung Pak", "Kano Koji", "Cho Chang-rae"}


@pytest.mark.parametrize(
    "delegations",
    [
        "Deputy Assistant Secretary of Defense for East Asia Dr. Jung H. Pak, Japan's Director General for Defense "
        "Policy KANO Koji, and ROK Deputy Minister for National Defense Policy Cho Chang-rae led their delegations.",
        "Director General for Defense Policy KANO Koji of Japan, Deputy Minister for National Defense Policy "
        "Cho Chang-rae of the ROK and Deputy Assistant Secretary of Defense for East Asia Jung Pak of the United "
        "States led their delegations.",
        "Director General KANO Koji of Japan, Deputy Minister Cho Chang-rae of the ROK and Deputy Assistant "
        "Secretary Jung Pak of the United States led their delegations.",
    ],
)
def test_each_state_of_a_trilateral_meeting_has_its_head(delegations: str) -> None:
    graph = extract_text(OPENING + delegations + "\n", dt.date(2024, 4, 11), kind="joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None
    assert heads(graph, meeting) == THREE


def test_a_bare_director_general_before_of_is_an_office_not_a_name() -> None:
    # "Director General of the IAEA" names an office of another body: no person is made of the words after it
    graph = extract_text(
        OPENING + "The Director General of the International Atomic Energy Agency briefed the delegations.\n",
        dt.date(2024, 4, 11),
        kind="joint_statement",
    )
    assert not [n for n in graph.nodes if n.kind == "Person"]
