"""Synthetic record files built in code for the parser tests (no real patient data anywhere)."""

from __future__ import annotations

import io
import shutil
import struct
import zlib

import pytest
from PIL import Image, ImageDraw, ImageFont

REPORT_LINES = [
    "SURGICAL PATHOLOGY REPORT",
    "Specimen: left breast, lumpectomy",
    "Diagnosis: invasive ductal carcinoma, grade 2",
    "Tumor size: 2.1 cm. Margins negative.",
    "Estrogen receptor: positive (95%)",
    "pT2 pN0 cM0",
]

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf(objects: list[bytes], trailer_extra: str = "") -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def text_pdf(pages: list[str], encrypted: bool = False) -> bytes:
    """A PDF with a real text layer (Helvetica), one string per page, lines split on newlines."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        shown = " ".join(f"({_escape(line)}) Tj T*" for line in text.split("\n"))
        stream = f"BT /F1 11 Tf 14 TL 72 740 Td {shown} ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream".encode())
    extra = ""
    if encrypted:
        # A standard security handler whose user password is not empty: readers must ask for it.
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>"
        )
        extra = f"/Encrypt {len(objects)} 0 R /ID [<{'11' * 16}> <{'11' * 16}>] "
    return _pdf(objects, extra)


def page_image(
    lines: list[str] | None = None, size: tuple[int, int] = (1700, 2200), font_size: int = 40
) -> Image.Image:
    """A white page with black text, like a 200 dpi scan."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=font_size)
    for i, line in enumerate(lines or REPORT_LINES):
        draw.text((150, 200 + i * int(font_size * 2.2)), line, fill=0, font=font)
    return img


def image_bytes(img: Image.Image, fmt: str, **kw: object) -> bytes:
    """Encode an image (PNG, JPEG, TIFF, PDF) to bytes."""
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def scanned_pdf(pages: int = 1) -> bytes:
    """An image-only PDF (no text layer), like a scanner's output."""
    imgs = [page_image() for _ in range(pages)]
    return image_bytes(imgs[0], "PDF", resolution=200.0, save_all=True, append_images=imgs[1:])


def mixed_pdf() -> bytes:
    """Page 1 has a text layer, page 2 is a scanned image."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for data in (text_pdf(["CLINIC NOTE\nHistory of present illness: doing well."]), scanned_pdf()):
        src = pdfium.PdfDocument(data)
        out.import_pages(src)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header announces width x height pixels but carries almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def docx_bytes(
    paragraphs: list[str], table: list[list[str]] | None = None, after: list[str] | None = None
) -> bytes:
    """A Word document: paragraphs, then an optional table, then more paragraphs."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    for text in after or []:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
