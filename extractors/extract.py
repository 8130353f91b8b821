"""Documents to graphs, with no store involved.

:func:`extract_file` reads one file and extracts its graph;
:func:`extract_checked` runs any extractor on a document and makes sure that
whatever goes wrong inside it comes out as an :class:`ExtractionError` and that
what comes out is a merged :class:`~graph.model.GraphData`. Loading the graphs
into a store is the application's job (``alliancekg.ingest``).
"""

from __future__ import annotations

import os

from extractors.document import SourceDocument
from extractors.readers import read_document
from extractors.registry import ExtractFn, get_extractor
from graph.errors import AllianceKGError, ExtractionError
from graph.model import GraphData
from graph.schema import DEFAULT_BASE


def default_extractor() -> ExtractFn:
    """The project's rule-based extractor in use (:func:`extractors.registry.get_extractor`).

    Raises:
        ExtractionError: the extractor cannot be found.
    """
    return get_extractor()


def extract_checked(doc: SourceDocument, extract: ExtractFn | None = None, base: str = DEFAULT_BASE) -> GraphData:
    """Run ``extract`` (default: :func:`default_extractor`) on ``doc``; the merged graph.

    Raises:
        ExtractionError: the extractor failed (a defect inside it included) or
            returned something other than a graph.
    """
    fn = extract or default_extractor()
    try:
        data: object = fn(doc, base)
    except AllianceKGError:
        raise
    except Exception as e:  # a defect in an extractor must not stop the run
        msg = f"extraction failed: {type(e).__name__}: {e}"
        raise ExtractionError(msg) from e
    if not isinstance(data, GraphData):
        msg = f"the extractor returned {type(data).__name__}, not GraphData"
        raise ExtractionError(msg)
    return data.merged()


def extract_file(
    path: str | os.PathLike[str],
    *,
    extract: ExtractFn | None = None,
    base: str = DEFAULT_BASE,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> GraphData:
    """Read and extract one document, no store involved.

    Raises:
        ExtractionError: the file cannot be read or extracted.
    """
    doc = read_document(path, encoding=encoding, max_bytes=max_bytes)
    return extract_checked(doc, extract, base)
