"""The SHACL inference modes, in a module that imports nothing (``alliancekg --help`` lists them)."""

from __future__ import annotations

INFERENCE_MODES: tuple[str, ...] = ("none", "rdfs", "owlrl", "both")
"""What pySHACL infers before validating: nothing, RDFS, OWL RL, or both."""
