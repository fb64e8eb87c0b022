"""``hnclient selftest``: does this installation work? (county IT, the installers, ``make dist``)

It reads the county preset this PC uses (only reads: a broken file fails, naming the setting),
then runs the parts an officer's day depends on, in a throwaway home folder that is removed
afterwards (the officer's own data is never opened): a store is created, every form is loaded
and used to create an item, a JPEG (made here with Pillow) and a WMV (a one-second sample
shipped in ``samples/``) pass the attachment checks and are attached, a test leader is
enrolled and signs off the item, the hand-carried package is exported — which renders the
Word document — the .docx passes the Word check, and the package's files and the leader's
signature are verified; an installed video component must run and have the WMV encoders
(absent is fine: it is optional). The window adds one step of its own
(``hnclient.ui.selftest``): the Chinese translation loads into Qt.

Each step that fails is named in Chinese with what went wrong; the exit code is 0 only when
all passed. Qt-free: steps that need Qt are passed in by the caller.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from hnclient.attachments import AttachmentStore
    from hnclient.forms import FormDef
    from hnclient.items import AttachmentRef
    from hnclient.service import ItemService
    from hnclient.storage import Store

#: The shipped samples (a WMV cannot be made without FFmpeg, which is optional).
SAMPLES = Path(__file__).resolve().parent / "samples"
_PIN = "975312"
#: What the officer would have to do when the self-test fails on an installed PC.
_ADVICE = "请重新安装本程序；如果仍然失败，请把以上内容发给本县信息化技术人员。"


class StepFailed(Exception):
    """A step's check did not hold; the text says what was expected, in Chinese."""


@dataclass
class SelfTestState:
    """What the steps hand on to each other, inside one throwaway home folder."""

    home: Path
    samples: Path
    store: Store | None = None
    attachments: AttachmentStore | None = None
    forms: dict[str, FormDef] = field(default_factory=dict)
    service: ItemService | None = None
    files: dict[str, Path] = field(default_factory=dict)
    refs: list[AttachmentRef] = field(default_factory=list)
    item_id: str = ""
    package: Path | None = None


Step = tuple[str, Callable[[SelfTestState], str]]


def _open_store(state: SelfTestState) -> str:
    from hnclient.attachments import AttachmentStore
    from hnclient.paths import HOME_ENV, app_paths
    from hnclient.storage import Store

    paths = app_paths({HOME_ENV: str(state.home)}).ensure()
    state.store = Store.open(paths.database)
    state.attachments = AttachmentStore(paths.attachments)
    return str(paths.database)


def _load_forms(state: SelfTestState) -> str:
    from hnclient.forms import load_forms
    from hnclient.service import ItemService

    assert state.store is not None and state.attachments is not None
    state.forms = load_forms()
    if not state.forms:
        raise StepFailed("没有找到任何表单定义")
    state.service = ItemService(
        state.store,
        state.attachments,
        state.forms,
        unit=lambda: "自检单位",
        officer=lambda: "自检报送员",
    )
    for category in sorted(state.forms):
        created = state.service.create(category).item
        if created is None or created.category != category:
            raise StepFailed(f"不能用表单“{category}”新建信息")
    return f"{len(state.forms)} 个表单：{', '.join(sorted(state.forms))}"


def _attach(state: SelfTestState, path: Path, kind: str) -> str:
    from hnclient.attaching import add_file

    assert state.attachments is not None
    outcome = add_file(state.attachments, path)
    if outcome.reference is None:
        raise StepFailed(f"{path.name} 没有通过检查：{outcome.verdict.message}")
    if outcome.verdict.kind != kind:
        raise StepFailed(f"{path.name} 被认成了“{outcome.verdict.kind}”，应为“{kind}”")
    state.refs.append(outcome.reference)
    return f"{path.name}：{outcome.verdict.message}"


def _check_jpeg(state: SelfTestState) -> str:
    from PIL import Image

    photo = state.home / "自检照片.jpg"
    Image.new("RGB", (640, 480), (90, 140, 60)).save(photo, "JPEG", quality=90)
    return _attach(state, photo, "jpeg")


def _check_wmv(state: SelfTestState) -> str:
    sample = state.samples / "sample.wmv"
    if not sample.is_file():
        raise StepFailed(f"程序自带的样例视频“{sample}”不存在")
    video = Path(shutil.copyfile(sample, state.home / "自检视频.wmv"))
    return _attach(state, video, "wmv")


def _sign_off(state: SelfTestState) -> str:
    from hnclient.forms import china_today
    from hnclient.items import Channel, ItemState
    from hnclient.service import SubmitRequest

    service = state.service
    assert service is not None
    created = service.create("other").item
    assert created is not None
    item = service.save(
        created.with_changes(
            title="自检：程序安装检查",
            event_date=china_today() - timedelta(days=1),
            channels=frozenset({Channel.PORTAL}),
            values={"content_type": "news", "body": "这是安装后的自动检查。", "source": "自检"},
            attachments=tuple(state.refs),
        ),
        reason="manual",
    )
    service.submit(item.id, SubmitRequest(public_confirmed=True))
    leader = service.enrol_leader("自检领导", "自检", _PIN)
    session = service.sign_in(leader.id, _PIN)
    current = service.store.get_item(item.id)
    outcome = service.approve(
        session,
        item.id,
        pin=_PIN,
        expected_hash=current.content_hash(),
        opinion="同意",
        signature_png=_signature_png(),
    )
    if outcome.item is None or outcome.item.state is not ItemState.APPROVED:
        raise StepFailed("签发后信息的状态不是“已签发”")
    state.item_id = item.id
    return f"信息 {item.id} 已由测试领导签发"


def _export(state: SelfTestState) -> str:
    assert state.service is not None
    state.package = state.service.export(state.item_id, state.home / "报送包")
    documents = sorted(state.package.glob("*.docx"))
    if not documents:
        raise StepFailed("导出的报送包里没有 Word 文档")
    state.files["docx"] = documents[0]
    return f"{documents[0].name}（{documents[0].stat().st_size} 字节）"


def _check_docx(state: SelfTestState) -> str:
    from hnclient.checks import check_file

    verdict = check_file(state.files["docx"])
    if not verdict.accepted or verdict.kind != "docx":
        raise StepFailed(f"生成的 Word 文档没有通过检查：{verdict.message}")
    return verdict.message


def _verify(state: SelfTestState) -> str:
    from hnclient.verification import verify_package, verify_store

    assert state.package is not None and state.store is not None
    report = verify_package(state.package)
    if not report.ok:
        problems = "；".join(f.message_zh for f in report.findings) or "没有有效的签发"
        raise StepFailed(f"报送包核验没有通过：{problems}")
    findings = verify_store(state.store, state.attachments)
    if findings:
        raise StepFailed(f"本机记录核验没有通过：{findings[0].message_zh}")
    return (
        f"签名有效，Word 文档与签发的内容一致（签发人 {report.signer}，密钥 {report.key_id[:16]}…）"
    )


def _video_component(state: SelfTestState) -> str:
    """Optional: absent is fine; present but not runnable is a failure."""
    import subprocess

    from hnclient.convert.ffmpeg import NO_WINDOW, find_ffmpeg

    exe = find_ffmpeg()
    if exe is None:
        return "未安装（可选组件：不能把其它格式的视频转换为 WMV，其余功能不受影响）"
    try:
        run = subprocess.run(
            [str(exe), "-hide_banner", "-encoders"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            creationflags=NO_WINDOW,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StepFailed(f"视频转换组件“{exe}”无法运行（{error}）") from error
    encoders = run.stdout.decode("utf-8", "replace")
    if run.returncode != 0 or "wmv2" not in encoders or "wmav2" not in encoders:
        raise StepFailed(f"视频转换组件“{exe}”不能生成 WMV（缺少 wmv2/wmav2 编码器）")
    return f"已安装：{exe}"


def _preset(state: SelfTestState) -> str:
    """The county preset this PC really uses (read only): county IT checks their file here."""
    from hnclient.preset import load_preset, preset_files

    preset = load_preset()  # a PresetError names the file and the setting
    if not preset.sources:
        where = "、".join(str(path) for path in preset_files())
        return f"没有预设文件，使用默认设置（县里的预设应在：{where}）"
    unit = f"，单位：{preset.unit}" if preset.unit else ""
    sending = f"，报送地址：{preset.endpoint}" if preset.endpoint else ""
    return f"已读取 {'、'.join(str(path) for path in preset.sources)}{unit}{sending}"


def _keyring(state: SelfTestState) -> str:
    """The platform's keyring backend is in the program: that passes (a build machine has no
    keyring running). Whether this PC has a keyring that keeps the unit's token is said
    plainly: without one, the token must be entered again after every start."""
    import importlib

    from hnclient.sending.credentials import active_backend, backend_is_trusted

    wanted = (
        "keyring.backends.Windows" if sys.platform == "win32" else "keyring.backends.SecretService"
    )
    try:
        importlib.import_module(wanted)
    except ImportError as error:
        raise StepFailed(f"程序中缺少系统钥匙串的支持模块 {wanted}（{error}）") from error
    active = active_backend()
    used = "无" if active is None else f"{type(active).__module__}.{type(active).__name__}"
    if active is not None and backend_is_trusted(active):
        return f"程序中已包含；本机的系统钥匙串可用，单位的报送令牌会安全保存（{used}）"
    return (
        "程序中已包含；但本机当前没有可用的系统钥匙串，单位的报送令牌不能保存："
        "每次打开程序后第一次发送时都要重新输入令牌，“hnclient sync”每次运行都要用"
        f" --token-stdin 提供令牌（本机当前使用：{used}）"
    )


CORE_STEPS: list[Step] = [
    ("读取本县预设", _preset),
    ("打开数据库", _open_store),
    ("加载全部表单", _load_forms),
    ("检查 JPEG 照片", _check_jpeg),
    ("检查 WMV 视频", _check_wmv),
    ("领导签发", _sign_off),
    ("生成 Word 文档（导出报送包）", _export),
    ("检查 Word 文档", _check_docx),
    ("核验签名和报送包", _verify),
    ("系统钥匙串支持", _keyring),
    ("视频转换组件", _video_component),
]


def _signature_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 120), "white")
    ImageDraw.Draw(image).line([(10, 90), (60, 20), (120, 100), (220, 30)], fill="black", width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@contextmanager
def _throwaway_home() -> Iterator[Path]:
    home = Path(tempfile.mkdtemp(prefix="hnclient-selftest-"))
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_selftest(
    extra_steps: list[Step] | None = None,
    *,
    samples: Path = SAMPLES,
    out: TextIO | None = None,
) -> int:
    """Run the steps in order, printing one line each; 0 when all passed, else 1.

    A failed step ends the run (later steps build on it); its name and cause are printed
    in Chinese, the traceback after them for IT staff.
    """
    stream = out if out is not None else sys.stdout
    steps = [*CORE_STEPS, *(extra_steps or [])]
    from hnclient import __version__

    print(f"海南州政务信息报送客户端 {__version__} 自检（{sys.platform}）", file=stream)
    with _throwaway_home() as home:
        state = SelfTestState(home=home, samples=samples)
        try:
            for number, (name, step) in enumerate(steps, start=1):
                started = time.monotonic()
                try:
                    detail = step(state)
                except Exception as error:  # noqa: BLE001 - every failure is reported
                    print(f"[失败] {number}. {name}：{_describe(error)}", file=stream)
                    print(
                        f"自检未通过：第 {number} 项“{name}”失败。{_ADVICE}",
                        file=stream,
                    )
                    if not isinstance(error, StepFailed):
                        print(traceback.format_exc(), file=stream)
                    return 1
                took = time.monotonic() - started
                print(f"[通过] {number}. {name}（{took:.1f} 秒）：{detail}", file=stream)
        finally:
            if state.store is not None:
                state.store.close()
    print(f"自检通过：全部 {len(steps)} 项正常。", file=stream)
    return 0


def _describe(error: BaseException) -> str:
    from hnclient.errors import officer_messages

    if isinstance(error, StepFailed):
        return str(error)
    messages = officer_messages(error)
    if messages is not None:
        return messages[0]
    return f"{type(error).__name__}: {error}"


def main_environ_defaults() -> None:
    """Without a display the self-test still runs: Qt's offscreen platform, unless chosen."""
    if sys.platform == "linux" and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
