from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hnclient.checks.limits import MB, Limits
from hnclient.preset import PresetError, load_preset, preset_files


def write(home: Path, data: object) -> Path:
    path = home / "config" / "preset.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_no_preset_gives_the_notice_defaults(hnclient_home: Path) -> None:
    preset = load_preset()
    assert preset.limits == Limits() and preset.unit == "" and preset.sources == ()


def test_preset_sets_unit_and_limits_in_mb(hnclient_home: Path) -> None:
    path = write(
        hnclient_home,
        {"schema": "hnclient-preset/1", "unit": " 贵南县人民政府办公室 ",
         "limits": {"jpeg_max_mb": 5, "wmv_max_mb": 512.5}},
    )  # fmt: skip
    preset = load_preset()
    assert preset.unit == "贵南县人民政府办公室"
    assert preset.limits.jpeg_max_bytes == 5 * MB
    assert preset.limits.wmv_max_bytes == int(512.5 * MB)
    assert preset.limits.word_max_bytes == Limits().word_max_bytes
    assert preset.sources == (path,)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"limits": {"jpeg_max_mb": -1}}, "limits.jpeg_max_mb"),
        ({"limits": {"jpg_max_mb": 5}}, "limits.jpg_max_mb"),
        ({"endpoint": "x"}, "endpoint"),
        ({"unit": 5}, "unit"),
        ([1, 2], "JSON 对象"),
    ],
)
def test_a_wrong_preset_is_refused_naming_file_and_key(
    hnclient_home: Path, data: object, named: str
) -> None:
    path = write(hnclient_home, data)
    with pytest.raises(PresetError) as caught:
        load_preset()
    assert str(path) in caught.value.message_zh() and named in caught.value.message_zh()


def test_home_isolates_from_the_machine_wide_preset(hnclient_home: Path) -> None:
    assert preset_files() == [hnclient_home / "config" / "preset.json"]
    machine, user = preset_files({})
    assert machine.name == user.name == "preset.json" and machine != user


def test_endpoint_and_ca_bundle(hnclient_home: Path) -> None:
    bundle = hnclient_home / "config" / "county-ca.pem"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    write(hnclient_home, {"endpoint": "https://xxbs.hainanzhou.gov.cn/", "ca_bundle": bundle.name})
    preset = load_preset()
    assert preset.endpoint == "https://xxbs.hainanzhou.gov.cn/" and preset.sending_configured
    assert preset.ca_bundle == bundle
    write(hnclient_home, {"endpoint": "https://x.example/", "ca_bundle": "missing.pem"})
    with pytest.raises(PresetError) as caught:
        load_preset()
    assert "ca_bundle" in caught.value.message_zh() and "missing.pem" in caught.value.message_zh()


def test_a_per_user_preset_cannot_redirect_sending(tmp_path: Path) -> None:
    from hnclient.preset import Preset, _apply

    path = tmp_path / "preset.json"
    path.write_text(json.dumps({"endpoint": "https://elsewhere.example/"}), encoding="utf-8")
    machine = Preset(endpoint="https://xxbs.hainanzhou.gov.cn/")
    assert _apply(machine, path, machine=False).endpoint == "https://xxbs.hainanzhou.gov.cn/"


def test_machine_preset_is_found_in_any_xdg_config_dir_and_in_etc_xdg(tmp_path: Path) -> None:
    from hnclient.preset import machine_preset_candidates, machine_preset_file

    session, shared = tmp_path / "xdg-ukui", tmp_path / "xdg"
    env = {"XDG_CONFIG_DIRS": f"{session}:{shared}"}
    candidates = machine_preset_candidates(env, platform="linux")
    assert candidates == [
        session / "hnclient" / "preset.json",
        shared / "hnclient" / "preset.json",
        Path("/etc/xdg/hnclient/preset.json"),  # where the .deb puts it, whatever the session
    ]
    assert machine_preset_candidates({}, platform="linux") == [
        Path("/etc/xdg/hnclient/preset.json")
    ]
    (shared / "hnclient").mkdir(parents=True)
    (shared / "hnclient" / "preset.json").write_text('{"unit": "共和县"}', encoding="utf-8")
    if sys.platform == "linux":
        assert machine_preset_file(env) == shared / "hnclient" / "preset.json"
        assert preset_files(env)[0] == shared / "hnclient" / "preset.json"
