"""Command line entry: no arguments starts the window; subcommands work without a display."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hnclient import __version__
from hnprotocol.argparse_zh import ChineseArgumentParser


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="hnclient",
        description="海南州政务信息报送客户端 (Hainan Prefecture information client)",
        epilog="不带参数运行时打开程序窗口；“hnclient 文件…”打开窗口，"
        "把文件作为附件交给正在编辑的信息。"
        "(Without a command, the window opens; with files, the window takes them.)",
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


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def _looks_like_a_file(argument: str) -> bool:
    """A file opened with the program, not a mistyped command (``hnclient lst`` must still
    say it is no command): it exists, or has a folder or an extension in its name."""
    if argument.startswith("-"):
        return False
    path = Path(argument)
    return path.exists() or bool(path.suffix) or len(path.parts) > 1


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = sys.argv[1:] if argv is None else argv
    from hnclient.support import display_problem, start_command_log

    files: list[str] = []
    if arguments and arguments[0] not in _commands(parser) and _looks_like_a_file(arguments[0]):
        # `hnclient photo.jpg`: files opened with the program (dropped on its icon, "Open
        # with"): the window takes them, or the window already open does.
        files = list(arguments)
        args = argparse.Namespace(command=None)
    else:
        args = parser.parse_args(arguments)

    if args.command != "selftest":  # the self-test works in a throwaway folder, logs nowhere
        start_command_log(args.command or "window")
    if args.command is None:
        problem = display_problem()
        if problem:  # before Qt, which would abort with English messages
            print(problem, file=sys.stderr)
            return 3
        from hnclient.ui.app import run_gui
        from hnclient.ui.crash import run_guarded

        return run_guarded(lambda: run_gui(files=files or None))
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
