"""Word .docx records: paragraphs and tables in reading order, after a zip-bomb check."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from onconav.errors import CorruptFileError, FileTooLargeError
from onconav.records.limits import Limits
from onconav.records.model import Page, ParsedDocument
from onconav.records.parsers.detect import DOCX

_MAX_ENTRIES = 5000
_MAX_RATIO = 200  # compression ratios above this, on a large member, are a zip bomb's signature


def check_zip(data: bytes, filename: str, limits: Limits) -> None:
    """Refuse archives whose members would expand beyond the limits (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise CorruptFileError(f"'{filename}' is not a readable .docx file (damaged archive).") from exc
    if len(infos) > _MAX_ENTRIES:
        raise FileTooLargeError(f"'{filename}' contains {len(infos)} parts; that is not a normal document.")
    total = sum(max(0, i.file_size) for i in infos)
    if total > limits.max_unzipped_bytes:
        raise FileTooLargeError(
            f"'{filename}' would expand to {total / 1e6:.0f} MB when opened; "
            f"the limit is {limits.max_unzipped_bytes / 1e6:.0f} MB."
        )
    for info in infos:
        if info.file_size > 10_000_000 and info.file_size > _MAX_RATIO * max(1, info.compress_size):
            raise FileTooLargeError(f"'{filename}' looks like a compression bomb and was not opened.")


def _cell_texts(row: Any) -> list[str]:
    seen: set[int] = set()
    texts: list[str] = []
    for cell in row.cells:
        if id(cell._tc) in seen:  # merged cells repeat the same element
            continue
        seen.add(id(cell._tc))
        texts.append(" ".join(cell.text.split()))
    return texts


def _blocks(document: Any) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append(" | ".join(_cell_texts(row)))
            lines.append("")
    return lines


def parse_docx(data: bytes, filename: str, limits: Limits) -> ParsedDocument:
    """Read a .docx: one page holding paragraphs and table rows (cells joined with ' | ')."""
    check_zip(data, filename, limits)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = _blocks(document)
    except (FileTooLargeError, CorruptFileError):
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many unrelated types on bad input
        raise CorruptFileError(f"'{filename}' is not a readable .docx file ({type(exc).__name__}).") from exc
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
    doc = ParsedDocument(file=filename, media_type=DOCX, pages=[Page(number=1, text=text)])
    if not text.strip():
        doc.warnings.append("the document contains no text")
    return doc
