"""The read-only check of analyst Cypher."""

from __future__ import annotations

import pytest

from graph.cypher_guard import TokenKind, check_read_only, find_write, tokenize
from graph.errors import QueryError, WriteNotAllowedError
from graph.store import GraphStore

WRITES = [
    ("CREATE (n:State {iri: 'x'})", "CREATE"),
    ("create (n)", "CREATE"),
    ("MERGE (n:State {iri: $iri}) RETURN n", "MERGE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) SET n.label = 'x'", "SET"),
    ("MATCH (n) REMOVE n.label", "REMOVE"),
    ("DROP CONSTRAINT alliancekg_node_iri", "DROP"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.x = x)", "FOREACH"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
    ("load   csv with headers from 'x' as r return r", "LOAD CSV"),
    ("MATCH (n) CALL (n) { RETURN n AS m } IN TRANSACTIONS RETURN m", "CALL ... IN TRANSACTIONS"),
    ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", "CALL apoc.create.node"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "CALL apoc.periodic.iterate"),
    ("CALL apoc.cypher.doIt('CREATE (n)', {})", "CALL apoc.cypher.doIt"),
    ("CALL db.createLabel('X')", "CALL db.createLabel"),
    ("CALL dbms.security.createUser('x', 'y')", "CALL dbms.security.createUser"),
    ("CALL `apoc`.`refactor`.`rename`.`label`('A', 'B')", "CALL apoc.refactor.rename.label"),
    ("MATCH (n) RETURN n UNION MATCH (m) CREATE (k) RETURN k", "CREATE"),
    ("MATCH (n) WITH n /* comment */ SET n:Flag", "SET"),
    ("ALTER DATABASE neo4j SET ACCESS READ ONLY", "ALTER"),
    ("GRANT ROLE admin TO bob", "GRANT"),
    ("STOP DATABASE neo4j", "STOP DATABASE"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE"),
    ("MATCH (n)\n// harmless comment\nDELETE n", "DELETE"),
    ("MATCH (n) WHERE n.x = 'it\\'s' DELETE n", "DELETE"),
    ('MATCH (n) WHERE n.x = "a \\" b" SET n.y = 1', "SET"),
]

READS = [
    "MATCH (n) RETURN n",
    "MATCH (n) WHERE n.label = 'CREATE (x)' RETURN n",
    'MATCH (n) WHERE n.label CONTAINS "DELETE everything; SET it" RETURN n',
    "MATCH (n) RETURN n // DETACH DELETE n",
    "MATCH (n) /* SET n.x = 1\n MERGE (m) */ RETURN n",
    "MATCH (n:`CREATE`) RETURN n.`SET` AS `DELETE`",
    "MATCH (n) RETURN n.set, n.create, n.delete",
    "MATCH (n:Set) RETURN n",
    "RETURN {delete: 1, merge: 2, set: 3} AS m",
    "MATCH (n) WHERE n.x = 'it\\'s // not a comment' RETURN n",
    "MATCH (n) WHERE n.x = $create RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.schema.visualization()",
    "CALL dbms.components() YIELD name RETURN name",
    "MATCH (n) WHERE n.createdBy = 'x' RETURN n.deleted",
    "MATCH p = (a)-[:RESPONDS_TO*1..3]-(b) RETURN p LIMIT 5",
    "MATCH (n) RETURN count(n) AS removals",
]


@pytest.mark.parametrize(("query", "found"), WRITES)
def test_write_queries_are_refused(query: str, found: str) -> None:
    assert find_write(query) == found
    with pytest.raises(WriteNotAllowedError, match="read-only"):
        check_read_only(query)


@pytest.mark.parametrize("query", READS)
def test_read_queries_pass(query: str) -> None:
    assert find_write(query) is None
    check_read_only(query)


@pytest.mark.parametrize(
    "query",
    ["MATCH (n) WHERE n.x = 'open RETURN n", 'RETURN "x', "MATCH (n:`Open) RETURN n", "RETURN 1 /* open"],
)
def test_unterminated_tokens_are_query_errors(query: str) -> None:
    with pytest.raises(QueryError, match="unterminated"):
        check_read_only(query)


def test_tokens_keep_strings_comments_and_names_whole() -> None:
    tokens = tokenize("MATCH (n:`a``b`) WHERE n.x = 'q\\'s' // c\nRETURN $p, $`odd name`")
    by_kind = {k: [t.text for t in tokens if t.kind is k] for k in TokenKind}
    assert by_kind[TokenKind.BACKTICK] == ["`a``b`"]
    assert by_kind[TokenKind.STRING] == ["'q\\'s'"]
    assert by_kind[TokenKind.COMMENT] == ["// c"]
    assert by_kind[TokenKind.PARAM] == ["$p", "$`odd name`"]
    assert "".join(t.text for t in tokens) == "MATCH (n:`a``b`) WHERE n.x = 'q\\'s' // c\nRETURN $p, $`odd name`"


@pytest.mark.parametrize(
    "query", ["USE system SHOW USERS", "use neo4j MATCH (n) RETURN n", "CALL { USE system SHOW ROLES }"]
)
def test_switching_database_is_refused(query: str) -> None:
    with pytest.raises(WriteNotAllowedError, match="configured graph only"):
        check_read_only(query)


def test_use_as_a_property_or_label_is_fine() -> None:
    check_read_only("MATCH (n:Use) WHERE n.use = 'USE system' RETURN n.use")


ADMIN_QUERIES = [
    "SHOW USERS",
    "SHOW SETTINGS",
    "show transactions",
    "SHOW DATABASES",
    "SHOW CURRENT USER",
    "SHOW PROCEDURES YIELD name RETURN name",
    "EXPLAIN SHOW USERS",
    "CYPHER 5 SHOW USERS",
    "CYPHER runtime=slotted SHOW SETTINGS",
    "// a comment\nSHOW DATABASES",
    "MATCH (n) RETURN n LIMIT 1; SHOW USERS",
    "ENABLE SERVER 'x'",
    "RENAME USER a TO b",
]


@pytest.mark.parametrize("query", ADMIN_QUERIES)
def test_show_and_admin_commands_are_refused(query: str) -> None:
    with pytest.raises(WriteNotAllowedError, match="reading queries"):
        check_read_only(query)


@pytest.mark.parametrize(
    "query",
    ["MATCH (show:Person) RETURN show.label AS show LIMIT 3", "EXPLAIN MATCH (n) RETURN n",
     "CYPHER 5 MATCH (n) RETURN n",
     "WITH 1 AS x RETURN x", "UNWIND [1] AS x RETURN x", "OPTIONAL MATCH (n) RETURN n", "RETURN 1",
     "CALL db.labels() YIELD label RETURN label"],
)  # fmt: skip
def test_reading_queries_still_pass_the_admin_check(query: str) -> None:
    check_read_only(query)


def test_both_stores_refuse_show_commands(store: GraphStore) -> None:
    for query in ("SHOW USERS", "SHOW SETTINGS", "SHOW TRANSACTIONS", "SHOW DATABASES"):
        with pytest.raises(WriteNotAllowedError):
            store.run_cypher(query)
