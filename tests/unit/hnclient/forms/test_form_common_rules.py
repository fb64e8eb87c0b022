"""Rules every item obeys: title, event date and timeliness, channels, WeChat, summary."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from hnclient.forms import FormDef, Problem, Severity, china_today, is_stale, validate_item
from hnclient.items import Channel

TODAY = date(2025, 3, 18)
BOTH = frozenset({Channel.PORTAL, Channel.WECHAT})
COVER = {"sha256": "ab" * 32, "name": "cover.jpg", "size": 1024}
BODY = {"body": "3月18日，共和县召开春季农牧业生产工作会议。"}


@pytest.fixture
def check(forms: dict[str, FormDef], make_item: Any) -> Any:
    """Validate a valid "other" item with some parts replaced; only common problems matter."""

    def run(**changes: Any) -> list[Problem]:
        values = {"content_type": "news", "source": "共和县人民政府", **BODY}
        item = make_item("other", values=values, **changes)
        return validate_item(forms["other"], item, TODAY)

    return run


def found(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.field, p.code, p.severity) for p in problems]


def test_valid_portal_item(check: Any) -> None:
    assert check() == []


def test_valid_wechat_item(check: Any) -> None:
    assert check(channels=BOTH, summary="共和县部署春耕生产。", cover=COVER) == []


@pytest.mark.parametrize("title", ["", "   ", "\u3000\n"])
def test_title_required(check: Any, title: str) -> None:
    (problem,) = check(title=title)
    assert found([problem]) == [("title", "required", "error")]
    assert "“标题”不能为空" in problem.message


def test_title_length(check: Any) -> None:
    assert check(title="题" * 200) == []
    (problem,) = check(title="题" * 201)
    assert problem.code == "too_long" and "“标题”最多200个字" in problem.message


def test_service_guide_calls_the_title_item_name(forms: dict[str, FormDef], make_item: Any) -> None:
    problems = validate_item(forms["service_guide"], make_item("service_guide", title=""), TODAY)
    assert problems[0].field == "title"
    assert problems[0].message.startswith("“事项名称”不能为空")


def test_event_date_required(check: Any) -> None:
    (problem,) = check(event_date=None)
    assert found([problem]) == [("event_date", "required", "error")]
    assert "“事件日期”" in problem.message


def test_stale_exactly_seven_days_is_still_timely(check: Any) -> None:
    assert check(event_date=date(2025, 3, 11)) == []


def test_stale_after_eight_days(check: Any) -> None:
    (problem,) = check(event_date=date(2025, 3, 10))
    assert found([problem]) == [("event_date", "stale", "warning")]
    assert "信息已超过7天" in problem.message and "请核实是否仍有报送价值" in problem.message
    assert not problem.is_error


def test_service_guide_names_its_date_and_is_not_stale(
    forms: dict[str, FormDef], make_item: Any
) -> None:
    """A service guide is reference material: its date is when it was compiled, not news."""
    form = forms["service_guide"]
    missing = validate_item(form, make_item("service_guide", event_date=None), TODAY)
    assert any(p.code == "required" and "“编制日期”" in p.message for p in missing)
    old = validate_item(form, make_item("service_guide", event_date=date(2024, 1, 1)), TODAY)
    assert all(p.code != "stale" for p in old)


def test_stale_across_a_year_boundary() -> None:
    assert not is_stale(date(2024, 12, 25), date(2025, 1, 1))
    assert is_stale(date(2024, 12, 24), date(2025, 1, 1))
    assert not is_stale(date(2025, 3, 20), TODAY)


def test_future_date(check: Any) -> None:
    assert check(event_date=TODAY + timedelta(days=1)) == []
    (problem,) = check(event_date=TODAY + timedelta(days=2))
    assert found([problem]) == [("event_date", "future_date", "warning")]
    assert "2025-03-20" in problem.message


def test_at_least_one_channel(check: Any) -> None:
    (problem,) = check(channels=frozenset())
    assert found([problem]) == [("channels", "required", "error")]
    assert "“发布渠道”至少选择一个" in problem.message


def test_wechat_needs_summary_and_cover(check: Any) -> None:
    problems = check(channels=frozenset({Channel.WECHAT}), summary="  ")
    assert found(problems) == [
        ("summary", "wechat_summary_required", "error"),
        ("cover", "wechat_cover_required", "error"),
    ]
    assert "“摘要”" in problems[0].message and "“封面图片”" in problems[1].message


def test_wechat_title_limit(check: Any) -> None:
    ok = {"channels": BOTH, "summary": "摘要", "cover": COVER}
    assert check(title="题" * 64, **ok) == []
    (problem,) = check(title="题" * 65, **ok)
    assert found([problem]) == [("title", "wechat_title_too_long", "error")]
    assert "最多64个字，现在有65个字" in problem.message
    assert check(title="题" * 65) == []  # portal only: 200 applies


def test_summary_limit_applies_to_both_channels(check: Any) -> None:
    assert check(summary="摘" * 120) == []
    (problem,) = check(summary="摘" * 121)
    assert found([problem]) == [("summary", "too_long", "error")]
    (problem,) = check(summary="摘" * 121, channels=BOTH, cover=COVER)
    assert problem.code == "too_long"


def test_problems_come_common_first_then_fields_in_form_order(
    forms: dict[str, FormDef], make_item: Any
) -> None:
    item = make_item("other", title="", values={"content_type": "x"})
    problems = validate_item(forms["other"], item, TODAY)
    assert [(p.field, p.code) for p in problems] == [
        ("title", "required"),
        ("content_type", "invalid_choice"),
        ("body", "required"),
        ("source", "required"),
    ]


def test_problem_severities_are_plain_strings(check: Any) -> None:
    (problem,) = check(event_date=date(2025, 1, 1))
    assert problem.severity == "warning" and problem.severity is Severity.WARNING


def test_china_today_is_utc_plus_8() -> None:
    utc = UTC
    assert china_today(datetime(2025, 3, 17, 15, 59, tzinfo=utc)) == date(2025, 3, 17)
    assert china_today(datetime(2025, 3, 17, 16, 0, tzinfo=utc)) == date(2025, 3, 18)
    assert isinstance(china_today(), date)
