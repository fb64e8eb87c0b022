"""``python -m benchmarks [--quick] [--only NAME ...]``: run the benchmarks, print one table.

Every row compares against a baseline measured in the same run. The exit code is 0 even when a
goal is missed — this is a report, not a test; it is non-zero only when a benchmark could not
run at all (and the table still shows the others).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import traceback
from collections.abc import Callable

from benchmarks.common import Options, Result, log, print_table
from benchmarks.files_bench import attachment_store_1gb, wmv_check_2gb
from benchmarks.render_bench import render_10_photos
from benchmarks.search_bench import search_100k
from benchmarks.sending_bench import gui_stall_upload, resend_after_drop, upload_1gb, upload_rss
from benchmarks.startup import cold_start, rss_100k

Benchmark = Callable[[Options], Result | list[Result]]

BENCHMARKS: dict[str, Benchmark] = {
    "cold_start": cold_start,
    "search_100k": search_100k,
    "rss_100k": rss_100k,
    "wmv_check_2gb": wmv_check_2gb,
    "attachment_store_1gb": attachment_store_1gb,
    "render_10_photos": render_10_photos,
    "upload_1gb": upload_1gb,
    "upload_rss": upload_rss,
    "resend_after_drop": resend_after_drop,
    "gui_stall_upload": gui_stall_upload,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes and few runs: a smoke test, not figures"
    )
    args = parser.parse_args(argv)
    options = Options(quick=args.quick)
    names = args.only or list(BENCHMARKS)
    results: list[Result] = []
    broken = False
    start = time.perf_counter()
    for name in names:
        log(f"[{name}]")
        began = time.perf_counter()
        try:
            outcome = BENCHMARKS[name](options)
        except Exception as error:  # noqa: BLE001 - one broken benchmark must not hide the rest
            broken = True
            traceback.print_exc()
            outcome = Result(
                name=name, measured="ERROR", details=[f"{type(error).__name__}: {error}"]
            )
        results.extend(outcome if isinstance(outcome, list) else [outcome])
        log(f"  {time.perf_counter() - began:.0f} s")
    print()
    quick = " (--quick: smoke-test sizes, not the real figures)" if args.quick else ""
    print(
        f"hnclient benchmarks{quick} — Python {platform.python_version()}, {platform.machine()}, "
        f"total {time.perf_counter() - start:.0f} s"
    )
    print()
    print_table(results)
    sys.stdout.flush()
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
