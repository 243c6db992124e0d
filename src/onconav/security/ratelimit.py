"""In-process sliding-window rate limits for sign-in, asking and uploads.

Limits are per client key (the account id when signed in, else the IP address) and per bucket.
With several worker processes each has its own counters (the effective limit is multiplied);
put a shared limiter in the reverse proxy for stricter control.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

from onconav.errors import RateLimitError


@dataclass(frozen=True)
class Limit:
    """`count` requests per `seconds`."""

    count: int
    seconds: float
    message: str


LIMITS: dict[str, Limit] = {
    "signin": Limit(10, 60, "Too many sign-in attempts. Please wait a minute and try again."),
    "ask": Limit(30, 60, "You are asking questions very quickly. Please wait a minute and try again."),
    "upload": Limit(20, 60, "Too many uploads in a short time. Please wait a minute and try again."),
}


class RateLimiter:
    """Counts hits per (bucket, key) in a sliding window."""

    def __init__(self, limits: dict[str, Limit] | None = None, clock: object = None) -> None:
        self.limits = dict(limits or LIMITS)
        self._hits: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()
        self._clock = clock or time.monotonic

    def hit(self, bucket: str, key: str) -> None:
        """Record a request; RateLimitError (429) if the bucket's limit is exceeded."""
        limit = self.limits[bucket]
        now: float = self._clock()  # type: ignore[operator]
        with self._lock:
            q = self._hits.setdefault((bucket, key), deque())
            while q and q[0] <= now - limit.seconds:
                q.popleft()
            if len(q) >= limit.count:
                raise RateLimitError(limit.message)
            q.append(now)
            if len(self._hits) > 50_000:  # forget idle clients so memory stays bounded
                for k in [k for k, v in self._hits.items() if not v or v[-1] <= now - 3600]:
                    del self._hits[k]


def bucket_for(method: str, path: str, content_type: str) -> str | None:
    """Which limit a request falls under, if any."""
    if method != "POST":
        return "upload" if method == "PUT" and "multipart/form-data" in content_type else None
    if path in ("/signin", "/signin/2fa", "/api/auth/token", "/reset", "/signup"):
        return "signin"
    if path in ("/ask", "/api/ask"):
        return "ask"
    if "multipart/form-data" in content_type or "upload" in path:
        return "upload"
    return None
