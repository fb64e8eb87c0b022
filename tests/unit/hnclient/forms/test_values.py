"""Single-value checks on text as officers type and paste it (issue 9, item 15)."""

from __future__ import annotations

import pytest

from hnclient.forms.values import is_number, is_phone, is_url, url_trouble


@pytest.mark.parametrize(
    "good",
    [
        "12345",  # the government service hotline
        "0974-12345",  # the same, through the prefecture's area code
        "12315", "12348", "10086", "110", "120", "95588", "96123",
        "12345转801", "0974-8512655转801", "0974-8512655 转 801", "0974-8512655分机801",
        "0974-8512655 分机 801", "0974-8512655-801", "0974-8512655（转801）",
        "0974-8512655 ext. 801", "+86 974 8512655", "+86-974-8512655", "+86(0)974-8512655",
        "0086-974-8512655", "+86 139 0974 1234", "+8613909741234", "+86-10-12345678",
        "０９７４－８５１２６５５",  # full-width mode of the input method
        "１３９０９７４１２３４", "１２３４５转８０１", "（０９７４）８５１２６５５",
        "0974–8512655", "0974—8512655", "0974‑8512655", "0974−8512655",  # dashes
        "0974 851 2655", "0974\u3000851\u30002655", "0974-8512\u200b655",
        "0974-8512655、12345", "0974-8512655，0974-8511475", "12315或12345",
        "0974-8512655；13909741234", "0974-8512655／12345",
    ],
)  # fmt: skip
def test_phone_as_offices_print_it(good: str) -> None:
    assert is_phone(good), good


@pytest.mark.parametrize(
    "bad",
    ["8512655", "12345678901", "0974-85126", "电话0974-8512655", "0974-8512655、", "+1 555",
     "1234", "801", "12345转", "转801", "0974-8512655转八零一", "+86 555", "123456"],
)  # fmt: skip
def test_phone_still_refuses_what_is_not_a_number(bad: str) -> None:
    assert not is_phone(bad), bad


@pytest.mark.parametrize(
    "good",
    ["１２", "８.５％", "８．５％", "８.５%", "１,２３４", "１，２３４", "−3", "－3", "12\u200b5"],
)
def test_number_typed_full_width(good: str) -> None:
    assert is_number(good), good


@pytest.mark.parametrize("bad", ["８.５万", "百分之十", "１.２.３"])
def test_number_refuses_words(bad: str) -> None:
    assert not is_number(bad)


@pytest.mark.parametrize(
    "broken",
    ["http://www.qhhn\u200b.gov.cn/", "\ufeffhttp://www.qhhn.gov.cn/", "http://www.qh\u00adhn.gov.cn",
     "https://zwfw.qinghai.gov.cn/\u2060a", "http://www.qhhn.gov.cn\ufe0f/"],
)  # fmt: skip
def test_url_broken_by_an_invisible_character(broken: str) -> None:
    assert not is_url(broken)
    assert url_trouble(broken) == "invisible"


def test_url_in_full_width_is_named_as_such() -> None:
    assert url_trouble("ｈｔｔｐ：／／www.qhhn.gov.cn/") == "full_width"
    assert url_trouble("http://www．qhhn．gov．cn/") == "full_width"
    assert url_trouble("http://www.qhhn.gov.cn/") is None
    assert url_trouble("www.qhhn.gov.cn") is None  # not a URL at all: invalid_url says so
