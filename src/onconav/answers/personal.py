"""Use a patient's profile in an answer: which facts were used, and words that steer retrieval."""

from __future__ import annotations

from onconav.domain import Profile

_POSITIVE = {"positive", "mutated", "mutation", "amplified", "high", "detected", "deficient", "msi-h", "dmmr"}


def stage_label(profile: Profile) -> str | None:
    """'stage IIB', or a TNM summary, or None."""
    if profile.stage_group:
        stage = profile.stage_group.strip()
        return stage if stage.lower().startswith("stage") else f"stage {stage}"
    t = profile.tnm
    if t.t or t.n or t.m:
        return " ".join(f"{t.prefix or ''}{v}" for v in (t.t, t.n, t.m) if v)
    return None


def biomarker_labels(profile: Profile, limit: int = 4) -> list[str]:
    """Short labels like 'HER2-positive' or 'KRAS G12D' for the profile's biomarkers."""
    out: list[str] = []
    for b in profile.biomarkers:
        result = (b.result or "").lower()
        if b.value and result in {"mutated", "mutation", "detected"}:
            out.append(f"{b.name} {b.value}")
        elif result:
            out.append(f"{b.name}-{result}")
        if len(out) >= limit:
            break
    return out


def personal_facts(profile: Profile) -> list[str]:
    """The profile facts an answer says it used, in plain words."""
    facts: list[str] = []
    if profile.cancer_type and profile.cancer_type.get("name"):
        facts.append(str(profile.cancer_type["name"]))
    stage = stage_label(profile)
    if stage:
        facts.append(stage)
    facts.extend(biomarker_labels(profile))
    treatments = [
        str(t.get("name") or t.get("type")) for t in profile.treatments if t.get("name") or t.get("type")
    ]
    if treatments:
        facts.append("treatment so far: " + ", ".join(dict.fromkeys(treatments[:3])))
    return facts


def steering_terms(profile: Profile) -> list[str]:
    """Extra query words that pick passages fitting this stage, these biomarkers and treatments."""
    words: list[str] = []
    stage = (profile.stage_group or "").upper().replace("STAGE", "").strip()
    if stage.startswith("IV") or profile.tnm.m in {"M1", "M1a", "M1b", "M1c"} or profile.metastatic_sites:
        words += ["metastatic", "advanced", "stage", "iv"]
    elif stage.startswith(("I", "0")):
        words += [
            "stage",
            stage.lower().rstrip("abc"),
            "early" if stage.startswith(("0", "I ")) else "surgery",
        ]
    for b in profile.biomarkers:
        if (b.result or "").lower() in _POSITIVE:
            words.append(b.name.lower())
    return words
