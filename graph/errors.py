"""The project's exceptions: one root, a subclass per package and problem.

Library code raises these (wrapping third-party failures with ``raise ... from
e``); the CLI turns them into a one-line message and a non-zero exit.
"""

from __future__ import annotations


class AllianceKGError(Exception):
    """Root of every error this project raises on purpose."""


class ConfigurationError(AllianceKGError):
    """A setting is missing or wrong (environment, command-line option)."""


class MissingFileError(ConfigurationError):
    """A file the command needs does not exist (a store file to read, an input file).

    The command line reports it as a usage error (exit status 2), naming the path.
    """


class StoreError(AllianceKGError):
    """A graph store could not do what was asked."""


class StoreUnavailableError(StoreError):
    """The store's server cannot be reached (Neo4j down, wrong URI)."""


class AuthenticationError(StoreError):
    """The store refused the credentials."""


class StoreFormatError(StoreError):
    """A saved store file is unreadable, or was written by an unsupported version."""


class NodeNotFoundError(StoreError):
    """No node has the given IRI."""


class QueryError(AllianceKGError):
    """An analyst query is malformed, too slow, or not allowed."""


class WriteNotAllowedError(QueryError):
    """An analyst query tried to change the graph; the console is read-only."""


class UnsupportedQueryError(QueryError):
    """The embedded store cannot answer this Cypher; it needs Neo4j.

    Attributes:
        construct: the Cypher construct outside the embedded subset (``WITH``,
            ``OPTIONAL MATCH``, ``the function toString()``), when known.
    """

    def __init__(self, message: str, construct: str | None = None) -> None:
        super().__init__(message)
        self.construct = construct


class CypherSyntaxError(QueryError):
    """An analyst query is not valid Cypher (a typo, an unclosed bracket).

    Attributes:
        line, column: where the problem starts (1-based), when known.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class QueryTimeoutError(QueryError):
    """An analyst query ran past its timeout and was stopped.

    Attributes:
        timeout: the limit, in seconds.
    """

    def __init__(self, message: str, timeout: float | None = None) -> None:
        super().__init__(message)
        self.timeout = timeout


class ExtractionError(AllianceKGError):
    """A document could not be read or extracted."""


class FetchError(AllianceKGError):
    """A public source could not be downloaded, or what came back is not the text.

    Raised per source by :mod:`alliancekg.fetch` (the run goes on with the
    next one) and for a manifest that does not validate.
    """


class RDFError(AllianceKGError):
    """RDF could not be parsed, validated or mapped to the ontology."""


class LookupAmbiguityError(AllianceKGError):
    """A name given by the user matches nothing or several things.

    Attributes:
        candidates: close matches to show the user.
    """

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class EmptyStoreError(LookupAmbiguityError):
    """The store holds nothing of the kind asked for yet (no incidents before any ingest).

    Attributes:
        what: the kind of thing missing, in the plural ("incidents").
    """

    def __init__(self, what: str, message: str | None = None) -> None:
        super().__init__(message or f"the store holds no {what} yet: ingest documents first (alliancekg ingest corpus)")
        self.what = what
