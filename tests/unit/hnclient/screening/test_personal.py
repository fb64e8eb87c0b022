"""Resident ID numbers (GB 11643 check character) and mobile numbers, and their masking."""

from __future__ import annotations

from datetime import date

import pytest

from hnclient.screening.personal import (
    id_check_character,
    is_valid_id_number,
    iter_personal,
    masked,
)

TODAY = date(2025, 3, 18)
#: The example of GB 11643-1999 and a Qinghai (63) number, both with valid check characters.
X_ID = "11010519491231002X"
QINGHAI_ID = "630102199001011235"


def test_check_character() -> None:
    assert id_check_character(X_ID[:17]) == "X"
    assert id_check_character(QINGHAI_ID[:17]) == QINGHAI_ID[17]
    assert is_valid_id_number(X_ID, TODAY)
    assert is_valid_id_number(X_ID.lower(), TODAY)
    assert is_valid_id_number(QINGHAI_ID, TODAY)


def with_check(first17: str) -> str:
    return first17 + id_check_character(first17)


@pytest.mark.parametrize(
    "number",
    [
        QINGHAI_ID[:17] + "1",  # wrong check character
        X_ID[:17] + "0",
        with_check("63010219900230123"),  # 30 February
        with_check("63010219901301123"),  # month 13
        with_check("63010218990101123"),  # before 1900
        with_check("63010220250319123"),  # born after TODAY
        with_check("99010219900101123"),  # no such province
        with_check("01010219900101123"),
    ],
)
def test_invalid_id_numbers(number: str) -> None:
    assert not is_valid_id_number(number, TODAY)
    assert list(iter_personal(f"身份证号{number}。", TODAY)) == []


def found(text: str) -> list[tuple[str, str, str]]:
    return [(p.kind, p.text, p.number) for p in iter_personal(text, TODAY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号：{X_ID}。", [("id_number", X_ID, X_ID)]),
        (f"身份证号：{X_ID.lower()}", [("id_number", X_ID.lower(), X_ID)]),
        (f"{QINGHAI_ID}", [("id_number", QINGHAI_ID, QINGHAI_ID)]),
        ("110105 19491231 002X", [("id_number", "110105 19491231 002X", X_ID)]),
        ("110105-19491231-002X", [("id_number", "110105-19491231-002X", X_ID)]),
        (
            "１１０１０５１９４９１２３１００２Ｘ",
            [("id_number", "１１０１０５１９４９１２３１００２Ｘ", X_ID)],
        ),
        ("1101\u200b0519491231002X", [("id_number", "1101\u200b0519491231002X", X_ID)]),
        # embedded in a longer run of digits: an account or serial number, not an ID
        (f"1{X_ID}", []),
        (f"{QINGHAI_ID}9", []),
        (f"{QINGHAI_ID}X", []),
        (f"62{QINGHAI_ID}17", []),
        # next to another number, but apart from it: still an ID
        (f"编号 12，{X_ID}", [("id_number", X_ID, X_ID)]),
    ],
)
def test_id_numbers(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("电话13812345678。", "13812345678"),
        ("电话 138 1234 5678", "138 1234 5678"),
        ("电话：138-1234-5678", "138-1234-5678"),
        ("+86 138 1234 5678", "+86 138 1234 5678"),
        ("+8613812345678", "+8613812345678"),
        ("0086-13812345678", "0086-13812345678"),
        ("(+86)19912345678", "(+86)19912345678"),
        ("１３８１２３４５６７８", "１３８１２３４５６７８"),
        ("联系人张三15912345678", "15912345678"),
    ],
)
def test_mobile_numbers(text: str, number: str) -> None:
    [hit] = iter_personal(text, TODAY)
    assert hit.kind == "mobile"
    assert hit.text == number == text[hit.start : hit.end]
    assert len(hit.number) == 11 and hit.number.startswith("1")


@pytest.mark.parametrize(
    "text",
    [
        "12812345678",  # 12x is no mobile prefix
        "913812345678",  # inside a longer run of digits
        "138123456789",
        "8613812345678",  # 86 without + or 00 is part of the run
        "1381234567",  # ten digits
        "0971-6123456",  # a landline
        "2025年3月18日",
    ],
)
def test_not_mobile_numbers(text: str) -> None:
    assert list(iter_personal(text, TODAY)) == []


def test_masking() -> None:
    text = f"电话138-1234-5678，身份证{X_ID}"
    mobile, id_number = iter_personal(text, TODAY)
    assert sorted(text[i] for i in mobile.hidden) == ["1", "2", "3", "4"]
    assert [text[i] for i in sorted(id_number.hidden)] == list(X_ID[4:14])
    assert masked(mobile.number, "mobile") == "138****5678"
    assert masked(X_ID, "id_number") == "1101**********002X"
