"""The ``serve`` command: open the explorer in a browser."""

from __future__ import annotations

import ipaddress
import logging

import typer
from rich.console import Console

from alliancekg.cli.options import DataFile, StoreKind
from alliancekg.settings import open_store
from dashboard.context import DEFAULT_MAX_ELEMENTS
from dashboard.serving import SERVER_THREADS
from graph.errors import ConfigurationError

console = Console()
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def check_bind(host: str, port: int) -> None:
    """Refuse an unusable host or port.

    Raises:
        ConfigurationError: the port is outside 1-65535 or the host is empty.
    """
    if not host.strip():
        msg = "--host must not be empty (use 127.0.0.1 for this machine only)"
        raise ConfigurationError(msg)
    if not 1 <= port <= 65535:
        msg = f"--port {port} is not a TCP port (1-65535)"
        raise ConfigurationError(msg)


def is_local(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
        port: int = typer.Option(8050, "--port", help="TCP port."),
        store: StoreKind = None,
        data: DataFile = None,
        max_elements: int = typer.Option(
            DEFAULT_MAX_ELEMENTS, "--max-elements", help="Most graph elements (nodes + links) sent to the browser."
        ),
        debug: bool = typer.Option(
            False, "--debug", help="Dash debug mode (reloader, error overlay) on Werkzeug's development server."
        ),
        threads: int = typer.Option(SERVER_THREADS, "--threads", min=1, max=64, help="Threads answering requests."),
        allowed_host: list[str] = typer.Option(  # noqa: B008
            [],
            "--allowed-host",
            help="A host name the browser uses to reach the explorer (behind a proxy, say), besides "
            "127.0.0.1, localhost and --host; repeatable. Other Host headers get 400.",
        ),
    ) -> None:
        """Serve the explorer: graph, crisis tracer, timeline, Cypher console, exports.

        The explorer is served by waitress, a production WSGI server; ``--debug`` uses Werkzeug's
        development server instead (reloader, error overlay), for development only.
        """
        from dashboard.app import create_app
        from dashboard.serving import make_server

        check_bind(host, port)
        if max_elements < 10:
            msg = f"--max-elements {max_elements} is too small to show a graph (use at least 10)"
            raise ConfigurationError(msg)
        graph = open_store(store, path=data)
        try:
            counts = graph.count_by_kind()
            total = sum(counts.values())
            if total == 0:
                console.print(
                    "[yellow]The graph is empty.[/yellow] Load the sample corpus first: "
                    "[bold]alliancekg ingest corpus/[/bold]"
                )
            if not is_local(host):
                console.print(f"[yellow]Listening on {host}: other machines can reach the explorer.[/yellow]")
            application = create_app(
                graph, max_elements=max_elements, warm_up=True, allowed_hosts=[host, *allowed_host]
            )
            console.print(
                f"alliancekg explorer on [bold]http://{host}:{port}/[/bold] "
                f"({graph.name} store, {total} nodes); Ctrl+C to stop"
            )
            if debug:
                logging.getLogger("werkzeug").setLevel(logging.WARNING)
                application.run(host=host, port=port, debug=True)
                return
            try:
                server = make_server(application, host, port, threads=threads)
            except OSError as e:
                msg = f"cannot listen on {host}:{port}: {e.strerror or e}"
                raise ConfigurationError(msg) from e
            try:
                server.run()
            except KeyboardInterrupt:
                console.print("explorer stopped")
            finally:
                server.close()
        finally:
            graph.close()
