"""Leaders' statements and their reprints that a second tenth-round probe of public texts misread (issue 15).

Shapes of stored public copies: a leaders' statement whose opening says they met "to reaffirm the gains in
U.S.-ROK security cooperation" (and its newspaper translation, "progress in South Korea-U.S. security
cooperation"), where the party pair after "in" was taken for the summit's place; a newspaper's lead in which
the presidents "held a Korea-US summit ... and adopted" a declaration, where the second party of the pair
that names the summit was taken for the one who adopted it. The sentences are written for the tests; none is
copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, heads, pledges, recorded_node

from extractors.metadata import infer_kind
from extractors.readers import read_bytes
from extractors.rules import extract_document

# -- 1. a pair of parties after "in" is no place --------------------------------------------------------


def test_party_pair_after_in_is_not_the_summits_place() -> None:
    text = (
        "President Joseph R. Biden of the United States and President Yoon Suk Yeol of the Republic of Korea "
        "met on March 3, 2024 to review the gains in U.S.-ROK security cooperation on extended deterrence "
        "since the first meeting of their consultative group.\n"
    )
    summit = recorded_node(extract_text(text, dt.date(2024, 3, 4), "joint_statement"))
    assert summit is not None and summit.props["date"] == dt.date(2024, 3, 3)
    assert "location" not in summit.props
    assert heads(extract_text(text, dt.date(2024, 3, 4), "joint_statement"), summit) == {"Joe Biden", "Yoon Suk Yeol"}


def test_translated_party_pair_after_in_is_not_the_summits_place() -> None:
    text = (
        "President Yoon Suk Yeol and President Joe Biden met on March 3, 2024 and reviewed the progress in "
        "South Korea-U.S. security cooperation on deterrence.\n"
    )
    summit = recorded_node(extract_text(text, dt.date(2024, 3, 4), "joint_statement"))
    assert summit is not None and "location" not in summit.props


def test_a_city_after_in_is_still_the_summits_place() -> None:
    # guard: the place rule itself is unchanged
    text = (
        "President Yoon Suk Yeol and President Joe Biden met in Seoul on March 3, 2024 to review the gains in "
        "U.S.-ROK security cooperation.\n"
    )
    summit = recorded_node(extract_text(text, dt.date(2024, 3, 4), "joint_statement"))
    assert summit is not None and summit.props.get("location") == "Seoul"


# -- 2. the pair that names a summit is not who acts ------------------------------------------------------


def test_pair_naming_a_summit_is_not_the_subject_of_the_next_verb() -> None:
    for pair in ("Korea-US", "ROK-U.S."):
        text = (
            f"President Yoon Suk Yeol and President Joe Biden held a {pair} summit that day and adopted a "
            "declaration that creates a consultative group on extended deterrence.\n"
        )
        found = pledges(extract_text(text, dt.date(2024, 3, 4), "joint_statement"))
        assert [p for _t, p, d in found if "adopted a declaration" in d] == ["KOR+USA"], pair


def test_one_party_after_a_pair_that_qualifies_a_noun_still_acts_alone() -> None:
    # guard: a party named after the compound (and a comma) is still the subject
    text = "Deepening ROK-U.S. cooperation, the United States reaffirmed its commitment to extended deterrence.\n"
    found = pledges(extract_text(text, dt.date(2024, 3, 4), "joint_statement"))
    assert [p for _t, p, d in found if "reaffirmed" in d] == ["USA"]


# -- 3. a participle that opens the sentence describes its subject ------------------------------------------


def test_participle_opening_a_sentence_is_no_establishment_pledged() -> None:
    # a translation's "Established as <a body>, the group has ...": what the group has done, not a new pledge
    text = (
        "Established as a standing consultative body, the NCG has carried out the Washington Declaration, directly "
        "strengthening cooperation on extended deterrence. The two sides established a new working group on "
        "extended deterrence.\n"
    )
    found = pledges(extract_text(text, dt.date(2024, 3, 4), "joint_statement"))
    assert not any("standing consultative body" in d for _t, _p, d in found)
    assert [p for _t, p, d in found if "established a new working group" in d] == ["KOR+USA"]


def test_bare_past_form_opening_a_fact_sheet_item_still_acts() -> None:
    # guard: a fact sheet's item without a subject ("Established a ...") is the parties' act
    text = "Established a consultative group on extended deterrence.\n"
    found = pledges(extract_text(text, dt.date(2024, 3, 4), "joint_statement"))
    assert [p for _t, p, _d in found] == ["KOR+USA"]


# -- 4. the meeting a readout's sentence opens with is no party to it ----------------------------------------


def test_meeting_after_during_is_not_joined_to_the_speaker() -> None:
    # a readout: "During the meeting, Secretary X underscored that the U.S. commitment ... is ironclad"
    text = (
        "Readout of the Secretary's Meeting With the Minister\n"
        "During the meeting, Secretary Smith underscored that the U.S. commitment to the defense of the ROK is "
        "ironclad and backed by the full range of U.S. capabilities.\n"
    )
    found = pledges(extract_text(text, dt.date(2024, 3, 4), "other"))
    assert [p for _t, p, d in found if "underscored" in d] == ["USA"]


def test_both_sides_after_during_still_pledge_together() -> None:
    # guard: the subject after the opening phrase is unchanged
    text = "During the talks, the two sides reaffirmed their commitment to extended deterrence.\n"
    found = pledges(extract_text(text, dt.date(2024, 3, 4), "other"))
    assert [p for _t, p, _d in found] == ["KOR+USA"]


# -- 5. what kind of document a page is ---------------------------------------------------------------------


def test_archive_banner_saying_the_site_is_no_longer_updated_is_no_news_cue() -> None:
    # an archived presidential site's banner over a leaders' release that carries no joint heading
    text = (
        "This is historical material from an archive. The website is no longer updated and links to other "
        "websites may not work.\n\n"
        "The President's Visit to the Republic of Korea\n\n"
        "The two leaders pledged to keep close consultation on North Korea policy.\n"
    )
    assert infer_kind(text, None)[0] == "other"
    # ... and the banner after the archive's label is no title either
    archived = read_bytes(("National Archives " + text).encode(), suffix=".txt")
    assert archived.title == "The President's Visit to the Republic of Korea"
    # guard: a news page's own stamp is still one
    assert infer_kind("Leaders meet\n\nUpdated : 2031-03-04 10:09 KST\n\nThe two leaders met.", None)[0] == "news"


def test_fact_sheet_of_a_state_visit_records_the_summit() -> None:
    text = (
        "FACT SHEET: Republic of Korea State Visit to the United States\n\n"
        "President Biden welcomed President Yoon of the Republic of Korea (ROK) on April 26, 2023, for a State "
        "Visit marking seventy years of the Alliance. The two presidents reaffirmed their commitment to a global "
        "alliance.\n\n"
        "The United States committed to more visible deployments of U.S. strategic assets to the Korean Peninsula.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert doc.kind == "joint_statement"
    graph = extract_document(doc)
    summit = recorded_node(graph)
    assert summit is not None and summit.props["date"] == dt.date(2023, 4, 26)
    assert heads(graph, summit) == {"Joe Biden", "Yoon Suk Yeol"}


def test_fact_sheet_on_another_subject_keeps_its_kind() -> None:
    # guard: only the fact sheet of a visit is the visit's record
    text = "FACT SHEET: Support for Disaster Relief in the Pacific\n\nThe United States is sending relief supplies.\n"
    assert read_bytes(text.encode(), suffix=".txt").kind != "joint_statement"
