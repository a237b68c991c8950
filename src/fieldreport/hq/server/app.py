"""The FastAPI application factory. `app_from_env` is what uvicorn's workers import."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from fieldreport.hq.server import db
from fieldreport.hq.server.authn import housekeeping
from fieldreport.hq.server.blobs import BlobStore
from fieldreport.hq.server.config import RelayConfig
from fieldreport.hq.server.errors import RelayRefusal
from fieldreport.hq.server.routes import router
from fieldreport.sync.auth import HEADER_SERVER_TIME


class ServerTime:
    """Pure ASGI middleware: every response tells the device the server's clock."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def stamped(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append(
                    (HEADER_SERVER_TIME.lower().encode(), str(int(time.time())).encode())
                )
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, stamped)


# Threads that run the endpoints' blocking work, and as many database connections: more
# threads than connections would have the pool open and close an extra PostgreSQL connection
# (a new server process) for a single request whenever the load peaks.
WORKER_THREADS = 16


@contextlib.asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    yield


def create_app(config: RelayConfig) -> FastAPI:
    app = FastAPI(
        title="FieldReport relay",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan,
    )
    app.state.config = config
    app.state.engine = db.make_engine(config.db_url, pool_size=WORKER_THREADS)
    app.state.blobs = BlobStore(config.blob_dir)
    app.state.blobs.prepare()
    housekeeping(app.state.engine, config)

    @app.exception_handler(RelayRefusal)
    async def refused(_request: Request, exc: RelayRefusal) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    app.include_router(router)
    app.add_middleware(ServerTime)
    return app


def app_from_env() -> FastAPI:
    return create_app(RelayConfig.from_env())
