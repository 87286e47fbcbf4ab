"""Building the official Elasticsearch client (8.x or 9.x) for a cluster (8.x or 9.x).

The 9.x Python client asks for ``compatible-with=9`` responses, which 8.x
servers refuse. When the server reports Elasticsearch 8 and the client is
9.x, requests ask for version 8 compatibility instead (the request and
response bodies this backend uses are the same in both versions).
"""

from __future__ import annotations

import logging
import re

import elasticsearch
from elastic_transport import HttpHeaders, Urllib3HttpNode

from indexer.search.base import BackendUnavailable
from indexer.settings import Settings

log = logging.getLogger(__name__)

CLIENT_MAJOR = int(elasticsearch.__versionstr__.split(".")[0])
# Sample: "application/vnd.elasticsearch+json; compatible-with=9"
COMPAT_RE = re.compile(r"compatible-with=\d+")
RETRY_STATUS = (429, 502, 503, 504)


def compat_headers(headers, major: int) -> HttpHeaders:
    """A copy of ``headers`` whose media types ask for ``compatible-with=<major>``."""
    fixed = HttpHeaders()
    for name, value in (headers or {}).items():
        fixed[name] = COMPAT_RE.sub(f"compatible-with={major}", value) if isinstance(value, str) else value
    return fixed


class Compat8Node(Urllib3HttpNode):
    """HTTP node asking an Elasticsearch 8.x server for version 8 compatible responses."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):  # noqa: D102
        fixed = compat_headers(headers, 8)
        return super().perform_request(method, target, body=body, headers=fixed, **kwargs)


def server_info(client: elasticsearch.Elasticsearch) -> dict:
    """``GET /`` without compatibility headers (works whatever the server version)."""
    resp = client.transport.perform_request("GET", "/", headers={"accept": "application/json"})
    body = resp.body if hasattr(resp, "body") else resp[1]
    return body if isinstance(body, dict) else {}


def unreachable_message(url: str, exc: Exception) -> str:
    """The message shown when the cluster cannot be reached."""
    return (
        f"Elasticsearch is unreachable at {url} ({type(exc).__name__}: {exc}). Start it "
        "(`docker compose up -d elasticsearch`), check PALERMO_ELASTICSEARCH_URL / ELASTICSEARCH_URL, "
        "or use the embedded index with PALERMO_BACKEND=embedded."
    )


def make_client(settings: Settings, **options) -> elasticsearch.Elasticsearch:
    """A client for ``settings.elasticsearch_url`` with retries; adapts to 8.x servers (see module doc).

    ``options`` are passed to :class:`elasticsearch.Elasticsearch` (tests pass transport options).
    """
    kwargs = {
        "request_timeout": 30,
        "max_retries": 3,
        "retry_on_timeout": True,
        "retry_on_status": RETRY_STATUS,
    }
    if settings.elasticsearch_api_key:
        kwargs["api_key"] = settings.elasticsearch_api_key
    kwargs.update(options)
    client = elasticsearch.Elasticsearch(settings.elasticsearch_url, **kwargs)
    if "node_class" in options or CLIENT_MAJOR < 9:
        return client
    try:
        info = server_info(client)
    except Exception as exc:  # noqa: BLE001 - reported, the backend retries on use
        log.error("%s", unreachable_message(settings.elasticsearch_url, exc))
        return client
    version = (info.get("version") or {})
    number = str(version.get("number", ""))
    if version.get("distribution", "elasticsearch") == "elasticsearch" and number.startswith("8."):
        log.info("Elasticsearch %s: asking for version 8 compatible responses", number)
        client.close()
        return elasticsearch.Elasticsearch(settings.elasticsearch_url, node_class=Compat8Node, **kwargs)
    return client


__all__ = ["BackendUnavailable", "Compat8Node", "compat_headers", "make_client", "server_info",
           "unreachable_message"]
