"""Where to go: distances from known ZIP codes, nearest centers across the country, bad ZIP codes."""

from __future__ import annotations

import pytest

from onconav.config import PROJECT_ROOT
from onconav.domain import Profile
from onconav.errors import InputError
from onconav.guidance.case import build_case
from onconav.guidance.centers import nearest_centers
from onconav.guidance.data import load_guidance
from onconav.guidance.kit import build_kit

DATA = load_guidance(PROJECT_ROOT / "knowledge")

# ZIP -> (a word in the nearest center's name, most miles it may be away)
NEAREST = {
    "02115": ("Dana-Farber", 3),  # Boston, Longwood
    "10065": ("Memorial Sloan Kettering", 1),
    "77030": ("", 1),  # Houston Medical Center: MD Anderson or Baylor, both in 77030
    "98109": ("Fred Hutch", 1),
    "94110": ("UCSF", 5),  # San Francisco, Mission
    "30303": ("Winship", 10),  # downtown Atlanta
    "80202": ("Colorado", 15),  # downtown Denver
    "33130": ("Sylvester", 5),  # Miami
    "84101": ("Huntsman", 5),  # Salt Lake City
    "37203": ("Vanderbilt", 3),  # Nashville
    "55455": ("Masonic", 1),  # Minneapolis, University of Minnesota
    "96813": ("Hawai", 2),  # Honolulu
}


@pytest.mark.parametrize("zip_code", sorted(NEAREST))
def test_nearest_center_is_plausible(zip_code: str) -> None:
    word, most = NEAREST[zip_code]
    first = nearest_centers(DATA.centers, zip_code, limit=3)[0]
    assert word in first.name and first.miles <= most, (first.name, first.miles)


def test_dana_farber_within_a_few_miles_of_02115() -> None:
    near = nearest_centers(DATA.centers, "02115", limit=5)
    dfci = next(c for c in near if "Dana-Farber" in c.name)
    assert 0 <= dfci.miles < 3
    assert [c.miles for c in near] == sorted(c.miles for c in near)
    assert any("Yale" in c.name and 95 < c.miles < 125 for c in near)  # Boston to New Haven is ~110 miles


def test_far_from_any_center_still_lists_the_nearest() -> None:
    first = nearest_centers(DATA.centers, "99501", limit=1)[0]  # Anchorage
    assert "Fred Hutch" in first.name and 1300 < first.miles < 1600


def test_children_filter_keeps_only_centers_that_see_children() -> None:
    near = nearest_centers(DATA.centers, "38105", limit=4, child=True)
    assert near[0].name.startswith("St. Jude") and all(c.children for c in near)
    adults = nearest_centers(DATA.centers, "38105", limit=4, child=False)
    assert all(c.adults for c in adults) and not any("St. Jude" in c.name for c in adults)


@pytest.mark.parametrize("bad", ["00000", "1234", "abcde", "", "99999"])
def test_unknown_zip_is_a_clear_error(bad: str) -> None:
    with pytest.raises(InputError, match="ZIP"):
        nearest_centers(DATA.centers, bad)


def test_kit_with_unknown_zip_says_so_and_keeps_everything_else() -> None:
    kit = build_kit(build_case(Profile()), DATA, "00000")
    assert kit.centers == [] and kit.zip_error and "00000" in kit.zip_error
    assert kit.questions and kit.letters and kit.checklist
    with pytest.raises(InputError, match="00000"):
        build_kit(build_case(Profile()), DATA, "00000", strict_zip=True)


def test_zip_plus_four_is_accepted() -> None:
    assert nearest_centers(DATA.centers, "02115-1234", limit=1)[0].miles < 3
