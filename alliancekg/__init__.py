"""alliancekg: a knowledge-graph explorer of alliance events and commitments."""

__version__ = "0.1.0"
