"""The foundation: compose file, CLI entry point, the local Neo4j launcher."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from alliancekg import neo4j_local

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_neo4j_and_app(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"neo4j", "app"}


def test_compose_pins_neo4j_526_community(compose: dict[str, Any]) -> None:
    image = compose["services"]["neo4j"]["image"]
    name, tag = image.split(":")
    assert name == "neo4j"
    assert tag.startswith("5.26.") and tag.endswith("-community")
    assert tag.split("-")[0].split(".")[2].isdigit(), "pin a patch release, not a floating tag"
    # the local test server runs the same release as the image users get
    assert f"<neo4j.version>{tag.split('-')[0]}</neo4j.version>" in (ROOT / "tools/neo4j/pom.xml").read_text()


def test_compose_auth_from_environment(compose: dict[str, Any]) -> None:
    auth = compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth.startswith("neo4j/${NEO4J_PASSWORD")
    app_env = compose["services"]["app"]["environment"]
    assert app_env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD")
    assert app_env["NEO4J_URI"] == "bolt://neo4j:7687"


def test_compose_healthcheck_and_dependency(compose: dict[str, Any]) -> None:
    health = compose["services"]["neo4j"]["healthcheck"]
    assert health["test"][0] in {"CMD", "CMD-SHELL"}
    assert "7474" in " ".join(health["test"])
    assert compose["services"]["app"]["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_compose_ports_bound_to_loopback(compose: dict[str, Any]) -> None:
    for service in compose["services"].values():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), port


def test_compose_data_volume(compose: dict[str, Any]) -> None:
    mounts = compose["services"]["neo4j"]["volumes"]
    assert any(m.endswith(":/data") for m in mounts)
    assert "neo4j-data" in compose["volumes"]


README_COMMANDS = (
    "ingest", "extract", "evaluate", "export", "validate", "import", "sparql", "trace", "lineage",
    "in-force", "themes", "centrality", "stats", "cypher", "neo4j-check", "serve",
)  # fmt: skip


def test_cli_help_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "alliancekg.cli", "--help"],
        capture_output=True, text=True, check=False, cwd=ROOT, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    commands = done.stdout.split("Commands:", 1)[1]  # plain click help: "  name  summary" lines
    listed = {line.split()[0] for line in commands.splitlines() if line.startswith("  ") and line.strip()}
    assert set(README_COMMANDS) <= listed, set(README_COMMANDS) - listed


def test_compose_commands_are_real_commands(compose: dict[str, Any]) -> None:
    """The app service runs commands and options the CLI really has."""
    script = compose["services"]["app"]["command"]
    calls = [part.strip().strip('"') for part in script.split("&&")]
    for call in calls:
        words = call.replace('sh -c "', "").split()
        assert words[0] == "alliancekg", call
        done = subprocess.run(
            [sys.executable, "-m", "alliancekg.cli", words[1], "--help"],
            capture_output=True, text=True, check=False, cwd=ROOT, env={**os.environ, "COLUMNS": "200"},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        for option in (w for w in words[2:] if w.startswith("--")):
            assert option in done.stdout, f"{call}: {option} is not an option of {words[1]}"


def test_compose_environment_is_what_settings_read(compose: dict[str, Any]) -> None:
    """The app's environment, with compose defaults filled in, configures a Neo4j store."""
    from alliancekg.settings import Settings

    env = {
        name: str(value).replace("${NEO4J_PASSWORD:-alliancekg-change-me}", "alliancekg-change-me")
        for name, value in compose["services"]["app"]["environment"].items()
    }
    settings = Settings.from_env(env)
    assert settings.store == "neo4j"
    assert settings.neo4j_uri == "bolt://neo4j:7687"
    assert settings.neo4j_auth == ("neo4j", "alliancekg-change-me")
    server_password = compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"].split("/", 1)[1]
    assert server_password == compose["services"]["app"]["environment"]["NEO4J_PASSWORD"]


def test_bolt_probe_false_on_closed_port() -> None:
    port = neo4j_local.free_port()
    assert neo4j_local.bolt_answers("127.0.0.1", port, timeout=0.5) is False


def test_local_server_answers_bolt(neo4j_driver: Any, neo4j_uri: str) -> None:
    host, port = neo4j_uri.rsplit("/", 1)[-1].split(":")
    assert neo4j_local.bolt_answers(host, int(port))
    records, _, _ = neo4j_driver.execute_query("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
    assert records[0]["v"].startswith("5.26.")


def test_wrong_password_is_refused(neo4j_driver: Any, neo4j_uri: str, neo4j_auth: tuple[str, str] | None) -> None:
    import neo4j

    if neo4j_auth is None:
        pytest.skip("server runs without authentication")
    wrong = (neo4j_auth[0], neo4j_auth[1] + "-wrong")
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=wrong) as bad, pytest.raises(neo4j.exceptions.AuthError):
        bad.verify_connectivity()


def test_missing_java_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(neo4j_local.Neo4jLocalError, match="java not found.*Install a Java 17"):
        neo4j_local.prepare(quiet=True)
