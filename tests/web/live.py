"""A live uvicorn server on 127.0.0.1 (in a thread, bounded) and headless Chromium for browser tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from indexer.settings import Settings
from tests.servers import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"
START_TIMEOUT = 20.0



@contextmanager
def live_server(settings: Settings) -> Iterator[str]:
    """Serve ``create_app(settings)`` on 127.0.0.1 in a thread; yields the base URL; stops on exit."""
    import uvicorn

    from search_api.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="web-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def launch_chromium(playwright):
    """Headless Debian Chromium (never a downloaded browser); skips when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install the Debian 'chromium' package for browser tests")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class PageWatch:
    """Collects console errors, page errors and failed requests of one page."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"))
        page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda res: res.status >= 400 and self.problems.append(
            f"HTTP {res.status}: {res.url}"))

    def _failed(self, request) -> None:
        # The favicon loads after the load event; navigating on at once aborts it: not a failure.
        if "/favicon" in request.url and "ERR_ABORTED" in str(request.failure):
            return
        self.problems.append(f"failed: {request.url} {request.failure}")

    def take(self) -> list[str]:
        """The problems seen since the last call."""
        problems, self.problems = self.problems, []
        return problems
