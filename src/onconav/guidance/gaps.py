"""Biomarker gap check: each test guidelines name for this cancer and setting, found or not in the records."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from onconav.domain import Biomarker, Evidence, Fact
from onconav.guidance.case import Case
from onconav.guidance.data import BiomarkerTest, GuidanceData

Status = Literal["found", "not_found", "not_applicable"]
STATUS_LABELS = {
    "found": "Found in your records",
    "not_found": "Not found in your records",
    "not_applicable": "Not applicable at this stage",
}
SETTING_WORDS = {
    "all": "every stage",
    "early": "early-stage disease",
    "locally_advanced": "locally advanced disease",
    "metastatic": "cancer that has spread (metastatic)",
    "recurrent": "cancer that has come back",
    "before_systemic_therapy": "before drug treatment starts",
}
SAMPLE_WORDS = {
    "tumor": "tumor test (on the cancer tissue)",
    "germline": "inherited (germline) test, usually on blood or saliva",
    "both": "tumor test, and an inherited (germline) test when the tumor result suggests one",
    "blood": "blood test",
}
GERMLINE_VS_TUMOR = (
    "Tumor (somatic) testing looks at changes inside the cancer cells; they help choose treatment but are "
    "not passed on in families. Germline (inherited) testing looks at the genes you were born with, usually "
    "from blood or saliva; a result there can matter for treatment and for relatives' own risk. A tumor "
    "test can hint at an inherited change, but it cannot confirm one, so the two are not interchangeable."
)
_NO_RESULT = re.compile(
    r"(?i)\b(pending|not\s+(?:done|performed|tested|assessed|available|evaluable)|"
    r"insufficient|failed|indeterminate|unknown|ordered|sent\s+out|requested|cancell?ed|"
    r"uncertain\s+significance|inconclusive)\b"
)
_GERMLINE_WORDS = re.compile(r"(?i)\b(germline|inherited|hereditary|constitutional|blood\s+sample|saliva)\b")


@dataclass
class EvidenceRef:
    """Where a fact came from, short enough to print."""

    document: str
    page: int | None
    quote: str
    start: int = 0
    end: int = 0
    doc_id: str | None = None  # the stored document's id when the profile comes from the account

    def label(self) -> str:
        """'report.pdf p.2'."""
        return self.document + (f" p.{self.page}" if self.page else "")


@dataclass
class GapItem:
    """One recommended test and its status for this patient."""

    test_id: str
    name: str
    status: Status
    status_label: str
    sample: str
    sample_label: str
    why: str
    decides: str
    question: str
    settings: list[str]
    result: str | None = None
    evidence: list[EvidenceRef] = field(default_factory=list)
    note: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class GapReport:
    """The gap check for one profile."""

    cancer_type: str | None
    code: str | None
    stage: str | None
    setting: str
    items: list[GapItem]
    germline_vs_tumor: str | None
    message: str | None = None

    def missing(self) -> list[GapItem]:
        """Items not found in the records (and applicable, or possibly applicable)."""
        return [i for i in self.items if i.status == "not_found"]

    def to_json(self) -> dict[str, Any]:
        """A plain dict for JSON output."""
        return asdict(self)


def describe_setting(case: Case) -> str:
    """Plain words for the setting the profile shows."""
    if case.setting_known:
        return SETTING_WORDS[next(iter(case.possible_settings))]
    if case.possible_settings == frozenset({"early", "locally_advanced"}):
        return "has not spread to distant organs, as far as the records show (stage group not stated)"
    return "not shown in your records"


def result_text(b: Biomarker) -> str:
    """'positive (3+, IHC)'."""
    extras = ", ".join(x for x in (b.value, b.method) if x)
    main = b.result or b.value or "reported"
    return f"{main} ({extras})" if extras and main != b.value else main


def _evidence(case: Case, names: list[str]) -> list[EvidenceRef]:
    refs: list[EvidenceRef] = []
    wanted = {n.lower() for n in names}
    for f in case.facts:
        if f.field != "biomarker" or f.negated or not isinstance(f.value, dict):
            continue
        if str(f.value.get("name", "")).lower() in wanted:
            refs += [_ref(e) for e in f.evidence[:1]]
    return refs


def _found(case: Case, test: BiomarkerTest) -> tuple[list[Biomarker], bool]:
    """Biomarkers with a usable result for a test, and whether some were only pending or not done."""
    hits = [b for b in case.profile.biomarkers if b.name.lower() in {n.lower() for n in test.profile_names}]
    usable = [b for b in hits if not _NO_RESULT.search(f"{b.result or ''} {b.value or ''}")]
    return usable, len(usable) < len(hits)


def _applies(case: Case, test: BiomarkerTest) -> bool | None:
    """True/False when the setting decides it; None when the stage is unknown and it depends."""
    settings = set(test.settings)
    if settings & {"all", "before_systemic_therapy"}:
        return True
    if "recurrent" in settings:
        settings.add("metastatic")  # records rarely say 'recurrent'; spread disease is treated alike
    if case.possible_settings <= settings:
        return True
    if not case.possible_settings & settings:
        return False
    return None


def _germline_note(case: Case, test: BiomarkerTest, facts: list[EvidenceRef]) -> str | None:
    if test.sample != "germline" or not facts:
        return None
    if any(_GERMLINE_WORDS.search(ref.quote) for ref in facts):
        return None
    return (
        "Your records show a result for this gene, but not clearly from an inherited (germline) test; "
        "ask whether it came from the tumor or from blood or saliva."
    )


def _receptor_positive(case: Case) -> bool:
    """Whether ER, PR or HER2 is reported positive (so 'triple-negative only' tests do not apply)."""
    for b in case.profile.biomarkers:
        if b.name in ("ER", "PR", "HER2") and (b.result or "").lower() in (
            "positive",
            "low positive",
            "amplified",
        ):
            return True
    return False


def _new_item(test: BiomarkerTest) -> GapItem:
    return GapItem(
        test_id=test.id,
        name=test.name,
        status="not_found",
        status_label="",
        sample=test.sample,
        sample_label=SAMPLE_WORDS[test.sample],
        why=test.why,
        decides=test.decides,
        question=test.question,
        settings=list(test.settings),
        sources=[s.model_dump(exclude_none=True) for s in test.sources],
    )


def check_item(case: Case, test: BiomarkerTest) -> GapItem:
    """The status of one recommended test for this case."""
    usable, pending = _found(case, test)
    applies = _applies(case, test)
    item = _new_item(test)
    wanted = ", ".join(SETTING_WORDS[s] for s in test.settings)
    if usable:
        item.status = "found"
        item.result = "; ".join(f"{b.name}: {result_text(b)}" for b in usable)
        item.evidence = _evidence(case, [b.name for b in usable])
        item.note = _germline_note(case, test, item.evidence)
    elif test.id.endswith("_tnbc") and _receptor_positive(case):
        item.status = "not_applicable"
        item.note = (
            "This test is for triple-negative breast cancer; your records show a receptor-positive result."
        )
    elif applies is False:
        item.status = "not_applicable"
        item.note = f"Guidelines list this test for {wanted}; your records show {describe_setting(case)}."
    elif pending:
        item.note = "Your records mention this test but show no result yet (pending or not done)."
    elif applies is None:
        item.note = (
            f"Recommended for {wanted}. Your records do not show the stage clearly, "
            "so ask whether it applies to you."
        )
    item.status_label = STATUS_LABELS[item.status]
    return item


def check_gaps(case: Case, data: GuidanceData) -> GapReport:
    """The biomarker gap report for a case (an explanatory message when the cancer type is unknown)."""
    tests = data.tests_for(case.code, case.codes[1:]) if case.codes else []
    items = [check_item(case, t) for t in tests]
    order = {"not_found": 0, "found": 1, "not_applicable": 2}
    items.sort(key=lambda i: order[i.status])
    message = None
    if not case.codes:
        message = (
            "Your records do not show the cancer type yet, so onconav cannot list the tests that "
            "guidelines recommend. Upload a pathology report (or a FHIR record) to get this check."
        )
    elif not tests:
        message = (
            f"onconav's guidance data has no biomarker list for {case.cancer_name or case.code} yet. "
            "Ask your care team which biomarker or genetic tests guidelines recommend for it."
        )
    show_explainer = any(t.sample in ("germline", "both") for t in tests) or any(
        _GERMLINE_WORDS.search(e.text) for f in case.facts if f.field == "biomarker" for e in f.evidence
    )
    return GapReport(
        cancer_type=case.cancer_name or None,
        code=case.code or None,
        stage=case.profile.stage_group,
        setting=describe_setting(case),
        items=items,
        germline_vs_tumor=GERMLINE_VS_TUMOR if show_explainer else None,
        message=message,
    )


def fact_refs(facts: list[Fact]) -> list[EvidenceRef]:
    """Evidence references of some facts (first span of each)."""
    return [_ref(e) for f in facts for e in f.evidence[:1]]


def _ref(e: Evidence) -> EvidenceRef:
    return EvidenceRef(e.document, e.page, e.text, e.start, e.end)
