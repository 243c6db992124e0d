"""Read trials from ClinicalTrials.gov API v2 JSON and from the NIH-TrialBench trial format."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from onconav.errors import CorruptFileError, InputError
from onconav.trials.model import Site, Trial

_NCT_RE = re.compile(r"^NCT\d{8}$")
_AGE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(year|month|week|day)?", re.I)
_AGE_UNIT = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}


def parse_age(value: Any) -> float | None:
    """'18 Years' -> 18.0; '6 Months' -> 0.5; missing or 'N/A' -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    match = _AGE_RE.search(str(value))
    if not match:
        return None
    unit = (match.group(2) or "year").lower()
    return float(match.group(1)) * _AGE_UNIT[unit]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def _check_nct(nct_id: Any, where: str) -> str:
    if not isinstance(nct_id, str) or not _NCT_RE.match(nct_id.strip()):
        raise CorruptFileError(f"{where}: no valid NCT number (expected NCT followed by 8 digits)")
    return nct_id.strip()


def _site(loc: dict[str, Any]) -> Site:
    geo = _dict(loc.get("geoPoint"))
    contacts = _list(loc.get("contacts"))
    contact = next(
        (
            " ".join(filter(None, [_text(c.get("name")), _text(c.get("phone")), _text(c.get("email"))]))
            for c in contacts
            if isinstance(c, dict) and c.get("role") == "CONTACT"
        ),
        "",
    )
    lat, lon = geo.get("lat"), geo.get("lon")
    return Site(
        facility=_text(loc.get("facility")),
        city=_text(loc.get("city")),
        state=_text(loc.get("state")),
        zip=_text(loc.get("zip")),
        country=_text(loc.get("country")),
        status=_text(loc.get("status")).upper(),
        lat=float(lat) if isinstance(lat, int | float) else None,
        lon=float(lon) if isinstance(lon, int | float) else None,
        contact=contact,
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _module(ps: dict[str, Any], name: str) -> dict[str, Any]:
    value = ps.get(name)
    return value if isinstance(value, dict) else {}


def trial_from_ctgov(study: dict[str, Any], where: str = "study") -> Trial:
    """One ClinicalTrials.gov API v2 study record -> Trial (missing parts are left empty)."""
    ps = study.get("protocolSection") if isinstance(study, dict) else None
    if not isinstance(ps, dict):
        raise CorruptFileError(f"{where}: not a ClinicalTrials.gov v2 study (no protocolSection)")
    ident, status = _module(ps, "identificationModule"), _module(ps, "statusModule")
    design, elig = _module(ps, "designModule"), _module(ps, "eligibilityModule")
    conds, arms = _module(ps, "conditionsModule"), _module(ps, "armsInterventionsModule")
    desc, locs = _module(ps, "descriptionModule"), _module(ps, "contactsLocationsModule")
    design_info = _dict(design.get("designInfo"))
    last = _dict(status.get("lastUpdatePostDateStruct"))
    interventions = [
        f"{_text(i.get('type')).title()}: {_text(i.get('name'))}".strip(": ")
        for i in arms.get("interventions") or []
        if isinstance(i, dict)
    ]
    return Trial(
        nct_id=_check_nct(ident.get("nctId"), where),
        title=_text(ident.get("briefTitle")) or _text(ident.get("officialTitle")),
        official_title=_text(ident.get("officialTitle")),
        summary=_text(desc.get("briefSummary")),
        status=_text(status.get("overallStatus")).upper(),
        phases=_strings(design.get("phases")),
        study_type=_text(design.get("studyType")).upper(),
        primary_purpose=_text(design_info.get("primaryPurpose")).upper(),
        conditions=_strings(conds.get("conditions")),
        keywords=_strings(conds.get("keywords")),
        interventions=interventions,
        eligibility_text=_text(elig.get("eligibilityCriteria")),
        min_age=parse_age(elig.get("minimumAge")),
        max_age=parse_age(elig.get("maximumAge")),
        sex=_text(elig.get("sex")).upper() or "ALL",
        healthy_volunteers=bool(elig.get("healthyVolunteers")),
        sites=[_site(loc) for loc in locs.get("locations") or [] if isinstance(loc, dict)],
        last_update=_text(last.get("date")) or _text(status.get("lastUpdateSubmitDate")),
        source="ctgov",
    )


def trial_from_trialbench(data: dict[str, Any], where: str = "trial") -> Trial:
    """One NIH-TrialBench trial record (nctid, title, raw_criteria, ...) -> Trial."""
    return Trial(
        nct_id=_check_nct(data.get("nctid") or data.get("nct_id"), where),
        title=_text(data.get("title")),
        summary=_text(data.get("brief_summary")),
        status=_text(data.get("overall_status")).upper(),
        phases=_strings(data.get("phases")),
        study_type=_text(data.get("study_type")).upper(),
        primary_purpose=_text(data.get("primary_purpose")).upper(),
        conditions=_strings(data.get("condition")),
        eligibility_text=_text(data.get("raw_criteria")),
        min_age=parse_age(data.get("minimum_age")),
        max_age=parse_age(data.get("maximum_age")),
        sex=_text(data.get("sex")).upper() or "ALL",
        source="trialbench",
    )


def trials_from_json(data: Any, where: str = "input") -> list[Trial]:
    """Detect the format (v2 study, v2 search page, TrialBench record, list of them) and convert."""
    if isinstance(data, list):
        return [t for i, item in enumerate(data) for t in trials_from_json(item, f"{where}[{i}]")]
    if not isinstance(data, dict):
        raise CorruptFileError(f"{where}: expected a JSON object describing a trial")
    if isinstance(data.get("studies"), list):
        return [trial_from_ctgov(s, f"{where} studies[{i}]") for i, s in enumerate(data["studies"])]
    if "protocolSection" in data:
        return [trial_from_ctgov(data, where)]
    if "nctid" in data or "raw_criteria" in data:
        return [trial_from_trialbench(data, where)]
    if "nct_id" in data and "eligibility_text" in data:
        return [Trial.from_json(data)]
    raise CorruptFileError(
        f"{where}: not a recognised trial format (expected ClinicalTrials.gov v2 JSON or a TrialBench record)"
    )


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.suffix in {".json", ".jsonl"})
    elif path.exists():
        yield path
    else:
        raise InputError(f"file not found: {path}")


def load_trials(paths: list[Path]) -> tuple[list[Trial], list[str]]:
    """Read trials from files or folders; returns the trials and one message per file that failed."""
    trials: list[Trial] = []
    problems: list[str] = []
    for root in paths:
        for file in _files(root):
            try:
                trials.extend(_load_file(file))
            except InputError as exc:
                problems.append(str(exc))
    return trials, problems


def _load_file(file: Path) -> list[Trial]:
    text = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix == ".jsonl":
        out: list[Trial] = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                out.extend(trials_from_json(_loads(line, f"{file}:{n}"), f"{file}:{n}"))
        return out
    return trials_from_json(_loads(text, str(file)), str(file))


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptFileError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
