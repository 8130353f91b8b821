"""Extractors by versioned name (``communique.rules.v1``, ...).

A change in what an extractor finds gets a new name, and every Mention records
the name of the extractor that made it (``ak:extractor``), so a graph says
which rules read each piece of evidence. Extractors register themselves with
:func:`register`; :func:`get_extractor` finds one by name (the default:
:data:`DEFAULT_EXTRACTOR`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TypeVar

from extractors.document import SourceDocument
from graph.errors import ExtractionError
from graph.model import GraphData

ExtractFn = Callable[[SourceDocument, str], GraphData]
"""A semantic extractor: ``(document, base IRI) -> GraphData``."""

_REGISTRY: dict[str, ExtractFn] = {}
_PROVIDERS: dict[str, str] = {"communique.rules": "extractors.rules"}
"""Name prefix -> module that registers the extractors of that family when imported."""


F = TypeVar("F", bound=Callable[..., GraphData])


def register(name: str) -> Callable[[F], F]:
    """Decorator: make ``fn`` the extractor called ``name`` (``family.variant.vN``)."""

    def wrap(fn: F) -> F:
        _REGISTRY[name] = fn
        return fn

    return wrap


def get_extractor(name: str | None = None) -> ExtractFn:
    """The extractor registered as ``name`` (default: the rule-based one in use).

    Raises:
        ExtractionError: no extractor has that name.
    """
    from extractors.rules.lexicon import EXTRACTOR

    wanted = name or EXTRACTOR
    if wanted not in _REGISTRY:
        for prefix, module in _PROVIDERS.items():
            if wanted.startswith(prefix):
                importlib.import_module(module)
    try:
        return _REGISTRY[wanted]
    except KeyError as e:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        msg = f"no extractor named {wanted!r} (registered: {known})"
        raise ExtractionError(msg) from e


def registered() -> list[str]:
    """Names of the extractors registered so far."""
    return sorted(_REGISTRY)
