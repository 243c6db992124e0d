"""BM25 passage index on tantivy: title/headings/body fields with boosts, patient preference."""

from __future__ import annotations

import hashlib
import math
import shutil
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from onconav.domain import Document, SearchHit
from onconav.errors import KnowledgeBaseError
from onconav.search.query import terms, to_query_string

FIELD_BOOSTS = {"title": 2.0, "headings": 2.5, "body": 1.0, "tags": 1.5}
PROFESSIONAL_PENALTY = 0.8
OTHER_TYPE_PENALTY = 0.85
SCHEMA_VERSION = "6"


def _schema() -> Any:
    import tantivy

    sb = tantivy.SchemaBuilder()
    for name in ("doc_id", "chunk_id", "audience", "kind", "cancer_types"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw")
    for name in ("title", "headings", "body", "tags"):
        sb.add_text_field(name, stored=True, tokenizer_name="en_stem")
    sb.add_unsigned_field("doc_passages", stored=True, fast=True)
    sb.add_unsigned_field("doc_key", fast=True)
    sb.add_unsigned_field("pro", fast=True)
    for name in ("url", "publisher", "speaker", "heading"):
        sb.add_text_field(name, stored=True, index_option="basic", tokenizer_name="raw")
    return sb.build()


class Bm25Index:
    """A tantivy index of passages; one instance per process, safe for concurrent searches."""

    def __init__(self, path: Path, tags_for: dict[str, list[str]] | None = None) -> None:
        import tantivy

        self.path = path
        self._lock = threading.Lock()
        path.mkdir(parents=True, exist_ok=True)
        marker = path / "SCHEMA_VERSION"
        self.was_reset = not marker.exists() or marker.read_text().strip() != SCHEMA_VERSION
        if self.was_reset and marker.exists():
            shutil.rmtree(path)
            path.mkdir(parents=True)
        self._index = tantivy.Index(_schema(), path=str(path), reuse=True)
        marker.write_text(SCHEMA_VERSION)
        self._index.reload()
        self._tags_for = tags_for or {}

    # ----------------------------------------------------------------- writing

    def add(self, documents: Iterable[Document]) -> None:
        """Add or replace the passages of these documents."""
        import tantivy

        with self._lock:
            writer = self._index.writer(heap_size=128_000_000, num_threads=1)
            for doc in documents:
                writer.delete_documents_by_term("doc_id", doc.doc_id)
                tags = " ".join(" ".join(self._tags_for.get(c, [])) for c in doc.cancer_types)
                for p in doc.passages:
                    tdoc = tantivy.Document(
                        doc_id=doc.doc_id,
                        chunk_id=p.chunk_id,
                        audience=doc.audience,
                        kind=doc.kind,
                        cancer_types=list(doc.cancer_types) or [""],
                        title=doc.title,
                        headings=" / ".join(p.headings[1:]) if len(p.headings) > 1 else p.heading,
                        heading=p.heading,
                        body=p.text,
                        tags=tags,
                        url=doc.url,
                        publisher=doc.publisher,
                        speaker=p.speaker or "",
                    )
                    tdoc.add_unsigned("doc_passages", len(doc.passages))
                    tdoc.add_unsigned("doc_key", _doc_key(doc.doc_id))
                    tdoc.add_unsigned("pro", int(doc.audience == "professional"))
                    writer.add_document(tdoc)
            writer.commit()
            writer.wait_merging_threads()
            self._index.reload()

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove documents by id."""
        with self._lock:
            writer = self._index.writer(heap_size=32_000_000, num_threads=1)
            for doc_id in doc_ids:
                writer.delete_documents_by_term("doc_id", doc_id)
            writer.commit()
            writer.wait_merging_threads()
            self._index.reload()

    def clear(self) -> None:
        """Remove everything."""
        with self._lock:
            writer = self._index.writer(heap_size=32_000_000, num_threads=1)
            writer.delete_all_documents()
            writer.commit()
            writer.wait_merging_threads()
            self._index.reload()

    # ----------------------------------------------------------------- reading

    def count(self) -> int:
        """Number of passages indexed."""
        return int(self._index.searcher().num_docs)

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        expansions: list[str] | None = None,
        per_doc: int = 1,
        cancer_types: list[str] | None = None,
        pool: int = 160,
    ) -> list[SearchHit]:
        """Best passages for the query, at most `per_doc` per document, patient versions preferred."""
        words = terms(query)
        if not words:
            return []
        qs = to_query_string(words)
        extra = [w for w in dict.fromkeys(expansions or []) if w not in words]
        if extra:
            qs += " " + to_query_string(extra, boost=0.4)
        try:
            q = self._index.parse_query(qs, list(FIELD_BOOSTS), field_boosts=FIELD_BOOSTS)
        except ValueError as exc:  # pragma: no cover - quoting makes this unreachable in practice
            raise KnowledgeBaseError(f"could not parse query: {exc}") from exc
        searcher = self._index.searcher()
        raw = searcher.search(q, limit=max(pool, k * 4)).hits
        hits = self._fetch(
            searcher, _first_stage(searcher, raw, keep_docs=max(k * 2, 20), per_doc=per_doc + 1)
        )
        wanted = set(cancer_types or [])
        exact: str | None = cancer_types[0] if cancer_types else None
        for h in hits:
            if exact in h.cancer_types:
                h.score *= 1.25
            elif wanted and wanted.intersection(h.cancer_types):
                h.score *= 1.1
            elif wanted and h.cancer_types:  # a page about a different cancer type
                h.score *= OTHER_TYPE_PENALTY
        _age_group_prior(words, hits)
        hits.sort(key=lambda h: -h.score)
        return _limit_per_doc(_aggregate(hits), k, per_doc)

    def _fetch(self, searcher: object, chosen: list[tuple[float, object]]) -> list[SearchHit]:
        return [self._hit(searcher.doc(addr), score) for score, addr in chosen]  # type: ignore[attr-defined]

    @staticmethod
    def _hit(d: object, score: float) -> SearchHit:
        f = d.to_dict()  # type: ignore[attr-defined]

        def get(name: str) -> str:
            vals = f.get(name)
            return str(vals[0]) if vals else ""

        body = get("body")
        return SearchHit(
            doc_id=get("doc_id"),
            chunk_id=get("chunk_id"),
            title=get("title"),
            url=get("url"),
            score=float(score),
            snippet="",
            heading=get("heading"),
            audience=get("audience"),
            text=body,
            publisher=get("publisher"),
            kind=get("kind"),
            speaker=get("speaker") or None,
            cancer_types=[c for c in f.get("cancer_types", []) if c],
            doc_passages=int((f.get("doc_passages") or [0])[0]),
        )


def _doc_key(doc_id: str) -> int:
    """A stable 63-bit number for a document id (grouping passages without loading them)."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "big") >> 1


def _first_stage(
    searcher: object, raw: Sequence[tuple[float, Any]], keep_docs: int, per_doc: int
) -> list[tuple[float, object]]:
    """Score passages from fast fields only (audience, breadth, document) and keep the best documents."""
    if not raw:
        return []
    addrs = [a for _, a in raw]
    ffv = searcher.fast_field_values  # type: ignore[attr-defined]
    keys, pros, sizes = ffv("doc_key", addrs), ffv("pro", addrs), ffv("doc_passages", addrs)
    groups: dict[int, list[tuple[float, object]]] = {}
    for (score, addr), key, pro, size in zip(raw, keys, pros, sizes, strict=True):
        adjusted = score * (PROFESSIONAL_PENALTY if pro else 1.0) * _breadth_prior(size or 0)
        groups.setdefault(key or 0, []).append((adjusted, addr))
    ranked = sorted(
        groups.values(), key=lambda g: -sum(w * s for w, (s, _) in zip(_AGGREGATE_WEIGHTS, g, strict=False))
    )
    return [item for group in ranked[:keep_docs] for item in group[:per_doc]]


def _breadth_prior(n_passages: int) -> float:
    """A mild preference for comprehensive documents (many sections) over short notes."""
    return 1.0 + min(0.2, 0.04 * math.log1p(max(0, n_passages)))


_CHILD_WORDS = frozenset(
    {
        "child",
        "childhood",
        "children",
        "kid",
        "kids",
        "pediatric",
        "paediatric",
        "infant",
        "baby",
        "toddler",
        "teen",
        "teenager",
        "adolescent",
        "son",
        "daughter",
    }
)
_AGGREGATE_WEIGHTS = (1.0, 0.5, 0.25)


def _age_group_prior(words: list[str], hits: list[SearchHit]) -> None:
    """Demote childhood pages for adult questions (and adult-only pages for child questions)."""
    asks_child = bool(_CHILD_WORDS.intersection(words))
    asks_adult = "adult" in words or "adults" in words
    for h in hits:
        title = h.title.lower()
        if "childhood" in title and not asks_child:
            h.score *= 0.7 if asks_adult else 0.85
        elif asks_child and "adult" in title:
            h.score *= 0.8


def _aggregate(hits: list[SearchHit]) -> list[SearchHit]:
    """Rank documents by their best passages combined (a page answering in several places ranks higher)."""
    per_doc: dict[str, list[SearchHit]] = {}
    for h in hits:
        per_doc.setdefault(h.doc_id, []).append(h)
    doc_score = {
        doc_id: sum(w * h.score for w, h in zip(_AGGREGATE_WEIGHTS, group, strict=False))
        for doc_id, group in per_doc.items()
    }
    return sorted(hits, key=lambda h: (-doc_score[h.doc_id], -h.score))


def _limit_per_doc(hits: list[SearchHit], k: int, per_doc: int) -> list[SearchHit]:
    out: list[SearchHit] = []
    seen: dict[str, int] = {}
    for h in hits:
        n = seen.get(h.doc_id, 0)
        if n >= per_doc:
            continue
        seen[h.doc_id] = n + 1
        out.append(h)
        if len(out) >= k:
            break
    return out
