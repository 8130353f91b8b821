"""Shared fixtures: every store implementation, and a real Neo4j server, never a mock.

``make test`` starts a local Neo4j (``scripts/neo4j-local``) when ``NEO4J_URI``
is not set and exports its URI and credentials.

Stores: the ``store`` fixture is an empty store of each
:class:`~graph.store.GraphStore` implementation in turn (:data:`STORE_KINDS`):
a test that takes it runs once per store. ``neo4j_store`` is the Neo4j one
alone; ``neo4j_driver`` (or ``neo4j_clean``, which also empties the database
first) is the raw driver.

The ``neo4j`` marker: a test that uses Neo4j is marked ``neo4j``
automatically when it names a Neo4j fixture (:data:`NEO4J_FIXTURES`) or runs
with a parameter ``"neo4j"`` (the ``store`` fixture, or any parametrisation
over :data:`STORE_KINDS`). A test that reaches Neo4j in another way, through
``request.getfixturevalue``, must declare ``@pytest.mark.neo4j``; one that
does not fails, so ``-m "not neo4j"`` always deselects every Neo4j test.
Without a reachable server those tests are skipped on a developer machine and
FAIL when ``CI=true``: CI never passes by silently skipping Neo4j.

The ``slow`` marker is opt-in: tests that assert on wall-clock or CPU time
(which a loaded machine makes flaky) run only with ``--runslow`` or
``ALLIANCEKG_SLOW=1``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.neo4j_store import Neo4jStore
from graph.nx_store import NetworkXStore
from graph.store import GraphStore

NEO4J_FIXTURES = {"neo4j_driver", "neo4j_clean", "neo4j_uri", "neo4j_store"}
"""Fixtures whose use makes a test a ``neo4j`` test."""

STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
"""Every GraphStore implementation, as parameters (Neo4j marked)."""

_TRUE = {"1", "true", "yes"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in _TRUE


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"Neo4j is required in CI but {reason}", pytrace=False)
    pytest.skip(f"Neo4j not available: {reason} (run `make test`, or set NEO4J_URI)")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow", action="store_true", default=False, help="also run tests marked slow (or ALLIANCEKG_SLOW=1)"
    )


def _uses_neo4j(item: pytest.Item) -> bool:
    if NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(isinstance(v, str) and v == "neo4j" for v in callspec.params.values())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark Neo4j tests ``neo4j`` (see the module notes); skip ``slow`` ones unless asked for."""
    run_slow = config.getoption("--runslow") or os.environ.get("ALLIANCEKG_SLOW", "").lower() in _TRUE
    skip_slow = pytest.mark.skip(reason="slow (timing) test: run with --runslow or ALLIANCEKG_SLOW=1")
    for item in items:
        if _uses_neo4j(item):
            item.add_marker(pytest.mark.neo4j)
        if not run_slow and item.get_closest_marker("slow") is not None:
            item.add_marker(skip_slow)


def _require_marker(request: pytest.FixtureRequest) -> None:
    """Fail a test that reached Neo4j without the ``neo4j`` marker (through ``getfixturevalue``)."""
    if request.node.get_closest_marker("neo4j") is None:
        pytest.fail(
            f"{request.node.nodeid} uses Neo4j through request.getfixturevalue but is not marked: add "
            '@pytest.mark.neo4j, or parametrise with pytest.param("neo4j", marks=pytest.mark.neo4j)',
            pytrace=False,
        )


@pytest.fixture(scope="session")
def neo4j_auth() -> tuple[str, str] | None:
    """Credentials from ``NEO4J_USERNAME``/``NEO4J_PASSWORD`` (None when no password)."""
    password = os.environ.get("NEO4J_PASSWORD", "")
    if not password:
        return None
    return (os.environ.get("NEO4J_USERNAME", "neo4j"), password)


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    """The Bolt URI of the test server (``NEO4J_URI``)."""
    uri = os.environ.get("NEO4J_URI", "")
    if not uri:
        _unavailable("NEO4J_URI is not set")
    return uri


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri: str, neo4j_auth: tuple[str, str] | None) -> Iterator[Any]:
    """A connected ``neo4j.Driver`` for the whole session."""
    import neo4j

    driver = neo4j.GraphDatabase.driver(neo4j_uri, auth=neo4j_auth)
    try:
        driver.verify_connectivity()
    except Exception as exc:  # any failure to reach the server decides skip/fail
        driver.close()
        _unavailable(f"{neo4j_uri} did not answer: {exc}")
    yield driver
    driver.close()


def wipe(driver: Any, database: str | None = None) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    from graph import queries

    with driver.session(database=database) as session:
        session.run(queries.CLEAR_ALL).consume()


@pytest.fixture
def neo4j_clean(request: pytest.FixtureRequest) -> Any:
    """The session driver, with the database emptied before the test."""
    _require_marker(request)  # first, so that an unmarked test fails even where Neo4j is skipped
    driver = request.getfixturevalue("neo4j_driver")
    wipe(driver)
    return driver


_SCHEMA_READY: set[int] = set()


@pytest.fixture
def neo4j_store(neo4j_clean: Any) -> Iterator[Neo4jStore]:
    """An empty Neo4j store on the test server, its constraints created (once per session)."""
    made = Neo4jStore(neo4j_clean)
    if id(neo4j_clean) not in _SCHEMA_READY:
        made.ensure_schema()
        _SCHEMA_READY.add(id(neo4j_clean))
    yield made
    made.close()


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each implementation: the embedded one (with a file to save to), then Neo4j."""
    if request.param == "embedded":
        with NetworkXStore(path=tmp_path / "graph.json.gz") as embedded:
            yield embedded
        return
    yield request.getfixturevalue("neo4j_store")
