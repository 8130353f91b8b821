"""One HTTP request to a server on 127.0.0.1, for the tests that start real servers."""

from __future__ import annotations

import http.client
import signal
import subprocess


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Send one request (JSON content type unless ``headers`` says otherwise): status, headers, body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def stop_server(proc: subprocess.Popen[str]) -> int:
    """Stop a server process as Ctrl+C does; killed when it has not ended within 30 s (then TimeoutExpired)."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
