"""search_100k: full-text search through the store against a naive LIKE scan of the same rows.

Queries are what an officer types: one to four Chinese characters (search-as-you-type goes
through the short ones first), place names, and Chinese mixed with digits or Latin letters.
Both sides run on the same database file and connection: ours through the public
:meth:`Store.list_items` / :meth:`Store.search_ids`, the baseline as ``title LIKE '%q%' OR
search_text LIKE '%q%'`` (every whitespace-separated term AND-ed) over the text the store
indexes, returning the same columns in the same order.

Also reported (folded in from the former ``storage_bench.py``): cold ``Store.open`` with its
``PRAGMA quick_check``, ``quick_check`` alone, and listing without a query.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks.common import Options, Result, fmt_ms, log, median_ms
from benchmarks.corpus import prepare
from hnclient.items import ItemState
from hnclient.storage import Store
from hnclient.storage.records import SUMMARY_COLUMNS, summary_from_row
from hnclient.ui.main_window import SEARCH_LIMIT

GOAL_MS = 50.0

QUERIES = [
    # one character
    "牛",
    "暖",
    "藏",
    # two
    "供暖",
    "牦牛",
    "旅游",
    "教育",
    "医疗",
    "会议",
    "贵德",
    # three
    "共和县",
    "合作社",
    "卫生院",
    "龙羊峡",
    # four
    "乡村振兴",
    "生态保护",
    "义务教育",
    "黄河岸线",
    # mixed with digits / Latin, and two terms
    "5G基站",
    "G214",
    "2024年",
    "兴海 供暖",
]


#: What the window asks for: the newest SEARCH_LIMIT matches, plus one to know there are more.
WINDOW_LIMIT = SEARCH_LIMIT + 1


def _naive(
    store: Store, query: str, columns: str, limit: int | None = None
) -> Callable[[], list[tuple[object, ...]]]:
    terms = query.split()
    where = " AND ".join("(title LIKE ? OR search_text LIKE ?)" for _ in terms)
    params: list[object] = [p for t in terms for p in (f"%{t}%", f"%{t}%")]
    sql = (
        f"SELECT {columns} FROM items JOIN item_bodies ON item_pk = pk"
        f" WHERE deleted_at IS NULL AND {where} ORDER BY updated_at DESC, pk DESC"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    conn = store._connection()

    def run() -> list[tuple[object, ...]]:
        return conn.execute(sql, params).fetchall()

    return run


def search_100k(options: Options) -> list[Result]:
    count = 5_000 if options.quick else 100_000
    repeat, naive_repeat = (3, 1) if options.quick else (7, 3)
    prepared = prepare(count, log=log)
    start = time.perf_counter()
    store = Store.open(prepared.database)
    open_ms = (time.perf_counter() - start) * 1000
    details = [
        f"{count:,} items of ~600 characters; {len(QUERIES)} queries: " + " ".join(QUERIES),
        f"per query: median of {repeat} runs (naive: {naive_repeat}); row value: median over "
        "the queries",
    ]
    try:
        conn = store._connection()
        quick_check = median_ms(lambda: conn.execute("PRAGMA quick_check").fetchall(), 3, 0)
        list_all = median_ms(store.list_items, 3)
        list_sent = median_ms(lambda: store.list_items(states=[ItemState.SENT]), 3)
        log(f"  search_100k: {len(QUERIES)} queries")
        per_query: list[str] = []
        ours_list: list[float] = []
        ours_ids: list[float] = []
        naive_list: list[float] = []
        naive_ids: list[float] = []
        ours_window: list[float] = []
        naive_window: list[float] = []
        for query in QUERIES:
            hits = len(store.search_ids(query))
            ids_ms = median_ms(lambda q=query: store.search_ids(q), repeat)  # type: ignore[misc]
            list_ms = median_ms(
                lambda q=query: store.list_items(query=q),  # type: ignore[misc]
                repeat,
            )
            naive_id_fn = _naive(store, query, "id")
            naive_row_fn = _naive(store, query, SUMMARY_COLUMNS)
            naive_hits = len(naive_id_fn())
            n_ids = median_ms(naive_id_fn, naive_repeat, 0)
            n_list = median_ms(
                lambda f=naive_row_fn: list(map(summary_from_row, f())),  # type: ignore[misc]
                naive_repeat,
                0,
            )
            window_ms = median_ms(
                lambda q=query: store.list_items(query=q, limit=WINDOW_LIMIT),  # type: ignore[misc]
                repeat,
            )
            naive_window_fn = _naive(store, query, SUMMARY_COLUMNS, WINDOW_LIMIT)
            n_window = median_ms(
                lambda f=naive_window_fn: list(map(summary_from_row, f())),  # type: ignore[misc]
                naive_repeat,
                0,
            )
            ours_window.append(window_ms)
            naive_window.append(n_window)
            ours_ids.append(ids_ms)
            ours_list.append(list_ms)
            naive_ids.append(n_ids)
            naive_list.append(n_list)
            per_query.append(
                f"    {query:<6}\t{hits:>7,} hits (LIKE: {naive_hits:>7,})\t"
                f"search_ids {fmt_ms(ids_ms):>8}\tlist_items {fmt_ms(list_ms):>8}\t"
                f"naive ids {fmt_ms(n_ids):>8}\tnaive rows {fmt_ms(n_list):>8}"
            )
    finally:
        store.close()
    details += [
        "per query (hit counts differ from LIKE only where a query mixes scripts or has two "
        "terms: the index ANDs words, LIKE looks for the literal string):",
        *per_query,
        f"Store.open of this file (cold in-process, incl. PRAGMA quick_check): {fmt_ms(open_ms)};"
        f" PRAGMA quick_check alone (warm): {fmt_ms(quick_check)}",
        f"list_items() without a query: {fmt_ms(list_all)}; "
        f"list_items(states=[SENT]): {fmt_ms(list_sent)}",
    ]
    suffix = "" if not options.quick else " (quick: 5k)"
    results = []
    for name, ours, naive in (
        ("search_100k.search_ids", ours_ids, naive_ids),
        ("search_100k.list_items", ours_list, naive_list),
        ("search_100k.window_query", ours_window, naive_window),
    ):
        measured = statistics.median(ours)
        baseline = statistics.median(naive)
        results.append(
            Result(
                name=name + suffix,
                measured=fmt_ms(measured),
                baseline=fmt_ms(baseline),
                ratio=measured / baseline,
                goal=f"≤ {GOAL_MS:.0f} ms",
                passed=measured <= GOAL_MS,
                details=[
                    f"worst query: {fmt_ms(max(ours))} (naive worst {fmt_ms(max(naive))})",
                ],
            )
        )
    results[0].details = details + results[0].details
    return results
