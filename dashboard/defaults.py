"""Defaults of the explorer that ``alliancekg serve --help`` shows, in a module that imports nothing."""

from __future__ import annotations

DEFAULT_MAX_ELEMENTS = 1500
"""Most graph elements (nodes + links) sent to the browser."""

SERVER_THREADS = 8
"""Threads answering requests. Callbacks mostly hold the GIL, so more threads add little on a few cores;
eight keep slow callbacks (a console query) from holding up page loads."""
