"""HTML for the kit, from one template used both by the web page (editable) and by the PDF (printable)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from onconav.guidance.kit import Kit

TEMPLATE_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment for guidance templates (autoescaped)."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(default=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )


def kit_body_html(kit: Kit, editable: bool = False) -> str:
    """The kit's sections as an HTML fragment (textareas for questions and letters when editable)."""
    return environment().get_template("kit_body.html").render(kit=kit, editable=editable)


def kit_document_html(kit: Kit) -> str:
    """A standalone printable HTML document of the kit (what the PDF is made from)."""
    return environment().get_template("kit_pdf.html").render(kit=kit, editable=False)
