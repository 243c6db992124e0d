"""Jinja2 rendering shared by every page module (templates escape everything by default)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from onconav import __version__

TEMPLATE_DIR = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.globals["version"] = __version__
templates.env.globals["csrf_token"] = lambda request: getattr(request.state, "csrf_token", "")
templates.env.globals["current_user"] = lambda request: getattr(request.state, "user", None)


def route_exists(request: Request, name: str) -> bool:
    """True when the app has a route with this name (nav links appear only for built parts)."""
    try:
        request.app.url_path_for(name)
    except Exception:  # NoMatchFound, or a route that needs path parameters
        return False
    return True


templates.env.globals["route_exists"] = route_exists


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CITE = re.compile(r"\[(\d{1,3})\]")


def rich(text: str | None) -> Markup:
    """Escape text, then allow **bold** and turn [n] into links to source n."""
    safe = str(escape(text or ""))
    safe = _BOLD.sub(r"<strong>\1</strong>", safe)
    safe = _CITE.sub(r'<a class="cite" href="#source-\1" aria-label="Source \1">[\1]</a>', safe)
    return Markup(safe)


templates.env.filters["rich"] = rich


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template with the request in context."""
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def render_error(request: Request, status_code: int, message: str) -> HTMLResponse:
    """A friendly error page that says what went wrong and keeps the user's place."""
    return render(request, "error.html", status_code=status_code, status=status_code, message=message)
