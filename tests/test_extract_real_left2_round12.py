"""Leftovers round twelve's probes saw in communiqué pages and statements (issue 15, items 2 and 5-7).

The shapes come from stored public copies read in /tmp (Defense White Paper pages that open in the middle of a
communiqué, a news page under a publisher's credit line, a wire's daily report on an SCM, a State Department readout
of a trilateral call, a readout of three national security advisors' call, remarks after an EDSCG meeting). Every text
below is written for these tests; none is copied from a source. Each rule has two or more texts in its shape and a
case it must not change.
"""

from __future__ import annotations

import pytest
from extraction_probe import pledges, scm_pledges, title_and_kind

from extractors.readers import read_bytes
from extractors.rules import extract_document


def _read(text: str) -> set[tuple[frozenset[str], str]]:
    graph = extract_document(read_bytes(text.encode(), suffix=".txt"))
    return {(types, party) for types, party, _ in pledges(graph)}


def _doc(text: str) -> tuple[str | None, str]:
    doc = read_bytes(text.encode(), suffix=".txt")
    return doc.title, doc.kind


# -- 1. a document's kind and title come from its own heading, never from a document it cites -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Page 212 - 2030 Defense White Paper\n\nP. 212\n\n"
        "Peninsula and the Joint Statement of the two leaders at the Hanoi Summit, and to abide by its obligations\n"
        "under the resolutions. They noted that the sanctions would stay in place until the North gives up its\n"
        "weapons in a verified way.\n\n"
        "4. The Minister explained the steps the ROK is taking with the North's military authorities.\n",
        "Page 81 - 2032 Defence White Paper\n\nP. 81\n\n"
        "3. The Minister and the Secretary assessed that the steps taken by both Koreas to carry out the Busan\n"
        "Joint Declaration of May 2031 have eased military tension along the border. Both sides pledged to keep\n"
        "close coordination on its implementation.\n",
    ],
    ids=["joint-statement-cited-at-the-top", "joint-declaration-cited-in-paragraph-3"],
)
def test_a_middle_page_that_cites_a_joint_statement_is_none(text: str) -> None:
    assert _doc(text)[1] != "joint_statement"


@pytest.mark.parametrize(
    "text",
    [
        "Joint Statement on the Alliance Defense Dialogue\n\nMarch 3, 2031\n\n"
        "The two sides agreed to widen combined exercises.\n",
        "The two presidents met on March 3, 2031 to review the alliance's extended deterrence.\n"
        "The post Joint Statement by the Presidents of the Two Allies on Nuclear Deterrence first appeared on Gov "
        "Mirror.\nThe two presidents met on March 3, 2031 to review the alliance's extended deterrence.\n",
    ],
    ids=["own-heading", "feed-repost-footer-names-it"],
)
def test_a_joint_statement_by_its_own_heading_or_its_repost_line_stays_one(text: str) -> None:
    assert _doc(text)[1] == "joint_statement"


@pytest.mark.parametrize(
    "credit",
    ["Nikkei Asian Review:", "Korea Times:", "Seoul Daily Herald Online:"],
)
def test_a_publishers_credit_line_is_no_title(credit: str) -> None:
    text = (
        f"{credit}\nThe two allies agreed on new guidelines against missile threats at their annual defense meeting "
        "on Monday, officials said.\nThe defense chiefs will meet again next year.\n"
    )
    title, _ = title_and_kind(text)
    assert title != credit


@pytest.mark.parametrize("heading", ["Fact Sheet: Alliance Exercises", "Joint Statement:", "Readout:"])
def test_a_documents_own_name_with_a_colon_stays_its_title(heading: str) -> None:
    text = f"{heading}\nThe two allies agreed on new guidelines against missile threats on Monday.\n"
    title, _ = title_and_kind(text)
    assert title is not None and title.startswith(heading.rstrip(":"))


# -- 2. a party's own support stated with its strength is a pledge; a bare "supports" noted, or "would continue"
#       under a view, is not


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        (
            "The Minister also stated that the ROK fully supports and respects the Armistice Agreement and the "
            "authorities of the United Nations Command.",
            "KOR",
        ),
        (
            "The Secretary stated that the United States firmly supports the Armistice Agreement and the work of the "
            "United Nations Command.",
            "USA",
        ),
    ],
    ids=["rok-fully-supports", "us-firmly-supports"],
)
def test_a_partys_stated_support_is_its_pledge(sentence: str, party: str) -> None:
    assert (frozenset({"ArmisticeSupport"}), party) in scm_pledges(sentence)


def test_a_bare_support_noted_is_no_pledge() -> None:
    sentence = "The Secretary noted that the United States supports the Armistice Agreement."
    assert scm_pledges(sentence) == set()


# -- 3. "the three", "the three NSAs" and a "They" that goes on with them are the three allies


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Secretary's Call with the Vice Foreign Ministers of Japan and the Republic of Korea\n\n"
        "March 3, 2031\n\n"
        "The Deputy Secretary held a call with the Vice Foreign Ministers of Japan and the Republic of Korea. "
        "The Deputy Secretary stressed that the United States will defend its allies, and the three agreed to hold "
        "a trilateral meeting in Seoul next month.\n",
        "Readout of the Security Advisors' Call\n\nMarch 3, 2031\n\n"
        "The National Security Advisor held a call with his counterparts of Japan and the Republic of Korea. "
        "The three NSAs reaffirmed the importance of their coordination. They noted the North's launches. "
        "They reiterated their cooperation toward the complete denuclearization of the Korean Peninsula.\n",
    ],
    ids=["the-three-agreed", "they-after-the-three-nsas"],
)
def test_the_three_are_the_three_allies(text: str) -> None:
    assert any(party == "JPN+KOR+USA" for _, party in _read(text))


def test_they_after_the_two_sides_stays_the_two() -> None:
    text = (
        "Readout of the Defense Chiefs' Call\n\nMarch 3, 2031\n\n"
        "The Secretary held a call with the Minister of National Defense of the Republic of Korea. "
        "The two sides reaffirmed the importance of their coordination. "
        "They reiterated their cooperation toward the complete denuclearization of the Korean Peninsula.\n"
    )
    assert {party for _, party in _read(text)} <= {"KOR+USA"}


# -- 4. a pledge noun denied ("no decisions have been approved yet") is none


@pytest.mark.parametrize(
    "sentence",
    [
        "Doe said despite reports the US is weighing a sale of long-range interceptors; no decisions have been "
        "approved yet.",
        "The minister told parliament today that no formal decision has been made on whether to hold the spring "
        "exercise.",
    ],
    ids=["no-decisions-approved", "no-formal-decision"],
)
def test_a_denied_pledge_noun_is_no_pledge(sentence: str) -> None:
    text = (
        "Allies weigh interceptor sale\n\n"
        "The allies will widen their exchange of missile warning data, said Defense Secretary Jane Doe and her "
        f"Republic of Korea counterpart Kim Min-su. {sentence}\n"
    )
    descriptions = [d for _, _, d in pledges(extract_document(read_bytes(text.encode(), suffix=".txt")))]
    assert not any("decision" in d for d in descriptions)


def test_a_pledge_noun_not_denied_still_pledges() -> None:
    sentence = "The Secretary said that the decision to widen combined exercises stands."
    assert scm_pledges(sentence) != set()


# -- 5. "these domains" takes the fields an earlier sentence of its paragraph listed


@pytest.mark.parametrize(
    "paragraph",
    [
        "The two sides concurred in the importance of cooperation in the areas of defense research and development, "
        "industrial cooperation, and capability acquisition, with a focus on interoperability. The two sides pledged "
        "to deepen cooperative efforts through the regular consultative bodies that support these domains.",
        "The Minister and the Secretary noted the progress made in the fields of space situational awareness and "
        "satellite communications; they welcomed it. They agreed to keep close consultation in those fields.",
    ],
    ids=["these-domains", "those-fields"],
)
def test_these_domains_take_the_fields_listed_before(paragraph: str) -> None:
    found = {t for types, _ in scm_pledges(paragraph) for t in types}
    assert found & {"DefenseIndustryCooperation", "SpaceCooperation"}


def test_a_pledge_without_the_anaphor_takes_no_field_from_before() -> None:
    paragraph = (
        "The two sides concurred in the importance of cooperation in the areas of defense research and development "
        "and capability acquisition. The two sides pledged to hold close consultations on cyber threats."
    )
    found = {t for types, _ in scm_pledges(paragraph) for t in types}
    assert "DefenseIndustryCooperation" not in found


# -- 6. a run of bare verbs after commas is cut as a run of "to" infinitives is


@pytest.mark.parametrize(
    ("bare", "with_to"),
    [
        (
            "The two sides agreed to deepen cooperation on cyber defense, establish a space situational awareness "
            "working group, and expand combined exercises.",
            "The two sides agreed to deepen cooperation on cyber defense, to establish a space situational awareness "
            "working group, and to expand combined exercises.",
        ),
        (
            "The Minister and the Secretary pledged to strengthen missile defense cooperation, enhance space "
            "cooperation, and develop combined exercises.",
            "The Minister and the Secretary pledged to strengthen missile defense cooperation, to enhance space "
            "cooperation, and to develop combined exercises.",
        ),
    ],
    ids=["deepen-establish-expand", "strengthen-enhance-develop"],
)
def test_a_bare_verb_run_is_cut_as_a_to_run_is(bare: str, with_to: str) -> None:
    split = scm_pledges(bare)
    assert split == scm_pledges(with_to)
    assert len(split) == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides agreed to strengthen and expand cooperation on missile defense.",
        "The two sides pledged to maintain close coordination on missile defense, sharing information in real time.",
    ],
    ids=["two-verbs-one-object", "participle-after-comma"],
)
def test_no_bare_verb_after_a_comma_keeps_one_pledge(sentence: str) -> None:
    assert len(scm_pledges(sentence)) == 1


# -- 7. an unquoted "we" that works together with one ally is the other ally


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        (
            "We look forward to working together with the ROK, across all our forums, to further strengthen our "
            "extended deterrence cooperation.",
            "USA",
        ),
        ("We will keep strengthening our extended deterrence cooperation alongside the United States.", "KOR"),
    ],
    ids=["with-the-rok", "alongside-the-us"],
)
def test_we_working_with_one_ally_is_the_other(sentence: str, party: str) -> None:
    text = f"Remarks after the Deterrence Dialogue\n\nMarch 3, 2031\n\nGood afternoon. {sentence}\n"
    assert {p for _, p in _read(text)} == {party}


def test_we_working_with_a_third_state_stays_both() -> None:
    text = (
        "Remarks after the Deterrence Dialogue\n\nMarch 3, 2031\n\nGood afternoon. We look forward to working "
        "together with Japan to further strengthen our extended deterrence cooperation.\n"
    )
    assert {p for _, p in _read(text)} <= {"KOR+USA"}
