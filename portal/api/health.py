"""/healthz (the process answers) and /readyz (it can reach its database and Temporal)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database and Temporal are reachable",
            responses={200: {"description": "Ready"},
                       503: {"description": "Not ready: the checks say which part does not answer"}})
async def readyz(request: Request) -> JSONResponse:
    engine = request.app.state.engine

    def database_ok() -> bool:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    checks = {"database": await run_in_threadpool(database_ok),
              "temporal": await request.app.state.workflows.healthy()}
    ready = all(checks.values())
    return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks},
                        status_code=200 if ready else 503)
