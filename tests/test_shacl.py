"""SHACL shapes: the sample conforms; each broken variant fails for the stated reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from extractors.extract import extract_file
from graph.model import GraphData, Node
from graph.schema import FROM_REFERENCE_VALUES, Kind, Prop, Rel
from ontology.rdf_export import to_rdflib
from ontology.sample import sample_graph
from ontology.validate import ValidationReport, validate


def _first(data: GraphData, kind: Kind) -> Node:
    return next(n for n in data.nodes if n.kind is kind)


def _drop_rel(data: GraphData, rel: Rel, source_kind: Kind) -> None:
    sources = {n.iri for n in data.nodes if n.kind is source_kind}
    data.relationships = [r for r in data.relationships if not (r.type is rel and r.source in sources)]


def _broken(change: Callable[[GraphData], None]) -> ValidationReport:
    data = sample_graph()
    change(data)
    return validate(to_rdflib(data))


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_sample_export_conforms(inference: str) -> None:
    report = validate(to_rdflib(sample_graph()), inference=inference)
    assert report.conforms, report.describe()
    assert report.violations == []


def test_missing_committed_by_is_reported_with_node_shape_and_reason() -> None:
    report = _broken(lambda d: _drop_rel(d, Rel.COMMITTED_BY, Kind.COMMITMENT))
    assert not report.conforms
    committed = [v for v in report.errors if v.path == "ak:committedBy"]
    assert len(committed) == 2
    violation = committed[0]
    assert violation.shape == "aksh:CommitmentShape"
    assert violation.focus_label is not None and violation.focus_label.startswith("U.S. extended deterrence")
    assert "needs ak:committedBy" in violation.message
    assert "needs ak:committedBy" in report.describe()


def _no_meeting_no_date(data: GraphData) -> None:
    _drop_rel(data, Rel.MADE_AT, Kind.COMMITMENT)
    for node in data.nodes:
        if node.kind is Kind.COMMITMENT:
            node.props.pop("date", None)


def _set(kind: Kind, name: str, value: object) -> Callable[[GraphData], None]:
    def change(data: GraphData) -> None:
        _first(data, kind).props[name] = value  # type: ignore[assignment]

    return change


def _drop_prop(kind: Kind, name: str) -> Callable[[GraphData], None]:
    def change(data: GraphData) -> None:
        for node in data.nodes:
            if node.kind is kind:
                node.props.pop(name, None)

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda d: _drop_rel(d, Rel.EVIDENCE, Kind.COMMITMENT), "needs ak:evidence", id="no-evidence"),
        pytest.param(lambda d: _drop_rel(d, Rel.COMMITMENT_TYPE, Kind.COMMITMENT), "needs ak:commitmentType",
                     id="no-type"),
        pytest.param(_set(Kind.COMMITMENT, "stance", "abandoned"), "stance must be one of", id="bad-stance"),
        pytest.param(_set(Kind.COMMITMENT, "confidence", 1.5), "between 0 and 1", id="confidence-above-1"),
        pytest.param(_set(Kind.MENTION, "confidence", -0.1), "between 0 and 1", id="confidence-below-0"),
        pytest.param(_set(Kind.SCM, "ordinal", 0), "ordinal", id="ordinal-zero"),
        pytest.param(_set(Kind.SCM, "ordinal", "49th"), "ordinal", id="ordinal-string"),
        pytest.param(_set(Kind.SCM, Prop.FROM_REFERENCE.value, [Prop.DATE.value, Prop.LABEL.value]),
                     "fromReference must name", id="from-reference-unknown-property"),
        pytest.param(_set(Kind.SCM, Prop.FROM_REFERENCE.value, ["Date"]), "fromReference must name",
                     id="from-reference-label-not-name"),
        pytest.param(_set(Kind.SCM, Prop.FROM_REFERENCE.value, list(FROM_REFERENCE_VALUES)), None,
                     id="control-from-reference-every-allowed-value"),
        pytest.param(_set(Kind.NUCLEAR_TEST, "date", "2017-09-03"), "date must be one xsd:date", id="date-string"),
        pytest.param(_set(Kind.DOCUMENT, "date", dt.date(2017, 1, 1)) , None, id="control-valid-change"),
        pytest.param(lambda d: _drop_rel(d, Rel.WAS_DERIVED_FROM, Kind.MENTION), "needs prov:wasDerivedFrom",
                     id="mention-no-source"),
        pytest.param(_drop_prop(Kind.MENTION, "text"), "needs exactly one ak:text", id="mention-no-text"),
        pytest.param(_drop_prop(Kind.MENTION, "charEnd"), "needs one ak:charEnd", id="mention-no-end"),
        pytest.param(_set(Kind.MENTION, "charStart", 10_000), "below ak:charEnd", id="mention-start-after-end"),
    ],
)
def test_broken_graph_fails_with_the_expected_message(change: Callable[[GraphData], None], message: str | None) -> None:
    report = _broken(change)
    if message is None:
        assert report.conforms, report.describe()
        return
    assert not report.conforms
    assert any(message in v.message for v in report.errors), report.describe()


def test_wrong_range_class_is_a_violation() -> None:
    def change(data: GraphData) -> None:
        mention = _first(data, Kind.MENTION)
        commitment = _first(data, Kind.COMMITMENT)
        data.relationships.append(
            data.relationships[0].model_copy(update={"type": Rel.COMMITTED_BY, "source": commitment.iri,
                                                     "target": mention.iri})
        )

    report = _broken(change)
    assert any("an actor" in v.message and v.value and "mention" in v.value for v in report.errors), report.describe()


def test_states_without_wikidata_identity_are_warnings_not_violations() -> None:
    report = _broken(_drop_prop(Kind.STATE, "sameAs"))
    assert report.conforms
    assert len(report.warnings) == 3
    assert all("Wikidata" in v.message for v in report.warnings)


def test_commitments_without_meeting_or_date_are_warnings_not_violations() -> None:
    report = _broken(_no_meeting_no_date)
    assert report.conforms, report.describe()
    placed = [v for v in report.warnings if "ak:madeAt (a meeting) or ak:date" in v.message]
    assert len(placed) == sum(1 for n in sample_graph().nodes if n.kind is Kind.COMMITMENT) > 0
    assert all(v.shape == "aksh:CommitmentPlacedShape" for v in placed)


def test_unknown_inference_mode_is_refused() -> None:
    from graph.errors import RDFError

    with pytest.raises(RDFError, match="unknown inference"):
        validate(to_rdflib(sample_graph()), inference="magic")


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_an_extracted_meeting_the_reference_completed_conforms() -> None:
    # the 10th SCM's communique dates the 9th SCM by the text's day; the reference supplies its days
    data = extract_file(CORPUS / "communiques" / "scm-10-1977.txt")
    completed = [n.props[Prop.FROM_REFERENCE.value] for n in data.nodes if n.props.get(Prop.FROM_REFERENCE.value)]
    assert completed == [[Prop.DATE.value, Prop.END_DATE.value]]
    report = validate(to_rdflib(data))
    assert report.conforms, report.describe()
    assert report.errors == []
