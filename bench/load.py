"""The two loads: applications through the portal's HTTP API, and bare workflows on Temporal.

Both start N items, C at a time, and time each from its start: to accepted (POST answered
202, or the workflow started) and to finished (the citizen's status page says so, or the
workflow's result is in).
"""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from collections.abc import Awaitable, Callable

import httpx
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from bench import baseline
from bench.stats import Run
from portal.timing import duration_ms
from tests.support.api import body

FINISHED = frozenset({"completed", "refused", "failed", "partially_completed", "withdrawn"})


PROGRESS_SECONDS = 10.0


async def _progress(run: Run, started: float) -> None:
    """A line every few seconds, so a stalled run shows itself instead of looking busy."""
    while True:
        await asyncio.sleep(PROGRESS_SECONDS)
        print(f"    {time.perf_counter() - started:4.0f} s: {len(run.to_done)} of {run.count} finished, "
              f"{run.failed} failed", file=sys.stderr, flush=True)


async def _timed(run: Run, items: Callable[[float], list[Awaitable[None]]]) -> Run:
    """Run the items made for this start time, with progress lines; the wall time goes in `run`."""
    started = time.perf_counter()
    progress = asyncio.create_task(_progress(run, started))
    try:
        await asyncio.gather(*items(started))
    finally:
        progress.cancel()
    run.wall_seconds = time.perf_counter() - started
    return run


async def _gathered(run: Run, concurrency: int, one: Callable[[int], Awaitable[None]]) -> Run:
    gate = asyncio.Semaphore(concurrency)

    async def gated(n: int) -> None:
        async with gate:
            await one(n)

    return await _timed(run, lambda started: [gated(n) for n in range(run.count)])


async def _paced(run: Run, rate: float, one: Callable[[int], Awaitable[None]]) -> Run:
    """Open loop: item n starts at n / rate seconds, whether or not the earlier ones finished.

    What a public service sees (citizens do not wait for each other), and the way to measure
    latency at a known load instead of at whatever load C waiting clients make.
    """
    async def on_time(n: int, started: float) -> None:
        await asyncio.sleep(max(0.0, started + n / rate - time.perf_counter()))
        await one(n)

    return await _timed(run, lambda started: [on_time(n, started) for n in range(run.count)])


async def _started(run: Run, concurrency: int, rate: float | None, one: Callable[[int], Awaitable[None]]) -> Run:
    return await (_paced(run, rate, one) if rate else _gathered(run, concurrency, one))


async def _once_more(run: Run, request: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:
    """One retry on a dropped connection, as a browser does: a keep-alive connection the server
    closed just as we reused it is the client's race, not a failed application. Safe for the
    POST too: it carries its Idempotency-Key."""
    try:
        return await request()
    except httpx.TransportError as error:
        run.retries[type(error).__name__] += 1
        return await request()


async def applications(portal_url: str, tokens: list[str], concurrency: int, *, poll_seconds: float = 0.025,
                       long_poll: bool = False, timeout: float = 120.0, rate: float | None = None) -> Run:
    """N self-employed registrations as citizens make them: POST, then watch the status page.

    The status page is polled every poll_seconds (what a browser would do), or, with
    long_poll, held by the portal (?wait=) until the application is finished. C at a time,
    or with `rate`, that many new ones a second (open loop).
    """
    run = Run("onestop: HTTP API, registries, DB, signing", len(tokens))
    limits = httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency * 2)
    async with httpx.AsyncClient(base_url=f"{portal_url}/api/v1", timeout=60, limits=limits) as client:

        async def one(n: int) -> None:
            try:
                await citizen(n)
            except (httpx.HTTPError, ValueError, KeyError) as error:  # a broken answer is a failed application
                run.failed += 1
                run.outcomes[type(error).__name__] += 1

        async def citizen(n: int) -> None:
            headers = {"Authorization": f"Bearer {tokens[n]}"}
            started = time.perf_counter()
            key = str(uuid.uuid4())
            response = await _once_more(run, lambda: client.post(
                "/applications", json=body(), headers={**headers, "Idempotency-Key": key}))
            run.submit.append(time.perf_counter() - started)
            in_portal = duration_ms(response.headers.get("server-timing"))
            if in_portal is not None:
                run.submit_in_portal.append(in_portal / 1000)
            if response.status_code != 202:
                run.failed += 1
                run.outcomes[f"POST {response.status_code}"] += 1
                return
            url = f"/applications/{response.json()['id']}"
            params = {"wait": 30} if long_poll else {}
            deadline = started + timeout
            while time.perf_counter() < deadline:
                view = (await _once_more(run, lambda: client.get(url, params=params, headers=headers))).json()
                if view["status"] in FINISHED:
                    run.to_done.append(time.perf_counter() - started)
                    run.failed += view["status"] != "completed" or not view["documents"]
                    run.outcomes[view["status"]] += 1
                    return
                if not long_poll:
                    await asyncio.sleep(poll_seconds)
            run.failed += 1  # not finished in time: counts against throughput, not in the latencies
            run.outcomes["unfinished"] += 1

        return await _started(run, concurrency, rate, one)


async def bare_workflows(address: str, task_queue: str, count: int, concurrency: int,
                         rate: float | None = None) -> Run:
    """N bare applications (bench.baseline) started straight on Temporal, C at a time or `rate` a second."""
    run = Run("bare Temporal: same activities, no-op", count)
    client = await Client.connect(address, data_converter=pydantic_data_converter)

    async def one(n: int) -> None:
        started = time.perf_counter()
        handle = await client.start_workflow(baseline.WORKFLOW, f"b{n}", id=f"bench-{uuid.uuid4()}",
                                             task_queue=task_queue)
        run.submit.append(time.perf_counter() - started)
        await handle.result()
        run.to_done.append(time.perf_counter() - started)
        run.outcomes["completed"] += 1

    return await _started(run, concurrency, rate, one)


async def probe(portal_url: str, token: str, every: float = 0.25) -> dict[str, list[float]]:
    """Until cancelled: how long the portal takes for nothing (/healthz: HTTP and its event loop)
    and for an authenticated read (token check + one database read), while the load runs.
    Subtracted from the POST's time, what remains is the insert and the workflow start."""
    times: dict[str, list[float]] = {"healthz": [], "authenticated read": []}
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=portal_url, timeout=30) as client:
        try:
            while True:
                for name, path in (("healthz", "/healthz"), ("authenticated read", "/api/v1/applications?limit=1")):
                    started = time.perf_counter()
                    (await client.get(path, headers=headers)).raise_for_status()
                    times[name].append(time.perf_counter() - started)
                await asyncio.sleep(every)
        except asyncio.CancelledError:
            return times
