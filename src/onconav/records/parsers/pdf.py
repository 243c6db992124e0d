"""PDFs: the text layer page by page (fast), and OCR only for pages that have no text layer."""

from __future__ import annotations

import re
import threading
from typing import Any

from onconav.errors import CorruptFileError, FileTooLargeError
from onconav.records.limits import Limits
from onconav.records.model import Page, ParsedDocument
from onconav.records.parsers.detect import PDF
from onconav.records.parsers.ocr import ocr_image, tesseract_available

# PDFium is not thread-safe: every call into it goes through this lock.
PDFIUM_LOCK = threading.Lock()
_MIN_TEXT_CHARS = 16  # fewer visible characters than this means "no real text layer"
_OCR_DPI = 300
_OCR_MAX_PIXELS = 12_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _open(data: bytes, filename: str) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise CorruptFileError(
                f"'{filename}' is password-protected. Please remove the password (for example by printing "
                "it to a new PDF) and upload it again."
            ) from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise CorruptFileError(f"'{filename}' uses an unsupported PDF security handler.") from exc
        raise CorruptFileError(f"'{filename}' is not a readable PDF: it is damaged or cut short.") from exc


def _has_graphics(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    kinds = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING)
    return any(True for _ in page.get_objects(filter=kinds, max_depth=2))


def _render(page: Any) -> Any:
    width, height = page.get_size()
    scale = _OCR_DPI / 72.0
    pixels = width * height * scale * scale
    if pixels > _OCR_MAX_PIXELS:
        scale *= (_OCR_MAX_PIXELS / pixels) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil()


def _text_pass(pdf: Any, filename: str) -> tuple[list[Page], list[int]]:
    """Text of every page, and the numbers of pages that need OCR."""
    import pypdfium2 as pdfium

    pages: list[Page] = []
    needs_ocr: list[int] = []
    for index in range(len(pdf)):
        try:
            page = pdf[index]
            text = _clean(page.get_textpage().get_text_range())
            scanned = len(text.strip()) < _MIN_TEXT_CHARS and _has_graphics(page)
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(
                f"'{filename}': page {index + 1} cannot be read; the PDF is damaged."
            ) from exc
        pages.append(Page(number=index + 1, text=text))
        if scanned:
            needs_ocr.append(index)
    return pages, needs_ocr


def _ocr_pages(pdf: Any, doc: ParsedDocument, indexes: list[int], limits: Limits) -> None:
    import pypdfium2 as pdfium

    if not tesseract_available():
        doc.warnings.append(
            f"{len(indexes)} page(s) are scanned images but OCR is not installed (tesseract-ocr); "
            "their text could not be read"
        )
        return
    for index in indexes:
        try:
            with PDFIUM_LOCK:
                image = _render(pdf[index])
        except (pdfium.PdfiumError, MemoryError, ValueError) as exc:
            doc.warnings.append(f"page {index + 1}: could not be rendered for OCR ({type(exc).__name__})")
            continue
        try:
            result = ocr_image(image, timeout=limits.ocr_timeout_s)
        except TimeoutError:
            doc.warnings.append(
                f"page {index + 1}: OCR took longer than {limits.ocr_timeout_s:.0f} s and was stopped"
            )
            continue
        doc.pages[index] = Page(number=index + 1, text=result.text, ocr_confidence=result.confidence)
        doc.warnings.extend(f"page {index + 1}: {note}" for note in result.notes)
        doc.ocr = True


def parse_pdf(data: bytes, filename: str, limits: Limits) -> ParsedDocument:
    """Read a PDF: its text layer with page numbers, OCR for scanned pages."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = _open(data, filename)
    try:
        with PDFIUM_LOCK:
            count = len(pdf)
            if count == 0:
                raise CorruptFileError(f"'{filename}' has no readable pages; the PDF is damaged or empty.")
            if count > limits.max_pages:
                raise FileTooLargeError(
                    f"'{filename}' has {count} pages; the limit is {limits.max_pages}. "
                    "Please upload the relevant pages only."
                )
            pages, needs_ocr = _text_pass(pdf, filename)
        doc = ParsedDocument(file=filename, media_type=PDF, pages=pages)
        if needs_ocr:
            _ocr_pages(pdf, doc, needs_ocr, limits)
        if not any(p.text.strip() for p in doc.pages):
            doc.warnings.append("no text was found in this PDF")
        return doc
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"'{filename}' could not be read; the PDF is damaged.") from exc
    finally:
        with PDFIUM_LOCK:
            pdf.close()
