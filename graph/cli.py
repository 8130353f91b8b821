"""Store commands: what is in the graph."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""
