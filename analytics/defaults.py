"""Defaults of the analyses that callers show before any analysis runs (``--help``).

This module imports nothing, so the command line can print its options
without loading pandas or networkx.
"""

from __future__ import annotations

DEFAULT_WINDOW_DAYS = 400
"""Default window after an incident in which a series' next meeting counts."""
