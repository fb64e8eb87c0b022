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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from hnclient.attachments import AttachmentStore, strip_gps
from hnclient.checks import Limits, Verdict, check_file
from hnclient.errors import OfficerError

Remedy = Literal["to_jpeg", "to_wmv", "strip_gps", "keep_photo"]

#: Kinds Pillow can turn into a JPEG with orientation applied.
IMAGE_KINDS = frozenset({"png", "bmp", "tiff", "webp", "gif"})
#: Kinds FFmpeg reads that officers' phones and cameras produce.
VIDEO_KINDS = frozenset({"mp4", "mov", "avi", "mkv", "flv", "3gp", "mpeg"})


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one file: ``reference`` is set when it was stored."""

    source: Path
    verdict: Verdict
    reference: dict[str, Any] | None
    remedy: Remedy | None

    @property
    def added(self) -> bool:
        return self.reference is not None


def remedy_for(verdict: Verdict) -> Remedy | None:
    if not verdict.accepted:
        if verdict.code == "polyglot" and "image_end" in verdict.details:
            return "keep_photo"  # a phone's motion photo: the picture without its video
        if verdict.code in ("unsupported_format", "extension_mismatch"):
            if verdict.kind in IMAGE_KINDS:
                return "to_jpeg"
            if verdict.kind in VIDEO_KINDS:
                return "to_wmv"
        return None
    if any(warning.code == "gps" for warning in verdict.warnings):
        return "strip_gps"
    return None


#: Facts from the check worth keeping with the reference (shown without re-reading the file).
_KEPT_DETAILS = ("width", "height", "duration_seconds")


def reference_for(store: AttachmentStore, path: Path, verdict: Verdict) -> dict[str, Any]:
    """Store an accepted file; the item's reference carries its check facts and warnings."""
    reference = store.add(path, kind=verdict.kind).to_json()
    details = {k: verdict.details[k] for k in _KEPT_DETAILS if k in verdict.details}
    if details:
        reference["details"] = details
    if verdict.warnings:
        reference["warnings"] = [warning.to_json() for warning in verdict.warnings]
    return reference


def add_file(store: AttachmentStore, path: Path, limits: Limits | None = None) -> AddOutcome:
    """Check ``path``; store it if accepted. Never raises for a bad file (only for the store).

    The check and the copy read the file at different moments; a file still being written
    (a download, a copy from a phone) could pass as one thing and be stored as another. So
    the file must look the same — size, modification time, identity — before the check and
    after the copy, and the copy must be as long as the file was; else nothing is referenced.
    """
    before = _fingerprint(path)
    verdict = check_file(path, limits)
    reference = reference_for(store, path, verdict) if verdict.accepted else None
    if reference is not None and (
        before is None or _fingerprint(path) != before or reference["size"] != before[0]
    ):
        verdict = _changed_verdict(path, verdict.kind)
        reference = None
    return AddOutcome(path, verdict, reference, remedy_for(verdict))


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
            from hnclient.convert import to_jpeg

            target = scratch / f"{path.stem}.jpg"
            to_jpeg(path, target, limits=limits)
        elif remedy == "to_wmv":
            from hnclient.convert import to_wmv

            target = scratch / f"{path.stem}.wmv"
            to_wmv(path, target, on_progress=on_progress, cancel=cancel, limits=limits)
        elif remedy == "keep_photo":
            target = scratch / f"{path.stem}.jpg"
            _keep_photo(path, target, limits)
        else:
            target = scratch / path.name
            strip_gps(path, target)
        outcome = add_file(store, target, limits)
        return AddOutcome(path, outcome.verdict, outcome.reference, outcome.remedy)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


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
