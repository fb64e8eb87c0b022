"""Rules every item obeys whatever its category: title, event date, channels, WeChat needs.

They live in code rather than in the form files because they come from the notice and the
channels themselves (domain.md, "Channels"; notice 五(四)), not from the office's forms.
"""

from __future__ import annotations

from datetime import date

from hnclient.forms.fields import Place, too_long
from hnclient.forms.model import FormDef
from hnclient.forms.problems import Problem, Severity
from hnclient.forms.timeliness import (
    FUTURE_TOLERANCE_DAYS,
    STALE_AFTER_DAYS,
    is_far_future,
    is_stale,
)
from hnclient.forms.values import text_length
from hnclient.items import Channel, Item

TITLE_MAX = 200
WECHAT_TITLE_MAX = 64
SUMMARY_MAX = 120

EVENT_DATE = Place("event_date", "“事件日期”", "“Event date”")
CHANNELS = Place("channels", "“发布渠道”", "“Channels”")
SUMMARY = Place("summary", "“摘要”", "“Summary”")
COVER = Place("cover", "“封面图片”", "“Cover image”")


def check_common(form: FormDef, item: Item, today: date) -> list[Problem]:
    wechat = Channel.WECHAT in item.channels
    return [
        *_check_title(form, item.title, wechat),
        *_check_event_date(form, item.event_date, today),
        *_check_channels(item),
        *_check_summary(item.summary, wechat),
        *_check_cover(item, wechat),
    ]


def _check_title(form: FormDef, title: str, wechat: bool) -> list[Problem]:
    where = Place("title", f"“{form.title_label}”", f"“{form.title_label_en}”")
    length = text_length(title)
    if length == 0:
        return [
            where.problem("required", f"{where.zh}不能为空，请填写。", f"{where.en}: fill it in.")
        ]
    problems = [too_long(where, length, TITLE_MAX)] if length > TITLE_MAX else []
    if wechat and length > WECHAT_TITLE_MAX:
        problems.append(
            where.problem(
                "wechat_title_too_long",
                f"发往政务微信的信息，{where.zh}最多{WECHAT_TITLE_MAX}个字，现在有{length}个字。"
                f"请删减{length - WECHAT_TITLE_MAX}个字，或不选择“政务微信”。",
                f"For WeChat, {where.en} may have at most {WECHAT_TITLE_MAX} characters; it has "
                f"{length}. Shorten it, or do not choose WeChat.",
            )
        )
    return problems


def _check_event_date(form: FormDef, event_date: date | None, today: date) -> list[Problem]:
    where = Place(EVENT_DATE.field, f"“{form.event_date_label}”", f"“{form.event_date_label_en}”")
    if event_date is None:
        what = "信息所述事件发生的日期" if form.timeliness else "日期"
        return [
            where.problem(
                "required",
                f"{where.zh}不能为空，请填写{what}。",
                f"{where.en}: enter the date.",
            )
        ]
    if form.timeliness and is_stale(event_date, today):
        days = (today - event_date).days
        return [
            where.problem(
                "stale",
                f"时效性提醒：{where.zh}是{event_date:%Y-%m-%d}，信息已超过{STALE_AFTER_DAYS}天"
                f"（{days}天前），请核实是否仍有报送价值。",
                f"Timeliness: the event was {days} days ago (more than {STALE_AFTER_DAYS}); "
                "check that the item is still worth sending.",
                Severity.WARNING,
            )
        ]
    if is_far_future(event_date, today):
        return [
            where.problem(
                "future_date",
                f"{where.zh}是{event_date:%Y-%m-%d}，晚于今天{FUTURE_TOLERANCE_DAYS}天以上，"
                "请核对日期是否填错。",
                f"{where.en} is {event_date:%Y-%m-%d}, more than {FUTURE_TOLERANCE_DAYS} day "
                "ahead of today; check that it is right.",
                Severity.WARNING,
            )
        ]
    return []


def _check_channels(item: Item) -> list[Problem]:
    if item.channels:
        return []
    return [
        CHANNELS.problem(
            "required",
            f"{CHANNELS.zh}至少选择一个：“门户网站”或“政务微信”。",
            f"{CHANNELS.en}: choose at least one, the portal or WeChat.",
        )
    ]


def _check_summary(summary: str, wechat: bool) -> list[Problem]:
    where = SUMMARY
    length = text_length(summary)
    if length == 0 and wechat:
        return [
            where.problem(
                "wechat_summary_required",
                f"发往政务微信的信息必须填写{where.zh}，请用{SUMMARY_MAX}字以内概括主要内容。",
                f"A WeChat item needs a {where.en}; summarise it in at most {SUMMARY_MAX} "
                "characters.",
            )
        ]
    return [too_long(where, length, SUMMARY_MAX)] if length > SUMMARY_MAX else []


def _check_cover(item: Item, wechat: bool) -> list[Problem]:
    if not wechat or item.cover is not None:
        return []
    return [
        COVER.problem(
            "wechat_cover_required",
            f"发往政务微信的信息必须有{COVER.zh}，请选择一张JPG格式的照片作为封面。",
            f"A WeChat item needs a {COVER.en}; choose a JPG photo.",
        )
    ]
