"""The evidence browser under load: 200 requests at once on loopback, latency percentiles.

    python benchmarks/web_concurrency.py                  # builds a store from the example corpus
    python benchmarks/web_concurrency.py --db out/demo/sitrep.db --requests 400 --rounds 5

Starts ``sitrep serve`` (uvicorn, one process, read-only) on a free loopback port, then
sends ``--requests`` requests at once (a mix of the brief, lists, one document, one actor,
search and the JSON API) with httpx, ``--rounds`` times. Prints errors (any status other
than 200, any exception) and the p50/p95/p99/max latency over all rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(db: Path) -> None:
    corpus = ROOT / "examples" / "veskaria"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sitrep",
            "assess",
            str(corpus),
            "--db",
            str(db),
            "--out",
            str(db.parent),
            "--sources",
            str(corpus / "sources.toml"),
        ],
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
    )


async def one(client: httpx.AsyncClient, path: str) -> tuple[float, int | str]:
    started = time.perf_counter()
    try:
        r = await client.get(path)
        return time.perf_counter() - started, r.status_code
    except Exception as exc:  # noqa: BLE001 - counted and shown as an error
        return time.perf_counter() - started, type(exc).__name__


async def round_(base: str, paths: list[str], n: int) -> list[tuple[float, int | str]]:
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        return await asyncio.gather(*(one(client, paths[i % len(paths)]) for i in range(n)))


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--db", type=Path, help="an existing store (default: build one from the example corpus)"
    )
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "sitrep.db"
    if args.db is None:
        build_store(db)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/documents", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        docs = httpx.get(base + "/api/documents").json()
        actors = httpx.get(base + "/api/actors").json()
        doc_id = (docs.get("documents", docs) if isinstance(docs, dict) else docs)[0]["id"]
        actor_list = actors.get("actors", actors) if isinstance(actors, dict) else actors
        paths = [
            "/",
            "/documents",
            f"/documents/{doc_id}",
            "/actors",
            "/quotes",
            "/search?q=council",
            "/api/brief",
            "/api/storylines",
            "/api/search?q=troops",
            f"/api/documents/{doc_id}",
        ]
        if actor_list:
            paths.append(f"/actors/{actor_list[0]['id']}")
        results: list[tuple[float, int | str]] = []
        for n in range(args.rounds):
            started = time.perf_counter()
            got = asyncio.run(round_(base, paths, args.requests))
            wall = time.perf_counter() - started
            results += got
            bad = sum(1 for _t, s in got if s != 200)
            print(f"round {n + 1}: {args.requests} requests at once in {wall:.2f}s, {bad} error(s)")
        times = sorted(t for t, _s in results)
        errors = [s for _t, s in results if s != 200]
        q = statistics.quantiles(times, n=100)
        print(f"requests: {len(results)}  errors: {len(errors)} {sorted(set(map(str, errors)))}")
        print(
            f"latency ms: p50 {q[49] * 1000:.0f}  p95 {q[94] * 1000:.0f}  p99 {q[98] * 1000:.0f}  "
            f"max {times[-1] * 1000:.0f}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()


if __name__ == "__main__":
    main()
