"""Classification markings give warnings wherever they are written (domain.md rule 2)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hnclient.forms import FormDef, Problem, find_markings, validate_item

TODAY = date(2025, 3, 18)


@pytest.mark.parametrize(
    ("text", "markings"),
    [
        ("本文件为绝密文件", ["绝密"]),
        ("机密★1年", ["机密★"]),
        ("秘密 ☆ 启用前", ["秘密 ☆"]),
        ("★ 内部资料，注意保密", ["★", "内部资料", "注意保密"]),
        ("内部文件 不得外传", ["内部文件", "不得外传"]),
        ("仅供内部参考", ["仅供内部"]),
        ("秘密、秘密", ["秘密"]),
        ("共和县召开春耕生产会议", []),
        ("游客满意度☆☆☆☆", []),  # a hollow star alone is decoration
        ("内部控制制度", []),
    ],
)
def test_find_markings(text: str, markings: list[str]) -> None:
    assert find_markings(text) == markings


def _warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.code == "classified_marking"]


def test_markings_in_every_part_are_warned(forms: dict[str, FormDef], make_item: Any) -> None:
    values = {
        "activity_type": "meeting",
        "body": "会议传达了机密★文件精神。",
        "leaders": [{"name": "张三", "position": "内部资料"}],
        "indicators": [{"indicator": "绝密指标", "planned": "1"}],
    }
    item = make_item("leadership", title="秘密会议", summary="不得外传", values=values)
    warnings = _warnings(validate_item(forms["leadership"], item, TODAY))
    assert [(w.field, w.row, w.column) for w in warnings] == [
        ("title", None, None),
        ("summary", None, None),
        ("leaders", 0, "position"),
        ("body", None, None),
        ("indicators", 0, "indicator"),
    ]
    assert all(w.severity == "warning" for w in warnings)
    body = next(w for w in warnings if w.field == "body")
    assert "“正文”" in body.message and "“机密★”" in body.message
    assert "不得报送" in body.message
    cell = next(w for w in warnings if w.field == "indicators")
    assert "“进展和指标完成情况”第1行的“指标名称”" in cell.message


def test_values_of_dropped_fields_are_scanned(forms: dict[str, FormDef], make_item: Any) -> None:
    values = {"content_type": "news", "body": "正文", "source": "本单位", "old": ["注意保密"]}
    warnings = _warnings(validate_item(forms["other"], make_item("other", values=values), TODAY))
    assert [w.field for w in warnings] == ["old"]


def test_markings_do_not_block(forms: dict[str, FormDef], make_item: Any) -> None:
    values = {"content_type": "news", "body": "揭开高原湖泊的秘密", "source": "本单位"}
    problems = validate_item(forms["other"], make_item("other", values=values), TODAY)
    assert [(p.code, p.severity) for p in problems] == [("classified_marking", "warning")]
