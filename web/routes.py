"""The web UI: server-rendered HTML pages over the same service layer as the API.

``router`` is mounted by :func:`search_api.app.create_app`; every page works without JavaScript.
Pages live in :mod:`web.pages` (one module per area); this module only assembles them.
"""

from __future__ import annotations

from fastapi import APIRouter

from web.pages import assess, home, info, law, provision, reviews, search

router = APIRouter(include_in_schema=False)
for module in (home, search, provision, law, assess, info, reviews):
    router.include_router(module.router)

__all__ = ["router"]
