"""Where to go: NCI-designated cancer centers sorted by distance from a ZIP code (offline)."""

from __future__ import annotations

from dataclasses import dataclass

from onconav.errors import InputError
from onconav.geo import haversine_miles, normalize_zip, zip_place, zip_to_latlon
from onconav.guidance.data import CancerCenter

REMOTE_NOTE = (
    "Many NCI-designated centers offer remote (records-only or video) second opinions: you send the "
    "reports, scans and slides, and a specialist reviews them without you traveling. Ask each center's "
    "new-patient line whether it offers this, what it costs, and whether your insurance covers it. "
    "Some states require the doctor to be licensed where you live for a video visit."
)


@dataclass
class NearbyCenter:
    """A cancer center and its distance from the patient's ZIP code."""

    name: str
    designation: str
    city: str
    state: str
    zip: str
    website: str
    adults: bool
    children: bool
    miles: float

    @property
    def sees(self) -> str:
        """'adults and children', 'adults', 'children'."""
        return " and ".join(w for w, ok in (("adults", self.adults), ("children", self.children)) if ok)


def _location(center: CancerCenter) -> tuple[float, float] | None:
    try:
        return zip_to_latlon(center.zip)
    except InputError:
        return None


def nearest_centers(
    centers: list[CancerCenter], zip_code: str, limit: int = 5, child: bool | None = None
) -> list[NearbyCenter]:
    """Centers nearest to a ZIP; `child` True keeps centers seeing children, False those seeing adults."""
    origin = zip_to_latlon(normalize_zip(zip_code))  # InputError with a clear message if unknown
    out = []
    for c in centers:
        if child is True and not c.children or child is False and not c.adults:
            continue
        where = _location(c)
        if where is None:
            continue
        out.append(
            NearbyCenter(
                c.name,
                c.designation,
                c.city,
                c.state,
                c.zip,
                c.website,
                c.adults,
                c.children,
                round(haversine_miles(origin, where), 1),
            )
        )
    out.sort(key=lambda n: (n.miles, n.name))
    return out[:limit]


def place_of(zip_code: str) -> str:
    """'Boston, MA' for a ZIP code ('' if unknown)."""
    return zip_place(zip_code)
