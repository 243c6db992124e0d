"""Photos and scans (JPEG, PNG, multi-page TIFF): check the pixel count first, then OCR each page."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator

from PIL import Image, UnidentifiedImageError

from onconav.errors import CorruptFileError, FileTooLargeError, UnsupportedFileError
from onconav.records.limits import Limits
from onconav.records.model import Page, ParsedDocument
from onconav.records.parsers.ocr import ocr_image, require_tesseract

# PIL raises these for truncated or malformed image data.
IMAGE_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    TypeError,
    KeyError,
    ZeroDivisionError,
    struct.error,
    MemoryError,
)


def check_pixels(width: int, height: int, limits: Limits, filename: str, what: str = "image") -> None:
    """Refuse an image whose header announces more pixels than allowed (before decoding it)."""
    if width <= 0 or height <= 0:
        raise CorruptFileError(f"'{filename}': the {what} has no size; the file is damaged.")
    pixels = width * height
    if pixels > limits.max_pixels:
        raise FileTooLargeError(
            f"'{filename}': the {what} is {width}x{height} pixels ({pixels / 1e6:.0f} megapixels); "
            f"the limit is {limits.max_pixels / 1e6:.0f} megapixels. Please upload a smaller scan or photo."
        )


def open_image(data: bytes, filename: str) -> Image.Image:
    """Open an image lazily (only the header is read), mapping PIL errors to onconav errors."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # PIL warns about damaged metadata; limits are checked
            return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise FileTooLargeError(f"'{filename}': the image is too large to open safely.") from exc
    except UnidentifiedImageError as exc:
        raise UnsupportedFileError(f"'{filename}': the image format is not recognised.") from exc
    except IMAGE_ERRORS as exc:
        raise CorruptFileError(f"'{filename}': the image could not be read ({type(exc).__name__}).") from exc


def frame_count(img: Image.Image, filename: str) -> int:
    """How many pages the image holds (TIFFs are walked to count them)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return max(1, int(getattr(img, "n_frames", 1) or 1))
    except IMAGE_ERRORS as exc:
        raise CorruptFileError(f"'{filename}': the image's page list is damaged.") from exc


def _decode(img: Image.Image, index: int, limits: Limits, filename: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # PIL warns about damaged metadata; limits are checked below
            img.seek(index)
            check_pixels(img.width, img.height, limits, filename)
            _load_strictly(img)
            return img.copy()
    except Image.DecompressionBombError as exc:
        raise FileTooLargeError(f"'{filename}': the image is too large to open safely.") from exc
    except IMAGE_ERRORS as exc:
        raise CorruptFileError(
            f"'{filename}': page {index + 1} of the image is damaged or cut short."
        ) from exc


def _load_strictly(img: Image.Image) -> None:
    """Decode, refusing truncated data even if another library (WeasyPrint does) relaxed PIL globally."""
    from PIL import ImageFile

    relaxed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        img.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = relaxed


def frames(img: Image.Image, limits: Limits, filename: str) -> Iterator[Image.Image]:
    """Each page of an image (several for a multi-page TIFF), size-checked and decoded one at a time."""
    for index in range(frame_count(img, filename)):
        yield _decode(img, index, limits, filename)


def parse_image(data: bytes, filename: str, media_type: str, limits: Limits) -> ParsedDocument:
    """OCR every page of a photo or scan; orientation and small skew are corrected automatically."""
    img = open_image(data, filename)
    check_pixels(img.width, img.height, limits, filename)
    count = frame_count(img, filename)
    if count > limits.max_pages:
        raise FileTooLargeError(f"'{filename}' has {count} pages; the limit is {limits.max_pages}.")
    require_tesseract()
    doc = ParsedDocument(file=filename, media_type=media_type, ocr=True)
    for number, frame in enumerate(frames(img, limits, filename), start=1):
        try:
            result = ocr_image(frame, timeout=limits.ocr_timeout_s)
        except TimeoutError:
            doc.warnings.append(
                f"page {number}: OCR took longer than {limits.ocr_timeout_s:.0f} s and was stopped"
            )
            doc.pages.append(Page(number=number, text="", ocr_confidence=None))
            continue
        doc.pages.append(Page(number=number, text=result.text, ocr_confidence=result.confidence))
        doc.warnings.extend(f"page {number}: {note}" for note in result.notes)
        if not result.text.strip():
            doc.warnings.append(f"page {number}: no text could be read")
    return doc
