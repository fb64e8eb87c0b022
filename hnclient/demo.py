"""Demo sending: the reference endpoint on this PC's loopback, so a new user sees the whole
loop — draft, leader sign-off, send, 已报送, then 已采用 when the "office" adopts it with
``hnclient-endpoint admin`` — without the e-government network.

Only when no real endpoint is configured, and only where the reference endpoint is installed
(a developer's checkout: ``make run``). The installers never carry it, and then
:class:`DemoUnavailable` says so. The demo unit's token lives in memory for one run (a new
one is issued at each start); the endpoint keeps only its hash. The demo leader 演示领导 has a
known PIN (:data:`DEMO_PIN`) and a key confirmed by the demo "office" at once. Qt-free.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hnclient.errors import OfficerError

log = logging.getLogger(__name__)

DEMO_UNIT = "演示单位（本机模拟）"
DEMO_LEADER = ("演示领导", "演示用副县长")
DEMO_PIN = "135790"
#: The demo polls the "office" often, so an adoption shows within seconds.
DEMO_POLL_S = 5.0


class DemoUnavailable(OfficerError):
    """The reference endpoint is not installed with this copy of the program."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "演示报送需要“参考接收端”，这个安装包中没有它（它只随源代码提供）。"
            "正式使用时，请由县信息化技术人员在预设中填写州政府报送系统的地址。",
            f"Demo sending needs the reference endpoint, which this installation does not "
            f"include ({detail}). For real use, county IT sets the endpoint in the preset.",
        )


@dataclass
class DemoEndpoint:
    """A running reference endpoint on ``url`` with the demo unit's ``token``."""

    url: str
    token: str
    data_dir: Path
    admin: Any
    _server: Any = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @classmethod
    def start(cls, data_dir: Path) -> DemoEndpoint:
        try:
            import uvicorn

            from hnendpoint.admin import Admin
            from hnendpoint.app import create_app
        except ImportError as error:
            raise DemoUnavailable(str(error)) from error
        data_dir.mkdir(parents=True, exist_ok=True)
        admin = Admin(data_dir)
        units = [u.get("name") for u in admin.list_units()]
        token = admin.issue_token(DEMO_UNIT) if DEMO_UNIT in units else None
        if token is None:
            token = admin.create_unit(DEMO_UNIT)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            create_app(data_dir), log_level="warning", access_log=False, lifespan="on"
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="demo-endpoint", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not server.started:
            server.should_exit = True
            raise DemoUnavailable("the demo endpoint did not start")
        log.info("demo endpoint on 127.0.0.1:%d, data in %s", port, data_dir)
        return cls(f"http://127.0.0.1:{port}", token, data_dir, admin, server, thread)

    def confirm_leader(self, alg: str, public_key: bytes, name: str, post: str) -> str:
        """The demo office registers and confirms a leader's key at once."""
        return str(
            self.admin.register_key(
                DEMO_UNIT, alg=alg, public_key=public_key, name=name, post=post, confirm=True
            )
        )

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.admin.close()


def ensure_demo_leader(service: Any, demo: DemoEndpoint) -> None:
    """Enrol 演示领导 with :data:`DEMO_PIN` once, and have every enrolled leader's current
    key confirmed by the demo office (a demo has no office clerk to do it)."""
    name, post = DEMO_LEADER
    if not any(leader.name == name for leader in service.leaders()):
        service.enrol_leader(name, post, DEMO_PIN)
    for leader in service.leaders():
        key = service.store.leader_key(leader.key_id) if leader.key_id else None
        if key is not None:
            demo.confirm_leader(key.alg, key.public_key, leader.name, leader.post)
