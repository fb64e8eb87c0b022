"""What can go wrong while sending, each with words for the officer (zh/en)."""

from __future__ import annotations

from hnclient.errors import OfficerError


class SendingError(OfficerError):
    """A failure of sending. ``retryable``: trying again later may succeed; ``code``: the
    endpoint's error code (docs/protocol.md §4, §8) when it gave one."""

    retryable = False

    def __init__(self, message_zh: str, message_en: str, code: str = "") -> None:
        super().__init__(message_zh, message_en)
        self.code = code


class NotConfigured(SendingError):
    """No endpoint in the preset."""

    def __init__(self) -> None:
        super().__init__(
            "本机还没有设置报送系统的地址，不能在线报送。请联系本县信息化技术人员在预设中设置"
            "“endpoint”；在此之前可以用“导出报送包”报送。",
            "No submission endpoint is configured (preset key “endpoint”).",
        )


class InsecureEndpoint(SendingError):
    """Plain http to a host that is not this computer, or a URL on another server."""


class TransientError(SendingError):
    """No usable answer (network, timeout, 5xx, 408/429, a 2xx that is not what the
    protocol promises): tried again with backoff."""

    retryable = True


class RefusedError(SendingError):
    """The endpoint refused (a 4xx other than 408/429): trying the same again will not help;
    the message is the endpoint's own when it gave one."""

    def __init__(self, message_zh: str, message_en: str, code: str = "", status: int = 0) -> None:
        super().__init__(message_zh, message_en, code)
        self.status = status


class Unauthorized(RefusedError):
    """401: the unit token is missing, wrong or withdrawn — nothing can be sent with it."""


class UploadGone(SendingError):
    """404/410 on an upload: it expired or was removed; start it again."""

    retryable = True


class LocalFileProblem(SendingError):
    """The stored attachment is missing or no longer hashes to what the leader signed."""


class AlreadySending(SendingError):
    """Another sender holds the data folder. The window holds the sender lock all the time it
    is open with sending configured (idle or not), so "is sending" would often be untrue:
    ``window_open`` says who holds it when the caller could tell (None: not known)."""

    def __init__(self, window_open: bool | None = None) -> None:
        if window_open is True:
            zh = (
                "程序窗口已打开，由窗口负责发送（窗口打开期间会自动发送待发送的信息），"
                "现在不需要运行“hnclient sync”。发送结果请在窗口中查看。"
            )
            en = (
                "The program window is open and sends queued items itself while it is open;"
                " hnclient sync is not needed now. See the results in the window."
            )
        elif window_open is False:
            zh = "另一个“hnclient sync”正在运行，请等它结束；它会发送全部待发送的信息。"
            en = "Another hnclient sync is running; wait for it to finish (it sends all queued)."
        else:
            zh = (
                "程序窗口已打开，由窗口负责发送（窗口打开期间会自动发送待发送的信息），"
                "现在不需要运行“hnclient sync”。如果窗口没有打开，说明另一个“hnclient sync”"
                "正在运行，请等它结束。"
            )
            en = (
                "The program window is open and sends queued items itself, so hnclient sync is"
                " not needed now; if no window is open, another hnclient sync is running: wait"
                " for it to finish."
            )
        super().__init__(zh, en)
        self.window_open = window_open


class Cancelled(Exception):
    """Sending was paused for good or cancelled; the item stays queued."""
