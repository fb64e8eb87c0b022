"""`hnclient check [--json] FILE...` — the format checks without the window.

Lets county IT check a folder of materials in a script, and gives the GUI's verdicts a
scriptable twin that tests can run in a subprocess.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from hnclient.checks import Limits, check_file
from hnclient.checks.verdict import Verdict

EXIT_ACCEPTED = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


def add_parser(subparsers: Any) -> None:
    """Register ``check`` on the main parser's subparsers (typed Any: argparse's is private)."""
    parser = subparsers.add_parser(
        "check",
        help="检查文件格式是否符合报送要求 (check files against the submission formats)",
        description="检查文件是否可以报送：Word 文档、JPG 照片、WMV 视频"
        "（以及县级预设另外允许的格式）。退出码：0 全部通过，1 有文件不能报送，2 用法错误。"
        "--json 输出中的 code 是供脚本使用的结果代码。",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON (machine-readable output)")
    parser.add_argument("files", nargs="*", metavar="FILE", type=Path, help="要检查的文件 (files)")


def _county_limits(err: TextIO) -> Limits:
    """The county preset's size limits, so the CLI judges as the window does."""
    from hnclient.preset import load_preset_reporting

    preset, problems = load_preset_reporting()
    for error in problems:
        print(error.message_zh(), file=err)
    return preset.limits


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if not args.files:
        print("用法：hnclient check [--json] 文件 …（至少给出一个文件）", file=err)
        return EXIT_USAGE
    limits = _county_limits(err)
    verdicts = [check_file(path, limits) for path in args.files]
    if args.json:
        entries = [v.to_json() for v in verdicts]
        text = json.dumps(entries, ensure_ascii=False, indent=2)
        if not _encodable(text, out):
            # A Tibetan name on a GBK console, or a file name that is not valid UTF-8
            # (lone surrogates): \u escapes keep the output valid JSON instead of crashing.
            text = json.dumps(entries, ensure_ascii=True, indent=2)
        out.write(text + "\n")
    else:
        for verdict in verdicts:
            _print_human(verdict, out)
    return EXIT_ACCEPTED if all(v.accepted for v in verdicts) else EXIT_REFUSED


def _encodable(text: str, out: TextIO) -> bool:
    try:
        text.encode(getattr(out, "encoding", None) or "utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _writable(text: str, out: TextIO) -> str:
    """``text`` with what ``out`` cannot encode written as backslash escapes."""
    encoding = getattr(out, "encoding", None) or "utf-8"
    return text.encode(encoding, "backslashreplace").decode(encoding)


def _print_human(verdict: Verdict, out: TextIO) -> None:
    # Plain CJK brackets rather than ✔/✘: a GBK Windows console cannot print those.
    # The message says it in words; the codes (for scripts) are in --json.
    status = "【可以报送】" if verdict.accepted else "【不能报送】"
    out.write(_writable(f"{status}{verdict.path}\n    {verdict.message}\n", out))
    for warning in verdict.warnings:
        out.write(_writable(f"    注意：{warning.message}\n", out))
