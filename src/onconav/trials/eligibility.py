"""Judge each parsed criterion against the patient: met, not met or unknown, with evidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from onconav.trials import cancer_terms, therapies
from onconav.trials.model import Criterion, CriterionResult, Verdict
from onconav.trials.patient import CONDITIONS, PatientFacts

Judged = tuple[Verdict, str, str]  # verdict, evidence, what would settle it
_AGE_LEAD = re.compile(
    r"^\W*(?:(?:patients|participants|subjects|men and women|males? and females?)\s+)?"
    r"(?:must be\s+)?(?:age[ds]?\b|\d+\s*years|>=?\s*\d+\s*years|at least \d+ years)",
    re.I,
)
_KPS_FOR_ECOG = {0: 90, 1: 70, 2: 50, 3: 30, 4: 10}
SETTLE = {
    "age": "the patient's age would settle this",
    "performance": "a performance status (ECOG) from the oncologist would settle this",
    "brain_mets": "brain imaging (MRI) or the oncologist's note would settle this",
    "pregnancy": "a pregnancy test at screening would settle this",
    "organ_function": "recent blood tests (blood counts, kidney and liver function) would settle this",
    "measurable": "recent scans (CT, MRI or PET) read by a radiologist would settle this",
    "prior_therapy": "the full treatment history (each drug and when it stopped) would settle this",
    "stage": "the current stage and spread of the cancer would settle this",
    "cancer_type": "the pathology report (exact cancer type and histology) would settle this",
    "infection": "the medical history (or an HIV/hepatitis test) would settle this",
    "comorbidity": "the medical history would settle this",
    "consent": "the patient's agreement at screening settles this",
    "other": "the study team would check this at screening",
}


def result_of(c: Criterion, judged: Judged) -> CriterionResult:
    """A CriterionResult from a (verdict, evidence, settle) triple."""
    verdict, evidence, settle = judged
    return CriterionResult(
        c.text, c.kind, c.section, verdict, evidence, settle if verdict == "unknown" else "", c.index
    )


_NEGATED = re.compile(
    r"^\W*(?:no|absence of|without|must not|not|patients (?:must not|may not|cannot)|"
    r"(?:patients|participants|subjects) (?:who|with) .{0,60}(?:are|will be) (?:excluded|ineligible))\b",
    re.I,
)
_REQUIRES = re.compile(
    r"^\W*(?:(?:patients|participants|subjects)\s+)?(?:must\s+)?(?:have\s+|be\s+)?(?:a\s+)?"
    r"(?:documented\s+|confirmed\s+|known\s+|diagnosis of\s+|history of\s+)?(?:hiv|human "
    r"immunodeficiency|autoimmune|currently healthy|healthy|heart disease|neuromuscular|"
    r"subjects having known)",
    re.I,
)
_PERMISSIVE = re.compile(
    r"negative|eligible if|are eligible|\bmay\b|allowed|permitted|excluded|ineligible|as long as", re.I
)


def wants_absent(c: Criterion) -> bool:
    """Exclusions, and inclusions phrased as 'No ...', describe what must be absent."""
    return c.section == "exclusion" or bool(_NEGATED.search(c.text))


def _flip(c: Criterion, has: bool | None, evidence: str) -> Judged:
    """Exclusions describe what must be absent; inclusions what must be present."""
    if has is None:
        return "unknown", evidence, SETTLE.get(c.kind, SETTLE["other"])
    ok = not has if wants_absent(c) else has
    return ("met" if ok else "not_met"), evidence, ""


def judge_age(c: Criterion, p: PatientFacts) -> Judged:
    lo, hi = c.params.get("min"), c.params.get("max")
    if (
        c.section == "exclusion"
        or (c.index and not _AGE_LEAD.search(c.text))
        or re.search(r"\bor\b\W*$|amenorrh|menopaus|child-?bearing", c.text, re.I)
    ):
        return "unknown", f"age {p.age}" if p.age else "age not recorded", SETTLE["other"]
    if p.age is None:
        return "unknown", "age not recorded", SETTLE["age"]
    if lo is None and hi is None:
        return "unknown", f"age {p.age}; the criterion gives no clear limit", SETTLE["other"]
    inside = (lo is None or p.age >= lo) and (hi is None or p.age <= hi)
    return _flip(c, inside, f"age {p.age}")


def judge_performance(c: Criterion, p: PatientFacts) -> Judged:
    if p.ecog is None:
        return "unknown", "performance status not recorded", SETTLE["performance"]
    limit, kps = c.params.get("ecog_max"), c.params.get("kps_min")
    if wants_absent(c) and re.search(r"ecog|performance status|zubrod", c.text, re.I):
        tail = re.split(r"ecog|performance status|zubrod", c.text, maxsplit=1, flags=re.I)[-1][:60]
        values = [int(v) for v in re.findall(r"(?<![\d.])([0-4])(?![\d.%])", tail)]
        if values:
            return _flip(c, p.ecog >= min(values), f"ECOG {p.ecog}")
    if limit is None and kps is not None:
        if p.ecog == 1 and 70 < kps <= 80:
            return "unknown", f"ECOG {p.ecog} (Karnofsky 70-80)", "a Karnofsky score would settle this"
        return _flip(
            c,
            _KPS_FOR_ECOG[p.ecog] >= kps - 10,
            f"ECOG {p.ecog} (about Karnofsky {_KPS_FOR_ECOG[p.ecog] + 10})",
        )
    if limit is None:
        return "unknown", f"ECOG {p.ecog}; the criterion gives no clear limit", SETTLE["other"]
    if p.ecog == limit + 1 and p.ecog_improving and not wants_absent(c):
        settle = "the performance status at screening settles this"
        return "unknown", f"ECOG {p.ecog}, recorded as improving", settle
    return _flip(c, p.ecog <= limit, f"ECOG {p.ecog}")


def judge_brain(c: Criterion, p: PatientFacts) -> Judged:
    ev = p.evidence.get("brain", "")
    if re.search(r"non-?malignant", c.text, re.I) or not re.search(
        r"metasta|involvement|lesion|tumou?r|malignan|leptomening|disease", c.text, re.I
    ):
        return "unknown", "not about cancer in the brain", SETTLE["comorbidity"]
    if p.brain_mets is None:
        return "unknown", "no brain imaging result recorded", SETTLE["brain_mets"]
    if (
        c.section == "exclusion"
        and p.brain_mets
        and re.search(
            r"untreated|active|symptomatic|progressi|unstable|uncontrolled|unless|exception|except|"
            r"treated .{0,30}stable",
            c.text,
            re.I,
        )
    ):
        return (
            "unknown",
            f"brain metastases recorded: {ev}",
            "whether they were treated and are stable settles this",
        )
    if c.section == "inclusion" and not re.search(r"brain metasta|cns metasta|brain lesion", c.text, re.I):
        return "unknown", f"brain: {ev}", SETTLE["brain_mets"]
    return _flip(
        c, p.brain_mets, ev or ("brain metastases recorded" if p.brain_mets else "no brain involvement")
    )


def judge_pregnancy(c: Criterion, p: PatientFacts) -> Judged:
    if p.sex == "male" or (p.sex == "female" and (p.age or 0) >= 60):
        who = "male" if p.sex == "male" else f"woman aged {p.age}"
        return "met", f"{who}: pregnancy is not expected", ""
    return "unknown", "pregnancy status not recorded", SETTLE["pregnancy"]


def judge_organ(c: Criterion, p: PatientFacts) -> Judged:
    if p.labs_ok:
        return "met", f"record: {p.labs_ok}", ""
    return "unknown", "no recent lab values recorded", SETTLE["organ_function"]


def judge_measurable(c: Criterion, p: PatientFacts) -> Judged:
    ev = p.evidence.get("measurable", "")
    if p.measurable is None:
        return "unknown", "no scan result recorded", SETTLE["measurable"]
    if p.measurable and not re.search(r"measurable|lesion|mass|lymphadenopathy|metasta", ev, re.I):
        return "unknown", ev, SETTLE["measurable"]
    return _flip(c, p.measurable, ev)


def judge_biomarker(c: Criterion, p: PatientFacts) -> Judged:
    unknown: list[str] = []
    for need in c.params.get("markers", []):
        name, pol, thr = need["name"], need.get("polarity"), need.get("threshold")
        have = p.biomarkers.get(name)
        if have is None or (have[0] is None and have[1] is None):
            unknown.append(name)
            continue
        if pol is None and thr is None:
            return "unknown", f"{name}: {have[2]}", "the study team decides whether this result qualifies"
        ok = _marker_ok(pol, thr, have)
        if ok is None:
            unknown.append(name)
            continue
        verdict = _flip(c, ok, f"{name}: {have[2]}")
        if verdict[0] == "not_met" and _conditional(c.text):
            settle = "the criterion applies only to some patients; ask the study team"
            return "unknown", f"{name}: {have[2]}", settle
        return verdict
    names = " / ".join(unknown) or "biomarker"
    return "unknown", f"no {names} result recorded", f"a {names} test result would settle this"


def _marker_ok(pol: str | None, thr: Any, have: tuple[str | None, float | None, str]) -> bool | None:
    hp, hn, _ = have
    if thr and hn is not None:
        op, val = thr
        return bool({">=": hn >= val, ">": hn > val, "<=": hn <= val, "<": hn < val}[op])
    if pol and hp:
        return pol == hp
    return None


_QUALIFIED = re.compile(
    r"within|weeks|days|months|allerg|hypersensitiv|intoleran|toxicit|grade|adverse|except|"
    r"unless|allowed|permitted|eligible|provided|reaction|taken off|discontinu|investigational|"
    r"\bmay\b|complication|resistan|refractory|ongoing|current",
    re.I,
)
_PLAIN_PRIOR = re.compile(
    r"^\W*(?:(?:patients|participants|subjects)\s+(?:who\s+)?(?:have\s+)?(?:had\s+|received\s+|"
    r"undergone\s+)?|any\s+)?(?:prior|previous|previously|received|treatment with|history of "
    r"(?:treatment with|prior))",
    re.I,
)


def judge_prior(c: Criterion, p: PatientFacts) -> Judged:
    params = c.params
    classes = [k for k in params.get("classes", []) if k not in {"chemo", "surgery"}]
    had = [k for k in classes if k in p.therapy_classes]
    named = set(params.get("drugs", []))
    if named and classes:  # a named drug must itself be in the history, not just a drug of its class
        mine = p.drugs
        had = [k for k in had if named & mine]
    if params.get("needs_naive") and c.section == "inclusion":
        if p.treatment_naive is None:
            return "unknown", "treatment history not recorded", SETTLE["prior_therapy"]
        ev = p.evidence.get("naive") or "previous treatment recorded"
        return ("met" if p.treatment_naive else "not_met"), ev, ""
    if classes and wants_absent(c):
        return _prior_absent(c, p, classes, had)
    if (
        classes
        and c.section == "inclusion"
        and re.search(
            r"(?:must|should) have (?:received|undergone|failed)|"
            r"prior .{0,40}required|after .{0,20}(?:allo|transplant)",
            c.text,
            re.I,
        )
    ):
        if had:
            return "met", f"history includes {therapies.label(had[0])}", ""
        if (
            len(p.therapy_classes & set(therapies.SYSTEMIC)) >= 2
            and not _conditional(c.text)
            and not _QUALIFIED.search(c.text)
            and len(classes) == 1
        ):
            return "not_met", "the recorded history has no " + therapies.label(classes[0]), ""
    if (
        (params.get("needs_prior") or params.get("min_lines"))
        and c.section == "inclusion"
        and not _conditional(c.text)
    ):
        if p.treatment_naive:
            return "not_met", p.evidence.get("naive", "no previous treatment recorded"), ""
        if p.progressed and p.treatments_known and (params.get("min_lines") or 1) <= 1:
            return "met", p.evidence.get("progressed", ""), ""
    return "unknown", "treatment history does not settle this", SETTLE["prior_therapy"]


def _prior_absent(c: Criterion, p: PatientFacts, classes: list[str], had: list[str]) -> Judged:
    plain = bool(_PLAIN_PRIOR.search(c.text)) and not _QUALIFIED.search(c.text)
    if had and plain:
        return "not_met", f"history includes {therapies.label(had[0])}", ""
    if had:
        return (
            "unknown",
            f"history includes {therapies.label(had[0])}",
            "its timing and side effects settle this",
        )
    if p.treatments_known and plain:
        return "met", "no " + ", ".join(therapies.label(k) for k in classes) + " in the recorded history", ""
    return "unknown", "treatment details not recorded", SETTLE["prior_therapy"]


def judge_stage(c: Criterion, p: PatientFacts) -> Judged:
    if re.search(
        r"\bprior\b|\bmay\b|setting|unless|except|hepatic|liver|bone|brain|cns|lung", c.text, re.I
    ) or (
        wants_absent(c)
        and not re.search(
            r"^\W*(?:patients with |known |evidence of )?(?:distant )?metasta\w+"
            r"(?: disease| cancer)?\W*$",
            c.text,
            re.I,
        )
    ):
        return "unknown", "stage details do not settle this", SETTLE["stage"]
    if p.metastatic is None:
        return "unknown", "stage not recorded", SETTLE["stage"]
    ev = p.evidence.get("metastatic") or ("metastatic" if p.metastatic else f"stage {p.profile.stage_group}")
    if c.params.get("advanced"):
        return _flip(c, True if p.metastatic else None, ev)
    if c.params.get("early"):
        return _flip(c, False if p.metastatic else None, ev)
    return "unknown", ev, SETTLE["stage"]


def judge_cancer(c: Criterion, p: PatientFacts) -> Judged:
    need = set(c.params.get("families", []))
    if not p.families:
        return "unknown", "cancer type not recorded", SETTLE["cancer_type"]
    mine = cancer_terms.with_ancestors(p.families)
    hit = need & mine
    if c.section == "exclusion":
        return "unknown", f"patient: {p.cancer_label()}", SETTLE["cancer_type"]
    if cancer_terms.specific(hit) or (hit and not cancer_terms.specific(need)):
        return "met", f"patient: {p.cancer_label()}", ""
    if c.params.get("limited") and cancer_terms.specific(need) and not _conditional(c.text):
        return "not_met", f"patient: {p.cancer_label()}; criterion asks for {cancer_terms.labels(need)}", ""
    return "unknown", f"patient: {p.cancer_label()}", SETTLE["cancer_type"]


def _conditional(text: str) -> bool:
    return bool(
        re.search(
            r"^(?:for |in )?(?:patients|participants|subjects)? ?with .{0,60}(?:must|should|cohort)|"
            r"^for |cohort|\bif\b|excluded|not eligible|\bor\b.{0,40}\bsolid tumou?rs?\b",
            text,
            re.I,
        )
    )


def judge_condition(c: Criterion, p: PatientFacts) -> Judged:
    keys = c.params.get("conditions", [])
    if "healthy" in keys and c.section == "inclusion":
        return "not_met", f"patient has cancer ({p.cancer_label()})", ""
    head = c.text[:110]
    found = [k for k in keys if k in p.conditions and re.search(CONDITIONS.get(k, "^$"), head, re.I)]
    if found:
        if c.section == "exclusion" and re.search(
            r"grade\s*(?:>=?|or higher)?\s*[1-4]|>= ?grade|uncontrolled|active|severe|within|"
            r"exception|except|"
            r"unless|controlled|stable|inactive",
            c.text + " " + p.conditions[found[0]],
            re.I,
        ):
            return (
                "unknown",
                f"record: {p.conditions[found[0]]}",
                "its severity and current status would settle this",
            )
        return _flip(c, True, f"record: {p.conditions[found[0]]}")
    if (
        c.section == "inclusion"
        and keys
        and p.text
        and _REQUIRES.search(c.text)
        and not _PERMISSIVE.search(c.text)
        and not wants_absent(c)
    ):
        return "not_met", f"the case history records no {keys[0]} condition", ""
    if wants_absent(c) and p.text and c.kind == "comorbidity":
        return "unknown", "none recorded in the case history", SETTLE["comorbidity"]
    return "unknown", "not mentioned in the record", SETTLE.get(c.kind, SETTLE["comorbidity"])


def judge_unknown(c: Criterion, p: PatientFacts) -> Judged:
    return "unknown", "", SETTLE.get(c.kind, SETTLE["other"])


JUDGES: dict[str, Callable[[Criterion, PatientFacts], Judged]] = {
    "age": judge_age,
    "performance": judge_performance,
    "brain_mets": judge_brain,
    "pregnancy": judge_pregnancy,
    "organ_function": judge_organ,
    "measurable": judge_measurable,
    "biomarker": judge_biomarker,
    "prior_therapy": judge_prior,
    "stage": judge_stage,
    "cancer_type": judge_cancer,
    "comorbidity": judge_condition,
    "infection": judge_condition,
}


def judge(c: Criterion, p: PatientFacts) -> CriterionResult:
    """One criterion's verdict with the patient's evidence."""
    return result_of(c, JUDGES.get(c.kind, judge_unknown)(c, p))
