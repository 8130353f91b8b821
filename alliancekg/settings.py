"""Settings from the environment, and the one store factory.

The CLI and the dashboard never build a store themselves: they call
:func:`open_store`, which reads :class:`Settings` and returns either the
embedded store (loaded from ``ALLIANCEKG_DATA`` when that file exists) or a
:class:`~graph.neo4j_store.Neo4jStore` connected to ``NEO4J_URI``.

Environment variables:

=========================  ====================================================
``ALLIANCEKG_STORE``       ``embedded`` (default) or ``neo4j``
``ALLIANCEKG_DATA``        embedded store file (default ``./data/graph.json.gz``)
``ALLIANCEKG_BASE_IRI``    base of instance IRIs (default ``graph.schema.DEFAULT_BASE``)
``NEO4J_URI``              e.g. ``bolt://127.0.0.1:7687`` (needed for ``neo4j``)
``NEO4J_USERNAME``         default ``neo4j``
``NEO4J_PASSWORD``         empty means no authentication
``NEO4J_DATABASE``         default: the server's default database
=========================  ====================================================

The embedded store does not save itself: whoever changes it calls
:meth:`~graph.store.GraphWriter.save` (a no-op for Neo4j, which persists every write).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import ConfigurationError
from graph.schema import DEFAULT_BASE

if TYPE_CHECKING:
    from graph.store import GraphStore

STORE_KINDS: tuple[str, ...] = ("embedded", "neo4j")
DEFAULT_DATA = Path("data") / "graph.json.gz"


@dataclass(frozen=True)
class Settings:
    """What the environment says about where the graph lives."""

    store: str = "embedded"
    data_path: Path = DEFAULT_DATA
    base_iri: str = DEFAULT_BASE
    neo4j_uri: str | None = None
    neo4j_username: str = "neo4j"
    neo4j_password: str = field(default="", repr=False)
    neo4j_database: str | None = None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read the settings from ``env`` (default: ``os.environ``).

        Raises:
            ConfigurationError: ``ALLIANCEKG_STORE`` names an unknown store.
        """
        source = os.environ if env is None else env
        store = (source.get("ALLIANCEKG_STORE") or "embedded").strip().lower()
        if store not in STORE_KINDS:
            msg = f"ALLIANCEKG_STORE={store!r}: expected one of {', '.join(STORE_KINDS)}"
            raise ConfigurationError(msg)
        return cls(
            store=store,
            data_path=Path(source.get("ALLIANCEKG_DATA") or DEFAULT_DATA),
            base_iri=source.get("ALLIANCEKG_BASE_IRI") or DEFAULT_BASE,
            neo4j_uri=source.get("NEO4J_URI") or None,
            neo4j_username=source.get("NEO4J_USERNAME") or "neo4j",
            neo4j_password=source.get("NEO4J_PASSWORD", ""),
            neo4j_database=source.get("NEO4J_DATABASE") or None,
        )

    @property
    def neo4j_auth(self) -> tuple[str, str] | None:
        """Basic credentials for the driver (None when no password is set)."""
        return (self.neo4j_username, self.neo4j_password) if self.neo4j_password else None


def open_store(kind: str | None = None, path: str | Path | None = None, settings: Settings | None = None) -> GraphStore:
    """THE store factory: the embedded store or Neo4j, as configured.

    Args:
        kind: ``embedded`` or ``neo4j``; default ``ALLIANCEKG_STORE``.
        path: embedded store file; default ``ALLIANCEKG_DATA``. The file is
            loaded when it exists; otherwise the store starts empty and
            :meth:`~graph.store.GraphWriter.save` creates it.
        settings: explicit settings (default: read from the environment).

    Raises:
        ConfigurationError: unknown store kind or missing ``NEO4J_URI``.
        StoreUnavailableError, AuthenticationError: Neo4j cannot be used.
        StoreFormatError: the embedded file cannot be read.
    """
    conf = settings or Settings.from_env()
    chosen = (kind or conf.store).strip().lower()
    if chosen not in STORE_KINDS:
        msg = f"unknown store {chosen!r}: expected one of {', '.join(STORE_KINDS)}"
        raise ConfigurationError(msg)
    if chosen == "neo4j":
        from graph.neo4j_store import connect

        store = connect(conf.neo4j_uri, conf.neo4j_auth, database=conf.neo4j_database)
        store.ensure_schema()
        return store
    from graph.nx_store import NetworkXStore

    file = Path(path) if path is not None else conf.data_path
    if file.exists():
        return NetworkXStore.load_file(file)
    return NetworkXStore(path=file)
