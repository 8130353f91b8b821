"""Related statements a twelfth-round probe read for the first time (issue 15).

Shapes of stored public copies of statements earlier rounds had not read: the joint press statements of the
three allies' trilateral coordination group of 1999-2003 on State's archive, an embassy page, a wire service's
copy and a mail archive that forwarded the text with "> " before each line; a 2001 leaders' joint statement on a
presidential archive; a document database's record of a 2010 trilateral ministers' statement ("[Title]",
"[Place]", "[Date]" lines); a blog copy of a numbered defense policy talk of 2009. What went wrong: the group's
meetings were no meeting at all; its heads, titled with offices the gazetteer does not know and given their states
only by "headed respectively by", were not persons or had no state; the quoted mail's marks cut every sentence; the
leaders "today reaffirmed" under the statement's date line held no summit, and when they did, "a second
inter-Korean summit" hoped for made it an inter-Korean one; the database's field label stayed in the title and the
"Trilateral Statement" was read as a readout; the "22nd Security Policy Initiative (SPI)" was no meeting. The texts
are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, heads, recorded_node, title_and_kind

from extractors.readers import read_bytes
from extractors.rules import extract_document
from graph.model import GraphData, Node
from graph.schema import Kind, Rel, is_a


def _persons(graph: GraphData) -> dict[str, tuple[object, str | None]]:
    """Each person of a graph: (role, country notation)."""
    nodes = graph.node_map()
    country = {
        r.source: str(nodes[r.target].props.get("notation")) for r in graph.relationships if r.type == Rel.AFFILIATION
    }
    return {n.label: (n.props.get("role"), country.get(n.iri)) for n in graph.nodes if n.kind == Kind.PERSON}


def _meetings(graph: GraphData) -> list[Node]:
    return [n for n in graph.nodes if is_a(n.kind, Kind.MEETING)]


# -- 1. the trilateral coordination group's meetings -----------------------------------------------------------


def test_coordination_group_meeting_held_this_year() -> None:
    text = (
        "Joint Press Statement\n\n"
        "The delegations of Japan, the Republic of Korea and the United States, headed respectively by "
        "Director-General of Asian and Oceanian Affairs Taro Example, Deputy Foreign Minister Ambassador Hong "
        "Gil-dong, and Assistant Secretary of State for East Asian and Pacific Affairs Pat Sample, held this "
        "year's third Japan-U.S.-ROK Trilateral Coordination and Oversight Group (TCOG) meeting in Honolulu on "
        "June 5.\n\n"
        "The three delegations reviewed the situation on the Korean Peninsula.\n"
    )
    graph = extract_text(text, dt.date(2031, 6, 6), "joint_statement")
    recorded = recorded_node(graph)
    assert recorded is not None
    assert recorded.label == "Trilateral Coordination and Oversight Group meeting, 2031-06-05"
    assert recorded.props["series"] == "Trilateral" and recorded.props.get("ordinal") is None
    assert (recorded.props["date"], recorded.props["location"]) == (dt.date(2031, 6, 5), "Honolulu")
    assert heads(graph, recorded) == {"Taro Example", "Hong Gil-dong", "Pat Sample"}
    people = _persons(graph)
    assert people["Taro Example"] == ("Director-General of Asian and Oceanian Affairs", "JPN")
    assert people["Hong Gil-dong"] == ("Deputy Foreign Minister", "KOR")


def test_coordination_group_meeting_with_swapped_nouns_and_a_lost_dash() -> None:
    # a wire copy swaps the group's two nouns; an archive's copy lost the en dashes between the parties ("?")
    for name in (
        "the third Trilateral Oversight and Coordination Group Meeting",
        "this year's second Japan?U.S.?ROK Trilateral Coordination and Oversight Group (TCOG) meeting",
    ):
        text = (
            "Statement of the three delegations\n\n"
            f"The three delegations held {name} in Tokyo on April 9, 2032. They reviewed the situation.\n"
        )
        graph = extract_text(text, dt.date(2032, 4, 9), "other")
        recorded = recorded_node(graph)
        assert recorded is not None, name
        assert recorded.label.startswith("Trilateral Coordination and Oversight Group meeting"), recorded.label
        assert (recorded.props["date"], recorded.props["location"]) == (dt.date(2032, 4, 9), "Tokyo")


def test_coordination_group_itself_is_no_meeting() -> None:
    # negative: the group named without "meeting" (its officials, its role) is the body, not one of its meetings
    text = (
        "Statement\n\n"
        "Officials representing the Trilateral Coordination and Oversight Group agreed on the approach. The TCOG "
        "coordinates the three allies' policies.\n"
    )
    graph = extract_text(text, dt.date(2032, 4, 9), "other")
    assert _meetings(graph) == []


# -- 2. heads listed "respectively" -------------------------------------------------------------------------


def test_heads_take_their_states_in_order() -> None:
    # a second shape: the United States first, a comma before the rank
    text = (
        "Joint Statement\n\n"
        "The delegations of the United States of America, the Republic of Korea (ROK) and Japan, headed "
        "respectively by Assistant Secretary of State for East Asian and Pacific Affairs Pat Sample, Deputy "
        "Foreign Minister, Ambassador Hong Gil-dong, and Director-General for North American Affairs Jiro "
        "Example, met in Seoul on May 2, 2032.\n"
    )
    people = _persons(extract_text(text, dt.date(2032, 5, 2), "joint_statement"))
    assert people["Hong Gil-dong"] == ("Deputy Foreign Minister", "KOR")
    assert people["Jiro Example"] == ("Director-General for North American Affairs", "JPN")


def test_heads_not_matching_the_states_keep_none() -> None:
    # negative: two states and three persons, or no "respectively": no state is guessed for an untitled office
    for text in (
        "Joint Statement\n\nThe delegations of Japan and the United States, headed respectively by "
        "Director-General of Asian and Oceanian Affairs Taro Example, Director-General of European Affairs Jiro "
        "Example, and Assistant Secretary of State for East Asian and Pacific Affairs Pat Sample, met in Tokyo on "
        "May 2, 2032.\n",
        "Joint Statement\n\nThe delegations of Japan and the United States met; Director-General of Asian and "
        "Oceanian Affairs Taro Example spoke first.\n",
    ):
        people = _persons(extract_text(text, dt.date(2032, 5, 2), "joint_statement"))
        assert people["Taro Example"][1] is None, text


# -- 3. a forwarded mail's quotation marks --------------------------------------------------------------------

_QUOTED = (
    "Fwd: Statement of the three delegations\n\n"
    "attached mail follows:\n\n"
    "> June 5, 2031\n"
    ">\n"
    "> The delegations of Japan, the Republic of Korea and the United States, headed\n"
    "> respectively by Director-General of Asian and Oceanian Affairs Taro\n"
    "> Example, Deputy Foreign Minister Hong Gil-dong, and Assistant Secretary of\n"
    "> State for East Asian and Pacific Affairs Pat Sample, held this year's first\n"
    "> Trilateral Coordination and Oversight Group meeting in Honolulu on June 5, 2031.\n"
    ">\n"
    "> The three delegations reiterated their intention to pursue a peaceful\n"
    "> resolution of the nuclear issue.\n"
)


def test_quoted_mail_reads_as_its_text() -> None:
    doc = read_bytes(_QUOTED.encode(), suffix=".txt")
    assert ">" not in doc.text
    assert "headed respectively by Director-General of Asian and Oceanian Affairs Taro Example," in doc.text
    graph = extract_document(doc)
    recorded = recorded_node(graph)
    assert recorded is not None and recorded.props["location"] == "Honolulu"
    assert heads(graph, recorded) == {"Taro Example", "Hong Gil-dong", "Pat Sample"}
    # the evidence still points into the text as read, marks and all
    for n in graph.nodes:
        if n.kind == Kind.MENTION:
            start, end = int(n.props["charStart"]), int(n.props["charEnd"])
            assert doc.original[start:end] == n.props["text"]


def test_quoted_lines_in_a_second_shape() -> None:
    # marks without a space, doubled marks, a blank line of marks
    text = (
        "From: someone\n\n"
        ">>The first line of the quoted text goes\n"
        ">>on here and ends here.\n"
        ">>\n"
        ">>A second paragraph goes\n"
        ">>on and ends.\n"
        ">>Still the second paragraph.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert "The first line of the quoted text goes on here and ends here." in doc.text
    assert ">" not in doc.text


def test_a_few_marks_are_not_a_quotation() -> None:
    # negative: a text with a "greater than" or two stays as it is
    text = (
        "The ministers reviewed the plan.\n\n"
        "> Note one\n\n"
        "The allies agreed that costs > benefits was not the case.\n\n"
        "They met again on June 5, 2031.\n\n"
        "The statement ends here.\n\n"
        "A last line.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert "> Note one" in doc.text and "costs > benefits" in doc.text


# -- 4. leaders acting "today" under their joint statement's date line ---------------------------------------


def test_leaders_today_in_the_opening_hold_their_summit() -> None:
    for day, opening, leaders in (
        (
            dt.date(2008, 4, 19),
            "President George W. Bush and President Lee Myung-bak of the Republic of Korea today reaffirmed the "
            "strength of the alliance.",
            {"George W. Bush", "Lee Myung-bak"},
        ),
        (
            dt.date(2009, 6, 16),
            "President Lee Myung-bak and President Barack Obama today issued a statement on the alliance.",
            {"Lee Myung-bak", "Barack Obama"},
        ),
    ):
        text = (
            "Joint Statement Between the United States and the Republic of Korea\n\n"
            f"{day:%B} {day.day}, {day.year}\n\n"
            f"{opening} The two Presidents pledged to deepen their partnership.\n\n"
            "The two leaders shared the hope that a second inter-Korean summit will help peace.\n"
        )
        graph = extract_text(text, day, "joint_statement")
        recorded = recorded_node(graph)
        assert recorded is not None, opening
        assert recorded.label == f"ROK-U.S. summit, {day.isoformat()}"  # not the inter-Korean one hoped for
        assert heads(graph, recorded) == leaders


def test_leaders_today_elsewhere_hold_no_summit() -> None:
    # negative: a news story's "today", a later paragraph's, and "today's" record no summit of the leaders
    body = "President George W. Bush and President Lee Myung-bak today reaffirmed the strength of the alliance."
    cases = (
        ("Leaders affirm alliance\n\n" + body + "\n", "news"),
        (
            "Joint Statement\n\nApril 19, 2008\n\nThe alliance is strong.\n\nThe partnership grows.\n\n"
            "Trade grows too.\n\n" + body + "\n",
            "joint_statement",
        ),
        (
            "Joint Statement\n\nApril 19, 2008\n\nPresident George W. Bush and President Lee Myung-bak noted "
            "today's progress in the work of their envoys.\n",
            "joint_statement",
        ),
    )
    for text, kind in cases:
        graph = extract_text(text, dt.date(2008, 4, 19), kind)
        assert not any(n.props.get("series") == "Summit" for n in _meetings(graph)), text


# -- 5. a document database's record ------------------------------------------------------------------------


def test_database_record_title_and_trilateral_statement() -> None:
    for text in (
        "Database of International Relations\n\n[Title] Trilateral Statement Japan, Republic of Korea, and the "
        "United States of America\n\n[Place] Washington, D.C.\n[Date] December 6, 2031\n[Full text]\n\n"
        "The three ministers met in Washington, D.C., on December 6, 2031.\n",
        "[ Title ] Joint Statement of the Ministers\n[Date] July 12, 2032\n\nThe ministers met today.\n",
    ):
        title, kind = title_and_kind(text)
        assert title is not None and not title.startswith("["), title
        assert kind == "joint_statement", text


def test_other_bracketed_labels_and_statements_stay() -> None:
    # negative: a statement that is not the three allies' stays a readout; a bracket that is no field label stays
    title, kind = title_and_kind("Statement by the Spokesperson\n\nThe spokesperson said the talks went well.\n")
    assert kind != "joint_statement"
    title, _ = title_and_kind("[Draft] Joint Statement of the Ministers\n\nThe ministers met today.\n")
    assert title is not None and title.startswith("[Draft]")


# -- 6. a numbered policy talk without a meeting word ---------------------------------------------------------


def test_numbered_security_policy_initiative_is_a_meeting() -> None:
    for sentence in (
        "The two ministries held the 22nd Security Policy Initiative (SPI) today in Washington, D.C.",
        "The 23rd SPI meeting was held in Seoul on July 20, 2009.",
    ):
        text = f"Talks held\n\n{sentence} The two sides discussed the alliance.\n"
        graph = extract_text(text, dt.date(2009, 7, 20) if "23rd" in sentence else dt.date(2009, 5, 14), "other")
        recorded = recorded_node(graph)
        assert recorded is not None, sentence
        assert recorded.props["series"] == "Other" and recorded.props["ordinal"] in (22, 23)
        assert recorded.label.endswith("SPI"), recorded.label


def test_the_initiative_itself_is_no_meeting() -> None:
    # negative: the body without an ordinal or a meeting word
    text = (
        "About the talks\n\nThe Security Policy Initiative (SPI) is a dialogue held every two to three months. The "
        "SPI alternates between Washington and Seoul.\n"
    )
    assert _meetings(extract_text(text, dt.date(2009, 5, 14), "other")) == []


# -- 7. a leader's visit that a fact sheet opens with ---------------------------------------------------------


def test_visit_in_the_opening_is_the_summit() -> None:
    for day, opening, head in (
        (
            dt.date(2014, 4, 25),
            "On the occasion of President Obama's visit to the Republic of Korea, the alliance is stronger than ever.",
            "Barack Obama",
        ),
        (
            dt.date(2015, 10, 16),
            "On the occasion of the second visit of President Park to the United States, our partnership has reached "
            "new levels.",
            "Park Geun-hye",
        ),
    ):
        text = (
            "Joint Fact Sheet: The Alliance\n\n"
            f"{day:%B} {day.day}, {day.year}\n\n"
            f"{opening}\n\nThe two countries remain committed to close cooperation on North Korea.\n"
        )
        graph = extract_text(text, day, "joint_statement")
        recorded = recorded_node(graph)
        assert recorded is not None, opening
        assert (recorded.props["series"], recorded.props["date"]) == ("Summit", day)
        assert head in heads(graph, recorded)


def test_other_visits_are_no_summit() -> None:
    # negative: a visit to a third state, a news story's visit, and a visit told later in the statement
    cases = (
        (
            "Joint Fact Sheet\n\nApril 25, 2014\n\nOn the occasion of President Obama's visit to Japan, the "
            "alliance is strong.\n",
            "joint_statement",
        ),
        (
            "Obama in Seoul\n\nOn the occasion of President Obama's visit to the Republic of Korea, officials met.\n",
            "news",
        ),
        (
            "Joint Fact Sheet\n\nApril 25, 2014\n\nThe alliance is strong.\n\nTrade grows.\n\nPeople meet.\n\n"
            "On the occasion of President Obama's visit to the Republic of Korea, the two sides talked.\n",
            "joint_statement",
        ),
    )
    for text, kind in cases:
        graph = extract_text(text, dt.date(2014, 4, 25), kind)
        assert not any(n.props.get("series") == "Summit" for n in _meetings(graph)), text


# -- 8. an earlier meeting's day is no document's date ---------------------------------------------------------


def test_previous_meeting_day_does_not_date_the_document() -> None:
    for text in (
        "Trilateral Foreign Ministers' Meeting (Overview)\nOn September 28, the three ministers met on the margins of "
        "the General Assembly. (The previous meeting was held in Phnom Penh, Cambodia, on July 12, 2032.)\n",
        "Talks resume\n\nThe envoys met again this week. The last round of talks took place in Geneva on March 3, "
        "2032, without result.\n",
    ):
        assert read_bytes(text.encode(), suffix=".txt").date is None, text


def test_a_meeting_held_on_its_day_still_dates_the_document() -> None:
    # negative: the day of the meeting the text reports (not an earlier one) still dates it
    text = "Trilateral meeting\n\nThe meeting was held in Tokyo on July 12, 2032. The ministers agreed.\n"
    assert read_bytes(text.encode(), suffix=".txt").date == dt.date(2032, 7, 12)


def test_undated_overview_dates_its_meeting_after_the_previous_one() -> None:
    # the undated overview's "On September 28" is the first September 28 after the previous meeting it names
    for text, day in (
        (
            "Trilateral Foreign Ministers' Meeting (Overview)\n\nOn September 28, Foreign Minister Taro Example "
            "attended a trilateral foreign ministers' meeting hosted by the U.S. (The previous meeting was held in "
            "Phnom Penh, Cambodia, on July 12, 2032.)\n\n1. The three ministers confirmed their unity.\n",
            dt.date(2032, 9, 28),
        ),
        (
            "Trilateral Foreign Ministers' Meeting (Overview)\n\nOn March 3, the three ministers held a trilateral "
            "foreign ministers' meeting in Seoul. The last meeting took place in Tokyo on November 20, 2032.\n",
            dt.date(2033, 3, 3),
        ),
    ):
        doc = read_bytes(text.encode(), suffix=".txt")
        assert doc.date is None
        recorded = recorded_node(extract_document(doc))
        assert recorded is not None, text
        assert recorded.props["date"] == day


def test_undated_text_without_an_earlier_meeting_stays_undated() -> None:
    # negative: no earlier meeting named, or "today", gives no day; a meeting of the reported day is not "earlier"
    for text in (
        "Trilateral Foreign Ministers' Meeting (Overview)\n\nOn September 28, the three ministers held a trilateral "
        "foreign ministers' meeting in New York.\n",
        "Trilateral Foreign Ministers' Meeting (Overview)\n\nToday the three ministers held a trilateral foreign "
        "ministers' meeting in New York. (The previous meeting was held in Phnom Penh on July 12, 2032.)\n",
    ):
        doc = read_bytes(text.encode(), suffix=".txt")
        graph = extract_document(doc)
        assert not any(n.props.get("series") == "Trilateral" and n.props.get("date") for n in _meetings(graph)), text
