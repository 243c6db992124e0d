"""RecordsService: uploads stored encrypted, read by jobs, profile with corrections, deletion and export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parse_builders import text_pdf
from records_web_helpers import REPORT

from onconav.config import Settings
from onconav.errors import FileTooLargeError, InputError, NotFoundError, UnsupportedFileError
from onconav.records.jobs import run_pending
from onconav.records.service import RecordsService, service_for
from onconav.records.store import CorrectionRow, DocumentRow, JobRow
from onconav.storage.db import Database


@pytest.fixture
def svc(settings: Settings) -> RecordsService:
    return service_for(Database(settings))


def _fact(svc: RecordsService, owner: str, field: str):  # type: ignore[no-untyped-def]
    return next(v for v in svc.profile(owner).facts if v.fact.field == field and v.status != "patient")


def test_upload_is_queued_then_read_with_evidence_into_the_text(svc: RecordsService) -> None:
    doc_id = svc.upload("alice", "path report.txt", REPORT.encode())
    assert svc.document("alice", doc_id).status == "queued"
    assert run_pending(svc.db) == {"done": 1}
    info = svc.document("alice", doc_id)
    assert (info.status, info.kind, info.pages, info.name) == (
        "done",
        "pathology_report",
        1,
        "path report.txt",
    )
    view = svc.profile("alice")
    assert view.profile.tnm.t == "T1c" and view.profile.cancer_type["oncotree_code"] == "IDC"
    text = svc.document_text("alice", doc_id).pages[0]["text"]
    for v in view.facts:
        assert v.document_id == doc_id
        for ev in v.fact.evidence:
            assert ev.document == doc_id and text[ev.start : ev.end] == ev.text


def test_patient_content_is_encrypted_at_rest(svc: RecordsService, settings: Settings) -> None:
    svc.upload("alice", "secret-name-xyz.txt", REPORT.encode())
    run_pending(svc.db)
    raw = (settings.home / "onconav.db").read_bytes()
    for wal in settings.home.glob("onconav.db-wal"):
        raw += wal.read_bytes()
    for blob in settings.files_dir.rglob("*"):
        if blob.is_file():
            raw += blob.read_bytes()
    for secret in (b"secret-name-xyz", b"invasive ductal", b"Estrogen receptor", b"T1c"):
        assert secret not in raw


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.txt", b"  \n", InputError),
        ("junk.bin", bytes(range(256)) * 40, UnsupportedFileError),
        ("photo.jpg", b"just some text pretending to be a photo", UnsupportedFileError),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100, UnsupportedFileError),
    ],
)
def test_bad_uploads_are_refused_up_front_and_nothing_is_stored(
    svc: RecordsService, name: str, data: bytes, error: type[Exception]
) -> None:
    with pytest.raises(error) as exc:
        svc.upload("alice", name, data)
    assert name in str(exc.value)
    assert svc.list_documents("alice") == []


def test_too_large_upload_says_the_limit(settings: Settings) -> None:
    svc = service_for(Database(settings.with_(max_upload_mb=1)))
    with pytest.raises(FileTooLargeError, match="limit is 1 MB"):
        svc.upload("alice", "big.txt", b"a" * (1024 * 1024 + 10))


def test_bad_documents_fail_alone_with_a_clear_message(svc: RecordsService) -> None:
    ids = {
        "good": svc.upload("alice", "good.txt", REPORT.encode()),
        "locked": svc.upload("alice", "locked.pdf", text_pdf(["secret"], encrypted=True)),
        "truncated": svc.upload("alice", "cut.pdf", text_pdf([REPORT])[:200]),
        "notfhir": svc.upload("alice", "data.json", b'{"name": "not a FHIR resource"}'),
        "latin1": svc.upload(
            "alice", "old.txt", "Tumeur: carcinome canalaire, récepteurs positifs".encode("latin-1")
        ),
    }
    counts = run_pending(svc.db)
    assert counts == {"done": 2, "error": 3}
    docs = {d.id: d for d in svc.list_documents("alice")}
    assert docs[ids["good"]].status == docs[ids["latin1"]].status == "done"
    assert "password" in (docs[ids["locked"]].error or "").lower()
    assert docs[ids["truncated"]].status == "error" and docs[ids["truncated"]].error
    assert "FHIR" in (docs[ids["notfhir"]].error or "")
    assert svc.profile("alice").profile.tnm.t == "T1c"  # the good one was read despite the others


def test_confirm_correct_delete_and_undo(svc: RecordsService) -> None:
    svc.upload("alice", "r.txt", REPORT.encode())
    run_pending(svc.db)
    t = _fact(svc, "alice", "tnm.t")
    svc.set_fact("alice", t.id, "correct", "T2")
    view = svc.profile("alice")
    assert view.profile.tnm.t == "T2"
    statuses = {v.status: v for v in view.facts if v.fact.field == "tnm.t"}
    assert statuses["corrected"].fact.value == "T1c"  # the original is kept
    assert statuses["patient"].fact.value == "T2" and statuses["patient"].corrects == t.id
    svc.set_fact("alice", statuses["patient"].id, "undo")
    assert svc.profile("alice").profile.tnm.t == "T1c"

    grade = _fact(svc, "alice", "grade")
    svc.set_fact("alice", grade.id, "delete")
    view = svc.profile("alice")
    assert view.profile.grade is None and "The tumour grade." in view.missing
    svc.set_fact("alice", grade.id, "confirm")
    assert _fact(svc, "alice", "grade").status == "confirmed"
    assert svc.profile("alice").profile.grade is not None

    size = _fact(svc, "alice", "tumor_size_cm")
    with pytest.raises(InputError, match="number"):
        svc.set_fact("alice", size.id, "correct", "big")
    with pytest.raises(NotFoundError):
        svc.set_fact("bob", t.id, "confirm")  # another owner cannot touch alice's facts


def test_missing_list_names_what_is_not_in_the_records(svc: RecordsService) -> None:
    assert "No records" in svc.profile("alice").missing[0]
    svc.upload("alice", "note.txt", b"Visit note: the patient is doing well and walked two miles today.")
    run_pending(svc.db)
    missing = " ".join(svc.profile("alice").missing)
    assert "type of cancer" in missing and "stage" in missing and "Biomarker" in missing


def test_delete_document_removes_everything_derived(svc: RecordsService, settings: Settings) -> None:
    doc_id = svc.upload("alice", "r.txt", REPORT.encode())
    keep = svc.upload("alice", "r2.txt", b"Colon biopsy: adenocarcinoma, moderately differentiated. pT3 N1.")
    run_pending(svc.db)
    grade = next(v for v in svc.profile("alice").facts if v.fact.field == "grade" and v.document_id == doc_id)
    svc.set_fact("alice", grade.id, "confirm")
    blob_count = len(svc.blobs.list("alice"))
    svc.delete_document("alice", doc_id)
    assert len(svc.blobs.list("alice")) == blob_count - 1
    with svc.db.session() as s:
        assert s.query(CorrectionRow).count() == 0
        assert s.query(JobRow).filter(JobRow.document_id == doc_id).count() == 0
        assert s.get(DocumentRow, doc_id) is None
    assert {d.id for d in svc.list_documents("alice")} == {keep}
    assert all(v.document_id == keep for v in svc.profile("alice").facts)
    with pytest.raises(NotFoundError):
        svc.document_text("alice", doc_id)


def test_reprocess_reads_the_stored_originals_again(svc: RecordsService) -> None:
    doc_id = svc.upload("alice", "r.txt", REPORT.encode())
    svc.upload("bob", "b.txt", REPORT.encode())
    run_pending(svc.db)
    with svc.db.session() as s:  # as if an older extractor had found nothing
        row = s.get(DocumentRow, doc_id)
        assert row is not None
        row.facts_enc = svc.sealer.seal("alice", "facts", doc_id, [])
    assert svc.profile("alice").profile.tnm.t is None
    assert svc.reprocess("alice") == 1
    assert svc.document("alice", doc_id).status == "queued"
    assert run_pending(svc.db) == {"done": 1}
    assert svc.profile("alice").profile.tnm.t == "T1c"


def test_exports_have_originals_profile_json_and_a_fhir_bundle(svc: RecordsService) -> None:
    svc.upload("alice", "r.txt", REPORT.encode())
    run_pending(svc.db)
    files = svc.export_files("alice")
    assert [k for k in files if k.startswith("originals/")][0].endswith("-r.txt")
    profile = json.loads(files["profile.json"])
    assert profile["profile"]["tnm"]["t"] == "T1c" and profile["facts"][0]["evidence"]
    bundle = json.loads(files["profile.fhir.json"])
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Condition") == 1 and "Observation" in kinds and "Patient" in kinds
    codes = {c["code"] for e in bundle["entry"] for c in e["resource"].get("code", {}).get("coding", [])}
    assert {"21899-0", "16112-5", "IDC"} <= codes  # pathological T, ER, OncoTree


def test_fhir_upload_facts_point_at_the_rendered_resource_lines(
    svc: RecordsService, shared_data: Path
) -> None:
    path = sorted((shared_data / "fhir" / "synthea").glob("synthea_r4_*.json"))[0]
    doc_id = svc.upload("alice", path.name, path.read_bytes())
    run_pending(svc.db)
    doc = svc.document_text("alice", doc_id)
    assert doc.info.kind == "fhir_bundle" and doc.info.status == "done"
    pages = {p["number"]: p["text"] for p in doc.pages}
    facts = svc.profile("alice").facts
    assert facts
    for v in facts:
        for ev in v.fact.evidence:
            assert pages[ev.page][ev.start : ev.end] == ev.text
