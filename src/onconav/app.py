"""create_app(settings) -> FastAPI: mounts the web pages, the JSON API and static files."""

from __future__ import annotations

import importlib
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from onconav import __version__
from onconav.config import Settings, load_settings
from onconav.errors import OnconavError
from onconav.runtime import Runtime

STATIC_DIR = Path(__file__).parent / "web" / "static"

# Modules exposing `router` (an APIRouter); each may also expose `install(app)`.
ROUTER_MODULES = (
    "onconav.api.ask",
    "onconav.web.pages",
    "onconav.api.records",
    "onconav.web.records",
    "onconav.api.guidance",
    "onconav.web.guidance",
    "onconav.api.trials",
    "onconav.web.trials",
    "onconav.web.accounts",
    "onconav.api.accounts",
)


def _include_routers(app: FastAPI) -> None:
    for name in ROUTER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that part is not built yet
            raise
        if hasattr(module, "install"):
            module.install(app)
        if hasattr(module, "router"):
            app.include_router(module.router)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the FastAPI application for the given settings."""
    settings = (settings or load_settings()).validate()
    settings.ensure_dirs()
    app = FastAPI(
        title="onconav",
        version=__version__,
        description="Grounded, cited cancer navigation answers. Not medical advice.",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.runtime = Runtime(settings)

    @app.exception_handler(OnconavError)
    async def _onconav_error(request: Request, exc: OnconavError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": type(exc).__name__, "detail": str(exc)}, status_code=exc.status_code
            )
        from onconav.web.render import render_error

        return render_error(request, exc.status_code, str(exc))

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _include_routers(app)
    return app
