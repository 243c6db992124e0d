"""Importers: turn source files into Documents. Each is pure (file in, Documents out)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from onconav.domain import Document, Passage
from onconav.errors import CorruptFileError, InputError, UnsupportedFileError
from onconav.knowledge.sections import content_hash, split_passages

PACK_PUBLISHER = "onconav starter pack"
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_TURN = re.compile(r"^\*\*(?P<who>[^*:]{2,120}?):?\*\*:?\s*(?P<text>.+)$")


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """Return (front matter, body) of a markdown file; InputError on bad YAML."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: front matter is not valid YAML ({exc})") from exc
    if not isinstance(meta, dict):
        raise InputError(f"{source}: front matter must be a mapping")
    return meta, text[m.end() :]


def _finish(doc: Document, body: str) -> Document:
    doc.passages = split_passages(doc.doc_id, doc.title, body)
    doc.content_hash = content_hash(json.dumps(_meta_of(doc), sort_keys=True, default=str), body)
    return doc


def _meta_of(doc: Document) -> dict[str, Any]:
    return {
        k: getattr(doc, k)
        for k in (
            "title",
            "url",
            "publisher",
            "license",
            "audience",
            "reviewed",
            "cancer_types",
            "topics",
            "summary",
            "kind",
            "sources",
        )
    }


def markdown_document(path: Path) -> Document:
    """A project article: markdown with YAML front matter (title, slug, sources ...)."""
    text = _read_text(path)
    meta, body = split_front_matter(text, str(path))
    if meta.get("kind") == "transcript" or _looks_like_transcript(body):
        return transcript_document(path, meta, body)
    slug = str(meta.get("slug") or path.stem)
    doc = Document(
        doc_id=str(meta.get("id") or f"onconav:{slug}"),
        title=str(meta.get("title") or _first_heading(body) or slug),
        url=str(meta.get("url") or f"/kb/{slug}"),
        publisher=str(meta.get("publisher") or PACK_PUBLISHER),
        license=str(meta.get("license") or "CC BY 4.0"),
        audience="professional" if meta.get("audience") == "professional" else "patient",
        reviewed=str(meta.get("reviewed") or ""),
        cancer_types=[str(c) for c in meta.get("cancer_types") or []],
        topics=[str(t) for t in meta.get("topics") or []],
        summary=str(meta.get("summary") or ""),
        kind=str(meta.get("kind") or "article"),
        sources=[s for s in meta.get("sources") or [] if isinstance(s, dict)],
    )
    return _finish(doc, body)


def _looks_like_transcript(body: str) -> bool:
    turns = sum(1 for line in body.splitlines() if _TURN.match(line.strip()))
    return turns >= 3


def transcript_document(path: Path, meta: dict[str, Any], body: str) -> Document:
    """A transcript: speaker turns `**Name, role:** text`, one passage per turn (quotable verbatim)."""
    slug = str(meta.get("slug") or path.stem)
    doc = Document(
        doc_id=str(meta.get("id") or f"transcript:{slug}"),
        title=str(meta.get("title") or _first_heading(body) or slug),
        url=str(meta.get("url") or ""),
        publisher=str(meta.get("publisher") or ""),
        license=str(meta.get("license") or ""),
        audience="professional" if meta.get("audience") == "professional" else "patient",
        reviewed=str(meta.get("reviewed") or meta.get("date") or ""),
        cancer_types=[str(c) for c in meta.get("cancer_types") or []],
        topics=[str(t) for t in meta.get("topics") or []],
        summary=str(meta.get("summary") or ""),
        kind="transcript",
    )
    heading = doc.title
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("#"):
            heading = line.lstrip("#").strip() or heading
            continue
        m = _TURN.match(line)
        if not m or len(m.group("text")) < 15:
            continue
        pos = len(doc.passages)
        doc.passages.append(
            Passage(
                chunk_id=f"{doc.doc_id}#{pos}",
                doc_id=doc.doc_id,
                heading=heading,
                headings=[doc.title, heading],
                text=m.group("text").strip(),
                position=pos,
                speaker=m.group("who").strip(),
            )
        )
    if not doc.passages:
        raise InputError(f"{path}: transcript has no speaker turns like **Name, role:** text")
    doc.content_hash = content_hash(json.dumps(_meta_of(doc), sort_keys=True), body)
    return doc


def _first_heading(body: str) -> str | None:
    for line in body.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip() or None
    return None


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def cancer_gov_documents(path: Path) -> Iterator[Document]:
    """Documents from a JSON-lines file in the cancer_gov_pages.jsonl format (keeps each `id`)."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield cancer_gov_document(row)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{lineno}: not a page record ({exc})") from exc


def cancer_gov_document(row: dict[str, Any]) -> Document:
    """One page record -> Document."""
    raw_title = row.get("title")
    text = str(row.get("text") or "")
    if not isinstance(raw_title, str) or not raw_title.strip():
        raw_title = _first_heading(text) or str(row["id"])
    title = re.sub(r"\s*-\s*NCI$", "", raw_title).strip()
    tags = row.get("cancer_types_tag") or []
    doc = Document(
        doc_id=str(row["id"]),
        title=title,
        url=str(row.get("url") or ""),
        publisher="National Cancer Institute (cancer.gov)",
        license=str(row.get("license_as_stated") or ""),
        audience="professional" if row.get("version") == "health_professional" else "patient",
        reviewed=str(row.get("retrieved_or_reviewed") or ""),
        cancer_types=codes_in_title(title),
        topics=[str(t) for t in tags if isinstance(t, str)],
        kind="web",
    )
    return _finish(doc, text)


def codes_in_title(title: str) -> list[str]:
    """OncoTree codes of the cancer types a title names (empty when the vocabulary is unavailable)."""
    try:
        from onconav.knowledge.vocabulary import Vocabulary

        return list(dict.fromkeys(m.code for m in Vocabulary.load().detect(title)))[:3]
    except Exception:  # vocabulary missing or invalid: documents simply carry no codes
        return []


def pdf_document(path: Path, meta: dict[str, Any] | None = None) -> Document:
    """A PDF (e.g. a licensed guideline): text per page; headings guessed from short title-like lines."""
    import pypdfium2 as pdfium

    meta = meta or {}
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pypdfium2 raises PdfiumError for corrupt/encrypted files
        raise CorruptFileError(f"{path.name}: cannot open PDF ({exc})") from exc
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    lines: list[str] = []
    for n, page in enumerate(pages, 1):
        for line in page.splitlines():
            s = line.strip()
            if (
                3 < len(s) < 80
                and (s.isupper() or re.match(r"^\d+(\.\d+)*\s+[A-Z]", s))
                and not s.endswith(".")
            ):
                lines.append(f"## {s.title() if s.isupper() else s}")
            else:
                lines.append(s)
        lines.append(f"\n<!-- page {n} -->\n")
    body = "\n".join(lines)
    if len(body.strip()) < 50:
        raise CorruptFileError(f"{path.name}: the PDF has no text layer to import")
    title = str(meta.get("title") or path.stem.replace("_", " ").replace("-", " "))
    doc = _generic_document(path, title, meta, kind="guideline")
    return _finish(doc, body)


def html_document(path: Path, meta: dict[str, Any] | None = None) -> Document:
    """An HTML page: headings, paragraphs and lists; navigation and scripts dropped."""
    from bs4 import BeautifulSoup

    meta = meta or {}
    soup = BeautifulSoup(_read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "form", "aside"]):
        tag.decompose()
    title = str(
        meta.get("title") or (soup.title.string.strip() if soup.title and soup.title.string else path.stem)
    )
    canonical = soup.find("link", rel="canonical")
    url = str(meta.get("url") or (canonical.get("href") if canonical else "") or "")
    lines: list[str] = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "p", "li"]):
        text = " ".join(el.get_text(" ").split())
        if not text:
            continue
        if el.name in {"h1", "h2", "h3", "h4"}:
            lines += ["", "#" * int(el.name[1]) + " " + text, ""]
        elif el.name == "li":
            parent = el.find_parent(["ol", "ul"])
            lines.append(("1. " if parent is not None and parent.name == "ol" else "- ") + text)
        elif el.find_parent("li") is None:
            lines += ["", text, ""]
    doc = _generic_document(path, title, {**meta, "url": url}, kind="web")
    return _finish(doc, "\n".join(lines))


def _generic_document(path: Path, title: str, meta: dict[str, Any], kind: str) -> Document:
    return Document(
        doc_id=str(meta.get("id") or f"file:{path.stem}"),
        title=title,
        url=str(meta.get("url") or ""),
        publisher=str(meta.get("publisher") or ""),
        license=str(meta.get("license") or ""),
        audience="professional" if meta.get("audience") == "professional" else "patient",
        reviewed=str(meta.get("reviewed") or ""),
        cancer_types=[str(c) for c in meta.get("cancer_types") or []],
        kind=kind,
    )


def documents_from_path(path: Path, meta: dict[str, Any] | None = None) -> Iterator[Document]:
    """Dispatch one file to its importer by content/extension."""
    suffix = path.suffix.lower()
    if suffix in {".md", ".markdown"}:
        yield markdown_document(path)
    elif suffix in {".jsonl", ".ndjson"}:
        yield from cancer_gov_documents(path)
    elif suffix == ".pdf":
        yield pdf_document(path, meta)
    elif suffix in {".html", ".htm"}:
        yield html_document(path, meta)
    else:
        raise UnsupportedFileError(f"{path.name}: unsupported file type (use .md, .jsonl, .pdf or .html)")
