"""The kit as a PDF (WeasyPrint, imported lazily because it is heavy)."""

from __future__ import annotations

from onconav.errors import ConfigError
from onconav.guidance.kit import Kit
from onconav.guidance.render import kit_document_html


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document to PDF bytes."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango or cairo libraries missing
        raise ConfigError(f"PDF output needs WeasyPrint and its system libraries: {exc}") from exc
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def kit_pdf(kit: Kit) -> bytes:
    """The printable kit as PDF bytes."""
    return html_to_pdf(kit_document_html(kit))
