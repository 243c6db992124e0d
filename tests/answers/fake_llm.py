"""FakeLlm: an OpenAI-compatible chat server on 127.0.0.1 over real HTTP, with scripted replies.

    with FakeLlm() as llm:
        llm.push(Scripted(content='{"sections": []}'), Scripted(status=500))
        ... OpenAiCompatibleClient(llm.url) ...
        llm.requests  # every request body received, in order

A reply's `content` may be a function of the request body, so a test can answer from the numbered
passages the composer actually sent. When the script runs out, the server answers HTTP 500.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Content = str | Callable[[dict[str, Any]], str]


@dataclass
class Scripted:
    """One scripted reply: an assistant message, or a bare status/body, optionally after a delay."""

    content: Content | None = None
    status: int = 200
    body: str | None = None  # sent as-is instead of a chat completion
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


def passage_numbers(request: dict[str, Any]) -> dict[str, int]:
    """'Title — Heading' (or 'Title') -> the number the composer gave that passage in the prompt."""
    user = request["messages"][-1]["content"]
    out: dict[str, int] = {}
    for m in re.finditer(r"^\[(\d+)\] (.+?)(?: \(spoken by .*\))?$", user, re.M):
        out[m.group(2)] = int(m.group(1))
    return out


def completion(content: str, model: str = "fake-model") -> dict[str, Any]:
    """A minimal chat.completion body."""
    return {"id": "chatcmpl-fake", "object": "chat.completion", "model": model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}]}


class FakeLlm:
    """A real HTTP server in a thread; `url` is the base URL to give the client (…/v1)."""

    def __init__(self) -> None:
        self.script: list[Scripted] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def push(self, *replies: Scripted) -> None:
        """Queue replies, served in order."""
        with self._lock:
            self.script.extend(replies)

    def next_reply(self, request: dict[str, Any], headers: dict[str, str]) -> Scripted:
        with self._lock:
            self.requests.append(request)
            self.headers.append(headers)
            return self.script.pop(0) if self.script else Scripted(status=500, body='{"error": "no script"}')

    def __enter__(self) -> FakeLlm:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()  # wakes any handler that is "thinking" (delay)
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(fake: FakeLlm) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            length = int(self.headers.get("Content-Length") or 0)
            try:
                request = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                request = {"unparseable": True}
            reply = fake.next_reply(request, {k.lower(): v for k, v in self.headers.items()})
            if reply.delay and fake.stop.wait(reply.delay):
                return
            if reply.body is not None:
                payload = reply.body
            else:
                content = reply.content(request) if callable(reply.content) else (reply.content or "")
                payload = json.dumps(completion(content, str(request.get("model", "fake-model"))))
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload.encode())))
                self.end_headers()
                self.wfile.write(payload.encode())
            except OSError:  # the client gave up (timeout test)
                pass

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
            return

    return Handler
