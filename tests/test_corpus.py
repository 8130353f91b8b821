"""Structure checks of the sample corpus, its gold annotations and the incident catalogue.

These tests read the committed files as they are: every document has a gold
file and every gold file names an existing document, gold ids resolve against
the incident catalogue and the ontology's concept schemes, the catalogue is
well formed, and the corpus covers the years, kinds and formats it promises.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from graph.schema import COMMITMENT_TYPES, DOC_KINDS, MEETING_SERIES, STANCES, THREAT_TYPES, Kind

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"
CATALOGUE = ROOT / "graph" / "data" / "incidents.json"
DOC_DIRS = ("communiques", "statements", "news", "studies")
DOC_SUFFIXES = {".txt", ".html", ".pdf"}
PROVENANCE_NOTE = "written for the alliancekg project"
INCIDENT_KINDS = {
    k.value
    for k in (Kind.NUCLEAR_TEST, Kind.MISSILE_LAUNCH, Kind.ARMED_PROVOCATION, Kind.CYBER_OPERATION, Kind.CRISIS)
}
GAZETTEER_ID = re.compile(r"^[A-Z]{2,5}$")
PERSON_ID = re.compile(r"^person:[A-Z][\w.'-]*( [A-Z][\w.'-]*)+$")
SCM_TITLE = re.compile(r"(Security Consultative Meeting|Defense Ministers' Meeting)", re.IGNORECASE)


def _documents() -> list[Path]:
    return sorted(p for d in DOC_DIRS for p in (CORPUS / d).iterdir() if p.suffix in DOC_SUFFIXES)


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def _load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _catalogue() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return data


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.suffix == ".html":
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").get_text(" ")
    return path.read_text(encoding="utf-8")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _person_forms() -> dict[str, set[str]]:
    """Canonical person name -> its written forms, from the gazetteer when present."""
    path = ROOT / "extractors" / "data" / "gazetteer.json"
    if not path.is_file():
        return {}
    persons = json.loads(path.read_text(encoding="utf-8")).get("persons", [])
    return {p["name"]: {p["name"], *p.get("aliases", [])} for p in persons}


GOLD_PARAMS = [pytest.param(p, id=p.stem) for p in _gold_files()]
DOC_PARAMS = [pytest.param(p, id=p.name) for p in _documents()]


def test_every_document_has_a_gold_file() -> None:
    missing = [p.relative_to(CORPUS).as_posix() for p in _documents() if not (GOLD / f"{p.stem}.json").is_file()]
    assert missing == []


def test_document_stems_are_unique() -> None:
    stems = Counter(p.stem for p in _documents())
    assert [s for s, n in stems.items() if n > 1] == []


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_names_an_existing_document(gold_path: Path) -> None:
    gold = _load_gold(gold_path)
    doc = CORPUS / gold["document"]
    assert doc.is_file(), gold["document"]
    assert doc.stem == gold_path.stem
    assert doc.parent.name in DOC_DIRS


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_fields_are_well_formed(gold_path: Path) -> None:
    gold = _load_gold(gold_path)
    assert set(gold) == {"document", "kind", "date", "meetings", "actors", "incidents", "commitments", "responses"}
    assert gold["kind"] in DOC_KINDS
    dt.date.fromisoformat(gold["date"])
    for meeting in gold["meetings"]:
        assert meeting["series"] in MEETING_SERIES
        assert "ordinal" in meeting or "date" in meeting, meeting
        if "ordinal" in meeting:
            assert isinstance(meeting["ordinal"], int) and meeting["ordinal"] > 0
        for key in ("date", "end_date"):
            if key in meeting:
                dt.date.fromisoformat(meeting[key])
        assert isinstance(meeting["recorded"], bool)
    for actor in gold["actors"]:
        assert GAZETTEER_ID.match(actor) or PERSON_ID.match(actor), actor
    assert len(set(gold["actors"])) == len(gold["actors"])
    assert len(set(gold["incidents"])) == len(gold["incidents"])


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_meeting_keys_are_unique(gold_path: Path) -> None:
    meetings = _load_gold(gold_path)["meetings"]
    keys = [(m["series"], m["ordinal"]) if "ordinal" in m else (m["series"], m["date"]) for m in meetings]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_records_at_most_one_meeting_and_communiques_record_theirs(gold_path: Path) -> None:
    gold = _load_gold(gold_path)
    recorded = [m for m in gold["meetings"] if m["recorded"]]
    assert len(recorded) <= 1
    if gold["kind"] == "communique":
        assert len(recorded) == 1 and recorded[0]["series"] == "SCM"
        assert recorded[0]["date"] <= gold["date"]


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_incidents_exist_in_catalogue(gold_path: Path) -> None:
    ids = {c["id"] for c in _catalogue()}
    gold = _load_gold(gold_path)
    assert [i for i in gold["incidents"] if i not in ids] == []
    for response in gold["responses"]:
        if "incident" in response:
            assert response["incident"] in ids
            assert response["incident"] in gold["incidents"], "a response target must also be listed as mentioned"


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_commitments_use_schema_types(gold_path: Path) -> None:
    gold = _load_gold(gold_path)
    actor_ids = {a for a in gold["actors"] if not a.startswith("person:")}
    keys = set()
    for c in gold["commitments"]:
        assert set(c) == {"type", "committed_by", "stance"}
        assert c["type"] in COMMITMENT_TYPES
        assert c["stance"] in STANCES
        parties = c["committed_by"].split("+")
        assert parties == sorted(parties), "joint parties are sorted and joined by '+'"
        assert set(parties) <= actor_ids, c
        keys.add((c["type"], c["committed_by"]))
    assert len(keys) == len(gold["commitments"]), "one entry per (type, committed_by) pair"


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_responses_use_schema_types(gold_path: Path) -> None:
    gold = _load_gold(gold_path)
    committed_types = {c["type"] for c in gold["commitments"]}
    keys = set()
    for r in gold["responses"]:
        assert r["type"] in COMMITMENT_TYPES
        assert r["type"] in committed_types, "a response link needs the commitment it belongs to"
        assert len(r) == 2 and ("incident" in r) != ("threat" in r), r
        if "threat" in r:
            assert r["threat"] in THREAT_TYPES
        keys.add((r["type"], r.get("incident") or r.get("threat")))
    assert len(keys) == len(gold["responses"])


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_persons_are_named_in_their_document(gold_path: Path) -> None:
    gold = _load_gold(gold_path)
    text = _norm(_text_of(CORPUS / gold["document"]))
    forms = _person_forms()
    missing = [
        a
        for a in gold["actors"]
        if a.startswith("person:")
        and not any(f in text for f in forms.get(a.removeprefix("person:"), {a.removeprefix("person:")}))
    ]
    assert missing == []


@pytest.mark.parametrize("gold_path", GOLD_PARAMS)
def test_gold_recorded_ordinals_are_written_in_the_document(gold_path: Path) -> None:
    gold = _load_gold(gold_path)
    text = _norm(_text_of(CORPUS / gold["document"])).lower()
    words = {1: "first", 10: "tenth", 16: "sixteenth", 20: "twentieth", 24: "twenty-fourth"}
    for m in gold["meetings"]:
        if m["recorded"] and "ordinal" in m:
            n = m["ordinal"]
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            assert f"{n}{suffix}" in text or words.get(n, "\x00") in text, m


@pytest.mark.parametrize("doc_path", DOC_PARAMS)
def test_document_carries_provenance_note(doc_path: Path) -> None:
    assert PROVENANCE_NOTE in _norm(_text_of(doc_path))


def test_catalogue_entries_are_well_formed() -> None:
    catalogue = _catalogue()
    ids = [c["id"] for c in catalogue]
    assert len(ids) == len(set(ids))
    for c in catalogue:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c["id"]), c["id"]
        dt.date.fromisoformat(c["date"])
        assert c["label"] and c["aliases"] and c["source_note"]
        if c["kind"] == Kind.AGREEMENT.value:
            assert c["perpetrator"] is None and c["threat_type"] is None
            assert len(c["parties"]) >= 2 and c["parties"] == sorted(c["parties"])
        else:
            assert c["kind"] in INCIDENT_KINDS, c
            assert c["perpetrator"] and GAZETTEER_ID.match(c["perpetrator"])
            assert c["threat_type"] in THREAT_TYPES
        if c["ordinal"] is not None:
            assert isinstance(c["ordinal"], int) and c["ordinal"] > 0


def test_catalogue_holds_the_required_events() -> None:
    by_id = {c["id"]: c for c in _catalogue()}
    required = {
        "blue-house-raid-1968": "1968-01-21",
        "pueblo-seizure-1968": "1968-01-23",
        "panmunjom-axe-incident-1976": "1976-08-18",
        "rangoon-bombing-1983": "1983-10-09",
        "kal858-bombing-1987": "1987-11-29",
        "npt-withdrawal-announcement-1993": "1993-03-12",
        "agreed-framework-1994": "1994-10-21",
        "taepodong-1-launch-1998": "1998-08-31",
        "cheonan-sinking-2010": "2010-03-26",
        "yeonpyeong-shelling-2010": "2010-11-23",
        "unha-3-launch-2012": "2012-12-12",
        "hwasong-14-launch-2017-07-04": "2017-07-04",
        "hwasong-14-launch-2017-07-28": "2017-07-28",
        "hwasong-15-launch-2017-11-29": "2017-11-29",
        "hwasong-17-launch-2022-11-18": "2022-11-18",
        "hwasong-18-launch-2023-04-13": "2023-04-13",
    }
    assert {i: by_id[i]["date"] for i in required if i in by_id} == required
    tests = sorted((c for c in by_id.values() if c["kind"] == Kind.NUCLEAR_TEST.value), key=lambda c: c["date"])
    assert [(c["ordinal"], c["date"]) for c in tests] == list(
        enumerate(["2006-10-09", "2009-05-25", "2013-02-12", "2016-01-06", "2016-09-09", "2017-09-03"], start=1)
    )
    assert all(c["id"] == f"prk-nuclear-test-{c['ordinal']}" for c in tests)
    assert by_id["npt-withdrawal-announcement-1993"]["kind"] == Kind.CRISIS.value
    assert by_id["agreed-framework-1994"]["kind"] == Kind.AGREEMENT.value


def test_catalogue_aliases_do_not_collide() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for c in _catalogue():
        for alias in {a.casefold() for a in c["aliases"]}:
            if alias in seen:
                clashes.append((alias, seen[alias], c["id"]))
            seen[alias] = c["id"]
    assert clashes == []


def test_corpus_size_kinds_formats_and_span() -> None:
    golds = [_load_gold(p) for p in _gold_files()]
    kinds = Counter(g["kind"] for g in golds)
    assert len(golds) >= 20
    assert kinds["communique"] >= 15
    assert kinds["joint_statement"] >= 2
    assert kinds["news"] >= 3
    assert kinds["study"] >= 2
    scm_ordinals = {m["ordinal"] for g in golds if g["kind"] == "communique" for m in g["meetings"] if m["recorded"]}
    assert len(scm_ordinals) == kinds["communique"] >= 15
    years = sorted(int(g["date"][:4]) for g in golds if g["kind"] == "communique")
    assert years[0] == 1968 and years[-1] == 2024
    formats = Counter(p.suffix for p in _documents())
    assert formats[".txt"] >= 1 and formats[".html"] >= 3 and formats[".pdf"] >= 2


@pytest.mark.parametrize("doc_path", [p for p in DOC_PARAMS if p.values[0].parent.name == "communiques"])  # type: ignore[union-attr]
def test_communiques_are_numbered_and_titled(doc_path: Path) -> None:
    text = _text_of(doc_path)
    assert SCM_TITLE.search(text)
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\.\s", text, flags=re.MULTILINE)]
    assert numbers[:3] == [1, 2, 3]
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("doc_path", [p for p in DOC_PARAMS if p.values[0].suffix == ".html"])  # type: ignore[union-attr]
def test_news_pages_have_article_and_furniture(doc_path: Path) -> None:
    soup = BeautifulSoup(doc_path.read_text(encoding="utf-8"), "lxml")
    article = soup.find("article")
    assert article is not None
    assert soup.find("nav") and soup.find("script") and soup.find("form")
    assert soup.find(id="cookie-banner")
    assert soup.find("time", attrs={"datetime": True})
    body = article.get_text(" ")
    assert "Subscribe" not in body and "Post comment" not in body


def test_pdf_sources_are_in_sync() -> None:
    spec = importlib.util.spec_from_file_location("build_sample_pdfs", ROOT / "scripts" / "build_sample_pdfs.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, builder)
    spec.loader.exec_module(builder)
    for src_name, rel_out in builder.TARGETS.items():
        blocks = builder.parse_source((builder.SRC_DIR / src_name).read_text(encoding="utf-8"))
        pdf_text = _norm(re.sub(r"alliancekg sample corpus - page \d+", " ", _text_of(CORPUS / rel_out)))
        stale = [b.text[:50] for b in blocks if b.kind == "para" and _norm(b.text) not in pdf_text]
        assert stale == [], f"{rel_out} is out of date; run scripts/build_sample_pdfs.py"
