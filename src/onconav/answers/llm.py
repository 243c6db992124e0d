"""A small client for any OpenAI-compatible chat endpoint (a local server or a hosted one).

Only `POST {llm_url}/chat/completions` is used. Failures become `ExternalServiceError` with a message
that names the endpoint and the reason but never the prompt (it may hold a patient's question).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from onconav.config import Settings
from onconav.errors import ConfigError, ExternalServiceError

DEFAULT_MODEL = "default"
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF_S = 0.5
MAX_RETRY_AFTER_S = 10.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
Message = dict[str, str]


class LlmError(ExternalServiceError):
    """The LLM endpoint gave no usable reply; `reason` is short and safe to show (no prompt text)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class LlmClient(Protocol):
    """Anything that turns chat messages into the assistant's reply text."""

    @property
    def model(self) -> str: ...

    @property
    def url(self) -> str: ...

    def complete(self, messages: list[Message], *, max_tokens: int = 1200) -> str: ...


def is_loopback(url: str) -> bool:
    """True when the URL points at this machine (nothing leaves it)."""
    host = (urlsplit(url).hostname or "").lower()
    return (
        host in {"localhost", "::1", "ip6-localhost"}
        or host.startswith("127.")
        or host.endswith(".localhost")
    )


def completions_url(base: str) -> str:
    """The chat-completions URL for a base URL such as http://localhost:8080/v1."""
    base = base.strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(
            f"ONCONAV_LLM_URL must be an http(s) URL such as http://localhost:8080/v1, not {base!r}"
        )
    return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


class OpenAiCompatibleClient:
    """Chat completions over HTTP with a timeout and retries (with backoff) on 429 and 5xx."""

    def __init__(
        self,
        url: str,
        model: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF_S,
        json_mode: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._url = completions_url(url)
        self._model = model or DEFAULT_MODEL
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.json_mode = json_mode
        self.timeout = timeout
        self._sleep = sleep
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            headers=headers,
            follow_redirects=False,
            trust_env=not is_loopback(url),
        )  # no loopback proxy

    @property
    def model(self) -> str:
        return self._model

    @property
    def url(self) -> str:
        return self._url

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def complete(self, messages: list[Message], *, max_tokens: int = 1200) -> str:
        """The assistant's reply text; raises ExternalServiceError when the endpoint cannot give one."""
        body: dict[str, Any] = {
            "model": self._model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": max_tokens,
        }
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        response = self._post(body)
        if response.status_code == 400 and self.json_mode:  # some servers reject response_format
            body.pop("response_format")
            response = self._post(body)
        if response.status_code != 200:
            raise LlmError(
                f"LLM endpoint {self._url} answered HTTP {response.status_code}",
                f"HTTP {response.status_code}",
            )
        return _reply_text(response, self._url)

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        """POST with retries on 429/5xx and connection errors; a read timeout is not retried."""
        deadline = time.monotonic() + 2 * self.timeout  # retries never stretch a request much past this
        for attempt in range(self.retries + 1):
            last = attempt == self.retries or time.monotonic() > deadline
            try:
                response = self._http.post(self._url, json=body)
            except httpx.TimeoutException as exc:
                raise LlmError(f"LLM endpoint {self._url} timed out", "timeout") from exc
            except httpx.TransportError as exc:
                if last:
                    raise LlmError(
                        f"LLM endpoint {self._url} unreachable ({type(exc).__name__})", "unreachable"
                    ) from exc
                self._sleep(self.backoff * 2**attempt)
                continue
            if response.status_code not in RETRY_STATUSES or last:
                return response
            self._sleep(_retry_delay(response, self.backoff * 2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover


def _retry_delay(response: httpx.Response, default: float) -> float:
    """Honour a numeric Retry-After header (capped), else exponential backoff."""
    try:
        return min(MAX_RETRY_AFTER_S, max(default, float(response.headers.get("retry-after", ""))))
    except ValueError:
        return default


def _reply_text(response: httpx.Response, url: str) -> str:
    """choices[0].message.content, or a clear error when the body is not a chat completion."""
    try:
        data = response.json()
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LlmError(
            f"LLM endpoint {url} sent a reply that is not a chat completion", "not a chat completion"
        ) from exc
    if not isinstance(content, str) or not content.strip():
        raise LlmError(f"LLM endpoint {url} sent an empty reply", "empty reply")
    return content


_CLIENTS: dict[tuple[str, str | None, str | None], OpenAiCompatibleClient] = {}
_CLIENTS_LOCK = threading.Lock()


def client_for(settings: Settings) -> OpenAiCompatibleClient:
    """One pooled client for settings.llm_url per (url, model, key), shared across requests and threads."""
    if not settings.llm_url:
        raise ConfigError("ONCONAV_LLM_URL is not set")
    key = (settings.llm_url, settings.llm_model, settings.llm_api_key)
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            _CLIENTS[key] = OpenAiCompatibleClient(settings.llm_url, settings.llm_model, settings.llm_api_key)
        return _CLIENTS[key]
