"""alliancekg: a knowledge-graph explorer of alliance events and commitments.

This package is the application edge (command line, settings, store factory,
ingest); no other package imports it. ``__version__`` is read from the
installed metadata on first use (``importlib.metadata`` costs a tenth of a
second, which every command would pay at start-up).
"""

from __future__ import annotations

from typing import Any


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("alliancekg")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value = _installed_version()
        globals()["__version__"] = value
        return value
    msg = f"module 'alliancekg' has no attribute {name!r}"
    raise AttributeError(msg)
