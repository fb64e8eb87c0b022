"""Adding a file to an item: check it, store it, and say what could make a refused file fit.

The editor and the CLI share this, so a refusal reads the same everywhere. A file is judged by
its content (:mod:`hnclient.checks`) before it is copied into the content-addressed store; the
outcome names a remedy the client itself can apply (convert an image to JPG, a video to WMV,
or remove a photo's GPS position) so the officer is never left with only a "no".
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from hnclient.attachments import AttachmentStore, strip_gps
from hnclient.checks import Limits, Verdict, check_file
from hnclient.errors import OfficerError
from hnclient.items import AttachmentRef

Remedy = Literal["to_jpeg", "to_wmv", "strip_gps", "keep_photo", "fix_extension"]

#: Kinds Pillow can turn into a JPEG with orientation applied.
IMAGE_KINDS = frozenset({"png", "bmp", "tiff", "webp", "gif"})
#: Kinds FFmpeg reads that officers' phones and cameras produce.
VIDEO_KINDS = frozenset({"mp4", "mov", "avi", "mkv", "flv", "3gp", "mpeg"})


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one file: ``reference`` is set when it was stored.

    ``note`` is what the check found worth showing beside the file (``details``,
    ``warnings``); it goes to :attr:`Item.notes`, outside the signed content.
    """

    source: Path
    verdict: Verdict
    reference: AttachmentRef | None
    remedy: Remedy | None
    note: dict[str, Any] = field(default_factory=dict)

    @property
    def added(self) -> bool:
        return self.reference is not None


def remedy_for(verdict: Verdict) -> Remedy | None:
    if not verdict.accepted:
        if verdict.code == "polyglot" and "image_end" in verdict.details:
            # a phone's motion or portrait photo: the picture without its video or extras
            return "keep_photo"
        if verdict.code == "extension_mismatch" and "proper_extension" in verdict.details:
            return "fix_extension"  # a .wps holding a .doc, a .docx named .doc
        if verdict.code == "unsupported_coding":
            return "to_jpeg"  # an arithmetic-coded or 12-bit JPEG
        if verdict.code in ("unsupported_format", "extension_mismatch"):
            if verdict.kind in IMAGE_KINDS:
                return "to_jpeg"
            if verdict.kind in VIDEO_KINDS:
                return "to_wmv"
        return None
    if any(warning.code == "gps" for warning in verdict.warnings):
        return "strip_gps"
    return None


#: The file a remedy adds, by the extension it gives the copy ("" keeps the name).
_REMEDY_EXTENSIONS: dict[str, str] = {"to_jpeg": ".jpg", "to_wmv": ".wmv", "keep_photo": ".jpg"}
#: The remedy buttons as the window labels them (the advice must name the same button).
_REMEDY_BUTTONS: dict[str, tuple[str, str]] = {
    "to_jpeg": ("转换为 JPG 后添加", "Convert to JPG and add"),
    "to_wmv": ("转换为 WMV 后添加", "Convert to WMV and add"),
}


def remedy_target_name(path: Path, remedy: Remedy) -> str:
    """The name the remedied copy of ``path`` is added under (``截图.png`` → ``截图.jpg``)."""
    extension = _REMEDY_EXTENSIONS.get(remedy)
    return f"{path.stem}{extension}" if extension else path.name


def remedy_advice(verdict: Verdict, remedy: Remedy | None) -> tuple[str, str] | None:
    """What to tell the officer about a refused file when the window offers ``remedy``.

    The check's own text is written for the command line, where the advice for a PNG or an
    MP4 is to convert it with other software; beside a button that does the conversion that
    advice is wrong. Returns (Chinese, English), or None when the check's text already
    names the button (motion photos, wrong extensions, unusual JPEG codings).
    """
    if remedy not in _REMEDY_BUTTONS or verdict.code not in (
        "unsupported_format",
        "extension_mismatch",
    ):
        return None
    from hnclient.checks.sniff import label

    button_zh, button_en = _REMEDY_BUTTONS[remedy]
    what_zh, what_en = label(verdict.kind)
    name = verdict.path.name
    target = remedy_target_name(verdict.path, remedy)
    extension = verdict.path.suffix or "（无扩展名）"
    if verdict.code == "extension_mismatch":
        found_zh = f"“{name}”的扩展名是“{extension}”，但内容实际是{what_zh}。"
        found_en = f"“{name}” is named {extension} but is a {what_en}."
    else:
        found_zh = f"“{name}”是{what_zh}。"
        found_en = f"“{name}” is a {what_en}."
    if remedy == "to_jpeg":
        rule_zh, rule_en = "报送的图片须为 JPG 格式。", "Pictures must be JPG."
        made_zh, made_en, wait_zh, wait_en = "JPG 照片", "JPG photo", "", ""
    else:
        rule_zh, rule_en = "报送的视频须为 WMV 格式。", "Videos must be WMV."
        made_zh, made_en = "WMV 视频", "WMV video"
        wait_zh, wait_en = "转换需要一些时间，可以随时取消；", "converting takes a while; "
    return (
        f"{found_zh}{rule_zh}请点“{button_zh}”，程序会把它转成 {made_zh}“{target}”添加"
        f"（{wait_zh}原文件不会改动）。",
        f"{found_en} {rule_en} Click “{button_en}”: the {made_en} “{target}” is added "
        f"({wait_en}the original is not changed).",
    )


#: Facts from the check worth keeping with the reference (shown without re-reading the file).
_KEPT_DETAILS = ("width", "height", "duration_seconds")


def note_for(verdict: Verdict) -> dict[str, Any]:
    """The check's facts and warnings worth keeping beside the file (never signed)."""
    note: dict[str, Any] = {}
    details = {k: verdict.details[k] for k in _KEPT_DETAILS if k in verdict.details}
    if details:
        note["details"] = details
    if verdict.warnings:
        note["warnings"] = [warning.to_json() for warning in verdict.warnings]
    return note


def reference_for(
    store: AttachmentStore, path: Path, verdict: Verdict
) -> tuple[AttachmentRef, dict[str, Any]]:
    """Store an accepted file: its reference (what is signed) and its note (what is shown)."""
    return store.add(path, kind=verdict.kind), note_for(verdict)


def add_file(store: AttachmentStore, path: Path, limits: Limits | None = None) -> AddOutcome:
    """Check ``path``; store it if accepted. Never raises for a bad file (only for the store).

    The check and the copy read the file at different moments; a file still being written
    (a download, a copy from a phone) could pass as one thing and be stored as another. So
    the file must look the same — size, modification time, identity — before the check and
    after the copy, and the copy must be as long as the file was; else nothing is referenced.
    """
    before = _fingerprint(path)
    verdict = check_file(path, limits)
    reference, note = reference_for(store, path, verdict) if verdict.accepted else (None, {})
    if reference is not None and (
        before is None or _fingerprint(path) != before or reference.size != before[0]
    ):
        verdict = _changed_verdict(path, verdict.kind)
        reference, note = None, {}
    remedy = remedy_for(verdict)
    if remedy == "to_wmv" and not _video_conversion_installed():
        # No button that cannot work: say up front that the component is missing.
        remedy, verdict = None, _no_converter_verdict(verdict)
    return AddOutcome(path, verdict, reference, remedy, note)


def _video_conversion_installed() -> bool:
    from hnclient.convert.ffmpeg import find_ffmpeg

    return find_ffmpeg() is not None


def _no_converter_verdict(verdict: Verdict) -> Verdict:
    """A video the program could convert, were the optional video component installed."""
    from dataclasses import replace

    from hnclient.checks.sniff import label
    from hnclient.convert.errors import FFmpegMissing

    missing = FFmpegMissing("ffmpeg not found")
    what_zh, what_en = label(verdict.kind)
    return replace(
        verdict,
        message=f"“{verdict.path.name}”是{what_zh}，报送的视频须为 WMV 格式。"
        f"{missing.message_zh()}",
        message_en=f"“{verdict.path.name}” is a {what_en}; videos must be WMV. "
        f"{missing.message_en()}",
        details={**verdict.details, "video_component": "missing"},
    )


def apply_remedy(
    store: AttachmentStore,
    path: Path,
    remedy: Remedy,
    *,
    work_dir: Path,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    limits: Limits | None = None,
) -> AddOutcome:
    """Convert or clean ``path`` into a compliant file under the same name, then add that.

    The officer's original is never changed; the converted copy lives in a scratch folder
    only until it is in the store. Raises the converter's errors (they carry Chinese messages).
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="convert-", dir=work_dir))
    try:
        if remedy == "to_jpeg":
            target = scratch / remedy_target_name(path, remedy)
            _to_plain_jpeg(path, target, scratch, limits)
        elif remedy == "to_wmv":
            from hnclient.convert import to_wmv

            target = scratch / remedy_target_name(path, remedy)
            to_wmv(path, target, on_progress=on_progress, cancel=cancel, limits=limits)
        elif remedy == "keep_photo":
            target = scratch / remedy_target_name(path, remedy)
            _keep_photo(path, target, limits)
        elif remedy == "fix_extension":
            target = scratch / f"{path.stem}{_proper_extension(path, limits)}"
            shutil.copyfile(path, target)
        else:
            target = scratch / path.name
            strip_gps(path, target)
        outcome = add_file(store, target, limits)
        return AddOutcome(path, outcome.verdict, outcome.reference, outcome.remedy, outcome.note)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _proper_extension(path: Path, limits: Limits | None) -> str:
    """The extension the content of ``path`` calls for, as its check found it."""
    proper = check_file(path, limits).details.get("proper_extension")
    if not isinstance(proper, str) or proper not in _PROPER_EXTENSIONS:
        raise OfficerError(
            "这个文件的内容与扩展名相符，或不是可以报送的格式，无法按其它扩展名添加。",
            "The file's content does not call for another extension.",
        )
    return proper


_PROPER_EXTENSIONS = frozenset({".doc", ".docx", ".jpg", ".wmv"})


def _to_plain_jpeg(path: Path, target: Path, scratch: Path, limits: Limits | None) -> None:
    """Any picture, or a JPEG coded in a way viewers cannot show, as an ordinary JPG.

    Pillow decodes arithmetic-coded JPEGs but not 12-bit ones; FFmpeg (when installed)
    decodes those into a lossless PNG first, which is then converted like any picture.
    """
    from hnclient.convert import to_jpeg
    from hnclient.convert.errors import SourceNotConvertible

    try:
        to_jpeg(path, target, limits=limits)
        return
    except SourceNotConvertible:
        if check_file(path, limits).code != "unsupported_coding":
            raise
    decoded = scratch / "decoded.png"
    _decode_with_ffmpeg(path, decoded)
    to_jpeg(decoded, target, limits=limits)


def _decode_with_ffmpeg(path: Path, png: Path) -> None:
    import subprocess

    from hnclient.convert.errors import SourceNotConvertible
    from hnclient.convert.ffmpeg import NO_WINDOW, find_ffmpeg

    exe = find_ffmpeg()
    unconvertible = SourceNotConvertible(
        "unsupported_coding",
        "这张照片的特殊编码无法在本机转换。请用专业看图软件（如 Photoshop、XnView）"
        "打开它，另存为普通 JPG 后再添加。",
        "The JPEG's coding cannot be converted here; save it as an ordinary JPG elsewhere.",
    )
    if exe is None:
        raise unconvertible
    command = [str(exe), "-hide_banner", "-nostdin", "-y", "-i", str(path)]
    command += ["-frames:v", "1", "-update", "1", "-pix_fmt", "rgb24", str(png)]
    try:
        run = subprocess.run(
            command, capture_output=True, timeout=120, check=False, creationflags=NO_WINDOW
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise unconvertible from error
    if run.returncode != 0 or not png.is_file():
        raise unconvertible


def _keep_photo(path: Path, target: Path, limits: Limits | None) -> None:
    """The picture of a motion photo, cut where the check found its end; the copy is then
    checked like any file, so nothing else can ride along."""
    verdict = check_file(path, limits)
    end = verdict.details.get("image_end")
    if not isinstance(end, int) or end <= 0:
        raise OfficerError(
            "这个文件不是可以分离的动态照片，无法只保留照片。请用看图软件另存一份 JPG 照片。",
            "This file is not a motion photo that can be split; save a JPG copy instead.",
        )
    with path.open("rb") as source:
        target.write_bytes(source.read(end))


def _fingerprint(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)


def _changed_verdict(path: Path, kind: str) -> Verdict:
    return Verdict(
        path=path,
        accepted=False,
        kind=kind,
        code="changed_while_adding",
        message=f"文件“{path.name}”在检查和保存的过程中被修改了（可能还在下载或拷贝）。"
        "请等文件保存或拷贝完成后重新添加。",
        message_en="The file changed while it was being checked and stored; add it again.",
    )
