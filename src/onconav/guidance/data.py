"""Typed loader for the structured guidance data in knowledge/guidance/*.yaml."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from onconav.errors import InputError

# fmt: off
CANONICAL_BIOMARKERS: frozenset[str] = frozenset([
    "ER", "PR", "HER2", "Ki-67", "MLH1", "MSH2", "MSH6", "PMS2", "MMR", "MSI", "KRAS", "NRAS", "BRAF",
    "EGFR", "ALK", "ROS1", "RET", "MET", "NTRK", "ERBB2", "BRCA1", "BRCA2", "PALB2", "PIK3CA", "ESR1",
    "IDH1", "IDH2", "FGFR2", "FGFR3", "PD-L1", "TMB", "HRD", "HPV/p16", "Claudin18.2", "FLT3", "NPM1",
    "CEBPA", "TP53", "BCR-ABL1", "del(17p)", "IGHV", "1p/19q", "MGMT", "KIT", "PDGFRA", "AR-V7",
    "HRR genes", "PSA",
])
Setting = Literal["all", "early", "locally_advanced", "metastatic", "recurrent", "before_systemic_therapy"]
DocumentKind = Literal[
    "pathology_report", "imaging_report", "lab_report", "genomic_report", "operative_note", "clinical_note",
    "discharge_summary", "treatment_plan", "medication_list", "fhir_bundle", "other",
]
Intent = Literal[
    "overview", "symptoms", "tests", "staging", "treatment", "side_effects", "prognosis", "second_opinion",
    "biomarkers", "clinical_trials", "coping", "costs", "caregiving", "other",
]
Category = Literal[
    "diagnosis", "staging", "biomarkers", "treatment", "second_opinion", "opinions_differ", "trials",
    "side_effects", "logistics", "costs",
]
# fmt: on
SETTINGS: tuple[str, ...] = get_args(Setting)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
INTENTS: tuple[str, ...] = get_args(Intent)
CATEGORIES: tuple[str, ...] = get_args(Category)
FILES = {
    "biomarkers": "biomarkers.yaml",
    "checklist": "records_checklist.yaml",
    "questions": "questions.yaml",
    "specialists": "specialists.yaml",
    "urgency": "urgency.yaml",
    "centers": "cancer_centers.yaml",
}


def _canonical(name: str) -> str:
    if name not in CANONICAL_BIOMARKERS:
        raise ValueError(f"'{name}' is not a canonical biomarker name (see CANONICAL_BIOMARKERS)")
    return name


Canonical = Annotated[str, AfterValidator(_canonical)]
_STRICT = ConfigDict(extra="forbid", frozen=True)


class Source(BaseModel):
    """A named source that an entry's facts come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=3)
    url: str = Field(pattern=r"^https?://\S+$")
    publisher: str = Field(min_length=2)
    year: int = Field(ge=1990, le=2030)
    version: str | None = None


Sources = Field(min_length=1)


class BiomarkerTest(BaseModel):
    """One test that guidelines name for a cancer type."""

    model_config = _STRICT
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    synonyms: list[str] = Field(default_factory=list)
    profile_names: list[Canonical] = Field(default_factory=list)
    decides: str = Field(min_length=10)
    settings: list[Setting] = Field(min_length=1)
    sample: Literal["tumor", "germline", "both", "blood"]
    why: str = Field(min_length=10)
    question: str = Field(min_length=10)
    sources: list[Source] = Sources


class CancerTypeTests(BaseModel):
    """The tests listed for one group of OncoTree codes."""

    model_config = _STRICT
    codes: list[str] = Field(min_length=1)
    name: str
    tests: list[BiomarkerTest] = Field(min_length=1)


class EssentialFor(BaseModel):
    """Where a checklist item matters most."""

    model_config = _STRICT
    cancer_types: list[str] = Field(default_factory=lambda: ["all"])
    treatments: list[str] = Field(default_factory=list)


class FoundBy(BaseModel):
    """Which uploaded document kinds show that an item is already in hand."""

    model_config = _STRICT
    document_kinds: list[DocumentKind] = Field(default_factory=list)


class ChecklistItem(BaseModel):
    """One record to gather for a second opinion."""

    model_config = _STRICT
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    why: str = Field(min_length=10)
    who_holds: str = Field(min_length=5)
    how_to_request: str = Field(min_length=10)
    essential_for: EssentialFor = Field(default_factory=EssentialFor)
    found_by: FoundBy = Field(default_factory=FoundBy)
    sources: list[Source] = Sources


class Triggers(BaseModel):
    """When a question applies; empty lists mean 'any'."""

    model_config = _STRICT
    intents: list[Intent] = Field(default_factory=list)
    cancer_types: list[str] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)
    biomarker_missing: list[Canonical] = Field(default_factory=list)
    biomarker_present: list[Canonical] = Field(default_factory=list)
    treatments: list[str] = Field(default_factory=list)
    opinions_differ: bool | None = None


class Question(BaseModel):
    """A question a patient can ask their care team."""

    model_config = _STRICT
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=10)
    category: Category
    triggers: Triggers = Field(default_factory=Triggers)
    sources: list[Source] = Sources


class Specialist(BaseModel):
    """A specialist role and why it matters."""

    model_config = _STRICT
    role: str
    why: str = Field(min_length=10)


class SpecialistEntry(BaseModel):
    """Specialists to see for a group of cancer types."""

    model_config = _STRICT
    cancer_types: list[str] = Field(min_length=1)
    specialists: list[Specialist] = Field(min_length=1)
    sources: list[Source] = Sources


class UrgencyEntry(BaseModel):
    """How long a second opinion can usually wait, and when it must not."""

    model_config = _STRICT
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    cancer_types: list[str] = Field(default_factory=list)
    situations: list[str] = Field(default_factory=list)
    usual_wait: str = Field(min_length=10)
    do_not_wait: list[str] = Field(default_factory=list)
    sources: list[Source] = Sources


class CancerCenter(BaseModel):
    """An NCI-designated cancer center."""

    model_config = _STRICT
    name: str
    designation: Literal[
        "Comprehensive Cancer Center", "Clinical Cancer Center", "Basic Laboratory Cancer Center"
    ]
    city: str
    state: str = Field(pattern=r"^[A-Z]{2}$")
    zip: str = Field(pattern=r"^\d{5}$")
    website: str = Field(pattern=r"^https?://\S+$")
    adults: bool
    children: bool


M = TypeVar("M", bound=BaseModel)


@dataclass
class GuidanceData:
    """All guidance tables, loaded and validated."""

    biomarkers: list[CancerTypeTests]
    checklist: list[ChecklistItem]
    questions: list[Question]
    specialists: list[SpecialistEntry]
    urgency: list[UrgencyEntry]
    centers: list[CancerCenter]
    version: str = ""
    _by_code: dict[str, CancerTypeTests] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for group in self.biomarkers:
            for code in group.codes:
                self._by_code.setdefault(code.upper(), group)

    def tests_for(self, code: str, fallbacks: Sequence[str] = ()) -> list[BiomarkerTest]:
        """Tests listed for an OncoTree code (exact code first, then each fallback, e.g. ancestors)."""
        for candidate in (code, *fallbacks):
            group = self._by_code.get((candidate or "").upper())
            if group is not None:
                return list(group.tests)
        return []

    def specialists_for(self, code: str, fallbacks: Sequence[str] = ()) -> SpecialistEntry:
        """Specialists for a code (or the first matching fallback); the default entry otherwise."""
        for candidate in (code, *fallbacks):
            for entry in self.specialists:
                if (candidate or "").upper() in entry.cancer_types:
                    return entry
        return next(e for e in self.specialists if "default" in e.cancer_types)

    def urgency_for(self, code: str | None, situations: Iterable[str] = ()) -> list[UrgencyEntry]:
        """Urgency entries that apply: situation matches, then cancer-type matches, else the default."""
        texts = [s.lower().strip() for s in situations if s and s.strip()]
        by_situation = [e for e in self.urgency if any(_overlaps(k, t) for k in e.situations for t in texts)]
        wanted = (code or "").upper()
        by_code = [e for e in self.urgency if wanted and wanted in e.cancer_types and e not in by_situation]
        found = by_situation + by_code
        return found or [e for e in self.urgency if e.id == "default"]

    def question(self, qid: str) -> Question | None:
        """A question by id."""
        return next((q for q in self.questions if q.id == qid), None)


def _overlaps(keyword: str, text: str) -> bool:
    """Whole-word match of a situation keyword in a text (or a short text inside a keyword)."""
    key = keyword.lower().strip()
    if re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", text):
        return True
    return len(text) >= 4 and re.search(rf"(?<![a-z0-9]){re.escape(text)}(?![a-z0-9])", key) is not None


_CACHE: dict[Path, tuple[tuple[float, ...], GuidanceData]] = {}


def guidance_dir(pack_dir: Path) -> Path:
    """The folder holding the YAML files: `<pack>/guidance`, or the pack itself."""
    sub = pack_dir / "guidance"
    return sub if sub.is_dir() else pack_dir


def load_guidance(pack_dir: Path) -> GuidanceData:
    """Load and validate every guidance file (cached by folder and file modification times)."""
    folder = guidance_dir(pack_dir).resolve()
    paths = [folder / name for name in FILES.values()]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"guidance files missing in {folder}: {', '.join(missing)}")
    stamp = tuple(p.stat().st_mtime_ns for p in paths)
    cached = _CACHE.get(folder)
    if cached and cached[0] == stamp:
        return cached[1]
    data = _build(folder)
    _CACHE[folder] = (stamp, data)
    return data


def _build(folder: Path) -> GuidanceData:
    raw = {key: _read(folder / name) for key, name in FILES.items()}

    def entries(key: str, list_key: str, model: type[M], label: str = "id") -> list[M]:
        return _entries(folder / FILES[key], raw[key], list_key, model, label)

    data = GuidanceData(
        biomarkers=entries("biomarkers", "cancer_types", CancerTypeTests, "name"),
        checklist=entries("checklist", "items", ChecklistItem),
        questions=entries("questions", "questions", Question),
        specialists=entries("specialists", "entries", SpecialistEntry, "cancer_types"),
        urgency=entries("urgency", "entries", UrgencyEntry),
        centers=entries("centers", "centers", CancerCenter, "name"),
        version=str(raw["biomarkers"].get("version", "")),
    )
    _check_unique(folder / FILES["questions"], [q.id for q in data.questions])
    _check_unique(folder / FILES["checklist"], [i.id for i in data.checklist])
    _check_unique(folder / FILES["urgency"], [u.id for u in data.urgency])
    _check_unique(folder / FILES["biomarkers"], [c for g in data.biomarkers for c in g.codes])
    if not any(e.id == "default" for e in data.urgency):
        raise InputError(f"{FILES['urgency']}: needs an entry with id 'default'")
    if not any("default" in e.cancer_types for e in data.specialists):
        raise InputError(f"{FILES['specialists']}: needs an entry with cancer_types [default]")
    return data


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{path.name}: cannot read YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise InputError(f"{path.name}: top level must be a mapping")
    return raw


def _entries(path: Path, raw: dict[str, Any], key: str, model: type[M], label: str = "id") -> list[M]:
    items = raw.get(key)
    if not isinstance(items, list) or not items:
        raise InputError(f"{path.name}: '{key}' must be a non-empty list")
    return [_validate(path, key, i, item, model, label) for i, item in enumerate(items)]


def _validate(path: Path, key: str, index: int, item: Any, model: type[M], label: str) -> M:
    name = item.get(label) if isinstance(item, dict) else None
    where = f"{path.name}: {key}[{index}]" + (f" ({name})" if name else "")
    try:
        return model.model_validate(item)
    except ValidationError as exc:
        raise InputError(f"{where}: {_describe(exc, item)}") from exc


def _describe(exc: ValidationError, item: Any) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{_label_path(item, err['loc']) or loc}: {err['msg']}")
    return "; ".join(parts)


def _label_path(item: Any, loc: tuple[Any, ...]) -> str:
    """Render a pydantic location, naming list entries by their id where they have one."""
    out: list[str] = []
    node = item
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            ident = node.get("id") if isinstance(node, dict) else None
            out[-1:] = [f"{out[-1] if out else ''}[{ident or part}]"]
            continue
        out.append(str(part))
        node = node.get(part) if isinstance(node, dict) else None
    return ".".join(out)


def _check_unique(path: Path, values: list[str]) -> None:
    dupes = sorted(v for v, n in Counter(values).items() if n > 1)
    if dupes:
        raise InputError(f"{path.name}: duplicate ids or codes: {', '.join(dupes)}")


__all__: list[str] = [
    "BiomarkerTest",
    "CancerCenter",
    "CancerTypeTests",
    "ChecklistItem",
    "GuidanceData",
    "Question",
    "Source",
    "SpecialistEntry",
    "UrgencyEntry",
    "load_guidance",
    "CANONICAL_BIOMARKERS",
]
