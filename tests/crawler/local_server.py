"""A local HTTP server (127.0.0.1 only) that misbehaves on purpose, for crawler integration tests.

Files under ``root`` are served with ETag / Last-Modified and honour
If-None-Match / If-Modified-Since (304). Special paths simulate what
official sites do on bad days; every request is logged with its
conditional headers so tests can assert what the crawler sent.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import mimetypes
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
MTIME = email.utils.formatdate(1_700_000_000, usegmt=True)
CONTENT_TYPES = {".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8",
                 ".json": "application/json", ".xml": "application/xml", ".html": "text/html; charset=utf-8",
                 ".htm": "text/html; charset=utf-8", ".pdf": "application/pdf", ".csv": "text/csv",
                 ".zip": "application/zip"}


def zip_bomb(declared: int = 64 * 1024 * 1024) -> bytes:
    """A small zip whose member expands to ``declared`` zero bytes (written once, in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive, \
            archive.open("usc18.xml", "w", force_zip64=True) as member:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(declared // len(chunk)):
            member.write(chunk)
    return buffer.getvalue()


class Handler(BaseHTTPRequestHandler):
    """Routes: files, plus /robots.txt, /private/, /flaky500/, /ratelimited/, /down.md, /slow/, /big, /loop/,
    /gone, /empty.md, /truncated.md, /wrongtype.pdf, /notype.pdf, /bomb.zip, /corrupt.zip."""

    server: LocalServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        return

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            if value is not None:
                self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        path = unquote(urlparse(self.path).path)
        srv = self.server
        conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
        with srv.lock:
            srv.log.append({"path": path, "conditional": conditional,
                            "ua": self.headers.get("User-Agent", ""), "at": time.monotonic()})
            srv.hits[path] = srv.hits.get(path, 0) + 1
            hits = srv.hits[path]
        if srv.delay:
            time.sleep(srv.delay)
        if path == "/robots.txt":
            return self._validated(ROBOTS, "text/plain")
        if path.startswith("/flaky500/"):
            if hits == 1:
                return self._send(500, b"oops", {"Content-Type": "text/plain"})
            return self._file(path.removeprefix("/flaky500"))
        if path.startswith("/ratelimited/"):
            if hits == 1:
                return self._send(429, b"slow down", {"Content-Type": "text/plain", "Retry-After": "1"})
            return self._file(path.removeprefix("/ratelimited"))
        if path == "/down.md":
            return self._send(503, b"maintenance", {"Content-Type": "text/plain"})
        if path.startswith("/slow/"):
            time.sleep(srv.slow_seconds)
            return self._file(path.removeprefix("/slow"))
        if path == "/big.md":
            return self._send(200, b"# big\n" + b"a" * srv.big_bytes, {"Content-Type": "text/markdown"})
        if path == "/bigstream.md":  # no Content-Length: the size is only known while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/markdown")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(srv.big_bytes // 65536 + 1):
                self.wfile.write(b"b" * 65536)
            self.close_connection = True
            return None
        if path.startswith("/loop/"):
            target = "/loop/b" if path == "/loop/a" else "/loop/a"
            return self._send(302, b"", {"Location": target})
        if path == "/gone.md":
            return self._send(410, b"gone", {"Content-Type": "text/plain"})
        if path == "/empty.md":
            return self._send(200, b"", {"Content-Type": "text/markdown"})
        if path == "/truncated.md":
            self.send_response(200)
            self.send_header("Content-Type", "text/markdown")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"# only the beginning\n")
            self.wfile.flush()
            self.close_connection = True
            return None
        if path == "/wrongtype.pdf":
            body = b"<html><body><p>Login required</p></body></html>"
            return self._send(200, body, {"Content-Type": "text/html"})
        if path == "/notype.pdf":
            return self._send(200, b"<html><body><p>Error page</p></body></html>", {"Content-Type": None})
        if path == "/bomb.zip":
            return self._send(200, srv.bomb(), {"Content-Type": "application/zip"})
        if path == "/corrupt.zip":
            return self._send(200, b"PK\x03\x04" + b"\x13" * 300, {"Content-Type": "application/zip"})
        return self._file(path)

    def _file(self, path: str) -> None:
        srv = self.server
        target = (srv.root / path.lstrip("/")).resolve()
        if srv.root not in target.parents or not target.is_file():
            return self._send(404, b"not found", {"Content-Type": "text/plain"})
        ctype = (CONTENT_TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0]
                 or "application/octet-stream")
        return self._validated(target.read_bytes(), ctype)

    def _validated(self, body: bytes, ctype: str) -> None:
        """200 with ETag/Last-Modified, or 304 when the request's validators match."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        headers = {"Content-Type": ctype, "ETag": etag, "Last-Modified": MTIME}
        if self.headers.get("If-None-Match") == etag or (
            not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == MTIME
        ):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._send(200, body, headers)


class LocalServer(ThreadingHTTPServer):
    """The test server; use as a context manager."""

    daemon_threads = True

    def __init__(self, root: Path, *, slow_seconds: float = 5.0, big_bytes: int = 3 * 1024 * 1024,
                 delay: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.root = Path(root).resolve()
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self.hits: dict[str, int] = {}
        self.slow_seconds = slow_seconds
        self.big_bytes = big_bytes
        self.delay = delay
        self._bomb: bytes | None = None
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def handle_error(self, request, client_address) -> None:
        """Clients hanging up on purpose (over-size, truncated bodies) are expected here: stay quiet."""
        return

    def bomb(self) -> bytes:
        """The zip bomb bytes (built on first use)."""
        if self._bomb is None:
            self._bomb = zip_bomb()
        return self._bomb

    @property
    def url(self) -> str:
        """Base URL (no trailing slash)."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()

    def reset_log(self) -> None:
        """Forget the request log (between two crawls)."""
        with self.lock:
            self.log.clear()
