"""Command line entry: no arguments starts the window; subcommands work without a display."""

from __future__ import annotations

import argparse
import sys

from hnclient import __version__
from hnprotocol.argparse_zh import ChineseArgumentParser


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="hnclient",
        description="海南州政务信息报送客户端 (Hainan Prefecture information client)",
        epilog="不带参数运行时打开程序窗口。(Without a command, the window opens.)",
    )
    parser.add_argument("-V", "--version", action="version", version=f"hnclient {__version__}")
    subparsers = parser.add_subparsers(dest="command")
    from hnclient.checks.cli import add_parser as add_check_parser

    add_check_parser(subparsers)
    from hnclient.export_cli import add_parsers as add_export_parsers

    add_export_parsers(subparsers)
    from hnclient.signoff_cli import add_parsers as add_signoff_parsers

    add_signoff_parsers(subparsers)
    from hnclient.sync_cli import add_parsers as add_sync_parsers

    add_sync_parsers(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    from hnclient.support import display_problem, start_command_log

    start_command_log(args.command or "window")
    if args.command is None:
        problem = display_problem()
        if problem:  # before Qt, which would abort with English messages
            print(problem, file=sys.stderr)
            return 3
        from hnclient.ui.app import run_gui
        from hnclient.ui.crash import run_guarded

        return run_guarded(run_gui)
    if args.command == "check":
        from hnclient.checks.cli import run as run_check

        return run_check(args)
    if args.command in ("export", "list"):
        from hnclient.export_cli import run_export, run_list

        return run_export(args) if args.command == "export" else run_list(args)
    if args.command in ("audit", "verify"):
        from hnclient.signoff_cli import run_audit, run_verify

        return run_audit(args) if args.command == "audit" else run_verify(args)
    if args.command == "sync":
        from hnclient.sync_cli import run_sync

        return run_sync(args)
    parser.error(f"unknown command {args.command}")
    return 2
