"""uvicorn's HTTP/1.1 protocol with TCP_NODELAY on every connection.

With more than one worker uvicorn opens the listening socket itself and never sets
TCP_NODELAY on the connections it accepts (an open uvicorn bug): every small response then
waits on Nagle's algorithm and delayed ACKs, about 40 ms a request — a coordinator pulling
its mailbox paid it on every download chunk. Setting it here works with any worker count.

The parser is httptools (C, llhttp): per request it costs a fraction of h11's pure Python,
which on a small relay machine is most of the time a tiny upload takes.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)  # type: ignore[arg-type]
