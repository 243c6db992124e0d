"""Extract a cited clinical profile from report text: every fact carries the words it came from."""

from __future__ import annotations

from onconav.domain import Fact, Profile
from onconav.records.extract.assumptions import assume_n0
from onconav.records.extract.base import Source
from onconav.records.extract.biomarkers import extract_biomarkers
from onconav.records.extract.cancer_type import extract_cancer_type
from onconav.records.extract.demographics import extract_age
from onconav.records.extract.derive_m import derive_m
from onconav.records.extract.derive_n import derive_n
from onconav.records.extract.derive_stage import derive_stage
from onconav.records.extract.derive_t import derive_t
from onconav.records.extract.histology import extract_histology
from onconav.records.extract.hospital import extract_hospital
from onconav.records.extract.invasion import extract_invasion
from onconav.records.extract.labs import extract_labs
from onconav.records.extract.node_statements import find_node_statements
from onconav.records.extract.nodes import extract_metastases, extract_nodes
from onconav.records.extract.size import extract_size
from onconav.records.extract.stage import extract_grade, extract_stage
from onconav.records.extract.tnm import extract_tnm, mask_printed_choices
from onconav.records.extract.treatments import extract_care_team, extract_dates, extract_treatments

__all__ = ["extract_facts", "extract_profile_from_text"]

_MIN_CHARS = 20  # shorter texts (empty OCR pages) carry nothing we could cite safely


def extract_facts(text: str, document: str, page: int | None = None) -> list[Fact]:
    """All facts found in one text (one document or page), each with evidence spans into `text`."""
    if not text or len(text.strip()) < _MIN_CHARS:
        return []
    src = Source(document=document, page=page)
    facts: list[Fact] = []
    site_facts = extract_cancer_type(text, src)
    facts += site_facts
    facts += extract_histology(text, src)
    site = next((f.value for f in site_facts if f.field == "primary_site"), None)
    tnm = extract_tnm(text, src, site)
    facts += tnm
    if not any(f.field == "tnm.t" for f in tnm):
        edition = next((f.value for f in tnm if f.field == "tnm.edition"), None)
        facts += derive_t(mask_printed_choices(text), src, site, edition)
    for extractor in (
        extract_stage,
        extract_grade,
        extract_size,
        extract_nodes,
        extract_metastases,
        extract_invasion,
        extract_biomarkers,
        extract_labs,
        extract_treatments,
        extract_dates,
        extract_care_team,
        extract_hospital,
        extract_age,
    ):
        facts += extractor(text, src)
    if not any(f.field == "tnm.n" for f in tnm):
        facts += derive_n(facts, site)
    facts += assume_n0(facts, bool(find_node_statements(text).positive_words))
    facts += derive_m(facts)
    if not any(f.field == "stage_group" for f in facts):
        facts += derive_stage(facts, site)
    return facts


def extract_profile_from_text(
    text: str, document: str = "text", page: int | None = None
) -> tuple[Profile, list[Fact]]:
    """Facts from one text and the profile they make."""
    from onconav.records.profile import build_profile

    facts = extract_facts(text, document, page)
    return build_profile(facts), facts
