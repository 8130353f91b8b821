"""The ``serve`` command: open the explorer in a browser."""

from __future__ import annotations

import ipaddress
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from alliancekg.cli.options import DataFile, StoreKind, _cap, describe, opened, store_file
from alliancekg.cli.output import console, show
from alliancekg.settings import open_store
from dashboard.defaults import DEFAULT_MAX_ELEMENTS, MOST_DEFAULT_WORKERS, SERVER_THREADS, default_workers
from graph.errors import AllianceKGError, ConfigurationError

if TYPE_CHECKING:
    from graph.store import GraphStore

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WORKER_BOOT_ERROR = 3
"""Exit status of a gunicorn worker that could not start (gunicorn's own; its master then stops)."""


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


def _serve_workers(
    graph: GraphStore | None,
    opening: tuple[str | None, Path | None],
    host: str,
    port: int,
    processes: int,
    threads: int,
    max_elements: int,
    hosts: list[str],
    total: int,
    how: str,
) -> None:
    """Serve from ``processes`` gunicorn workers until stopped.

    With ``graph`` (the embedded store, loaded here), the app is built and its
    caches warmed in this process before the workers are forked, so they share
    both. Without, each worker opens the store ``opening`` names
    (``--store``, ``--data``) after its fork and warms its own cache.
    """
    from dashboard.app import create_app, warm
    from dashboard.serving import listen, run_workers

    try:
        listener = listen(host, port)
    except OSError as e:
        msg = f"cannot listen on {host}:{port}: {e.strerror or e}"
        raise ConfigurationError(msg) from e
    if graph is not None:
        application = create_app(graph, max_elements=max_elements, warm_up=False, allowed_hosts=hosts)
        warm(application.server.config["ALLIANCEKG_CONTEXT"])

        def build() -> Any:
            return application

    else:

        def build() -> Any:  # in a worker, after its fork
            kind, data = opening
            try:
                own = open_store(kind, path=data)
            except AllianceKGError as e:  # one line, not a worker's traceback; gunicorn then stops
                console(stderr=True).print(f"alliancekg: error: a server process could not open the store: {e}",
                                           markup=False, soft_wrap=True)
                raise SystemExit(WORKER_BOOT_ERROR) from None
            return create_app(own, max_elements=max_elements, warm_up=True, allowed_hosts=hosts)

    name = graph.name if graph is not None else "neo4j"
    show(f"alliancekg explorer on [bold]http://{host}:{port}/[/bold] ({name} store, {total} nodes; {how}); "
         "Ctrl+C to stop")
    master = os.getpid()
    try:
        run_workers(build, listener, processes, threads, preload=graph is not None)
    except SystemExit as e:
        if os.getpid() != master:  # a worker ending: let it go, nothing of the command is its to finish
            raise
        if e.code not in (0, None):
            msg = f"the explorer's server processes stopped with status {e.code} (see the messages above)"
            raise ConfigurationError(msg) from None
    show("explorer stopped")


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
        threads: int = typer.Option(
            SERVER_THREADS, "--threads", min=1, max=64, help="Threads answering requests, in each server process."
        ),
        workers: int | None = typer.Option(
            None,
            "--workers",
            min=1,
            max=32,
            show_default=False,
            help="Server processes (gunicorn), each with its own threads, cache and store connection "
            f"[default: one per core, at most {MOST_DEFAULT_WORKERS}; here {default_workers()}]. "
            "1: one process (waitress).",
        ),
        allowed_host: list[str] = typer.Option(  # noqa: B008
            [],
            "--allowed-host",
            help="A host name the browser uses to reach the explorer (behind a proxy, say), besides "
            "127.0.0.1, localhost and --host; repeatable. Other Host headers get 400.",
        ),
    ) -> None:
        """Serve the explorer: graph, crisis tracer, timeline, Cypher console, exports.

        The explorer is served by production WSGI servers: gunicorn's worker processes (one per core by
        default), or waitress in one process with ``--workers 1`` or where processes cannot be forked.
        ``--debug`` uses Werkzeug's development server instead (reloader, error overlay), for development only.
        """
        from dashboard.serving import can_run_workers
        from graph.nx_store import NetworkXStore

        check_bind(host, port)
        if max_elements < 10:
            msg = f"--max-elements {max_elements} is too small to show a graph (use at least 10)"
            raise ConfigurationError(msg)
        processes = default_workers() if workers is None else workers
        if processes > 1 and not can_run_workers():
            show("[yellow]Several server processes cannot be forked here:[/yellow] serving from one (waitress).")
            processes = 1
        file = store_file(store, data)
        if file is not None and not file.exists():  # the explorer still starts (a container's default command)
            show(
                f"[yellow]No store file at {file.resolve()}:[/yellow] the explorer starts empty. "
                "Load the sample corpus first: [bold]alliancekg ingest corpus/[/bold] (or point --data at a store)"
            )
        with opened(store, data, create=True) as graph:
            counts = graph.count_by_kind()
            total = sum(counts.values())
            if total == 0 and (file is None or file.exists()):
                show(
                    f"[yellow]{_cap(describe(graph))} is empty.[/yellow] Load the sample corpus first: "
                    "[bold]alliancekg ingest corpus/[/bold]"
                )
            if not is_local(host):
                show(f"[yellow]Listening on {host}: other machines can reach the explorer.[/yellow]")
            hosts = [host, *allowed_host]
            how = f"{processes} processes \u00d7 {threads} threads"
            several = processes > 1 and not debug
            if several and isinstance(graph, NetworkXStore):  # a graph in memory: the forked workers share it
                _serve_workers(graph, (store, data), host, port, processes, threads, max_elements, hosts, total, how)
                return
            if not several:
                _serve_one(graph, host, port, threads, max_elements, hosts, total, debug)
                return
        # Neo4j from several processes: this connection is closed; each worker connects after its fork
        _serve_workers(None, (store, data), host, port, processes, threads, max_elements, hosts, total, how)


def _serve_one(
    graph: GraphStore, host: str, port: int, threads: int, max_elements: int, hosts: list[str], total: int, debug: bool
) -> None:
    """Serve from this process: waitress, or Werkzeug's development server with ``debug``."""
    from dashboard.app import create_app
    from dashboard.serving import make_server

    application = create_app(graph, max_elements=max_elements, warm_up=True, allowed_hosts=hosts)
    show(
        f"alliancekg explorer on [bold]http://{host}:{port}/[/bold] "
        f"({graph.name} store, {total} nodes; one process \u00d7 {threads} threads); Ctrl+C to stop"
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
        show("explorer stopped")
    finally:
        server.close()
