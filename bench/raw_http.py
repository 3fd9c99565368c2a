"""A minimal HTTP/1.1 keep-alive GET client over asyncio streams, for load that the load generator can
afford: httpx spends a millisecond or two of CPU on each request, and on a 2-core machine shared with
the server that CPU is taken from the server being measured. One connection per simulated client, one
request at a time on it (as wrk does); the answers must carry a Content-Length (uvicorn's JSON do).
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode, urlsplit


class RawClient:
    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: dict[str, object] | None = None,
                  headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        target = f"{path}?{urlencode(params)}" if params else path
        lines = [f"GET {target} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept: application/json",
                 *[f"{k}: {v}" for k, v in (headers or {}).items()], "", ""]
        self._writer.write("\r\n".join(lines).encode())
        status_line = await self._reader.readline()
        status, length, close = int(status_line.split()[1]), 0, False
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        body = await self._reader.readexactly(length)
        if close:
            await self.close()
        return status, body

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
