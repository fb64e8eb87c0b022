"""Bigram search: Chinese of any length, mixed text, Tibetan, hostile input."""

from __future__ import annotations

import pytest

from hnclient.items import Item
from hnclient.storage import Store
from hnclient.storage.search import index_text, match_expression

from .conftest import FakeClock


def test_index_text_bigrams_plus_last_character() -> None:
    assert index_text("海南州政务") == "海南 南州 州政 政务 务"
    assert index_text("会") == "会"
    assert index_text("2015年共和县") == "2015 年共 共和 和县 县"
    assert index_text("ＡＢＣ１２") == "ABC12"  # full-width folded


def test_match_expression_shapes() -> None:
    assert match_expression("会") == '"会"*'
    assert match_expression("会议") == '"会议"'
    assert match_expression("海南州政务") == '"海南 南州 州政 政务"'
    assert match_expression("GDP 增长") == '"GDP"* AND "增长"'
    assert match_expression("   ") is None
    assert match_expression("（）。，") is None


@pytest.fixture
def corpus(store: Store, clock: FakeClock) -> dict[str, Item]:
    def add(key: str, title: str, summary: str = "", **values: str) -> None:
        clock.tick()
        items[key] = store.create_item("policy", 1, title=title, summary=summary, values=values)

    items: dict[str, Item] = {}
    add("meeting", "共和县召开扶贫工作会议", "会议要求各单位每周至少报送3条信息。")
    add("body", "工作动态", body="贵德县2024年GDP增长6.5%，旅游收入创新高")
    add("boundary", "海南。州政", "")  # 南州 must not match across the 。
    add("tibetan", "藏文信息", "བོད་ཡིག་གི་སློབ་གསོ།")
    add("kana", "交流", "カタカナ テスト")
    return items


def ids(store: Store, query: str) -> set[str]:
    return set(store.search_ids(query))


def test_queries_of_every_length(store: Store, corpus: dict[str, Item]) -> None:
    meeting = corpus["meeting"].id
    assert ids(store, "扶") == {meeting}  # 1 character
    assert ids(store, "议") == {meeting}  # 1 character at the end of a run
    assert ids(store, "会议") == {meeting}  # 2
    assert ids(store, "共和县") == {meeting}  # 3
    assert ids(store, "扶贫工作会") == {meeting}  # 5
    assert ids(store, "工作") == {meeting, corpus["body"].id}
    assert ids(store, "会议扶贫") == set()  # not contiguous anywhere
    assert ids(store, "扶贫 会议") == {meeting}  # both words, any order


def test_title_only_and_body_only(store: Store, corpus: dict[str, Item]) -> None:
    assert ids(store, "召开") == {corpus["meeting"].id}  # title only
    assert ids(store, "旅游收入") == {corpus["body"].id}  # values only
    assert ids(store, "报送") == {corpus["meeting"].id}  # summary only


def test_mixed_chinese_latin_digits(store: Store, corpus: dict[str, Item]) -> None:
    body = corpus["body"].id
    assert ids(store, "GDP") == {body}
    assert ids(store, "gdp增长") == {body}
    assert ids(store, "2024年") == {body}
    assert ids(store, "202") == {body}  # words are prefixes
    assert ids(store, "ＧＤＰ") == {body}  # full-width input
    assert ids(store, "3条") == {corpus["meeting"].id}


def test_no_match_across_run_boundary(store: Store, corpus: dict[str, Item]) -> None:
    assert ids(store, "南州") == set()
    assert ids(store, "海南州") == set()
    assert ids(store, "海南") == {corpus["boundary"].id}
    assert ids(store, "州政") == {corpus["boundary"].id}


def test_tibetan_syllables(store: Store, corpus: dict[str, Item]) -> None:
    tibetan = corpus["tibetan"].id
    assert ids(store, "བོད") == {tibetan}
    assert ids(store, "ཡིག") == {tibetan}
    assert ids(store, "སློབ་གསོ") == {tibetan}
    assert ids(store, "བ") == {tibetan}  # prefix of a syllable
    assert ids(store, "ཡོད") == set()


def test_kana(store: Store, corpus: dict[str, Item]) -> None:
    assert ids(store, "カタ") == {corpus["kana"].id}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "会*",
        "(",
        ")",
        "AND",
        "OR",
        "NOT",
        "-",
        ":",
        "title:会议",
        "^会议",
        "会议 AND",
        '"会议" OR (',
        "NEAR(会议 工作)",
        "a-b",
        "\\",
        "'",
        "\x00",
        "😀",
    ],
)
def test_hostile_queries_never_raise(store: Store, corpus: dict[str, Item], query: str) -> None:
    store.search_ids(query)
    store.list_items(query=query)


def test_operator_words_are_searched_as_words(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="AND OR NOT 说明")
    assert store.search_ids("AND") == [item.id]
    assert store.search_ids("not") == [item.id]


def test_deleted_items_excluded(store: Store, corpus: dict[str, Item]) -> None:
    store.delete_item(corpus["meeting"].id)
    assert ids(store, "会议") == set()
    assert [s.id for s in store.list_items(query="会议", deleted=True)] == [corpus["meeting"].id]
    store.restore_item(corpus["meeting"].id)
    assert ids(store, "会议") == {corpus["meeting"].id}
    store.delete_item(corpus["meeting"].id)
    store.purge_item(corpus["meeting"].id)
    assert store.list_items(query="会议", deleted=True) == []


def test_search_follows_saves_immediately(store: Store, corpus: dict[str, Item]) -> None:
    item = corpus["meeting"]
    store.save_item(item.with_changes(title="同德县植树造林", summary=""))
    assert ids(store, "植树") == {item.id}
    assert ids(store, "扶贫") == set()
    assert ids(store, "报送") == set()


def test_list_items_combines_query_and_filters(store: Store, corpus: dict[str, Item]) -> None:
    assert [s.id for s in store.list_items(query="工作", categories=["policy"])] == [
        corpus["body"].id,
        corpus["meeting"].id,
    ]
    assert store.list_items(query="工作", categories=["services"]) == []
    assert len(store.list_items(query="  ")) == len(corpus)  # blank = no filter
    assert store.list_items(query="。") == []  # nothing searchable = nothing found


def test_index_rebuilt_when_scheme_changes(
    store: Store, corpus: dict[str, Item], db_path: object, clock: FakeClock
) -> None:
    from pathlib import Path

    assert isinstance(db_path, Path)
    conn = store._connection()
    conn.execute("UPDATE meta SET value = 'old' WHERE key = 'search_scheme'")
    conn.execute("INSERT INTO item_search (item_search) VALUES ('delete-all')")
    assert store.search_ids("会议") == []
    store.close()
    with Store.open(db_path, clock=clock) as reopened:
        assert reopened.search_ids("会议") == [corpus["meeting"].id]


# Text as officers paste it (issue 9, items 14 and 15): both sides go through textnorm.fold.


def test_index_and_query_are_folded() -> None:
    assert index_text("扶\u200b贫") == index_text("扶贫")
    assert index_text("⻓江") == index_text("长江")
    assert match_expression("才让・多杰") == match_expression("才让·多杰")
    assert match_expression("😀") == '"😀"'
    assert match_expression("👍🏽 好") == '"👍 🏽" AND "好"*'


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("共和县扶\u200b贫工作", "扶贫"),  # zero-width space
        ("共和县扶\u00ad贫工作", "扶贫"),  # soft hyphen
        ("\ufeff共和县扶贫工作", "共和"),  # byte-order mark
        ("共和县扶\u2060贫工作", "扶贫工"),  # word joiner
        ("共和县扶\ufe00贫工作", "扶贫"),  # variation selector
        ("共和县扶\U000e0100贫工作", "扶贫"),  # ideographic variation selector
        ("共和县扶贫工作", "扶\u200d贫"),  # in the query
        ("牧民才让·多杰", "才让・多杰"),  # middle dots either way
        ("牧民才让・多杰", "才让·多杰"),
        ("牧民才让･多杰", "才让•多杰"),
        ("牧民才让‧多杰", "才让·多杰"),
        ("⻓江源头的⻢拉松", "长江"),  # CJK Radicals Supplement look-alikes
        ("⻓江源头的⻢拉松", "马拉松"),
        ("长江源头的马拉松", "⻓江"),
        ("⾦融服务", "金融"),  # Kangxi radical
        ("２０２４年ＧＤＰ增长", "2024年"),
        ("今天😀好", "😀"),  # emoji
        ("表扬👍🏽同事", "👍"),
        ("表扬👍🏽同事", "👍🏽"),
        ("我❤️家乡", "❤"),
        ("我❤家乡", "❤️"),
        ("重点★任务", "★"),
    ],
)
def test_pasted_text_is_found(store: Store, clock: FakeClock, stored: str, query: str) -> None:
    item = store.create_item("policy", 1, title="标题", summary=stored)
    store.create_item("policy", 1, title="其他", summary="无关内容 😃 ☆")
    assert store.search_ids(query) == [item.id]
    assert store.get_item(item.id).summary == stored  # stored as typed


def test_emoji_does_not_match_another_emoji(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="今天😀好")
    assert store.search_ids("😀") == [item.id]
    assert store.search_ids("😃") == []
    assert store.search_ids("😀😀") == []


def test_old_scheme_index_is_rebuilt_with_the_new_tokenizer(
    store: Store, db_path: object, clock: FakeClock
) -> None:
    from pathlib import Path

    assert isinstance(db_path, Path)
    item = store.create_item("policy", 1, title="扶\u200b贫⻓效 😀", summary="才让・多杰")
    conn = store._connection()
    # A database from before: tokenizer without symbols, text indexed with plain NFKC.
    conn.execute("DROP TABLE item_search")
    conn.execute(
        "CREATE VIRTUAL TABLE item_search USING fts5 (title, body, content='', columnsize=0,"
        " tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc'\")"
    )
    conn.execute("UPDATE meta SET value = 'bigram-1' WHERE key = 'search_scheme'")
    store.close()
    with Store.open(db_path, clock=clock) as reopened:
        for query in ("扶贫", "长效", "😀", "才让·多杰"):
            assert reopened.search_ids(query) == [item.id], query
        sql = (
            reopened._connection()
            .execute("SELECT sql FROM sqlite_master WHERE name = 'item_search'")
            .fetchone()[0]
        )
        assert "So'" in sql
