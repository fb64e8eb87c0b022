"""One neutral layout of an item, so the Word file and both previews cannot drift apart.

The Word writer and the HTML previews only decide *how* a block looks; *what* is shown, in
which order and with which labels is decided here once. Values are turned into display text
here too (choice labels, Chinese dates, people as “职务 姓名”), because the officer must see in
the preview exactly the words the office will read in the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Any

from hnclient.china_time import CHINA_TZ
from hnclient.cleantext import clean_item, clean_line
from hnclient.forms.model import FieldDef, FieldType, FormDef
from hnclient.forms.values import is_blank, parse_date, parse_datetime
from hnclient.items import Channel, Item
from hnclient.word.office import (
    CONTACT_NAME_LABEL,
    CONTACT_PHONE_LABEL,
    Closing,
    Contact,
    ElementTable,
    ReportInfo,
)
from hnclient.word.scripts import printed_width
from hnclient.word.title_lines import title_lines

SERVICE_GUIDE = "service_guide"
#: Shown for an optional service-guide element left empty: 附件3 wants every element present,
#: and “无” says “there is none” where a blank line would read as “forgot to fill in”.
NONE_TEXT = "无"
#: Shown for a *required* element still empty in a draft: “无” there would assert something
#: false (e.g. that a licence has no legal basis), so the gap is named as a gap.
MISSING_TEXT = "（未填写）"

#: 附件3 element order (domain.md, "Service guide elements"); ``title`` is the item's title.
SERVICE_GUIDE_ORDER: tuple[tuple[str, str], ...] = (
    ("title", "事项名称"),
    ("item_type", "事项类型"),
    ("legal_basis", "设定依据"),
    ("implementing_authority", "实施机关"),
    ("acceptance_conditions", "受理条件"),
    ("materials", "申请材料"),
    ("procedure", "办理流程"),
    ("statutory_time_limit", "法定办结时限"),
    ("promised_time_limit", "承诺办结时限"),
    ("fees", "收费标准及依据"),
    ("location", "办理地点"),
    ("office_hours", "办理时间"),
    ("consultation_phone", "咨询电话"),
    ("complaint_phone", "监督投诉电话"),
    ("online_url", "网上办理地址"),
    ("faq", "常见问题"),
)
#: Elements 附件3 marks optional; everything else is required there.
SERVICE_GUIDE_OPTIONAL = frozenset({"online_url", "faq"})
#: The free text of a category form; shown as the document's body without a heading.
BODY_KEY = "body"
PHOTO_KINDS = frozenset({"jpeg"})

_NUMERALS = "一二三四五六七八九十"


# ----------------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Title:
    """The title; ``lines`` are the lines it prints on (:mod:`hnclient.word.title_lines`:
    broken between words, balanced, the officer's own breaks kept)."""

    text: str
    lines: tuple[str, ...] = ()

    def printed_lines(self) -> tuple[str, ...]:
        return self.lines or (self.text,)


@dataclass(frozen=True)
class MetaLine:
    """A line under the title (unit, event date, channels): who speaks, about when, where to."""

    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Body text; ``indent`` is the 2-character first-line indent of Chinese prose."""

    text: str
    indent: bool = True


@dataclass(frozen=True)
class Summary:
    text: str


@dataclass(frozen=True)
class LabelledField:
    label: str
    value: str


@dataclass(frozen=True)
class Table:
    """A form's table field. ``caption`` is its 表题 (“表1 主要指标完成情况”), numbered per
    document in reading order by :func:`build_layout`; it stands centred above the table."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    def numeric(self) -> tuple[tuple[bool, ...], ...]:
        """Per body cell: a number (aligned right, so units and decimals line up)."""
        return tuple(tuple(is_numeric(value) for value in row) for row in self.rows)

    def column_widths(self, total_em: float, padding_em: float) -> tuple[float, ...]:
        """Column widths in em of the table's font, together ``total_em``: see
        :func:`column_widths`."""
        return column_widths(self.columns, self.rows, total_em, padding_em)


@dataclass(frozen=True)
class AttachmentNote:
    """附件说明 (GB/T 9704 7.3.4): one line below the body, left 2 characters, “附件：” and the
    attachments' names (without file extension); several are numbered “1.” “2.”, each on a
    line of its own aligned after “附件：”; a single one is not numbered. 仿宋, like the body.
    """

    names: tuple[str, ...]

    def lines(self) -> tuple[str, ...]:
        if len(self.names) == 1:
            return (f"{ATTACHMENT_LABEL}{self.names[0]}",)
        numbered = [f"{n}.{name}" for n, name in enumerate(self.names, start=1)]
        return (f"{ATTACHMENT_LABEL}{numbered[0]}", *numbered[1:])


ATTACHMENT_LABEL = "附件："


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str


@dataclass(frozen=True)
class Image:
    """A photo from the attachment store; ``role`` is ``cover`` (WeChat) or ``photo``."""

    sha256: str
    name: str
    role: str
    caption: str = ""
    #: Size the item's reference records; -1 when it records none.
    size: int = -1


#: China Standard Time: 签发时间 is printed in it whatever zone the record was written in.
#: On every page of a document made without an approval (四(二): 未经审核的信息不得上报).
DRAFT_MARK = "草稿，未经审核"
SIGN_OFF_HEADING = "本单位审核签发"
SIGNER_LABEL = "签发人"
OPINION_LABEL = "签发意见"
TIME_LABEL = "签发时间"
FINGERPRINT_LABEL = "电子签发校验码"
#: Hex digits of the content hash printed under the sign-off: 64 bits, short enough to read
#: aloud on the phone, long enough that two versions of an item never share them by chance.
FINGERPRINT_HEX = 16


@dataclass(frozen=True)
class SignOff:
    """The responsible leader's approval as the document prints it (notice 四(二)).

    Built by the caller from the signed approval record; nothing here checks the signature
    (``hnclient verify`` does). Printed the way a clerk checks an approval by eye
    (党政机关公文处理工作条例): 签发人 with post, 签发意见, 签发时间, and the drawn signature.

    * ``signed_at`` must be timezone-aware; it is printed in China Standard Time as
      “2026年11月30日 14:05” whatever zone it carries (a UTC record prints in CST).
    * ``deputy_for``: when a deputy signs for the responsible leader, that leader's name. It is
      printed after the signer as “副县长 王五（代李四签发）”: the name of who actually signed
      comes first, and “代…签发” says on whose behalf, as a clerk writes it by hand.
    * ``signature_png``: the drawn signature (PNG, white background); embedded unchanged, so
      its SHA-256 in the document equals the one in the approval record.
    * ``content_hash``: the hex digest the approval signs (an ``alg:`` prefix is allowed); its
      first 16 hex digits are printed as 电子签发校验码 so paper can be matched to the file,
      followed by the first 16 characters of ``key_id`` (after any ``alg:`` prefix).
    """

    signer: str
    post: str
    opinion: str
    signed_at: datetime | None
    deputy_for: str = ""
    signature_png: bytes | None = None
    key_id: str = ""
    content_hash: str = ""

    def __post_init__(self) -> None:
        if self.signed_at is not None and self.signed_at.utcoffset() is None:
            raise ValueError("SignOff.signed_at must be timezone-aware (ISO 8601 with offset)")

    def signer_text(self) -> str:
        """“职务姓名” (:func:`post_and_name`), plus “（代某某签发）” when signed by a deputy."""
        shown = post_and_name(self.post, self.signer)
        deputy_for = self.deputy_for.strip()
        return f"{shown}（代{deputy_for}签发）" if deputy_for else shown

    def time_text(self) -> str:
        return format_china_time(self.signed_at) if self.signed_at is not None else ""

    def rows(self) -> tuple[tuple[str, str], ...]:
        return (
            (SIGNER_LABEL, self.signer_text()),
            (OPINION_LABEL, self.opinion.strip()),
            (TIME_LABEL, self.time_text()),
        )

    def fingerprint_text(self) -> str:
        """“电子签发校验码：<16 hex>”, and the key when known; "" without a content hash."""
        digest = self.content_hash.strip().rsplit(":", 1)[-1].lower()
        if not digest:
            return ""
        text = f"{FINGERPRINT_LABEL}：{digest[:FINGERPRINT_HEX]}"
        key_id = self.key_id.strip().rsplit(":", 1)[-1]
        if key_id:
            text += f"　签名密钥：{key_id[:FINGERPRINT_HEX]}"
        return text


@dataclass(frozen=True)
class SignOffBox:
    """The empty sign-off box of an item without an approval: lines the leader fills by hand."""

    def rows(self) -> tuple[tuple[str, str], ...]:
        return ((SIGNER_LABEL, ""), (OPINION_LABEL, ""), (TIME_LABEL, ""))


def china_tz() -> tzinfo:
    """China Standard Time (:mod:`hnclient.china_time`, the one clock)."""
    return CHINA_TZ


def format_china_time(moment: datetime) -> str:
    """“2026年11月30日 14:05” in China Standard Time (GB/T 9704 dates, 24-hour clock)."""
    local = moment.astimezone(china_tz())
    return f"{format_date(local.date())} {local:%H:%M}"


Block = (
    Title
    | MetaLine
    | Heading
    | Paragraph
    | Summary
    | LabelledField
    | Table
    | QuestionAnswer
    | AttachmentNote
    | Image
    | SignOff
    | SignOffBox
    | ReportInfo
    | ElementTable
    | Closing
)


@dataclass(frozen=True)
class Layout:
    form_key: str
    title: str
    blocks: tuple[Block, ...]
    #: Printed on every page (Word: the page header; page preview: above the text); "" once
    #: the item carries an approval.
    draft_mark: str = ""

    @property
    def sign_off(self) -> SignOff | None:
        return next((b for b in self.blocks if isinstance(b, SignOff)), None)

    def images(self) -> tuple[Image, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Image))

    def texts(self) -> Iterable[str]:
        """Every visible string, in order: what a round trip through a document must keep."""
        for block in self.blocks:
            match block:
                case Title(text) | MetaLine(text) | Heading(text) | Paragraph(text) | Summary(text):
                    yield text
                case LabelledField(label, value):
                    yield f"{label}：{value}"
                case Table(columns, rows, caption):
                    if caption:
                        yield caption
                    yield from columns
                    for row in rows:
                        yield from row
                case QuestionAnswer(q, a):
                    yield q
                    yield a
                case AttachmentNote():
                    yield from block.lines()
                case ReportInfo(rows, heading):
                    yield heading
                    for label, value in rows:
                        yield label
                        yield value
                case ElementTable(rows, columns):
                    yield from columns
                    for label, value in rows:
                        yield label
                        yield value
                case Closing(signer, day):
                    yield signer
                    yield day
                case SignOff():
                    yield SIGN_OFF_HEADING
                    for label, value in block.rows():
                        yield label
                        yield value
                    if block.fingerprint_text():
                        yield block.fingerprint_text()
                case _:
                    pass


# ------------------------------------------------------------------------------- formatting


def format_date(value: date) -> str:
    """GB/T 9704 writes dates with Arabic numerals and no leading zeros: 2025年3月8日."""
    return f"{value.year}年{value.month}月{value.day}日"


def format_value(definition: FieldDef, value: Any) -> str:
    """Display text of one stored value; unreadable values are shown as stored, never dropped."""
    if value is None:
        return ""
    if definition.type is FieldType.PEOPLE:
        return format_people(value)
    if isinstance(value, list | dict):
        return "；".join(_flatten(value))
    text = str(value).strip()
    if definition.type is FieldType.CHOICE:
        choice = definition.choice(text)
        return choice.label if choice else text
    if definition.type is FieldType.DATE:
        parsed = parse_date(text)
        return format_date(parsed) if parsed else text
    if definition.type is FieldType.DATETIME:
        moment = parse_datetime(text)
        return f"{format_date(moment.date())} {moment:%H:%M}" if moment else text
    return text


def post_and_name(post: str, name: str) -> str:
    """“副县长王五”: a post and a name run together, as Chinese news and official documents
    write them; a half-width space between two Chinese words (“副县长 王五”) is a typing
    slip to a clerk. Only where either side is not Chinese (a Latin or Tibetan name) does a
    space keep the two apart."""
    post, name = post.strip(), name.strip()
    if not post or not name:
        return post or name
    wide = all(unicodedata.east_asian_width(c) in "WF" for c in (post[-1], name[0]))
    return f"{post}{'' if wide else ' '}{name}"


def format_people(value: Any) -> str:
    """People as “职务姓名” (:func:`post_and_name`), joined by 、 — the way Chinese reports
    list attendees."""
    if not isinstance(value, list):
        return str(value).strip()
    names: list[str] = []
    for person in value:
        if isinstance(person, dict):
            shown = post_and_name(str(person.get("position") or ""), str(person.get("name") or ""))
        else:
            shown = str(person).strip()
        if shown:
            names.append(shown)
    return "、".join(names)


def _flatten(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _flatten(v)]
    if isinstance(value, list):
        return [s for v in value for s in _flatten(v)]
    text = "" if value is None else str(value).strip()
    return [text] if text else []


def split_paragraphs(text: str) -> list[str]:
    """Body text as paragraphs: officers separate them by newlines, blank lines or both.

    Leading full-width spaces typed as a manual indent are dropped, since every paragraph gets
    its indent from the style (otherwise it would be indented twice).
    """
    lines = (line.strip().lstrip("\u3000").strip() for line in text.replace("\r", "\n").split("\n"))
    return [line for line in lines if line]


#: A number as a table cell holds one: sign, digits with thousands separators and decimals,
#: and at most a unit after it (“1,234.5”, “−3.2%”, “12.6亿元”, “35人次”).
_NUMBER = re.compile(
    r"[+\-−－]?\d[\d,，]*(?:[.．]\d+)?\s*"
    r"(?:%|％|‰|万元|亿元|千元|元|万人次|人次|万人|万|亿|人|个|项|户|家|件|次|台|套|辆|座|所"
    r"|吨|万吨|亩|万亩|公顷|公里|千米|米|平方米|千瓦|千瓦时|天|日|小时|倍|km|m²|t)?"
)
#: A date or time a cell must print on one line (“2026年3月18日”, “2026-03-18 14:30”).
_DATE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:\s*\d{1,2}[:：]\d{2})?"
    r"|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?(?:\s+\d{1,2}:\d{2})?"
    r"|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
)
#: Cells no wider than this (in em) are never broken: “已完成”, “张三”, “第一季度”.
SHORT_CELL_EM = 4.0
#: A header up to this width stays on one line; a longer one keeps at least its longest part
#: (it may break before a bracket or after a slash or 、).
HEADER_KEEP_EM = 6.0
#: What a column of running text keeps at the least, so that a name wraps two lines, not ten.
MIN_TEXT_EM = 4.0
#: Added to an unbreakable cell's measured width: fonts' half-width glyphs run a little over
#: half an em, and a cell that is a hair too narrow wraps its last character.
SLACK_EM = 0.3


def display_width(text: str) -> float:
    """Printed width in em: full-width (CJK) characters 1, everything else ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def is_numeric(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text.strip()))


def _unbreakable(text: str) -> bool:
    text = text.strip()
    return is_numeric(text) or bool(_DATE.fullmatch(text)) or display_width(text) <= SHORT_CELL_EM


def _lines(text: str) -> list[str]:
    return text.split("\n") or [""]


def _cell_min(text: str, header: bool) -> float:
    """The narrowest a column may be for this cell (in em, before padding)."""
    widest = max(printed_width(line) for line in _lines(text))
    if header:
        # A header may break before a bracket (“完成值/（万元）”) or after a slash or 、;
        # a part is kept whole up to HEADER_KEEP_EM.
        parts = re.split(r"(?=[（(])|(?<=[/、])", text)
        part = max(printed_width(p) for p in parts if p)
        return min(widest, max(HEADER_KEEP_EM, part)) + SLACK_EM
    if all(_unbreakable(line) for line in _lines(text)):
        return widest + SLACK_EM
    # Running text: never narrower than its longest Latin word or number.
    words = re.findall(r"[\x21-\x7e]+", text)
    return max([printed_width(w) + SLACK_EM for w in words] + [min(widest, MIN_TEXT_EM)])


def column_widths(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    total_em: float,
    padding_em: float,
) -> tuple[float, ...]:
    """Widths (em, padding included) summing to ``total_em``, sized by content.

    Each column wants its longest line (header or cell) on one line and must have at least
    the width that keeps dates, numbers and short cells whole and headers from breaking
    early. If everything fits, the spare width goes to the columns in proportion to what
    they want; if not, every column gets its minimum and the text columns share the rest in
    proportion to how much more they want (the long name column wraps, never a date).
    """
    if not columns:
        return ()
    wants = []
    mins = []
    for index, label in enumerate(columns):
        cells = [row[index] for row in rows if index < len(row)]
        texts = [label, *cells]
        widest = max(printed_width(line) for text in texts for line in _lines(text))
        least = max([_cell_min(label, True), *(_cell_min(c, False) for c in cells)])
        wants.append(max(widest + SLACK_EM, least) + padding_em)
        mins.append(least + padding_em)
    want_total, min_total = sum(wants), sum(mins)
    if want_total <= total_em:
        return tuple(w * total_em / want_total for w in wants)
    if min_total >= total_em:
        return tuple(m * total_em / min_total for m in mins)
    share = (total_em - min_total) / (want_total - min_total)
    return tuple(m + (w - m) * share for m, w in zip(mins, wants, strict=True))


def _table(definition: FieldDef, value: Any) -> Table:
    columns = tuple(c.label for c in definition.columns)
    rows: list[tuple[str, ...]] = []
    for row in value if isinstance(value, list) else []:
        if not isinstance(row, dict) or is_blank(row):
            continue
        rows.append(tuple(format_value(c, row.get(c.key)) for c in definition.columns))
    return Table(columns, tuple(rows))


def _qa(value: Any) -> list[QuestionAnswer]:
    pairs: list[QuestionAnswer] = []
    for row in value if isinstance(value, list) else []:
        if isinstance(row, dict) and not is_blank(row):
            question = str(row.get("question") or "").strip()
            answer = str(row.get("answer") or "").strip()
            pairs.append(QuestionAnswer(question, answer))
    return pairs


# ----------------------------------------------------------------------------------- layout


def build_layout(
    item: Item,
    form: FormDef,
    *,
    unit: str = "",
    sign_off: SignOff | None = None,
    contact: Contact | None = None,
) -> Layout:
    """The blocks of ``item`` in reading order: the publishable text (title, byline, body
    with its published fields, an announcement's 特此公告, 附件说明 and 落款, photos), then
    what the office only reads: the 报送信息 table with the form's bookkeeping fields and the
    submitter's ``contact``, and the sign-off (see :mod:`hnclient.word.office`).

    Without ``sign_off`` the layout ends in the empty box for a handwritten sign-off and
    carries :data:`DRAFT_MARK` for every page: such a document has not been reviewed.
    """
    item = clean_item(item)  # stored before the save path cleaned text (hnclient.cleantext)
    unit = clean_line(unit)
    title = item.title.strip()
    lines = title_lines(item.title, item.title_breaks) if title else (MISSING_TEXT,)
    blocks: list[Block] = [Title(title or MISSING_TEXT, lines)]
    blocks.extend(_meta(item, unit))
    if item.summary.strip():
        blocks.append(Summary(" ".join(split_paragraphs(item.summary))))
    closing: list[Block] = []
    if form.key == SERVICE_GUIDE:
        blocks.append(_element_table(item, form))
    else:
        text = _category_fields(item, form)
        kind = announcement_kind(item, form)
        if kind:
            text, closing = _announcement_end(text, kind, item, unit)
        blocks.extend(text)
    blocks.extend(_attachment_note(item))
    blocks.extend(closing)
    blocks.extend(_images(item))
    blocks.append(_report_info(item, form, unit, contact or Contact()))
    blocks.append(sign_off if sign_off is not None else SignOffBox())
    blocks = _number_tables(blocks)
    return Layout(form.key, title, tuple(blocks), "" if sign_off is not None else DRAFT_MARK)


def _number_tables(blocks: list[Block]) -> list[Block]:
    """表1, 表2 … in reading order, one count per document; “表1 名称” with one space, as
    typists set a 表题 (the table's label from the form is the name)."""
    numbered: list[Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, Table) and block.caption:
            count += 1
            block = replace(block, caption=f"表{count} {block.caption}")
        numbered.append(block)
    return numbered


def _meta(item: Item, unit: str) -> list[Block]:
    """A byline (unit and event date, as under a news title: the portal prints both with the
    article). The channels are bookkeeping and go to the 报送信息 table."""
    byline = [part for part in (unit.strip(), _date_text(item.event_date)) if part]
    return [MetaLine("　".join(byline))] if byline else []


def _date_text(value: date | None) -> str:
    return format_date(value) if value else ""


def _category_fields(item: Item, form: FormDef) -> list[Block]:
    """The publishable fields in form order: the body and the fields marked ``publish``
    (tables, an announcement's telephone); the rest go to :func:`_report_info`."""
    blocks: list[Block] = []
    for definition in form.fields:
        value = item.values.get(definition.key)
        if is_blank(value) or not _published(definition):
            continue
        if definition.type is FieldType.TABLE:
            table = _table(definition, value)
            if table.rows:
                blocks.append(replace(table, caption=definition.label))
        elif definition.type is FieldType.MULTILINE:
            paragraphs = [Paragraph(p) for p in split_paragraphs(str(value))]
            if definition.key != BODY_KEY:
                blocks.append(Heading(definition.label))
            blocks.extend(paragraphs)
        else:
            blocks.append(LabelledField(definition.label, format_value(definition, value)))
    return blocks


def _published(definition: FieldDef) -> bool:
    return definition.key == BODY_KEY or definition.publish


def _element_table(item: Item, form: FormDef) -> ElementTable:
    """附件3 order, every element present, as rows 要素 | 内容; fields the office adds later
    follow at the end."""
    known = {key for key, _ in SERVICE_GUIDE_ORDER}
    extra = [(d.key, d.label) for d in form.fields if d.key not in known]
    rows: list[tuple[str, str]] = []
    for key, default_label in (*SERVICE_GUIDE_ORDER, *extra):
        definition = form.field(key) if form.has_field(key) else None
        label = definition.label if definition else default_label
        value: Any = item.title if key == "title" else item.values.get(key)
        if is_blank(value):
            shown = NONE_TEXT if key in SERVICE_GUIDE_OPTIONAL else MISSING_TEXT
        elif key == "faq":
            shown = "\n".join(f"问：{qa.question}\n答：{qa.answer}" for qa in _qa(value))
        elif definition is not None:
            shown = _cell_value(definition, value)
        else:
            shown = str(value).strip()
        rows.append((label, shown))
    return ElementTable(tuple(rows))


def _cell_value(definition: FieldDef, value: Any) -> str:
    """A field's value as one table cell: paragraphs and table rows each on a line of their
    own; a list of materials numbered “1.居民身份证（原件，1份，本人签字）”."""
    if definition.type is FieldType.MULTILINE:
        return "\n".join(split_paragraphs(str(value)))
    if definition.type is FieldType.TABLE:
        table = _table(definition, value)
        lines = []
        for number, row in enumerate(table.rows, start=1):
            details = [
                f"{cell}份" if column.key == "copies" and cell.isdigit() else cell
                for column, cell in zip(definition.columns[1:], row[1:], strict=True)
                if cell
            ]
            extra = f"（{'，'.join(details)}）" if details else ""
            lines.append(f"{number}.{row[0]}{extra}" if len(table.rows) > 1 else row[0] + extra)
        return "\n".join(lines)
    return format_value(definition, value)


def _report_info(item: Item, form: FormDef, unit: str, contact: Contact) -> ReportInfo:
    """报送信息: category, unit, channels, the form's bookkeeping fields in form order, and
    who to call. Empty bookkeeping fields are left out; the contact is always shown, as
    （未填写） when the officer has not given it (查看 → 本单位信息…)."""
    channels = [c.label_zh for c in (Channel.PORTAL, Channel.WECHAT) if c in item.channels]
    rows: list[tuple[str, str]] = [
        ("信息类别", form.title),
        ("报送单位", unit.strip() or MISSING_TEXT),
        ("发布渠道", "、".join(channels) or MISSING_TEXT),
    ]
    if form.key != SERVICE_GUIDE:
        for definition in form.fields:
            value = item.values.get(definition.key)
            if not _published(definition) and not is_blank(value):
                rows.append((definition.label, _cell_value(definition, value)))
    rows.append((CONTACT_NAME_LABEL, clean_line(contact.name).strip() or MISSING_TEXT))
    rows.append((CONTACT_PHONE_LABEL, clean_line(contact.phone).strip() or MISSING_TEXT))
    return ReportInfo(tuple(rows))


#: 信息类型 of the announcement form that end with 特此… and a 落款 (公告、通告、公示).
ANNOUNCEMENT_FORM = "services"
ANNOUNCEMENT_KINDS = {"announcement": "公告", "notice": "通告", "publicity": "公示"}
_CN_DATE = re.compile(
    r"[\d〇○零一二三四五六七八九]{4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日"
)
#: A line that can be a typed 落款's signature: short, and not a sentence.
_SIGNER_MAX = 30


def announcement_kind(item: Item, form: FormDef) -> str:
    """“公告”, “通告” or “公示” for an announcement, else ""."""
    if form.key != ANNOUNCEMENT_FORM:
        return ""
    return ANNOUNCEMENT_KINDS.get(str(item.values.get("info_type") or ""), "")


def _announcement_end(
    blocks: list[Block], kind: str, item: Item, unit: str
) -> tuple[list[Block], list[Block]]:
    """The text ending in “特此公告。”, and the 落款 that follows the 附件说明.

    Officers often paste the whole announcement, its own 特此公告 and 落款 included: those
    lines are taken out of the body (so nothing prints twice), the formula is set after the
    published fields (telephone, link), and a typed signature and date are used for the
    落款 — else the form's 发布机关 and the event date.
    """
    body = [n for n, b in enumerate(blocks) if isinstance(b, Paragraph)]
    signer = date_text = ""
    if len(body) >= 2:
        last, before = blocks[body[-1]], blocks[body[-2]]
        assert isinstance(last, Paragraph) and isinstance(before, Paragraph)
        if (
            (_CN_DATE.fullmatch(last.text.strip()) or _DATE.fullmatch(last.text.strip()))
            and len(before.text) <= _SIGNER_MAX
            and not before.text.rstrip().endswith(("。", "；", "，", "：", "！", "？"))
        ):
            signer, date_text = before.text.strip(), last.text.strip()
            blocks = [b for n, b in enumerate(blocks) if n not in body[-2:]]
    blocks = [
        b for b in blocks if not (isinstance(b, Paragraph) and b.text.strip().startswith("特此"))
    ]
    blocks.append(Paragraph(f"特此{kind}。"))
    if not signer:
        authority = item.values.get("issuing_authority")
        signer = str(authority).strip() if not is_blank(authority) else unit.strip()
    if not date_text:
        day = item.event_date or parse_date(str(item.values.get("valid_from") or ""))
        date_text = format_date(day) if day else MISSING_TEXT
    closing = Closing(
        signer or MISSING_TEXT, date_text, printed_width(signer or MISSING_TEXT),
        printed_width(date_text),
    )  # fmt: skip
    return blocks, [closing]


def chinese_numeral(number: int) -> str:
    """一 … 九十九: the first-level heading numbers of Chinese official documents."""
    if number < 1 or number > 99:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _NUMERALS[ones - 1]
    prefix = "" if tens == 1 else _NUMERALS[tens - 1]
    return prefix + "十" + (_NUMERALS[ones - 1] if ones else "")


COVER_CAPTION = "（政务微信封面图片）"


def _images(item: Item) -> list[Block]:
    """The WeChat cover (when the item goes to WeChat) and every attached photo, each picture
    once: a cover that is also attached prints where the cover goes, with its caption."""
    blocks: list[Block] = []
    seen: set[str] = set()
    if item.cover and Channel.WECHAT in item.channels:
        cover = _image(item.cover, "cover", COVER_CAPTION)
        blocks.append(cover)
        seen.add(cover.sha256)
    for ref in item.attachments:
        if _is_photo(ref):
            photo = _image(ref, "photo")
            if photo.sha256 not in seen:
                seen.add(photo.sha256)
                blocks.append(photo)
    return blocks


def _image(ref: object, role: str, caption: str = "") -> Image:
    size = _ref_field(ref, "size")
    return Image(
        str(_ref_field(ref, "sha256") or ""),
        str(_ref_field(ref, "name") or ""),
        role,
        caption,
        size if isinstance(size, int) else -1,
    )


def _ref_field(ref: object, key: str) -> Any:
    """A field of an attachment reference: an ``AttachmentRef`` or a stored JSON dict."""
    if isinstance(ref, dict):
        return ref.get(key)
    return getattr(ref, key, None)


def _is_photo(ref: object) -> bool:
    return str(_ref_field(ref, "kind") or "") in PHOTO_KINDS


def _attachment_note(item: Item) -> list[Block]:
    """附件说明 right after the body: the documents and videos that travel beside the .docx
    (photos are printed in the document itself), by name, without the file extension."""
    others = [ref for ref in item.attachments if not _is_photo(ref)]
    names = tuple(attachment_title(str(_ref_field(ref, "name") or "")) for ref in others)
    return [AttachmentNote(names)] if names else []


def attachment_title(file_name: str) -> str:
    """An attachment's name as GB/T 9704 prints it: no extension, no closing punctuation."""
    file_name = clean_line(file_name)
    stem, dot, suffix = file_name.strip().rpartition(".")
    name = stem if dot and stem and 0 < len(suffix) <= 5 and suffix.isalnum() else file_name
    return name.strip().rstrip("。；;，,、.") or file_name.strip()
