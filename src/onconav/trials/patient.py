"""What the matcher knows about a patient: the profile plus facts read from a case summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from onconav.domain import Profile
from onconav.errors import InputError
from onconav.trials import biomarkers as bm
from onconav.trials import cancer_terms, therapies

_AGE = re.compile(r"(\d{1,3})\s*(?:-?\s*(?:year|yr|yo|y/o|y\.o\.)\w*)(?:[- ]old)?|\bage[:\s]+(\d{1,3})", re.I)
_ECOG = re.compile(r"\becog(?:\s*ps)?\s*(?:performance status|ps)?\s*[:=]?\s*(?:of\s*)?([0-4])", re.I)
_FEMALE = re.compile(r"\b(woman|female|\bf\b|she|her|lady|mrs)\b", re.I)
_MALE = re.compile(r"\b(man|male|\bm\b|he|his|gentleman|mr)\b", re.I)
_METASTATIC = re.compile(r"metasta\w+|stage (?:iv|4)\b|\bmets\b|distant disease|\bm1\b", re.I)
_BRAIN = re.compile(
    r"(?:brain|cns|cerebral|intracranial|frontal lobe)\s*(?:metasta\w+|mets|lesion|involvement|disease)|"
    r"metasta\w+ to (?:the )?brain|\bsrs\b",
    re.I,
)
_NO_BRAIN = re.compile(
    r"\bno (?:known )?(?:cns|brain)(?: or \w+)? (?:disease|involvement|metasta\w+)|"
    r"no cns\b",
    re.I,
)
_NAIVE = re.compile(
    r"newly diagnosed|treatment[- ]na[iï]ve|untreated|recently (?:found|diagnosed)|"
    r"no prior (?:systemic )?(?:therapy|treatment)",
    re.I,
)
_PROGRESSED = re.compile(r"\bpd\b|progress\w*|relaps\w*|recurren\w*|refractory|persistent|worsening", re.I)
_LABS_OK = re.compile(
    r"labs? (?:are|were|is)?\s*(?:unremarkable|wnl|normal|within normal)|adequate "
    r"(?:marrow|organ|hepatic|renal|cardiac)|labs?\W+(?:\w+\W+){0,6}wnl",
    re.I,
)
_MEASURABLE = re.compile(
    r"measurable|lesions?|mass\b|lymphadenopathy|nodule|metasta\w+ to|mets to|"
    r"enlarg\w+ (?:node|lymph)",
    re.I,
)
_NOT_MEASURABLE = re.compile(r"biochemical(?:ly)? recurren\w*|no evidence of disease|\bned\b|psa only", re.I)
CONDITIONS: dict[str, str] = {
    "hiv": r"\bhiv\b(?!\s*(?:neg|-|negative))|\baids\b",
    "autoimmune": r"autoimmun\w+|lupus|rheumatoid|crohn|ulcerative colitis|multiple sclerosis|psoriasis|"
    r"hashimoto|myasthenia|dermatomyositis|celiac|\bibd\b|inflammatory bowel",
    "neuropathy": r"neuropath\w+|numbness",
    "hepatitis": r"hepatitis [bc]\b|\bhbv\b|\bhcv\b",
    "heart": r"heart failure|myocardial infarction|cardiomyopathy|coronary|\bchf\b|\bcad\b|angina",
    "lung_disease": r"pneumonitis|interstitial lung|pulmonary fibrosis|\bcopd\b",
    "diabetes": r"diabet\w+|\bdm\b|t2dm",
    "second_cancer": r"history of (?:remote )?\w+ cancer|also had (?:metastatic )?\w+ cancer|"
    r"prior malignan\w+",
    "neuromuscular": r"neuromuscular|myopathy|motor neuron",
}


@dataclass
class PatientFacts:
    """Flattened patient facts with the words that support each one."""

    profile: Profile
    text: str = ""
    families: set[str] = field(default_factory=set)
    age: int | None = None
    sex: str | None = None
    ecog: int | None = None
    ecog_improving: bool = False
    metastatic: bool | None = None
    brain_mets: bool | None = None
    biomarkers: dict[str, tuple[str | None, float | None, str]] = field(default_factory=dict)
    therapy_classes: set[str] = field(default_factory=set)
    treatment_words: str = ""
    treatment_naive: bool | None = None
    progressed: bool = False
    labs_ok: str = ""
    measurable: bool | None = None
    conditions: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    drugs: set[str] = field(default_factory=set)
    _label: str | None = field(default=None, repr=False, compare=False)

    @property
    def treatments_known(self) -> bool:
        return bool(self.therapy_classes) or self.treatment_naive is True

    def cancer_label(self) -> str:
        """The patient's cancer in words (cached: facts do not change once built)."""
        if self._label is None:
            self._label = self._cancer_label()
        return self._label

    def _cancer_label(self) -> str:
        name = (self.profile.cancer_type or {}).get("name") or self.profile.histology
        return name or cancer_terms.labels(cancer_terms.specific(self.families)) or "unknown"


def _snippet(text: str, m: re.Match[str], width: int = 60) -> str:
    start, end = max(0, m.start() - 20), min(len(text), m.end() + width)
    return " ".join(text[start:end].split())


def _from_profile(p: Profile, f: PatientFacts) -> None:
    parts = [(p.cancer_type or {}).get("name", ""), p.histology or "", p.primary_site or ""]
    f.families |= cancer_terms.detect(" ".join(parts))
    f.age, f.sex, f.ecog = p.age, (p.sex or "").lower() or None, p.ecog
    stage = (p.stage_group or "").upper()
    if p.metastatic_sites or stage.startswith("IV") or (p.tnm.m or "").upper().startswith("M1"):
        f.metastatic = True
    elif (stage and "stage_group" not in p.assumed) or (
        (p.tnm.m or "").upper().startswith("M0") and "tnm.m" not in p.assumed
    ):
        f.metastatic = False  # an assumed cM0 (nothing described) leaves metastatic disease unknown
    if any(re.search(r"brain|cns", s, re.I) for s in p.metastatic_sites):
        f.brain_mets = True
    for b in p.biomarkers:
        name = next((n for n, _ in bm.names_in(b.name)), b.name.upper())
        pol = _profile_polarity(b.result)
        num = bm.number_after(b.value or "") if b.value else None
        f.biomarkers[name] = (pol, num, f"{b.name} {b.result or ''} {b.value or ''}".strip())
    words = " ; ".join(" ".join(str(v) for v in t.values() if isinstance(v, str)) for t in p.treatments)
    f.treatment_words = words
    f.therapy_classes |= therapies.classes_in(words)


def _profile_polarity(result: str | None) -> str | None:
    if not result:
        return None
    return bm.polarity_after("", "", " " + result) or (
        "positive" if result.lower() in {"equivocal"} else None
    )


def _from_text(text: str, f: PatientFacts) -> None:
    f.families |= cancer_terms.detect(text)
    if f.age is None and (m := _AGE.search(text)):
        f.age = int(m.group(1) or m.group(2))
    if f.sex is None:
        fem, male = len(_FEMALE.findall(text)), len(_MALE.findall(text))
        f.sex = "female" if fem > male else "male" if male > fem else None
    if m := _ECOG.search(text):
        f.ecog = int(m.group(1)) if f.ecog is None else f.ecog
        f.ecog_improving = bool(re.search(r"improv|recover", text[m.end() : m.end() + 50], re.I))
    if (m := _METASTATIC.search(text)) and f.metastatic is not True:
        f.metastatic, f.evidence["metastatic"] = True, _snippet(text, m)
    if f.brain_mets is None and (m := _NO_BRAIN.search(text)):
        f.brain_mets, f.evidence["brain"] = False, _snippet(text, m)
    for m in _BRAIN.finditer(text):
        if not re.search(
            r"\b(?:no|without|negative for)\s+(?:\w+\s+){0,2}$",
            text[max(0, m.start() - 25) : m.start()],
            re.I,
        ):
            f.brain_mets, f.evidence["brain"] = True, _snippet(text, m)
            break
    _text_biomarkers(text, f)
    _text_history(text, f)


def _text_biomarkers(text: str, f: PatientFacts) -> None:
    for name, m in bm.names_in(text):
        following = text[m.end() :]
        pol = bm.polarity_after(name, m.group(0), following)
        num = bm.number_after(following)
        if name in f.biomarkers and f.biomarkers[name][0] is not None:
            continue
        if pol is None and num is not None:
            pol = "positive" if num > 0 else "negative"
        if pol is None and name in {"HPV", "PD-L1"} and re.match(r"[\s-]*(?:16\s*)?(?:dna\s*)?\+", following):
            pol = "positive"
        if pol or name not in f.biomarkers:
            f.biomarkers[name] = (pol, num, _snippet(text, m, 30))


def _text_history(text: str, f: PatientFacts) -> None:
    f.therapy_classes |= therapies.classes_in(text)
    f.treatment_words = f"{f.treatment_words} ; {text}".strip(" ;")
    systemic = f.therapy_classes & set(therapies.SYSTEMIC)
    if m := _NAIVE.search(text):
        f.treatment_naive, f.evidence["naive"] = not systemic, _snippet(text, m)
    elif systemic:
        f.treatment_naive = False
    if m := _PROGRESSED.search(text):
        f.progressed, f.evidence["progressed"] = True, _snippet(text, m)
    if m := _LABS_OK.search(text):
        f.labs_ok = _snippet(text, m)
    if m := _NOT_MEASURABLE.search(text):
        f.measurable, f.evidence["measurable"] = False, _snippet(text, m)
    elif m := _MEASURABLE.search(text):
        f.measurable, f.evidence["measurable"] = True, _snippet(text, m)
    for key, rx in CONDITIONS.items():
        if m := re.search(rx, text, re.I):
            f.conditions[key] = _snippet(text, m)


def patient_from(profile: Profile | None = None, text: str = "") -> PatientFacts:
    """Build patient facts from a profile, a free-text summary, or both; InputError if both are empty."""
    profile = profile or Profile()
    if profile.is_empty() and not (profile.age or profile.sex) and not text.strip():
        raise InputError(
            "the profile is empty: give at least the cancer type (or a case summary) to match trials"
        )
    facts = PatientFacts(profile=profile, text=text)
    _from_profile(profile, facts)
    if text.strip():
        _from_text(text, facts)
    facts.drugs = therapies.drugs_in(facts.treatment_words)
    return facts


def profile_from_text(text: str) -> tuple[Profile, list[Any]]:
    """Read a case summary with the records extractor when it is installed, else an empty profile."""
    try:
        from onconav.records.extract import extract_profile_from_text
    except ImportError:
        return Profile(), []
    profile, facts = extract_profile_from_text(text)
    return profile, list(facts)
