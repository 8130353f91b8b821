"""Options every command shares, declared once, and the store they open.

A command that reads or writes the graph takes ``store: StoreKind = None`` and
``data: DataFile = None`` and opens the store with :func:`opened`, so that
``--store`` and ``--data`` mean the same thing and say the same in ``--help``
everywhere. Row limits default to the store's own (:data:`ROW_LIMIT`). A
reading command takes ``fmt: OutputFormatOption = OutputFormat.TABLE`` and
prints through :mod:`alliancekg.cli.output`.

This module is imported by ``alliancekg --help``: it imports nothing heavy
(no graph model, no store, no pandas).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from alliancekg.settings import STORE_KINDS, Settings, open_store
from graph.errors import MissingFileError
from graph.limits import DEFAULT_ROW_LIMIT

if TYPE_CHECKING:
    from graph.store import GraphStore

ROW_LIMIT = DEFAULT_ROW_LIMIT
"""The one default row limit of queries (CLI, console, store)."""


def _check_store(value: str | None) -> str | None:
    """``--store`` names a known store (a wrong name is a usage error, exit 2)."""
    if value is not None and value.strip().lower() not in STORE_KINDS:
        msg = f"{value!r} is not one of {', '.join(STORE_KINDS)}"
        raise typer.BadParameter(msg)
    return value


class OutputFormat(StrEnum):
    """How a reading command prints its result on standard output."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


StoreKind = Annotated[
    str | None,
    typer.Option(
        "--store",
        callback=_check_store,
        help="Store to use: embedded or neo4j (default: ALLIANCEKG_STORE, else embedded).",
    ),
]
DataFile = Annotated[
    Path | None,
    typer.Option("--data", help="Embedded store file (default: ALLIANCEKG_DATA, else data/graph.json.gz)."),
]
CsvFile = Annotated[Path | None, typer.Option("--csv", help="Also write the main table to this CSV file.")]
JsonFile = Annotated[Path | None, typer.Option("--json", help="Also write the whole result to this JSON file.")]
OutputFormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        case_sensitive=False,
        help="Standard output as a table (fits the terminal), CSV (the main table) or JSON (the whole result).",
    ),
]


def store_file(kind: str | None, data: Path | None, settings: Settings | None = None) -> Path | None:
    """The embedded store file ``--store``/``--data`` (over the environment) point to; None for Neo4j."""
    conf = settings or Settings.from_env()
    if (kind or conf.store).strip().lower() != "embedded":
        return None
    return Path(data) if data is not None else conf.data_path


def describe(store: GraphStore) -> str:
    """The store in use, for messages (see :meth:`GraphStore.describe`)."""
    return store.describe()


def _cap(text: str) -> str:
    """``text`` with its first letter upper-case (and nothing else changed, unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]


_in_use: list[str] = []


def store_in_use() -> str | None:
    """The store the last :func:`opened` opened (:func:`describe`), for error messages; None before."""
    return _in_use[-1] if _in_use else None


@contextmanager
def opened(
    kind: str | None, data: Path | None, settings: Settings | None = None, *, create: bool = False
) -> Iterator[GraphStore]:
    """The configured store (``--store``/``--data`` over the environment), closed afterwards.

    Args:
        kind: ``--store``.
        data: ``--data``.
        settings: explicit settings (default: read from the environment).
        create: the command writes (``ingest``, ``import``): a missing embedded store
            file is created when the store is saved. A reading command leaves it False,
            so a missing file is reported, never replaced by an empty store.

    Raises:
        MissingFileError: a reading command's embedded store file does not exist.
    """
    conf = settings or Settings.from_env()
    file = store_file(kind, data, conf)
    if file is not None and not create and not file.exists():
        msg = (
            f"no store file at {file.resolve()}: run `alliancekg ingest corpus/` first, "
            "or point --data (or ALLIANCEKG_DATA) at an existing store"
        )
        raise MissingFileError(msg)
    store = open_store(kind, path=data, settings=conf)
    _in_use[:] = [describe(store)]
    try:
        yield store
    finally:
        store.close()


Sources = Annotated[
    str,
    typer.Option(
        "--sources",
        help="Which commitments count: all (reported ones flagged), primary (the records of their meetings) "
        "or reported (only what secondary texts report).",
    ),
]
MinConfidence = Annotated[
    float | None,
    typer.Option(
        "--min-confidence", metavar="0-1", help="Drop commitments extracted with a lower confidence (0 to 1)."
    ),
]
