"""The search page: ``/search?q=...`` with facets as links, pagination and export links."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from search_api.deps import Backend, DbConn, SettingsDep
from search_api.services.search import build_query, run_search
from web import catalog
from web.names import jurisdiction_name
from web.pages.common import from_exception, int_param, multi, render

router = APIRouter(include_in_schema=False)

FACET_ORDER = ("jurisdiction", "region", "language", "element", "requirement", "year", "in_force")
FACET_TITLES = {"jurisdiction": "Jurisdiction", "region": "Region", "language": "Language",
                "element": "Element", "requirement": "Requirement", "year": "Year", "in_force": "In force",
                "law": "Law"}
FACET_LIMIT = 30
PAGE_SIZE = 20
SORTS = ("relevance", "date", "jurisdiction")
# The only markup a snippet may carry: "<mark>" and "</mark>"
MARK_TAG_RE = re.compile(r"(</?mark>)")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "ca": "Catalan",
                  "nl": "Dutch", "pt": "Portuguese", "it": "Italian", "ar": "Arabic", "ru": "Russian"}


def safe_snippet(snippet: str) -> Markup:
    """Keep only ``<mark>`` from a backend snippet; everything else is (re-)escaped text."""
    out = []
    for part in MARK_TAG_RE.split(snippet or ""):
        if part in ("<mark>", "</mark>"):
            out.append(part)
        else:
            out.append(str(escape(html.unescape(part))))
    text = "".join(out)
    if text.count("<mark>") != text.count("</mark>"):  # unbalanced: show plain text
        return Markup(escape(html.unescape(MARK_TAG_RE.sub("", snippet or ""))))
    return Markup(text)


def facet_label(name: str, value: str) -> str:
    """How a facet value is shown: jurisdiction names, element labels, ``In force``/``Repealed``."""
    if name == "jurisdiction":
        return f"{jurisdiction_name(value)} ({value})"
    if name == "element":
        return catalog.element_label(value)
    if name == "requirement":
        return catalog.requirement_label(value)
    if name == "language":
        return LANGUAGE_NAMES.get(value, value)
    if name == "in_force":
        return {"true": "In force", "false": "Repealed"}.get(value, "Unknown")
    return value or "(none)"


def _query_params(request: Request) -> dict:
    params: dict = {"q": (request.query_params.get("q") or "").strip()}
    for name in ("jurisdiction", "region", "language", "element", "requirement", "law"):
        params[name] = multi(request, name)
    for name in ("year_from", "year_to"):
        raw = (request.query_params.get(name) or "").strip()
        params[name] = int(raw) if raw.isdigit() and len(raw) <= 4 else None
    years = multi(request, "year")
    if years and years[0].isdigit() and params["year_from"] is None and params["year_to"] is None:
        params["year_from"] = params["year_to"] = int(years[0][:4])
    in_force = (request.query_params.get("in_force") or "").lower()
    params["in_force"] = {"true": True, "false": False}.get(in_force)
    sort = request.query_params.get("sort") or "relevance"
    params["sort"] = sort if sort in SORTS else "relevance"
    params["page"] = int_param(request.query_params.get("page"), 1, high=500)
    params["page_size"] = PAGE_SIZE
    return params


def _facets(result, pairs: list[tuple[str, str]]) -> list[dict]:
    out = []
    for name in FACET_ORDER:
        counts = (result.facets or {}).get(name) or {}
        if not counts:
            continue
        key = "year" if name == "year" else name
        entries = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if name == "year":
            entries = sorted(counts.items(), key=lambda item: item[0], reverse=True)
        values = []
        for value, count in entries[:FACET_LIMIT]:
            selected = (key, value) in pairs
            if not count and not selected:
                continue
            values.append({"value": value, "label": facet_label(name, value), "count": count,
                           "selected": selected, "href": "/search?" + _toggle(pairs, key, value)})
        out.append({"name": name, "title": FACET_TITLES[name], "entries": values,
                    "more": max(0, len(entries) - FACET_LIMIT)})
    return out


def _toggle(pairs: list[tuple[str, str]], key: str, value: str) -> str:
    kept = [(k, v) for k, v in pairs if k not in ("page", "cursor")]
    if key == "year":
        kept = [(k, v) for k, v in kept if k not in ("year_from", "year_to")]
    if key == "in_force":
        kept = [(k, v) for k, v in kept if k != "in_force" or v == value]
    if (key, value) in kept:
        kept.remove((key, value))
    else:
        kept.append((key, value))
    return urlencode(kept)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, conn: DbConn, backend: Backend, settings: SettingsDep) -> HTMLResponse:
    """Results with highlighted snippets, element chips, facets that keep the query, paging, export."""
    params = _query_params(request)
    pairs = [(k, v) for k, v in request.query_params.multi_items() if v != ""]
    searched = bool(params["q"] or any(params[n] for n in ("jurisdiction", "region", "language", "element",
                                                             "requirement", "law"))
                    or params["in_force"] is not None or params["year_from"] or params["year_to"])
    context = {"params": params, "pairs": pairs, "searched": searched, "result": None, "facets": [],
               "title": f"Search: {params['q']}" if params["q"] else "Search"}
    if searched:
        try:
            query = build_query(settings, **params)
            result = run_search(backend, query)
        except Exception as err:  # noqa: BLE001 - bad input becomes an HTML error page
            response = from_exception(request, err)
            if response.status_code >= 500 and response.status_code != 503:
                return response
            context["error"] = _error_text(err)
            return render(request, "search.html", context, conn=conn, settings=settings,
                          status_code=response.status_code)
        hits = [{"hit": h, "snippet": safe_snippet(h.snippet), "name": jurisdiction_name(h.jurisdiction)}
                for h in result.results]
        pages = max(1, -(-result.total // PAGE_SIZE))
        export_pairs = [(k, v) for k, v in pairs if k not in ("page", "cursor", "sort")]
        context.update(
            result=result, hits=hits, facets=_facets(result, pairs), pages=pages,
            page=params["page"], sort=params["sort"],
            prev_href="/search?" + _with(pairs, page=params["page"] - 1) if params["page"] > 1 else "",
            next_href="/search?" + _with(pairs, page=params["page"] + 1) if params["page"] < pages else "",
            export_csv="/api/export/search?" + urlencode([*export_pairs, ("format", "csv")]),
            export_json="/api/export/search?" + urlencode([*export_pairs, ("format", "json")]),
            active=[{"label": f"{FACET_TITLES.get(k, k)}: {facet_label(k, v)}", "href": "/search?"
                     + _toggle(pairs, k, v)} for k, v in pairs if k in FACET_TITLES and k != "q"],
        )
    return render(request, "search.html", context, conn=conn, settings=settings)


def _with(pairs: list[tuple[str, str]], **changes: object) -> str:
    kept = [(k, v) for k, v in pairs if k not in changes and k != "cursor"]
    kept.extend((k, str(v)) for k, v in changes.items() if v not in (None, ""))
    return urlencode(kept)


def _error_text(err: Exception) -> str:
    return getattr(err, "detail", None) or str(err) or err.__class__.__name__
