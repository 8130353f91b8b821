"""SCM communiqués of 2012-2024 read again as whole as the store allows (issue 15, round eleven).

The probe joined the openings of DoD, USFK, INDOPACOM and studylib copies of the 44th-55th SCM communiqués with
the Defense White Paper flip-book pages of the 49th-52nd and judged every pledge by hand. Every text below is
written for these tests in the shapes found (offices, ordinals and dates are public facts or invented); none is
copied from a copy. Each pattern has at least two variants, and each rule a case it must not change.
"""

from __future__ import annotations

import pytest
from extraction_probe import scm_pledges as read


def _types(sentence: str) -> set[str]:
    return {t for types, _ in read(sentence) for t in types}


# -- the ally's capabilities listed with commas after its name: "U.S. nuclear, conventional, and missile
# defense capabilities" is the nuclear umbrella, as "including nuclear, ..." and "nuclear and conventional" are


@pytest.mark.parametrize(
    "sentence",
    [
        "The Secretary restated the lasting U.S. commitment to extend deterrence to the ROK with every category of "
        "military capability, including U.S. nuclear, conventional, and missile defense capabilities.",
        "The Secretary assured the Minister that the United States will keep providing extended deterrence through "
        "the full range of its forces, from American nuclear, conventional and missile defense capabilities to "
        "advanced non-nuclear ones.",
        "The Secretary reaffirmed that US nuclear, conventional, and missile defense forces remain committed to "
        "extended deterrence for the ROK.",
    ],
    ids=["us-comma-list", "american-comma-list", "us-no-periods"],
)
def test_the_allys_nuclear_forces_in_a_comma_list_are_the_umbrella(sentence: str) -> None:
    assert {"NuclearUmbrella", "MissileDefense"} <= _types(sentence)


def test_the_norths_forces_in_a_comma_list_are_no_umbrella() -> None:
    sentence = (
        "The two sides committed to deter North Korea's nuclear, conventional and missile threats by every means."
    )
    assert read(sentence) == {(frozenset({"ExtendedDeterrence"}), "KOR+USA")}  # the pledge stays, without the umbrella


# -- the SOFA's "facilities and areas" are the land and installations granted to U.S. forces: restoring and
# returning them is the camp-return field, which a clause that names none takes from its sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides also noted that the responsibility to restore the facilities and areas should be settled under "
        "the agreements of the two governments and committed to enhance transparency regarding release of relevant "
        "information.",
        "The Minister and the Secretary reviewed the return of the facilities and areas no longer needed by USFK and "
        "pledged to share relevant environmental information in a timely manner.",
        "The Secretary and the Minister committed to speed the restoration of the facilities and areas vacated this "
        "year.",
    ],
    ids=["restore-then-transparency", "return-then-share", "restoration"],
)
def test_restoring_and_returning_the_facilities_and_areas_is_force_presence(sentence: str) -> None:
    assert read(sentence) == {(frozenset({"ForcePresence"}), "KOR+USA")}


def test_facilities_and_areas_of_another_kind_are_no_force_presence() -> None:
    sentence = (
        "The two sides noted that new facilities and areas of research had opened and committed to enhance "
        "transparency regarding release of relevant information."
    )
    assert read(sentence) == {(frozenset({"AllianceCooperation"}), "KOR+USA")}  # the pledge stays, not force presence


# -- an anniversary the introduction marks: what it commemorates is no field of the pledge after it


@pytest.mark.parametrize(
    "sentence",
    [
        "Furthermore, as 2033 marks the 80th anniversary of the Alliance, which was forged by the signing of the "
        "Mutual Defense Treaty in 1953, the Minister and the Secretary noted the growth of the Alliance over eight "
        "decades and decided to start long-term strategic planning, including a joint study on the Alliance's "
        "future.",
        "As this year marks the 70th anniversary of the Mutual Defense Treaty, the two sides decided to hold joint "
        "commemorative events throughout the year.",
        "Marking the 50th anniversary of the Combined Forces Command, the Secretary and the Minister pledged to hold a "
        "joint ceremony at Camp Humphreys in November.",
    ],
    ids=["year-marks-relative-clause", "year-marks", "marking"],
)
def test_an_anniversary_in_the_introduction_types_no_pledge(sentence: str) -> None:
    assert "MutualDefense" not in _types(sentence)
    assert read(sentence)  # the pledge itself is kept


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "The two sides reaffirmed their commitment to the Mutual Defense Treaty on its 70th anniversary.",
            {"MutualDefense"},
            id="anniversary-after-the-verb",
        ),
        pytest.param(
            "Marking the 70th anniversary of the Alliance, the two sides pledged to strengthen the combined defense "
            "posture.",
            {"MutualDefense"},
            id="pledge-names-its-own-field",
        ),
        pytest.param(
            "Noting that the Special Measures Agreement expires next year, the two sides agreed to begin talks on the "
            "next agreement.",
            {"CostSharing"},
            id="introduction-without-anniversary",
        ),
    ],
)
def test_fields_outside_an_anniversary_introduction_stay(sentence: str, types: set[str]) -> None:
    assert _types(sentence) == types
