"""Ingest: files -> documents -> graphs -> a store -> saved (the application's main job).

:func:`ingest_paths` expands directories, reads and extracts each document
*entirely in memory*, and only then writes the document's whole graph to the
store in one :meth:`~graph.store.GraphStore.load` call. A document that fails
at any step (reading, extraction, a graph that refers to nodes it does not
carry) is reported and nothing of it reaches the store; the run goes on with
the next file. Node IRIs are content-derived and the store upserts, so a
re-run never duplicates anything; a document whose IRI (the hash of its
normalised text) is already in the store is skipped as unchanged unless
``force`` is set.

With ``workers > 1``, reading and extraction run in a process pool; loading
stays in the calling process. The extraction function must then be a
module-level function (it is pickled).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extractors.extract import ExtractFn, default_extractor, extract_checked
from extractors.readers import read_document
from graph.errors import AllianceKGError, ConfigurationError, ExtractionError, StoreError, StoreUnavailableError
from graph.model import GraphData, Node, document_iri, source_role
from graph.schema import DEFAULT_BASE, PRIMARY_ROLE, REPORTED_ROLE, Kind, Prop, Rel, is_a
from graph.store import GraphStore

logger = logging.getLogger(__name__)

INGEST_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".pdf"})
"""Extensions picked up when a directory is expanded (files named explicitly are always read)."""

SKIPPED_DIRECTORIES = frozenset({"gold"})
"""Directory names never descended into (gold annotations), besides hidden ones."""

Status = Literal["ok", "failed", "skipped-unchanged"]


@dataclass
class FileResult:
    """What happened to one file."""

    path: str
    status: Status
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    error: str | None = None
    document_iri: str | None = None
    kind: str | None = None
    size: int = 0


@dataclass
class IngestReport:
    """A whole ingest run, file by file."""

    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    store_file: Path | None = None
    rdf_file: Path | None = None
    stopped: str | None = None
    """Why the run stopped before the last file (the store was lost), else None."""
    not_attempted: list[str] = field(default_factory=list)
    """Files left unread because the run stopped."""

    def count(self, status: Status) -> int:
        """Files with the given status."""
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileResult]:
        """Files that failed."""
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    @property
    def nodes(self) -> int:
        """Node records loaded (before the store merged repeats)."""
        return sum(f.nodes for f in self.files)

    @property
    def relationships(self) -> int:
        """Relationship records loaded."""
        return sum(f.relationships for f in self.files)


@dataclass
class _Outcome:
    """A worker's answer for one file (picklable)."""

    path: str
    data: GraphData | None = None
    error: str | None = None
    seconds: float = 0.0
    document_iri: str | None = None
    kind: str | None = None
    size: int = 0
    unchanged: bool = False


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to ingest: named files as given, directories searched recursively.

    Inside directories, only :data:`INGEST_SUFFIXES` are taken; hidden files
    and directories and :data:`SKIPPED_DIRECTORIES` are skipped. Paths that do
    not exist are kept (they fail with a clear error). Order: as given, each
    directory's files sorted; duplicates dropped.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: the file fails on its own when read
            key = Path(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            out.append(path)

    for given in paths:
        path = Path(given)
        if not _is_dir(path):
            add(path)
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRECTORIES)
            for name in files:
                if not name.startswith(".") and Path(name).suffix.lower() in INGEST_SUFFIXES:
                    found.append(Path(root) / name)
        for file in sorted(found):
            add(file)
    return out


_HEAP_SETTLED = False


def settle_heap() -> None:
    """Once per process, after its first document: move what exists out of the cyclic collector's view.

    By then the extractor's vocabularies and compiled rules are built; they live
    as long as the process, and a full collection would otherwise walk them
    again and again (about 4 % of a long extraction run's CPU time). Reference
    counting still frees whatever of them is dropped. This process is the
    application's (the CLI's ingest or its worker), so freezing every object
    alive at that moment is its own decision.
    """
    global _HEAP_SETTLED
    if not _HEAP_SETTLED:
        _HEAP_SETTLED = True
        gc.collect()  # the first document's cyclic garbage is freed now, not frozen with the rest
        gc.freeze()


def _process(
    path: str,
    extract: ExtractFn | None,
    base: str,
    known: frozenset[str],
    encoding: str | None,
    max_bytes: int | None,
) -> _Outcome:
    """Read and extract one file; never raises (runs in worker processes too)."""
    t0 = time.perf_counter()
    outcome = _Outcome(path=path)
    try:
        outcome.size = Path(path).stat().st_size if Path(path).is_file() else 0
        doc = read_document(path, encoding=encoding, max_bytes=max_bytes)
        outcome.document_iri = document_iri(doc.sha256, base)
        outcome.kind = doc.kind
        if outcome.document_iri in known:
            outcome.unchanged = True
        else:
            outcome.data = extract_checked(doc, extract, base)
    except AllianceKGError as e:
        outcome.error = str(e)
    except Exception as e:  # unexpected: recorded, the run goes on
        outcome.error = f"unexpected {type(e).__name__}: {e}"
    settle_heap()
    outcome.seconds = time.perf_counter() - t0
    return outcome


def check_closed(data: GraphData, store: GraphStore) -> None:
    """Raise unless every relationship's ends are in ``data`` or already in the store.

    Raises:
        ExtractionError: a relationship points to a node nobody provides.
    """
    iris = {n.iri for n in data.nodes}
    ends = {end for rel in data.relationships for end in (rel.source, rel.target)} - iris
    missing = sorted(end for end in ends if not store.has_node(end))
    if missing:
        shown = ", ".join(missing[:3])
        msg = f"the extracted graph refers to {len(missing)} node(s) it does not contain (e.g. {shown})"
        raise ExtractionError(msg)


def stamp_source_roles(data: GraphData, store: GraphStore) -> GraphData:
    """``data`` with the ``sourceRole`` of each of its commitments (:func:`graph.model.source_role`).

    A commitment is made in the document that mentions it, so its role comes
    from that document: primary when it records the commitment's meeting,
    reported otherwise. A commitment already stored as primary (a catalogue
    agreement another record named) stays primary; one stored without a role
    (a graph loaded before roles were stored) is left without one, so the
    analytics derive it from all the documents that mention it.
    """
    doc_kind = {n.iri: n.props.get(Prop.DOC_KIND.value) for n in data.nodes if n.kind == Kind.DOCUMENT}
    issued: dict[str, set[str]] = {}
    made_at: dict[str, str] = {}
    mentioned_by: dict[str, list[str]] = {}
    for rel in data.relationships:
        if rel.type == Rel.ISSUED_AT:
            issued.setdefault(rel.source, set()).add(rel.target)
        elif rel.type == Rel.MADE_AT:
            made_at.setdefault(rel.source, rel.target)
        elif rel.type == Rel.MENTIONS and rel.source in doc_kind:
            mentioned_by.setdefault(rel.target, []).append(rel.source)
    nodes: list[Node] = []
    for node in data.nodes:
        if is_a(node.kind, Kind.COMMITMENT):
            docs = mentioned_by.get(node.iri, ())
            kinds = [(k if isinstance(k := doc_kind.get(d), str) else None, issued.get(d, set())) for d in docs]
            role: str | None = source_role(kinds, made_at.get(node.iri))
            if role == REPORTED_ROLE and store.has_node(node.iri):
                stored = store.get_node(node.iri).node.props.get(Prop.SOURCE_ROLE.value)
                role = PRIMARY_ROLE if stored == PRIMARY_ROLE else role if stored == REPORTED_ROLE else None
            if role is not None:
                node = node.model_copy(update={"props": {**node.props, Prop.SOURCE_ROLE.value: role}})
        nodes.append(node)
    return GraphData(nodes=nodes, relationships=data.relationships)


def _load(store: GraphStore, data: GraphData) -> None:
    """Load one document's graph in one call.

    The graph is checked first (:func:`check_closed`), so a store refuses it
    only when the store itself fails. The embedded store's load is one unit (a
    failed load leaves nothing); a Neo4j load of up to its ``atomic_limit``
    records is one transaction, a larger one may stay partial when the server
    is lost, but its document is counted loaded only by its last transaction
    (:meth:`~graph.store.GraphStore.loaded_documents`), so the next plain run
    loads it again and completes it (upserts).
    """
    check_closed(data, store)
    data = stamp_source_roles(data, store)
    try:
        store.load(data)
    except StoreUnavailableError:
        raise
    except Exception as e:
        msg = f"loading failed: {e}"
        raise StoreError(msg) from e


def ingest_paths(
    paths: Sequence[str | os.PathLike[str]],
    store: GraphStore,
    *,
    on_error: Literal["continue", "raise"] = "continue",
    progress: bool = True,
    rdf_out: str | os.PathLike[str] | None = None,
    workers: int = 1,
    extract: ExtractFn | None = None,
    base: str = DEFAULT_BASE,
    force: bool = False,
    save: bool = True,
    encoding: str | None = None,
    max_bytes: int | None = None,
    console: Console | None = None,
) -> IngestReport:
    """Ingest files and directories into ``store`` (see the module notes).

    Args:
        paths: files and directories.
        store: where the graphs go.
        on_error: ``continue`` past failed files (default) or ``raise`` the first failure.
        progress: show a progress bar (on ``console``, default stderr).
        rdf_out: afterwards, export the store's graph as RDF to this file
            (format from the extension).
        workers: processes for reading and extraction (1: in this process).
        extract: the semantic extractor (default
            :func:`extractors.extract.default_extractor`).
        base: base of instance IRIs.
        force: re-extract documents already in the store.
        save: save the embedded store to its file at the end.
        encoding: force a text encoding for every file.
        max_bytes: size limit per file (default: the readers' limit).
        console: where the progress bar goes.

    Returns:
        A report with one row per file.

    Raises:
        ExtractionError: ``on_error="raise"`` and a file failed.
        ConfigurationError: ``workers`` is not positive.
        RDFError: the RDF export failed.
    """
    if workers < 1:
        msg = f"--workers must be at least 1, got {workers}"
        raise ConfigurationError(msg)
    t0 = time.perf_counter()
    files = expand_paths(paths)
    # only documents whose load finished: one cut short is loaded again
    known: frozenset[str] = frozenset() if force else frozenset(store.loaded_documents())
    report = IngestReport()
    loaded: dict[str, str] = {}
    bar = Progress(
        TextColumn("[bold]ingest[/bold] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True, emoji=False, highlight=False),
        disable=not progress,
        transient=False,
    )

    def settle(outcome: _Outcome) -> None:
        result = FileResult(
            path=outcome.path,
            status="failed",
            seconds=outcome.seconds,
            document_iri=outcome.document_iri,
            kind=outcome.kind,
            size=outcome.size,
        )
        if outcome.error is not None:
            result.error = outcome.error
        elif outcome.unchanged:
            result.status = "skipped-unchanged"
        elif outcome.document_iri is not None and outcome.document_iri in loaded:
            result.status = "skipped-unchanged"
            result.error = f"same text as {loaded[outcome.document_iri]}"
        elif outcome.data is not None:
            t_load = time.perf_counter()
            try:
                _load(store, outcome.data)
            except StoreUnavailableError as e:
                result.error = str(e)
                report.stopped = str(e)
            except AllianceKGError as e:
                result.error = str(e)
            else:
                result.status = "ok"
                result.nodes = len(outcome.data.nodes)
                result.relationships = len(outcome.data.relationships)
                if outcome.document_iri is not None:
                    loaded[outcome.document_iri] = outcome.path
            result.seconds += time.perf_counter() - t_load
        report.files.append(result)
        if result.status == "failed":
            logger.info("ingest: %s failed: %s", result.path, result.error)
        if result.status == "failed" and on_error == "raise":
            msg = f"{result.path}: {result.error}"
            raise ExtractionError(msg)

    with bar:
        task = bar.add_task("", total=len(files))
        if workers == 1 or len(files) < 2:
            for n, file in enumerate(files):
                bar.update(task, description=escape(file.name))
                settle(_process(str(file), extract, base, known, encoding, max_bytes))
                bar.advance(task)
                if report.stopped is not None:
                    report.not_attempted = [str(f) for f in files[n + 1 :]]
                    break
        else:
            if extract is None:
                # loaded here, before the workers start: forked workers share its compiled expressions instead of
                # each compiling them, and this process writes them to the regex cache at exit (a worker ends
                # without running exit handlers: what it learns is lost, so the cache was never written)
                with contextlib.suppress(AllianceKGError):  # (each file then reports it, as before)
                    extract = default_extractor()
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures: list[Future[_Outcome]] = [
                    pool.submit(_process, str(file), extract, base, known, encoding, max_bytes) for file in files
                ]
                for n, (file, future) in enumerate(zip(files, futures, strict=True)):
                    bar.update(task, description=escape(file.name))
                    try:
                        outcome = future.result()
                    except Exception as e:  # the worker died or the extractor could not be pickled
                        outcome = _Outcome(path=str(file), error=f"worker failed: {type(e).__name__}: {e}")
                    settle(outcome)
                    bar.advance(task)
                    if report.stopped is not None:
                        report.not_attempted = [str(f) for f in files[n + 1 :]]
                        pool.shutdown(wait=False, cancel_futures=True)
                        break

    if report.stopped is not None:
        report.seconds = time.perf_counter() - t0
        return report  # nothing more can be written; a re-run resumes (loaded documents are skipped)
    if any(f.status == "ok" for f in report.files):
        from analytics import write_reports

        write_reports(store)  # reported commitments -> the primary ones they report (counts never double)
    if save:
        report.store_file = store.save()
    if rdf_out is not None:
        from ontology.rdf_export import export_file

        report.rdf_file = Path(rdf_out)
        export_file(store, report.rdf_file, base=base)
    report.seconds = time.perf_counter() - t0
    return report


def _is_dir(path: Path) -> bool:
    """``path.is_dir()``, False for a path the system cannot follow (a symlink loop)."""
    try:
        return path.is_dir()
    except OSError:
        return False
