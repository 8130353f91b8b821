"""Small helpers for the DataFrames the analytics return."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd


def frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (empty rows give an empty, typed-by-name frame)."""
    return pd.DataFrame(list(rows), columns=list(columns))


def plain(value: Any) -> Any:
    """A JSON-ready version of a cell: dates as ISO strings, NaN as None, numpy scalars as Python."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str | bytes | list | tuple | dict):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            return str(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple | frozenset | set):
        return [plain(v) for v in value]
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a DataFrame as JSON-ready dicts."""
    return [{str(k): plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def parse_date(value: dt.date | str) -> dt.date:
    """A date given as a date or as ``YYYY-MM-DD`` text.

    Raises:
        ConfigurationError: the text is not a date.
    """
    from graph.errors import ConfigurationError

    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        msg = f"{value!r} is not a date (YYYY-MM-DD)"
        raise ConfigurationError(msg) from exc
