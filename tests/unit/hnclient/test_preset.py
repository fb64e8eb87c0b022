from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hnclient.checks.limits import MB, Limits
from hnclient.preset import (
    Column,
    PresetError,
    install_user_preset,
    load_preset,
    plan_import,
    preset_files,
    read_preset_file,
)

PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def write(home: Path, data: object, name: str = "preset.json") -> Path:
    path = home / "config" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_no_preset_gives_the_notice_defaults(hnclient_home: Path) -> None:
    preset = load_preset()
    assert preset.limits == Limits() and preset.unit == "" and preset.sources == ()
    assert preset.machine_source is None and preset.columns == ()


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
    assert preset.sources == (path,) and preset.machine_source == path


def test_unit_id_name_and_columns(hnclient_home: Path) -> None:
    write(
        hnclient_home,
        {"unit": {"id": "632521-zfb", "name": "共和县人民政府办公室"},
         "columns": [{"name": "县区动态", "categories": ["leadership", "visits"]},
                     {"name": "通知公告", "categories": ["services"]}]},
    )  # fmt: skip
    preset = load_preset()
    assert (preset.unit_id, preset.unit) == ("632521-zfb", "共和县人民政府办公室")
    assert preset.columns[0] == Column("县区动态", ("leadership", "visits"))
    assert preset.columns_for("visits") == ["县区动态"] and preset.columns_for("other") == []


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"limits": {"jpeg_max_mb": -1}}, "limits.jpeg_max_mb"),
        ({"limits": {"jpeg_max_mb": "5"}}, "limits.jpeg_max_mb"),
        ({"limits": {"jpg_max_mb": 5}}, "limits.jpg_max_mb"),
        ({"limits": [5]}, "limits"),
        ({"endpoint": "x"}, "endpoint"),
        ({"endpoint": "ftp://xxbs.example/"}, "endpoint"),
        ({"endpoint": 443}, "endpoint"),
        ({"endpoint": "http://xxbs.example/"}, "https://"),
        ({"endpoint": "http://xxbs.example/", "allow_http": True}, "https://"),
        ({"endpoint": "http://127.0.0.1:8750/"}, "allow_http"),
        ({"allow_http": "yes"}, "allow_http"),
        ({"allow_self_approval": 1}, "allow_self_approval"),
        ({"unit": 5}, "unit"),
        ({"unit": {"name": ""}}, "unit.name"),
        ({"unit": {"name": "同德县人民政府办公室", "id": "tongde"}}, "unit.id"),
        ({"unit": {"name": "同德县人民政府办公室", "id": "632522-ZFB"}}, "unit.id"),
        ({"unit": {"name": "同德县人民政府办公室", "code": "x"}}, "unit.code"),
        ({"columns": "县区动态"}, "columns"),
        ({"columns": [{"name": "县区动态"}]}, "columns[0].categories"),
        ({"columns": [{"name": "县区动态", "categories": ["news"]}]}, "news"),
        (
            {
                "columns": [
                    {"name": "A", "categories": ["other"]},
                    {"name": "A", "categories": ["other"]},
                ]
            },
            "columns[1].name",
        ),  # fmt: skip
        ({"extra_formats": ["pdf"]}, "pdf"),
        ({"extra_formats": "wma"}, "extra_formats"),
        ({"ca_bundle": 5}, "ca_bundle"),
        ({"schema": "hnclient-preset/9"}, "schema"),
        ({"endpoints": "https://x.example/"}, "endpoints"),
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


def test_bytes_that_are_no_json_object_are_refused_in_chinese(hnclient_home: Path) -> None:
    path = hnclient_home / "config" / "preset.json"
    path.parent.mkdir(parents=True)
    for raw, words in (
        (b"{broken", "不是正确的 JSON"),
        ('{"unit": "共和县"}'.encode("gbk"), "UTF-8"),
        (b'{"unit": "a", "unit": "b"}', "出现了两次"),
    ):
        path.write_bytes(raw)
        with pytest.raises(PresetError) as caught:
            load_preset()
        assert words in caught.value.message_zh() and str(path) in caught.value.message_zh()


def test_home_isolates_from_the_machine_wide_preset(hnclient_home: Path) -> None:
    config = hnclient_home / "config"
    assert preset_files() == [config / "preset.json", config / "preset.user.json"]
    machine, user = preset_files({})
    assert machine.name == user.name == "preset.json" and machine != user


def test_endpoint_and_ca_bundle(hnclient_home: Path) -> None:
    bundle = hnclient_home / "config" / "county-ca.pem"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.write_text(PEM)
    write(hnclient_home, {"endpoint": "https://xxbs.hainanzhou.gov.cn/", "ca_bundle": bundle.name})
    preset = load_preset()
    assert preset.endpoint == "https://xxbs.hainanzhou.gov.cn/" and preset.sending_configured
    assert preset.ca_bundle == bundle
    write(hnclient_home, {"endpoint": "https://x.example/", "ca_bundle": "missing.pem"})
    with pytest.raises(PresetError) as caught:
        load_preset()
    assert "ca_bundle" in caught.value.message_zh() and "missing.pem" in caught.value.message_zh()
    (bundle.parent / "key.pem").write_text("-----BEGIN PRIVATE KEY-----\n")
    write(hnclient_home, {"endpoint": "https://x.example/", "ca_bundle": "key.pem"})
    with pytest.raises(PresetError) as caught:
        load_preset()
    assert "PEM" in caught.value.message_zh()


def test_plain_http_only_to_loopback_and_only_when_allowed(hnclient_home: Path) -> None:
    write(hnclient_home, {"endpoint": "http://127.0.0.1:8750/", "allow_http": True})
    assert load_preset().endpoint == "http://127.0.0.1:8750/"


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


def test_extra_formats_reach_the_checks(hnclient_home: Path) -> None:
    write(hnclient_home, {"extra_formats": ["WMA"]})
    limits = load_preset().limits
    assert limits.extra_kinds == frozenset({"wma"})
    assert limits.max_bytes_for("wma") == limits.wmv_max_bytes
    assert Limits().max_bytes_for("wma") is None


def test_a_per_user_preset_never_overrides_machine_wide_security(hnclient_home: Path) -> None:
    config = hnclient_home / "config"
    config.mkdir(parents=True)
    (config / "county-ca.pem").write_text(PEM)
    (config / "mine.pem").write_text(PEM)
    write(
        hnclient_home,
        {"unit": {"id": "632523-zfb", "name": "贵德县人民政府办公室"},
         "endpoint": "https://xxbs.hainanzhou.gov.cn/", "ca_bundle": "county-ca.pem",
         "limits": {"jpeg_max_mb": 10}},
    )  # fmt: skip
    user = write(
        hnclient_home,
        {"unit": "贵德县人民政府办公室（信息科）",
         "endpoint": "https://elsewhere.example/", "ca_bundle": "mine.pem",
         "allow_self_approval": True, "extra_formats": ["wma"],
         "limits": {"jpeg_max_mb": 50, "wmv_max_mb": 100},
         "columns": [{"name": "县区动态", "categories": ["other"]}]},
        "preset.user.json",
    )  # fmt: skip
    preset = load_preset()
    assert preset.endpoint == "https://xxbs.hainanzhou.gov.cn/"
    assert preset.ca_bundle == config / "county-ca.pem"
    assert not preset.allow_self_approval and preset.limits.extra_kinds == frozenset()
    # limits: a per-user file tightens (wmv) but never loosens (jpeg stays at the machine's)
    assert preset.limits.jpeg_max_bytes == 10 * MB and preset.limits.wmv_max_bytes == 100 * MB
    # what is not security comes from the officer's file
    assert preset.unit == "贵德县人民政府办公室（信息科）" and preset.unit_id == "632523-zfb"
    assert preset.columns_for("other") == ["县区动态"]
    assert set(preset.ignored) == {"endpoint", "ca_bundle", "allow_self_approval", "extra_formats"}
    assert preset.sources == (config / "preset.json", user)
    assert preset.machine_source == config / "preset.json"


def test_import_installs_only_the_per_user_part(hnclient_home: Path, tmp_path: Path) -> None:
    source_dir = tmp_path / "U盘"
    source_dir.mkdir()
    (source_dir / "ca.pem").write_text(PEM)
    source = source_dir / "兴海县预设.json"
    source.write_text(
        json.dumps(
            {"schema": "hnclient-preset/1",
             "unit": {"id": "632524-zfb", "name": "兴海县人民政府办公室"},
             "endpoint": "https://xxbs.hainanzhou.gov.cn/", "ca_bundle": "ca.pem",
             "allow_self_approval": True, "limits": {"jpeg_max_mb": 10},
             "columns": [{"name": "县区动态", "categories": ["leadership"]}]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )  # fmt: skip
    plan = plan_import(source)
    assert plan.not_applied == ("allow_self_approval", "ca_bundle", "endpoint")
    applied = "\n".join(zh for zh, _en in plan.applied())
    assert "兴海县人民政府办公室（632524-zfb）" in applied and "县区动态" in applied
    assert "https://" not in applied
    assert plan.target == hnclient_home / "config" / "preset.user.json"
    install_user_preset(plan)
    preset = load_preset()
    assert preset.unit == "兴海县人民政府办公室" and preset.columns_for("leadership")
    assert preset.limits.jpeg_max_bytes == 10 * MB
    assert not preset.sending_configured and not preset.allow_self_approval


def test_import_plan_shows_the_file_s_value_of_what_it_does_not_apply(
    hnclient_home: Path, tmp_path: Path
) -> None:
    """Trial finding: "allow_self_approval": false was listed as “不会应用：允许领导审核自己
    提交的信息”, which read as if the file wanted to allow it."""
    source = tmp_path / "preset.json"
    source.write_text(
        json.dumps({"schema": "hnclient-preset/1", "unit": "兴海县人民政府办公室",
                    "allow_self_approval": False, "allow_http": False,
                    "extra_formats": ["wma"]}, ensure_ascii=False),
        encoding="utf-8",
    )  # fmt: skip
    plan = plan_import(source)
    assert [zh for zh, _en in plan.not_applied_shown] == [
        "是否允许不加密的本机测试地址（文件中为：否）",
        "是否允许领导签发自己提交的信息（文件中为：否）",
        "另外允许的格式（文件中为：WMA 音频（.wma，用于影音材料））",
    ]
    assert plan.not_applied_shown[1][1] == (
        "whether a leader may sign off items they submitted (in the file: no)"
    )


def test_import_refuses_a_wrong_file_before_writing(hnclient_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "preset.json"
    source.write_text(json.dumps({"unit": {"name": "贵南县人民政府办公室", "id": "x"}}))
    with pytest.raises(PresetError) as caught:
        plan_import(source)
    assert "unit.id" in caught.value.message_zh() and str(source) in caught.value.message_zh()
    assert not (hnclient_home / "config" / "preset.user.json").exists()


def test_read_preset_file_validates_one_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"endpoint": "https://xxbs.example/"}), encoding="utf-8")
    assert read_preset_file(path).endpoint == "https://xxbs.example/"


def test_a_broken_per_user_file_keeps_the_machine_wide_settings(hnclient_home: Path) -> None:
    from hnclient.preset import load_preset_reporting

    write(hnclient_home, {"endpoint": "https://xxbs.hainanzhou.gov.cn/", "unit": "兴海县"})
    user = write(hnclient_home, {"limits": {"jpeg_max_mb": "大"}}, "preset.user.json")
    preset, problems = load_preset_reporting()
    assert preset.endpoint == "https://xxbs.hainanzhou.gov.cn/" and preset.unit == "兴海县"
    assert len(problems) == 1 and str(user) in problems[0].message_zh()
    with pytest.raises(PresetError):
        load_preset()


def test_a_per_user_unit_name_keeps_the_machine_wide_unit_id(hnclient_home: Path) -> None:
    write(hnclient_home, {"unit": {"id": "632522-zfb", "name": "同德县人民政府办公室"}})
    write(hnclient_home, {"unit": {"name": "同德县人民政府办公室信息科"}}, "preset.user.json")
    preset = load_preset()
    assert (preset.unit_id, preset.unit) == ("632522-zfb", "同德县人民政府办公室信息科")
