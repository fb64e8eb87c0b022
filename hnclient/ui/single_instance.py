"""The running window and a second start of the program talk over a local socket.

The second start (``hnclient`` again, or ``hnclient photo.jpg`` when a photo is dropped on
the program's icon) sends one JSON line ``{"files": [...]}`` and waits for ``ok``; the running
window comes forward and takes the files. Which process is the window is decided by the OS
lock of :mod:`hnclient.instance`, not by the socket, so a socket left behind by a killed
window is simply replaced.
"""

from __future__ import annotations

import json
import logging
import os
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE = 1 << 20
ACK = b"ok\n"


class InstanceServer(QObject):
    """Listens for later starts. Only create it while holding the window lock.

    Signals:
        activated(list files): a later start asked to come forward, with its files (str).
    """

    activated = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the window lock, so a server of this name can only be a dead window's.
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("cannot listen on %s: %s", name, self._server.errorString())
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._early: list[list[str]] | None = None

    def keep_early(self) -> None:
        """Keep what arrives before a window is connected (see :meth:`take_early`)."""
        if self._early is None:
            self._early = []

    def take_early(self) -> list[list[str]]:
        """What arrived before the window was there; from now on only the signal tells."""
        early, self._early = self._early or [], None
        return early

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                socket.abort()
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        try:
            message = json.loads(line.decode("utf-8"))
            files = [str(f) for f in message.get("files", []) if isinstance(f, str)]
        except (ValueError, AttributeError):
            log.warning("unreadable message from a second start")
            socket.abort()
            return
        socket.write(ACK)
        socket.flush()
        if self._early is not None:
            self._early.append(files)
        else:
            self.activated.emit(files)


def hand_over(name: str, files: list[str], *, timeout_s: float = 20.0) -> bool:
    """Give ``files`` to the running window and ask it to come forward; ``True`` once it
    answered. Retries while the window is still starting (its socket not yet listening)."""
    _allow_foreground()
    payload = json.dumps({"files": files}, ensure_ascii=False).encode("utf-8") + b"\n"
    deadline = time.monotonic() + timeout_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(1000):
            socket.write(payload)
            socket.waitForBytesWritten(2000)
            answer = b""
            while ACK not in answer and socket.waitForReadyRead(3000):
                answer += bytes(socket.readAll().data())
            socket.disconnectFromServer()
            if ACK in answer:
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


def _allow_foreground() -> None:
    """Windows lets only the foreground process give focus away: this start, which the
    officer just launched, allows the running window to come to the front."""
    if os.name != "nt":
        return
    try:  # pragma: no cover - Windows only
        import ctypes

        asfw_any = -1
        ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - only a nicety
        log.debug("AllowSetForegroundWindow failed", exc_info=True)
