"""PIN format, scrypt PIN hash, its JSON form."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hnclient.errors import OfficerError, officer_messages
from hnclient.signing import (
    DEFAULT_SCRYPT,
    MIN_PIN_DIGITS,
    PinFormatError,
    PinHash,
    PinRecordError,
    ScryptParams,
    WrongPinError,
    check_new_pin,
    check_pin_format,
    hash_pin,
    needs_rehash,
    normalise_pin,
    verify_pin,
)

from .conftest import FAST


@pytest.mark.parametrize("pin", ["123456", "000000", "12345678901234", "１２３４５６", "12３4５6"])
def test_valid_pins_pass(pin: str) -> None:
    check_pin_format(pin)


def test_full_width_digits_become_ascii() -> None:
    assert normalise_pin("１２３４５６") == "123456"
    assert normalise_pin("ab１") == "ab1"


def test_empty_pin() -> None:
    with pytest.raises(PinFormatError) as caught:
        check_pin_format("")
    assert caught.value.reason == "empty"
    assert isinstance(caught.value, OfficerError)
    assert "PIN" in caught.value.message_zh() and "没有输入" in caught.value.message_zh()


def test_three_digit_pin_says_how_many() -> None:
    with pytest.raises(PinFormatError) as caught:
        check_pin_format("123")
    error = caught.value
    assert (error.reason, error.digits) == ("too_short", 3)
    assert "3 位" in error.message_zh() and f"{MIN_PIN_DIGITS} 位" in error.message_zh()
    assert "3 digits" in error.message_en()


def test_five_full_width_digits_are_too_short() -> None:
    with pytest.raises(PinFormatError) as caught:
        check_pin_format("１２３４５")
    assert caught.value.reason == "too_short"


@pytest.mark.parametrize(
    "pin",
    ["12345a", "123 456", " 123456", "123456\n", "12-3456", "١٢٣٤٥٦", "¹²³⁴⁵⁶", "一二三四五六"],
)
def test_non_digits_are_refused(pin: str) -> None:
    with pytest.raises(PinFormatError) as caught:
        check_pin_format(pin)
    assert caught.value.reason == "not_digits"
    messages = officer_messages(caught.value)
    assert messages is not None and "0–9" in messages[0]


def test_absurdly_long_pin_is_refused() -> None:
    with pytest.raises(PinFormatError) as caught:
        check_pin_format("1" * 65)
    assert caught.value.reason == "too_long"


def test_hash_uses_strong_defaults() -> None:
    record = hash_pin("246810")
    assert (record.algorithm, record.n, record.r, record.p) == ("scrypt", 2**15, 8, 1)
    assert len(record.salt) == 16 and len(record.digest) == 32
    assert record.params == DEFAULT_SCRYPT
    assert verify_pin("246810", record)
    assert not needs_rehash(record)


def test_round_trip_and_wrong_pin() -> None:
    record = hash_pin("135790", params=FAST)
    assert verify_pin("135790", record)
    assert not verify_pin("135791", record)
    assert not verify_pin("1357900", record)


def test_full_width_pin_is_the_same_pin() -> None:
    record = hash_pin("１３５７９０", params=FAST)
    assert verify_pin("135790", record)
    assert verify_pin("１３５７９０", record)


def test_each_hash_has_its_own_salt() -> None:
    first, second = hash_pin("135790", params=FAST), hash_pin("135790", params=FAST)
    assert first.salt != second.salt and first.digest != second.digest


def test_malformed_pin_is_a_format_error_not_a_mismatch() -> None:
    record = hash_pin("135790", params=FAST)
    for pin in ("", "135", "13579x"):
        with pytest.raises(PinFormatError):
            verify_pin(pin, record)
    with pytest.raises(PinFormatError):
        hash_pin("135", params=FAST)


def test_needs_rehash_when_cost_grew() -> None:
    record = hash_pin("135790", params=FAST)
    assert needs_rehash(record)
    assert not needs_rehash(record, FAST)


def test_json_round_trip() -> None:
    record = hash_pin("135790", params=FAST)
    data = json.loads(json.dumps(record.to_json()))
    assert set(data) == {"algorithm", "n", "r", "p", "salt", "digest"}
    again = PinHash.from_json(data)
    assert again == record
    assert verify_pin("135790", again)


def _mutations() -> list[tuple[str, Any]]:
    return [
        ("algorithm", "argon2id"),
        ("n", 1000),
        ("n", 1),
        ("n", 2**30),
        ("n", True),
        ("n", "16"),
        ("r", 0),
        ("r", 1.5),
        ("p", 99),
        ("salt", "not base64!"),
        ("salt", "AAAA"),
        ("salt", None),
        ("digest", "AAAA"),
        ("digest", 123),
    ]


@pytest.mark.parametrize(("key", "value"), _mutations())
def test_from_json_refuses_bad_fields(key: str, value: Any) -> None:
    data = hash_pin("135790", params=FAST).to_json()
    data[key] = value
    with pytest.raises(PinRecordError) as caught:
        PinHash.from_json(data)
    assert isinstance(caught.value, ValueError)
    assert "重新登记" in caught.value.message_zh()


def test_from_json_refuses_missing_and_unknown_keys() -> None:
    data = hash_pin("135790", params=FAST).to_json()
    with pytest.raises(ValueError):
        PinHash.from_json({k: v for k, v in data.items() if k != "salt"})
    with pytest.raises(ValueError):
        PinHash.from_json({**data, "pepper": "x"})
    junks: tuple[object, ...] = (None, [], "scrypt", 5)
    for junk in junks:
        with pytest.raises(ValueError):
            PinHash.from_json(junk)


def test_construction_checks_fields() -> None:
    with pytest.raises(ValueError):
        PinHash("scrypt", 16, 8, 1, b"short", b"\0" * 32)
    with pytest.raises(ValueError):
        ScryptParams(n=2**15, r=64, p=1)
    with pytest.raises(ValueError):
        ScryptParams(n=2**20, r=8, p=1)  # 1 GiB of memory


def test_wrong_pin_error_speaks_to_the_officer() -> None:
    error = WrongPinError(attempts_left=2)
    assert "不正确" in error.message_zh() and "2 次" in error.message_zh()
    assert "2 more" in error.message_en()
    assert "2 次" not in WrongPinError().message_zh()


@pytest.mark.parametrize(
    "pin", ["111111", "000000", "123456", "654321", "234567", "901234", "１２３４５６", "98765432"]
)
def test_a_new_pin_is_not_one_of_the_first_guesses(pin: str) -> None:
    """A trial enrolled a leader with 123456 unwarned: the PIN guards the sign-off key."""
    with pytest.raises(PinFormatError) as caught:
        check_new_pin(pin)
    assert caught.value.reason == "too_simple"
    assert "太容易被猜到" in caught.value.message_zh()


@pytest.mark.parametrize("pin", ["246810", "135790", "975312", "112233", "123457"])
def test_other_new_pins_are_accepted(pin: str) -> None:
    check_new_pin(pin)
