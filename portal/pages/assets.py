"""Files the pages load from /assets besides the stylesheet: the status pages' refresh script.

Served by the portal itself, so the Content-Security-Policy can allow scripts from 'self' only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)

REFRESH_SCRIPT = Path(__file__).parent / "static" / "refresh.js"


@router.get("/assets/refresh.js")
async def refresh_script() -> Response:
    return Response(REFRESH_SCRIPT.read_bytes(), media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=3600"})


__all__ = ["router"]
