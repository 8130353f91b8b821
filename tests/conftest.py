"""Shared fixtures: a real Neo4j server, never a mock.

``make test`` starts a local Neo4j (``scripts/neo4j-local``) when ``NEO4J_URI``
is not set and exports its URI and credentials. A test that needs Neo4j uses
the ``neo4j_driver`` fixture (or ``neo4j_clean``, which also empties the
database first); such tests are marked ``neo4j`` automatically.

Without a reachable server those tests are skipped on a developer machine and
FAIL when ``CI=true``: CI never passes by silently skipping Neo4j.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

NEO4J_FIXTURES = {"neo4j_driver", "neo4j_clean", "neo4j_uri"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"Neo4j is required in CI but {reason}", pytrace=False)
    pytest.skip(f"Neo4j not available: {reason} (run `make test`, or set NEO4J_URI)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses a Neo4j fixture with ``neo4j``."""
    for item in items:
        if NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


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
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def neo4j_clean(neo4j_driver: Any) -> Any:
    """The session driver, with the database emptied before the test."""
    wipe(neo4j_driver)
    return neo4j_driver
