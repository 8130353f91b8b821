"""CSV cells a spreadsheet cannot run: the one helper every CSV writer of the project uses.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return) is read by spreadsheet programs as a formula, so a label
taken from a document (``=HYPERLINK(...)``) would become one. Such text gets a
leading apostrophe (OWASP's advice: the spreadsheet shows the text as it is).
Numbers, dates and empty cells are left alone. It lives in ``graph/`` so that
the dashboard and the command line may both import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    """``value``, with text that starts like a formula prefixed by ``'``.

    >>> safe_cell("=1+1"), safe_cell("a=b"), safe_cell(-1)
    ("'=1+1", 'a=b', -1)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: list[Any]) -> list[Any]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(v) for v in row]


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with its text cells (and column names) through :func:`safe_cell`."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype.kind not in "biufcmM":  # text (object or string dtype), not numbers or dates
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out
