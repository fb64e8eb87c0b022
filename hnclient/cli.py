"""Command line entry: no arguments starts the window; subcommands work without a display."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hnclient",
        description="海南州政务信息报送客户端 (Hainan Prefecture information client)",
        epilog="不带参数运行时打开程序窗口。(Without a command, the window opens.)",
    )
    subparsers = parser.add_subparsers(dest="command")
    from hnclient.checks.cli import add_parser as add_check_parser

    add_check_parser(subparsers)
    from hnclient.export_cli import add_parsers as add_export_parsers

    add_export_parsers(subparsers)
    from hnclient.signoff_cli import add_parsers as add_signoff_parsers

    add_signoff_parsers(subparsers)
    from hnclient.sync_cli import add_parsers as add_sync_parsers

    add_sync_parsers(subparsers)
    selftest = subparsers.add_parser(
        "selftest",
        help="检查本机安装的程序能否正常工作 (check that this installation works)",
        description="在临时文件夹中试用程序的各个部分（数据库、表单、附件检查、Word 文档、"
        "签发与核验、中文界面），不读写您自己的数据。全部正常时退出码为 0，否则说明哪一项失败。",
    )
    selftest.add_argument(
        "--no-gui",
        action="store_true",
        help="不检查界面部分（Qt 与中文翻译），只检查其余各项",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        from hnclient.ui.app import run_gui

        return run_gui()
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
    if args.command == "selftest":
        return _selftest(args)
    parser.error(f"unknown command {args.command}")
    return 2


def _selftest(args: argparse.Namespace) -> int:
    from hnclient.selftest import Step, main_environ_defaults, run_selftest

    extra: list[Step] = []
    if not args.no_gui:
        main_environ_defaults()
        from hnclient.ui.selftest import STEPS

        extra = STEPS
    return run_selftest(extra)
