"""What the slimmed ICU data keeps (packaging/slim_icu.py); the library it builds is used by
every bundle test (the Chinese collation and GB18030 there come from it)."""

from __future__ import annotations

import pytest

from tests.packaging.conftest import packaging_module

slim_icu = packaging_module("slim_icu")


@pytest.mark.parametrize(
    "item",
    [
        "coll/zh.res",
        "coll/zh_Hans_CN.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "zh.res",
        "bo_CN.res",
        "en.res",
        "root.res",
        "pool.res",
        "res_index.res",
        "supplementalData.res",
        "zoneinfo64.res",
        "likelySubtags.res",
        "uprops.icu",
        "nfkc.nrm",
        "uts46.nrm",
        "cnvalias.icu",
        "gb18030.cnv",
        "windows-936-2000.cnv",
        "ibm-1386_P100-2001.cnv",
        "brkitr/line.brk",
        "brkitr/cjdict.dict",
        "lang/zh.res",
    ],
)
def test_kept(item: str) -> None:
    assert slim_icu.keep_item(item)


@pytest.mark.parametrize(
    "item",
    [
        "coll/de.res",
        "coll/de__PHONEBOOK.res",
        "de.res",
        "ar_SA.res",
        "fil.res",
        "unit/fr.res",
        "curr/ja.res",
        "lang/ko.res",
        "zone/ru.res",
        "rbnf/es.res",
        "translit/el.res",
        "ibm-37_P100-1995.cnv",
        "euc-jp-2007.cnv",
        "brkitr/thaidict.dict",
    ],
)
def test_dropped(item: str) -> None:
    assert not slim_icu.keep_item(item)
