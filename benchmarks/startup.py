"""cold_start and rss_100k: the real client start against a bare PySide6 window, in subprocesses."""

from __future__ import annotations

import os
import re
import statistics
from collections import defaultdict
from pathlib import Path

from benchmarks.common import ChildRun, Options, Result, fmt_mb, fmt_ms, log, run_child
from benchmarks.corpus import Prepared, prepare

COLD_START_GOAL = 1.5
RSS_GOAL_KIB = 250 * 1024


def _env(prepared: Prepared | None) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if prepared is not None:
        env["HNCLIENT_HOME"] = str(prepared.home)
    return env


def _client(prepared: Prepared, *, diag: bool = False) -> ChildRun:
    # A killed run would leave the marker behind and send the next start down the recovery path.
    prepared.paths.session_marker.unlink(missing_ok=True)
    run = run_child("client", env=_env(prepared), diag=diag)
    rows = int(run.output["rows"])
    if rows < prepared.count * 0.9:
        raise RuntimeError(f"client showed {rows} rows, expected about {prepared.count}")
    return run


def _median_phases(runs: list[ChildRun]) -> list[str]:
    phases: dict[str, list[float]] = defaultdict(list)
    for run in runs:
        for name, value in run.output["phases"].items():
            phases[name].append(float(value))
    return [f"    {fmt_ms(statistics.median(v)):>8}  {name}" for name, v in phases.items()]


def _compile_bytecode() -> None:
    """Write .pyc files for the client, as an installed (or frozen) client has them.

    With PYTHONDONTWRITEBYTECODE set (as in some shells and CI), every start would otherwise
    compile all of hnclient from source: a cost no officer's PC pays.
    """
    import compileall

    import hnclient

    compileall.compile_dir(Path(hnclient.__file__).parent, quiet=1)


def cold_start(options: Options) -> Result:
    count = 1_000 if options.quick else 10_000
    runs = 3 if options.quick else 9
    prepared = prepare(count, log=log)
    _compile_bytecode()
    bare_env = _env(None)
    log(f"  cold_start: {runs} runs each, interleaved, after one warm-up run each")
    run_child("bare", env=bare_env)
    _client(prepared)
    bare_runs: list[ChildRun] = []
    client_runs: list[ChildRun] = []
    for _ in range(runs):
        bare_runs.append(run_child("bare", env=bare_env))
        client_runs.append(_client(prepared))
    bare = statistics.median(r.output["elapsed_ms"] for r in bare_runs)
    ours = statistics.median(r.output["elapsed_ms"] for r in client_runs)
    ratio = ours / bare
    details = [
        f"process start → main window painted, {count:,} items stored, median of {runs} runs "
        "(times from a timestamp the parent takes just before starting the child)",
        "client phases (median):",
        *_median_phases(client_runs),
        "bare QMainWindow phases (median):",
        *_median_phases(bare_runs),
    ]
    empty = prepare(0, log=log)
    empty_runs = [
        run_child("client", env=_env(empty)).output["elapsed_ms"] for _ in range(max(3, runs // 3))
    ]
    details.append(f"client with an empty store: {fmt_ms(statistics.median(empty_runs))}")
    diag = _client(prepared, diag=True).output.get("diag", {})
    details.append(f"after start, with {count:,} items (in-process, warm cache):")
    details += [f"    {fmt_ms(float(v)):>8}  {k}" for k, v in diag.items()]
    details += _import_profile(prepared)
    return Result(
        name="cold_start",
        measured=fmt_ms(ours),
        baseline=fmt_ms(bare),
        ratio=ratio,
        goal=f"≤ {COLD_START_GOAL}×",
        passed=ratio <= COLD_START_GOAL,
        details=details,
    )


_IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)")


def _import_profile(prepared: Prepared) -> list[str]:
    """Where import time goes (``python -X importtime``, one run, so only indicative)."""
    run = run_child("client", env=_env(prepared), python_flags=("-X", "importtime"))
    self_us: dict[str, int] = {}
    for line in run.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match is not None:
            own, _cumulative, _indent, module = match.groups()
            self_us[module] = int(own)
    by_package: dict[str, int] = defaultdict(int)
    for module, us in self_us.items():
        top = module.split(".")[0]
        if top == "hnclient" and module.count(".") >= 2:
            top = ".".join(module.split(".")[:3])  # hnclient.ui.editor, hnclient.storage.x …
        elif top == "hnclient":
            top = module
        by_package[top] += us
    total = sum(self_us.values())
    packages = sorted(by_package.items(), key=lambda kv: -kv[1])[:14]
    heaviest = sorted(self_us.items(), key=lambda kv: -kv[1])[:8]
    return [
        f"python -X importtime, one client start ({len(self_us)} modules, "
        f"{fmt_ms(total / 1000)} of import time in all, inflated by the tracing itself):",
        "  own import time summed per package (hnclient split by sub-package):",
        *(f"    {fmt_ms(us / 1000):>8}  {name}" for name, us in packages),
        "  single modules by own import time:",
        *(f"    {fmt_ms(us / 1000):>8}  {name}" for name, us in heaviest),
    ]


def rss_100k(options: Options) -> Result:
    count = 5_000 if options.quick else 100_000
    prepared = prepare(count, log=log)
    log(f"  rss_100k: client with {count:,} items, and the bare window, two runs each")
    bare_runs = [run_child("bare", env=_env(None)) for _ in range(2)]
    client_runs = [_client(prepared) for _ in range(2)]
    bare = max(r.maxrss_kib for r in bare_runs)
    ours = max(r.maxrss_kib for r in client_runs)
    diag = _client(prepared, diag=True)
    details = [
        f"peak RSS (ru_maxrss from wait4) of the client with {count:,} items stored and "
        f"{diag.output['rows']:,} rows in the list, window painted; the larger of two runs",
        f"start-up with {count:,} items: "
        f"{fmt_ms(statistics.median(r.output['elapsed_ms'] for r in client_runs))} "
        "(not a goal here; cold_start is)",
        "client phases at this size:",
        *_median_phases(client_runs),
        "after start, in-process, warm cache:",
        *(f"    {fmt_ms(float(v)):>8}  {k}" for k, v in diag.output.get("diag", {}).items()),
    ]
    return Result(
        name="rss_100k" if not options.quick else "rss_100k (quick: 5k)",
        measured=fmt_mb(ours),
        baseline=fmt_mb(bare),
        ratio=ours / bare,
        goal="≤ 250 MB",
        passed=ours <= RSS_GOAL_KIB,
        details=details,
    )
