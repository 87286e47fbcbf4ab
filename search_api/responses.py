"""Fast JSON responses for hot endpoints: a pydantic model serialised once by pydantic-core.

FastAPI would otherwise validate the returned model again against ``response_model``, dump it to
Python objects and encode those; the endpoints keep ``response_model=`` for the OpenAPI schema.
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel

JSON = "application/json"


def model_response(model: BaseModel, status_code: int = 200) -> Response:
    """``model`` as an ``application/json`` response."""
    return Response(model.model_dump_json(), status_code=status_code, media_type=JSON)
