"""ClinicalTrials.gov API v2 client: search with paging, polite rate limit, retries, on-disk cache."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from onconav.errors import ExternalServiceError, InputError, NotFoundError
from onconav.trials.importers import trial_from_ctgov
from onconav.trials.model import Trial

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class CtgovClient:
    """Small, polite client for `/studies` and `/studies/{nct}` of the registry's API v2."""

    def __init__(
        self,
        base_url: str,
        cache_dir: Path | None = None,
        *,
        min_interval: float = 0.35,
        retries: int = 4,
        backoff: float = 1.0,
        timeout: float = 30.0,
        cache_ttl: float = 86_400,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache_dir = cache_dir
        self.min_interval, self.retries, self.backoff = min_interval, retries, backoff
        self.cache_ttl = cache_ttl
        self._sleep = sleep
        self._last = 0.0
        self._http = httpx.Client(
            timeout=timeout, headers={"User-Agent": "onconav (self-hosted)"}, follow_redirects=True
        )
        self.requests_made = 0

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._http.close()

    def __enter__(self) -> CtgovClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cache_path(self, url: str, params: dict[str, Any]) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(json.dumps([url, sorted(params.items())]).encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.json"

    def get_json(self, path: str, params: dict[str, Any] | None = None, *, use_cache: bool = True) -> Any:
        """GET a JSON document, from the cache when fresh, retrying 429/5xx with backoff."""
        url, params = f"{self.base_url}{path}", dict(params or {})
        cached = self._cache_path(url, params)
        if use_cache and cached and cached.exists() and time.time() - cached.stat().st_mtime < self.cache_ttl:
            return json.loads(cached.read_text(encoding="utf-8"))
        data = self._fetch(url, params)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(data), encoding="utf-8")
        return data

    def _fetch(self, url: str, params: dict[str, Any]) -> Any:
        last_error = ""
        for attempt in range(self.retries + 1):
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                self._sleep(wait)
            self._last = time.monotonic()
            self.requests_made += 1
            try:
                resp = self._http.get(url, params=params)
            except httpx.HTTPError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            else:
                if resp.status_code == 404:
                    raise NotFoundError(f"ClinicalTrials.gov has no record at {resp.url.path}")
                if resp.status_code not in RETRY_STATUSES:
                    return _decode(resp)
                last_error = f"HTTP {resp.status_code}"
                if attempt < self.retries:
                    self._sleep(_retry_after(resp) or self.backoff * 2**attempt)
                continue
            if attempt < self.retries:
                self._sleep(self.backoff * 2**attempt)
        raise ExternalServiceError(
            f"ClinicalTrials.gov did not answer after {self.retries + 1} tries ({last_error})"
        )

    def search(
        self,
        *,
        condition: str | None = None,
        term: str | None = None,
        location: str | None = None,
        statuses: list[str] | None = None,
        page_size: int = 100,
        max_pages: int = 10,
    ) -> Iterator[Trial]:
        """Studies matching the query, page after page (following nextPageToken)."""
        params: dict[str, Any] = {"format": "json", "pageSize": max(1, min(page_size, 1000))}
        for key, value in (("query.cond", condition), ("query.term", term), ("query.locn", location)):
            if value:
                params[key] = value
        if statuses:
            params["filter.overallStatus"] = ",".join(s.upper() for s in statuses)
        if len(params) == 2:
            raise InputError("give at least a condition, a term or a location to search ClinicalTrials.gov")
        for _ in range(max_pages):
            page = self.get_json("/studies", params)
            if not isinstance(page, dict) or not isinstance(page.get("studies"), list):
                raise ExternalServiceError(
                    "ClinicalTrials.gov answered with an unexpected page (no 'studies' list)"
                )
            for i, study in enumerate(page["studies"]):
                yield trial_from_ctgov(study, f"search result {i}")
            token = page.get("nextPageToken")
            if not token:
                return
            params["pageToken"] = token

    def study(self, nct_id: str) -> Trial:
        """One study by NCT number."""
        return trial_from_ctgov(
            self.get_json(f"/studies/{nct_id.strip().upper()}", {"format": "json"}), nct_id
        )


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("Retry-After", "")
    try:
        return min(60.0, max(0.0, float(value)))
    except ValueError:
        return None


def _decode(resp: httpx.Response) -> Any:
    if resp.status_code >= 400:
        raise ExternalServiceError(f"ClinicalTrials.gov answered HTTP {resp.status_code}")
    try:
        return resp.json()
    except ValueError as exc:
        raise ExternalServiceError("ClinicalTrials.gov answered with something that is not JSON") from exc
