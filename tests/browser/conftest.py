"""Browser tests: Dash's ``dash_duo`` driving Debian's headless Chromium.

Chromium and its driver come from Debian (``apt-get install chromium
chromium-driver``); the tests skip when they are missing, and fail in CI
(``CI=true``), where the Makefile installs them. Each test builds its app
with :func:`dashboard.app.create_app` over a real store: the embedded store
by default, and Neo4j too when the ``neo4j`` fixtures find a server (those
cases carry the ``neo4j`` marker, so ``-m "not neo4j"`` leaves them out).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from dashboard_sample import sample_graph  # noqa: E402

CHROMIUM = os.environ.get("ALLIANCEKG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ALLIANCEKG_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("ALLIANCEKG_TEST_ARTIFACTS", TESTS.parent / "test-artifacts"))


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_setup_options() -> Any:
    """Chrome options for dash_duo: Debian's Chromium, headless, quiet."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1600,1000",
    ):
        options.add_argument(arg)
    return options


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test here ``browser``; skip them (or fail in CI) without Chromium."""
    here = Path(__file__).parent
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (Path(p).exists() or shutil.which(p))]
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if missing and not _in_ci():
                item.add_marker(pytest.mark.skip(reason=f"Chromium not installed: {', '.join(missing)}"))


@pytest.fixture(scope="session", autouse=True)
def _chromedriver_on_path() -> Iterator[None]:
    """Selenium finds the driver on PATH; put Debian's first."""
    old = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(CHROMEDRIVER).parent}{os.pathsep}{old}"
    yield
    os.environ["PATH"] = old


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Directory for screenshots (``test-artifacts/``)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def sample_store() -> Any:
    """The embedded store loaded with the sample graph."""
    from graph.nx_store import NetworkXStore

    store = NetworkXStore()
    store.load(sample_graph())
    return store


STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
"""The stores the browser tests run on (as ``tests/conftest.py``'s ``STORE_KINDS``)."""


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, sample_store: Any) -> Iterator[Any]:
    """The sample graph in each store: embedded, then Neo4j when a server is up."""
    if request.param == "embedded":
        yield sample_store
        return
    neo = request.getfixturevalue("neo4j_store")
    neo.load(sample_graph())
    yield neo


@pytest.fixture(scope="session")
def corpus_graph() -> Any:
    """The sample corpus (``corpus/``) ingested by the real pipeline into an embedded store, as a batch."""
    from alliancekg.ingest import ingest_paths
    from graph.nx_store import NetworkXStore

    store = NetworkXStore()
    sample = [TESTS.parent / "corpus" / d for d in ("communiques", "statements", "news", "studies")]
    report = ingest_paths(sample, store, progress=False, save=False)
    if not report.ok:
        pytest.fail(f"ingesting the sample corpus failed: {report}")
    return store.dump()


@pytest.fixture(params=STORE_KINDS)
def corpus_store(request: pytest.FixtureRequest, corpus_graph: Any) -> Iterator[Any]:
    """The ingested sample corpus in each store."""
    if request.param == "embedded":
        from graph.nx_store import NetworkXStore

        store = NetworkXStore()
        store.load(corpus_graph)
        yield store
        return
    neo = request.getfixturevalue("neo4j_store")
    neo.load(corpus_graph)
    yield neo
