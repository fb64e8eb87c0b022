"""Judging one file: sniff its real kind, match it against the name, run that kind's checker.

Imported through :mod:`hnclient.checks` on first use (see there why not at start-up).
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from hnclient.checks.jpeg import check_jpeg
from hnclient.checks.limits import Limits
from hnclient.checks.sniff import label, read_head, sniff
from hnclient.checks.verdict import Outcome, Refusal, Verdict
from hnclient.checks.wmv import asf_has_video, check_wmv, no_video_refusal
from hnclient.checks.word import check_docx, check_ole_word, template_refusal
from hnclient.errors import os_reason

log = logging.getLogger(__name__)

#: Extension (lower case, with dot) -> the content kinds it may hold.
_EXTENSION_KINDS: dict[str, frozenset[str]] = {
    # "zip"/"ole2": a container whose directory could not be read; the Word checker then
    # tells truncated from corrupt, which sniffing alone cannot.
    ".docx": frozenset({"docx", "docm", "encrypted_office", "zip", "ole2"}),
    ".doc": frozenset({"doc", "encrypted_office", "ole2"}),
    ".docm": frozenset({"docm", "zip"}),
    ".jpg": frozenset({"jpeg"}),
    ".jpeg": frozenset({"jpeg"}),
    ".jpe": frozenset({"jpeg"}),
    ".jfif": frozenset({"jpeg"}),
    ".wmv": frozenset({"asf"}),
}
#: Names under which an ASF file with sound only is expected (when the preset allows WMA).
_AUDIO_EXTENSIONS = frozenset({".wma", ".asf"})
#: The kind an extension promises, named when its content is not a valid one.
_EXTENSION_PROMISE = {
    ".docx": "docx",
    ".doc": "doc",
    ".docm": "docm",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".jfif": "jpeg",
    ".wmv": "wmv",
}
#: The extension to suggest when content is an accepted kind under the wrong name.
_PROPER_EXTENSION = {"docx": ".docx", "doc": ".doc", "jpeg": ".jpg", "asf": ".wmv", "wmv": ".wmv"}
_ACCEPTED_KINDS = frozenset(_PROPER_EXTENSION)

UNSUPPORTED_ADVICE = (
    "按州政府办公室的统一格式要求，文字、表格材料用 Word 文档（.doc/.docx），"
    "图片用 JPG，视频用 WMV；如需报送其它格式的材料，请与州政府办公室另行联系沟通。"
)
_CONVERTIBLE_HINT = {
    "png": "图片可用看图软件“另存为”JPG 格式。",
    "bmp": "图片可用看图软件“另存为”JPG 格式。",
    "tiff": "图片可用看图软件“另存为”JPG 格式。",
    "webp": "图片可用看图软件“另存为”JPG 格式。",
    "gif": "图片可用看图软件“另存为”JPG 格式。",
    "heic": "苹果手机可在“设置 → 相机 → 格式”中选“兼容性最佳”，拍出 JPG 照片。",
    "mp4": "视频可用视频转换软件转为 WMV 格式。",
    "mov": "视频可用视频转换软件转为 WMV 格式。",
    "avi": "视频可用视频转换软件转为 WMV 格式。",
    "text": "文字材料请粘贴到 Word 中保存为 Word 文档。",
    "wps": "可在 WPS 中“另存为”Word 文档（.docx）。",
}
#: Word and WPS save these under a .doc name ("另存为" RTF or web page, or office systems
#: that export web pages as "doc"); the officer believes it is a Word document.
_SAVE_AS_DOCX = (
    "这不是真正的 Word 文档（常见于“另存为”时选错了类型，或由网页、办公系统导出）。"
    "请用 Word 或 WPS 打开它，“另存为”“Word 文档（*.docx）”后再添加。"
)
_SAVED_FROM_WORD = frozenset({"rtf", "html", "mht", "xml", "word_xml"})
#: Names under which officers expect a Word document.
_WORD_EXTENSIONS = frozenset({".doc", ".docx", ".docm", ".wps", ".wpt", ".dot", ".dotx", ""})
#: WPS's own formats: whatever their content, the remedy is saving as .docx in WPS.
_WPS_EXTENSIONS = frozenset({".wps", ".wpt"})


def check_file(path: Path, limits: Limits | None = None) -> Verdict:
    """Judge one file; never raises for anything wrong with the file itself."""
    limits = limits or Limits()
    try:
        with warnings.catch_warnings():
            # Parsers' warnings (Pillow's "Corrupt EXIF data") would reach the CLI's stderr
            # beside its JSON; what matters about them is in the verdict.
            warnings.simplefilter("ignore")
            outcome = _check(path, limits)
    except Refusal as refusal:
        return Verdict(
            path=path,
            accepted=False,
            kind=refusal.kind or "unknown",
            code=refusal.code,
            message=refusal.message,
            message_en=refusal.message_en,
            details=refusal.details,
        )
    except FileNotFoundError:
        # Deleted or moved while being checked (e.g. by a USB stick being pulled).
        return Verdict(
            path=path,
            accepted=False,
            kind="unknown",
            code="not_found",
            message=f"找不到文件“{path}”，它可能在检查过程中被移动或删除了。",
            message_en="File not found (it disappeared while being checked).",
        )
    except OSError as error:
        return _unreadable(path, error)
    except Exception as error:  # noqa: BLE001 - a parser bug must not crash the officer's client
        log.exception("checking %s failed", path)
        return Verdict(
            path=path,
            accepted=False,
            kind="unknown",
            code="check_failed",
            message="检查这个文件时出错，暂时不能添加。请另存一份后重试；如仍不行，请联系本县信息化技术人员。",
            message_en=f"Checking the file failed unexpectedly ({type(error).__name__}).",
        )
    zh, en = label(outcome.kind)
    return Verdict(
        path=path,
        accepted=True,
        kind=outcome.kind,
        code="ok",
        message=f"可以报送：{zh}{_summary_zh(outcome)}。",
        message_en=f"Accepted: {en}.",
        warnings=tuple(outcome.warnings),
        details=outcome.details,
    )


def _check(path: Path, limits: Limits) -> Outcome:
    try:
        st = path.stat()
    except FileNotFoundError as error:
        raise Refusal(
            "not_found",
            f"找不到文件“{path}”，它可能已被移动或删除。",
            "File not found.",
        ) from error
    if not path.is_file():
        raise Refusal(
            "unreadable",
            f"“{path}”不是一个文件（可能是文件夹），无法报送。",
            "Not a regular file.",
        )
    size = st.st_size
    if size == 0:
        raise Refusal(
            "empty",
            "这个文件是空的（0 字节），没有任何内容。请检查是否选错了文件，或重新保存后再添加。",
            "The file is empty (0 bytes).",
        )
    head = read_head(path)
    extension = path.suffix.lower()
    allowed = _EXTENSION_KINDS.get(extension)
    content = sniff(path, head)
    if content == "asf" and extension in _AUDIO_EXTENSIONS and "wma" in limits.extra_kinds:
        # WMA audio, allowed by the county preset: the ASF checks, sound alone is enough.
        _check_size("wma", size, limits)
        outcome = check_wmv(path, size, limits, audio=True)
        if outcome.kind != "wma":
            _refuse_mismatch(extension, None, content)  # a picture inside: it is a .wmv
        return outcome
    if content == "asf" and extension != ".wmv" and asf_has_video(path, limits) is False:
        # A .wma (or an audio-only .asf): renaming it to .wmv only earns a second refusal.
        raise no_video_refusal(0, kind="asf_audio")
    if content == "dotx" and extension in (".docx", ".dotx", ".dot", ".doc"):
        raise template_refusal()
    if allowed is None or content not in allowed:
        _refuse_mismatch(extension, allowed, content)
    kind = "wmv" if content == "asf" else content
    if kind in ("docm", "zip"):
        kind = "docx"
    elif kind in ("encrypted_office", "ole2"):
        kind = "doc"
    _check_size(kind, size, limits)
    if content == "asf":
        return check_wmv(path, size, limits)
    if content == "jpeg":
        return check_jpeg(path, size, limits)
    if content in ("docx", "docm", "zip"):
        return check_docx(path, size, limits)
    return check_ole_word(path, size, limits)


def _hint(extension: str, content: str) -> str:
    if extension in _WPS_EXTENSIONS:
        return _CONVERTIBLE_HINT["wps"]
    if content in _SAVED_FROM_WORD and extension in (".doc", ".docx", ".docm", ""):
        return _SAVE_AS_DOCX
    return _CONVERTIBLE_HINT.get(content, "")


def _refuse_mismatch(extension: str, allowed: frozenset[str] | None, content: str) -> None:
    shown = extension or "（无扩展名）"
    what_zh, what_en = label("wmv" if content == "asf" else content)
    hint = _hint(extension, content)
    if content in _ACCEPTED_KINDS:
        # The right content under the wrong name (a WPS Writer .wps holding a Word binary,
        # a .docx renamed .doc): the client can add a copy under the right extension.
        proper = _PROPER_EXTENSION[content]
        details = {"extension": extension, "detected": content, "proper_extension": proper}
        kind = "wmv" if content == "asf" else content
        if extension in _WPS_EXTENSIONS:
            raise Refusal(
                "extension_mismatch",
                f"这是 WPS 文字保存的文件，扩展名是“{shown}”（WPS 格式），内容其实是{what_zh}。"
                f"请点“按正确的扩展名添加”，程序会把它作为“{proper}”文件添加（原文件不会改动）；"
                f"也可以在 WPS 中“另存为”“Word 文档（*.docx）”后再添加。",
                f"The extension is {shown!r} (WPS) but the content is a {what_en}; "
                f"add it as {proper} (one click), or save it as .docx in WPS.",
                kind=kind,
                details=details,
            )
        raise Refusal(
            "extension_mismatch",
            f"文件扩展名是“{shown}”，但内容实际是{what_zh}。"
            f"请点“按正确的扩展名添加”，程序会把它作为“{proper}”文件添加（原文件不会改动）；"
            f"也可以自己把扩展名改为“{proper}”后再添加。",
            f"The extension is {shown!r} but the content is a {what_en}; "
            f"add it as {proper} (one click), or rename it.",
            kind=kind,
            details=details,
        )
    if content == "doc_legacy":
        raise Refusal(
            "old_format",
            "这是 Word 2.0 等早期版本保存的文档，格式太旧，新版 Word 默认拒绝打开它，不能报送。"
            "请用 WPS 或 Word 打开它，“另存为”“Word 文档（*.docx）”后再添加。",
            "A Word 2.0 (or earlier) document; save it as a Word document (.docx).",
            kind=content,
            details={"extension": extension, "detected": content},
        )
    if content in _SAVED_FROM_WORD and extension in _WORD_EXTENSIONS:
        raise Refusal(
            "extension_mismatch",
            f"这个文件的扩展名是“{shown}”，但内容其实是{what_zh}，不是真正的 Word 文档"
            "（WPS 或 Word“另存为”时选了网页、XML 等类型，或由网页、办公系统导出时会这样）。"
            "请用 WPS 或 Word 打开它，“另存为”“Word 文档（*.docx）”后再添加。",
            f"The extension is {shown!r} but the content is a {what_en}, not a Word document; "
            "open it in WPS or Word and save it as a Word document (.docx).",
            kind=content,
            details={"extension": extension, "detected": content},
        )
    if content == "works":
        raise Refusal(
            "unsupported_format",
            f"这是 Microsoft Works 文字处理文档（扩展名“{shown}”），州政府办公室无法打开。"
            "请用 WPS、Word 或 LibreOffice 打开它，“另存为”“Word 文档（*.docx）”后再添加。",
            "A Microsoft Works document; open it and save it as a Word document (.docx).",
            kind=content,
            details={"extension": extension, "detected": content},
        )
    if allowed is not None and content not in ("unknown", "text", "zip", "ole2"):
        raise Refusal(
            "extension_mismatch",
            f"文件扩展名是“{shown}”，但内容实际是{what_zh}，不是扩展名所说的格式。"
            f"{hint}{UNSUPPORTED_ADVICE}",
            f"The extension is {shown!r} but the content is a {what_en}.",
            kind=content,
            details={"extension": extension, "detected": content},
        )
    if allowed is not None:
        expected_zh = label(_EXTENSION_PROMISE[extension])[0]
        raise Refusal(
            "corrupt",
            f"文件扩展名是“{shown}”，但内容不是有效的{expected_zh}，文件可能已损坏。"
            "请用原来的软件重新保存一份后再添加。",
            f"The content is not a valid file of its extension {shown!r} (detected: {content}).",
            kind=content,
            details={"extension": extension, "detected": content},
        )
    raise Refusal(
        "unsupported_format",
        f"不能报送：{what_zh}（扩展名“{shown}”）。{hint}{UNSUPPORTED_ADVICE}",
        f"Unsupported format ({what_en}). Text and tables must be Word documents, photos JPG, "
        "video WMV; for any other format contact the prefecture government office.",
        kind=content,
        details={"extension": extension, "detected": content},
    )


def _check_size(kind: str, size: int, limits: Limits) -> None:
    cap = limits.max_bytes_for(kind)
    if cap is not None and size > cap:
        zh = label(kind)[0]
        raise Refusal(
            "too_large",
            f"文件太大：{_human(size)}，{zh}最大 {_human(cap)}。"
            "请压缩图片、分段导出视频或删减内容后再添加。",
            f"Too large: {size} bytes, the limit for {kind} is {cap} bytes.",
            kind=kind,
            details={"size": size, "limit": cap},
        )


def _human(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} 字节"


def _summary_zh(outcome: Outcome) -> str:
    d = outcome.details
    if outcome.kind == "jpeg":
        return f"，{d['width']}×{d['height']} 像素"
    if outcome.kind == "wmv":
        if not d.get("duration_seconds"):
            return f"，{d['width']}×{d['height']}"  # a streamed recording may not say
        return f"，{d['width']}×{d['height']}，时长 {d['duration_seconds']:.1f} 秒"
    if outcome.kind == "wma" and d.get("duration_seconds"):
        return f"，时长 {d['duration_seconds']:.1f} 秒"
    if outcome.kind == "docx":
        return f"，{d['paragraphs']} 段，{d['tables']} 个表格"
    return ""


def _unreadable(path: Path, error: OSError) -> Verdict:
    reason = os_reason(error)[0]
    return Verdict(
        path=path,
        accepted=False,
        kind="unknown",
        code="unreadable",
        message=f"无法读取文件“{path}”（{reason}）。请检查文件是否被其它程序占用或是否有读取权限。",
        message_en=f"The file cannot be read ({error}).",
    )
