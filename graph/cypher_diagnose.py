"""Why the embedded store cannot answer an analyst's query, said in the analyst's terms.

The embedded store answers a subset of Cypher (see :mod:`graph.nx_cypher`).
When a query fails there, the analyst needs to know which of three things
happened, because each has a different remedy:

* a **syntax error** (a typo, an unclosed bracket): fix the query; Neo4j
  would refuse it too (:class:`~graph.errors.CypherSyntaxError`, with the
  line and column);
* a **construct outside the subset** (``WITH``, ``OPTIONAL MATCH``,
  ``toString()``...): valid Cypher that only Neo4j answers
  (:class:`~graph.errors.UnsupportedQueryError`, naming the construct);
* a **failure of the interpreter** on a query it accepted.

:func:`check_subset` finds the first two on the tokens before the query is
run; :func:`interpreter_error` classifies what the interpreter raised.
"""

from __future__ import annotations

import difflib
from typing import Any

from graph import cypher_guard
from graph.cypher_guard import Token, TokenKind
from graph.errors import CypherSyntaxError, QueryError, UnsupportedQueryError

SUBSET = (
    "MATCH (one or several) ... WHERE ... RETURN [DISTINCT] ... ORDER BY ... SKIP ... LIMIT, with labels, "
    "relationship types, directed and variable-length patterns, comparisons, AND/OR/NOT, IN, CONTAINS, "
    "STARTS WITH, ENDS WITH, IS NULL, count/sum/avg/min/max/collect, toLower/toUpper/trim/size/type/coalesce/id, "
    "date('YYYY-MM-DD') and $parameters"
)
"""What the embedded store reads, in one line (shown with its refusals)."""

NEO4J_HINT = (
    "Neo4j answers full read-only Cypher: start one (`scripts/neo4j-local start` or docker compose), then set "
    "NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD) and ALLIANCEKG_STORE=neo4j, or pass --store neo4j."
)

CLAUSES: tuple[str, ...] = (
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "ORDER", "SKIP", "LIMIT", "DISTINCT", "CALL",
    "YIELD", "UNION",
)  # fmt: skip
"""Clause keywords a misspelt word is compared with."""

KEYWORDS: frozenset[str] = frozenset(
    {*CLAUSES, "BY", "ASC", "DESC", "ASCENDING", "DESCENDING", "AND", "OR", "XOR", "NOT", "IN", "IS", "NULL",
     "TRUE", "FALSE", "CONTAINS", "STARTS", "ENDS", "AS", "ALL", "ANY", "NONE", "SINGLE", "CASE", "WHEN", "THEN",
     "ELSE", "END", "EXISTS", "EXPLAIN", "PROFILE", "CYPHER", "COUNT", "COLLECT"}
)  # fmt: skip
"""Every keyword a reading query may hold (a word outside these, variables and names is suspect)."""

UNSUPPORTED_CLAUSES: dict[str, str] = {
    "OPTIONAL": "OPTIONAL MATCH",
    "WITH": "WITH",
    "UNWIND": "UNWIND",
    "CALL": "CALL (procedures and subqueries)",
    "UNION": "UNION",
    "CASE": "CASE expressions",
    "XOR": "XOR",
}
"""Valid Cypher clauses and keywords the embedded store does not answer, by keyword."""

SUBSET_FUNCTIONS: frozenset[str] = frozenset(
    {"count", "sum", "avg", "min", "max", "collect", "tolower", "toupper", "trim", "size", "type", "coalesce", "id",
     "date", "relationships", "all", "any", "none", "single", "exists"}
)  # fmt: skip
"""Functions (lower case) the embedded store evaluates."""

CYPHER_FUNCTIONS: frozenset[str] = frozenset(
    {"tostring", "tointeger", "tofloat", "toboolean", "tostringornull", "tointegerornull", "tofloatornull",
     "labels", "keys", "properties", "nodes", "length", "head", "last", "tail", "range", "reverse", "split",
     "substring", "replace", "left", "right", "ltrim", "rtrim", "abs", "ceil", "floor", "round", "sqrt", "sign",
     "rand", "log", "log10", "exp", "datetime", "localdatetime", "time", "localtime", "duration", "timestamp",
     "startnode", "endnode", "shortestpath", "allshortestpaths", "percentilecont", "percentiledisc", "stdev",
     "stdevp", "elementid", "valuetype", "isempty", "reduce", "point", "distance", "randomuuid", "normalize",
     "btrim", "char_length", "character_length", "lower", "upper", "isnan", "e", "pi", "sin", "cos", "tan"}
)  # fmt: skip
"""Neo4j functions outside the subset (a call of one is valid Cypher that needs Neo4j)."""

_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def position(query: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of a character offset of ``query``.

    >>> position("MATCH (n)\\nRETRUN n", 10)
    (2, 1)
    """
    before = query[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def _where(query: str, offset: int) -> str:
    line, column = position(query, offset)
    return f"{line}, column {column}"


def syntax_error(query: str, offset: int, what: str) -> CypherSyntaxError:
    """A :class:`CypherSyntaxError` at ``offset`` saying ``what``."""
    line, column = position(query, offset)
    return CypherSyntaxError(f"syntax error at line {line}, column {column}: {what}", line=line, column=column)


def unsupported(query: str, offset: int, construct: str) -> UnsupportedQueryError:
    """An :class:`UnsupportedQueryError` naming ``construct`` (found at ``offset``)."""
    msg = f"{construct} (line {_where(query, offset)}) is Cypher that the embedded store does not answer. {NEO4J_HINT}"
    return UnsupportedQueryError(msg, construct=construct)


def misspelt_keyword(word: str) -> str | None:
    """The clause keyword ``word`` is a near miss of (``RETRUN`` -> ``RETURN``), or None.

    >>> misspelt_keyword("retrun"), misspelt_keyword("MATCHH"), misspelt_keyword("RETURN"), misspelt_keyword("n")
    ('RETURN', 'MATCH', None, None)
    """
    upper = word.upper()
    if upper in KEYWORDS or len(upper) < 4:
        return None
    close = difflib.get_close_matches(upper, CLAUSES, n=1, cutoff=0.75)
    return close[0] if close else None


def _names(tokens: list[Token]) -> set[str]:
    """Words a query defines or uses as names: variables in patterns, aliases, list-comprehension variables."""
    names: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok.kind is not TokenKind.WORD:
            continue
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        pattern_variable = prev is not None and prev.text in ("(", "[") and tok.upper not in KEYWORDS
        if pattern_variable or (prev is not None and prev.upper == "AS"):
            names.add(tok.text)
        elif nxt is not None and nxt.text == "=" and prev is not None and prev.upper == "MATCH":
            names.add(tok.text)  # a path variable: MATCH p = (a)-->(b)
    return names


def _check_brackets(query: str, tokens: list[Token]) -> None:
    stack: list[Token] = []
    for tok in tokens:
        if tok.kind is not TokenKind.SYMBOL:
            continue
        if tok.text in _BRACKETS:
            stack.append(tok)
        elif tok.text in _BRACKETS.values():
            if not stack:
                raise syntax_error(query, tok.start, f"'{tok.text}' closes nothing")
            opened = stack.pop()
            if _BRACKETS[opened.text] != tok.text:
                line, column = position(query, opened.start)
                raise syntax_error(
                    query,
                    tok.start,
                    f"'{tok.text}' does not match the '{opened.text}' opened at line {line}, column {column}",
                )
    if stack:
        raise syntax_error(query, stack[-1].start, f"the '{stack[-1].text}' opened here is never closed")


def _dotted_call(tokens: list[Token], i: int) -> str | None:
    """``apoc.text.join`` when the tokens from ``i`` are a namespaced function call, else None."""
    parts = [tokens[i].text]
    j = i + 1
    while j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].kind is TokenKind.WORD:
        parts.append(tokens[j + 1].text)
        j += 2
    if len(parts) > 1 and j < len(tokens) and tokens[j].text == "(":
        return ".".join(parts)
    return None


def check_subset(query: str) -> None:
    """Refuse a query the embedded store cannot answer, saying why, before it runs.

    Checks, in order: brackets are balanced; one pattern per ``MATCH``; no word is a misspelt clause
    keyword (``RETRUN``); no bare word is an undefined name; the query has a
    ``MATCH`` and a ``RETURN``; no clause, operator or function lies outside
    the subset.

    Raises:
        CypherSyntaxError: the query is not valid Cypher (with the line and column).
        UnsupportedQueryError: valid Cypher outside the subset (naming the construct).
    """
    tokens = cypher_guard.code_tokens(cypher_guard.tokenize(query))
    if not tokens:
        raise syntax_error(query, 0, "the query is empty")
    _check_brackets(query, tokens)
    names = _names(tokens)
    clause = ""
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.kind is TokenKind.WORD and tok.upper in CLAUSES and (prev is None or prev.text not in (".", ":")):
            clause = tok.upper
        in_match = tok.text == "," and clause == "MATCH" and prev is not None and prev.text == ")"
        if in_match and nxt is not None:
            path = nxt.kind is TokenKind.WORD and i + 2 < len(tokens) and tokens[i + 2].text == "="
            if nxt.text == "(" or path:
                raise unsupported(query, tok.start, "several comma-separated patterns in one MATCH")
        if tok.kind is TokenKind.SYMBOL and tok.text == "=" and nxt is not None and nxt.text == "~":
            raise unsupported(query, tok.start, "the regular-expression match =~")
        if tok.upper == "IS" and nxt is not None and nxt.upper == "NOT" and i + 2 < len(tokens) and (
            tokens[i + 2].upper == "NULL"
        ):
            raise unsupported(query, tok.start, "IS NOT NULL (write NOT x IS NULL instead)")
        if tok.kind is not TokenKind.WORD:
            continue
        if prev is not None and prev.kind is TokenKind.SYMBOL and prev.text in (".", ":", "|", "$"):
            continue  # a property, label, relationship type or parameter
        if nxt is not None and nxt.kind is TokenKind.SYMBOL and nxt.text == ":" and (prev is None or prev.text != "("):
            continue  # a map key
        upper, lower = tok.upper, tok.text.lower()
        if nxt is not None and nxt.text == "(":
            if lower in SUBSET_FUNCTIONS or upper in KEYWORDS:
                if upper in UNSUPPORTED_CLAUSES:
                    raise unsupported(query, tok.start, UNSUPPORTED_CLAUSES[upper])
                continue
            if lower in CYPHER_FUNCTIONS:
                raise unsupported(query, tok.start, f"the function {tok.text}()")
            keyword = misspelt_keyword(tok.text)
            if keyword is not None:
                raise syntax_error(query, tok.start, f"'{tok.text}' is not a Cypher keyword; did you mean {keyword}?")
            raise syntax_error(query, tok.start, f"unknown function {tok.text}()")
        if upper == "WITH" and prev is not None and prev.upper in ("STARTS", "ENDS"):
            continue
        if upper in UNSUPPORTED_CLAUSES:
            raise unsupported(query, tok.start, UNSUPPORTED_CLAUSES[upper])
        if upper in KEYWORDS or tok.text in names:
            continue
        dotted = _dotted_call(tokens, i)
        if dotted is not None:
            raise unsupported(query, tok.start, f"the function {dotted}()")
        keyword = misspelt_keyword(tok.text)
        if keyword is not None:
            raise syntax_error(query, tok.start, f"'{tok.text}' is not a Cypher keyword; did you mean {keyword}?")
        if nxt is not None and nxt.text == "." and prev is not None and prev.upper != "AS":
            raise syntax_error(query, tok.start, f"variable `{tok.text}` is not defined (no pattern binds it)")
    words = {t.upper for t in tokens if t.kind is TokenKind.WORD}
    if "MATCH" not in words:
        raise unsupported(query, tokens[0].start, "a query without MATCH")
    if "RETURN" not in words:
        raise syntax_error(query, len(query.rstrip()), "the query has no RETURN; say what to return")


def interpreter_error(query: str, rewritten: str, error: BaseException) -> QueryError:
    """:func:`interpreter_failure` for an exception the interpreter raised in this process."""
    line: Any = getattr(error, "line", None)
    column: Any = getattr(error, "column", None)
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return interpreter_failure(query, rewritten, type(error).__name__, first, line, column)


def interpreter_failure(
    query: str, rewritten: str, name: str, first: str, line: int | None = None, column: int | None = None
) -> QueryError:
    """What a failure of the embedded interpreter means for the analyst.

    ``name`` and ``first`` are the failure's class name and first line (a
    worker process reports them); ``line`` and ``column`` the position its
    parser stopped at in the ``rewritten`` text it was given, for a parse
    error. A parse error that :func:`check_subset` did not foresee is
    reported with its line and the text there, as Cypher the embedded store
    cannot read; the column is given when that line reads as the analyst
    wrote it (parameters and quotes are rewritten). Any other failure is the
    interpreter's own limit, reported as unsupported.
    """
    if isinstance(line, int) and isinstance(column, int) and line > 0 and column > 0:
        given = rewritten.splitlines() or [""]
        text = given[line - 1] if line <= len(given) else ""
        near = text[column - 1 : column + 19].strip()
        typed = query.splitlines()
        same = line <= len(typed) and typed[line - 1] == text
        where = f"line {line}, column {column}" if same else f"line {line}"
        msg = (
            f"the embedded store cannot read the query at {where}"
            + (f" (near '{near}')" if near else " (at its end)")
            + f": check the spelling there. The embedded store reads {SUBSET}; "
            "if the query is valid Cypher beyond that, Neo4j answers it (--store neo4j)."
        )
        return CypherSyntaxError(msg, line=line, column=column if same else None)
    detail = f"{name}: {first}" if first else name
    msg = f"the embedded store's interpreter failed on this query ({detail}). {NEO4J_HINT}"
    return UnsupportedQueryError(msg)
