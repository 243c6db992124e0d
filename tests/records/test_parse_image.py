"""Photos and scans: OCR with orientation and skew fixes, pixel limits checked before decoding."""

from __future__ import annotations

import io

import pytest
from parse_builders import huge_png_header, image_bytes, needs_tesseract, page_image
from PIL import Image

from onconav.errors import CorruptFileError, FileTooLargeError
from onconav.records.limits import Limits
from onconav.records.parsers import parse_bytes
from onconav.records.parsers.ocr import skew_angle


def _words(text: str) -> str:
    return " ".join(text.lower().split())


@needs_tesseract
def test_png_scan_is_read() -> None:
    doc = parse_bytes(image_bytes(page_image(), "PNG"), "scan.png")
    assert doc.ocr and doc.media_type == "image/png"
    assert "invasive ductal carcinoma" in _words(doc.pages[0].text)
    assert doc.kind == "pathology_report"


@needs_tesseract
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_sideways_photo_is_turned_upright(turn: int) -> None:
    img = page_image().rotate(turn, expand=True, fillcolor=255).convert("RGB")
    doc = parse_bytes(image_bytes(img, "JPEG", quality=90), "photo.jpg")
    assert "invasive ductal carcinoma" in _words(doc.pages[0].text)


@needs_tesseract
def test_skewed_photo_is_read() -> None:
    img = page_image().rotate(5, expand=True, fillcolor=255, resample=Image.BICUBIC).convert("RGB")
    doc = parse_bytes(image_bytes(img, "JPEG", quality=90), "skewed.jpg")
    assert "estrogen receptor" in _words(doc.pages[0].text)


def test_skew_angle_is_measured() -> None:
    img = page_image().rotate(-4, expand=True, fillcolor=255, resample=Image.BICUBIC)
    assert skew_angle(img) == pytest.approx(4.0, abs=1.0)
    assert skew_angle(page_image()) == pytest.approx(0.0, abs=0.5)


@needs_tesseract
def test_exif_orientation_is_applied() -> None:
    # Stored sideways with an EXIF tag saying "rotate 90 CW to display", like a phone camera.
    stored = page_image().rotate(90, expand=True, fillcolor=255).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    doc = parse_bytes(image_bytes(stored, "JPEG", exif=exif.tobytes()), "phone.jpg")
    assert "lumpectomy" in _words(doc.pages[0].text)


@needs_tesseract
def test_multipage_tiff_gives_one_page_per_frame() -> None:
    first, second = page_image(["PAGE ONE: gross description"]), page_image(["PAGE TWO: final diagnosis"])
    data = image_bytes(first, "TIFF", save_all=True, append_images=[second])
    doc = parse_bytes(data, "fax.tiff")
    assert [p.number for p in doc.pages] == [1, 2]
    assert "gross description" in _words(doc.pages[0].text) and "final diagnosis" in _words(doc.pages[1].text)
    assert all(p.ocr_confidence is not None for p in doc.pages)


def test_100_megapixel_image_is_refused_before_decoding() -> None:
    with pytest.raises(FileTooLargeError, match="megapixels"):
        parse_bytes(huge_png_header(10_000, 10_000), "huge.png")


def test_decompression_bomb_beyond_pil_limit_is_refused() -> None:
    with pytest.raises(FileTooLargeError):
        parse_bytes(huge_png_header(60_000, 60_000), "bomb.png", Limits(max_pixels=10**10))


def test_pixel_limit_comes_from_limits() -> None:
    with pytest.raises(FileTooLargeError):
        parse_bytes(image_bytes(page_image(size=(400, 400)), "PNG"), "small.png", Limits(max_pixels=1000))


@needs_tesseract
def test_truncated_image_is_corrupt() -> None:
    data = image_bytes(page_image(), "PNG")
    with pytest.raises(CorruptFileError):
        parse_bytes(data[: len(data) // 2], "cut.png")


def test_tiff_page_limit() -> None:
    frames = [page_image(size=(200, 200)) for _ in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(FileTooLargeError, match="pages"):
        parse_bytes(buf.getvalue(), "many.tif", Limits(max_pages=2))
