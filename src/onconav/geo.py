"""ZIP codes to coordinates (offline, via the `zipcodes` package) and great-circle distances."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from onconav.errors import InputError

EARTH_RADIUS_MILES = 3958.8
_ZIP_RE = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")


def normalize_zip(zip_code: str) -> str:
    """Return the five-digit ZIP, or raise InputError for anything that is not one."""
    match = _ZIP_RE.match(str(zip_code or ""))
    if not match:
        raise InputError(f"'{zip_code}' is not a US ZIP code (expected five digits, e.g. 20892)")
    return match.group(1)


@lru_cache(maxsize=1)
def _zip_table() -> dict[str, tuple[float, float]]:
    """All ZIP centroids, loaded once (a lookup per ZIP in the package scans its whole list)."""
    import zipcodes

    table: dict[str, tuple[float, float]] = {}
    for row in zipcodes.list_all():  # type: ignore[no-untyped-call]
        try:
            table[str(row["zip_code"])] = (float(row["lat"]), float(row["long"]))
        except (KeyError, TypeError, ValueError):
            continue
    return table


def zip_to_latlon(zip_code: str) -> tuple[float, float]:
    """Latitude and longitude of a US ZIP code's centroid; InputError if unknown."""
    five = normalize_zip(zip_code)
    found = _zip_table().get(five)
    if found is None:
        raise InputError(f"unknown ZIP code {five}: it is not in the offline US ZIP code list")
    return found


def zip_place(zip_code: str) -> str:
    """'City, ST' for a ZIP code, or '' when unknown."""
    import zipcodes

    try:
        rows = zipcodes.matching(normalize_zip(zip_code))  # type: ignore[no-untyped-call]
    except (InputError, ValueError, TypeError):
        return ""
    return f"{rows[0]['city']}, {rows[0]['state']}" if rows else ""


def haversine_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in miles between two (lat, lon) points."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def miles_between_zips(zip_a: str, zip_b: str) -> float:
    """Distance in miles between two ZIP code centroids."""
    return haversine_miles(zip_to_latlon(zip_a), zip_to_latlon(zip_b))
