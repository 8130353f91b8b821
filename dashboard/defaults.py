"""Defaults of the explorer that ``alliancekg serve --help`` shows, in a module that imports nothing of ours."""

from __future__ import annotations

import os

DEFAULT_MAX_ELEMENTS = 1500
"""Most graph elements (nodes + links) sent to the browser."""

SERVER_THREADS = 8
"""Threads answering requests. Callbacks mostly hold the GIL, so more threads add little on a few cores;
eight keep slow callbacks (a console query) from holding up page loads."""

MOST_DEFAULT_WORKERS = 4
"""Most server processes started when ``serve --workers`` is not given (one per core up to this)."""


def default_workers() -> int:
    """Server processes for this machine: one per core this process may use, at most :data:`MOST_DEFAULT_WORKERS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity call on this system
        cores = os.cpu_count() or 1
    return max(1, min(cores, MOST_DEFAULT_WORKERS))
