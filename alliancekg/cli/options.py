"""Options every command shares, declared once, and the store they open.

A command that reads or writes the graph takes ``store: StoreKind = None`` and
``data: DataFile = None`` and opens the store with :func:`opened`, so that
``--store`` and ``--data`` mean the same thing and say the same in ``--help``
everywhere. Row limits default to the store's own (:data:`ROW_LIMIT`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from alliancekg.settings import Settings, open_store
from graph.store import DEFAULT_ROW_LIMIT, GraphStore

ROW_LIMIT = DEFAULT_ROW_LIMIT
"""The one default row limit of queries (CLI, console, store)."""

StoreKind = Annotated[
    str | None,
    typer.Option("--store", help="Store to use: embedded or neo4j (default: ALLIANCEKG_STORE, else embedded)."),
]
DataFile = Annotated[
    Path | None,
    typer.Option("--data", help="Embedded store file (default: ALLIANCEKG_DATA, else data/graph.json.gz)."),
]
CsvFile = Annotated[Path | None, typer.Option("--csv", help="Also write the main table to this CSV file.")]
JsonFile = Annotated[Path | None, typer.Option("--json", help="Also write the whole result to this JSON file.")]


@contextmanager
def opened(kind: str | None, data: Path | None, settings: Settings | None = None) -> Iterator[GraphStore]:
    """The configured store (``--store``/``--data`` over the environment), closed afterwards."""
    store = open_store(kind, path=data, settings=settings)
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
