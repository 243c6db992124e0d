"""Truncated images stay errors even after WeasyPrint relaxes PIL's global truncation setting."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFile

from onconav.errors import CorruptFileError
from onconav.records.parsers import parse_bytes


def test_truncated_png_is_corrupt_even_when_pil_is_relaxed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing weasyprint does
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buf, "PNG")
    data = buf.getvalue()
    with pytest.raises(CorruptFileError):
        parse_bytes(data[: len(data) // 2], "cut.png")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the global setting is restored
