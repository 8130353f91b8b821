"""Read-only check of analyst Cypher, and the small Cypher lexer behind it.

The analyst console runs queries typed by people, so before a query reaches
either store it goes through :func:`check_read_only`. The check works on
tokens, not on raw text: keywords inside string literals (``'CREATE'``),
comments (``// delete me``), backtick-quoted names (```` `SET` ````) and
property or map keys (``n.set``, ``{delete: 1}``) are not clauses and do not
count.

Refused: the clauses ``CREATE``, ``MERGE``, ``DELETE``, ``DETACH``, ``SET``,
``REMOVE``, ``DROP``, ``FOREACH``, ``LOAD CSV``, ``CALL { ... } IN
TRANSACTIONS``, the administration commands (``ALTER``, ``GRANT``, ``DENY``,
``REVOKE``, ``TERMINATE``, ``START``/``STOP DATABASE``), any statement that
does not start as a reading query (``SHOW USERS``, ``SHOW TRANSACTIONS``: see
:func:`find_admin`) and procedures whose
name says they write or administer (``apoc.create.*``, ``apoc.periodic.*``,
``db.create*``, ``dbms.*`` apart from a few read-only ones, ...).

This is defence in depth: the Neo4j store also runs analyst queries in a
read-access session, where the server itself refuses writes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum

from graph.errors import CypherSyntaxError, QueryError, WriteNotAllowedError


class TokenKind(Enum):
    """Kinds of lexical token of a Cypher query."""

    WORD = "word"
    STRING = "string"
    BACKTICK = "backtick"
    PARAM = "param"
    NUMBER = "number"
    COMMENT = "comment"
    SPACE = "space"
    SYMBOL = "symbol"


@dataclass(frozen=True)
class Token:
    """A token with its kind, its exact source text and its start offset."""

    kind: TokenKind
    text: str
    start: int

    @property
    def upper(self) -> str:
        """The token's text in upper case (keywords are case-insensitive)."""
        return self.text.upper()


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_SPACE = re.compile(r"\s+")
_PARAM = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|`(?:[^`]|``)*`)")


def tokenize(query: str) -> list[Token]:
    """Split a Cypher query into tokens.

    Strings (single or double quoted, with backslash escapes), comments
    (``//`` to the end of the line, ``/* ... */``) and backtick-quoted names
    (with ```` `` ```` as an escaped backtick) are single tokens.

    Raises:
        QueryError: a string, comment or quoted name is not closed.

    >>> [t.text for t in tokenize("MATCH (n) WHERE n.x = 'a//b' RETURN n") if t.kind is TokenKind.STRING]
    ["'a//b'"]
    """
    tokens: list[Token] = []
    i = 0
    size = len(query)
    while i < size:
        ch = query[i]
        if ch in "'\"":
            j = i + 1
            while j < size and query[j] != ch:
                j += 2 if query[j] == "\\" else 1
            if j >= size:
                msg = f"unterminated string literal starting at offset {i}"
                raise QueryError(msg)
            tokens.append(Token(TokenKind.STRING, query[i : j + 1], i))
            i = j + 1
        elif ch == "`":
            j = i + 1
            while True:
                k = query.find("`", j)
                if k < 0:
                    msg = f"unterminated backtick-quoted name starting at offset {i}"
                    raise QueryError(msg)
                if k + 1 < size and query[k + 1] == "`":
                    j = k + 2
                    continue
                break
            tokens.append(Token(TokenKind.BACKTICK, query[i : k + 1], i))
            i = k + 1
        elif query.startswith("//", i):
            k = query.find("\n", i)
            k = size if k < 0 else k
            tokens.append(Token(TokenKind.COMMENT, query[i:k], i))
            i = k
        elif query.startswith("/*", i):
            k = query.find("*/", i + 2)
            if k < 0:
                msg = f"unterminated comment starting at offset {i}"
                raise QueryError(msg)
            tokens.append(Token(TokenKind.COMMENT, query[i : k + 2], i))
            i = k + 2
        elif ch == "$":
            m = _PARAM.match(query, i)
            if m is None:
                tokens.append(Token(TokenKind.SYMBOL, ch, i))
                i += 1
            else:
                tokens.append(Token(TokenKind.PARAM, m.group(0), i))
                i = m.end()
        else:
            for kind, pattern in ((TokenKind.SPACE, _SPACE), (TokenKind.WORD, _WORD), (TokenKind.NUMBER, _NUMBER)):
                m = pattern.match(query, i)
                if m is not None:
                    tokens.append(Token(kind, m.group(0), i))
                    i = m.end()
                    break
            else:
                tokens.append(Token(TokenKind.SYMBOL, ch, i))
                i += 1
    return tokens


def code_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens that are code: no whitespace, no comments."""
    return [t for t in tokens if t.kind not in (TokenKind.SPACE, TokenKind.COMMENT)]


WRITE_CLAUSES: frozenset[str] = frozenset(
    {"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "ALTER", "GRANT", "DENY", "REVOKE",
     "TERMINATE", "RENAME", "ENABLE", "DEALLOCATE", "REALLOCATE"}
)
"""Keywords that start a clause or command which changes data, schema or the server."""

_READ_PROCEDURES: frozenset[str] = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "db.indexes",
        "db.constraints",
        "db.info",
        "db.ping",
        "dbms.components",
        "dbms.procedures",
        "dbms.functions",
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
        "db.index.vector.querynodes",
    }
)
"""Procedures of the ``db``/``dbms`` namespaces known to be read-only."""

_WRITE_PROCEDURE_WORDS = re.compile(
    r"(create|merge|delete|remove|set|drop|write|refactor|periodic|import|load|\bdo\b|run|trigger|kill|terminate|"
    r"clear|reset|rename|mutate|await|upgrade|install|assert|cypher|commit|truncate|clone|collapse|link|"
    r"persist|restore|backup|wait|schedule|submit|unschedule|update|add|seed|config)",
    re.IGNORECASE,
)


def _procedure_is_write(name: str) -> bool:
    lowered = name.lower()
    if lowered in _READ_PROCEDURES:
        return False
    if lowered.startswith(("dbms.", "db.")):
        return True
    parts = lowered.split(".")
    return any(_WRITE_PROCEDURE_WORDS.search(part) for part in parts)


def find_write(query: str) -> str | None:
    """The first write clause or write procedure in ``query``, or None.

    >>> find_write("MATCH (n) RETURN n.set, 'CREATE' // DELETE")
    >>> find_write("match (n) detach delete n")
    'DETACH'
    >>> find_write("CALL apoc.create.node(['X'], {})")
    'CALL apoc.create.node'
    """
    tokens = code_tokens(tokenize(query))
    for idx, tok in enumerate(tokens):
        if tok.kind is not TokenKind.WORD:
            continue
        prev = tokens[idx - 1] if idx > 0 else None
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        if prev is not None and prev.kind is TokenKind.SYMBOL and prev.text in ".:":
            continue  # property access (n.set) or label (:Set)
        if nxt is not None and nxt.kind is TokenKind.SYMBOL and nxt.text == ":":
            continue  # map key ({delete: 1})
        word = tok.upper
        if word in WRITE_CLAUSES:
            return word
        if word == "LOAD" and nxt is not None and nxt.upper == "CSV":
            return "LOAD CSV"
        if word in ("START", "STOP") and nxt is not None and nxt.upper in ("DATABASE", "SERVER"):
            return f"{word} {nxt.upper}"
        if word == "IN" and nxt is not None and nxt.upper in ("TRANSACTIONS", "CONCURRENT"):
            return "CALL ... IN TRANSACTIONS"
        if word == "CALL" and nxt is not None and nxt.kind in (TokenKind.WORD, TokenKind.BACKTICK):
            name_parts: list[str] = []
            j = idx + 1
            while j < len(tokens) and tokens[j].kind in (TokenKind.WORD, TokenKind.BACKTICK):
                part = tokens[j].text
                if tokens[j].kind is TokenKind.BACKTICK:
                    part = part[1:-1].replace("``", "`")
                name_parts.append(part)
                if j + 1 < len(tokens) and tokens[j + 1].text == ".":
                    j += 2
                    continue
                break
            name = ".".join(name_parts)
            if _procedure_is_write(name):
                return f"CALL {name}"
    return None


def find_database_switch(query: str) -> str | None:
    """``USE <db>`` in ``query`` (a clause that leaves the configured database), or None.

    >>> find_database_switch("USE system SHOW USERS")
    'USE system'
    >>> find_database_switch("MATCH (n) WHERE n.use = 1 RETURN n")
    """
    tokens = code_tokens(tokenize(query))
    for idx, tok in enumerate(tokens):
        if tok.kind is not TokenKind.WORD or tok.upper != "USE":
            continue
        prev = tokens[idx - 1] if idx > 0 else None
        if prev is not None and prev.kind is TokenKind.SYMBOL and prev.text in ".:":
            continue
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        return f"USE {nxt.text}" if nxt is not None else "USE"
    return None


READ_STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
"""Words a reading query may start with (after ``EXPLAIN``/``PROFILE`` and ``CYPHER`` options)."""


SERVER_COMMANDS = frozenset(
    {"SHOW", "TERMINATE", "ENABLE", "DISABLE", "RENAME", "ALTER", "GRANT", "DENY", "REVOKE", "START", "STOP",
     "CREATE", "DROP", "USE", "DEALLOCATE", "REALLOCATE", "SET", "DELETE", "MERGE", "REMOVE", "DETACH", "LOAD",
     "FOREACH", "FINISH", "INSERT"}
)  # fmt: skip
"""Words that start a server command or a writing statement: refused as such (any other first word that is
not in :data:`READ_STARTS` is a syntax error, refused all the same)."""


def find_admin(query: str) -> str | None:
    """A statement of ``query`` that does not start as a reading query (``SHOW USERS``...), or None.

    Server commands (``SHOW``, ``TERMINATE``, ``ENABLE``, ``RENAME``...) can
    only start a statement, so every statement must start with a word of
    :data:`READ_STARTS`: an allow-list, not a list of commands to refuse.

    >>> find_admin("SHOW TRANSACTIONS")
    'SHOW TRANSACTIONS'
    >>> find_admin("CYPHER 5 EXPLAIN MATCH (show) RETURN show")
    """
    tokens = code_tokens(tokenize(query))
    statements: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.kind is TokenKind.SYMBOL and tok.text == ";":
            statements.append([])
        else:
            statements[-1].append(tok)
    for statement in statements:
        i = 0
        while i < len(statement):
            tok = statement[i]
            if tok.kind is TokenKind.WORD and tok.upper in ("EXPLAIN", "PROFILE", "CYPHER"):
                i += 1
            elif tok.kind is TokenKind.NUMBER or (tok.kind is TokenKind.SYMBOL and tok.text == "="):
                i += 1  # CYPHER 5, CYPHER runtime=slotted
            elif i + 1 < len(statement) and statement[i + 1].text == "=":
                i += 2  # an option's name; its value is skipped by the next turn
            elif i > 0 and statement[i - 1].text == "=":
                i += 1
            else:
                break
        if i >= len(statement):
            continue
        first = statement[i]
        if first.kind is not TokenKind.WORD or first.upper not in READ_STARTS:
            following = statement[i + 1] if i + 1 < len(statement) else None
            return f"{first.upper} {following.upper}" if following is not None else first.upper
    return None


def check_read_only(query: str) -> None:
    """Refuse a query that would change the graph or the server.

    Raises:
        WriteNotAllowedError: the query holds a write clause or procedure.
        CypherSyntaxError: the query starts with a word that is no clause (``MATCHH``).
        QueryError: the query cannot even be split into tokens (an
            unterminated string, comment or quoted name).
    """
    switch = find_database_switch(query)
    if switch is not None:
        msg = (
            f"the query console reads the configured graph only: {switch} would switch to another "
            "database (such as system, which lists users); remove it"
        )
        raise WriteNotAllowedError(msg)
    found = find_write(query)
    if found is not None:
        msg = (
            f"the query console is read-only: {found} would change the graph or the server; "
            "only reading queries (MATCH ... RETURN) are allowed"
        )
        raise WriteNotAllowedError(msg)
    admin = find_admin(query)
    if admin is not None and admin.split()[0] not in SERVER_COMMANDS:
        first = code_tokens(tokenize(query))[0] if admin else None
        word = admin.split()[0]
        close = difflib.get_close_matches(word, sorted(READ_STARTS), n=1, cutoff=0.7)
        hint = f"did you mean {close[0]}?" if close else "a reading query starts with MATCH"
        start = first.start if first is not None and first.upper == word else 0
        line = query.count("\n", 0, start) + 1
        column = start - (query.rfind("\n", 0, start) + 1) + 1
        msg = f"syntax error at line {line}, column {column}: '{word}' is not a Cypher clause; {hint}"
        raise CypherSyntaxError(msg, line=line, column=column)
    if admin is not None:
        msg = (
            f"the query console runs reading queries over the graph only (MATCH ... RETURN): {admin} "
            "is a server command"
        )
        raise WriteNotAllowedError(msg)
