"""A patient's case as guidance sees it: profile, facts, cancer-type codes, stage and treatment setting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from onconav.domain import Biomarker, Evidence, Fact, Profile
from onconav.errors import InputError
from onconav.records.parsers.fhir_codes import DRUG_TYPES, DRUG_WORD

ALL_SETTINGS = frozenset({"early", "locally_advanced", "metastatic"})
_ROMAN = re.compile(r"\b(IV|III|II|I|0)([ABC]\d?)?\b")
_DISTANT_HINT = ("lymph node", "node", "axilla", "nodal")
# Treatment words that are not drug names (drug names come from the records drug table, DRUG_TYPES),
# mapped to the treatment categories the question bank uses; checked in this order.
_CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "surgery",
        ("surgery", "ectomy", "whipple", "resection", "excision", "dissection", "craniotomy", "turbt"),
    ),
    ("radiation", ("radiation", "radiotherapy", "sbrt", "imrt", "xrt", "brachy", "chemoradi")),
    ("immunotherapy", ("immunotherapy",)),
    ("hormone", ("endocrine", "hormon")),
    ("targeted", ("t-dm1", "targeted", "tinib", "mab")),
    (
        "chemotherapy",
        (
            "chemo",
            "platin",
            "taxel",
            "rubicin",
            "5-fu",
            "folfox",
            "folfiri",
            "folfirinox",
            "capox",
            "xelox",
            "ac-t",
            "tchp",
            "r-chop",
            "bep",
            "daunorubicin",
            "7+3",
        ),
    ),
)


@dataclass
class Case:
    """Everything guidance needs about one patient, derived once."""

    profile: Profile
    facts: list[Fact] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # the OncoTree code first, then its ancestors
    cancer_name: str = ""
    stage_roman: str | None = None  # "0", "I", "II", "III", "IV"
    possible_settings: frozenset[str] = ALL_SETTINGS
    treatment_categories: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        """The OncoTree code ("" when unknown)."""
        return self.codes[0] if self.codes else ""

    @property
    def setting_known(self) -> bool:
        """Whether the records pin down one setting."""
        return len(self.possible_settings) == 1

    @property
    def metastatic(self) -> bool:
        """Whether the records show spread to distant organs."""
        return self.possible_settings == frozenset({"metastatic"})

    @property
    def empty(self) -> bool:
        """Whether the profile has nothing clinical in it."""
        return self.profile.is_empty()

    def biomarker(self, names: list[str]) -> Biomarker | None:
        """The first profile biomarker whose name is one of `names` (case-insensitive)."""
        wanted = {n.lower() for n in names}
        return next((b for b in self.profile.biomarkers if b.name.lower() in wanted), None)

    def facts_for(self, name: str, match: str | None = None) -> list[Fact]:
        """Facts of a field, optionally only those whose value mentions `match`."""
        out = []
        for f in self.facts:
            if f.field != name or f.negated:
                continue
            if match is None or match.lower() in _text_of(f.value).lower():
                out.append(f)
        return out

    def document_names(self, kind: str) -> list[str]:
        """Uploaded files of one document kind (when the extract output listed them)."""
        return [
            str(d.get("file", "")).rsplit("/", 1)[-1]
            for d in self.documents
            if d.get("kind") == kind and not d.get("error")
        ]


def _text_of(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v is not None)
    return str(value)


def stage_roman(stage_group: str | None) -> str | None:
    """'Stage IIIA' or 'FIGO IIIC' -> 'III'; None when there is no readable stage group."""
    if not stage_group:
        return None
    text = re.sub(r"(?i)\b(stage|figo|ajcc|clinical|pathologic(al)?)\b", " ", str(stage_group)).upper()
    mt = _ROMAN.search(text)
    if mt:
        return mt.group(1)
    digit = re.search(r"\b([0-4])[ABC]?\b", text)
    return ("0", "I", "II", "III", "IV")[int(digit.group(1))] if digit else None


def _distant_sites(sites: list[str]) -> list[str]:
    return [s for s in sites if not any(h in s.lower() for h in _DISTANT_HINT)]


def possible_settings(profile: Profile, roman: str | None) -> frozenset[str]:
    """Treatment settings the patient may be in: one when the stage says so, several when unknown."""
    m = (profile.tnm.m or "").upper()
    if "stage_group" in profile.assumed and roman != "IV":
        roman = None  # a group worked out on an assumed cM0/cN0 does not settle the setting
    if roman == "IV" or m.startswith("M1") or _distant_sites(profile.metastatic_sites):
        return frozenset({"metastatic"})
    if roman == "III":
        return frozenset({"locally_advanced"})
    if roman in ("0", "I", "II"):
        return frozenset({"early"})
    if profile.tnm.t or profile.tnm.n or m.startswith("M0"):
        return frozenset({"early", "locally_advanced"})
    return ALL_SETTINGS


def treatment_categories(treatments: list[dict[str, Any]]) -> list[str]:
    """Question-bank treatment categories (surgery, chemotherapy, ...) for the profile's treatments."""
    found: list[str] = []
    for t in treatments:
        text = f"{t.get('type', '')} {t.get('name', '')}".lower()
        drug_kinds = {DRUG_TYPES[d.lower()] for d in DRUG_WORD.findall(text)}
        for category, words in _CATEGORY_WORDS:
            if (category in drug_kinds or any(w in text for w in words)) and category not in found:
                found.append(category)
                break
    return found


def fact_from_json(data: dict[str, Any]) -> Fact:
    """A Fact from its JSON form (as `records extract --json` prints it)."""
    evidence = [
        Evidence(
            document=str(e.get("document", "")),
            page=e.get("page"),
            start=int(e.get("start") or 0),
            end=int(e.get("end") or 0),
            text=str(e.get("text", "")),
        )
        for e in data.get("evidence") or []
        if isinstance(e, dict)
    ]
    return Fact(
        field=str(data.get("field", "")),
        value=data.get("value"),
        evidence=evidence,
        confidence=float(data.get("confidence") or 0.9),
        derived=bool(data.get("derived")),
        rule=data.get("rule"),
        negated=bool(data.get("negated")),
        uncertain=bool(data.get("uncertain")),
        conflict=bool(data.get("conflict")),
        source_date=data.get("source_date"),
    )


def build_case(
    profile: Profile, facts: list[Fact] | None = None, documents: list[dict[str, Any]] | None = None
) -> Case:
    """Derive codes, stage and setting for a profile (facts and document list are optional)."""
    from onconav.knowledge.vocabulary import Vocabulary

    code = str((profile.cancer_type or {}).get("oncotree_code") or "").upper()
    name = str((profile.cancer_type or {}).get("name") or "")
    codes: list[str] = []
    if code:
        vocab = Vocabulary.load()
        codes = [code, *vocab.ancestors(code)]
        known = vocab.get(code)
        name = name or (known.name if known else code)
    roman = stage_roman(profile.stage_group)
    return Case(
        profile=profile,
        facts=list(facts or []),
        documents=list(documents or []),
        codes=codes,
        cancer_name=name,
        stage_roman=roman,
        possible_settings=possible_settings(profile, roman),
        treatment_categories=treatment_categories(profile.treatments),
    )


def case_from_json(data: Any) -> Case:
    """A Case from a profile JSON or a whole `records extract --json` output; InputError otherwise."""
    if data is None:
        return build_case(Profile())
    if not isinstance(data, dict):
        raise InputError(
            "the profile must be a JSON object (the 'profile' that `records extract --json` prints)"
        )
    inner = data["profile"] if isinstance(data.get("profile"), dict) else data
    _check_types(inner)
    try:
        profile = Profile.from_json(data)
    except (TypeError, ValueError) as exc:
        raise InputError(f"this is not a profile onconav can read: {exc}") from exc
    raw_facts: list[Any] = data["facts"] if isinstance(data.get("facts"), list) else []
    facts = [fact_from_json(f) for f in raw_facts if isinstance(f, dict)]
    docs: list[Any] = data["documents"] if isinstance(data.get("documents"), list) else []
    return build_case(profile, facts, [d for d in docs if isinstance(d, dict)])


_TYPES: dict[str, tuple[type, ...]] = {
    "cancer_type": (dict,),
    "stage_group": (str,),
    "histology": (str,),
    "grade": (str,),
    "hospital": (str,),
    "biomarkers": (list,),
    "treatments": (list,),
    "metastatic_sites": (list,),
    "document_kinds": (list,),
    "age": (int,),
    "tnm": (dict,),
}


def _check_types(data: dict[str, Any]) -> None:
    """Refuse profile fields of the wrong type with a message naming the field."""
    for key, types in _TYPES.items():
        value = data.get(key)
        if value is not None and not isinstance(value, types):
            want = " or ".join("object" if t is dict else "list" if t is list else t.__name__ for t in types)
            raise InputError(f"profile field '{key}' should be {want}, not {type(value).__name__}")
    for key in ("treatments", "biomarkers"):
        if any(not isinstance(x, dict) for x in data.get(key) or []):
            raise InputError(f"profile field '{key}' should be a list of objects")


def case_from_text(raw: str | bytes | None) -> Case:
    """A Case from pasted or uploaded profile JSON; empty input gives the empty (generic) case."""
    import json

    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if raw is None or not raw.strip():
        return build_case(Profile())
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"the profile is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            "Paste the output of `onconav records extract --json`, or its 'profile' part."
        ) from exc
    return case_from_json(data)
