"""A fault-injecting HTTP proxy on 127.0.0.1 for tests of the sender (no mocks of HTTP).

Each request from the client is read whole, forwarded to the upstream on a connection of its
own (``Connection: close``), and the answer read whole; a fault may be applied on the way:

- ``reset_before`` / ``reset_after``: close the client's connection without an answer, the
  request not forwarded / forwarded (the answer is lost: the server acted);
- ``status_500``: answer 500 without forwarding;
- ``html_200`` / ``html_200_after``: a login portal's ``200 text/html`` page, without / after
  forwarding;
- ``slow``: hold the answer ``slow_s`` seconds (longer than the client's read timeout makes
  it time out);
- ``truncate``: forward, then send the answer's head and half its body and close;
- ``flip``: flip one byte of the request body (a PATCH chunk) before forwarding.

``choose(method, path) -> fault | None`` decides per request; :attr:`log` records what was done.
Each client connection carries one request (the answer says ``Connection: close``).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

Chooser = Callable[[str, str], str | None]
HTML = (
    b"<!DOCTYPE html><html><head><title>\xe7\x99\xbb\xe5\xbd\x95</title></head>"
    b"<body>Please log in</body></html>"
)


@dataclass
class FaultProxy:
    upstream_port: int
    choose: Chooser
    slow_s: float = 0.5
    port: int = 0
    log: list[tuple[str, str, str]] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)

            async def serve() -> None:
                self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
                self.port = self._server.sockets[0].getsockname()[1]
                ready.set()
                async with self._server:
                    with contextlib.suppress(asyncio.CancelledError):
                        await self._server.serve_forever()

            loop.run_until_complete(serve())
            loop.close()

        self._thread = threading.Thread(target=run, name="fault-proxy", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
            for task in asyncio.all_tasks(self._loop):
                self._loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None:
            self._thread.join(10)

    def count(self, fault: str) -> int:
        return sum(1 for _m, _p, f in self.log if f == fault)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = [line for line in lines[1:] if line]
        length = 0
        for line in headers:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        body = await reader.readexactly(length) if length else b""
        path = target.split("?", 1)[0]
        fault = self.choose(method, path) or ""
        self.log.append((method, path, fault))
        try:
            if fault == "reset_before":
                return
            if fault == "status_500":
                writer.write(_answer(500, b'{"error":"x"}', "application/json"))
                return
            if fault == "html_200":
                writer.write(_answer(200, HTML, "text/html; charset=utf-8"))
                return
            if fault == "flip" and body:
                flipped = bytearray(body)
                flipped[len(flipped) // 2] ^= 0x01
                body = bytes(flipped)
            answer = await self._forward(method, target, headers, body)
            if fault == "reset_after":
                return
            if fault == "html_200_after":
                writer.write(_answer(200, HTML, "text/html; charset=utf-8"))
                return
            if fault == "slow":
                await asyncio.sleep(self.slow_s)
            if fault == "truncate":
                split = answer.find(b"\r\n\r\n") + 4
                rest = answer[split:]
                writer.write(answer[:split] + rest[: len(rest) // 2])
                return
            writer.write(answer)
        finally:
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            if fault.startswith("reset"):
                transport = writer.transport
                sock = transport.get_extra_info("socket")
                if sock is not None:
                    import socket
                    import struct

                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.close()

    async def _forward(self, method: str, target: str, headers: list[str], body: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        kept = [h for h in headers if h.split(":", 1)[0].strip().lower() != "connection"]
        request = "\r\n".join([f"{method} {target} HTTP/1.1", *kept, "Connection: close", "", ""])
        writer.write(request.encode("latin-1") + body)
        await writer.drain()
        answer = await reader.read()
        writer.close()
        # One request per client connection: say so, whatever the upstream said.
        split = answer.find(b"\r\n\r\n")
        head_lines = [
            line
            for line in answer[:split].split(b"\r\n")
            if not line.lower().startswith(b"connection:")
        ]
        return b"\r\n".join([*head_lines, b"Connection: close"]) + answer[split:]


def _answer(status: int, body: bytes, content_type: str) -> bytes:
    reason = {200: "OK", 500: "Internal Server Error"}[status]
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body
