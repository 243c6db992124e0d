"""Cancer centers list: ZIPs agree with their states, and every NCI center in the shared CSV is present."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from onconav.config import PROJECT_ROOT
from onconav.guidance.data import CancerCenter, load_guidance

STOP = {
    "the",
    "of",
    "at",
    "and",
    "cancer",
    "center",
    "centers",
    "comprehensive",
    "institute",
    "university",
    "health",
    "campus",
    "hospital",
    "medical",
    "clinic",
    "research",
}
SKIP_INITIALS = {"of", "the", "and", "at", "comprehensive", "cancer", "center", "institute"}
TIER = {"Comprehensive": "Comprehensive Cancer Center", "Clinical": "Clinical Cancer Center"}


def tokens(name: str) -> set[str]:
    """Distinctive lower-case words of a center name, plus the initials of its full name."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("'", ""))
    initials = "".join(w[0] for w in words if w not in SKIP_INITIALS)
    return {w for w in words if w not in STOP} | ({initials} if len(initials) > 1 else set())


def best_match(row: dict[str, str], centers: list[CancerCenter]) -> CancerCenter | None:
    """The center in the same state whose name shares the most distinctive words with the CSV row."""
    want = tokens(row["name"]) | tokens(row.get("center", ""))
    scored = [
        (len(want & tokens(c.name)) / max(1, len(tokens(row["name"]) - {""})), c)
        for c in centers
        if c.state == row["state"]
    ]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[0])[1] if scored else None


@pytest.fixture(scope="module")
def centers() -> list[CancerCenter]:
    return load_guidance(PROJECT_ROOT / "knowledge").centers


@pytest.fixture(scope="module")
def nci_rows(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / "places" / "nci_centers.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_zip_codes_exist_and_match_state(centers: list[CancerCenter]) -> None:
    zipcodes = pytest.importorskip("zipcodes")
    bad = []
    for c in centers:
        found = zipcodes.matching(c.zip)
        if not found or found[0]["state"] != c.state:
            bad.append((c.name, c.zip, c.state))
    assert bad == []


def test_names_unique_and_st_jude_children_only(centers: list[CancerCenter]) -> None:
    names = [c.name for c in centers]
    assert len(names) == len(set(names))
    st_jude = [c for c in centers if "St. Jude" in c.name]
    assert len(st_jude) == 1 and st_jude[0].children and not st_jude[0].adults


def test_matcher_is_strict_about_state(centers: list[CancerCenter]) -> None:
    assert best_match({"name": "Fox Chase Cancer Center", "state": "CA"}, centers) is None
    found = best_match({"name": "UNM Comprehensive Cancer Center", "state": "NM"}, centers)
    assert found is not None and "New Mexico" in found.name


@pytest.mark.shared_data
def test_every_nci_csv_center_is_listed(centers: list[CancerCenter], nci_rows: list[dict[str, str]]) -> None:
    unmatched = [(r["name"], r["state"]) for r in nci_rows if best_match(r, centers) is None]
    assert unmatched == []
    assert len(centers) >= len(nci_rows)


@pytest.mark.shared_data
def test_designations_agree_with_csv(centers: list[CancerCenter], nci_rows: list[dict[str, str]]) -> None:
    differ = []
    for row in nci_rows:
        match = best_match(row, centers)
        if match and TIER.get(row["tier"]) != match.designation:
            differ.append((row["name"], row["tier"], match.designation))
    assert differ == []


@pytest.mark.shared_data
def test_adults_flag_agrees_with_csv(centers: list[CancerCenter], nci_rows: list[dict[str, str]]) -> None:
    for row in nci_rows:
        match = best_match(row, centers)
        assert match is not None and match.adults == (row["adult"] == "1"), row["name"]
