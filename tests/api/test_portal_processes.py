"""The portal served by several processes on one port (ONESTOP_PORTAL_PROCESSES): each builds the whole
app from the environment, the connections of clients that come at once are spread over them, a process
that dies is replaced while the others answer, and stopping the portal stops every one of them."""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Callable

import httpx
import psutil

from onestop.token import obtain_token
from tests.support.citizens import next_citizen
from tests.support.processes import free_port, running
from tests.support.stack import Stack


def _serving(portal: psutil.Process) -> list[psutil.Process]:
    """The processes that run the app (uvicorn's workers; multiprocessing's helpers excluded)."""
    serving = []
    for child in portal.children(recursive=True):
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:  # gone, or a zombie not yet reaped
            continue
        if "multiprocessing.spawn" in command and "resource_tracker" not in command:
            serving.append(child)
    return serving


def _connections(process: psutil.Process, port: int) -> int:
    return sum(1 for c in process.net_connections("tcp") if c.laddr.port == port and c.status == "ESTABLISHED")


def _wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_two_processes_serve_one_port_replace_a_dead_one_and_stop_together(healthy_stack: Stack) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**healthy_stack.env, "ONESTOP_PORTAL_PORT": str(port), "ONESTOP_PORTAL_PUBLIC_URL": url,
           "ONESTOP_PORTAL_PROCESSES": "2"}
    token = obtain_token(healthy_stack.settings, citizen=next_citizen())
    with running(["portal"], env, healthy_stack.log("portal-processes"), health_url=f"{url}/healthz") as portal:
        parent = psutil.Process(portal.pid)
        _wait_for(lambda: len(_serving(parent)) == 2)
        first = _serving(parent)

        def answers() -> None:
            for _ in range(20):  # a new connection each: whichever process accepts it answers
                response = httpx.get(f"{url}/api/v1/me/tasks", headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 200, response.text
                assert response.json() == {"items": []}

        answers()
        # Twenty clients at once, each keeping its connection: every process gets some of them (with one
        # socket shared, whichever process woke first took them all, as often as not).
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
        try:
            _wait_for(lambda: sum(_connections(p, port) for p in first) == 20)
            assert all(_connections(p, port) > 0 for p in first), [_connections(p, port) for p in first]
        finally:
            for client in clients:
                client.close()
        os.kill(first[0].pid, signal.SIGKILL)
        _wait_for(lambda: len(_serving(parent)) == 2 and first[0].pid not in {p.pid for p in _serving(parent)})
        answers()
        every = [parent, *parent.children(recursive=True)]
    _wait_for(lambda: not any(_alive(p) for p in every), 15)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
