"""A real Neo4j Community server for development and CI, without Docker.

Neo4j Community 5.26 LTS (Java 17) is resolved from Maven Central by the tiny
``tools/neo4j/pom.xml`` (classpath copied to ``tools/neo4j/target/lib``, cached
so the second run is fast); ``tools/neo4j/Launcher.java`` is compiled once into
``tools/neo4j/target/classes`` and starts the embedded DBMS with Bolt on
127.0.0.1, data under a home folder (default ``.neo4j/``, ignored by git).

Standard library only, so it runs before the project's virtualenv exists::

    python3 -m alliancekg.neo4j_local start     # prints NEO4J_URI=bolt://127.0.0.1:PORT
    python3 -m alliancekg.neo4j_local status
    python3 -m alliancekg.neo4j_local stop

``scripts/neo4j-local`` is the same command. ``NEO4J_LOCAL_HOME`` selects the
home folder (one server per home), ``NEO4J_LOCAL_PORT`` a fixed port (default:
a free one), ``NEO4J_LOCAL_PASSWORD`` the ``neo4j`` user's password (default
``alliancekg-local``; empty turns authentication off).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "neo4j"
LIB = TOOLS / "target" / "lib"
CLASSES = TOOLS / "target" / "classes"
DEFAULT_HOME = ROOT / ".neo4j"
DEFAULT_PASSWORD = "alliancekg-local"
DEFAULT_USER = "neo4j"

JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
)


class Neo4jLocalError(RuntimeError):
    """The local server could not be prepared, started or stopped."""


def _require(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if path is None:
        msg = f"{tool} not found on PATH. {hint}"
        raise Neo4jLocalError(msg)
    return path


def _java_major(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    for token in out.replace('"', " ").split():
        head = token.split(".")[0]
        if head.isdigit() and ("." in token or token.isdigit()):
            return int(head)
    return 0


def _stamp() -> str:
    return hashlib.sha256((TOOLS / "pom.xml").read_bytes() + (TOOLS / "Launcher.java").read_bytes()).hexdigest()


def prepare(quiet: bool = False) -> None:
    """Resolve the Neo4j jars (Maven) and compile the launcher, unless cached."""
    java_hint = "Install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)."
    java = _require("java", java_hint)
    javac = _require("javac", java_hint)
    major = _java_major(java)
    if major and major < 17:
        msg = f"Java {major} found; Neo4j 5.26 needs Java 17 or 21. {java_hint}"
        raise Neo4jLocalError(msg)
    stamp_file = TOOLS / "target" / "stamp"
    if stamp_file.exists() and stamp_file.read_text() == _stamp() and any(LIB.glob("neo4j-5*.jar")):
        return
    mvn = _require("mvn", "Install Apache Maven (Debian: apt-get install maven); it fetches Neo4j from Maven Central.")
    if not quiet:
        print("neo4j-local: resolving Neo4j Community from Maven Central (first run only)...", file=sys.stderr)
    if LIB.exists():
        shutil.rmtree(LIB)
    cmd = [
        mvn, "-q", "-B", "-f", str(TOOLS / "pom.xml"), "dependency:copy-dependencies",
        f"-DoutputDirectory={LIB}", "-DincludeScope=runtime",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        msg = f"Maven could not resolve Neo4j (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        raise Neo4jLocalError(msg)
    CLASSES.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [javac, "-d", str(CLASSES), "-cp", f"{LIB}/*", str(TOOLS / "Launcher.java")],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        msg = f"javac failed to compile the launcher:\n{done.stderr[-3000:]}"
        raise Neo4jLocalError(msg)
    stamp_file.write_text(_stamp())


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bolt_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    """True when a Bolt server answers the version handshake on host:port."""
    handshake = bytes.fromhex("6060B017") + bytes.fromhex("00080805") + bytes.fromhex("00000404") + bytes(8)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(handshake)
            reply = sock.recv(4)
    except OSError:
        return False
    return len(reply) == 4 and reply != bytes(4)


@dataclass
class LocalNeo4j:
    """One local server, identified by its home folder."""

    home: Path = DEFAULT_HOME
    port: int | None = None
    password: str = DEFAULT_PASSWORD
    heap: str = "768m"
    pagecache: str = "128m"

    @property
    def pid_file(self) -> Path:
        return self.home / "server.pid"

    @property
    def uri_file(self) -> Path:
        return self.home / "server.uri"

    @property
    def log_file(self) -> Path:
        return self.home / "launcher.log"

    def pid(self) -> int | None:
        """PID of the running server, or None."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except OSError:
            return None
        return pid

    def uri(self) -> str | None:
        """Bolt URI of the running server, or None."""
        if self.pid() is None or not self.uri_file.exists():
            return None
        return self.uri_file.read_text().strip() or None

    def start(self, timeout: float = 180.0) -> str:
        """Start the server (or reuse the running one); return its Bolt URI."""
        running = self.uri()
        if running:
            return running
        prepare()
        self.home.mkdir(parents=True, exist_ok=True)
        self.uri_file.unlink(missing_ok=True)
        port = self.port or free_port()
        cmd = [
            shutil.which("java") or "java", *JVM_FLAGS, f"-Xms{self.heap}", f"-Xmx{self.heap}",
            "-cp", f"{CLASSES}{os.pathsep}{LIB}/*", "Launcher",
            str(self.home / "data"), str(port), str(self.uri_file), self.password, self.pagecache,
        ]
        with self.log_file.open("ab") as log:
            proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self.pid_file.write_text(str(proc.pid))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                tail = self.log_file.read_text(errors="replace")[-3000:]
                msg = f"Neo4j exited with code {proc.returncode} during start-up. Log tail:\n{tail}"
                raise Neo4jLocalError(msg)
            if self.uri_file.exists() and bolt_answers("127.0.0.1", port):
                return self.uri_file.read_text().strip()
            time.sleep(0.5)
        self.stop()
        msg = f"Neo4j did not answer Bolt on 127.0.0.1:{port} within {timeout:.0f} s; see {self.log_file}"
        raise Neo4jLocalError(msg)

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL after ``timeout``)."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            self.uri_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except OSError:
                break
            _reap(pid)
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        self.uri_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """Kill the server abruptly (SIGKILL), as a crash would."""
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                _reap(pid)
                try:
                    os.kill(pid, 0)
                except OSError:
                    break
                time.sleep(0.1)
        self.uri_file.unlink(missing_ok=True)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def from_env() -> LocalNeo4j:
    """A :class:`LocalNeo4j` configured from ``NEO4J_LOCAL_*`` variables."""
    home = Path(os.environ.get("NEO4J_LOCAL_HOME", str(DEFAULT_HOME)))
    port_text = os.environ.get("NEO4J_LOCAL_PORT", "")
    return LocalNeo4j(
        home=home,
        port=int(port_text) if port_text else None,
        password=os.environ.get("NEO4J_LOCAL_PASSWORD", DEFAULT_PASSWORD),
    )


def main(argv: list[str] | None = None) -> int:
    """``start | stop | status | prepare``; prints shell-style variables."""
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "status"
    server = from_env()
    try:
        if command == "prepare":
            prepare()
            print("neo4j-local: jars and launcher ready")
        elif command == "start":
            uri = server.start()
            print(f"NEO4J_URI={uri}")
            if server.password:
                print(f"NEO4J_USERNAME={DEFAULT_USER}")
                print(f"NEO4J_PASSWORD={server.password}")
        elif command == "stop":
            print("neo4j-local: stopped" if server.stop() else "neo4j-local: not running")
        elif command == "status":
            running = server.uri()
            print(f"neo4j-local: running at {running} (pid {server.pid()})" if running else "neo4j-local: not running")
            return 0 if running else 3
        else:
            print(f"usage: neo4j-local start|stop|status|prepare (got {command!r})", file=sys.stderr)
            return 64
    except Neo4jLocalError as exc:
        print(f"neo4j-local: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
