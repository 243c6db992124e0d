"""BM25 index: boosts, patient preference, per-doc limits, injection-safe queries, deletion."""

from __future__ import annotations

from pathlib import Path

from onconav.domain import Document
from onconav.knowledge.sections import split_passages
from onconav.search.bm25 import Bm25Index
from onconav.search.query import terms, to_query_string


def make_doc(
    doc_id: str, title: str, body: str, audience: str = "patient", codes: list[str] | None = None
) -> Document:
    doc = Document(doc_id=doc_id, title=title, audience=audience, cancer_types=codes or [])  # type: ignore[arg-type]
    doc.passages = split_passages(doc_id, title, body)
    return doc


def index_with(tmp_path: Path, *docs: Document) -> Bm25Index:
    idx = Bm25Index(tmp_path / "idx")
    idx.add(docs)
    return idx


def test_title_match_beats_body_mention(tmp_path: Path) -> None:
    idx = index_with(
        tmp_path,
        make_doc(
            "a", "Mesothelioma treatment", "## Options\n\nSurgery and chemotherapy are used for this disease."
        ),
        make_doc(
            "b", "Coping with fatigue", "## Tiredness\n\nSome people with mesothelioma feel tired often."
        ),
    )
    hits = idx.search("mesothelioma treatment", k=5)
    assert [h.doc_id for h in hits][:2] == ["a", "b"]


def test_patient_version_preferred_when_both_exist(tmp_path: Path) -> None:
    body = "## Treatment options\n\nRadiation and surgery are common choices for thyroid tumors."
    idx = index_with(
        tmp_path,
        make_doc("pro", "Thyroid cancer treatment", body, audience="professional"),
        make_doc("pat", "Thyroid cancer treatment", body, audience="patient"),
    )
    assert idx.search("thyroid cancer treatment", k=2)[0].doc_id == "pat"


def test_per_doc_limit_and_stored_fields(tmp_path: Path) -> None:
    body = "\n\n".join(f"## Part {i}\n\nKidney cancer fact number {i} explained in words." for i in range(5))
    idx = index_with(tmp_path, make_doc("k", "Kidney cancer", body))
    assert len(idx.search("kidney cancer", k=10, per_doc=1)) == 1
    hits = idx.search("kidney cancer", k=10, per_doc=3)
    assert len(hits) == 3 and all(h.chunk_id.startswith("k#") and h.to_json()["snippet"] for h in hits)


def test_query_syntax_cannot_be_injected(tmp_path: Path) -> None:
    idx = index_with(tmp_path, make_doc("a", "Liver cancer", "## About\n\nThe liver can get cancer."))
    for nasty in ['title:"x" OR *', "body:(liver", "^^^ ~~ \\ \" '", "<script>alert(1)</script> liver"]:
        idx.search(nasty, k=3)  # must not raise
    assert idx.search("<script>alert(1)</script> liver", k=3)[0].doc_id == "a"
    assert to_query_string(terms('liver" OR title:*')) == '"liver" "title"'


def test_empty_query_and_delete(tmp_path: Path) -> None:
    idx = index_with(tmp_path, make_doc("a", "Bladder cancer", "## About\n\nBladder facts are here."))
    assert idx.search("   ", k=3) == [] and idx.search("the of and", k=3) == []
    idx.delete(["a"])
    assert idx.count() == 0 and idx.search("bladder", k=3) == []


def test_cancer_type_preference(tmp_path: Path) -> None:
    body = "## Surgery\n\nAn operation removes the tumor and nearby lymph nodes."
    idx = index_with(
        tmp_path,
        make_doc("x", "Surgery basics", body, codes=["PAAD"]),
        make_doc("y", "Surgery basics", body, codes=["BRCA"]),
    )
    assert idx.search("surgery tumor", k=2, cancer_types=["BRCA"])[0].doc_id == "y"
