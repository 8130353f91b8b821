"""Errors of the analytics (subclasses of the project's root error)."""

from __future__ import annotations

from graph.errors import AllianceKGError


class AnalysisError(AllianceKGError):
    """An analysis cannot be made on this graph (an undated incident, an empty window...)."""
