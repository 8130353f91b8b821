"""The embedded store's file format (version 1): a whole graph as one JSON document.

A UTF-8 JSON document, gzip-compressed when the file name ends in ``.gz``
(the reader detects gzip by its magic bytes, whatever the name)::

    {"format": "alliancekg-graph", "version": 1,
     "generator": "alliancekg 0.1.0", "saved_at": "2026-11-22T06:00:00+00:00",
     "counts": {"nodes": 2, "relationships": 1},
     "nodes": [{"iri": "...", "kind": "State", "label": "...", "props": {...}}, ...],
     "relationships": [{"type": "PERPETRATOR", "source": "...", "target": "...", "props": {...}}, ...]}

Property values are JSON strings, numbers, booleans and arrays as they are,
except dates, which are written as ``{"$date": "YYYY-MM-DD"}`` so they come
back as :class:`datetime.date` (a number written with a fraction, such as
``1.0``, reads back as a float, one without as an int). A reader refuses a
file whose ``format`` is not ``alliancekg-graph`` or whose ``version`` is not
in :data:`SUPPORTED_VERSIONS`, naming the version it found: a file is either
read faithfully or refused, never misread. Files are written to a temporary
name and renamed, so a crash never leaves half a file; the temp file a
crash leaves behind is removed by the next save (:func:`remove_stale_temp_files`).

The format knows nodes and relationships, not NetworkX:
:meth:`graph.nx_store.NetworkXStore.save` and
:meth:`~graph.nx_store.NetworkXStore.load_file` call :func:`write` and
:func:`read_into`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.errors import StoreError, StoreFormatError
from graph.model import Node, PropertyValue, Relationship
from graph.store import GraphWriter

FORMAT_NAME = "alliancekg-graph"
"""Value of the ``format`` field of a saved graph."""

FORMAT_VERSION = 1
"""Version this code writes."""

SUPPORTED_VERSIONS: tuple[int, ...] = (1,)
"""Versions this code reads."""


def package_version() -> str:
    """The installed alliancekg version (from the package metadata, the one source: pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("alliancekg")
    except PackageNotFoundError:
        return "unknown"


def encode_value(value: PropertyValue) -> Any:
    """JSON form of a property value (dates become ``{"$date": ...}``)."""
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def decode_value(value: Any) -> PropertyValue:
    """Inverse of :func:`encode_value`.

    Raises:
        StoreFormatError: the value is not a valid encoded property.
    """
    if isinstance(value, dict):
        if set(value) == {"$date"} and isinstance(value["$date"], str):
            try:
                return dt.date.fromisoformat(value["$date"])
            except ValueError as e:
                msg = f"invalid date {value['$date']!r}"
                raise StoreFormatError(msg) from e
        msg = f"unknown typed value {value!r}"
        raise StoreFormatError(msg)
    if isinstance(value, str | int | float | bool | list):
        return value
    msg = f"unsupported value {value!r}"
    raise StoreFormatError(msg)


_STARTED = time.time()
"""When this module was imported: no temp file of this process is older."""


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Remove the temp files a killed save of ``target`` left beside it; the ones removed.

    Only names of :func:`write`'s own pattern (``.<name>.`` and the 8
    characters ``tempfile.mkstemp`` adds) last modified before this process
    started: a save under way in another process keeps writing to its file.
    """
    pattern = re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}")
    removed: list[Path] = []
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return removed
    for path in candidates:
        if not pattern.fullmatch(path.name):
            continue
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < _STARTED:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone meanwhile, or not ours to remove: left alone
    return removed


def write(
    target: Path, nodes: Iterable[Node], relationships: Iterable[Relationship], counts: dict[str, int]
) -> Path:
    """Write a graph to ``target`` (gzip when its name ends in ``.gz``), atomically.

    ``counts`` (``nodes``, ``relationships``) goes into the header; the
    records are streamed, so the graph is never held twice in memory.

    Returns:
        ``target``.

    Raises:
        StoreError: the file cannot be written.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            if target.name.endswith(".gz"):
                with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=5) as zipped:
                    _write_document(io.TextIOWrapper(zipped, encoding="utf-8"), nodes, relationships, counts)
            else:
                _write_document(io.TextIOWrapper(raw, encoding="utf-8"), nodes, relationships, counts)
        os.replace(tmp_name, target)
    except OSError as e:
        Path(tmp_name).unlink(missing_ok=True)
        msg = f"cannot write the graph to {target}: {e}"
        raise StoreError(msg) from e
    return target


def _write_document(
    out: io.TextIOWrapper, nodes: Iterable[Node], relationships: Iterable[Relationship], counts: dict[str, int]
) -> None:
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generator": f"alliancekg {package_version()}",
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "counts": counts,
    }
    out.write(json.dumps(header, ensure_ascii=False)[:-1])
    out.write(',\n "nodes": [')
    for n, node in enumerate(nodes):
        record = {
            "iri": node.iri,
            "kind": node.kind.value,
            "label": node.label,
            "props": {k: encode_value(v) for k, v in node.props.items()},
        }
        out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
    out.write('],\n "relationships": [')
    for n, rel in enumerate(relationships):
        record = {
            "type": rel.type.value,
            "source": rel.source,
            "target": rel.target,
            "props": {k: encode_value(v) for k, v in rel.props.items()},
        }
        out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
    out.write("]}\n")
    out.flush()
    out.detach()


def read_into(file: Path, store: GraphWriter) -> None:
    """Read a graph written by :func:`write` and upsert it into ``store`` (nodes, then relationships).

    Raises:
        StoreFormatError: the file is not an alliancekg graph, is damaged,
            or was written in a version this code does not read.
    """
    try:
        with file.open("rb") as raw:
            magic = raw.read(2)
            raw.seek(0)
            if magic == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                    doc = json.load(unzipped)
            else:
                doc = json.load(raw)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as e:
        msg = f"{file}: not a readable alliancekg graph file ({e})"
        raise StoreFormatError(msg) from e
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        msg = f"{file}: not an alliancekg graph file (format {found!r}, expected {FORMAT_NAME!r})"
        raise StoreFormatError(msg)
    version = doc.get("version")
    if version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        msg = (
            f"{file}: graph file format version {version!r} is not supported by alliancekg {package_version()} "
            f"(it reads version {supported}); upgrade alliancekg or re-export the graph"
        )
        raise StoreFormatError(msg)
    try:
        store.upsert_nodes(
            Node(
                iri=rec["iri"],
                kind=rec["kind"],
                label=rec["label"],
                props={k: decode_value(v) for k, v in rec.get("props", {}).items()},
            )
            for rec in doc.get("nodes", [])
        )
        store.upsert_relationships(
            Relationship(
                type=rec["type"],
                source=rec["source"],
                target=rec["target"],
                props={k: decode_value(v) for k, v in rec.get("props", {}).items()},
            )
            for rec in doc.get("relationships", [])
        )
    except StoreFormatError as e:
        msg = f"{file}: {e}"
        raise StoreFormatError(msg) from e
    except (KeyError, TypeError, ValueError, StoreError) as e:
        msg = f"{file}: damaged graph file ({type(e).__name__}: {e})"
        raise StoreFormatError(msg) from e
