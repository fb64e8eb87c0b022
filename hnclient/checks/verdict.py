"""What a check concludes about one file.

The machine ``code`` is stable (scripts, the GUI and the JSON output key on it); the Chinese
``message`` is for the officer and must say what is wrong and what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO


@dataclass(frozen=True)
class CheckWarning:
    """Something worth fixing that does not stop the file from being sent."""

    code: str
    message: str
    message_en: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "message_en": self.message_en}


@dataclass(frozen=True)
class Verdict:
    """The outcome of :func:`hnclient.checks.check_file` for one path."""

    path: Path
    accepted: bool
    kind: str
    code: str
    message: str
    message_en: str
    warnings: tuple[CheckWarning, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The shape ``hnclient check --json`` prints (and nothing more, so it stays stable)."""
        return {
            "path": str(self.path),
            "accepted": self.accepted,
            "kind": self.kind,
            "code": self.code,
            "message": self.message,
            "warnings": [w.to_json() for w in self.warnings],
            "details": self.details,
        }


class Refusal(Exception):
    """Raised deep inside a format checker; :func:`check_file` turns it into a refused verdict.

    An exception rather than a return value because refusals are found many calls deep in
    the parsers and the first one found ends the check.
    """

    def __init__(
        self,
        code: str,
        message: str,
        message_en: str,
        *,
        kind: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message = message
        self.message_en = message_en
        self.kind = kind
        self.details = details or {}


@dataclass
class Outcome:
    """What a format checker returns for a file it accepts."""

    kind: str
    details: dict[str, Any] = field(default_factory=dict)
    warnings: list[CheckWarning] = field(default_factory=list)


def polyglot_refusal(kind: str, what: str, what_en: str) -> Refusal:
    """A file that is also another file: shared by every kind, hence public."""
    return Refusal(
        "polyglot",
        f"文件里夹带了另一个文件（{what}），这种文件可能被用来传播病毒，不能报送。"
        "请用原来的软件重新保存（另存为）一份干净的文件再添加。",
        f"The file carries a second file inside ({what_en}); save a clean copy and try again.",
        kind=kind,
    )


#: A download script's newline, a copy tool's NUL padding: bytes that are never a second file.
_PADDING_BYTES = b"\x00\t\n\r \x1a"
#: More than this many such bytes after a file's end is not a download artefact.
MAX_PADDING_TRAILER = 64


def is_padding_trailer(trailer: bytes) -> bool:
    """True for a short run of whitespace/NUL after a file's end (a download artefact)."""
    return 0 < len(trailer) <= MAX_PADDING_TRAILER and not trailer.strip(_PADDING_BYTES)


def judge_trailer(
    fh: BinaryIO,
    start: int,
    size: int,
    scan: int,
    warnings: list[CheckWarning],
    refusal: tuple[str, str, str],
) -> None:
    """What follows a container's last byte at ``start`` (of ``size`` bytes): nothing or NULs
    pass, a short whitespace/NUL run passes with :func:`padding_warning`, anything else —
    or more than ``scan`` bytes, where something could hide behind zeros — is refused as a
    polyglot with ``refusal`` = (kind, what in Chinese, what in English)."""
    fh.seek(start)
    blank = fh.read(min(size - start, scan)).replace(b"\x00", b"")
    if size - start <= scan:
        if not blank:
            return
        if is_padding_trailer(blank):
            warnings.append(padding_warning(size - start))
            return
    raise polyglot_refusal(*refusal)


def padding_warning(count: int) -> CheckWarning:
    """The warning every kind gives for a short whitespace/NUL trailer it accepts."""
    return CheckWarning(
        "trailing_data",
        f"文件末尾多了 {count} 个空白字节（常见于从网页下载或用某些工具拷贝的文件）。"
        "文件可以正常打开，可以报送；如需干净的文件，可用原来的软件另存一份。",
        f"{count} blank bytes (newline/NUL) after the end of the file, typical of downloads; "
        "the file opens normally.",
    )
