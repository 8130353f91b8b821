"""Defaults of the explorer that ``alliancekg serve --help`` shows, in a module that imports nothing."""

from __future__ import annotations

DEFAULT_MAX_ELEMENTS = 1500
"""Most graph elements (nodes + links) sent to the browser."""
