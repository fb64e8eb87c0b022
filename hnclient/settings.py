"""User settings kept as a small JSON file in the config directory.

A missing or damaged file falls back to defaults (and a damaged one is kept aside, not
overwritten blindly), because a settings problem must never keep an officer from working.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from hnclient.fileio import write_bytes_atomically

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


@dataclass
class Settings:
    language: str = "zh_CN"
    #: The officer's unit (e.g. 共和县人民政府办公室), printed on documents and packages.
    unit: str = ""
    #: The information officer's name (信息报送员), recorded in the audit trail.
    officer: str = ""
    #: The information officer's telephone: with the unit and name, the contacts the office
    #: asks every unit for (附件1).
    phone: str = ""
    #: "yes" once the first-start questions (unit, name, phone) were shown, answered or not:
    #: they are asked once; later they are under 查看 → 本单位信息….
    first_start_asked: str = ""
    #: "on": send to the reference endpoint started on this PC (hnclient.demo), while no
    #: real endpoint is configured.
    demo_sending: str = ""
    #: "yes" while the officer has paused sending (发送栏的“暂停”): kept across restarts, so a
    #: pause meant for a metered connection or a meeting is not undone by reopening the program.
    sending_paused: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as error:
            log.warning("settings file %s unreadable (%s); using defaults", path, error)
            _keep_aside(path)
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known and isinstance(v, str)})
        if settings.language not in LANGUAGES:
            settings.language = "zh_CN"
        return settings

    def needs_first_start(self) -> bool:
        """Neither the unit nor the officer is known and the officer was never asked."""
        return not (self.unit.strip() or self.officer.strip() or self.first_start_asked)

    def save(self, path: Path) -> None:
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2)
        write_bytes_atomically(path, text.encode("utf-8"))


def _keep_aside(path: Path) -> None:
    try:
        os.replace(path, path.with_suffix(".damaged"))
    except OSError:
        pass
