"""The Index protocol: any lexical, dense or hybrid index the answer pipeline can search."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from onconav.domain import Document, SearchHit


class Index(Protocol):
    """A searchable passage index."""

    def add(self, documents: Iterable[Document]) -> None:
        """Add or replace documents (all their passages)."""

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove documents by id."""

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        expansions: list[str] | None = None,
        per_doc: int = 1,
        cancer_types: list[str] | None = None,
    ) -> list[SearchHit]:
        """Best hits for a query; at most `per_doc` passages per document."""
        ...

    def count(self) -> int:
        """Number of passages indexed."""
        ...
