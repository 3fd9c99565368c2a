"""The portal as several processes on one port, each with a listening socket of its own (SO_REUSEPORT).

uvicorn's own workers share one socket, and whichever process wakes first accepts: the keep-alive
connections of a burst of clients piled onto one process while the other idled (20 of 20 in the
labour bench's runs). With a socket each, the kernel spreads new connections over the processes.
This process binds the port first, without listening (it takes no connection, but a port another
program holds fails here, once), then starts the servers and starts again any that dies.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event as EventType
from types import FrameType

from onestop.settings import Settings


def _socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _server(host: str, port: int, ready: EventType) -> None:
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                ready.set()

    sock = _socket(host, port)
    sock.listen(2048)
    # The app is built here, from the environment (get_settings), as every process of the portal builds it.
    config = uvicorn.Config("portal.app:create_app", factory=True, log_level="warning", access_log=False)
    Server(config).run(sockets=[sock])


def serve_processes(settings: Settings) -> int:
    """Run settings.portal_processes servers on the portal's port until SIGTERM or SIGINT; the exit code."""
    reserved = _socket(settings.host, settings.portal_port)
    spawn = multiprocessing.get_context("spawn")
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def start() -> tuple[BaseProcess, EventType]:
        ready = spawn.Event()
        process = spawn.Process(target=_server, args=(settings.host, settings.portal_port, ready), name="portal")
        process.start()
        return process, ready

    running = [start() for _ in range(settings.portal_processes)]
    code = 0
    try:
        while not stopping:
            time.sleep(0.2)
            for n, (process, ready) in enumerate(running):
                if process.is_alive():
                    continue
                if not ready.is_set():  # it never served: starting it again would fail again
                    code, stopping = process.exitcode or 1, True
                    break
                running[n] = start()
    finally:
        for process, _ in running:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process, _ in running:
            process.join(30)
            if process.is_alive():
                process.kill()
        reserved.close()
    return code
