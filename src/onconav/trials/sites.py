"""Trial sites: which ones are open, and the nearest one to a ZIP code."""

from __future__ import annotations

from onconav.geo import haversine_miles, zip_to_latlon
from onconav.trials.model import RECRUITING_STATUSES, NearestSite, Site, Trial


def site_open(site: Site, trial: Trial, statuses: frozenset[str] = RECRUITING_STATUSES) -> bool:
    """A site's own status counts; without one, the study's status stands in."""
    return (site.status or trial.status) in statuses


def _coords(site: Site) -> tuple[float, float] | None:
    if site.lat is not None and site.lon is not None:
        return site.lat, site.lon
    if site.zip and (site.country in {"", "United States"}):
        try:
            return zip_to_latlon(site.zip)
        except Exception:  # noqa: BLE001 - a bad site ZIP must not stop matching
            return None
    return None


def nearest_site(trial: Trial, zip_code: str | None) -> NearestSite | None:
    """The nearest recruiting site to the ZIP (or the first recruiting site when no ZIP is given)."""
    open_sites = [s for s in trial.sites if site_open(s, trial)]
    if not open_sites:
        return None
    if zip_code is None:
        s = open_sites[0]
        return NearestSite(
            s.facility, s.city, s.state or s.country, s.status or trial.status, None, s.contact
        )
    origin = zip_to_latlon(zip_code)
    best: tuple[float, Site] | None = None
    for s in open_sites:
        xy = _coords(s)
        if xy is None:
            continue
        d = haversine_miles(origin, xy)
        if best is None or d < best[0]:
            best = (d, s)
    if best is None:
        s = open_sites[0]
        return NearestSite(
            s.facility, s.city, s.state or s.country, s.status or trial.status, None, s.contact
        )
    d, s = best
    return NearestSite(s.facility, s.city, s.state or s.country, s.status or trial.status, d, s.contact)
