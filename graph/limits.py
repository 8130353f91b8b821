"""The query limits every reader shares, in a module that imports nothing.

:mod:`graph.store` re-exports them; the command line reads them from here so
that ``alliancekg --help`` can show them without loading the graph model.
"""

from __future__ import annotations

DEFAULT_ROW_LIMIT = 1000
"""Rows a query returns at most unless asked for another limit (CLI, console, stores)."""

DEFAULT_QUERY_TIMEOUT = 10.0
"""Seconds an analyst query may run."""
