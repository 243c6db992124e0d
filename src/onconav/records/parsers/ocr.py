"""OCR with tesseract: read a page image, fixing sideways and slightly skewed photos first."""

from __future__ import annotations

import contextlib
import math
import shutil
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image, ImageOps

from onconav.errors import ConfigError

_GOOD_CONFIDENCE = 0.80  # a first pass this confident is kept without trying rotations
_MAX_SIDE = 4200  # larger images are shrunk before OCR (slower, no more accurate)
_SKEW_LIMIT = 10.0
_SKEW_STEP = 0.5


@dataclass
class OcrResult:
    """Text read from one image, the mean word confidence (0-1) and what was done to the image."""

    text: str
    confidence: float | None
    words: int = 0
    total_conf: float = 0.0
    notes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def tesseract_available() -> bool:
    """True when the tesseract program can be run."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        pytesseract.get_tesseract_version()
    except Exception:  # noqa: BLE001 - any failure means OCR cannot be used
        return False
    return True


def require_tesseract() -> None:
    """Raise a clear error when OCR is needed but tesseract is not installed."""
    if not tesseract_available():
        raise ConfigError("OCR needs the tesseract program: install the Debian package tesseract-ocr.")


def _prepare(img: Image.Image) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # damaged EXIF only means no orientation hint
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, SyntaxError):
            img = ImageOps.exif_transpose(img) or img
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    img = img.convert("L")
    longest = max(img.size)
    if longest > _MAX_SIDE:
        scale = _MAX_SIDE / longest
        size = (max(1, int(img.width * scale)), max(1, int(img.height * scale)))
        img = img.resize(size, Image.Resampling.LANCZOS)
    return img


def _run(img: Image.Image, timeout: float) -> OcrResult:
    import pytesseract

    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            img, output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as exc:  # pytesseract signals its timeout with RuntimeError
        raise TimeoutError(str(exc)) from exc
    return _assemble(data)


def _assemble(data: dict[str, list[Any]]) -> OcrResult:
    lines: list[str] = []
    current: list[str] = []
    last_key: tuple[int, int, int] | None = None
    confs: list[float] = []
    for i, word in enumerate(data.get("text", [])):
        word = (word or "").strip()
        if not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if last_key is not None and key != last_key:
            lines.append(" ".join(current))
            if key[:2] != last_key[:2]:
                lines.append("")
            current = []
        current.append(word)
        last_key = key
        conf = float(data["conf"][i])
        if conf >= 0:
            confs.append(conf / 100.0)
    if current:
        lines.append(" ".join(current))
    mean = round(sum(confs) / len(confs), 3) if confs else None
    return OcrResult("\n".join(lines), mean, len(confs), sum(confs))


def _osd_rotation(img: Image.Image, timeout: float) -> int:
    """Degrees (clockwise) tesseract's orientation detection says the page must turn; 0 if unsure."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(img, output_type=pytesseract.Output.DICT, timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError, ValueError):
        return 0  # too few characters to decide, or a timeout
    rotate = int(osd.get("rotate", 0) or 0)
    if float(osd.get("orientation_conf", 0) or 0) < 1.0:
        return 0
    return rotate if rotate in (90, 180, 270) else 0


def skew_angle(img: Image.Image) -> float:
    """The small rotation (degrees, counter-clockwise) that makes text lines horizontal."""
    import numpy as np

    small = img.convert("L")
    scale = 900 / max(small.size)
    if scale < 1:
        small = small.resize((max(1, int(small.width * scale)), max(1, int(small.height * scale))))
    ink = ImageOps.invert(small).point(lambda v: 255 if v > 96 else 0)
    best_angle, best_score = 0.0, -1.0
    steps = int(_SKEW_LIMIT / _SKEW_STEP)
    for k in range(-steps, steps + 1):
        angle = k * _SKEW_STEP
        rows = np.asarray(ink.rotate(angle, expand=False), dtype=np.float64).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score * (1.0 + 1e-9):
            best_angle, best_score = angle, score
    return 0.0 if math.isclose(best_angle, 0.0) else best_angle


def ocr_image(img: Image.Image, timeout: float = 120.0) -> OcrResult:
    """OCR one page image; when the first pass reads poorly, try the detected rotation and deskew."""
    base = _prepare(img)
    first = _run(base, timeout)
    if (first.confidence or 0.0) >= _GOOD_CONFIDENCE and first.words >= 3:
        return first
    best = first
    upright, notes = base, []
    turn = _osd_rotation(base, timeout)
    if turn:
        upright = base.rotate(-turn, expand=True, fillcolor=255)
        notes.append(f"rotated {turn} degrees")
        best = _better(best, _run(upright, timeout), notes)
    angle = skew_angle(upright)
    if angle:
        straight = upright.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
        best = _better(best, _run(straight, timeout), [*notes, f"deskewed {angle:+.1f} degrees"])
    return best


def _better(old: OcrResult, new: OcrResult, notes: list[str]) -> OcrResult:
    """Keep the reading with more total word confidence (more words read with more certainty)."""
    if new.total_conf > old.total_conf:
        new.notes = tuple(notes)
        return new
    return old
