"""Load test: N concurrent signed-in users asking questions and viewing their profile, from a second process.

Starts `onconav serve` on a free loopback port with a fresh data folder (SQLite, no LLM, rate limits
off so the test measures the server rather than the limiter), signs up the users through the real
pages, then each user loops: ask a question (form post + answer page), view /profile (or /account if
the records part is absent), search. By default requests go back to back (a stress test); `--think 2`
adds pauses averaging 2 s, like a person reading. Reports p50/p99 per action and errors (any status >= 400 or
transport failure).

    .venv/bin/python benchmarks/load_test.py                # 50 users, 60 s
    .venv/bin/python benchmarks/load_test.py --seconds 10 --users 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, latency_summary, table, write_json  # noqa: E402

QUESTIONS = [
    "What records should I bring to a second opinion?",
    "What biomarker tests should my lung cancer have?",
    "What does stage IIIA colon cancer mean?",
    "How do I get a second opinion without offending my oncologist?",
    "What questions should I ask about a clinical trial?",
    "What is a pathology report?",
]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ONCONAV_HOME": str(home), "ONCONAV_RATE_LIMITS": "0"}
    exe = str(Path(sys.executable).with_name("onconav"))
    proc = subprocess.Popen(
        [exe, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    sys.exit("server did not start")


async def csrf_token(c: httpx.AsyncClient, path: str) -> str:
    try:
        page = await c.get(path)
    except httpx.RemoteProtocolError:  # an idle keep-alive connection closed by the server: open a new one
        page = await c.get(path)
    m = CSRF.search(page.text)
    return m.group(1) if m else ""


async def sign_up(base: str, i: int) -> httpx.AsyncClient:
    c = httpx.AsyncClient(base_url=base, timeout=60)
    pw = f"load test password {i}"
    r = await c.post(
        "/signup",
        data={
            "email": f"user{i}@load.test",
            "password": pw,
            "password2": pw,
            "csrf_token": await csrf_token(c, "/signup"),
        },
    )
    if r.status_code not in (200, 303):
        raise SystemExit(f"sign-up failed: {r.status_code}")
    return c


async def timed(
    lat: dict[str, list[float]], errors: dict[str, int], name: str, coro
) -> httpx.Response | None:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    try:
        r: httpx.Response = await coro
    except httpx.HTTPError:
        errors[name] = errors.get(name, 0) + 1
        return None
    lat.setdefault(name, []).append((time.perf_counter() - t) * 1000)
    if r.status_code >= 400:
        errors[name] = errors.get(name, 0) + 1
    return r


async def user_loop(
    c: httpx.AsyncClient,
    until: float,
    profile: str,
    lat: dict[str, list[float]],
    errors: dict[str, int],
    rng: random.Random,
    think: float = 0.0,
) -> None:
    token = await csrf_token(c, "/")
    while time.perf_counter() < until:
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))  # a person reading between clicks
        action = rng.random()
        if action < 0.4:
            r = await timed(
                lat,
                errors,
                "ask (POST /ask)",
                c.post("/ask", data={"question": rng.choice(QUESTIONS), "csrf_token": token}),
            )
            if r is not None and r.headers.get("location"):
                await timed(lat, errors, "answer page", c.get(r.headers["location"]))
        elif action < 0.8:
            await timed(lat, errors, f"view {profile}", c.get(profile))
        else:
            await timed(
                lat,
                errors,
                "search (GET /api/search)",
                c.get("/api/search", params={"q": rng.choice(QUESTIONS)}),
            )


async def run(
    base: str, users: int, seconds: float, think: float
) -> tuple[dict[str, list[float]], dict[str, int]]:
    clients = await asyncio.gather(*(sign_up(base, i) for i in range(users)))
    probe = await clients[0].get("/profile", follow_redirects=False)
    profile = "/profile" if probe.status_code == 200 else "/account"
    lat: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    until = time.perf_counter() + seconds
    await asyncio.gather(
        *(user_loop(c, until, profile, lat, errors, random.Random(i), think) for i, c in enumerate(clients))
    )
    for c in clients:
        await c.aclose()
    return lat, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", type=float, default=0.0, help="Mean pause between a user's requests (s).")
    args = ap.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = start_server(Path(tmp), port)
        try:
            lat, errors = asyncio.run(run(f"http://127.0.0.1:{port}", args.users, args.seconds, args.think))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    everything = [x for v in lat.values() for x in v]
    rows = [[k, len(v), *latency_summary(v).values(), errors.get(k, 0)] for k, v in sorted(lat.items())]
    rows.append(["all", len(everything), *latency_summary(everything).values(), sum(errors.values())])
    print(table(["action", "requests", "p50 ms", "p99 ms", "mean ms", "errors"], rows))
    print(
        f"\n{args.users} users, {args.seconds:.0f} s, think {args.think} s, "
        f"{len(everything) / args.seconds:.1f} req/s, cpus={os.cpu_count()}, repo={ROOT.name}"
    )
    write_json(
        "load_test" if not args.think else "load_test_think",
        {
            "users": args.users,
            "seconds": args.seconds,
            "think_s": args.think,
            "errors": errors,
            "by_action": {k: {"n": len(v), **latency_summary(v)} for k, v in lat.items()},
            "all": {"n": len(everything), **latency_summary(everything)},
        },
    )


if __name__ == "__main__":
    main()
