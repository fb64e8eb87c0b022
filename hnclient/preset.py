"""The county preset: what county IT sets once for every officer on a PC (docs/preset.md).

One JSON file (schema ``hnclient-preset/1``): the unit (id and name), the prefecture's
submission endpoint and the CA certificate that signed it, the portal columns (栏目, notice
六(二) and 附件2) the unit feeds, size limits, formats allowed beyond the notice's Word/JPG/WMV,
and whether a leader may approve their own item.

Two places are read: the machine-wide file the installers put into platformdirs'
``site_config_dir`` first, then ``preset.json`` in the user's config folder. Security settings
(``endpoint``, ``allow_http``, ``ca_bundle``, ``allow_self_approval``, ``extra_formats``) come
only from the machine-wide file: where items go, whom to trust, who may sign and which files go
out are county IT's decisions, which an officer's own file must not change. A per-user file may
set the unit and the columns, and may lower the size limits but never raise them. With
``HNCLIENT_HOME`` set only that folder counts (see :func:`preset_files`), so tests and portable
installs see no machine-wide file of the PC.

The import from the window (设置 → 导入县级预设…) goes through :func:`plan_import` and
:func:`install_user_preset`: the whole file is validated as county IT wrote it, and only its
per-user part is installed; what needs the machine-wide file is listed, not applied.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hnclient import APP_AUTHOR, APP_NAME
from hnclient.checks.limits import EXTRA_KINDS, MB, Limits
from hnclient.errors import OfficerError
from hnclient.paths import HOME_ENV, app_paths
from hnclient.urls import is_https, is_loopback_http

log = logging.getLogger(__name__)

PRESET_FILE = "preset.json"
USER_PRESET_FILE = "preset.user.json"
SCHEMA = "hnclient-preset/1"
#: Preset keys (sizes in MB, as county IT thinks of them) and the Limits field each sets.
_LIMIT_KEYS = {
    "word_max_mb": "word_max_bytes",
    "jpeg_max_mb": "jpeg_max_bytes",
    "wmv_max_mb": "wmv_max_bytes",
}
#: Keys only the machine-wide file may set (a per-user file's are ignored).
MACHINE_KEYS = frozenset(
    {"endpoint", "allow_http", "ca_bundle", "allow_self_approval", "extra_formats"}
)
#: The machine-wide keys in words, for the import dialog. A yes/no setting is named as a
#: question ("是否允许…"): named as a statement it read as if the file turned it on.
MACHINE_KEY_LABELS = {
    "endpoint": ("报送系统地址", "submission endpoint"),
    "allow_http": ("是否允许不加密的本机测试地址", "whether a plain-http test endpoint is allowed"),
    "ca_bundle": ("CA 证书", "CA certificate"),
    "allow_self_approval": (
        "是否允许领导签发自己提交的信息",
        "whether a leader may sign off items they submitted",
    ),
    "extra_formats": ("另外允许的格式", "extra formats"),
}


def describe_machine_setting(key: str, value: Any) -> tuple[str, str]:
    """A machine-wide setting with the value a file gives it, in Chinese and English:
    “是否允许领导签发自己提交的信息（文件中为：否）”."""
    zh, en = MACHINE_KEY_LABELS[key]
    if isinstance(value, bool):
        value_zh, value_en = ("是", "yes") if value else ("否", "no")
    elif isinstance(value, list):
        names = [EXTRA_KINDS[v] if v in EXTRA_KINDS else (str(v), str(v)) for v in value]
        value_zh = "、".join(n[0] for n in names) or "无"
        value_en = ", ".join(n[1] for n in names) or "none"
    else:
        value_zh = value_en = str(value)
    return f"{zh}（文件中为：{value_zh}）", f"{en} (in the file: {value_en})"


#: Keys a per-user file may set (limits only downwards).
USER_KEYS = frozenset({"unit", "columns", "limits"})
_TOP_KEYS = {"schema", *MACHINE_KEYS, *USER_KEYS}
#: A unit's id in the prefecture's register: the six-digit administrative division code
#: (GB/T 2260: 632500 海南州, 632521 共和县 … 632525 贵南县), a hyphen, a short Latin
#: abbreviation of the unit (e.g. ``632521-zfb`` for 共和县人民政府办公室).
UNIT_ID = re.compile(r"^[1-9]\d{5}-[a-z][a-z0-9]{1,19}$")
_DEFINITIONS = Path(__file__).resolve().parent / "forms" / "definitions"


class PresetError(OfficerError):
    """A preset file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Column:
    """A portal column (栏目) the unit feeds, and the categories whose items belong in it."""

    name: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Preset:
    unit: str = ""
    #: The unit's id in the prefecture's register (:data:`UNIT_ID`); empty if not set.
    unit_id: str = ""
    limits: Limits = field(default_factory=Limits)
    #: The files read, machine-wide first.
    sources: tuple[Path, ...] = ()
    #: The machine-wide file, when there was one.
    machine_source: Path | None = None
    #: A leader may approve an item they submitted themselves (a one-person unit). Read only
    #: from the machine-wide file county IT installs (the officer can write the per-user one).
    allow_self_approval: bool = False
    #: The prefecture's submission endpoint (docs/protocol.md), e.g. ``https://…/``; empty:
    #: sending is not configured. ``ca_bundle``: a PEM file of the CA that signed its
    #: certificate, passed on every request. Both only from the machine-wide file.
    endpoint: str = ""
    ca_bundle: Path | None = None
    #: The portal columns (栏目) assigned to the unit (notice 附件2).
    columns: tuple[Column, ...] = ()
    #: Keys a per-user file set that only the machine-wide file may set: ignored, logged.
    ignored: tuple[str, ...] = ()

    @property
    def sending_configured(self) -> bool:
        return bool(self.endpoint)

    def columns_for(self, category: str) -> list[str]:
        """The names of the unit's columns that items of ``category`` feed."""
        return [c.name for c in self.columns if category in c.categories]

    def summary(self) -> list[tuple[str, str]]:
        """What this preset sets, as ``(Chinese, English)`` lines for people."""
        lines: list[tuple[str, str]] = []
        if self.unit or self.unit_id:
            shown = f"{self.unit}（{self.unit_id}）" if self.unit_id else self.unit
            lines.append((f"单位：{shown}", f"Unit: {shown}"))
        if self.endpoint:
            lines.append(
                (f"报送系统地址：{self.endpoint}", f"Submission endpoint: {self.endpoint}")
            )
        if self.ca_bundle:
            lines.append((f"CA 证书：{self.ca_bundle}", f"CA certificate: {self.ca_bundle}"))
        for column in self.columns:
            lines.append((f"栏目：{column.name}", f"Column: {column.name}"))
        default = Limits()
        for key, attr in _LIMIT_KEYS.items():
            value = getattr(self.limits, attr)
            if value != getattr(default, attr):
                what = {"word": "Word 文档", "jpeg": "JPG 照片", "wmv": "WMV 视频"}[key[:-7]]
                mb = f"{value / MB:g} MB"
                lines.append((f"{what}最大：{mb}", f"{key[:-7]} limit: {mb}"))
        for kind in sorted(self.limits.extra_kinds):
            zh, en = EXTRA_KINDS[kind]
            lines.append((f"另外允许的格式：{zh}", f"Also allowed: {en}"))
        if self.allow_self_approval:
            lines.append(("允许领导审核自己提交的信息", "A leader may approve their own items"))
        return lines


def preset_files(environ: Mapping[str, str] | None = None) -> list[Path]:
    """``[machine-wide, per-user]``. With ``HNCLIENT_HOME`` (tests, a portable install) that
    folder is the installation: ``config/preset.json`` plays the machine-wide file and
    ``config/preset.user.json`` the officer's own."""
    env = os.environ if environ is None else environ
    config = app_paths(dict(env)).config
    if env.get(HOME_ENV):
        return [config / PRESET_FILE, config / USER_PRESET_FILE]
    return [machine_preset_file(env), config / PRESET_FILE]


def user_preset_file(environ: Mapping[str, str] | None = None) -> Path:
    return preset_files(environ)[1]


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
    preset, problems = load_preset_reporting(environ)
    if problems:
        raise problems[0]
    return preset


def load_preset_reporting(
    environ: Mapping[str, str] | None = None,
) -> tuple[Preset, list[PresetError]]:
    """The merged preset of the files that are right, and the errors of those that are not:
    a broken per-user file must not take the county's machine-wide settings with it."""
    preset = Preset()
    problems: list[PresetError] = []
    for index, path in enumerate(preset_files(environ)):
        if path.is_file():
            try:
                preset = _apply(preset, path, machine=index == 0)
            except PresetError as error:
                log.error("preset refused: %s", error.message_en())
                problems.append(error)
    if preset.ignored:
        log.warning("per-user preset: ignored machine-wide keys %s", ", ".join(preset.ignored))
    return preset, problems


def read_preset_file(path: Path) -> Preset:
    """One file on its own, validated as a machine-wide file (what county IT installs)."""
    return _apply(Preset(), path, machine=True)


# -- import from the window -------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPlan:
    """What importing a preset file would do, for the officer to confirm."""

    source: Path
    #: The file as county IT wrote it (validated whole).
    preset: Preset
    #: The per-user part that will be installed.
    user_data: dict[str, Any]
    target: Path
    #: Settings in the file that only the machine-wide preset may set: not applied.
    not_applied: tuple[str, ...]
    #: Those settings with the file's values, in words (:func:`describe_machine_setting`).
    not_applied_shown: tuple[tuple[str, str], ...] = ()

    def applied(self) -> list[tuple[str, str]]:
        """The lines of :meth:`Preset.summary` that the per-user part sets."""
        user = Preset(
            unit=self.preset.unit,
            unit_id=self.preset.unit_id,
            limits=replace(self.preset.limits, extra_kinds=frozenset()),
            columns=self.preset.columns,
        )
        return user.summary()


def plan_import(source: Path, environ: Mapping[str, str] | None = None) -> ImportPlan:
    """Validate ``source`` whole and say what importing it would set; :class:`PresetError`
    (naming the file and the setting) when it is wrong."""
    preset = read_preset_file(source)
    data = _read_json(source)
    user_data: dict[str, Any] = {"schema": SCHEMA}
    user_data.update({k: data[k] for k in sorted(USER_KEYS) if k in data})
    not_applied = tuple(sorted(k for k in MACHINE_KEYS if k in data))
    return ImportPlan(
        source=source,
        preset=preset,
        user_data=user_data,
        target=user_preset_file(environ),
        not_applied=not_applied,
        not_applied_shown=tuple(describe_machine_setting(k, data[k]) for k in not_applied),
    )


def install_user_preset(plan: ImportPlan) -> Path:
    """Write the plan's per-user part as this user's ``preset.json`` (atomically)."""
    from hnclient.fileio import write_bytes_atomically

    text = json.dumps(plan.user_data, ensure_ascii=False, indent=2) + "\n"
    try:
        write_bytes_atomically(plan.target, text.encode("utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        raise PresetError(
            f"无法写入“{plan.target}”（{reason}），预设没有导入。请检查磁盘空间和文件夹权限。",
            f"Cannot write {plan.target} ({reason}); the preset was not imported.",
        ) from error
    log.info("per-user preset imported from %s into %s", plan.source, plan.target)
    return plan.target


# -- reading one file -------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise _error(path, key, "出现了两次", "appears twice")
            seen[key] = value
        return seen

    try:
        return json.loads(path.read_text(encoding="utf-8-sig"), object_pairs_hook=no_duplicates)
    except PresetError:
        raise
    except UnicodeDecodeError as error:
        raise _error(
            path, None, "不是 UTF-8 编码的文本，请用 UTF-8 保存", "is not UTF-8 text"
        ) from error
    except ValueError as error:
        raise _error(
            path, None, f"不是正确的 JSON（{error}）", f"is not valid JSON ({error})"
        ) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise _error(path, None, f"无法读取（{reason}）", f"cannot be read ({reason})") from error


def _apply(preset: Preset, path: Path, *, machine: bool = True) -> Preset:
    data = _read_json(path)
    if not isinstance(data, dict):
        raise _error(path, None, "内容必须是一个 JSON 对象（{…}）", "must hold one JSON object")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        known = "、".join(sorted(_TOP_KEYS))
        raise _error(
            path, unknown[0], f"是不认识的设置项（可用的有：{known}）", "is not a known setting"
        )
    if data.get("schema", SCHEMA) != SCHEMA:
        raise _error(path, "schema", f"应为“{SCHEMA}”", f"must be “{SCHEMA}”")
    unit, unit_id = _unit(path, data.get("unit"), preset)
    columns = _columns(path, data["columns"]) if "columns" in data else preset.columns
    limits = _limits(path, data.get("limits", {}), preset.limits, machine=machine)
    # Security settings are validated in either file (a wrong value is a mistake worth
    # naming) but taken only from the machine-wide one.
    allow_self = _bool(path, data, "allow_self_approval", preset.allow_self_approval)
    allow_http = _bool(path, data, "allow_http", False)
    endpoint, ca_bundle = _sending_keys(path, data, preset.endpoint, preset.ca_bundle, allow_http)
    extra = _extra_formats(path, data.get("extra_formats", []))
    ignored = preset.ignored
    if machine:
        limits = replace(limits, extra_kinds=extra)
    else:
        ignored = (*ignored, *sorted(k for k in MACHINE_KEYS if k in data))
        allow_self, endpoint, ca_bundle = (
            preset.allow_self_approval,
            preset.endpoint,
            preset.ca_bundle,
        )
    return Preset(
        unit=unit,
        unit_id=unit_id,
        limits=limits,
        sources=(*preset.sources, path),
        machine_source=path if machine else preset.machine_source,
        allow_self_approval=allow_self,
        endpoint=endpoint,
        ca_bundle=ca_bundle,
        columns=columns,
        ignored=ignored,
    )


def _unit(path: Path, raw: Any, preset: Preset) -> tuple[str, str]:
    if raw is None:
        return preset.unit, preset.unit_id
    if isinstance(raw, str):  # the first form of the file: the name only
        return raw.strip(), preset.unit_id
    if not isinstance(raw, dict):
        raise _error(
            path, "unit", '必须是 {"id": …, "name": …} 或单位名称文字', "must be an object"
        )
    unknown = sorted(set(raw) - {"id", "name"})
    if unknown:
        raise _error(path, f"unit.{unknown[0]}", "是不认识的设置项（可用：id、name）", "unknown")
    name = raw.get("name", preset.unit)
    if not isinstance(name, str) or not name.strip():
        raise _error(
            path, "unit.name", "必须是单位全称（文字，不能为空）", "must be the unit's name"
        )
    unit_id = raw.get("id", preset.unit_id)
    if not isinstance(unit_id, str) or (unit_id and not UNIT_ID.match(unit_id.strip())):
        raise _error(
            path,
            "unit.id",
            "格式不对：应为六位行政区划代码、短横线和单位的拼音缩写（小写），如“632521-zfb”",
            "must look like 632521-zfb (division code, hyphen, abbreviation)",
        )
    return name.strip(), unit_id.strip()


def _columns(path: Path, raw: Any) -> tuple[Column, ...]:
    if not isinstance(raw, list):
        raise _error(path, "columns", "必须是栏目列表（[…]）", "must be a list")
    known = sorted(p.stem for p in _DEFINITIONS.glob("*.json"))
    columns: list[Column] = []
    for index, entry in enumerate(raw):
        where = f"columns[{index}]"
        if not isinstance(entry, dict):
            raise _error(path, where, '必须是 {"name": …, "categories": […]}', "must be an object")
        unknown = sorted(set(entry) - {"name", "categories"})
        if unknown:
            raise _error(path, f"{where}.{unknown[0]}", "是不认识的设置项", "is not known")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _error(path, f"{where}.name", "必须是栏目名称（不能为空）", "must be a name")
        if any(c.name == name.strip() for c in columns):
            raise _error(path, f"{where}.name", f"栏目“{name}”重复了", "is a duplicate")
        categories = entry.get("categories")
        if (
            not isinstance(categories, list)
            or not categories
            or not all(isinstance(c, str) for c in categories)
        ):
            raise _error(
                path,
                f"{where}.categories",
                "必须是至少含一个信息类别的列表",
                "must list categories",
            )
        wrong = [c for c in categories if c not in known]
        if wrong:
            raise _error(
                path,
                f"{where}.categories",
                f"中的“{wrong[0]}”不是信息类别（可用：{'、'.join(known)}）",
                f"names an unknown category {wrong[0]!r}",
            )
        columns.append(Column(name=name.strip(), categories=tuple(dict.fromkeys(categories))))
    return tuple(columns)


def _limits(path: Path, raw: Any, base: Limits, *, machine: bool) -> Limits:
    if not isinstance(raw, dict):
        raise _error(path, "limits", "必须是 JSON 对象", "must be a JSON object")
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _LIMIT_KEYS:
            known = "、".join(_LIMIT_KEYS)
            raise _error(
                path, f"limits.{key}", f"是不认识的设置项（可用：{known}）", "is not known"
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise _error(
                path, f"limits.{key}", "必须是大于 0 的数字（单位 MB）", "must be > 0 (MB)"
            )
        attr = _LIMIT_KEYS[key]
        wanted = int(value * MB)
        # A per-user file may only tighten what the machine-wide file (or the notice) allows.
        changes[attr] = wanted if machine else min(wanted, getattr(base, attr))
    return replace(base, **changes) if changes else base


def _bool(path: Path, data: dict[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise _error(path, key, "必须是 true 或 false", "must be true or false")
    return value


def _extra_formats(path: Path, raw: Any) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        raise _error(path, "extra_formats", '必须是格式名称的列表，如 ["wma"]', "must be a list")
    for kind in raw:
        if kind.strip().lower() not in EXTRA_KINDS:
            offered = "、".join(EXTRA_KINDS)
            raise _error(
                path,
                "extra_formats",
                f"中的“{kind}”不能放行：程序只能放行它能按内容检查的格式（目前可用：{offered}）；"
                "其它格式的材料请先转换为 Word、JPG 或 WMV",
                f"names {kind!r}, which the checks cannot judge (offered: {list(EXTRA_KINDS)})",
            )
    return frozenset(k.strip().lower() for k in raw)


def _sending_keys(
    path: Path,
    data: dict[str, Any],
    endpoint: str,
    ca_bundle: Path | None,
    allow_http: bool,
) -> tuple[str, Path | None]:
    raw = data.get("endpoint", endpoint)
    if not isinstance(raw, str):
        raise _error(path, "endpoint", "必须是网址文字", "must be a URL")
    raw = raw.strip()
    if raw and not is_https(raw):
        if is_loopback_http(raw) and not allow_http:
            raise _error(
                path,
                "endpoint",
                '是不加密的 http:// 地址：只用于本机测试，须同时写明 "allow_http": true',
                'is plain http: allowed only for a local test with "allow_http": true',
            )
        if not is_loopback_http(raw):
            raise _error(
                path,
                "endpoint",
                "必须是 https:// 开头的完整网址（不加密的 http:// 只允许本机测试地址）",
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
        try:
            head = found.read_bytes()[:65536]
        except OSError as error:
            raise _error(
                path, "ca_bundle", f"指向的证书文件无法读取（{error}）", "cannot be read"
            ) from error
        if b"-----BEGIN CERTIFICATE-----" not in head:
            raise _error(
                path,
                "ca_bundle",
                f"指向的“{found}”不是 PEM 格式的证书（应含 -----BEGIN CERTIFICATE-----）",
                f"names “{found}”, which is not a PEM certificate",
            )
    return raw, found


def _error(path: Path, key: str | None, zh: str, en: str) -> PresetError:
    where_zh = f"中的“{key}”" if key else ""
    where_en = f", “{key}”" if key else ""
    return PresetError(
        f"预设文件“{path}”{where_zh}{zh}。这个文件的设置没有使用；"
        "请联系本县信息化技术人员修正这个文件。",
        f"The preset file “{path}”{where_en} {en}. Its settings are not used; ask your county "
        "IT staff to fix the file.",
    )
