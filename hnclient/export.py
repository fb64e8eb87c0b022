"""The hand-carried route (QQ group, USB stick): one folder with everything about an item.

The notice (二、六) also allows manual routes; the office must be able to check what it got,
so the package carries a manifest with every file's SHA-256 and size, and the attachments are
copied from the content-addressed store and re-hashed while copying — a damaged stored file is
refused, not exported. The package is built in a hidden folder and renamed into place, so a
crash or a full USB stick never leaves a half package that looks complete.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hnclient import __version__
from hnclient.attachments import AttachmentStore
from hnclient.errors import OfficerError, os_reason
from hnclient.forms import FormDef
from hnclient.items import Item
from hnclient.storage.signoff_rows import StoredApproval

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT = "hnclient-export/2"
SIGNATURE_FILE = "签名.png"
ATTACHMENT_DIR = "附件"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_CHUNK = 1024 * 1024
#: Longest name this module writes, in UTF-8 bytes. File systems limit one path component to
#: 255 bytes (ext4, exFAT and NTFS count 255 UTF-16 units, never fewer than UTF-8 bytes here);
#: a Chinese character takes 3 bytes, so a 76-character title already overflowed with the
#: temporary names around it: ".NAME.partial-PID" (+17), ".NAME.PID.RANDOM.tmp" (+22) and a
#: "(2)" added to a repeated attachment name. 150 bytes (50 Chinese characters) leaves room.
NAME_MAX_BYTES = 150
#: An extension longer than this is treated as part of the name when a name is cut.
_SUFFIX_MAX_BYTES = 16


class ExportError(OfficerError):
    """The package could not be written; the messages say why and what to do."""


def safe_file_name(name: str, fallback: str = "未命名", max_bytes: int = NAME_MAX_BYTES) -> str:
    """A name Windows and Linux both accept: no reserved characters, at most ``max_bytes``
    bytes in UTF-8, cut before the extension and never inside a character."""
    cleaned = _UNSAFE.sub("_", name).strip(" .") or fallback
    if len(cleaned.encode("utf-8")) <= max_bytes:
        return cleaned
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot or not stem or len(suffix.encode("utf-8")) > _SUFFIX_MAX_BYTES:
        stem, suffix = cleaned, ""
    room = max_bytes - (len(suffix.encode("utf-8")) + 1 if suffix else 0)
    stem = cut_to_bytes(stem, room).rstrip(" .") or cut_to_bytes(fallback, room)
    return f"{stem}.{suffix}" if suffix else stem


def cut_to_bytes(text: str, max_bytes: int) -> str:
    """The longest start of ``text`` whose UTF-8 form has at most ``max_bytes`` bytes, cut only
    between characters and never between a letter and its combining marks (Tibetan vowel
    signs, accents), which would leave a broken syllable at the end of a file name."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    end, used = 0, 0
    for char in text:
        size = len(char.encode("utf-8"))
        if used + size > max_bytes:
            break
        used += size
        end += 1
    # The next character continues the last one: drop that unfinished cluster too.
    while 0 < end < len(text) and unicodedata.category(text[end]).startswith("M"):
        end -= 1
    return text[:end]


def package_name(item: Item) -> str:
    """The folder name an officer recognises: date, title and a short id.

    A long title is cut (by bytes, see :data:`NAME_MAX_BYTES`), never the date or the id.
    """
    day = item.event_date.isoformat() if item.event_date else "无日期"
    head, tail = f"{day}_", f"_{item.id[:8]}"
    room = NAME_MAX_BYTES - len(head.encode("utf-8")) - len(tail.encode("utf-8"))
    title = safe_file_name(item.title or "未命名", max_bytes=room)
    return safe_file_name(f"{head}{title}{tail}")


def export_item(
    item: Item,
    form: FormDef,
    attachments: AttachmentStore,
    out_dir: Path,
    *,
    unit: str = "",
    approval: StoredApproval | None = None,
    sign_off: Any = None,
    contact: Any = None,
) -> Path:
    """Write the package into ``out_dir`` (created; must be empty if it exists); returns it.

    ``approval``: the item's verified approval of this very content (its record goes into
    the manifest, the drawn signature beside it as ``签名.png``); ``sign_off``: the Word
    document's 签发 block built from it. Without them the document is marked 草稿，未经审核
    on every page and the manifest's ``approval`` is null. ``contact``: the submitter
    (:class:`hnclient.word.office.Contact`) printed in the document's 报送信息. ``unit`` and
    ``contact`` are written into the manifest as printed; pass them from
    :meth:`hnclient.service.ItemService.printed` (an approved item prints what was signed).
    ``hnclient verify`` checks a package (:func:`hnclient.verification.verify_package`),
    the Word document included: it renders it again from the manifest and compares.
    """
    from hnclient.word import render_docx  # python-docx is loaded only when exporting

    parent = out_dir.parent
    try:
        occupied = out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir()))
    except OSError as error:  # e.g. a folder name too long to look up at all
        raise _export_failure(error, parent) from error
    if occupied:
        raise ExportError(
            f"目标文件夹“{out_dir}”不是空文件夹。为避免覆盖已有文件，请选择一个新的或空的文件夹。",
            f"The folder “{out_dir}” is not empty; choose a new or empty folder.",
        )
    staging = parent / f".{out_dir.name}.partial-{os.getpid()}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        files: list[dict[str, Any]] = []
        document_name = document_file_name(item)
        render_docx(
            item,
            form,
            attachments,
            staging / document_name,
            unit=unit,
            sign_off=sign_off,
            contact=contact,
        )
        planned = planned_files(item, approved=approval is not None)
        copied: set[str] = set()
        for name, role, sha256 in planned:
            if role == "document":
                files.append(_describe(staging, name, role))
            elif role == "signature":
                assert approval is not None
                (staging / name).write_bytes(approval.signature_png)
                files.append(_describe(staging, name, role))
            else:  # cover or attachment: one copy per file, listed once per reference
                assert sha256 is not None
                if sha256 not in copied:
                    _copy_verified(attachments, sha256, staging / name)
                    copied.add(sha256)
                entry = _describe(staging, name, role)
                entry["kind"] = _kind_of(item, sha256)
                files.append(entry)
        manifest = {
            "format": FORMAT,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "client_version": __version__,
            # What the document printed beside the content, so that ``hnclient verify`` can
            # render it again: for an approved item the record's own (hnclient.printed).
            "unit": unit,
            "contact": {
                "name": str(getattr(contact, "name", "") or ""),
                "phone": str(getattr(contact, "phone", "") or ""),
            },
            "item": {
                **item.content(),
                "state": item.state.value,
                "revision": item.revision,
                "content_hash": item.content_hash(),
            },
            "files": files,
            "approval": approval.record if approval is not None else None,
        }
        _write_json(staging / MANIFEST, manifest)
        if out_dir.exists():
            out_dir.rmdir()  # empty, checked above
        os.replace(staging, out_dir)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise _export_failure(error, parent) from error
    except OfficerError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except Exception as error:
        # A library's own message (lxml, python-docx, Pillow) is English and means nothing
        # to the officer: say in Chinese what happened and what to do; the log keeps the rest.
        shutil.rmtree(staging, ignore_errors=True)
        log.exception("export of item %s failed", item.id)
        raise ExportError(
            "导出没有完成：生成 Word 文档时程序遇到了意外的问题，信息内容没有受到影响。"
            "请先预览检查正文中有无从其他软件粘贴来的特殊符号，删除后再导出；"
            "仍不成功，请把日志文件夹中的 hnclient.log 发给本县信息化技术人员。",
            f"Export failed: an unexpected error while writing the Word document "
            f"({type(error).__name__}: {error}). The item is unchanged; see the log.",
        ) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def planned_files(item: Item, *, approved: bool) -> list[tuple[str, str, str | None]]:
    """The files of ``item``'s package, in manifest order: ``(path, role, sha256)`` — the
    Word document (named by :func:`document_file_name`), the drawn signature when
    ``approved``, then the cover and each attachment under ``附件/`` (sha256 of the stored
    file; a file referenced twice is one copy listed twice). Export writes exactly these;
    ``hnclient verify`` accepts exactly these, so a package cannot carry a second document
    or a file the signed content does not name."""
    planned: list[tuple[str, str, str | None]] = [(document_file_name(item), "document", None)]
    if approved:
        planned.append((SIGNATURE_FILE, "signature", None))
    used: set[str] = set()
    named: dict[str, str] = {}
    references = [("cover", item.cover)] if item.cover else []
    references += [("attachment", reference) for reference in item.attachments]
    for role, reference in references:
        assert reference is not None
        if reference.sha256 not in named:
            name = f"{ATTACHMENT_DIR}/{safe_file_name(reference.name)}"
            named[reference.sha256] = _unique(name, used)
        planned.append((named[reference.sha256], role, reference.sha256))
    return planned


def _kind_of(item: Item, sha256: str) -> str:
    references = ([item.cover] if item.cover else []) + list(item.attachments)
    return next(ref.kind for ref in references if ref is not None and ref.sha256 == sha256)


def document_file_name(item: Item) -> str:
    """The Word document's name in the package: the title, cut to fit (``….docx``)."""
    docx_suffix = ".docx"
    return f"{safe_file_name(item.title, max_bytes=NAME_MAX_BYTES - len(docx_suffix))}.docx"


#: Windows' ERROR_FILENAME_EXCED_RANGE: “The filename or extension is too long”.
_WINDOWS_NAME_TOO_LONG = 206


def _name_too_long(error: OSError) -> bool:
    return (
        error.errno == errno.ENAMETOOLONG
        or getattr(error, "winerror", None) == _WINDOWS_NAME_TOO_LONG
    )


def _export_failure(error: OSError, parent: Path) -> ExportError:
    """Say whose fault it is: a name too long, the target disk (full, read-only) or the
    program's own files."""
    reason_zh, reason = os_reason(error)
    culprit = Path(str(error.filename)) if error.filename else None
    if (
        culprit is not None
        and parent in culprit.parents
        and culprit.relative_to(parent).parts[0].startswith(".")
    ):
        # the package's hidden temporary name means nothing to the officer: the folder does
        culprit = parent
    if _name_too_long(error):
        return ExportError(
            f"导出没有完成：文件名太长（{culprit or parent}）。信息标题或所选文件夹的名称太长，"
            "超出了电脑允许的文件名长度，这不是U盘的问题。"
            "请缩短信息标题，或选择名称较短、位置较浅的文件夹（例如U盘根目录）后重试。",
            f"Export failed: a file name is too long ({culprit or parent}). The item's title or "
            "the chosen folder's name exceeds what the file system allows (not a disk fault); "
            "shorten the title or choose a folder with a shorter name and path.",
        )
    if culprit is not None and parent not in culprit.parents and culprit != parent:
        return ExportError(
            f"导出没有完成：程序自身的文件“{culprit}”无法读取（{reason_zh}）。"
            "程序可能安装不完整，请联系本县信息化技术人员重新安装。",
            f"Export failed: the program's own file “{culprit}” cannot be read ({reason}); "
            "the installation may be incomplete.",
        )
    return ExportError(
        f"导出没有完成：{reason_zh}（{culprit or parent}）。"
        "请检查U盘或磁盘是否已满、是否允许写入，然后重试。",
        f"Export failed: {reason} ({culprit or parent}). Check that the disk has space and "
        "may be written, then try again.",
    )


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 1
    stem, dot, suffix = name.rpartition(".")
    while candidate.casefold() in used:
        number += 1
        candidate = f"{stem}({number}).{suffix}" if dot else f"{name}({number})"
    used.add(candidate.casefold())
    return candidate


def _copy_verified(store: AttachmentStore, sha256: str, target: Path) -> None:
    source = store.path_for(sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with source.open("rb") as reader, target.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
    except FileNotFoundError as error:
        raise ExportError(
            f"附件“{target.name}”在本机的附件库中找不到了，无法导出。请在信息中重新添加这个附件。",
            f"The attachment “{target.name}” is missing from the local store; add it again.",
        ) from error
    if digest.hexdigest() != sha256:
        raise ExportError(
            f"附件“{target.name}”在本机保存的副本已损坏（内容与记录不符），没有导出。"
            "请在信息中删除并重新添加这个附件。",
            f"The stored copy of “{target.name}” is damaged (hash mismatch); add it again.",
        )


def _describe(root: Path, name: str, role: str) -> dict[str, Any]:
    path = root / name
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return {"path": name, "role": role, "sha256": digest, "size": path.stat().st_size}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())


def read_manifest(package: Path) -> dict[str, Any]:
    """Load a package's manifest (for tests and a later import on the office side)."""
    data = json.loads((package / MANIFEST).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"not an hnclient export: {package}")
    return dict(data)
