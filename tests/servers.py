"""Local servers for tests and benchmarks: a free loopback port, and the API under uvicorn in a process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_api(
    data_dir: Path,
    log_path: Path,
    *,
    env: dict[str, str] | None = None,
    workers: int = 1,
    ready_path: str = "/healthz",
    timeout: float = 60,
) -> tuple[subprocess.Popen, str]:
    """Start ``uvicorn --factory search_api.app:create_app`` on 127.0.0.1 and wait until ``ready_path``
    answers 200; returns the process and the base URL (raises RuntimeError with the log's tail)."""
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    full_env = {**os.environ, "PALERMO_DATA_DIR": str(data_dir), "PALERMO_ENVIRONMENT": "test",
                "PALERMO_PUBLIC_BASE_URL": url, **(env or {})}
    args = [sys.executable, "-m", "uvicorn", "search_api.app:create_app", "--factory", "--host", "127.0.0.1",
            "--port", str(port), "--log-level", "warning", "--no-access-log"]
    if workers > 1:
        args += ["--workers", str(workers)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(args, cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url + ready_path, timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"the API did not become ready: {log_path.read_text(errors='replace')[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    """Terminate a server process (kill it after 10 s)."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
