"""alliancekg: a knowledge-graph explorer of alliance events and commitments.

This package is the application edge (command line, settings, store factory,
ingest); no other package imports it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("alliancekg")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "unknown"
