"""The FHIR export never presents an assumed cM0/cN0 as a pathologic finding."""

from __future__ import annotations

from typing import Any

from onconav.records.extract import extract_profile_from_text
from onconav.records.fhir_export import profile_bundle


def _observations(text: str) -> dict[str, dict[str, Any]]:
    profile, facts = extract_profile_from_text(text)
    bundle = profile_bundle(profile, facts)
    out = {}
    for entry in bundle["entry"]:
        res = entry["resource"]
        if res["resourceType"] == "Observation":
            out[res["valueCodeableConcept"]["text"]] = res
    return out


def test_assumed_m0_is_exported_as_a_preliminary_clinical_category() -> None:
    obs = _observations("Breast, mastectomy: invasive ductal carcinoma, 2.4 cm. pT2 pN0 (0/4).")
    assert "pT2" in obs and obs["pT2"]["status"] == "final"
    m0 = obs["cM0"]
    assert m0["status"] == "preliminary"
    assert [c["code"] for c in m0["code"]["coding"]] == ["21907-1"]  # clinical M, not pathologic
    assert any("not stated in the document" in n["text"] for n in m0["note"])
    assert "pM0" not in obs


def test_stated_m0_stays_final_and_pathologic() -> None:
    obs = _observations("Breast, mastectomy: invasive ductal carcinoma, 2.4 cm. pT2 pN0 pM0.")
    assert obs["pM0"]["status"] == "final"
