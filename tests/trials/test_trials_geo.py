from __future__ import annotations

import pytest

from onconav.errors import InputError
from onconav.geo import haversine_miles, miles_between_zips, normalize_zip, zip_to_latlon


def test_known_zip_has_coordinates() -> None:
    lat, lon = zip_to_latlon("20892")
    assert 38.5 < lat < 39.5 and -77.5 < lon < -76.5


def test_zip_plus_four_is_accepted() -> None:
    assert normalize_zip("20892-0001") == "20892"


@pytest.mark.parametrize("bad", ["00000", "abcde", "123", ""])
def test_unknown_or_malformed_zip_is_a_clear_input_error(bad: str) -> None:
    with pytest.raises(InputError, match="ZIP"):
        zip_to_latlon(bad)


def test_haversine_known_distance() -> None:
    # Bethesda, MD to Los Angeles, CA is roughly 2,300 miles
    assert 2200 < miles_between_zips("20892", "90033") < 2400
    assert haversine_miles((10.0, 10.0), (10.0, 10.0)) == 0.0
