"""What the guard reports, and how it says it.

A :class:`Finding` is a warning, never a refusal: the officer fixes the place, or writes why it
may stay (notice 四(二): the unit's leader reviews what goes online, and sees those notes). The
note is stored against :attr:`Finding.fingerprint`, which names what was found and where, but
not the offset, so it survives edits elsewhere in the item. Several hits of the same thing in
the same place (the same marking twice in one field) share one fingerprint, and one note.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from hnclient.screening.duplicates import THRESHOLD
from hnclient.screening.marks import STARS

FindingKind = Literal["marking", "id_number", "mobile", "duplicate", "unscanned"]
Source = Literal["field", "attachment", "item"]

#: Characters of context shown on each side of a hit.
CONTEXT_CHARS = 15
OPEN, CLOSE, ELLIPSIS = "【", "】", "…"
_LINE_MARK = "↵"

#: How each part of a Word attachment is named to the officer.
PART_LABELS = {
    "document": ("正文", "body"),
    "header": ("页眉", "header"),
    "footer": ("页脚", "footer"),
    "headers_footers": ("页眉页脚", "headers and footers"),
    "footnotes": ("脚注", "footnotes"),
    "endnotes": ("尾注", "endnotes"),
    "comments": ("批注", "comments"),
    "textboxes": ("文本框", "text boxes"),
}

#: Why an attachment (or a very long field) was not scanned, or not all of it.
UNSCANNED_REASONS = {
    "too_large": ("文件太大，超出了自动检查的范围", "the file is too large to check"),
    "damaged": ("文件已损坏或格式不正确，读不出其中的文字", "the file is damaged or malformed"),
    "encrypted": ("文件设置了打开密码", "the file is password-protected"),
    "old_format": (
        "这是 Word 95 或更早版本的文档，读不出其中的文字",
        "it is a Word 95 or older document",
    ),
    "not_word": ("文件内容不是 Word 文档", "its content is not a Word document"),
    "unreadable": ("文件无法读取（可能已被移走或正被其它程序占用）", "the file cannot be read"),
    "truncated": (
        "内容太长，只检查了前面一部分",
        "it is too long: only its beginning was checked",
    ),
    "too_many": (
        "发现的地方太多，只列出了前面一部分",
        "there are too many hits: only the first are listed",
    ),
}
_NOTICE_ZH = "按照南政办〔2015〕86号通知第四条第（二）项，信息须经分管领导审核把关，"
_NOTE_ZH = "；如确需保留，请写明理由，审核领导会看到。"
_NOTE_EN = "; if it must stay, write down why: the reviewing leader will see your note."


@dataclass(frozen=True)
class LabelledText:
    """One piece of an item's text, as the caller flattened it.

    ``key`` identifies the place for programs (a field key, or a key of a table cell the
    caller chooses); ``label_zh``/``label_en`` name it to people as it reads in a sentence,
    quotes included where wanted (“正文”, “参会领导”第1行的“职务”). The guard takes the piece
    whose key is :data:`hnclient.screening.TITLE_KEY` as the item's title.
    """

    key: str
    label_zh: str
    label_en: str
    text: str


@dataclass(frozen=True)
class EarlierItem:
    """An item already sent or approved, for near-duplicate detection. ``text`` is its text
    flattened the same way as the current item's (see :func:`hnclient.screening.item_text`)."""

    item_id: str
    title: str
    text: str


@dataclass(frozen=True)
class Finding:
    """One hit of the guard.

    * ``kind``: "marking", "id_number", "mobile", "duplicate", or "unscanned" (a Word file,
      or a very long text, that was not checked, or not all of it: check it by hand).
    * ``source``/``key``/``part``: where. A field ("field", its key, ""), an attachment
      ("attachment", its display name, the part: "document", "header", … see
      :data:`PART_LABELS`), or the item as a whole ("item", "", "") for a duplicate.
      ``label_zh``/``label_en`` name the place to people.
    * ``match``: the text exactly as found, ``start:end`` its offsets in that field's text
      or attachment part's text (for a duplicate: this item's title, for an unscanned file:
      empty). For personal data it is the full number: never show or log it (it is left out
      of ``repr``); show ``shown``.
    * ``shown``: the match as it may be shown (the middle of a number masked: 138****5678).
    * ``context``: about :data:`CONTEXT_CHARS` characters on each side, the match in 【】,
      numbers masked, line breaks as ↵: "…今年【机 密】文件…".
    * ``fingerprint``: kind, place and the normalised match (for a duplicate, the earlier
      item's id; for an unscanned file, the reason and the file's SHA-256), hashed — so it
      can be stored with the officer's note without storing a personal number in clear.
    * ``canonical``: a marking as it reads without spaces or invisible characters ("机密★1年").
    * ``reason``: for "unscanned", a key of :data:`UNSCANNED_REASONS`; ``detail`` is technical,
      for the log.
    * ``earlier_id``/``earlier_title``/``similarity``/``same_title``: for "duplicate".
    """

    kind: FindingKind
    source: Source
    key: str
    part: str
    label_zh: str
    label_en: str
    match: str = field(repr=False)
    start: int
    end: int
    shown: str
    context: str
    fingerprint: str
    canonical: str = ""
    reason: str = ""
    detail: str = ""
    earlier_id: str = ""
    earlier_title: str = ""
    similarity: float = 0.0
    same_title: bool = False

    @property
    def disguised(self) -> bool:
        """A marking written with spaces, invisible characters or compatibility forms."""
        return self.kind == "marking" and self.match != self.canonical

    @property
    def _partial(self) -> bool:
        """An "unscanned" finding about a text that was checked in part."""
        return self.reason in ("truncated", "too_many")

    @property
    def _quoted(self) -> str:
        """The context inside a sentence: without the full stop it may end with."""
        return self.context.rstrip("。．.；;，,、")

    def message_zh(self) -> str:
        if self.kind == "marking":
            text = f"{self.label_zh}中有密级或内部标记“{self.shown}”（原文：{self._quoted}）。"
            if self.disguised:
                text += (
                    "它的字与字之间夹有空格或看不见的字符（常见于从别处复制来的文字），"
                    f"实际就是“{self.canonical}”。"
                )
            if self.canonical[0] in STARS:
                text += "单独的“★”常是“密级★保密期限”标志删去文字后留下的。"
            return (
                f"{text}{_NOTICE_ZH}涉密文件、信息不得上网发布。请删除或改写这处内容；"
                "如这里并不涉密（例如只是普通用语），请写明可以保留的理由，审核领导会看到。"
            )
        if self.kind in ("id_number", "mobile"):
            what = "居民身份证号码" if self.kind == "id_number" else "手机号码"
            return (
                f"{self.label_zh}中有一个{what}（原文：{self._quoted}）。报送的信息会在州政府网站和"
                f"政务微信上公开发布，{what}是个人信息，公开会泄露他人隐私；"
                f"{_NOTICE_ZH}不应公开的个人信息不能报送。"
                f"请删除这个号码，或只写出前后几位（如“{self.shown}”）{_NOTE_ZH}"
            )
        if self.kind == "duplicate":
            how = (
                "标题相同"
                if self.same_title and self.similarity < THRESHOLD
                else f"内容大部分相同（相似度 {self.similarity:.0%}）"
                + ("，标题也相同" if self.same_title else "")
            )
            return (
                f"这条信息与已经报送的“{self.earlier_title}”（编号 {self.earlier_id}）{how}。"
                "重复报送会占用州政府办公室的审核时间。请确认不是重复报送；如是更正或续报，"
                "请在标题或正文中写明，并写下理由，审核领导会看到。"
            )
        reason_zh = UNSCANNED_REASONS.get(self.reason, ("无法读取", ""))[0]
        checked = "没有自动检查完" if self._partial else "无法自动检查"
        how = (
            "请打开这个文件逐页人工检查（包括页眉、页脚和表格）"
            if self.source == "attachment"
            else "请人工检查这里的全部内容"
        )
        return (
            f"{self.label_zh}{checked}（{reason_zh}），系统无法确认其中没有密级标记或个人信息。"
            f"{_NOTICE_ZH}涉密文件、信息不得上网发布。{how}，检查无误后写明“已人工检查”，"
            "审核领导会看到。"
        )

    def message_en(self) -> str:
        notice = "Notice 南政办〔2015〕86号 4(2) has the unit's leader review what goes online"
        if self.kind == "marking":
            text = f"{self.label_en} contains the classification marking “{self.shown}” "
            text += f"(in: {self._quoted})."
            if self.disguised:
                text += (
                    " Its characters are separated by spaces or invisible characters "
                    f"(as in text copied from elsewhere); it reads “{self.canonical}”."
                )
            if self.canonical[0] in STARS:
                text += " A lone “★” is often what is left of a “level★period” marking."
            return (
                f"{text} {notice}, and classified documents or information must not be put "
                "online. Remove or rewrite it; if it is not classified (e.g. ordinary "
                "wording), write down why it may stay: the reviewing leader will see your note."
            )
        if self.kind in ("id_number", "mobile"):
            what = "a resident ID number" if self.kind == "id_number" else "a mobile number"
            return (
                f"{self.label_en} contains {what} (in: {self._quoted}). Items are published on the "
                f"prefecture portal and WeChat account; publishing it discloses personal data, "
                f"and {notice}. Remove the number or show only its ends (“{self.shown}”)"
                f"{_NOTE_EN}"
            )
        if self.kind == "duplicate":
            how = (
                "has the same title as"
                if self.same_title and self.similarity < THRESHOLD
                else f"is mostly the same text ({self.similarity:.0%} similar) as"
            )
            return (
                f"This item {how} “{self.earlier_title}” (item {self.earlier_id}), which was "
                "already sent. Make sure it is not sent twice; if it is a correction or a "
                "follow-up, say so in it and write down why: the reviewing leader will see "
                "your note."
            )
        reason_en = UNSCANNED_REASONS.get(self.reason, ("", "it cannot be read"))[1]
        checked = "was not fully checked" if self._partial else "could not be checked"
        how = (
            "Open the file and check every page by hand (headers, footers and tables too)"
            if self.source == "attachment"
            else "Check all of it by hand"
        )
        return (
            f"{self.label_en} {checked} ({reason_en}): nothing confirms that it holds no "
            f"classification marking or personal data, and {notice}. {how}, then note that "
            "you did: the reviewing leader will see your note."
        )


def fingerprint(kind: str, source: str, key: str, part: str, normalised: str) -> str:
    """``kind:`` and 24 hex digits of SHA-256 over the place and the normalised match."""
    digest = hashlib.sha256("\x1f".join((kind, source, key, part, normalised)).encode())
    return f"{kind}:{digest.hexdigest()[:24]}"


def context(text: str, start: int, end: int, hidden: frozenset[int] | set[int]) -> str:
    """``text[start:end]`` in 【】 with up to :data:`CONTEXT_CHARS` characters around it."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    return (
        (ELLIPSIS if left > 0 else "")
        + shown(text, left, start, hidden)
        + OPEN
        + shown(text, start, end, hidden)
        + CLOSE
        + shown(text, end, right, hidden)
        + (ELLIPSIS if right < len(text) else "")
    )


def shown(text: str, start: int, end: int, hidden: frozenset[int] | set[int]) -> str:
    """``text[start:end]`` with hidden characters as "*" and line breaks as ↵."""
    chars = []
    for i in range(start, end):
        char = text[i]
        if i in hidden:
            chars.append("*")
        elif char in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
            if not chars or chars[-1] != _LINE_MARK:
                chars.append(_LINE_MARK)
        elif char == "\t":
            chars.append(" ")
        else:
            chars.append(char)
    return "".join(chars)
