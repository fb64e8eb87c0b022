"""The guard as the lead calls it: findings, their context, messages and fingerprints."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hnclient.screening import MAX_PER_TEXT, Finding, LabelledText, scan_text, screen

TODAY = date(2025, 3, 18)
ID = "11010519491231002X"
MOBILE = "13812345678"


def body(text: str, key: str = "body") -> LabelledText:
    return LabelledText(key, "“正文”", "“Body”", text)


def test_findings_in_order_with_offsets_into_the_original() -> None:
    text = f"\u200b联系人张三（{ID}），手机 +86 138-1234-5678。今年机\u3000密文件\n涉\u00ad密"
    findings = screen([body(text)], today=TODAY)
    assert [f.kind for f in findings] == ["id_number", "mobile", "marking", "marking"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.match
        assert (finding.source, finding.key, finding.part) == ("field", "body", "")
    assert findings[2].context == "…38-****-5678。今年【机\u3000密】文件↵涉\u00ad密"  # masked
    assert findings[2].canonical == "机密" and findings[2].disguised


def test_context_is_about_fifteen_characters_each_side() -> None:
    text = "一二三四五六七八九十" * 3 + "秘密" + "甲乙丙丁戊己庚辛壬癸" * 3
    [finding] = scan_text(text, "field", "body", "", "“正文”", "“Body”")
    assert (
        finding.context == "…六七八九十一二三四五六七八九十【秘密】甲乙丙丁戊己庚辛壬癸甲乙丙丁戊…"
    )
    [short] = scan_text("秘密", "field", "t", "", "", "")
    assert short.context == "【秘密】"


@pytest.mark.parametrize(
    "text",
    [
        f"身份证{ID}",
        f"身份证 110105 19491231 002X，电话{MOBILE}",
        f"电话 138 1234 5678 身份证{ID.lower()}，机密",
        f"机密文件{MOBILE}{'，' * 3}{ID}",
    ],
)
def test_numbers_never_appear_in_full(text: str) -> None:
    findings = screen([body(text)], today=TODAY)
    assert findings
    for finding in findings:
        shown = " ".join(
            [finding.context, finding.shown, finding.message_zh(), finding.message_en()]
            + [repr(finding), finding.fingerprint]
        )
        digits = re.sub(r"[^0-9Xx*]", "", shown)
        assert ID not in digits.upper() and MOBILE not in digits
        assert "19491231" not in digits and "1234" not in re.sub(r"[^0-9]", "", finding.shown)


def test_masked_forms() -> None:
    id_finding, mobile = screen([body(f"{ID}，{MOBILE}")], today=TODAY)
    assert id_finding.shown == "1101**********002X"
    assert mobile.shown == "138****5678"
    assert id_finding.match == ID  # the caller may still locate and edit it
    assert "match" not in repr(id_finding)
    assert "1101**********002X" in id_finding.message_zh()


def test_messages_say_what_why_and_what_to_do() -> None:
    mark, id_finding = screen([body(f"秘密 ★ 1年 {ID}")], today=TODAY)
    zh = mark.message_zh()
    assert "“正文”" in zh and "“秘密 ★ 1年”" in zh and "【秘密 ★ 1年】" in zh
    assert "第四条第（二）项" in zh and "涉密文件、信息不得上网发布" in zh
    assert "请删除或改写" in zh and "理由" in zh
    assert "classification marking" in mark.message_en() and "why" in mark.message_en()
    assert "居民身份证号码" in id_finding.message_zh() and "理由" in id_finding.message_zh()
    [spaced] = screen([body("绝\u200b密")])
    assert "看不见的字符" in spaced.message_zh() and "“绝密”" in spaced.message_zh()
    [star] = screen([body("★ 重点工作")])
    assert "单独的“★”" in star.message_zh()


def test_fingerprint_survives_unrelated_edits() -> None:
    before = screen([body("今年机密文件下发。")])[0].fingerprint
    after = screen([body("经研究，今年机密文件已下发，请各单位认真学习。")])[0].fingerprint
    respaced = screen([body("机 密")])[0].fingerprint
    assert before == after == respaced
    assert before != screen([body("今年机密文件下发。", key="summary")])[0].fingerprint
    assert before != screen([body("今年秘密文件下发。")])[0].fingerprint
    assert before.startswith("marking:")
    one = screen([body("电话 138-1234-5678")])[0].fingerprint
    assert one == screen([body(f"手机：{MOBILE}")])[0].fingerprint


def test_finding_is_frozen() -> None:
    [finding] = screen([body("机密")])
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.kind = "mobile"  # type: ignore[misc]
    assert isinstance(finding, Finding)


def test_empty_input_and_an_overlong_text() -> None:
    assert screen([]) == []
    assert screen([body("")]) == []
    findings = scan_text(
        "秘密" + "文" * 50 + "机密", "field", "body", "", "“正文”", "“Body”", max_chars=20
    )
    assert [(f.kind, f.reason) for f in findings] == [("marking", ""), ("unscanned", "truncated")]
    assert "没有自动检查完" in findings[1].message_zh()


def test_attachments_come_after_fields(tmp_path: Path) -> None:
    missing = tmp_path / "gone.docx"
    findings = screen([body("机密")], [("材料.docx", missing)])
    assert [(f.kind, f.source) for f in findings] == [
        ("marking", "field"),
        ("unscanned", "attachment"),
    ]
    assert "无法自动检查" in findings[1].message_zh()


def test_qt_free_and_python_docx_loaded_only_when_used() -> None:
    code = (
        "import sys, hnclient.screening, hnclient.screening.word, hnclient.forms.markings\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'docx'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_too_many_hits_in_one_text_are_capped() -> None:
    text = "，".join(f"电话1381234{i:04d}" for i in range(MAX_PER_TEXT + 20))
    findings = scan_text(text, "attachment", "名单.docx", "document", "附件", "attachment")
    assert len(findings) == MAX_PER_TEXT + 1
    assert (findings[-1].kind, findings[-1].reason) == ("unscanned", "too_many")
    assert "逐页人工检查" in findings[-1].message_zh()
