"""What every benchmark shares: its result row, timing helpers, subprocess runs, the table."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHILD = Path(__file__).resolve().parent / "child.py"


@dataclass(frozen=True)
class Options:
    quick: bool = False


@dataclass
class Result:
    """One row of the table; ``details`` are printed under it (breakdowns, caveats)."""

    name: str
    measured: str
    baseline: str = "—"
    ratio: float | None = None
    goal: str = "—"
    passed: bool | None = None
    details: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.passed is None:
            return "—"
        return "pass" if self.passed else "FAIL"


def log(message: str) -> None:
    """Progress goes to stderr so stdout stays the report."""
    print(message, file=sys.stderr, flush=True)


def median_ms(fn: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fmt_ms(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:.1f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 1:
        return f"{value:.1f} ms"
    return f"{value * 1000:.0f} µs"


def fmt_mb(kib: int) -> str:
    return f"{kib / 1024:.0f} MB"


@dataclass(frozen=True)
class ChildRun:
    output: dict[str, Any]
    wall_ms: float
    maxrss_kib: int
    stderr: str


def run_child(
    mode: str,
    *,
    env: dict[str, str] | None = None,
    diag: bool = False,
    python_flags: tuple[str, ...] = (),
) -> ChildRun:
    """Run ``child.py MODE`` to its end; its peak RSS comes from ``wait4`` on that one child."""
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic_ns()
        args = [sys.executable, *python_flags, str(CHILD), mode, str(start)] + (
            ["--diag"] if diag else []
        )
        proc = subprocess.Popen(args, env=child_env, stdout=out, stderr=err, cwd=ROOT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = (time.monotonic_ns() - start) / 1e6
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} child failed ({proc.returncode}): {stderr[-2000:]}")
    line = stdout.strip().splitlines()[-1]
    # ru_maxrss is in KiB on Linux.
    return ChildRun(json.loads(line), wall, int(usage.ru_maxrss), stderr)


def print_table(results: list[Result]) -> None:
    headers = ("benchmark", "measured", "baseline", "ratio", "goal", "result")
    rows = [
        (
            r.name,
            r.measured,
            r.baseline,
            "—" if r.ratio is None else f"{r.ratio:.2f}×",
            r.goal,
            r.verdict,
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    print(line(headers))
    print(line(tuple("-" * w for w in widths)))
    for row in rows:
        print(line(row))
    for r in results:
        if r.details:
            print()
            print(f"{r.name}:")
            for detail in r.details:
                print(f"  {detail}")
