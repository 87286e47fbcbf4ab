"""The Jinja2 environment of the web UI: autoescaping on, helpers for labels, links and query strings."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from search_api.services.common import ref_label
from web import catalog

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


@lru_cache(maxsize=64)
def _asset_version(name: str) -> str:
    try:
        return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


def static_url(name: str) -> str:
    """``/static/<name>?v=<content hash>`` so browsers may cache assets for long."""
    return f"/static/{quote(name)}?v={_asset_version(name)}"


def query_string(params: dict | list | None = None, **changes: object) -> str:
    """A URL query string from ``params`` (dict of lists or list of pairs) with ``changes`` applied.

    ``None`` or ``""`` removes a key; a list sets several values. Used by facet and page links
    so they keep the rest of the query.
    """
    pairs: list[tuple[str, str]] = []
    if isinstance(params, dict):
        for key, value in params.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs.extend((key, str(v)) for v in values if v not in (None, ""))
    elif params:
        pairs.extend((str(k), str(v)) for k, v in params if v not in (None, ""))
    for key, value in changes.items():
        pairs = [(k, v) for k, v in pairs if k != key]
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((key, str(v)) for v in values if v not in (None, ""))
    return urlencode(pairs)


def toggle_param(params: list[tuple[str, str]], key: str, value: str) -> str:
    """Query string with ``key=value`` added, or removed when present (facet links); resets the page."""
    pairs = [(k, v) for k, v in params if k not in ("page", "cursor")]
    if (key, value) in pairs:
        pairs = [p for p in pairs if p != (key, value)]
    else:
        pairs.append((key, value))
    return urlencode(pairs)


def web_url(value: object) -> str:
    """The URL when it is an absolute http(s) link, else '' (a ``javascript:`` source URL is never a link)."""
    text = str(value or "").strip()
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else ""


def verdict_label(verdict: str | None) -> str:
    """``"not_found"`` -> ``"Not found"``."""
    return catalog.VERDICT_LABELS.get(verdict or "", str(verdict))


def verdict_badge(verdict: str | None) -> Markup:
    """A verdict as text plus a symbol (colour is never the only signal)."""
    key = verdict or ""
    css = key if key in catalog.VERDICT_LABELS else "unknown"
    symbol = catalog.VERDICT_SYMBOLS.get(key, "?")
    return Markup('<span class="verdict v-{}"><span aria-hidden="true">{}</span> {}</span>').format(
        css, symbol, verdict_label(verdict))


def pct(value: object) -> str:
    """0.8734 -> ``"87%"``; missing -> ``"–"``."""
    try:
        return f"{float(value) * 100:.0f}%"
    except (TypeError, ValueError):
        return "–"


def make_environment() -> jinja2.Environment:
    """Build the environment (autoescape on for every template)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.globals.update(
        static_url=static_url, qs=query_string, toggle=toggle_param, element=catalog.element,
        element_label=catalog.element_label, verdict_label=verdict_label, verdict_badge=verdict_badge,
        group_short=catalog.GROUP_SHORT, obligation_labels=catalog.OBLIGATION_LABELS,
        requirement_label=catalog.requirement_label, pct=pct, ref_label=ref_label, web_url=web_url,
    )
    env.filters["pct"] = pct
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    return env


templates = Jinja2Templates(env=make_environment())
