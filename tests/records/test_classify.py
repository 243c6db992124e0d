"""Document kinds from title, section and keyword cues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onconav.records.classify import classify, classify_text, scores
from onconav.records.model import DOCUMENT_KINDS, Page, ParsedDocument

SNIPPETS = {
    "pathology_report": "SURGICAL PATHOLOGY REPORT\nGross description: received in formalin a lumpectomy.\n"
    "Microscopic description: infiltrating carcinoma. "
    "Final diagnosis: invasive ductal carcinoma, "
    "histologic grade 2. Margins negative. Lymph nodes 0/3. pT1c pN0.",
    "imaging_report": "CT CHEST WITH CONTRAST\nTechnique: axial images were obtained.\nComparison: none.\n"
    "Findings: a 1.8 cm spiculated nodule in the right upper lobe.\n"
    "Impression: suspicious for malignancy.",
    "lab_report": "LABORATORY RESULTS\nTest Result Flag Reference range\nHemoglobin 10.2 g/dL L 12.0-16.0\n"
    "Platelets 150 10^9/L 150-400\nCreatinine 0.9 mg/dL 0.6-1.1\nCEA 3.1 ng/mL",
    "genomic_report": "COMPREHENSIVE GENOMIC PROFILING REPORT (next-generation sequencing)\n"
    "Tumor mutational burden: 4 mut/Mb. Microsatellite status: stable.\n"
    "KRAS p.G12D pathogenic, variant allele "
    "frequency 23%. Variants of uncertain significance: ATM exon 5.",
    "operative_note": "OPERATIVE REPORT\nPreoperative diagnosis: sigmoid colon cancer.\n"
    "Postoperative diagnosis: "
    "same.\nProcedure performed: laparoscopic sigmoid colectomy.\nAnesthesia: general. Estimated blood loss: "
    "50 mL. Surgeon: Dr. A.",
    "clinical_note": "ONCOLOGY PROGRESS NOTE\nChief complaint: follow-up.\n"
    "History of present illness: 58-year-old "
    "with stage II colon cancer.\nReview of systems: negative.\nPhysical exam: well appearing.\n"
    "Assessment and plan: continue surveillance.",
    "discharge_summary": "DISCHARGE SUMMARY\nAdmission date: 2024-01-02. Discharge date: 2024-01-06.\n"
    "Hospital course: uneventful recovery after surgery.\nDischarge medications: acetaminophen.",
    "treatment_plan": "TREATMENT PLAN\nRegimen: FOLFOX every 14 days for 12 cycles.\n"
    "Intent: curative (adjuvant).\n"
    "Radiation: none planned.",
    "medication_list": "CURRENT MEDICATIONS\nLetrozole 2.5 mg tablet - take 1 tablet by mouth once daily\n"
    "Ondansetron 8 mg tablet - take as needed (PRN) for nausea. Refills: 2. Pharmacy: Main St.",
}


@pytest.mark.parametrize("kind", sorted(SNIPPETS))
def test_each_kind_is_recognised(kind: str) -> None:
    assert classify_text(SNIPPETS[kind]) == kind


def test_unrelated_and_empty_text_is_other() -> None:
    assert classify_text("") == "other"
    assert classify_text("Dear friend, thank you for the lovely flowers.") == "other"


def test_scores_cover_all_kinds_and_classify_uses_documents() -> None:
    assert set(scores("anything")) | {"fhir_bundle", "other"} == set(DOCUMENT_KINDS)
    doc = ParsedDocument(file="a.txt", media_type="text/plain", pages=[Page(1, SNIPPETS["lab_report"])])
    assert classify(doc) == "lab_report"
    fhir = ParsedDocument(
        file="b.json", media_type="application/fhir+json", fhir_resources=[{"resourceType": "X"}]
    )
    assert classify(fhir) == "fhir_bundle"


def test_tcga_pathology_reports_classify_as_pathology(shared_data: Path) -> None:
    rows = [json.loads(line) for line in (shared_data / "tcga/kefeli_reports_dev.jsonl").open()]
    hits = sum(classify_text(r["text"]) == "pathology_report" for r in rows)
    assert hits / len(rows) >= 0.95
