"""The county preset: what county IT sets once for every officer on a PC.

Today it holds the unit's name and the attachment size limits (notice 六(五) leaves room for
the office to agree other sizes); the roadmap adds the submission endpoint and the CA
certificate here. A machine-wide file (installed with the program) comes first, then
``preset.json`` in the user's config folder may override it. With ``HNCLIENT_HOME`` set only
that folder counts, so tests and portable installs see no machine-wide file.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hnclient import APP_AUTHOR, APP_NAME
from hnclient.checks.limits import MB, Limits
from hnclient.errors import OfficerError
from hnclient.paths import HOME_ENV, app_paths

PRESET_FILE = "preset.json"
SCHEMA = "hnclient-preset/1"
#: Preset keys (sizes in MB, as county IT thinks of them) and the Limits field each sets.
_LIMIT_KEYS = {
    "word_max_mb": "word_max_bytes",
    "jpeg_max_mb": "jpeg_max_bytes",
    "wmv_max_mb": "wmv_max_bytes",
}
_TOP_KEYS = {"schema", "unit", "limits", "allow_self_approval", "endpoint", "ca_bundle"}


class PresetError(OfficerError):
    """A preset file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Preset:
    unit: str = ""
    limits: Limits = field(default_factory=Limits)
    sources: tuple[Path, ...] = ()
    #: A leader may approve an item they submitted themselves (a one-person unit). Read only
    #: from the machine-wide file county IT installs (the officer can write the per-user one).
    allow_self_approval: bool = False
    #: The prefecture's submission endpoint (docs/protocol.md), e.g. ``https://…/``; empty:
    #: sending is not configured. ``ca_bundle``: a PEM file of the CA that signed its
    #: certificate, passed on every request. Both only from the machine-wide file: where
    #: items go and whom to trust is county IT's decision, not something a per-user file
    #: may redirect.
    endpoint: str = ""
    ca_bundle: Path | None = None

    @property
    def sending_configured(self) -> bool:
        return bool(self.endpoint)


def preset_files(environ: Mapping[str, str] | None = None) -> list[Path]:
    env = os.environ if environ is None else environ
    user = app_paths(dict(env)).config / PRESET_FILE
    if env.get(HOME_ENV):
        return [user]
    return [machine_preset_file(env), user]


def machine_preset_candidates(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[Path]:
    """Where the installers may have put the machine-wide preset, in the order looked at.

    Windows: ``%ProgramData%\\HainanZhou\\hnclient`` (platformdirs' site_config_dir). Linux:
    ``hnclient/`` in each ``XDG_CONFIG_DIRS`` folder, then ``/etc/xdg/hnclient`` (where the
    .deb installs it) — desktop sessions prepend their own folder (Kylin's UKUI session:
    ``/etc/xdg/xdg-ukui:/etc/xdg``), and platformdirs would look only in the first.
    """
    env = os.environ if environ is None else environ
    if (platform or sys.platform) == "linux":
        folders = [Path(d) for d in env.get("XDG_CONFIG_DIRS", "").split(":") if d.strip()]
        folders.append(Path("/etc/xdg"))
        return list(dict.fromkeys(folder / APP_NAME / PRESET_FILE for folder in folders))
    import platformdirs

    return [Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / PRESET_FILE]


def machine_preset_file(environ: Mapping[str, str] | None = None) -> Path:
    """The machine-wide preset in use: the first candidate that exists, else the first."""
    candidates = machine_preset_candidates(environ)
    return next((path for path in candidates if path.is_file()), candidates[0])


def load_preset(environ: Mapping[str, str] | None = None) -> Preset:
    """The merged preset; raises :class:`PresetError` for a file that exists but is wrong."""
    preset = Preset()
    files = preset_files(environ)
    for index, path in enumerate(files):
        if path.is_file():
            preset = _apply(preset, path, machine=index == 0)
    return preset


def _apply(preset: Preset, path: Path, *, machine: bool = True) -> Preset:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise _error(path, None, f"无法读取（{error}）", f"cannot be read ({error})") from error
    if not isinstance(data, dict):
        raise _error(path, None, "内容必须是一个 JSON 对象", "must hold one JSON object")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _error(path, unknown[0], "是不认识的设置项", "is not a known setting")
    if data.get("schema", SCHEMA) != SCHEMA:
        raise _error(path, "schema", f"应为“{SCHEMA}”", f"must be “{SCHEMA}”")
    unit = data.get("unit", preset.unit)
    if not isinstance(unit, str):
        raise _error(path, "unit", "必须是文字", "must be text")
    limits = preset.limits
    raw_limits: Any = data.get("limits", {})
    if not isinstance(raw_limits, dict):
        raise _error(path, "limits", "必须是 JSON 对象", "must be a JSON object")
    changes: dict[str, int] = {}
    for key, value in raw_limits.items():
        if key not in _LIMIT_KEYS:
            raise _error(path, f"limits.{key}", "是不认识的设置项", "is not a known setting")
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise _error(
                path, f"limits.{key}", "必须是大于 0 的数字（单位 MB）", "must be > 0 (MB)"
            )
        changes[_LIMIT_KEYS[key]] = int(value * MB)
    if changes:
        limits = replace(limits, **changes)
    allow_self = data.get("allow_self_approval", preset.allow_self_approval)
    if not isinstance(allow_self, bool):
        raise _error(path, "allow_self_approval", "必须是 true 或 false", "must be true or false")
    if not machine:
        allow_self = preset.allow_self_approval
    endpoint, ca_bundle = preset.endpoint, preset.ca_bundle
    if machine:
        endpoint, ca_bundle = _sending_keys(path, data, endpoint, ca_bundle)
    return Preset(
        unit=unit.strip(),
        limits=limits,
        sources=(*preset.sources, path),
        allow_self_approval=allow_self,
        endpoint=endpoint,
        ca_bundle=ca_bundle,
    )


def _sending_keys(
    path: Path, data: dict[str, Any], endpoint: str, ca_bundle: Path | None
) -> tuple[str, Path | None]:
    from urllib.parse import urlsplit

    raw = data.get("endpoint", endpoint)
    if not isinstance(raw, str):
        raise _error(path, "endpoint", "必须是网址文字", "must be a URL")
    raw = raw.strip()
    if raw:
        parts = urlsplit(raw)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise _error(
                path,
                "endpoint",
                "必须是 https:// 开头的完整网址",
                "must be a full https:// URL",
            )
    bundle: Any = data.get("ca_bundle", None if ca_bundle is None else str(ca_bundle))
    if bundle is not None and not isinstance(bundle, str):
        raise _error(path, "ca_bundle", "必须是证书文件的路径", "must be a file path")
    found: Path | None = None
    if bundle:
        found = Path(bundle)
        if not found.is_absolute():
            found = path.parent / found
        if not found.is_file():
            raise _error(
                path,
                "ca_bundle",
                f"指向的证书文件“{found}”不存在",
                f"names a certificate file “{found}” that does not exist",
            )
    return raw, found


def _error(path: Path, key: str | None, zh: str, en: str) -> PresetError:
    where_zh = f"中的“{key}”" if key else ""
    where_en = f", “{key}”" if key else ""
    return PresetError(
        f"县里安装的预设文件“{path}”{where_zh}{zh}。程序暂时使用默认设置；"
        "请联系本县信息化技术人员修正这个文件。",
        f"The preset file “{path}”{where_en} {en}. Defaults are used for now; ask your county "
        "IT staff to fix the file.",
    )
