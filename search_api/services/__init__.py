"""Service layer: every query of the API and the web UI lives here.

Plain functions taking a ``sqlite3.Connection`` and/or a search backend and
returning pydantic models; routers and ``web/routes.py`` call the same functions.
"""
