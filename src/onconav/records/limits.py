"""Size, page, pixel and time limits applied to every uploaded record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class _LimitSettings(Protocol):
    max_upload_mb: int
    max_pages: int
    max_pixels: int


@dataclass(frozen=True)
class Limits:
    """What a parser may accept before it refuses a file as too large."""

    max_bytes: int = 25 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 60_000_000
    ocr_timeout_s: float = 120.0

    @classmethod
    def from_settings(cls, settings: _LimitSettings) -> Limits:
        """Limits taken from the application settings (upload size in MB, pages, pixels)."""
        return cls(
            max_bytes=int(settings.max_upload_mb) * 1024 * 1024,
            max_pages=int(settings.max_pages),
            max_pixels=int(settings.max_pixels),
        )

    @property
    def max_unzipped_bytes(self) -> int:
        """Largest total uncompressed size accepted inside a .docx (guards against zip bombs)."""
        return max(self.max_bytes * 4, 20 * 1024 * 1024)
