"""Timing of the local store at scale: cold open (with quick_check), listing and search.

Run: ``.venv/bin/python benchmarks/storage_bench.py --items 100000 --dir /tmp/bench``.
Items are built from the seed notice's sentences (~600 characters of real Chinese each), so
bigram frequencies resemble real government text. Building uses the public API with
``synchronous=OFF`` for speed; the timings are taken on a normally reopened store.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import statistics
import time
from collections.abc import Callable, Sized
from datetime import date
from pathlib import Path

from hnclient.items import ItemState
from hnclient.storage import Store

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"
COUNTIES = ["共和县", "同德县", "贵德县", "兴海县", "贵南县", "州财政局", "州统计局", "州教育局"]
CATEGORIES = ["policy", "leadership", "visits", "regulations", "services", "development"]
QUERIES = [
    "会议",
    "扶贫",
    "报送",
    "政务",
    "工作",
    "旅游",
    "共和县",
    "海南州",
    "门户网站",
    "信息公开",
    "微信",
    "贵德",
    "考核",
    "藏族",
    "防火墙",
    "2015",
]


def sentences() -> list[str]:
    files = sorted(SEED.glob("*.txt"))
    text = "".join(f.read_text(encoding="utf-8") for f in files) if files else "海南州政务信息。"
    parts = [p.strip() for p in re.split(r"(?<=[。；！？\n])", text) if len(p.strip()) > 4]
    return parts


def build(path: Path, n: int, rng: random.Random) -> None:
    pool = sentences()
    with Store.open(path) as store:
        store._connection().execute("PRAGMA synchronous = OFF")
        states = list(ItemState)
        for i in range(n):
            body: list[str] = []
            while sum(map(len, body)) < 600:
                body.append(rng.choice(pool))
            text = "".join(body)[:600]
            item = store.create_item(
                rng.choice(CATEGORIES),
                1,
                title=f"{rng.choice(COUNTIES)}{rng.choice(pool)[:20]}",
                event_date=date(2024, 1 + i % 12, 1 + i % 28),
                summary=text[:100],
                values={"body": text[100:]},
            )
            if i % 10 == 0:
                store.set_state(item.id, rng.choice(states))
            if i % 5000 == 0:
                print(f"  built {i}", flush=True)


def timed(fn: Callable[[], Sized | None], repeat: int = 5) -> tuple[float, Sized]:
    times = []
    result: Sized = ()
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn() or ()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/hnclient-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"bench-{args.items}.sqlite3"
    if not path.exists():
        start = time.perf_counter()
        build(path, args.items, random.Random(42))
        print(f"build: {time.perf_counter() - start:.1f} s")
    print(f"file size: {path.stat().st_size / 1e6:.1f} MB")
    start = time.perf_counter()
    store = Store.open(path)
    print(f"cold open incl. quick_check: {(time.perf_counter() - start) * 1000:.0f} ms")
    conn = store._connection()
    ms, _ = timed(lambda: conn.execute("PRAGMA quick_check").fetchall(), 3)
    print(f"quick_check alone (warm): {ms:.0f} ms")
    ms, rows = timed(store.list_items)
    print(f"list_items() all: {ms:.0f} ms, {len(rows)} rows")
    ms, rows = timed(lambda: store.list_items(states=[ItemState.SENT]))
    print(f"list_items(states=[SENT]): {ms:.0f} ms, {len(rows)} rows")
    search_times = []
    for query in QUERIES:
        ms, hits = timed(functools.partial(store.search_ids, query))
        lms, _ = timed(functools.partial(store.list_items, query=query), 3)
        search_times.append(ms)
        print(
            f"  search {query!r}: search_ids {ms:.1f} ms, list_items {lms:.1f} ms, {len(hits)} hits"
        )
    print(f"search_ids median over queries: {statistics.median(search_times):.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
