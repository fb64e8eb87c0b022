"""Log files: rotating, in the logs directory, so a county technician can read what happened —
and never a secret: no endpoint token, no leader's PIN, no private key.

Two layers keep secrets out of the file, applied to every record (message and traceback)
before it is written:

- *Known secrets.* Where the client holds a secret it registers it (:func:`register_secret`:
  the PIN as it is checked, the token as it is stored or read, a private key as it is made or
  unsealed). Only a keyed digest is kept (HMAC under a key made for this run), never the
  value; every run of digits or token characters in a log line is digested and replaced when
  it matches.
- *Shapes.* ``Authorization: Bearer …``, ``pin=…``/``token=…``-style pairs and PEM private
  key blocks are replaced whatever their value.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import logging.handlers
import os
import re
import threading
from pathlib import Path

LOG_FILE = "hnclient.log"
#: What stands in a log line where a secret was.
HIDDEN = "[已隐去]"
#: Shorter values are not registered: they would blank out ordinary numbers in the log.
MIN_SECRET_LENGTH = 6

_KEY = os.urandom(32)
_DIGESTS: set[bytes] = set()
_DIGESTS_LOCK = threading.Lock()
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
#: Runs that may be a registered secret: digits (PINs, also full-width), then the characters
#: of tokens, hex and base64 (keys). Each maximal run is judged whole.
_RUNS = (
    re.compile(r"[0-9０-９]+"),
    re.compile(r"[A-Za-z0-9_\-]+"),
    re.compile(r"[A-Za-z0-9+/]+={0,2}"),
)
#: (pattern, what keeps its place): the label before a secret stays, the value goes.
_SHAPES = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/\-]+=*"),
    re.compile(
        r"(?i)(\b(?:pin|new_pin|old_pin|token|password|passwd|secret|private_key)"
        r"""["']?\s*[:=]\s*["']?)[^\s"',;&)}\]]+"""
    ),
    re.compile(
        r"()-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", re.S
    ),
)


def _digest(value: str) -> bytes:
    return hmac.new(_KEY, value.translate(_FULL_WIDTH).encode("utf-8"), hashlib.sha256).digest()


def register_secret(value: str | bytes | None) -> None:
    """Keep ``value`` out of every log line from now on (a keyed digest is kept, not the
    value). Bytes (a private key) are registered in their hex and base64 spellings."""
    if not value:
        return
    if isinstance(value, bytes):
        import base64

        spellings = [
            value.hex(),
            value.hex().upper(),
            base64.b64encode(value).decode("ascii"),
            base64.urlsafe_b64encode(value).decode("ascii").rstrip("="),
        ]
    else:
        spellings = [value.strip()]
    with _DIGESTS_LOCK:
        for text in spellings:
            if len(text) >= MIN_SECRET_LENGTH:
                _DIGESTS.add(_digest(text))


def redact(text: str) -> str:
    """``text`` with registered secrets and secret-shaped values replaced by :data:`HIDDEN`."""
    for shape in _SHAPES:
        text = shape.sub(lambda m: m.group(1) + HIDDEN, text)
    with _DIGESTS_LOCK:
        digests = set(_DIGESTS)
    if not digests:
        return text

    def hide(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) < MIN_SECRET_LENGTH:
            return run
        candidates = {run, run.rstrip("=")}
        return HIDDEN if any(_digest(c) in digests for c in candidates) else run

    for runs in _RUNS:
        text = runs.sub(hide, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message and traceback through :func:`redact` (once)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_hnclient_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._hnclient_redacted = True
        return True


class ChinaTimeFormatter(logging.Formatter):
    """Times in China Standard Time with their offset (``2026-12-01 08:45:03,120+08:00``),
    the time the window shows, whatever the PC's zone: a log line is matched to what an
    officer saw without arithmetic."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        from datetime import datetime

        from hnclient.china_time import CHINA_TZ

        moment = datetime.fromtimestamp(record.created, CHINA_TZ)
        if datefmt:
            return moment.strftime(datefmt)
        return f"{moment:%Y-%m-%d %H:%M:%S},{int(record.msecs):03d}+08:00"


def configure_logging(directory: Path, level: int = logging.INFO) -> Path:
    """Log to ``directory/hnclient.log`` (5 × 1 MB kept), secrets removed. Returns its path."""
    path = directory / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_hnclient", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        ChinaTimeFormatter("%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s")
    )
    handler.addFilter(RedactingFilter())
    handler._hnclient = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


def log_files(directory: Path) -> list[Path]:
    """The log file and its rotated predecessors that exist, newest first."""
    names = [LOG_FILE, *(f"{LOG_FILE}.{n}" for n in range(1, 6))]
    return [directory / name for name in names if (directory / name).is_file()]
