"""Types and pledges in the shapes left over by a third probe of public texts (issue 15, item 7).

Shapes of stored public copies of KIDD joint press statements, an SCM communique as a web page, a
trilateral leaders' statement, a White House call readout and an embassy letter after an armed
provocation. The sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

DAY = dt.date(2031, 3, 4)


def read(text: str, kind: str = "statement", date: dt.date = DAY) -> set[tuple[frozenset[str], str]]:
    return {(types, party) for types, party, _ in pledges(extract_text(text, date, kind))}


# -- 1. what a pledge answers is its field, not what the provocation harms -------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The delegations committed to answer DPRK provocations that erode regional stability with prompt "
            "and concerted bilateral measures that show the resolve of the Alliance.",
            id="provocations-that-erode-regional-stability",
        ),
        pytest.param(
            "The two sides pledged to respond to any North Korean provocation that threatens peace and "
            "stability in the region through closely coordinated combined actions.",
            id="provocation-that-threatens-peace-in-the-region",
        ),
        pytest.param(
            "Both sides vowed to counter provocations by Pyongyang that undermine regional security in a "
            "swift and coordinated manner.",
            id="provocations-that-undermine-regional-security",
        ),
    ],
)
def test_a_pledge_to_answer_provocations_is_declaratory_policy(sentence: str) -> None:
    assert read(sentence) == {(frozenset({"DeclaratoryPolicy"}), "KOR+USA")}


def test_a_pledge_for_what_provocations_harm_keeps_its_field() -> None:
    # no word of the pledge itself names a field: the field it protects is the pledge's
    found = read("The Secretary pledged to defend against any act that threatens the security of the ROK.")
    assert found == {(frozenset({"MutualDefense"}), "USA")}


# -- 2. "continue assessing them": a pronoun takes the field of what it points back to -------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "Moreover, the two sides noted the work under way to streamline the bilateral defense mechanisms "
            "that report to the Security Consultative Meeting, and pledged to keep reviewing them.",
            id="keep-reviewing-them",
        ),
        pytest.param(
            "The delegations reviewed the progress of the consultative mechanisms set up last year for the "
            "Alliance and agreed to continue refining them.",
            id="continue-refining-them",
        ),
    ],
)
def test_an_anaphoric_pledge_takes_the_field_of_its_antecedent(sentence: str) -> None:
    assert read(sentence) == {(frozenset({"ConsultationMechanism"}), "KOR+USA")}


# -- 3. plural consultative mechanisms are consultation mechanisms ---------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The two leaders also set the course for further progress next year through a newly endorsed "
            "framework of bilateral defense consultative mechanisms that serve Alliance goals.",
            id="framework-of-consultative-mechanisms",
        ),
        pytest.param(
            "The Minister and the Secretary decided to streamline the consultation mechanisms of the "
            "Alliance under a single framework.",
            id="streamline-consultation-mechanisms",
        ),
    ],
)
def test_plural_consultative_mechanisms_are_a_consultation_pledge(sentence: str) -> None:
    assert read(sentence) == {(frozenset({"ConsultationMechanism"}), "KOR+USA")}


# -- 4. coordination on a field: the field decides, not the word "coordination" --------------------

TRILATERAL = (
    "Joint Statement of the Trilateral Summit of Japan, the Republic of Korea, and the United States\n\n"
    "We, the leaders of Japan, the Republic of Korea and the United States, met today.\n\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("We will deepen our coordination on advancing democracy and defending human rights.",
                     id="coordination-on-advancing-democracy"),
        pytest.param("We will step up our coordination in upholding the rule of law and fundamental freedoms.",
                     id="coordination-in-upholding-the-rule-of-law"),
    ],
)  # fmt: skip
def test_coordination_on_a_cause_is_no_consultation_mechanism(sentence: str) -> None:
    found = read(TRILATERAL + sentence, "joint_statement")
    assert found == {(frozenset({"AllianceCooperation"}), "JPN+KOR+USA")}


def test_close_coordination_alone_stays_a_consultation_pledge() -> None:
    found = read("The two sides agreed to maintain close coordination on North Korea policy.")
    assert found == {(frozenset({"ConsultationMechanism"}), "KOR+USA")}


# -- 5. standing shoulder to shoulder with the ally is a pledge of that party -----------------------

CALL_DAY = dt.date(2010, 11, 30)  # President Obama in office


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "The two Presidents spoke by phone after the shelling, and President Obama affirmed that the United "
            "States stands shoulder to shoulder with its close friend and ally, the Republic of Korea.",
            "news",
            id="affirmed-that-stands-shoulder-to-shoulder",
        ),
        pytest.param(
            "President Obama held a call with President Lee Myung-bak of the Republic of Korea, telling him "
            'that "the United States stands side by side with our ally, the Republic of Korea."',
            "news",
            id="a-call-telling-him-quoted-stands-side-by-side",
        ),
        pytest.param(
            "The United States stands firmly shoulder to shoulder with the Republic of Korea.",
            "statement",
            id="a-party-stands-shoulder-to-shoulder",
        ),
    ],
)
def test_standing_shoulder_to_shoulder_with_the_ally_is_a_pledge(text: str, kind: str) -> None:
    found = read(text, kind, CALL_DAY)
    assert {party for _types, party in found} == {"USA"}, found
    assert all(types == frozenset({"AllianceCooperation"}) for types, _party in found), found


def test_having_stood_shoulder_to_shoulder_is_history_not_a_pledge() -> None:
    text = "The United States and the Republic of Korea stood shoulder to shoulder at the Pusan Perimeter in 1950."
    assert read(text, "news", CALL_DAY) == set()


# -- 6. a cue word that describes a relationship is no firmer pledge ---------------------------------


def _strengths(text: str) -> list[tuple[float, tuple[str, ...]]]:
    from graph.schema import Kind, Prop

    graph = extract_text(text, DAY, "communique")
    return sorted(
        (float(n.props[Prop.STRENGTH.value]), tuple(n.props.get(Prop.CUES.value) or ()))
        for n in graph.nodes
        if n.kind == Kind.COMMITMENT
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "They emphasized that the Alliance will jointly meet common challenges by deepening regional engagement "
        "and expanding our strong bilateral relations.",
        "The two sides pledged to build on their strong economic ties and to widen cooperation in the region.",
        "The Minister and the Secretary agreed to further develop the enduring friendship and the strong "
        "partnership between the two countries.",
    ],
)
def test_a_cue_word_before_a_relationship_does_not_strengthen_the_pledge(sentence: str) -> None:
    found = _strengths(sentence)
    assert found and all(strength == 0.5 and not cues for strength, cues in found), found


def test_a_cue_word_on_the_pledge_itself_still_counts() -> None:
    found = _strengths(
        "The Secretary reaffirmed the strong and unwavering commitment of the United States to defend the ROK."
    )
    assert found and all(strength > 0.5 for strength, _ in found) and {"strong", "unwavering"} <= set(found[0][1])


# -- 7. stopping the adversary's programme is no suspension of the pledge ----------------------------


def _stances(text: str, kind: str = "news") -> list[str]:
    from graph.schema import Kind, Prop

    graph = extract_text(text, DAY, kind)
    return [str(n.props[Prop.STANCE.value]) for n in graph.nodes if n.kind == Kind.COMMITMENT]


@pytest.mark.parametrize(
    "sentence",
    [
        "The three defense ministers reaffirmed that their countries will keep working closely together to stop "
        "nuclear development by North Korea.",
        "The two sides agreed to continue combined efforts to halt provocations by the DPRK through deterrence.",
    ],
)
def test_stopping_the_adversarys_programme_does_not_suspend_the_pledge(sentence: str) -> None:
    stances = _stances(sentence)
    assert stances and "suspended" not in stances, stances


def test_stopping_an_own_exercise_still_suspends() -> None:
    stances = _stances("The Minister and the Secretary agreed to stop the combined exercise next year.", "communique")
    assert stances == ["suspended"]


# -- 8. "the ministers of A, B and C" are the subject, all three ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("The defense ministers of Japan, the United States and South Korea pledged to strengthen trilateral "
         "missile warning data sharing.", "JPN+KOR+USA"),
        ("The leaders of the Republic of Korea and the United States reaffirmed their commitment to extended "
         "deterrence.", "KOR+USA"),
        ("The foreign ministers of Japan and the Republic of Korea and the Secretary of State pledged to deepen "
         "trilateral cooperation.", "JPN+KOR+USA"),
    ],
)
def test_the_states_a_group_of_ministers_is_of_are_its_parties(sentence: str, party: str) -> None:
    found = read(f"Seoul, June 1 (Agency) -- {sentence}", "news")
    assert found and {p for _, p in found} == {party}, found


def test_a_group_met_by_a_party_is_no_subject() -> None:
    found = read(
        "Seoul, June 1 (Agency) -- Secretary Austin met the defense ministers of Japan and the ROK and "
        "reaffirmed the U.S. commitment to extended deterrence.",
        "news",
    )
    assert {p for _, p in found} == {"USA"}, found


# -- 9. "reiterate how ..." without a modal states a view ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We reiterate how the DPRK's human rights violations are closely linked to its development of ballistic "
        "missiles and nuclear weapons.",
        "The ministers reaffirmed why sanctions enforcement matters for the nonproliferation regime.",
    ],
)
def test_a_how_or_why_clause_is_a_view(sentence: str) -> None:
    assert read(f"Seoul, June 1 (Agency) -- {sentence}", "statement") == set()


def test_a_how_clause_with_a_modal_still_pledges() -> None:
    found = read(
        "Seoul, June 1 (Agency) -- The two ministers reaffirmed how the allies will respond together to any "
        "missile launch with strengthened missile defense cooperation.",
        "statement",
    )
    assert found and all("MissileDefense" in types for types, _ in found), found


# -- 10. solidarity pledged, a commitment reinforced -------------------------------------------------


def test_pledged_solidarity_is_a_pledge_of_the_alliance() -> None:
    found = read(
        "SINGAPORE, June 5 (Agency) -- The top defense officials of the United States, Japan and South Korea "
        "today pledged their nations' continued solidarity after the sinking of a patrol ship.",
        "news",
    )
    assert found == {(frozenset({"AllianceCooperation"}), "JPN+KOR+USA")}


@pytest.mark.parametrize(
    ("sentence", "ctype"),
    [
        ("Secretary of State Antony Blinken reinforced the United States' ironclad commitments to the defense "
         "of Japan and the ROK.", "MutualDefense"),
        ("Secretary of State Antony Blinken reinforced the U.S. commitment to extended deterrence.",
         "ExtendedDeterrence"),
    ],
)
def test_reinforcing_a_commitment_restates_it(sentence: str, ctype: str) -> None:
    found = read(f"WASHINGTON, June 5 (Agency) -- {sentence}", "news")
    assert found == {(frozenset({ctype}), "USA")}, found


# -- guards found by review: each rule above kept to its own shape --------------------------------------


@pytest.mark.parametrize("verb", ["invited", "hosted", "received", "joined", "met"])
def test_a_group_the_subject_acts_on_is_no_subject(verb: str) -> None:
    found = read(
        f"Seoul, June 1 (Agency) -- The United States {verb} the leaders of Japan and South Korea and pledged to "
        "strengthen extended deterrence.",
        "news",
    )
    assert found and all("USA" in p and "JPN" not in p for _, p in found), found  # the host keeps its pledge


def test_an_adverb_cue_before_a_relationship_still_counts() -> None:
    found = _strengths(
        "The two sides pledged to fully restore their bilateral ties and to firmly strengthen relations."
    )
    assert found and all(strength > 0.5 for strength, _ in found), found


def test_a_passive_by_the_adversary_is_no_owner() -> None:
    from extractors.rules.commitments import stance_of

    assert stance_of("agreed to halt the drills condemned by Pyongyang", "new") == "suspended"
    assert stance_of("agreed to halt nuclear development by Pyongyang", "new") == "new"


def test_agreeing_how_to_act_is_a_pledge() -> None:
    found = read(
        "Seoul, June 1 (Agency) -- The Minister and the Secretary agreed how to strengthen the combined defense "
        "posture against North Korean threats.",
        "statement",
    )
    assert found and all("MutualDefense" in types for types, _ in found), found
