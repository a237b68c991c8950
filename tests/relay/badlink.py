"""A bad link on loopback: a TCP proxy that throttles, cuts every connection every few
seconds, and can damage one byte in transit (performance.md: "a local TCP proxy that
throttles and cuts", never a remote host). Used by the fault tests and benchmark P7.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LinkStats:
    upstream_bytes: int = 0  # client → server bytes that entered the proxy
    cuts: int = 0
    connections: int = 0
    corrupted: int = 0


@dataclass
class BadLink:
    target_port: int
    rate_bytes_per_s: float | None = None  # None: no throttle
    cut_every: float | None = None  # seconds between cuts of every open connection
    corrupt_at: int | None = None  # damage the byte at this upstream offset, once
    stats: LinkStats = field(default_factory=LinkStats)
    port: int = 0

    def start(self) -> BadLink:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if getattr(self, "_loop", None):
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._main(ready))

    async def _main(self, ready: threading.Event) -> None:
        self._stop = asyncio.Event()
        self._open: set[asyncio.StreamWriter] = set()
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        cutter = asyncio.create_task(self._cutter())
        await self._stop.wait()
        cutter.cancel()
        server.close()
        for writer in list(self._open):
            writer.transport.abort()
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _cutter(self) -> None:
        if not self.cut_every:
            return
        while True:
            await asyncio.sleep(self.cut_every)
            if self._open:
                self.stats.cuts += 1
            for writer in list(self._open):
                writer.transport.abort()  # RST: like the GSM link dropping
            self._open.clear()

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        self.stats.connections += 1
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_w.transport.abort()
            return
        self._open.update((client_w, server_w))
        await asyncio.gather(
            self._pipe(client_r, server_w, upstream=True),
            self._pipe(server_r, client_w, upstream=False),
            return_exceptions=True,
        )
        for writer in (client_w, server_w):
            self._open.discard(writer)
            writer.transport.abort()

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, upstream: bool
    ) -> None:
        piece = 4096 if self.rate_bytes_per_s else 65536
        free_at = time.monotonic()  # when the throttled link can take the next byte
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(piece):
                if upstream:
                    data = self._maybe_corrupt(data)
                    self.stats.upstream_bytes += len(data)
                if self.rate_bytes_per_s:
                    # No credit for idle time: a link's capacity cannot be saved up.
                    free_at = max(free_at, time.monotonic()) + len(data) / self.rate_bytes_per_s
                    await asyncio.sleep(max(0.0, free_at - time.monotonic()))
                writer.write(data)
                await writer.drain()
        writer.transport.abort()

    def _maybe_corrupt(self, data: bytes) -> bytes:
        at = self.corrupt_at
        if at is None:
            return data
        start = self.stats.upstream_bytes
        if start <= at < start + len(data):
            self.corrupt_at = None
            self.stats.corrupted += 1
            damaged = bytearray(data)
            damaged[at - start] ^= 0x01
            return bytes(damaged)
        return data
