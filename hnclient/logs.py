"""Log files: rotating, in the logs directory, so a county technician can read what happened."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "hnclient.log"


def configure_logging(directory: Path, level: int = logging.INFO) -> Path:
    """Log to ``directory/hnclient.log`` (5 × 1 MB kept). Returns the file's path."""
    path = directory / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_hnclient", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._hnclient = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
