"""Trial use cases shared by the CLI and the API: import, sync, match a profile or a case summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onconav.config import Settings
from onconav.domain import Profile
from onconav.errors import InputError
from onconav.geo import zip_to_latlon
from onconav.storage.db import Database
from onconav.trials.ctgov import CtgovClient
from onconav.trials.importers import load_trials
from onconav.trials.matcher import MatchOptions
from onconav.trials.model import OPEN_STATUSES, RECRUITING_STATUSES, TrialMatch
from onconav.trials.patient import patient_from, profile_from_text
from onconav.trials.store import TrialStore

STATUS_FILTERS: dict[str, frozenset[str] | None] = {
    "any": None,
    "recruiting": RECRUITING_STATUSES,
    "open": OPEN_STATUSES,
}


def open_store(settings: Settings) -> TrialStore:
    """The trial store in the configured database."""
    return TrialStore(Database(settings))


def import_paths(store: TrialStore, paths: list[Path]) -> tuple[int, list[str]]:
    """Import trial files/folders; returns (stored count, problems)."""
    trials, problems = load_trials(paths)
    return store.upsert(trials), problems


def sync(
    store: TrialStore,
    settings: Settings,
    *,
    condition: str | None,
    term: str | None = None,
    location: str | None = None,
    statuses: list[str] | None = None,
    max_pages: int = 5,
) -> int:
    """Refresh stored trials from ClinicalTrials.gov (base URL from settings)."""
    cache = settings.home / "cache" / "ctgov"
    with CtgovClient(settings.ctgov_base_url, cache) as client:
        found = list(
            client.search(
                condition=condition, term=term, location=location, statuses=statuses, max_pages=max_pages
            )
        )
    return store.upsert(found)


def options(
    zip_code: str | None = None,
    status: str = "any",
    sort: str = "score",
    limit: int | None = None,
    seeking_treatment: bool = True,
) -> MatchOptions:
    """Validated match options (unknown ZIP or status -> InputError)."""
    if status not in STATUS_FILTERS:
        raise InputError(f"unknown status filter '{status}' (use: {', '.join(STATUS_FILTERS)})")
    if sort not in {"score", "distance"}:
        raise InputError("sort must be 'score' or 'distance'")
    if zip_code:
        zip_to_latlon(zip_code)
    elif sort == "distance":
        raise InputError("sorting by distance needs a ZIP code")
    return MatchOptions(
        zip_code=zip_code or None,
        statuses=STATUS_FILTERS[status],
        sort=sort,
        limit=limit,
        seeking_treatment=seeking_treatment,
    )


def match_profile(
    store: TrialStore, data: dict[str, Any], opts: MatchOptions, text: str = ""
) -> list[TrialMatch]:
    """Match a profile JSON (or `records extract` output) and/or a case summary against stored trials."""
    if not isinstance(data, dict):
        raise InputError("the profile must be a JSON object")
    profile = Profile.from_json(data)
    return store.matcher().match(patient_from(profile, text), opts)


def match_text(store: TrialStore, text: str, opts: MatchOptions) -> list[TrialMatch]:
    """Match a free-text case summary (read with the records extractor when installed)."""
    if not text or not text.strip():
        raise InputError("the case summary is empty")
    profile, _ = profile_from_text(text)
    return store.matcher().match(patient_from(profile, text), opts)


def case_json(case_id: Any, matches: list[TrialMatch]) -> dict[str, Any]:
    """The per-case JSON shape: {"id", "trials": [...]} best first."""
    return {"id": case_id, "trials": [m.to_json() for m in matches]}
