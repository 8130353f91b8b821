"""Evaluation: key sets, micro-averaged scores, the CLI, and floors on the sample gold set."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliancekg.cli import app
from extractors.document import SourceDocument
from extractors.evaluate import CATEGORIES, Score, evaluate, gold_keys, predicted_keys
from extractors.rules import extract_document
from graph.errors import ExtractionError

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"

TEXT = """JOINT COMMUNIQUE

1. The 38th Security Consultative Meeting (SCM) was held in Washington, D.C., on October 20, 2006. \
U.S. Secretary of Defense Donald Rumsfeld and ROK Minister of National Defense Yoon Kwang-ung led their delegations.

2. In response to North Korea's first nuclear test, Secretary Rumsfeld reaffirmed the U.S. commitment to \
provide extended deterrence, and the two sides agreed to fully implement UN Security Council Resolution 1718.
"""


def write_case(tmp_path: Path, gold: dict[str, object]) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "communiques").mkdir(parents=True)
    (corpus / "gold").mkdir()
    (corpus / "communiques" / "scm-38.txt").write_text(TEXT, encoding="utf-8")
    path = corpus / "gold" / "scm-38.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def reader(path: Path) -> SourceDocument:
    text = path.read_text(encoding="utf-8")
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), kind="communique",
                          date=dt.date(2006, 10, 20))  # fmt: skip


GOLD_CASE = {
    "document": "communiques/scm-38.txt",
    "kind": "communique",
    "date": "2006-10-20",
    "meetings": [{"series": "SCM", "ordinal": 38, "date": "2006-10-20", "recorded": True},
                 {"series": "MCM", "ordinal": 28, "date": "2006-10-19", "recorded": False}],
    "actors": ["KOR", "USA", "PRK", "UNSC", "person:Donald Rumsfeld", "person:Yoon Kwang-ung"],
    "incidents": ["prk-nuclear-test-1"],
    "commitments": [{"type": "ExtendedDeterrence", "committed_by": "USA", "stance": "reaffirmed"},
                    {"type": "SanctionsEnforcement", "committed_by": "USA+KOR", "stance": "new"}],
    "responses": [{"type": "ExtendedDeterrence", "incident": "prk-nuclear-test-1"},
                  {"type": "MissileDefense", "threat": "BallisticMissiles"}],
}  # fmt: skip


def test_gold_keys_normalise_parties_and_meetings() -> None:
    keys = gold_keys(GOLD_CASE)
    assert ("SanctionsEnforcement", "KOR+USA") in keys["commitments"]
    assert ("SCM", "#38") in keys["meetings"]
    assert ("MissileDefense", "threat:BallisticMissiles") in keys["responses"]
    assert gold_keys({"meetings": [{"series": "Summit", "date": "2023-04-26"}]})["meetings"] == {
        ("Summit", "2023-04-26")
    }
    with pytest.raises(ExtractionError, match="incident"):
        gold_keys({"responses": [{"type": "X"}]})
    with pytest.raises(ExtractionError, match="malformed"):
        gold_keys({"commitments": [{"type": "X"}]})


def test_predicted_keys_from_an_extraction() -> None:
    graph = extract_document(reader_from_text())
    keys = predicted_keys(graph)
    assert ("SCM", "#38") in keys["meetings"]
    assert {("KOR",), ("USA",), ("PRK",), ("person:Donald Rumsfeld",)} <= keys["actors"]
    assert ("prk-nuclear-test-1",) in keys["incidents"]
    assert ("ExtendedDeterrence", "USA") in keys["commitments"]
    assert ("ExtendedDeterrence", "incident:prk-nuclear-test-1") in keys["responses"]


def reader_from_text() -> SourceDocument:
    return SourceDocument(text=TEXT, sha256=hashlib.sha256(TEXT.encode()).hexdigest(), kind="communique",
                          date=dt.date(2006, 10, 20))  # fmt: skip


def test_micro_averaged_counts(tmp_path: Path) -> None:
    gold = write_case(tmp_path, GOLD_CASE)
    report = evaluate([gold], reader=reader)
    scores = report.scores
    assert (scores["meetings"].tp, scores["meetings"].fn) == (1, 1)
    assert scores["incidents"].tp == 1 and scores["incidents"].fp == 0
    assert scores["commitments"].tp >= 1
    assert [r["category"] for r in report.records()] == list(CATEGORIES)
    frame = report.to_frame()
    assert frame.loc["meetings", "recall"] == 0.5
    [doc] = report.documents
    assert ("MCM", "#28") in doc.missed["meetings"]


def test_score_arithmetic() -> None:
    s = Score("x", tp=8, fp=2, fn=8)
    assert (s.precision, s.recall) == (0.8, 0.5)
    assert round(s.f1, 4) == round(2 * 0.8 * 0.5 / 1.3, 4)
    assert Score("empty").f1 == 1.0
    assert Score("none-found", fn=3).f1 == 0.0


def test_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no gold file"):
        evaluate([tmp_path / "missing.json"])
    with pytest.raises(ExtractionError, match="no gold annotation files"):
        evaluate([tmp_path])
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ExtractionError, match="cannot read gold file"):
        evaluate([broken])
    orphan = tmp_path / "orphan.json"
    orphan.write_text(json.dumps({"document": "nowhere/x.txt"}), encoding="utf-8")
    with pytest.raises(ExtractionError, match="does not exist"):
        evaluate([orphan], tmp_path)


def test_cli_prints_a_table(tmp_path: Path) -> None:
    gold = write_case(tmp_path, GOLD_CASE)
    result = CliRunner().invoke(app, ["evaluate", str(gold.parent), "--details"])
    assert result.exit_code == 0, result.output
    for category in CATEGORIES:
        assert category in result.output
    assert "precision" in result.output
    assert "missed" in result.output


def test_cli_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "alliancekg.cli", "evaluate", str(tmp_path / "nothing")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "no gold file" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not GOLD.is_dir() or not any(GOLD.glob("*.json")), reason="the sample gold set is not present")
def test_floors_on_the_sample_gold_set() -> None:
    report = evaluate([GOLD])
    f1 = {c: s.f1 for c, s in report.scores.items()}
    assert len(report.documents) >= 20
    assert f1["meetings"] >= 0.9, f1
    assert f1["actors"] >= 0.9, f1
    assert f1["incidents"] >= 0.9, f1
    assert f1["commitments"] >= 0.8, f1
    assert f1["responses"] >= 0.75, f1
