"""The kit as a PDF (WeasyPrint, imported lazily because it is heavy)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from onconav.errors import ConfigError
from onconav.guidance.kit import Kit
from onconav.guidance.render import kit_document_html

_LOCK = threading.Lock()  # the shared font configuration is not meant for concurrent renders
_FONTS: list[Any] = []


def _font_config() -> Any:
    """One FontConfiguration for the process: building it per document costs a large share of the time."""
    from weasyprint.text.fonts import FontConfiguration

    if not _FONTS:
        _FONTS.append(FontConfiguration())
    return _FONTS[0]


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document to PDF bytes."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango or cairo libraries missing
        raise ConfigError(f"PDF output needs WeasyPrint and its system libraries: {exc}") from exc
    with _LOCK, _no_cyclic_gc():
        pdf: bytes = HTML(string=html).write_pdf(font_config=_font_config())
    return pdf


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while one PDF is laid out.

    A render allocates hundreds of thousands of short-lived objects, which triggers full collections of
    the whole (large) process heap about every third PDF: a pause of a few hundred ms. Reference counting
    still frees the render's objects; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def kit_pdf(kit: Kit) -> bytes:
    """The printable kit as PDF bytes."""
    return html_to_pdf(kit_document_html(kit))
