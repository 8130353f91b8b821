"""Filing and dating patterns found on real public copies (issue 15, sixth probe): a document dated from a date
that names another event (an earlier joint statement, an official taking office), a release number whose tail
ran into the dateline, and a meeting named in passing after "since".

The texts are written for the tests in the shapes of the real copies (a DoD release with its routing lines, a
joint chiefs' news page whose header date was cut off); the facts they lean on (the six-party joint statement of
2005-09-19, the 48th MCM in Seoul on 2023-11-12, the 1st SCM in May 1968) are from the public record.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import make_doc as probe_doc
from extraction_probe import meeting_props as meetings
from extraction_probe import recorded_label as recorded

from extractors.document import SourceDocument
from extractors.metadata import infer_date, infer_kind, infer_title, names_other_event
from extractors.rules import extract_document
from extractors.rules.actors import find_actors
from extractors.rules.dates import full_dates
from extractors.rules.lexicon import default_lexicon
from extractors.rules.text import paragraphs
from graph.schema import Kind, Prop, Rel


def make_doc(text: str, date: dt.date | None, kind: str = "other") -> SourceDocument:
    return probe_doc(text, date, kind)


RELEASE = """Defense Department

News Release

Release No: 233-13
February 22, 2013

Joint Statement of the Two Defense Ministries' Dialogue

The two sides met in Washington on Feb. 21-22 and found that the recent test broke the pledges the North
made in the Sept. 19, 2005 Joint Statement of the six-party process.
"""


def test_a_release_number_does_not_swallow_the_date_below_it() -> None:
    assert [d.date for d in full_dates("Release No: 233-13\nFebruary 22, 2013\n")] == [dt.date(2013, 2, 22)]


def test_a_release_is_dated_by_its_dateline_not_an_earlier_statement_it_names() -> None:
    found, source, _ = infer_date(RELEASE)
    assert (found, source) == (dt.date(2013, 2, 22), "text")


@pytest.mark.parametrize(
    "text",
    [
        "The talks reaffirmed the Sept. 19, 2005 Joint Statement in full.",
        "It was his first trip since he took office on October 1, 2023.",
        "Both upheld the accord signed on June 12, 2018 between the leaders.",
        "Cooperation has grown since May 28, 1968, when the ministers first met.",
    ],
)
def test_a_date_that_names_another_event_is_not_the_document_s_date(text: str) -> None:
    (date,) = full_dates(text)
    assert names_other_event(text, date.start, date.end)
    assert infer_date(text)[0] is None


def test_the_first_date_that_names_no_other_event_dates_the_document() -> None:
    text = "Seoul, 12 November 2023\nThe chairman arrived for the first time since he took office on October 1, 2023."
    assert infer_date(text)[0] == dt.date(2023, 11, 12)


# A communiqué as a machine translation reposted on a scraper site renders it: "Consultation" for
# "Consultative", the site's breadcrumb trail run into the title, and the MCM of the day before named first.
TRANSLATED = """Joint Communique of the 53rd Security Consultation Meeting> Department of Defense> Released

2021-12-08 12:45:19 By : site editor

1. On December 2, 2021, the 53rd South Korea-US Security Consultation Meeting took place in Seoul, the two \
defense chiefs leading their delegations. The day before, on December 1, 2021, the two chairmen of the joint \
chiefs co-chaired the 46th South Korea-US Military Committee meeting.

2. The two sides vowed to keep developing the alliance.
"""


def test_a_translated_consultation_meeting_is_the_scm_it_records() -> None:
    graph = extract_document(make_doc(TRANSLATED, dt.date(2021, 12, 8), "communique"))
    found = meetings(graph)
    assert recorded(graph) == "53rd SCM"
    assert found["53rd SCM"][Prop.DATE.value] == dt.date(2021, 12, 2)
    assert found["53rd SCM"][Prop.LOCATION.value] == "Seoul"
    assert found["46th MCM"][Prop.DATE.value] == dt.date(2021, 12, 1)


def test_a_breadcrumb_trail_after_the_title_is_not_part_of_it() -> None:
    title = infer_title(TRANSLATED, paragraphs(make_doc(TRANSLATED, None)))
    assert title == "Joint Communique of the 53rd Security Consultation Meeting"
    assert infer_kind(TRANSLATED, title)[0] == "communique"


FIFTIETH = """Joint Communique of the 50th U.S.-ROK Security Consultative Meeting

1. The 50th U.S.-ROK Security Consultative Meeting (SCM) was held in Washington, D.C. on October 31, 2018.

2. Both sides noted how much the SCM has done for the Alliance since the first meeting on May 28, 1968.
"""


def test_a_first_meeting_named_after_since_is_context_never_the_document_s_meeting() -> None:
    graph = extract_document(make_doc(FIFTIETH, dt.date(2018, 10, 31), "communique"))
    found = meetings(graph)
    assert recorded(graph) == "50th SCM"
    # kept as a meeting the text names, with the days the reference holds (the text gives the second one)
    first = found["1st SCM"]
    assert (first[Prop.DATE.value], first[Prop.END_DATE.value]) == (dt.date(1968, 5, 27), dt.date(1968, 5, 28))
    assert found["50th SCM"][Prop.DATE.value] == dt.date(2018, 10, 31)


UNTITLED_NOTE = """Media Note
Office of the Spokesperson
Washington, DC
October 19, 2016

The two foreign ministers and the two defense chiefs met in Washington on October 19, 2016, for their fourth \
joint session, the day before the defense chiefs held their own annual meeting at the Pentagon.

Alliance Posture

The four officials agreed to keep the combined defense posture strong.
"""


def test_a_heading_after_the_first_paragraph_heads_a_section_not_the_document() -> None:
    assert infer_title(UNTITLED_NOTE, paragraphs(make_doc(UNTITLED_NOTE, None))) is None
    titled = "Joint Statement of the Fourth Session\n\n" + UNTITLED_NOTE
    assert infer_title(titled, paragraphs(make_doc(titled, None))) == "Joint Statement of the Fourth Session"


def _roles(text: str) -> dict[str, str | None]:
    found = find_actors(text, default_lexicon(), 2031)
    return {a.actor.label: a.actor.role for a in found if a.actor.kind == Kind.PERSON}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "They were joined by Gen. Taro Example, Chief of Staff, Joint Staff, for the talks.",
            "Taro Example",
            "Chief of Staff, Joint Staff",
        ),
        ("The host welcomed Japanese Chief of Staff Adm. Taro Example to the talks.", "Taro Example", "Chief of Staff"),
        ("Lt. Gen. Pat Sample, Chief Director of J5, briefed them.", "Pat Sample", "Chief Director of J5"),
        ("Their counterparts, Gen. Taro Example and Gen. Pat Sample, agreed.", "Taro Example", "General"),
    ],
)
def test_an_officer_s_role_is_the_office_not_the_rank(text: str, name: str, role: str) -> None:
    assert _roles(text)[name] == role


def test_a_summit_dated_by_its_month_is_kept_as_an_estimate() -> None:
    text = "The two presidents chose to revive the consultation group at the May 2022 Summit in Seoul."
    found = meetings(extract_document(make_doc(text, dt.date(2022, 9, 8))))
    (summit,) = found.values()
    assert summit[Prop.DATE.value] == dt.date(2022, 5, 1)
    assert summit[Prop.ESTIMATED.value] is True
    assert summit[Prop.LOCATION.value] == "Seoul"


def test_a_summit_dated_by_its_month_joins_the_one_the_text_dates_by_day() -> None:
    text = (
        "Both leaders pointed to the May 2022 summit in Seoul as the turning point. "
        "The summit in Seoul on May 21, 2022 had set the course."
    )
    found = meetings(extract_document(make_doc(text, dt.date(2022, 9, 8))))
    assert [p[Prop.DATE.value] for p in found.values()] == [dt.date(2022, 5, 21)]
    assert Prop.ESTIMATED.value not in next(iter(found.values()))


def test_a_body_named_in_full_without_its_acronym_is_still_that_body_s_meeting() -> None:
    text = (
        "Joint Statement of the Korea-U.S. Integrated Defense Dialogue\n\n"
        "The two defense ministries held the Korea-U.S. Integrated Defense Dialogue Feb. 21-22 in Washington, D.C. "
        "ROK Deputy Minister Hong Gil-dong met with Under Secretary of Defense for Policy Pat Example."
    )
    graph = extract_document(make_doc(text, dt.date(2013, 2, 22), "joint_statement"))
    assert recorded(graph) == "KIDD, 2013-02-21"
    assert _roles(text)["Hong Gil-dong"] == "Deputy Minister"


HOSTED = """Joint Chiefs Chairman Hosts Two Counterparts for Three-Way Talks

WASHINGTON - U.S. Chairman of the Joint Chiefs of Staff Gen. Pat Example hosted Republic of Korea Chairman of the \
Joint Chiefs of Staff Gen. Hong Gil-dong, and Japanese Chief of Staff Adm. Taro Sample for a trilateral meeting \
at the Pentagon Oct. 14.

The three officers talked about the North's missile launches.
"""


def test_a_report_of_who_hosted_whom_for_a_meeting_records_it_with_its_heads() -> None:
    graph = extract_document(make_doc(HOSTED, dt.date(2031, 10, 15)))
    assert recorded(graph) == "Trilateral meeting, 2031-10-14"
    found = meetings(graph)["Trilateral meeting, 2031-10-14"]
    assert found[Prop.LOCATION.value] == "Washington, D.C."
    labels = {n.iri: n.label for n in graph.nodes}
    heads = {labels[r.target] for r in graph.relationships if r.type == Rel.HEAD_OF_DELEGATION}
    assert heads == {"Pat Example", "Hong Gil-dong", "Taro Sample"}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "date 2031-03-19 Allies Review Their Combined Posture\n\nThe two sides met.\n",
            "Allies Review Their Combined Posture",
        ),
        (
            "Posted: 2031-03-19 09:30\n\nAllies Review Their Combined Posture\n\nThe two sides met.\n",
            "Allies Review Their Combined Posture",
        ),
    ],
)
def test_a_page_s_date_label_is_not_part_of_the_title(text: str, title: str) -> None:
    assert infer_title(text, paragraphs(make_doc(text, None))) == title


REMARKS = """Remarks at the U.S.-Republic of Korea 2+2 Ministerial Meeting

Pat Example
Secretary of State
Washington, DC
October 19, 2016

SECRETARY EXAMPLE: Good afternoon, and welcome to the fourth 2+2. We have a full agenda today.
"""


def test_remarks_at_a_meeting_are_filed_under_that_meeting() -> None:
    graph = extract_document(make_doc(REMARKS, dt.date(2016, 10, 19)))
    assert recorded(graph) == "4th 2+2"
